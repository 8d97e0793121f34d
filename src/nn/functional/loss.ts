/**
 * torch.nn.functional's losses: PyTorch's argument handling (positional order, one trailing
 * options object, `reduction` "none" | "mean" | "sum", the legacy size_average/reduce pair,
 * broadcasting and size checks of torch/nn/functional.py) over the ops of src/ops/loss/. No
 * derivative lives here. The embedding and likelihood losses are in loss_misc.ts, re-exported.
 */
import { broadcast_shapes, shapes_equal } from "../../shape.js";
import type { Tensor } from "../../tensor/tensor.js";
import { check_tensor_arg, kwargs } from "../../tensor/args.js";
import { is_grad_enabled } from "../../autograd/grad_mode.js";
import {
  huber_loss as huber_loss_op,
  l1_loss as l1_loss_op,
  mse_loss as mse_loss_op,
  smooth_l1_loss as smooth_l1_loss_op,
} from "../../ops/loss/regression.js";
import {
  binary_cross_entropy as bce_op,
  binary_cross_entropy_with_logits as bce_logits_op,
} from "../../ops/loss/bce.js";
import { cross_entropy_loss, nll_loss_nd } from "../../ops/loss/nll.js";
import { kl_div as kl_div_op } from "../../ops/loss/composite.js";
import { reduction_of, type Reduction, type ReductionOptions } from "./loss_utils.js";
import { torch_size } from "../../format.js";

export type { Reduction, ReductionOptions } from "./loss_utils.js";
export * from "./loss_misc.js";

const warned = new Set<string>();

/**
 * broadcast_tensors(input, target) for the pointwise losses, with PyTorch's warning when the
 * sizes differ (the classic [N, 1] output against an [N] target), shown once per message as
 * Python's default warnings filter shows it.
 */
function broadcast_pair(input: Tensor, target: Tensor): [Tensor, Tensor] {
  if (shapes_equal(input.shape, target.shape)) return [input, target];
  const msg = `Using a target size (${torch_size(target.shape)}) that is different to the input size (${torch_size(input.shape)}). This will likely lead to incorrect results due to broadcasting. Please ensure they have the same size.`;
  if (!warned.has(msg)) {
    warned.add(msg);
    console.warn(msg);
  }
  const shape = broadcast_shapes(input.shape, target.shape);
  const fit = (t: Tensor) => (shapes_equal(t.shape, shape) ? t : t.expand(shape));
  return [fit(input), fit(target)];
}

type PointwiseArgs = [] | [ReductionOptions];

function pointwise_reduction(name: string, args: readonly unknown[]): Reduction {
  return reduction_of(
    kwargs<ReductionOptions & Record<string, unknown>>(name, args, ["size_average", "reduce", "reduction"]),
  );
}

/** F.mse_loss(input, target, reduction='mean'): mean squared error, node MseLossBackward0. */
export function mse_loss(input: Tensor, target: Tensor, ...args: PointwiseArgs): Tensor {
  check_tensor_arg("mse_loss", "input", input);
  check_tensor_arg("mse_loss", "target", target);
  return mse_loss_reduced(input, target, pointwise_reduction("mse_loss", args));
}

/**
 * @internal F.mse_loss past its argument checks, the reduction already parsed (nn.MSELoss's
 * forward, at every training step, goes straight here)
 */
export function mse_loss_reduced(input: Tensor, target: Tensor, reduction: Reduction): Tensor {
  if (shapes_equal(input.shape, target.shape)) return mse_loss_op(input, target, reduction);
  const [x, t] = broadcast_pair(input, target);
  return mse_loss_op(x, t, reduction);
}

/** F.l1_loss(input, target, reduction='mean'): mean absolute error (composed, as in PyTorch). */
export function l1_loss(input: Tensor, target: Tensor, ...args: PointwiseArgs): Tensor {
  check_tensor_arg("l1_loss", "input", input);
  check_tensor_arg("l1_loss", "target", target);
  const reduction = pointwise_reduction("l1_loss", args);
  const [x, t] = broadcast_pair(input, target);
  return l1_loss_op(x, t, reduction);
}

export interface SmoothL1Options extends ReductionOptions {
  beta?: number;
}

/** F.smooth_l1_loss(input, target, reduction='mean', beta=1.0); beta = 0 is l1_loss, as in 2.x. */
export function smooth_l1_loss(input: Tensor, target: Tensor, ...args: [] | [SmoothL1Options]): Tensor {
  check_tensor_arg("smooth_l1_loss", "input", input);
  check_tensor_arg("smooth_l1_loss", "target", target);
  const o = kwargs<SmoothL1Options & Record<string, unknown>>("smooth_l1_loss", args, [
    "size_average",
    "reduce",
    "reduction",
    "beta",
  ]);
  const reduction = reduction_of(o);
  const beta = o.beta ?? 1;
  if (beta < 0) throw new Error("smooth_l1_loss does not support negative values for beta.");
  const [x, t] = broadcast_pair(input, target);
  return beta === 0 ? l1_loss_op(x, t, reduction) : smooth_l1_loss_op(x, t, reduction, beta);
}

/** Keyword arguments of {@link huber_loss}: reduction ("mean", "sum" or "none") and delta (default 1). */
export interface HuberOptions {
  reduction?: Reduction;
  delta?: number;
}

/** F.huber_loss(input, target, reduction='mean', delta=1.0), node HuberLossBackward0. */
export function huber_loss(input: Tensor, target: Tensor, ...args: [] | [HuberOptions]): Tensor {
  check_tensor_arg("huber_loss", "input", input);
  check_tensor_arg("huber_loss", "target", target);
  const o = kwargs<HuberOptions & Record<string, unknown>>("huber_loss", args, ["reduction", "delta"]);
  const reduction = reduction_of(o);
  const delta = o.delta ?? 1;
  if (!(delta > 0)) throw new Error("huber_loss does not support non-positive values for delta.");
  const [x, t] = broadcast_pair(input, target);
  return huber_loss_op(x, t, reduction, delta);
}

export interface NllOptions extends ReductionOptions {
  weight?: Tensor | null;
  ignore_index?: number;
}

type WeightedArgs<O> = [] | [Tensor | null] | [O] | [Tensor | null, O];

/**
 * F.nll_loss(input, target, weight=None, ignore_index=-100, reduction='mean'): input holds
 * log-probabilities, (C), (N, C) or (N, C, d1, ..., dK); target class indices (int64).
 */
export function nll_loss(input: Tensor, target: Tensor, ...args: WeightedArgs<NllOptions>): Tensor {
  check_tensor_arg("nll_loss", "input", input);
  check_tensor_arg("nll_loss", "target", target);
  const o = kwargs<NllOptions & Record<string, unknown>>("nll_loss", args, [
    "weight",
    "size_average",
    "ignore_index",
    "reduce",
    "reduction",
  ]);
  return nll_loss_nd(input, target, o.weight ?? null, reduction_of(o), o.ignore_index ?? -100);
}

export interface CrossEntropyOptions extends NllOptions {
  label_smoothing?: number;
}

/**
 * F.cross_entropy(input, target, weight=None, ignore_index=-100, reduction='mean',
 * label_smoothing=0.0): log_softmax over dim 1 (dim 0 for an unbatched input) then NLL. The
 * target holds class indices (int64, the input's shape without the class dim) or class
 * probabilities (floating, the input's shape).
 */
export function cross_entropy(
  input: Tensor,
  target: Tensor,
  ...args: WeightedArgs<CrossEntropyOptions>
): Tensor {
  check_tensor_arg("cross_entropy", "input", input);
  check_tensor_arg("cross_entropy", "target", target);
  const o = kwargs<CrossEntropyOptions & Record<string, unknown>>("cross_entropy", args, [
    "weight",
    "size_average",
    "ignore_index",
    "reduce",
    "reduction",
    "label_smoothing",
  ]);
  return cross_entropy_loss(
    input,
    target,
    o.weight ?? null,
    reduction_of(o),
    o.ignore_index ?? -100,
    o.label_smoothing ?? 0,
  );
}

export interface BCEOptions extends ReductionOptions {
  weight?: Tensor | null;
}

/** PyTorch refuses a weight that requires grad: binary cross entropy does not differentiate it. */
function check_weight_grad(name: string, weight: Tensor | null | undefined, arg = "weight"): void {
  if (weight && weight.requires_grad && is_grad_enabled()) {
    throw new Error(
      `The function '${name}' is not differentiable with respect to argument '${arg}'. This input cannot have requires_grad True.`,
    );
  }
}

/** F.binary_cross_entropy(input, target, weight=None, reduction='mean'): input holds probabilities. */
export function binary_cross_entropy(
  input: Tensor,
  target: Tensor,
  ...args: WeightedArgs<BCEOptions>
): Tensor {
  check_tensor_arg("binary_cross_entropy", "input", input);
  check_tensor_arg("binary_cross_entropy", "target", target);
  const o = kwargs<BCEOptions & Record<string, unknown>>("binary_cross_entropy", args, [
    "weight",
    "size_average",
    "reduce",
    "reduction",
  ]);
  const reduction = reduction_of(o);
  if (!shapes_equal(target.shape, input.shape)) {
    throw new Error(
      `Using a target size (${torch_size(target.shape)}) that is different to the input size (${torch_size(input.shape)}) is deprecated. Please ensure they have the same size.`,
    );
  }
  let weight = o.weight ?? null;
  if (weight) weight = weight.expand(broadcast_shapes(target.shape, weight.shape));
  check_weight_grad("binary_cross_entropy", weight);
  return bce_op(input, target, weight, reduction);
}

export interface BCEWithLogitsOptions extends BCEOptions {
  pos_weight?: Tensor | null;
}

/** F.binary_cross_entropy_with_logits(input, target, weight=None, reduction='mean', pos_weight=None). */
export function binary_cross_entropy_with_logits(
  input: Tensor,
  target: Tensor,
  ...args: WeightedArgs<BCEWithLogitsOptions>
): Tensor {
  check_tensor_arg("binary_cross_entropy_with_logits", "input", input);
  check_tensor_arg("binary_cross_entropy_with_logits", "target", target);
  const o = kwargs<BCEWithLogitsOptions & Record<string, unknown>>("binary_cross_entropy_with_logits", args, [
    "weight",
    "size_average",
    "reduce",
    "reduction",
    "pos_weight",
  ]);
  const reduction = reduction_of(o);
  if (!shapes_equal(target.shape, input.shape)) {
    throw new Error(
      `Target size (${torch_size(target.shape)}) must be the same as input size (${torch_size(input.shape)})`,
    );
  }
  check_weight_grad("binary_cross_entropy_with_logits", o.weight);
  check_weight_grad("binary_cross_entropy_with_logits", o.pos_weight, "pos_weight");
  return bce_logits_op(input, target, o.weight ?? null, o.pos_weight ?? null, reduction);
}

/**
 * Keyword arguments of {@link kl_div}: reduction ("mean", "batchmean" (PyTorch's recommended one), "sum" or
 * "none"), log_target (whether target holds log-probabilities), and the deprecated size_average and reduce.
 */
export interface KLDivOptions {
  size_average?: boolean | null;
  reduce?: boolean | null;
  reduction?: Reduction | "batchmean";
  log_target?: boolean;
}

/**
 * F.kl_div(input, target, reduction='mean', log_target=False): input holds log-probabilities.
 * 'batchmean' divides the sum by the batch size, the mathematical KL divergence; 'mean'
 * divides by the number of elements (PyTorch warns about it).
 */
export function kl_div(input: Tensor, target: Tensor, ...args: [] | [KLDivOptions]): Tensor {
  check_tensor_arg("kl_div", "input", input);
  check_tensor_arg("kl_div", "target", target);
  const o = kwargs<KLDivOptions & Record<string, unknown>>("kl_div", args, [
    "size_average",
    "reduce",
    "reduction",
    "log_target",
  ]);
  const legacy = (o.size_average ?? null) !== null || (o.reduce ?? null) !== null;
  const batchmean = !legacy && o.reduction === "batchmean";
  const reduction = batchmean ? "sum" : reduction_of(o as ReductionOptions);
  const reduced = kl_div_op(input, target, reduction, o.log_target ?? false);
  return batchmean && input.dim() !== 0 ? reduced.div(input.shape[0]) : reduced;
}
