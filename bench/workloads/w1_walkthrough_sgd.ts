/**
 * W1 walkthrough-sgd, torch-ts side: the walkthrough trained as its users write it (nn.Module,
 * MSELoss, SGD, TensorDataset + DataLoader batches of 3 in order). Checks the first step's
 * numbers, then reports µs per optimizer step (batching, forward, backward, step, zero_grad):
 * over the walkthrough's whole run of 3000 epochs from a cold start (what a user waits for,
 * JIT compilation included), and in the steady state after a warm-up.
 */
import { torch } from "./torch.js";
import { median_us, report } from "../timing.js";
import { walkthrough } from "./w1_setup.js";

const { loader, model, criterion, optimizer } = walkthrough();

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

// the walkthrough's 3000 epochs from a cold start; an epoch is 3 optimizer steps
const t0 = performance.now();
for (let e = 0; e < 3000; e++) epoch();
const w1_run_us = ((performance.now() - t0) * 1e3) / 9000;

// then the steady state: 3000 epochs in 5 rounds after a warm-up
report({ w1_step_us: median_us(3000, epoch, 5) / 3, w1_run_us, backend: torch.get_backend() });
