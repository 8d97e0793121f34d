/**
 * Reductions beyond the fixtures: the argument forms of API.md, named tuples, dim lists of
 * all/any, and gradcheck (float64 central differences) of every differentiable reduction,
 * scan and softmax, including prod/cumprod with zeros and max/amax at ties, plus
 * gradgradcheck where the backward is itself a chain of ops.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as torch from "../../../src/index.js";
import { vector_norm } from "../../../src/ops/reduce/stats.js";

const { gradcheck, gradgradcheck } = torch.autograd;
const f64 = { dtype: torch.float64, requires_grad: true };

/** A float64 leaf with fixed, distinct, non-zero values (no hidden ties). */
function leaf(shape: number[], scale = 1): torch.Tensor {
  const n = shape.reduce((a, b) => a * b, 1);
  const data = Array.from({ length: n }, (_, i) => scale * (Math.sin(1.3 * i + 0.7) + 0.05 * i + 0.1));
  return torch.tensor(data, { dtype: torch.float64 }).reshape(shape).requires_grad_(true);
}

test("argument forms: positional, options object and mixed are the same call", () => {
  const x = leaf([3, 4]).detach();
  const same = (a: torch.Tensor, b: torch.Tensor) => torch.testing.assert_close(a, b);
  same(x.sum(1, true), x.sum({ dim: 1, keepdim: true }));
  same(x.sum(1, true), x.sum(1, { keepdim: true }));
  same(x.mean([0, 1]), x.mean({ dim: [0, 1] }));
  same(x.amax(-1, true), x.amax({ dim: -1, keepdim: true }));
  same(x.std(1, false), x.std(1, { correction: 0 }));
  same(x.std(1, false), x.std({ dim: 1, unbiased: false }));
  same(x.var(false), x.var({ correction: 0 }));
  same(x.norm(2, 1), torch.norm(x, { p: 2, dim: 1 }));
  same(x.logsumexp(1), x.logsumexp({ dim: 1 }));
  same(x.softmax(1), x.softmax({ dim: 1 }));
  same(x.cumsum(1), torch.cumsum(x, { dim: 1 }));
  same(x.sum(1, { dtype: torch.float32 }), x.float().sum(1));
  assert.equal(x.sum().grad_fn, null);
  assert.throws(() => x.sum(1, { dim: 1 }), /got multiple values for argument 'dim'/);
  assert.throws(
    () => x.std(1, { unbiased: true, correction: 0 }),
    /Cannot specify both unbiased and correction/,
  );
});

test("max(dim) is a named tuple that destructures in order", () => {
  const x = torch.tensor([
    [1, 5, 2],
    [7, 0, 7],
  ]);
  const r = x.max(1);
  const [values, indices] = x.max(1);
  torch.testing.assert_close(values, r.values);
  torch.testing.assert_close(indices, r.indices);
  assert.equal(indices.dtype, torch.int64);
  assert.deepEqual(indices.tolist(), [1, 0]);
  assert.match(String(r), /^torch\.return_types\.max\(\nvalues=tensor/);
  const [cv, ci] = torch.cummin(x, 1);
  assert.deepEqual(cv.shape, [2, 3]);
  assert.equal(ci.dtype, torch.int64);
  assert.equal(torch.max(x, 0, true).values.shape.length, 2);
});

test("all/any over a list of dims equal the chain of single-dim reductions (PyTorch 2.2+)", () => {
  const b = torch.tensor([
    [
      [true, false],
      [true, true],
    ],
    [
      [true, true],
      [true, true],
    ],
  ]);
  torch.testing.assert_close(b.all([0, 2]), b.all(2).all(0));
  torch.testing.assert_close(b.any([1, -1], true), b.any(2, true).any(1, true));
  assert.equal(b.all([]).dtype, torch.bool);
});

test("softmax of large inputs stays finite and equals the shifted softmax", () => {
  const x = torch.tensor([[1000, 1001, 1002]]);
  const y = x.softmax(1);
  torch.testing.assert_close(y, x.sub(1000).softmax(1));
  torch.testing.assert_close(x.log_softmax(1), x.sub(1000).log_softmax(1));
  torch.testing.assert_close(x.logsumexp(1), x.sub(1000).logsumexp(1).add(1000));
});

test("gradcheck: sums, means, products", () => {
  const x = leaf([3, 4]);
  assert.ok(gradcheck((t) => t.sum(), [x]));
  assert.ok(gradcheck((t) => t.sum([0, -1], true), [x]));
  assert.ok(gradcheck((t) => t.mean(1), [x]));
  assert.ok(gradcheck((t) => t.nansum(0), [x]));
  assert.ok(gradcheck((t) => t.nanmean(1, true), [x]));
  assert.ok(gradcheck((t) => t.prod(), [x]));
  assert.ok(gradcheck((t) => t.prod(1), [x]));
  assert.ok(gradcheck((t) => t.t().prod(0, true), [x]));
});

test("gradcheck: prod with zeros (one zero, two zeros in a slice)", () => {
  const one = torch.tensor([1.5, 0, 2, -0.5], f64);
  const two = torch.tensor(
    [
      [1.5, 0, 2],
      [0, 0.7, 0],
    ],
    f64,
  );
  assert.ok(gradcheck((t) => t.prod(), [one]));
  assert.ok(gradcheck((t) => t.prod(), [two]));
  assert.ok(gradcheck((t) => t.prod(1), [two]));
  assert.ok(gradcheck((t) => t.prod(0, true), [two]));
  assert.ok(gradgradcheck((t) => t.prod(1), [two]));
});

test("gradcheck: max/min in all three forms, amax/amin, ties as PyTorch splits them", () => {
  const x = leaf([3, 4]);
  assert.ok(gradcheck((t) => t.max(), [x]));
  assert.ok(gradcheck((t) => t.min(1).values, [x]));
  assert.ok(gradcheck((t) => t.max(0, true).values, [x]));
  assert.ok(gradcheck((t) => t.amax([0, 1]), [x]));
  assert.ok(gradcheck((t) => t.amin(-1, true), [x]));
  // a two-way tie: the evenly split gradient (1/2 each) is what central differences measure
  const tie = torch.tensor(
    [
      [1, 3, 3, 0],
      [2, -1, 0.5, 2],
    ],
    f64,
  );
  assert.ok(gradcheck((t) => t.max(), [tie]));
  assert.ok(gradcheck((t) => t.amax(1), [tie]));
  assert.ok(gradcheck((t) => t.amin(0), [tie.neg().detach().requires_grad_(true)]));
  const y = leaf([3, 4], -0.5);
  assert.ok(gradcheck((a, b) => a.max(b), [x, y]));
  assert.ok(gradcheck((a, b) => torch.min(a, b), [x, y]));
});

test("gradcheck: var, std, var_mean, std_mean", () => {
  const x = leaf([2, 3, 4]);
  assert.ok(gradcheck((t) => t.var(), [x]));
  assert.ok(gradcheck((t) => t.var(1, { correction: 0, keepdim: true }), [x]));
  assert.ok(gradcheck((t) => t.std([0, 2]), [x]));
  assert.ok(gradcheck((t) => t.std(-1, false, true), [x]));
  assert.ok(gradcheck((t) => torch.var_mean(t, 1), [x]));
  assert.ok(gradcheck((t) => torch.std_mean(t, [0, 1], { correction: 2 }), [x]));
  assert.ok(gradgradcheck((t) => t.std(1), [x]));
});

test("gradcheck: norm for p = 2, 1, 3, 0.5, inf, -inf, 'fro' and linalg.vector_norm", () => {
  const x = leaf([3, 4]);
  for (const p of [2, 1, 3, 0.5, 1.5, Infinity, -Infinity, "fro"] as const) {
    assert.ok(
      gradcheck((t) => t.norm(p), [x]),
      `p=${p}`,
    );
    assert.ok(
      gradcheck((t) => t.norm(p, 1, true), [x]),
      `p=${p}, dim=1`,
    );
  }
  assert.ok(gradcheck((t) => vector_norm(t, 3, [0, 1]), [x]));
  assert.ok(gradgradcheck((t) => t.norm(3, 1), [x]));
  // p = 0 counts nonzeros: a zero gradient
  const g = torch.autograd.grad(x.norm(0), x)[0]!;
  assert.equal(g.abs().sum().item(), 0);
});

test("gradcheck: logsumexp, softmax, log_softmax (and their second derivatives)", () => {
  const x = leaf([3, 4], 3);
  assert.ok(gradcheck((t) => t.logsumexp(1), [x]));
  assert.ok(gradcheck((t) => t.logsumexp([0, 1], true), [x]));
  assert.ok(gradcheck((t) => t.softmax(1), [x]));
  assert.ok(gradcheck((t) => t.softmax(0), [x]));
  assert.ok(gradcheck((t) => t.log_softmax(-1), [x]));
  assert.ok(gradgradcheck((t) => t.softmax(1), [x]));
  assert.ok(gradgradcheck((t) => t.log_softmax(0), [x]));
  assert.ok(gradgradcheck((t) => t.logsumexp(1), [x]));
});

test("gradcheck: cumsum, cumprod (with and without zeros), cummax, cummin", () => {
  const x = leaf([3, 4]);
  assert.ok(gradcheck((t) => t.cumsum(1), [x]));
  assert.ok(gradcheck((t) => t.cumsum(0), [x]));
  assert.ok(gradcheck((t) => t.cumprod(1), [x]));
  assert.ok(gradcheck((t) => t.t().cumprod(0), [x]));
  const z = torch.tensor(
    [
      [1.5, 0, 2, -1],
      [0, 0, 3, 2],
      [2, 3, 0.5, 0],
    ],
    f64,
  );
  assert.ok(gradcheck((t) => t.cumprod(1), [z]));
  assert.ok(gradcheck((t) => t.cumprod(0), [z]));
  assert.ok(gradgradcheck((t) => t.cumprod(1), [z]));
  assert.ok(gradgradcheck((t) => t.cumsum(1), [x]));
  assert.ok(gradcheck((t) => t.cummax(1).values, [x]));
  assert.ok(gradcheck((t) => t.cummin(0).values, [x]));
});

test("reductions of a 0-dim tensor", () => {
  const s = torch.tensor(2.5, f64);
  assert.ok(gradcheck((t) => t.sum(0), [s]));
  assert.ok(gradcheck((t) => t.prod(), [s]));
  assert.ok(gradcheck((t) => t.max(0).values, [s]));
  assert.ok(gradcheck((t) => t.cumprod(0), [s]));
  assert.ok(gradcheck((t) => t.softmax(0), [s]));
  assert.ok(gradcheck((t) => t.logsumexp(0), [s]));
  assert.deepEqual(s.argmax().shape, []);
});

test("dtype= keeps the graph: the gradient comes back in the input's dtype", () => {
  const x = torch.tensor([3, -4], { requires_grad: true });
  const n = x.norm(2, { dtype: torch.float64 });
  assert.equal(n.dtype, torch.float64);
  assert.equal(n.grad_fn?.name(), "LinalgVectorNormBackward0");
  n.backward();
  assert.equal(x.grad!.dtype, torch.float32);
  torch.testing.assert_close(x.grad!, x.detach().div(5));
  const y = torch.tensor([1, 2, 3], { requires_grad: true });
  y.sum({ dtype: torch.float64 }).backward();
  torch.testing.assert_close(y.grad!, torch.ones(3));
  const s = y.softmax(0, torch.float64);
  assert.equal(s.grad_fn?.next_functions[0]?.[0]?.name(), "ToCopyBackward0");
});

test("an infinite gradient reaches only the maxima of max() and the source of copy_, as in PyTorch", () => {
  // PyTorch 1.13 and 2.x: masked_fill / zeros_like leave 0 (not inf * 0 = NaN) elsewhere
  const x = torch.tensor([1, 3, 3, 2], { requires_grad: true });
  x.max().backward(torch.tensor(Infinity));
  assert.deepEqual(x.grad!.tolist(), [0, Infinity, Infinity, 0]);
  const y = torch.tensor([1, 2], { requires_grad: true });
  const z = y.mul(1);
  z.copy_(torch.tensor([5, 6]));
  z.backward(torch.tensor([Infinity, 1]));
  assert.deepEqual(y.grad!.tolist(), [0, 0]);
});

test("reductions PyTorch computes without its kernel: empty or single-element cases", () => {
  const bool = torch.bool;
  // argmax/argmin of bool: no kernel for an empty result or a dim of size 1
  assert.deepEqual(torch.zeros([0, 3], { dtype: bool }).argmax(1).shape, [0]);
  assert.deepEqual(torch.zeros([2, 1], { dtype: bool }).argmin(1).tolist(), [0, 0]);
  assert.throws(
    () => torch.zeros([2, 3], { dtype: bool }).argmax(1),
    /"argmax_cpu" not implemented for 'Bool'$/,
  );
  assert.throws(() => torch.tensor(true).argmax(), /"argmax_cpu" not implemented for 'Bool'$/);
  // cummax checks dim only when there is a scan to run; its backward checks it on a 0-dim input
  const x = torch.tensor(0.5, { requires_grad: true });
  const c = x.cummax(1);
  assert.deepEqual([c.values.item(), c.indices.item()], [0.5, 0]);
  assert.throws(
    () => c.values.backward(),
    /Dimension out of range \(expected to be in range of \[-1, 0\], but got 1\)$/,
  );
  assert.deepEqual(torch.zeros(0, 3).cummin(5).values.shape, [0, 3]);
  // softmax of an empty integer tensor is empty, as PyTorch returns before its dtype dispatch
  const e = torch.zeros([0, 3], { dtype: torch.int64 });
  assert.deepEqual([e.softmax(1).shape, e.log_softmax(0).dtype], [[0, 3], torch.int64]);
  assert.throws(() => torch.ones(2, { dtype: torch.int64 }).softmax(0), /not implemented for 'Long'/);
});
