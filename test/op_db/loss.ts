/**
 * The op table's entries for the losses of torch.nn.functional (src/ops/loss/): gradcheck (float64
 * central differences) with respect to the input and, where PyTorch differentiates it, the target
 * (and gaussian_nll_loss's var), for each reduction; gradgradcheck where the backward is itself
 * differentiable in ours and PyTorch's. Inputs are kept away from the kinks (|x - t| = beta,
 * margins) where a central difference is not a derivative. Values, nodes and errors come from
 * loss.json.
 */
import * as torch from "../../src/index.js";
import { sample, type Call, type OpInfo, type Sample } from "./info.js";

type Tensor = torch.Tensor;
const REDUCTIONS = ["mean", "sum", "none"] as const;
type Reduction = (typeof REDUCTIONS)[number] | "batchmean";

/** A float64 leaf with fixed, distinct values in [lo, hi), by a hash of (index, seed). */
function leaf(shape: number[], seed: number, lo = -1, hi = 1): Tensor {
  const n = shape.reduce((a, b) => a * b, 1);
  const data = Array.from({ length: n }, (_, i) => {
    const u = (Math.sin(12.9898 * (i + 1) + 78.233 * seed) * 43758.5453) % 1;
    return lo + (hi - lo) * Math.abs(u);
  });
  return torch.tensor(data, { dtype: torch.float64 }).reshape(shape).requires_grad_(true);
}
const fixed = (shape: number[], seed: number, lo = -1, hi = 1) => leaf(shape, seed, lo, hi).detach();
const long = (v: number[]) => torch.tensor(v, { dtype: torch.int64 });

/** One sample per reduction: `call(op, reduction)` applied to fresh `inputs`. */
function per_reduction(
  label: string,
  inputs: () => Tensor[],
  call: (r: Reduction) => Call,
  reductions: readonly Reduction[] = REDUCTIONS,
): Sample[] {
  return reductions.map((r) => sample(`${label}, ${r}`, inputs, call(r)));
}

/** A loss entry: its fixture keys, errors from loss.json, and its gradcheck samples. */
function loss(name: string, samples: Sample[], more: Partial<OpInfo> = {}): OpInfo {
  return {
    name: `nn.functional.${name}`,
    golden_keys: [`loss/${name}`],
    errors: [`loss/${name}`],
    gradcheck: true,
    samples,
    ...more,
  };
}

const xt = () => [leaf([3, 4], 1, -2, 2), leaf([3, 4], 2, -2, 2)];
const W5 = () => fixed([5], 7, 0.5, 1.5);
const T4 = () => long([1, 0, 4, -100]);
const W4 = () => fixed([4], 14, 0.2, 1);
const PW4 = () => fixed([4], 15, 0.5, 3);
const Y4 = () => torch.tensor([1, -1, -1, 1], { dtype: torch.float64 });
const p_y = () => [leaf([3, 4], 16, 0.05, 0.95), leaf([3, 4], 17, 0, 1)];
const z_y = () => [leaf([3, 4], 18, -4, 4), leaf([3, 4], 17, 0, 1)];
const abn = () => [leaf([4, 3], 30), leaf([4, 3], 31), leaf([4, 3], 34)];

export const LOSS_OPS: OpInfo[] = [
  loss("mse_loss", [
    ...per_reduction("input, target", xt, (reduction) => (op, a, b) => op(a, b, { reduction })),
    // broadcast target: the engine sums the gradient back to its shape
    sample("broadcast target", () => [leaf([3, 4], 3), leaf([4], 4)]),
    sample("second derivative", () => [leaf([3, 4], 5), leaf([3, 4], 6)], undefined, {
      gradcheck: false,
      gradgrad: true,
    }),
  ]),
  loss(
    "l1_loss",
    per_reduction("input, target", xt, (reduction) => (op, a, b) => op(a, b, { reduction })),
  ),
  loss(
    "smooth_l1_loss",
    per_reduction("beta 0.7", xt, (reduction) => (op, a, b) => op(a, b, { reduction, beta: 0.7 })),
  ),
  loss(
    "huber_loss",
    per_reduction("delta 0.6", xt, (reduction) => (op, a, b) => op(a, b, { reduction, delta: 0.6 })),
  ),
  loss("nll_loss", [
    ...per_reduction(
      "weight, ignore_index",
      () => [leaf([4, 5], 8)],
      (reduction) => (op, a) => op(a, T4(), W5(), { reduction }),
    ),
    ...per_reduction(
      "(N, C, d1, d2)",
      () => [leaf([2, 3, 2, 2], 11)],
      (reduction) => (op, a) => op(a, long([0, 2, 1, -100, 0, 1, 1, 2]).reshape(2, 2, 2), { reduction }),
    ),
  ]),
  loss("cross_entropy", [
    ...per_reduction(
      "weight",
      () => [leaf([4, 5], 8)],
      (reduction) => (op, a) => op(a, T4(), { reduction, weight: W5() }),
    ),
    ...per_reduction(
      "label_smoothing",
      () => [leaf([4, 5], 8)],
      (reduction) => (op, a) => op(a, T4(), { reduction, label_smoothing: 0.2 }),
    ),
    ...per_reduction(
      "weight, label_smoothing",
      () => [leaf([4, 5], 8)],
      (reduction) => (op, a) => op(a, T4(), { reduction, weight: W5(), label_smoothing: 0.3 }),
    ),
    // class probabilities: both input and target are differentiable
    ...per_reduction(
      "probabilities",
      () => [leaf([4, 5], 8), leaf([4, 5], 9, 0.05, 1)],
      (reduction) => (op, a, b) => op(a, b, { reduction, weight: W5() }),
    ),
    ...per_reduction(
      "(N, C, d1)",
      () => [leaf([2, 3, 3], 10)],
      (reduction) => (op, a) => op(a, long([0, 2, 1, 2, 0, 1]).reshape(2, 3), { reduction }),
    ),
    sample(
      "unbatched",
      () => [leaf([5], 12)],
      (op, a) => op(a, long([3]).reshape([])),
    ),
    sample(
      "second derivative",
      () => [leaf([4, 5], 13)],
      (op, a) => op(a, T4(), { weight: W5() }),
      {
        gradcheck: false,
        gradgrad: true,
      },
    ),
  ]),
  loss("binary_cross_entropy", [
    ...per_reduction("input, target", p_y, (reduction) => (op, a, b) => op(a, b, { reduction })),
    ...per_reduction("weight", p_y, (reduction) => (op, a, b) => op(a, b, W4(), { reduction })),
  ]),
  loss("binary_cross_entropy_with_logits", [
    ...per_reduction("input, target", z_y, (reduction) => (op, a, b) => op(a, b, { reduction })),
    ...per_reduction(
      "weight, pos_weight",
      z_y,
      (reduction) => (op, a, b) => op(a, b, W4(), { reduction, pos_weight: PW4() }),
    ),
    sample(
      "second derivative, pos_weight",
      () => [leaf([3, 4], 19, -3, 3), leaf([3, 4], 20, 0, 1)],
      (op, a, b) => op(a, b, { pos_weight: PW4() }),
      { gradcheck: false, gradgrad: true },
    ),
  ]),
  loss("kl_div", [
    ...per_reduction(
      "input, target",
      () => [leaf([3, 4], 21, -3, -0.1), leaf([3, 4], 22, 0.05, 1)],
      (reduction) => (op, a, b) => op(a, b, { reduction }),
      [...REDUCTIONS, "batchmean"],
    ),
    ...per_reduction(
      "log_target",
      () => [leaf([3, 4], 21, -3, -0.1), leaf([3, 4], 23, -3, 0)],
      (reduction) => (op, a, b) => op(a, b, { reduction, log_target: true }),
      [...REDUCTIONS, "batchmean"],
    ),
  ]),
  loss("poisson_nll_loss", [
    ...per_reduction(
      "log_input",
      () => [leaf([3, 4], 24, 0.2, 2), leaf([3, 4], 25, 1.5, 5)],
      (reduction) => (op, a, b) => op(a, b, { reduction }),
    ),
    ...per_reduction(
      "rates, full",
      () => [leaf([3, 4], 24, 0.2, 2), leaf([3, 4], 25, 1.5, 5)],
      (reduction) => (op, a, b) => op(a, b, false, true, { reduction }),
    ),
  ]),
  loss("gaussian_nll_loss", [
    ...per_reduction(
      "input, target, var",
      () => [leaf([4, 3], 26), leaf([4, 3], 27), leaf([4, 3], 28, 0.2, 2)],
      (reduction) => (op, a, b, v) => op(a, b, v, { reduction }),
    ),
    ...per_reduction(
      "full, var per sample",
      () => [leaf([4, 3], 26), leaf([4, 3], 27), leaf([4], 29, 0.2, 2)],
      (reduction) => (op, a, b, v) => op(a, b, v, true, { reduction }),
    ),
  ]),
  loss(
    "cosine_embedding_loss",
    per_reduction(
      "margin -0.9",
      () => [leaf([4, 3], 30), leaf([4, 3], 31)],
      (reduction) => (op, u, v) => op(u, v, Y4(), -0.9, { reduction }),
    ),
  ),
  loss(
    "margin_ranking_loss",
    per_reduction(
      "margin 0.1",
      () => [leaf([4], 32), leaf([4], 33)],
      (reduction) => (op, u, v) => op(u, v, Y4(), { margin: 0.1, reduction }),
    ),
  ),
  loss("triplet_margin_loss", [
    ...per_reduction("margin 3", abn, (reduction) => (op, u, v, w) => op(u, v, w, { margin: 3, reduction })),
    ...per_reduction(
      "p 1, swap",
      abn,
      (reduction) => (op, u, v, w) => op(u, v, w, 3, { p: 1, swap: true, reduction }),
    ),
  ]),
];
