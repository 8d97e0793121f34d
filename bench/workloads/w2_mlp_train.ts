/**
 * W2 mlp-train, torch-ts side: 784 -> 256 -> ReLU -> 10, cross-entropy, SGD lr 0.01 momentum
 * 0.9, batch 64, 50 fixed random batches cycled. Reports ms per training step.
 */
import { torch } from "./torch.js";
import { median_us, report } from "../timing.js";

const { nn, optim } = torch;
torch.manual_seed(0);
const model = new nn.Sequential(new nn.Linear(784, 256), new nn.ReLU(), new nn.Linear(256, 10));
const criterion = new nn.CrossEntropyLoss();
const optimizer = new optim.SGD(model.parameters(), { lr: 0.01, momentum: 0.9 });
const xs = Array.from({ length: 50 }, () => torch.randn(64, 784));
const ys = Array.from({ length: 50 }, () => torch.randint(0, 10, [64]));

let i = 0;
function step(): void {
  const x = xs[i % 50];
  const y = ys[i % 50];
  i++;
  optimizer.zero_grad();
  criterion(model(x), y).backward();
  optimizer.step();
}

report({ w2_step_ms: median_us(350, step, 7) / 1e3, backend: torch.get_backend() });
