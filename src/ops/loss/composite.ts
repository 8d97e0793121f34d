/**
 * The losses ATen composes from other ops, so their graphs show those ops' nodes (the reduction
 * over the last step, e.g. MeanBackward0 over ClampMinBackward0): kl_div, poisson_nll_loss,
 * cosine_embedding_loss, margin_ranking_loss and triplet_margin_loss. Each follows ATen's
 * formula step by step (loss.cpp, distance.cpp), so values round where PyTorch's do.
 */
import { fmt_shape } from "../../shape.js";
import type { Tensor } from "../../tensor/tensor.js";
import { empty_tensor } from "../../tensor/make.js";
import { apply_loss_reduction, type Reduction } from "./regression.js";
import { rsub } from "../binary/arithmetic.js";
import { minimum } from "../binary/math.js";
import { add_scalar, sub_scalar } from "../binary/scalar_overloads.js";
import { where } from "../binary/ternary.js";

/** kl_div: target * (log(target) - input) pointwise, or exp(target) * (target - input) for log targets. */
export function kl_div(input: Tensor, target: Tensor, reduction: Reduction, log_target: boolean): Tensor {
  if (!input.dtype.is_floating_point || !target.dtype.is_floating_point) {
    throw new Error("kl_div: Integral inputs not supported.");
  }
  const output = log_target
    ? target.exp().mul(target.sub(input))
    : target.xlogy(target).sub(target.mul(input));
  return apply_loss_reduction(output, reduction);
}

/**
 * poisson_nll_loss: exp(input) - target * input for log-rate inputs, else
 * input - target * log(input + eps); `full` adds Stirling's term where target > 1.
 */
export function poisson_nll_loss(
  input: Tensor,
  target: Tensor,
  log_input: boolean,
  full: boolean,
  eps: number,
  reduction: Reduction,
): Tensor {
  let loss = log_input ? input.exp().sub(target.mul(input)) : input.sub(target.mul(input.add(eps).log()));
  if (full) {
    const stirling = target
      .mul(target.log())
      .sub(target)
      .add(
        target
          .mul(2 * Math.PI)
          .log()
          .mul(0.5),
      );
    loss = loss.add(stirling.masked_fill(target.le(1), 0));
  }
  return apply_loss_reduction(loss, reduction);
}

/** ATen's EPSILON in cosine_embedding_loss, added to each squared magnitude. */
const COSINE_EPSILON = 1e-12;

/** cosine_embedding_loss: 1 - cos(x1, x2) where target is 1, max(0, cos - margin) where it is -1. */
export function cosine_embedding_loss(
  input1: Tensor,
  input2: Tensor,
  target: Tensor,
  margin: number,
  reduction: Reduction,
): Tensor {
  const targ_dim = target.dim();
  if (targ_dim !== 1 && targ_dim !== 0)
    throw new Error("0D or 1D target tensor expected, multi-target not supported");
  if (targ_dim === 1 && !(input1.dim() === 2 && input2.dim() === 2)) {
    throw new Error(
      `1D target tensor expects 2D input tensors, but found inputs with sizes ${fmt_shape(input1.shape)} and ${fmt_shape(input2.shape)}.`,
    );
  }
  if (targ_dim === 0 && !(input1.dim() === 1 && input2.dim() === 1)) {
    throw new Error(
      `0D target tensor expects 1D input tensors, but found inputs with sizes ${fmt_shape(input1.shape)} and ${fmt_shape(input2.shape)}.`,
    );
  }
  const prod_sum = input1.mul(input2).sum(targ_dim);
  const mag_square1 = add_scalar(input1.mul(input1).sum(targ_dim), COSINE_EPSILON);
  const mag_square2 = add_scalar(input2.mul(input2).sum(targ_dim), COSINE_EPSILON);
  const cos = prod_sum.div(mag_square1.mul(mag_square2).sqrt());
  const zeros = empty_tensor(cos.shape, cos.dtype);
  const pos = rsub(cos, 1);
  const neg = sub_scalar(cos, margin).clamp_min(0);
  const output = where(target.eq(1), pos, zeros).add(where(target.eq(-1), neg, zeros));
  return apply_loss_reduction(output, reduction);
}

/** margin_ranking_loss: max(0, -target * (input1 - input2) + margin). */
export function margin_ranking_loss(
  input1: Tensor,
  input2: Tensor,
  target: Tensor,
  margin: number,
  reduction: Reduction,
): Tensor {
  const output = add_scalar(target.neg().mul(input1.sub(input2)), margin).clamp_min(0);
  return apply_loss_reduction(output, reduction);
}

/** pairwise_distance: the p-norm of x1 - x2 + eps over the last dim. */
export function pairwise_distance(x1: Tensor, x2: Tensor, p: number, eps: number): Tensor {
  const innermost = Math.max(x1.dim(), x2.dim()) - 1;
  return x1.sub(x2).add(eps).norm(p, innermost);
}

/** triplet_margin_loss: max(0, margin + d(a, p) - d(a, n)), with d(p, n) in place of d(a, n) when smaller under `swap`. */
export function triplet_margin_loss(
  anchor: Tensor,
  positive: Tensor,
  negative: Tensor,
  margin: number,
  p: number,
  eps: number,
  swap: boolean,
  reduction: Reduction,
): Tensor {
  const [a, pd, n] = [anchor.dim(), positive.dim(), negative.dim()];
  if (!(a === pd && pd === n)) {
    throw new Error(
      `The anchor, positive, and negative tensors are expected to have the same number of dimensions, but got: anchor ${a}D, positive ${pd}D, and negative ${n}D inputs`,
    );
  }
  const dist_pos = pairwise_distance(anchor, positive, p, eps);
  let dist_neg = pairwise_distance(anchor, negative, p, eps);
  if (swap) dist_neg = minimum(dist_neg, pairwise_distance(positive, negative, p, eps));
  const output = add_scalar(dist_pos, margin).sub(dist_neg).clamp_min(0);
  return apply_loss_reduction(output, reduction);
}
