/**
 * W2 mlp-train, torch-ts side: 784 -> 256 -> ReLU -> 10, cross-entropy, SGD lr 0.01 momentum
 * 0.9, batch 64, 50 fixed random batches cycled. Reports ms per training step (forward,
 * backward, step, zero_grad).
 */
// the built package, as users run it (tsx's on-the-fly transform of src/ runs slower)
import * as torch from "../../dist/index.js";
import { median_us } from "../timing.js";

const { nn, optim } = torch;

torch.manual_seed(0);
const batches = Array.from({ length: 50 }, () => [torch.randn(64, 784), torch.randint(0, 10, [64])] as const);
const model = new nn.Sequential(new nn.Linear(784, 256), new nn.ReLU(), new nn.Linear(256, 10));
const criterion = new nn.CrossEntropyLoss();
const optimizer = new optim.SGD(model.parameters(), { lr: 0.01, momentum: 0.9 });

let next = 0;
function train_step(): void {
  const [xb, yb] = batches[next];
  next = (next + 1) % batches.length;
  optimizer.zero_grad();
  criterion(model(xb), yb).backward();
  optimizer.step();
}

// 500 steps in 5 rounds (10 passes over the batches), after the warm-up
console.log(JSON.stringify({ w2_step_ms: median_us(500, train_step, 5) / 1e3 }));
