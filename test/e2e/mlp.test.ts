/**
 * End to end: a 4 -> 8 -> ReLU -> 3 MLP (nn.Linear, nn.ReLU) trained with nn.CrossEntropyLoss and
 * optim.SGD(lr 0.1, momentum 0.9) reproduces PyTorch's loss sequence from the same initial
 * weights (test/golden/e2e.json, gen_e2e.py): 15 full-batch steps, then mini-batches from a
 * shuffling DataLoader for 3 epochs, where the shuffled order also has to be PyTorch's.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as torch from "../../src/index.js";
import { decode, load_golden, type EncodedTensor } from "../helpers/golden.js";

const { nn, optim } = torch;
const { TensorDataset, DataLoader } = torch.utils.data;

class MLP extends nn.Module {
  readonly fc1: torch.nn.Linear;
  readonly act: torch.nn.ReLU;
  readonly fc2: torch.nn.Linear;
  constructor(n_in: number, n_hidden: number, n_out: number) {
    super();
    this.fc1 = new nn.Linear(n_in, n_hidden);
    this.act = new nn.ReLU();
    this.fc2 = new nn.Linear(n_hidden, n_out);
  }
  override forward(x: torch.Tensor): torch.Tensor {
    return this.fc2(this.act(this.fc1(x)));
  }
}

interface Fixture {
  mlp: {
    init: Record<string, EncodedTensor>;
    X: EncodedTensor;
    y: EncodedTensor;
    logits0: EncodedTensor;
    losses: number[];
    final: Record<string, EncodedTensor>;
  };
  mlp_loader: { losses: number[]; final: Record<string, EncodedTensor>; next_rand: number[] };
}
const G = load_golden<Fixture>("e2e");
const decode_state = (s: Record<string, EncodedTensor>) =>
  new Map(Object.entries(s).map(([k, v]) => [k, decode(v)] as [string, torch.Tensor]));

function assert_state(
  model: MLP,
  expected: Record<string, EncodedTensor>,
  tol: { rtol: number; atol: number },
) {
  const sd = model.state_dict();
  assert.deepEqual([...sd.keys()], Object.keys(expected));
  for (const [k, v] of sd) torch.testing.assert_close(v, decode(expected[k]), { ...tol, msg: k });
}

test("MLP: manual_seed(0) initialises PyTorch's weights, state_dict keys in PyTorch's order", () => {
  torch.manual_seed(0);
  const model = new MLP(4, 8, 3);
  assert_state(model, G.mlp.init, { rtol: 0, atol: 0 });
});

test("MLP: 15 SGD-momentum steps with CrossEntropyLoss give PyTorch's losses", () => {
  const model = new MLP(4, 8, 3);
  model.load_state_dict(decode_state(G.mlp.init));
  const X = decode(G.mlp.X);
  const y = decode(G.mlp.y);
  assert.equal(y.dtype, torch.int64);
  const criterion = new nn.CrossEntropyLoss();
  const optimizer = new optim.SGD(model.parameters(), { lr: 0.1, momentum: 0.9 });
  const losses: number[] = [];
  for (let step = 0; step < 15; step++) {
    optimizer.zero_grad();
    const out = model(X);
    if (step === 0) torch.testing.assert_close(out, decode(G.mlp.logits0), { rtol: 1e-6, atol: 1e-6 });
    const loss = criterion(out, y);
    assert.equal(loss.grad_fn?.name(), "NllLossBackward0");
    loss.backward();
    optimizer.step();
    losses.push(loss.item() as number);
  }
  torch.testing.assert_close(torch.tensor(losses), torch.tensor(G.mlp.losses), { rtol: 1e-5, atol: 1e-6 });
  // and the loss went down, as it did in PyTorch
  assert.ok(losses[14] < losses[0] - 0.2);
  assert_state(model, G.mlp.final, { rtol: 1e-4, atol: 1e-5 });
});

test("MLP: mini-batches from DataLoader(shuffle=True) give PyTorch's losses and leave the generator where PyTorch does", () => {
  const model = new MLP(4, 8, 3);
  model.load_state_dict(decode_state(G.mlp.init));
  const X = decode(G.mlp.X);
  const y = decode(G.mlp.y);
  const criterion = new nn.CrossEntropyLoss();
  const optimizer = new optim.SGD(model.parameters(), { lr: 0.1, momentum: 0.9 });
  torch.manual_seed(1);
  const loader = new DataLoader(new TensorDataset(X, y), { batch_size: 8, shuffle: true });
  const losses: number[] = [];
  for (let epoch = 0; epoch < 3; epoch++) {
    for (const [xb, yb] of loader) {
      optimizer.zero_grad();
      const loss = criterion(model(xb), yb);
      loss.backward();
      optimizer.step();
      losses.push(loss.item() as number);
    }
  }
  assert.equal(losses.length, G.mlp_loader.losses.length);
  torch.testing.assert_close(torch.tensor(losses), torch.tensor(G.mlp_loader.losses), {
    rtol: 1e-5,
    atol: 1e-6,
  });
  assert_state(model, G.mlp_loader.final, { rtol: 1e-4, atol: 1e-5 });
  assert.deepEqual(torch.rand(3).tolist(), G.mlp_loader.next_rand);
});
