/**
 * Issue 3 audit: gradcheck (float64) of the dropout functionals, which the layer tests compare
 * with PyTorch's masks but did not differentiate numerically. The same seed before every call
 * makes each evaluation draw the same mask, so the function gradcheck sees is deterministic.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as torch from "../../src/index.js";

const F = torch.nn.functional;
const { gradcheck, gradgradcheck } = torch.autograd;
type T = torch.Tensor;

function leaf(...shape: number[]): T {
  const n = shape.reduce((p, s) => p * s, 1);
  return torch.linspace(-2, 3, n, { dtype: torch.float64 }).reshape(shape).requires_grad_();
}

const seeded =
  (fn: (x: T) => T, seed = 7) =>
  (x: T) => {
    torch.manual_seed(seed);
    return fn(x);
  };

const CASES: [string, (x: T) => T, () => T][] = [
  ["dropout", (x) => F.dropout(x, 0.4), () => leaf(4, 5)],
  ["dropout eval", (x) => F.dropout(x, 0.4, false), () => leaf(4, 5)],
  ["dropout1d", (x) => F.dropout1d(x, 0.5), () => leaf(2, 3, 4)],
  ["dropout2d", (x) => F.dropout2d(x, 0.5), () => leaf(2, 3, 2, 2)],
  ["dropout3d", (x) => F.dropout3d(x, 0.5), () => leaf(2, 3, 1, 2, 2)],
  ["alpha_dropout", (x) => F.alpha_dropout(x, 0.3, true), () => leaf(4, 5)],
  ["feature_alpha_dropout", (x) => F.feature_alpha_dropout(x, 0.5, true), () => leaf(2, 3, 2, 2)],
];

for (const [name, fn, input] of CASES) {
  test(`gradcheck ${name} (fixed mask)`, () => {
    assert.ok(gradcheck(seeded(fn), [input()]));
    assert.ok(gradgradcheck(seeded(fn), [input()]));
  });
}

test("the dropout gradient is the mask scaled by 1/(1-p): zero exactly where the output is", () => {
  const x = leaf(6, 5);
  torch.manual_seed(3);
  const y = F.dropout(x, 0.5);
  y.sum().backward();
  const g = (x.grad as T).tolist() as number[][];
  const out = y.detach().tolist() as number[][];
  const xs = x.detach().tolist() as number[][];
  g.forEach((row, i) =>
    row.forEach((v, j) => {
      assert.ok(v === 0 || v === 2, `grad ${v}`);
      assert.equal(out[i][j], v * xs[i][j]);
    }),
  );
});
