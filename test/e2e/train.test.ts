/**
 * The training pieces together, against PyTorch (test/golden/gen_e2e_train.py).
 * An nn.Sequential(Linear, Tanh, Dropout, Linear) made after manual_seed(1) has PyTorch's
 * weights; eight steps of CrossEntropyLoss(label_smoothing) + clip_grad_norm_ + SGD (nesterov,
 * weight_decay) + StepLR give PyTorch's losses, gradient norms, learning rates and final
 * weights, which needs the Dropout masks drawn between the steps to be PyTorch's too.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as torch from "../../src/index.js";
import { decode, load_golden, type EncodedTensor } from "../helpers/golden.js";

const { nn, optim } = torch;
type E = EncodedTensor;
interface Train {
  init: Record<string, E>;
  X: E;
  y: E;
  losses: number[];
  norms: number[];
  lrs: number[];
  final: Record<string, E>;
  eval_out: E;
  after: E;
}
const T = load_golden<{ train: Train }>("e2e_train").train;

test("Sequential + Dropout + CrossEntropyLoss + clip_grad_norm_ + SGD nesterov + StepLR follow PyTorch", () => {
  torch.manual_seed(1);
  const model = new nn.Sequential(
    new nn.Linear(5, 8),
    new nn.Tanh(),
    new nn.Dropout(0.2),
    new nn.Linear(8, 3),
  );
  const sd0 = model.state_dict();
  assert.deepEqual([...sd0.keys()], Object.keys(T.init));
  for (const [k, v] of Object.entries(T.init))
    assert.deepEqual(sd0.get(k)?.tolist(), decode(v).tolist(), `init ${k}`);
  // drawn after the model, as the generator does, so Dropout's draws follow the same words
  const X = torch.randn(6, 5);
  assert.deepEqual(X.tolist(), decode(T.X).tolist());
  const y = decode(T.y);
  const crit = new nn.CrossEntropyLoss({ label_smoothing: 0.1 });
  const opt = new optim.SGD(model.parameters(), {
    lr: 0.2,
    momentum: 0.9,
    nesterov: true,
    weight_decay: 1e-3,
  });
  const sched = new optim.lr_scheduler.StepLR(opt, { step_size: 3, gamma: 0.5 });
  const losses: number[] = [];
  const norms: number[] = [];
  const lrs: number[] = [];
  for (let i = 0; i < 8; i++) {
    opt.zero_grad();
    const loss = crit(model(X), y);
    loss.backward();
    norms.push(nn.utils.clip_grad_norm_(model.parameters(), 0.35).item() as number);
    opt.step();
    sched.step();
    losses.push(loss.item() as number);
    lrs.push(sched.get_last_lr()[0]);
  }
  torch.testing.assert_close(torch.tensor(losses), torch.tensor(T.losses));
  torch.testing.assert_close(torch.tensor(norms), torch.tensor(T.norms));
  assert.deepEqual(lrs, T.lrs);
  model.eval();
  const sd = model.state_dict();
  for (const [k, v] of Object.entries(T.final))
    torch.testing.assert_close(sd.get(k) as torch.Tensor, decode(v), { msg: `final ${k}` });
  torch.testing.assert_close(model(X).detach(), decode(T.eval_out));
  // the generator is where PyTorch's is: Dropout drew the same words, eval drew none
  assert.deepEqual(torch.rand(3).tolist(), decode(T.after).tolist());
});
