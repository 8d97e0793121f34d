/**
 * torch.nn.functional's embedding and likelihood losses: cosine_embedding_loss,
 * margin_ranking_loss, triplet_margin_loss (over the ATen composites of src/ops/loss/composite.ts),
 * gaussian_nll_loss (written here, as PyTorch writes it in Python) and poisson_nll_loss.
 * Re-exported by loss.ts.
 */
import { shapes_equal } from "../../shape.js";
import type { Tensor } from "../../tensor/tensor.js";
import { check_tensor_arg, kwargs } from "../../tensor/args.js";
import { no_grad } from "../../autograd/grad_mode.js";
import { torch_size } from "../../format.js";
import {
  cosine_embedding_loss as cosine_embedding_op,
  margin_ranking_loss as margin_ranking_op,
  poisson_nll_loss as poisson_nll_op,
  triplet_margin_loss as triplet_margin_op,
} from "../../ops/loss/composite.js";
import { reduction_arg, reduction_of, type Reduction, type ReductionOptions } from "./loss_utils.js";

export interface MarginOptions extends ReductionOptions {
  margin?: number;
}

/** F.cosine_embedding_loss(input1, input2, target, margin=0, reduction='mean'): target is 1 or -1. */
export function cosine_embedding_loss(
  input1: Tensor,
  input2: Tensor,
  target: Tensor,
  ...args: [] | [number] | [MarginOptions] | [number, MarginOptions]
): Tensor {
  const o = kwargs<MarginOptions & Record<string, unknown>>("cosine_embedding_loss", args, [
    "margin",
    "size_average",
    "reduce",
    "reduction",
  ]);
  return cosine_embedding_op(input1, input2, target, o.margin ?? 0, reduction_of(o));
}

/** F.margin_ranking_loss(input1, input2, target, margin=0, reduction='mean'). */
export function margin_ranking_loss(
  input1: Tensor,
  input2: Tensor,
  target: Tensor,
  ...args: [] | [number] | [MarginOptions] | [number, MarginOptions]
): Tensor {
  const o = kwargs<MarginOptions & Record<string, unknown>>("margin_ranking_loss", args, [
    "margin",
    "size_average",
    "reduce",
    "reduction",
  ]);
  const reduction = reduction_of(o);
  if (input1.dim() !== input2.dim() || input1.dim() !== target.dim()) {
    throw new Error(
      `margin_ranking_loss : All input tensors should have same dimension but got sizes: input1: ${torch_size(input1.shape)}, input2: ${torch_size(input2.shape)}, target: ${torch_size(target.shape)} `,
    );
  }
  return margin_ranking_op(input1, input2, target, o.margin ?? 0, reduction);
}

export interface TripletMarginOptions extends MarginOptions {
  p?: number;
  eps?: number;
  swap?: boolean;
}

/** F.triplet_margin_loss(anchor, positive, negative, margin=1.0, p=2, eps=1e-6, swap=False, reduction='mean'). */
export function triplet_margin_loss(
  anchor: Tensor,
  positive: Tensor,
  negative: Tensor,
  ...args: [] | [number] | [TripletMarginOptions] | [number, TripletMarginOptions]
): Tensor {
  const o = kwargs<TripletMarginOptions & Record<string, unknown>>("triplet_margin_loss", args, [
    "margin",
    "p",
    "eps",
    "swap",
    "size_average",
    "reduce",
    "reduction",
  ]);
  const reduction = reduction_of(o);
  return triplet_margin_op(
    anchor,
    positive,
    negative,
    o.margin ?? 1,
    o.p ?? 2,
    o.eps ?? 1e-6,
    o.swap ?? false,
    reduction,
  );
}

/**
 * Keyword arguments of {@link gaussian_nll_loss}: full (add the constant term), eps (default 1e-6, the
 * least variance) and reduction.
 */
export interface GaussianNLLOptions {
  full?: boolean;
  eps?: number;
  reduction?: Reduction;
}

/**
 * F.gaussian_nll_loss(input, target, var, full=False, eps=1e-6, reduction='mean'):
 * 0.5 * (log(var) + (input - target)^2 / var), with var clamped to >= eps for the value only
 * (the gradient passes through the clamp, as in PyTorch, which clamps under no_grad).
 */
export function gaussian_nll_loss(
  input: Tensor,
  target: Tensor,
  variance: Tensor,
  ...args: [] | [boolean] | [GaussianNLLOptions] | [boolean, GaussianNLLOptions]
): Tensor {
  check_tensor_arg("gaussian_nll_loss", "input", input);
  check_tensor_arg("gaussian_nll_loss", "target", target);
  const o = kwargs<GaussianNLLOptions & Record<string, unknown>>("gaussian_nll_loss", args, [
    "full",
    "eps",
    "reduction",
  ]);
  let v = variance;
  if (!shapes_equal(v.shape, input.shape)) {
    const lead = input.shape.slice(0, -1);
    if (shapes_equal(lead, v.shape)) {
      // homoscedastic: one variance per sample, broadcast over the last dim
      v = v.unsqueeze(-1);
    } else if (!(shapes_equal(lead, v.shape.slice(0, -1)) && v.shape[v.dim() - 1] === 1)) {
      throw new Error("var is of incorrect size");
    }
  }
  const reduction = o.reduction ?? "mean";
  if (reduction !== "none" && reduction !== "mean" && reduction !== "sum") {
    throw new Error(`${String(reduction)} is not valid`);
  }
  if (v.lt(0).any().item()) throw new Error("var has negative entry/entries");
  v = v.clone();
  const eps = o.eps ?? 1e-6;
  no_grad(() => v.clamp_({ min: eps }));
  let loss = v.log().add(input.sub(target).pow(2).div(v)).mul(0.5);
  if (o.full ?? false) loss = loss.add(0.5 * Math.log(2 * Math.PI));
  if (reduction === "mean") return loss.mean();
  return reduction === "sum" ? loss.sum() : loss;
}

export interface PoissonNLLOptions extends ReductionOptions {
  log_input?: boolean;
  full?: boolean;
  eps?: number;
}

/** F.poisson_nll_loss(input, target, log_input=True, full=False, eps=1e-8, reduction='mean'). */
export function poisson_nll_loss(
  input: Tensor,
  target: Tensor,
  ...args:
    | []
    | [boolean]
    | [boolean, boolean]
    | [PoissonNLLOptions]
    | [boolean, PoissonNLLOptions]
    | [boolean, boolean, PoissonNLLOptions]
): Tensor {
  check_tensor_arg("poisson_nll_loss", "input", input);
  check_tensor_arg("poisson_nll_loss", "target", target);
  const o = kwargs<PoissonNLLOptions & Record<string, unknown>>("poisson_nll_loss", args, [
    "log_input",
    "full",
    "size_average",
    "eps",
    "reduce",
    "reduction",
  ]);
  // torch/nn/functional.py checks this one itself, with its own wording
  const reduction = reduction_arg(o);
  if (reduction !== "none" && reduction !== "mean" && reduction !== "sum") {
    throw new Error(`${String(reduction)} is not valid`);
  }
  return poisson_nll_op(input, target, o.log_input ?? true, o.full ?? false, o.eps ?? 1e-8, reduction);
}
