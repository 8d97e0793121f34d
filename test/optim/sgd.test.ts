/**
 * optim.SGD against PyTorch 2.x trajectories (test/golden/gen_optim_a.py): plain, momentum,
 * dampening, nesterov, weight decay, maximize, two param groups, add_param_group, state_dict
 * and resuming; constructor errors; and the walkthrough's update by hand.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as torch from "../../src/index.js";
import { decode } from "../helpers/golden.js";
import { cases_of, check_case, golden } from "./optim_a_cases.js";

const { optim } = torch;

for (const c of cases_of("SGD")) test(`SGD ${c.name}`, () => check_case(c));

test("SGD constructor errors are PyTorch's", () => {
  const w = torch.zeros(2, { requires_grad: true });
  const errs = golden.errors.filter((e) => e.optim === "SGD" && e.params === "plain");
  assert.ok(errs.length >= 4);
  for (const e of errs) {
    assert.throws(() => new optim.SGD([w], e.options), { message: e.error.message });
  }
});

test("SGD defaults are PyTorch 2.x's", () => {
  const w = torch.zeros(2, { requires_grad: true });
  const opt = new optim.SGD([w]);
  const { params, ...options } = opt.param_groups[0];
  assert.deepEqual(params, [w]);
  assert.deepEqual(options, {
    lr: 1e-3,
    momentum: 0,
    dampening: 0,
    weight_decay: 0,
    nesterov: false,
    maximize: false,
    foreach: null,
    differentiable: false,
    fused: null,
  });
  assert.throws(() => new optim.SGD([w], { fused: true }), /fused=True is not supported/);
});

test("SGD reproduces the walkthrough: every batch of epoch 1, and 300 epochs", () => {
  const wt = golden.walkthrough;
  const x = decode(wt.x);
  const y = decode(wt.y);
  const w = torch.zeros(1, { requires_grad: true });
  const b = torch.zeros(1, { requires_grad: true });
  const opt = new optim.SGD([w, b], { lr: 0.01 });
  const epochs = new Map(wt.epochs.map(([e, ew, eb]) => [e, [ew, eb]]));
  for (let epoch = 1; epoch <= 300; epoch++) {
    for (let i = 0; i < 9; i += 3) {
      opt.zero_grad();
      assert.equal(w.grad, null);
      const loss = x
        .narrow(0, i, 3)
        .mul(w)
        .add(b)
        .sub(y.narrow(0, i, 3))
        .pow(2)
        .mean();
      loss.backward();
      if (epoch === 1) {
        const e = wt.batches[i / 3];
        const msg = `batch ${i / 3 + 1}`;
        torch.testing.assert_close(loss.detach(), decode(e.loss), { msg });
        torch.testing.assert_close(w.grad!, decode(e.grads[0]), { msg });
        torch.testing.assert_close(b.grad!, decode(e.grads[1]), { msg });
      }
      opt.step();
      if (epoch === 1) {
        torch.testing.assert_close(w.detach(), decode(wt.batches[i / 3].w));
        torch.testing.assert_close(b.detach(), decode(wt.batches[i / 3].b));
      }
    }
    const e = epochs.get(epoch);
    if (e) {
      torch.testing.assert_close(w.detach(), decode(e[0]), { msg: `epoch ${epoch}` });
      torch.testing.assert_close(b.detach(), decode(e[1]), { msg: `epoch ${epoch}` });
    }
  }
  assert.equal(opt.state.size, 0, "plain SGD keeps no state");
});
