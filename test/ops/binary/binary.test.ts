/**
 * Binary ops beyond their fixture cases (values, dtypes, nodes, gradients and errors against
 * PyTorch are the op table's: test/op_db/binary.ts, comparison.ts): addcmul_'s float32
 * trajectory in the Adam pattern, bit for bit, and pow's exponent gradient at a zero base.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as torch from "../../../src/index.js";
import { decode, load_golden, type EncodedTensor } from "../../helpers/golden.js";

const golden = load_golden<{ cases: { name: string; out?: EncodedTensor }[] }>("binary");

test("addcmul_ in the Adam pattern matches PyTorch's float32 trajectory bit for bit", () => {
  const expected = golden.cases.find((c) => c.name === "addcmul_adam_trajectory")!;
  const v = torch.zeros(5);
  let g = torch.tensor([0.1, -0.2, 0.3, 1e-3, -5.0]);
  for (let i = 0; i < 50; i++) {
    v.mul_(0.999).addcmul_(g, g, { value: 1 - 0.999 });
    g = g.mul(1.01);
  }
  torch.testing.assert_close(v, decode(expected.out!), { rtol: 0, atol: 0 });
});

test("pow's exponent gradient is 0 where base == 0 and exponent >= 0 (not NaN from log 0)", () => {
  const base = torch.tensor([0, 0, 0, 2], { dtype: torch.float64, requires_grad: true });
  const exp = torch.tensor([0, 1, 2, 0.5], { dtype: torch.float64, requires_grad: true });
  base.pow(exp).sum().backward();
  const g = exp.grad!.tolist() as number[];
  assert.deepEqual(g.slice(0, 3), [0, 0, 0]);
  assert.ok(Math.abs(g[3] - Math.SQRT2 * Math.LN2) < 1e-12);
});

test("integer division by zero is refused only when there is something to divide", () => {
  const e = torch.zeros(0, { dtype: torch.int64 });
  assert.deepEqual(e.fmod(torch.tensor(false)).shape, [0]);
  assert.deepEqual(e.div(0, { rounding_mode: "floor" }).shape, [0]);
  assert.throws(() => torch.ones(2, { dtype: torch.int64 }).fmod(torch.tensor(false)), /ZeroDivisionError$/);
});

test("copysign saves its result even when only other needs grad, as PyTorch's codegen does", () => {
  const a = torch.tensor([1, -2]);
  const b = torch.tensor([-1, 1], { requires_grad: true });
  const r = torch.copysign(a, b);
  r.mul_(2);
  assert.throws(
    () => r.sum().backward(),
    /one of the variables needed for gradient computation has been modified by an inplace operation/,
  );
});
