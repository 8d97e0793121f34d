/**
 * W1 walkthrough-sgd, torch-ts side: the walkthrough trained as its users write it (nn.Module,
 * MSELoss, SGD, TensorDataset + DataLoader batches of 3 in order). Checks the first step's
 * numbers, then reports µs per optimizer step (batching, forward, backward, step, zero_grad).
 */
import * as torch from "../../src/index.js";

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

const epochs = 3000;
for (let i = 0; i < 100; i++) epoch();
const samples: number[] = [];
for (let r = 0; r < 5; r++) {
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < epochs / 5; i++) epoch();
  samples.push(Number(process.hrtime.bigint() - t0) / 1e3 / ((epochs / 5) * 3));
}
samples.sort((p, q) => p - q);
console.log(JSON.stringify({ w1_step_us: samples[2] }));
