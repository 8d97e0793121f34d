/**
 * Checkpoints both ways with PyTorch (`npx tsx examples/checkpoint_roundtrip.ts`): train a small
 * regression model in torch-ts for five steps and `torch.save` the model and optimizer; PyTorch
 * loads that file and continues training on exactly the numbers it would have had on its own
 * (test/golden/gen_serialization.py does it and records the losses). Then the way back: load the
 * checkpoint PyTorch saved after ten steps (test/fixtures/serialization/pytorch_checkpoint.pt)
 * and continue in torch-ts on PyTorch's numbers. test/serialization/pytorch.test.ts checks
 * every printed loss against PyTorch's.
 *
 * In your own project, import the package instead: `import * as torch from "torch-ts";`
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import * as torch from "../src/index.js";

const { nn, optim } = torch;

/** The model both sides build: after manual_seed(0), PyTorch's initial weights. */
export function make_model(): torch.nn.Sequential {
  return new nn.Sequential(new nn.Linear(2, 8), new nn.Tanh(), new nn.Linear(8, 1));
}

/** Eight points of y = x0/2 - x1^2, every number exact in float32 (PyTorch builds the same). */
export function data(): [torch.Tensor, torch.Tensor] {
  const xs = Array.from({ length: 8 }, (_, i) => [(i - 3.5) / 4, (((i * 3) % 8) - 3.5) / 4]);
  return [torch.tensor(xs), torch.tensor(xs.map(([a, b]) => [a / 2 - b * b]))];
}

export function make_optimizer(model: torch.nn.Module): torch.optim.SGD {
  return new optim.SGD(model.parameters(), { lr: 0.1, momentum: 0.9 });
}

/** `steps` steps of full-batch training; the loss before each step. */
export function train(model: torch.nn.Sequential, opt: torch.optim.Optimizer, steps: number): number[] {
  const [x, y] = data();
  const losses: number[] = [];
  for (let i = 0; i < steps; i++) {
    opt.zero_grad();
    const loss = nn.functional.mse_loss(model(x), y);
    loss.backward();
    opt.step();
    losses.push(loss.item() as number);
  }
  return losses;
}

/** The torch-ts half: five steps from manual_seed(0), and the checkpoint to save. */
export function torch_ts_first_five(): { losses: number[]; checkpoint: Record<string, unknown> } {
  torch.manual_seed(0);
  const model = make_model();
  const opt = make_optimizer(model);
  const losses = train(model, opt, 5);
  return { losses, checkpoint: { model: model.state_dict(), optimizer: opt.state_dict(), step: 5 } };
}

async function main(): Promise<void> {
  const { losses, checkpoint } = torch_ts_first_five();
  console.log(`torch-ts steps 1-5 losses: ${losses.join(" ")}`);
  const path = join(mkdtempSync(join(tmpdir(), "torch-ts-")), "checkpoint.pt");
  await torch.save(checkpoint, path);
  console.log(`saved model and optimizer to ${path}: in PyTorch, torch.load(path) and continue`);

  // the way back: PyTorch's checkpoint after ten steps
  const file = fileURLToPath(
    new URL("../test/fixtures/serialization/pytorch_checkpoint.pt", import.meta.url),
  );
  const ck = await torch.load<{
    model: torch.nn.StateDict;
    optimizer: torch.optim.OptimizerStateDict;
    step: number;
  }>(file);
  const model = make_model();
  const opt = make_optimizer(model);
  model.load_state_dict(ck.model);
  opt.load_state_dict(ck.optimizer);
  const next = train(model, opt, 5);
  console.log(`continued PyTorch's checkpoint (step ${ck.step}), steps 11-15 losses: ${next.join(" ")}`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
