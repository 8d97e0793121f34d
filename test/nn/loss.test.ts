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

test("mse_loss's gradient is the same bits with and without create_graph (float32, float64, broadcast, mixed)", () => {
  const g = torch.Generator().manual_seed(3);
  const cases = [
    [torch.float32, torch.float32, [5, 7]],
    [torch.float64, torch.float64, [5, 7]],
    [torch.float32, torch.float64, [5, 7]],
    [torch.float32, torch.float32, [7]],
  ] as const;
  for (const [dx, dt, ts] of cases) {
    for (const reduction of ["mean", "sum", "none"] as const) {
      const x0 = torch.randn([5, 7], { generator: g, dtype: dx });
      const t0 = torch.randn([...ts], { generator: g, dtype: dt });
      const w = torch.randn([5, 7], { generator: g, dtype: torch.promote_types(dx, dt) });
      const grads = [false, true].map((create_graph) => {
        const x = x0.clone().requires_grad_();
        const t = t0.clone().requires_grad_();
        const loss = torch.nn.functional.mse_loss(x, t, { reduction });
        const out = reduction === "none" ? loss.mul(w).sum() : loss.mul(3);
        return torch.autograd.grad(out, [x, t], { create_graph }).map((r) => r!.detach());
      });
      for (let k = 0; k < 2; k++) {
        assert.equal(grads[0][k].dtype, grads[1][k].dtype);
        assert.deepEqual(grads[0][k].tolist(), grads[1][k].tolist(), `${dx.name}/${dt.name} ${reduction}`);
      }
      assert.ok((grads[0][0].abs().sum().item() as number) > 0);
    }
  }
});
