/**
 * The Quickstart network's training epoch, torch-ts side: PyTorch's tutorial model (Flatten,
 * 784 -> 512 -> ReLU -> 512 -> ReLU -> 10), cross-entropy, SGD lr 1e-3, batch 64, over
 * FashionMNIST's shape (60000 images 1x28x28, 10 classes) with synthetic data: the timing does
 * not depend on the pixel values. Times 120 steps of a shuffled DataLoader after 20 warm-up
 * steps and reports an epoch's seconds (938 steps) from the median step.
 */
import { torch } from "./torch.js";
import { median_us, report } from "../timing.js";

const { nn, optim } = torch;
const { TensorDataset, DataLoader } = torch.utils.data;
torch.manual_seed(0);
const images = torch.rand(60000, 1, 28, 28);
const labels = torch.randint(0, 10, [60000]);
const loader = new DataLoader(new TensorDataset(images, labels), { batch_size: 64, shuffle: true });

class NeuralNetwork extends nn.Module {
  flatten = new nn.Flatten();
  linear_relu_stack = new nn.Sequential(
    new nn.Linear(28 * 28, 512),
    new nn.ReLU(),
    new nn.Linear(512, 512),
    new nn.ReLU(),
    new nn.Linear(512, 10),
  );
  forward(x: torch.Tensor) {
    return this.linear_relu_stack(this.flatten(x));
  }
}
const model = new NeuralNetwork();
const loss_fn = new nn.CrossEntropyLoss();
const optimizer = new optim.SGD(model.parameters(), { lr: 1e-3 });

let it = loader[Symbol.iterator]();
function step(): void {
  let next = it.next();
  if (next.done) {
    it = loader[Symbol.iterator]();
    next = it.next();
  }
  const [X, y] = next.value as torch.Tensor[];
  const loss = loss_fn(model(X), y);
  loss.backward();
  optimizer.step();
  optimizer.zero_grad();
}

const step_us = median_us(140, step, 7);
report({ quickstart_epoch_s: (step_us * Math.ceil(60000 / 64)) / 1e6, backend: torch.get_backend() });
