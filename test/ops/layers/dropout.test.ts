/**
 * F.dropout's gradient is its mask scaled by 1/(1-p): zero exactly where the output is, and
 * the output is that gradient times the input. (The dropouts' gradchecks are in test/op_db.)
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as torch from "../../../src/index.js";

const F = torch.nn.functional;
type T = torch.Tensor;

function leaf(...shape: number[]): T {
  const n = shape.reduce((p, s) => p * s, 1);
  return torch.linspace(-2, 3, n, { dtype: torch.float64 }).reshape(shape).requires_grad_();
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
