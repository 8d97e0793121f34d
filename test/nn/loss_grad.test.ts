/**
 * gradcheck (float64 central differences) of every loss in torch.nn.functional, with respect to
 * the input and, where PyTorch differentiates it, the target (and gaussian_nll_loss's var), for
 * each reduction; gradgradcheck for the losses whose backward is itself differentiable in ours
 * and PyTorch's (mse, nll through cross_entropy, bce with logits, ...). Inputs are kept away from
 * the kinks (|x - t| = beta, margins) where a central difference is not a derivative.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as torch from "../../src/index.js";

type Tensor = torch.Tensor;
const F = torch.nn.functional;
const { gradcheck, gradgradcheck } = torch.autograd;
const REDUCTIONS = ["mean", "sum", "none"] as const;

/** A float64 leaf with fixed, distinct values in [lo, hi). */
function leaf(shape: number[], seed: number, lo = -1, hi = 1): Tensor {
  const n = shape.reduce((a, b) => a * b, 1);
  const data = Array.from({ length: n }, (_, i) => {
    const u = (Math.sin(12.9898 * (i + 1) + 78.233 * seed) * 43758.5453) % 1;
    return lo + (hi - lo) * Math.abs(u);
  });
  return torch.tensor(data, { dtype: torch.float64 }).reshape(shape).requires_grad_(true);
}

const long = (v: number[]) => torch.tensor(v, { dtype: torch.int64 });

test("gradcheck: pointwise regression losses, input and target", () => {
  for (const reduction of REDUCTIONS) {
    const x = leaf([3, 4], 1, -2, 2);
    const t = leaf([3, 4], 2, -2, 2);
    assert.ok(gradcheck((a, b) => F.mse_loss(a, b, { reduction }), [x, t]));
    assert.ok(gradcheck((a, b) => F.l1_loss(a, b, { reduction }), [x, t]));
    assert.ok(gradcheck((a, b) => F.smooth_l1_loss(a, b, { reduction, beta: 0.7 }), [x, t]));
    assert.ok(gradcheck((a, b) => F.huber_loss(a, b, { reduction, delta: 0.6 }), [x, t]));
  }
  // broadcast target: the engine sums the gradient back to its shape
  assert.ok(gradcheck((a, b) => F.mse_loss(a, b), [leaf([3, 4], 3), leaf([4], 4)]));
  assert.ok(gradgradcheck((a, b) => F.mse_loss(a, b), [leaf([3, 4], 5), leaf([3, 4], 6)]));
});

test("gradcheck: nll_loss and cross_entropy with weights, ignore_index, smoothing, K dims", () => {
  const w = leaf([5], 7, 0.5, 1.5).detach();
  const t = long([1, 0, 4, -100]);
  for (const reduction of REDUCTIONS) {
    const x = leaf([4, 5], 8);
    assert.ok(gradcheck((a) => F.nll_loss(a, t, w, { reduction }), [x]));
    assert.ok(gradcheck((a) => F.cross_entropy(a, t, { reduction, weight: w }), [x]));
    assert.ok(gradcheck((a) => F.cross_entropy(a, t, { reduction, label_smoothing: 0.2 }), [x]));
    assert.ok(gradcheck((a) => F.cross_entropy(a, t, { reduction, weight: w, label_smoothing: 0.3 }), [x]));
    // class probabilities: both input and target are differentiable
    const p = leaf([4, 5], 9, 0.05, 1);
    assert.ok(gradcheck((a, b) => F.cross_entropy(a, b, { reduction, weight: w }), [x, p]));
    // (N, C, d1) and (N, C, d1, d2)
    const tk = long([0, 2, 1, 2, 0, 1]).reshape(2, 3);
    assert.ok(gradcheck((a) => F.cross_entropy(a, tk, { reduction }), [leaf([2, 3, 3], 10)]));
    const t4 = long([0, 2, 1, -100, 0, 1, 1, 2]).reshape(2, 2, 2);
    assert.ok(gradcheck((a) => F.nll_loss(a, t4, { reduction }), [leaf([2, 3, 2, 2], 11)]));
  }
  assert.ok(gradcheck((a) => F.cross_entropy(a, long([3]).reshape([])), [leaf([5], 12)]));
  assert.ok(gradgradcheck((a) => F.cross_entropy(a, t, { weight: w }), [leaf([4, 5], 13)]));
});

test("gradcheck: binary cross entropy (probabilities and logits), input and target", () => {
  const w = leaf([4], 14, 0.2, 1).detach();
  const pw = leaf([4], 15, 0.5, 3).detach();
  for (const reduction of REDUCTIONS) {
    const p = leaf([3, 4], 16, 0.05, 0.95);
    const y = leaf([3, 4], 17, 0, 1);
    const z = leaf([3, 4], 18, -4, 4);
    assert.ok(gradcheck((a, b) => F.binary_cross_entropy(a, b, { reduction }), [p, y]));
    assert.ok(gradcheck((a, b) => F.binary_cross_entropy(a, b, w, { reduction }), [p, y]));
    assert.ok(gradcheck((a, b) => F.binary_cross_entropy_with_logits(a, b, { reduction }), [z, y]));
    assert.ok(
      gradcheck((a, b) => F.binary_cross_entropy_with_logits(a, b, w, { reduction, pos_weight: pw }), [z, y]),
    );
  }
  assert.ok(
    gradgradcheck(
      (a, b) => F.binary_cross_entropy_with_logits(a, b, { pos_weight: pw }),
      [leaf([3, 4], 19, -3, 3), leaf([3, 4], 20, 0, 1)],
    ),
  );
});

test("gradcheck: kl_div, poisson and gaussian NLL, input and target (and var)", () => {
  for (const reduction of [...REDUCTIONS, "batchmean"] as const) {
    const q = leaf([3, 4], 21, -3, -0.1);
    const p = leaf([3, 4], 22, 0.05, 1);
    assert.ok(gradcheck((a, b) => F.kl_div(a, b, { reduction }), [q, p]));
    assert.ok(
      gradcheck((a, b) => F.kl_div(a, b, { reduction, log_target: true }), [q, leaf([3, 4], 23, -3, 0)]),
    );
  }
  for (const reduction of REDUCTIONS) {
    const r = leaf([3, 4], 24, 0.2, 2);
    const c = leaf([3, 4], 25, 1.5, 5);
    assert.ok(gradcheck((a, b) => F.poisson_nll_loss(a, b, { reduction }), [r, c]));
    assert.ok(gradcheck((a, b) => F.poisson_nll_loss(a, b, false, true, { reduction }), [r, c]));
    const mu = leaf([4, 3], 26);
    const tg = leaf([4, 3], 27);
    assert.ok(
      gradcheck((a, b, v) => F.gaussian_nll_loss(a, b, v, { reduction }), [mu, tg, leaf([4, 3], 28, 0.2, 2)]),
    );
    assert.ok(
      gradcheck(
        (a, b, v) => F.gaussian_nll_loss(a, b, v, true, { reduction }),
        [mu, tg, leaf([4], 29, 0.2, 2)],
      ),
    );
  }
});

test("gradcheck: cosine embedding, margin ranking, triplet margin", () => {
  const y = torch.tensor([1, -1, -1, 1], { dtype: torch.float64 });
  for (const reduction of REDUCTIONS) {
    const a = leaf([4, 3], 30);
    const b = leaf([4, 3], 31);
    assert.ok(gradcheck((u, v) => F.cosine_embedding_loss(u, v, y, -0.9, { reduction }), [a, b]));
    assert.ok(
      gradcheck(
        (u, v) => F.margin_ranking_loss(u, v, y, { margin: 0.1, reduction }),
        [leaf([4], 32), leaf([4], 33)],
      ),
    );
    const n = leaf([4, 3], 34);
    assert.ok(gradcheck((u, v, w) => F.triplet_margin_loss(u, v, w, { margin: 3, reduction }), [a, b, n]));
    assert.ok(
      gradcheck((u, v, w) => F.triplet_margin_loss(u, v, w, 3, { p: 1, swap: true, reduction }), [a, b, n]),
    );
  }
});
