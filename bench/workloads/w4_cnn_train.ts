/**
 * W4 cnn-train, torch-ts side: input [32, 1, 28, 28]; conv 1->8 3x3 pad 1, ReLU, maxpool 2;
 * conv 8->16 3x3 pad 1, ReLU, maxpool 2; flatten; linear 784->10; cross-entropy; SGD lr 0.01.
 * Reports ms per training step.
 */
import { torch } from "./torch.js";
import { median_us, report } from "../timing.js";

const { nn, optim } = torch;
torch.manual_seed(0);
const model = new nn.Sequential(
  new nn.Conv2d(1, 8, 3, { padding: 1 }),
  new nn.ReLU(),
  new nn.MaxPool2d(2),
  new nn.Conv2d(8, 16, 3, { padding: 1 }),
  new nn.ReLU(),
  new nn.MaxPool2d(2),
  new nn.Flatten(),
  new nn.Linear(784, 10),
);
const criterion = new nn.CrossEntropyLoss();
const optimizer = new optim.SGD(model.parameters(), { lr: 0.01 });
const x = torch.randn(32, 1, 28, 28);
const y = torch.randint(0, 10, [32]);

function step(): void {
  optimizer.zero_grad();
  criterion(model(x), y).backward();
  optimizer.step();
}

report({ w4_step_ms: median_us(300, step, 7) / 1e3, backend: torch.get_backend() });
