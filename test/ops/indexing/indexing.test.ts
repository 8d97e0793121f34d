/**
 * Subscripting against PyTorch's values (test/golden/indexing.json from gen_indexing.py): x[...]
 * as x.index(...) and x[...] = v as index_put_, with outputs, gradients, grad_fn names and error
 * messages; and scatter(reduce)'s backward refusal. The dim-wise ops' cases (gather, scatter,
 * index_*, masked ops, take, nonzero) are the op table's (test/op_db/indexing.ts).
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as torch from "../../../src/index.js";
import type { IndexArg } from "../../../src/tensor/indexing.js";
import { decode, is_encoded_tensor, load_golden, type EncodedTensor } from "../../helpers/golden.js";

interface Err {
  type: string;
  message: string;
}
type Raw = unknown;
interface GetitemCase {
  base: EncodedTensor;
  layout: string;
  index: Raw[];
  out: EncodedTensor;
  node?: string;
  grad?: EncodedTensor;
}
interface SetitemCase {
  base: EncodedTensor;
  index: Raw[];
  values: EncodedTensor | number;
  accumulate: boolean;
  out: EncodedTensor;
  node?: string;
  grad?: EncodedTensor;
  values_grad?: EncodedTensor;
}
const G = load_golden<{
  getitem: GetitemCase[];
  getitem_errors: Record<string, { index: Raw[]; error: Err }>;
  setitem: SetitemCase[];
  setitem_errors: Record<string, { index: Raw[]; values: EncodedTensor; error: Err }>;
  op_errors: Record<string, { error: Err; node?: string }>;
}>("indexing");

/** Fixture values back into JS: encoded tensors decoded, lists kept (index lists stay lists). */
function dec(v: Raw): unknown {
  if (is_encoded_tensor(v)) return decode(v);
  if (Array.isArray(v)) return v.map(dec);
  return v;
}
const T = (v: Raw) => dec(v) as torch.Tensor;
const idx = (v: Raw[]) => v.map(dec) as IndexArg[];

function layout(t: torch.Tensor, name: string | undefined): torch.Tensor {
  if (name === "t") return t.transpose(0, -1);
  if (name === "step") return t.index("::2");
  if (name === "expand") return t.expand([3, ...t.shape.slice(1)]);
  return t;
}

function grad_output(out: torch.Tensor): torch.Tensor {
  return torch.arange(out.numel(), { dtype: torch.float64 }).mul(0.5).add(1).reshape(out.shape).to(out.dtype);
}

const close = (a: torch.Tensor, e: torch.Tensor, msg: string) => torch.testing.assert_close(a, e, { msg });

/** Python's IndexError is RangeError here; RuntimeError and ValueError are Error. */
function check_error(fn: () => unknown, err: Err, what: string): void {
  assert.throws(fn, (e: unknown) => {
    assert.ok(e instanceof Error, what);
    assert.equal(e.message, err.message, what);
    if (err.type === "IndexError") assert.ok(e instanceof RangeError, `${what}: expected a RangeError`);
    return true;
  });
}

test("x.index(...) gives PyTorch's values, gradients and grad_fn", () => {
  for (const c of G.getitem) {
    const what = `x${JSON.stringify(c.index)} (${c.layout || "contiguous"}, ${c.base.dtype})`;
    const base = T(c.base);
    if (base.dtype.is_floating_point) base.requires_grad_(true);
    const x = layout(base, c.layout);
    const out = x.index(...idx(c.index));
    close(out, T(c.out), what);
    if (c.node) {
      assert.equal(out.grad_fn?.name(), c.node, what);
      out.backward(grad_output(out));
      close(base.grad as torch.Tensor, T(c.grad), `${what} grad`);
    } else {
      assert.equal(out.grad_fn, null, what);
    }
  }
});

test("x.index(...) errors are PyTorch's", () => {
  const x = torch.zeros(2, 3, 4);
  for (const [k, c] of Object.entries(G.getitem_errors))
    check_error(() => x.index(...idx(c.index)), c.error, k);
});

test("x.index_put_(...) (x[...] = v and index_put_) gives PyTorch's values and gradients", () => {
  for (const c of G.setitem) {
    const what = `x${JSON.stringify(c.index)} = v (${c.base.dtype}, accumulate=${c.accumulate})`;
    const base = T(c.base);
    const values = typeof c.values === "number" ? c.values : T(c.values);
    const grads = c.node !== undefined;
    if (grads) {
      base.requires_grad_(true);
      (values as torch.Tensor).requires_grad_(true);
    }
    const x = grads ? base.mul(1) : base.clone();
    const r = x.index_put_(idx(c.index), values, c.accumulate);
    assert.equal(r, x, `${what}: returns self`);
    close(x, T(c.out), what);
    if (grads) {
      assert.equal(x.grad_fn?.name(), c.node, what);
      x.backward(grad_output(x));
      close(base.grad as torch.Tensor, T(c.grad), `${what} grad`);
      close((values as torch.Tensor).grad as torch.Tensor, T(c.values_grad), `${what} values grad`);
    }
  }
});

test("index_put_ errors are PyTorch's", () => {
  for (const [k, c] of Object.entries(G.setitem_errors)) {
    check_error(() => torch.zeros(3).index_put_(idx(c.index), T(c.values)), c.error, k);
  }
});

test("scatter with reduce records PyTorch's node and refuses to differentiate", () => {
  const w = torch.ones(3, { requires_grad: true });
  const r = torch.scatter(w, 0, torch.tensor([0], { dtype: torch.int64 }), 2, { reduce: "add" });
  const e = G.op_errors.scatter_reduce_backward;
  // PyTorch's Python API prefixes this C++ node's name with its namespace
  assert.equal(r.grad_fn?.name(), e.node?.replace("torch::autograd::", ""));
  check_error(() => r.sum().backward(), e.error, "scatter(reduce) backward");
});
