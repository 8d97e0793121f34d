/**
 * The walkthrough's first batch through nn.MSELoss, printed as PyTorch prints it. Every loss of
 * torch.nn.functional against PyTorch (values, gradients, nodes, errors; test/golden/gen_loss.py)
 * and its gradcheck are the op table's (test/op_db/loss.ts).
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as torch from "../../src/index.js";
import { decode, load_golden, type EncodedTensor } from "../helpers/golden.js";

type Tensor = torch.Tensor;

const CASES = load_golden<{ fn: string }[]>("loss");

test("walkthrough: nn.MSELoss on the first batch prints PyTorch's repr", () => {
  const c = CASES.find((x) => x.fn === "walkthrough") as unknown as {
    x: EncodedTensor;
    y: EncodedTensor;
    repr: string;
    out: EncodedTensor;
    w_grad: EncodedTensor;
  };
  const w = torch.zeros(1).requires_grad_(true);
  const criterion = new torch.nn.MSELoss();
  const loss = criterion(decode(c.x).mul(w), decode(c.y));
  assert.equal(String(loss), c.repr);
  torch.testing.assert_close(loss, decode(c.out));
  loss.backward();
  torch.testing.assert_close(w.grad as Tensor, decode(c.w_grad));
});
