/**
 * clamp / clip / clamp_min / clamp_max with tensor bounds against PyTorch: broadcasting, NaN
 * bounds, crossed bounds (min > max), gradients for the input and both bounds, in place, and
 * type promotion (an int tensor clamped by float bounds is float); argument forms. The refusal
 * of no bound is an error sample of the op table (test/op_db/pointwise.ts).
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as torch from "../../../src/index.js";
import { decode, load_golden, type EncodedTensor } from "../../helpers/golden.js";

type E = EncodedTensor;
interface RunCase {
  inputs: E[];
  y: E;
  node: string;
  grads: (E | null)[];
}
interface Golden {
  clamp_tensor: {
    clamp_both: RunCase;
    clamp_min_only: RunCase;
    clamp_max_only: RunCase;
    clamp_min_fn: RunCase;
    clamp_max_fn: RunCase;
    clip_both: RunCase;
    clamp_inplace: { x: E; lo: E; hi: E; y: E };
    clamp_int_float: { x: E; lo: E; y: E };
    clamp_int_int: { x: E; hi: E; y: E };
    clamp_inplace_int_error: { message: string };
  };
}
const golden = load_golden<Golden>("pointwise");
const ct = golden.clamp_tensor;
const close = (a: torch.Tensor, e: E, msg: string) =>
  torch.testing.assert_close(a, decode(e), { equal_nan: true, msg });

type T = torch.Tensor;
type RunName =
  "clamp_both" | "clamp_min_only" | "clamp_max_only" | "clamp_min_fn" | "clamp_max_fn" | "clip_both";
const RUNS: Record<RunName, (...t: T[]) => T> = {
  clamp_both: (x, lo, hi) => torch.clamp(x, lo, hi),
  clamp_min_only: (x, lo) => torch.clamp(x, { min: lo }),
  clamp_max_only: (x, hi) => torch.clamp(x, { max: hi }),
  clamp_min_fn: (x, lo) => torch.clamp_min(x, lo),
  clamp_max_fn: (x, hi) => x.clamp_max(hi),
  clip_both: (x, lo, hi) => x.clip(lo, hi),
};

for (const name of Object.keys(RUNS) as RunName[]) {
  const run = RUNS[name];
  test(`${name}: broadcast tensor bounds, values, node and gradients of every input`, () => {
    const c: RunCase = ct[name];
    const ins = c.inputs.map((e) => decode(e).requires_grad_());
    const y = run(...ins);
    close(y, c.y, name);
    assert.equal(y.grad_fn?.name(), c.node);
    const g = torch
      .arange(1, 13, { dtype: torch.float64 })
      .reshape(3, 4)
      .expand(...y.shape);
    const grads = torch.autograd.grad(y, ins, { grad_outputs: g, allow_unused: true });
    c.grads.forEach((e, i) => {
      if (e === null) assert.equal(grads[i], null);
      else close(grads[i]!, e, `${name} grad ${i}`);
    });
  });
}

test("clamp_ with tensor bounds writes into self", () => {
  const c = ct.clamp_inplace;
  const t = decode(c.x).clone();
  const r = t.clamp_(decode(c.lo), decode(c.hi).expand(3, 4));
  assert.equal(r, t);
  close(t, c.y, "clamp_");
});

test("tensor bounds promote like a binary op", () => {
  const a = ct.clamp_int_float;
  const y = torch.clamp(decode(a.x), decode(a.lo));
  assert.equal(y.dtype, torch.float32);
  close(y, a.y, "int64 clamped by float32");
  const b = ct.clamp_int_int;
  const z = torch.clamp(decode(b.x), { max: decode(b.hi) });
  assert.equal(z.dtype, torch.int64);
  close(z, b.y, "int64 clamped by int32");
  assert.throws(
    () => decode(a.x).clone().clamp_(decode(a.lo)),
    /can't be cast to the desired output type/,
    ct.clamp_inplace_int_error.message,
  );
});

test("clamp arguments: positional and keyword forms agree", () => {
  const x = torch.tensor([-2, -0.5, 0.25, 3]);
  const expected = torch.clamp(x, -1.5, 0.5);
  for (const y of [x.clamp({ min: -1.5, max: 0.5 }), x.clamp(-1.5, { max: 0.5 }), x.clip(-1.5, 0.5)]) {
    torch.testing.assert_close(y, expected);
  }
  assert.deepEqual(x.clamp(-1.5, 0.5).tolist(), [-1.5, -0.5, 0.25, 0.5]);
  assert.throws(() => x.clamp(-1, { min: 0 }), /got multiple values for argument 'min'/);
});

test("clamp does not mix tensor and number bounds, except a zero-dim tensor read as a number", () => {
  const x = torch.tensor([0.5, 2], { requires_grad: true });
  assert.throws(
    () => torch.clamp(x, torch.tensor([0, 1]), 0.75),
    /clamp\(\) received an invalid combination of arguments/,
  );
  const y = torch.clamp(x, torch.tensor(0.75), 1.5);
  assert.equal(y.grad_fn?.name(), "ClampBackward1");
  assert.deepEqual(y.tolist(), [0.75, 1.5]);
});
