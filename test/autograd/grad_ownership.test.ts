/**
 * The engine takes a gradient a built-in backward just made (an mm result, a view of one) as a
 * leaf's .grad, or adds into it in place, without a copy. These tests check that it never does
 * so with memory anyone else can see: retained gradients, hooks, autograd.grad's results, the
 * gradient given to backward(), a custom Function's returns, create_graph's recorded gradients,
 * and one gradient reaching two places.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as torch from "../../src/index.js";
import type { Tensor } from "../../src/index.js";

const x = () =>
  torch.tensor([
    [1, 2, 3],
    [4, 5, 6],
  ]);

/** Whether two tensors read the same memory (changing one would change the other). */
function aliased(a: Tensor, b: Tensor): boolean {
  return a._storage === b._storage;
}

/** Expected gradient of sum(x @ w.t()) w.r.t. w [2, 3]: each row is x's column sums. */
const expected_w_grad = [
  [5, 7, 9],
  [5, 7, 9],
];

test("F.linear's weight gradient becomes .grad contiguous and right", () => {
  const w = torch.ones([2, 3], { requires_grad: true });
  const b = torch.zeros([2], { requires_grad: true });
  torch.nn.functional.linear(x(), w, b).sum().backward();
  assert.deepEqual(w.grad!.tolist(), expected_w_grad);
  assert.deepEqual(w.grad!.stride(), [3, 1]);
  assert.equal(w.grad!._base, null); // taken from a transposed mm result, yet not a view (PyTorch)
  assert.deepEqual(b.grad!.tolist(), [2, 2]);
  // a second backward adds into the first in place
  const g = w.grad!;
  torch.nn.functional.linear(x(), w, b).sum().backward();
  assert.equal(w.grad, g);
  assert.deepEqual(w.grad.tolist(), [
    [10, 14, 18],
    [10, 14, 18],
  ]);
});

test("mm's gradients keep a column-major operand's layout, as PyTorch's mm backward does", () => {
  const a = torch.randn([3, 4], { dtype: torch.float64 }).t().requires_grad_(); // [4, 3] column-major
  const b = torch.randn([5, 3], { dtype: torch.float64 }).t().requires_grad_(); // [3, 5] column-major
  const a0 = a.detach().contiguous().requires_grad_();
  const b0 = b.detach().contiguous().requires_grad_();
  const g = torch.randn([4, 5], { dtype: torch.float64 });
  torch.mm(a, b).backward(g);
  torch.mm(a0, b0).backward(g);
  assert.deepEqual(a.grad!.stride(), [1, 4]);
  assert.deepEqual(b.grad!.stride(), [1, 3]);
  assert.deepEqual(a.grad!.tolist(), a0.grad!.tolist());
  assert.deepEqual(b.grad!.tolist(), b0.grad!.tolist());
  assert.equal(
    torch.autograd.gradcheck((p: Tensor, q: Tensor) => torch.mm(p, q), [a, b]),
    true,
  );
  assert.equal(
    torch.autograd.gradcheck(
      (c: Tensor, p: Tensor, q: Tensor) => torch.addmm(c, p, q, { alpha: 0.5, beta: 2 }),
      [torch.randn([4, 5], { dtype: torch.float64, requires_grad: true }), a, b],
    ),
    true,
  );
});

test("a retained intermediate's gradient and the leaf's never share memory", () => {
  const w = torch.ones([2, 3], { requires_grad: true });
  const wt = w.t();
  wt.retain_grad();
  x().mm(wt).sum().backward();
  assert.equal(aliased(w.grad!, wt.grad!), false);
  const before = wt.grad!.tolist();
  x().mm(wt).sum().backward(); // accumulates into w.grad in place
  assert.deepEqual(w.grad!.tolist(), [
    [10, 14, 18],
    [10, 14, 18],
  ]);
  assert.notDeepEqual(wt.grad!.tolist(), before); // retained grads accumulate too (out of place)
  assert.deepEqual(wt.grad!.t().tolist(), w.grad!.tolist());
});

test("a gradient a tensor hook saw is never taken as .grad", () => {
  const w = torch.ones([2, 3], { requires_grad: true });
  const wt = w.t();
  let seen: Tensor | null = null;
  wt.register_hook((g) => {
    seen = g;
  });
  x().mm(wt).sum().backward();
  assert.equal(aliased(w.grad!, seen!), false);
  const kept = seen!.clone();
  x().mm(wt).sum().backward();
  assert.deepEqual(kept.tolist(), (seen as unknown as Tensor).tolist());
  assert.deepEqual(w.grad!.tolist(), [
    [10, 14, 18],
    [10, 14, 18],
  ]);
});

test("a gradient a node hook saw is never taken as .grad", () => {
  const w = torch.ones([2, 3], { requires_grad: true });
  const y = x().mm(w.t());
  let seen: (Tensor | null)[] = [];
  y.grad_fn!.register_hook((grad_inputs) => {
    seen = grad_inputs;
  });
  y.sum().backward();
  const mat2_grad = seen.find((g) => g !== null && g.dim() === 2 && g.shape[0] === 3)!;
  assert.equal(aliased(w.grad!, mat2_grad), false);
});

test("the gradient given to backward() is never taken as .grad", () => {
  const w = torch.ones([2, 3], { requires_grad: true });
  const g = torch.full([3, 2], 2);
  w.t().backward(g);
  assert.equal(aliased(w.grad!, g), false);
  w.t().backward(g);
  assert.deepEqual(g.tolist(), [
    [2, 2],
    [2, 2],
    [2, 2],
  ]);
  assert.deepEqual(w.grad!.tolist(), [
    [4, 4, 4],
    [4, 4, 4],
  ]);
});

test("one gradient reaching two leaves gives each its own .grad", () => {
  const a = torch.ones([2, 2], { requires_grad: true });
  const b = torch.ones([2, 2], { requires_grad: true });
  a.add(b).mul(3).sum().backward();
  assert.equal(aliased(a.grad!, b.grad!), false);
  a.grad!.add_(1);
  assert.deepEqual(b.grad!.tolist(), [
    [3, 3],
    [3, 3],
  ]);
  // and one leaf used twice sums both contributions
  const w = torch.ones([2, 3], { requires_grad: true });
  x().mm(w.t()).add(x().mm(w.t())).sum().backward();
  assert.deepEqual(w.grad!.tolist(), [
    [10, 14, 18],
    [10, 14, 18],
  ]);
  // chunks of one gradient share its memory: no leaf takes them
  const c = torch.ones([4, 3], { requires_grad: true });
  const [p, q] = c.t().chunk(2, 1);
  const w2 = torch.ones([3, 2], { requires_grad: true });
  const w3 = torch.ones([3, 2], { requires_grad: true });
  p.mul(w2).add(q.mul(w3)).sum().backward();
  assert.equal(aliased(w2.grad!, w3.grad!), false);
  assert.deepEqual(c.grad!.tolist(), torch.ones([4, 3]).tolist());
});

test("autograd.grad's results are not written by later accumulation", () => {
  const w = torch.ones([2, 3], { requires_grad: true });
  // made in this order, h's gradient reaches w first and w*w's is added to it after
  const square = w.mul(w).sum();
  const h = w.t();
  const loss = square.add(x().mm(h).sum());
  const [gh, gw] = torch.autograd.grad(loss, [h, w]) as [Tensor, Tensor];
  assert.deepEqual(gh.tolist(), [
    [5, 5],
    [7, 7],
    [9, 9],
  ]);
  assert.deepEqual(gw.tolist(), [
    [7, 9, 11],
    [7, 9, 11],
  ]);
  assert.equal(aliased(gh, gw), false);
});

test("a custom Function's returned gradient is never taken as .grad", () => {
  // its backward is user code: what it returns, even made during the call, may be kept
  let kept: Tensor | null = null;
  class KeepGrad extends torch.autograd.Function {
    static override forward(_ctx: torch.autograd.FunctionCtx, t: Tensor) {
      return t.clone();
    }
    static override backward(_ctx: torch.autograd.FunctionCtx, g: Tensor) {
      kept = g.mul(5);
      return [kept];
    }
  }
  const a = torch.ones([2, 2], { requires_grad: true });
  KeepGrad.apply(a).sum().backward();
  const first = kept as unknown as Tensor;
  assert.equal(aliased(a.grad!, first), false);
  KeepGrad.apply(a).sum().backward();
  assert.deepEqual(first.tolist(), [
    [5, 5],
    [5, 5],
  ]);
  assert.deepEqual(a.grad!.tolist(), [
    [10, 10],
    [10, 10],
  ]);
});

test("under create_graph, .grad is recorded and accumulation stays out of place", () => {
  const w = torch.ones([2, 3], { requires_grad: true });
  x().mm(w.t()).pow(2).sum().backward(null, { create_graph: true });
  const g1 = w.grad!;
  assert.notEqual(g1.grad_fn, null);
  const v1 = g1.tolist();
  x().mm(w.t()).pow(2).sum().backward(null, { create_graph: true });
  assert.deepEqual(g1.tolist(), v1); // the first .grad, part of a graph, was not written
  assert.notEqual(w.grad, g1);
});
