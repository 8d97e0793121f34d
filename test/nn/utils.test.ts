/**
 * torch.nn.utils against PyTorch (test/golden/gen_nn_module.py): clip_grad_norm_ (total norm
 * and clipped gradients for norm types 2, 1, inf and 3, clipping or not, float32 and float64,
 * non-finite totals, no gradients), clip_grad_value_, and the parameters_to_vector /
 * vector_to_parameters round trip.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as torch from "../../src/index.js";
import { decode } from "../helpers/golden.js";
import { Net, close, golden, sd_of, type E, type SD } from "./module_models.js";

const { nn } = torch;
const U = nn.utils;

interface ClipCase {
  dtype: string;
  norm_type: number | "inf";
  max_norm: number;
  grads: E[];
  total: E;
  clipped: E[];
}
interface Clip {
  cases: ClipCase[];
  nonfinite_error: string;
  nonfinite: { total: E; clipped: E };
  empty_total: E;
  value: { grads: E[]; clipped: E[] };
}
const C = golden.clip as unknown as Clip;

function params_with(grads: E[]): torch.nn.Parameter[] {
  return grads.map((g) => {
    const t = decode(g);
    const p = new nn.Parameter(torch.zeros(t.shape, { dtype: t.dtype }));
    p.grad = t;
    return p;
  });
}

for (const c of C.cases) {
  test(`clip_grad_norm_ ${c.dtype} norm_type=${c.norm_type} max_norm=${c.max_norm}`, () => {
    const ps = params_with(c.grads);
    const grads = ps.map((p) => p.grad);
    const nt = c.norm_type === "inf" ? Infinity : c.norm_type;
    const total = U.clip_grad_norm_(ps, c.max_norm, nt);
    close(total, c.total, "total norm");
    assert.equal(total.requires_grad, false);
    ps.forEach((p, i) => {
      // in place: the same gradient tensors, scaled
      assert.equal(p.grad, grads[i]);
      close(p.grad, c.clipped[i], `grad ${i}`);
    });
    // the keyword form and a generator of parameters give the same
    const qs = params_with(c.grads);
    const gen = (function* () {
      yield* qs;
    })();
    close(U.clip_grad_norm_(gen, c.max_norm, { norm_type: c.norm_type }), c.total, "kwargs total");
    qs.forEach((q, i) => close(q.grad, c.clipped[i], `kwargs grad ${i}`));
  });
}

test("clip_grad_norm_: non-finite totals, parameters without grad, no grads at all", () => {
  const make = () => {
    const ps = [new nn.Parameter(torch.zeros(2)), new nn.Parameter(torch.zeros(2))];
    ps[0].grad = torch.tensor([Infinity, 1]);
    return ps;
  };
  let msg = "";
  try {
    U.clip_grad_norm_(make(), 1.0, { error_if_nonfinite: true });
  } catch (e) {
    msg = (e as Error).message;
  }
  assert.equal(msg, C.nonfinite_error);
  const ps = make();
  close(U.clip_grad_norm_(ps, 1.0), C.nonfinite.total);
  close(ps[0].grad, C.nonfinite.clipped);
  assert.equal(ps[1].grad, null);
  close(U.clip_grad_norm_([new nn.Parameter(torch.zeros(2))], 1.0), C.empty_total);
  // a single tensor is accepted for the parameters
  const p = new nn.Parameter(torch.zeros(2));
  p.grad = torch.tensor([3, 4]);
  close(U.clip_grad_norm_(p, 1), { dtype: "float32", shape: [], data: [5] });
});

test("clip_grad_value_ clamps every gradient in place", () => {
  const ps = params_with(C.value.grads);
  U.clip_grad_value_(ps, 0.5);
  ps.forEach((p, i) => close(p.grad, C.value.clipped[i], `grad ${i}`));
});

interface Vectors {
  state_dict: SD;
  vec: E;
  node: string;
  new: E;
}

test("parameters_to_vector / vector_to_parameters round trip", () => {
  const V = golden.vectors as unknown as Vectors;
  const net = new Net();
  net.load_state_dict(sd_of(V.state_dict), false);
  const params = [...net.parameters()];
  const vec = U.parameters_to_vector(params);
  close(vec, V.vec);
  assert.equal(vec.grad_fn?.name(), V.node);
  const fresh = decode(V.new);
  U.vector_to_parameters(fresh, params);
  let off = 0;
  for (const p of params) {
    const n = p.numel();
    torch.testing.assert_close(p.detach(), fresh.narrow(0, off, n).view(p.shape));
    off += n;
  }
  // parameters now share the vector's storage, as PyTorch's param.data assignment does
  fresh.zero_();
  assert.equal(params[0].abs().sum().item(), 0);
  assert.throws(
    () => U.vector_to_parameters([1] as unknown as torch.Tensor, params),
    /expected torch\.Tensor, but got: list$/, // torch.typename([]) is "list"
  );
});
