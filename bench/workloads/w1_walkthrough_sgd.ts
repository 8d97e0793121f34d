/**
 * W1 walkthrough-sgd, torch-ts side: the walkthrough trained as its users write it (nn.Module,
 * MSELoss, SGD, TensorDataset + DataLoader batches of 3 in order). Checks the first step's
 * numbers, then reports µs per optimizer step (batching, forward, backward, step, zero_grad).
 */
import { torch } from "./torch.js";
import { median_us, report } from "../timing.js";

const { nn, optim } = torch;
const { TensorDataset, DataLoader } = torch.utils.data;

class SimpleModel extends nn.Module {
  weight = new nn.Parameter(torch.zeros(1));
  bias = new nn.Parameter(torch.zeros(1));
  forward(xb: torch.Tensor) {
    return xb.mul(this.weight).add(this.bias);
  }
}

const x = torch.arange(0, 9).float();
const y = x.mul(2).add(10);
const loader = new DataLoader(new TensorDataset(x, y), { batch_size: 3 });
const model = new SimpleModel();
const criterion = new nn.MSELoss();
const optimizer = new optim.SGD(model.parameters(), { lr: 0.01 });

function epoch(): void {
  for (const [xb, yb] of loader) {
    optimizer.zero_grad();
    criterion(model(xb), yb).backward();
    optimizer.step();
  }
}

// the first step must give the walkthrough's numbers
{
  const [xb, yb] = loader[Symbol.iterator]().next().value as torch.Tensor[];
  criterion(model(xb), yb).backward();
  optimizer.step();
  const w = model.weight.item() as number;
  const b = model.bias.item() as number;
  if (Math.abs(w - 0.26667) > 1e-5 || Math.abs(b - 0.24) > 1e-5) {
    throw new Error(`W1: first step gave w = ${w}, b = ${b}`);
  }
}

// 3000 epochs in 5 rounds; an epoch is 3 optimizer steps
report({ w1_step_us: median_us(3000, epoch, 5) / 3, backend: torch.get_backend() });
