/**
 * A small training loop for the browser test (chromium.test.ts): a 2 -> 16 -> Tanh -> 1 MLP
 * fitted by Adam for 20 steps on data drawn from the seeded generator. It prints, as strings
 * only, the model's and optimizer's reprs, a tensor, a Size, each step's loss as the shortest
 * string that round-trips the float (so equal text is equal bits) and the final weights.
 */
import * as torch from "../../src/index.js";

const { nn, optim } = torch;

// the reference kernels, whatever backend each side picked (blas in Node, wasm in the page):
// their bits are the same on every machine and engine, which is what the test compares
torch.use_deterministic_algorithms(true);
torch.manual_seed(0);
const x = torch.randn(64, 2);
const y = x.index(":", 0).mul(x.index(":", 1)).sin().unsqueeze(1);
const model = new nn.Sequential(new nn.Linear(2, 16), new nn.Tanh(), new nn.Linear(16, 1));
const optimizer = new optim.Adam(model.parameters(), { lr: 0.05 });
const loss_fn = new nn.MSELoss();
console.log(String(model));
console.log(String(optimizer));
console.log(String(x.index(torch.slice(0, 3))));
console.log(String(x.size()));
for (let step = 0; step < 20; step++) {
  optimizer.zero_grad();
  const loss = loss_fn(model(x), y);
  loss.backward();
  optimizer.step();
  console.log(`step ${step}: ${String(loss.item())} ${String(loss)}`);
}
console.log(JSON.stringify(model.get(2).weight.tolist()));
console.log(String(model.get(0).bias));
