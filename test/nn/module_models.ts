/**
 * The models of test/golden/gen_nn_module.py, written as a PyTorch user would port them, and
 * helpers to read the fixture's state dicts.
 */
import * as torch from "../../src/index.js";
import { decode, load_golden, type EncodedTensor } from "../helpers/golden.js";

const { nn } = torch;
type Tensor = torch.Tensor;

export class Block extends nn.Module {
  lin = new nn.Linear(3, 3);
  scale = new nn.Parameter(torch.ones(1));
  constructor() {
    super();
    this.register_buffer("running", torch.zeros(3));
    this.register_buffer("tmp", torch.ones(2), false);
  }
  declare running: Tensor;
  override forward(x: Tensor): Tensor {
    return this.lin(x).mul(this.scale).add(this.running);
  }
}

export class Net extends nn.Module {
  fc = new nn.Linear(4, 3);
  alpha = new nn.Parameter(torch.tensor([0.5]));
  block = new Block();
  seq = new nn.Sequential(new nn.Linear(3, 2), new nn.ReLU(), new nn.Dropout(0.1));
  declare count: Tensor;
  declare tied: torch.nn.Linear;
  constructor() {
    super();
    this.register_buffer("count", torch.tensor(0, { dtype: torch.int64 }));
    this.tied = this.fc;
  }
  override forward(x: Tensor): Tensor {
    return this.seq(this.block(this.fc(x).mul(this.alpha)));
  }
}

export type E = EncodedTensor;
export type SD = [string, E][];

export function sd_of(entries: SD): Map<string, Tensor> {
  return new Map(entries.map(([k, v]) => [k, decode(v)]));
}

export const golden = load_golden<Record<string, Record<string, unknown>>>("nn_module");

export function close(actual: Tensor | null, expected: E | null, msg?: string): void {
  if (expected === null || actual === null) {
    if (expected !== actual)
      throw new Error(`${msg ?? ""}: expected ${JSON.stringify(expected)}, got ${String(actual)}`);
    return;
  }
  torch.testing.assert_close(actual, decode(expected), { equal_nan: true, msg });
}
