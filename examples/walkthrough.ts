/**
 * The walkthrough of PyTorch's SGD example: y = w * x + b fitted to y = 2x + 10 with batches
 * of 3, printing each batch's gradients, loss and updated parameters.
 */
import * as torch from "../src/index.js";

const x = torch.arange(0, 9).float();
const y = x.mul(2).add(10);
const w = torch.zeros(1, { requires_grad: true });
const b = torch.zeros(1, { requires_grad: true });
const lr = 0.01;

const fmt = (t: torch.Tensor | null) => (t === null ? "null" : (t.item() as number).toFixed(4));

for (let batch = 0; batch < 3; batch++) {
  const xb = x.narrow(0, 3 * batch, 3);
  const yb = y.narrow(0, 3 * batch, 3);
  console.log(`batch ${batch + 1}: grads before: dl/dw = ${fmt(w.grad)}, dl/db = ${fmt(b.grad)}`);
  const loss = xb.mul(w).add(b).sub(yb).pow(2).mean();
  loss.backward();
  torch.no_grad(() => {
    w.sub_(w.grad!.mul(lr));
    b.sub_(b.grad!.mul(lr));
  });
  console.log(
    `  loss = ${fmt(loss)}, dl/dw = ${fmt(w.grad)}, dl/db = ${fmt(b.grad)}, w = ${fmt(w)}, b = ${fmt(b)}`,
  );
  w.grad = null;
  b.grad = null;
}
