import { test } from "node:test";
import assert from "node:assert/strict";
import * as torch from "../../src/index.js";

test("walkthrough batch 1: loss and gradients through the recorded graph", () => {
  const w = torch.zeros(1, { requires_grad: true });
  const b = torch.zeros(1, { requires_grad: true });
  const x = torch.tensor([0, 1, 2]);
  const y = torch.tensor([10, 12, 14]);
  const loss = x.mul(w).add(b).sub(y).pow(2).mean();
  assert.equal(w.grad, null);
  loss.backward();
  assert.equal(loss.grad_fn?.name(), "MeanBackward0");
  assert.ok(Math.abs((loss.item() as number) - 146.6667) < 1e-4);
  assert.ok(Math.abs((w.grad!.item() as number) - -26.6667) < 1e-4);
  assert.ok(Math.abs((b.grad!.item() as number) - -24.0) < 1e-4);
});

test("gradients accumulate across backward calls and the freed graph is refused", () => {
  const w = torch.tensor([2], { requires_grad: true });
  const y = w.mul(w).sum();
  y.backward(null, { retain_graph: true });
  y.backward();
  assert.deepEqual(w.grad!.tolist(), [8]);
  assert.throws(() => y.backward(), /Trying to backward through the graph a second time/);
});

test("broadcast gradients are summed back to each input's shape", () => {
  const a = torch.ones([2, 3], { requires_grad: true });
  const b = torch.ones([3], { requires_grad: true });
  a.add(b).sum().backward();
  assert.deepEqual(b.grad!.shape, [3]);
  assert.deepEqual(b.grad!.tolist(), [2, 2, 2]);
});

test("in-place modification of a saved tensor is detected", () => {
  const x = torch.ones(3, { requires_grad: true });
  const y = x.exp();
  const z = y.mul(2);
  void z;
  y.mul_(2);
  assert.throws(() => y.sum().backward(), /modified by an inplace operation/);
});

test("in-place on a leaf that requires grad is refused", () => {
  const x = torch.ones(3, { requires_grad: true });
  assert.throws(() => x.add_(1), /a leaf Variable that requires grad is being used in an in-place operation/);
});

test("non-scalar backward needs a gradient", () => {
  const x = torch.ones(3, { requires_grad: true });
  assert.throws(() => x.mul(2).backward(), /grad can be implicitly created only for scalar outputs/);
});

test("autograd.grad with create_graph gives second derivatives", () => {
  const x = torch.tensor([3], { requires_grad: true });
  const y = x.pow(3).sum();
  const [g] = torch.autograd.grad(y, x, { create_graph: true });
  assert.ok(Math.abs((g!.item() as number) - 27) < 1e-5);
  const [gg] = torch.autograd.grad(g!.sum(), x);
  assert.ok(Math.abs((gg!.item() as number) - 18) < 1e-5);
  assert.equal(x.grad, null);
});

test("a deep graph does not overflow the stack", () => {
  const x = torch.ones(1, { requires_grad: true });
  let y = x;
  for (let i = 0; i < 20000; i++) y = y.mul(1);
  y.sum().backward();
  assert.deepEqual(x.grad!.tolist(), [1]);
});
