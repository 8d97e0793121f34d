/**
 * Negative log likelihood and cross entropy, as ATen builds them. nll_loss (input (C) or (N, C),
 * node NllLossBackward0) and nll_loss2d (input (N, C, H, W), node NllLoss2DBackward0) have their
 * own nodes; nll_loss_nd routes K-dim inputs to them as PyTorch does (3-D and >4-D inputs are
 * viewed as (N, C, 1, -1), so their graphs show ViewBackward0 around NllLoss2DBackward0).
 * cross_entropy composes log_softmax with nll_loss_nd for class indices, and writes out
 * PyTorch's composites for label smoothing and class probabilities.
 *
 * Targets are int64 class indices; a target equal to ignore_index contributes nothing, to the
 * loss or to the mean's denominator (the sum of the weights of the counted targets).
 */
import { bool, int64, type DType, scalar_type_name } from "../../dtype.js";
import { fmt_shape, shapes_equal } from "../../shape.js";
import type { Tensor } from "../../tensor/tensor.js";
import { empty_tensor, scalar_tensor } from "../../tensor/make.js";
import { check_float_kernel } from "../kernel_checks.js";
import { cpp_double } from "../../format.js";
import { defineOp, type OpFn } from "../../autograd/define.js";
import { row_major } from "../convert/convert.js";
import { log_softmax } from "../activation/softmax.js";
import type { Reduction } from "./regression.js";
import { div_scalar, mul_scalar } from "../binary/scalar_overloads.js";
import { where } from "../binary/ternary.js";

/** The kernels read targets as int64 (PyTorch's data_ptr<int64_t> check). */
function check_target_dtype(target: Tensor): void {
  if (target.dtype !== int64) {
    throw new Error(`expected scalar type Long but found ${scalar_type_name(target.dtype)}`);
  }
}

interface NllResult {
  /** -w[t] * x[n, t, s] per target (0 where ignored), as an (N, S) list */
  losses: Float64Array;
  /** w[t] at each (n, t, s) of the input's layout: the mask backward scales */
  mask: Tensor;
  /** true where a target was counted (not ignored) */
  counted: Tensor;
  /** the sum of the counted targets' weights */
  total_weight: number;
}

/**
 * The shared loop of nll_loss and nll_loss2d over an input laid out as (N, C, S) with a target
 * (N, S). Values are rounded to the input's dtype, as PyTorch's kernel computes in it.
 */
function nll_core(
  input: Tensor,
  target: Tensor,
  weight: Tensor | null,
  ignore_index: number,
  n: number,
  c: number,
  s: number,
): NllResult {
  const x = row_major(input);
  const t = row_major(target);
  const w = weight ? row_major(weight) : null;
  const mask = empty_tensor(input.shape, input.dtype);
  const m = mask._view().data;
  const counted = empty_tensor(input.shape, bool);
  const cm = counted._view().data;
  const round = input.dtype.name === "float32" ? Math.fround : (v: number) => v;
  const losses = new Float64Array(n * s);
  let total = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < s; j++) {
      const k = t[i * s + j];
      if (k === ignore_index) continue;
      if (!(k >= 0 && k < c)) throw new RangeError(`Target ${k} is out of bounds.`);
      const wk = w ? w[k] : 1;
      const at = (i * c + k) * s + j;
      losses[i * s + j] = round(-x[at] * wk);
      m[at] = wk;
      cm[at] = 1;
      total += wk;
    }
  }
  return { losses, mask, counted, total_weight: round(total) };
}

/** The reduced loss (a 0-d tensor) or the per-target losses in `shape`. */
function nll_output(r: NllResult, reduction: Reduction, shape: number[], dtype: DType): Tensor {
  if (reduction === "none") {
    const out = empty_tensor(shape, dtype);
    out._view().data.set(r.losses);
    return out;
  }
  let sum = 0;
  for (const v of r.losses) sum += v;
  const round = dtype.name === "float32" ? Math.fround : (v: number) => v;
  return scalar_tensor(reduction === "mean" ? round(sum) / r.total_weight : sum, dtype);
}

/**
 * nll_loss's backward: grad_input[n, t, s] = -w[t] * grad[n, s] (grad / total_weight for a
 * mean), zero elsewhere and at ignored targets (even when all are ignored and the mean's
 * 0 / 0 made the loss NaN). Written in tensor ops on the saved weight mask, so it is linear in
 * grad and records under create_graph.
 */
function nll_backward(saved: Tensor[], grad: Tensor, reduction: Reduction): Tensor {
  const [mask, counted, total_weight] = saved;
  if (reduction === "none") {
    return grad.dim() === 0 ? mask.mul(grad).neg() : mask.mul(grad.unsqueeze(1)).neg();
  }
  if (reduction === "sum") return mask.mul(grad.neg());
  return where(counted, mask.mul(grad.div(total_weight).neg()), 0);
}

const nll_loss_op: OpFn<
  [input: Tensor, target: Tensor, weight: Tensor | null, reduction: Reduction, ignore_index: number]
> = defineOp({
  name: "nll_loss",
  node: "NllLossBackward0",
  forward(
    ctx,
    input: Tensor,
    target: Tensor,
    weight: Tensor | null,
    reduction: Reduction,
    ignore_index: number,
  ) {
    if (!(input.dim() > 0 && input.dim() <= 2)) throw new Error("input tensor should be 1D or 2D");
    if (target.dim() > 1) throw new Error("0D or 1D target tensor expected, multi-target not supported");
    const no_batch = input.dim() === 1 && target.dim() === 0;
    if (!no_batch && input.shape[0] !== target.shape[0]) {
      throw new Error(
        `size mismatch (got input: ${fmt_shape(input.shape)}, target: ${fmt_shape(target.shape)})`,
      );
    }
    const c = input.shape[input.dim() - 1];
    if (weight && !(weight.dim() === 1 && weight.numel() === c)) {
      throw new Error(
        `weight tensor should be defined either for all ${c} classes or no classes but got weight tensor of shape: ${fmt_shape(weight.shape)}`,
      );
    }
    check_float_kernel("nll_loss_out_frame", input.dtype);
    check_target_dtype(target);
    const n = input.dim() === 1 ? 1 : input.shape[0];
    const r = nll_core(input, target, weight, ignore_index, n, c, 1);
    ctx.save(r.mask, r.counted, scalar_tensor(r.total_weight, input.dtype));
    const shape = input.dim() === 2 ? [n] : [];
    return nll_output(
      r,
      input.dim() === 2 ? reduction : reduction === "none" ? "sum" : reduction,
      shape,
      input.dtype,
    );
  },
  backward: (ctx, grad) => [nll_backward(ctx.saved, grad, ctx.args[3])],
});

const nll_loss2d_op: OpFn<
  [input: Tensor, target: Tensor, weight: Tensor | null, reduction: Reduction, ignore_index: number]
> = defineOp({
  name: "nll_loss2d",
  node: "NllLoss2DBackward0",
  forward(
    ctx,
    input: Tensor,
    target: Tensor,
    weight: Tensor | null,
    reduction: Reduction,
    ignore_index: number,
  ) {
    if (target.dim() !== 3) {
      throw new Error(
        `only batches of spatial targets supported (3D tensors) but got targets of dimension: ${target.dim()}`,
      );
    }
    if (input.dim() !== 4) {
      throw new Error(
        `only batches of spatial inputs supported (4D tensors), but got input of dimension: ${input.dim()}`,
      );
    }
    const [n, c, h, w] = input.shape;
    if (weight && weight.numel() !== c)
      throw new Error("weight tensor should be defined either for all or no classes");
    if (n !== target.shape[0] || h !== target.shape[1] || w !== target.shape[2]) {
      throw new Error(
        `size mismatch (got input: ${fmt_shape(input.shape)} , target: ${fmt_shape(target.shape)}`,
      );
    }
    check_float_kernel("nll_loss2d_forward_out_frame", input.dtype);
    check_target_dtype(target);
    const r = nll_core(input, target, weight, ignore_index, n, c, h * w);
    ctx.save(r.mask, r.counted, scalar_tensor(r.total_weight, input.dtype));
    return nll_output(r, reduction, [n, h, w], input.dtype);
  },
  backward: (ctx, grad) => [nll_backward(ctx.saved, grad, ctx.args[3])],
});

/** ATen's nll_loss_nd: input (C), (N, C) or (N, C, d1, ..., dK), target (), (N) or (N, d1, ..., dK). */
export function nll_loss_nd(
  input: Tensor,
  target: Tensor,
  weight: Tensor | null,
  reduction: Reduction,
  ignore_index: number,
): Tensor {
  if (input.dim() < 1) throw new Error(`Expected 1 or more dimensions (got ${input.dim()})`);
  if (input.dim() !== 1 && input.shape[0] !== target.shape[0]) {
    throw new Error(
      `Expected input batch_size (${input.shape[0]}) to match target batch_size (${target.shape[0]}).`,
    );
  }
  if (input.dim() <= 2) return nll_loss_op(input, target, weight, reduction, ignore_index);
  if (input.dim() === 4) return nll_loss2d_op(input, target, weight, reduction, ignore_index);
  const [n, c] = input.shape;
  const out_size = [n, ...input.shape.slice(2)];
  if (!shapes_equal(target.shape.slice(1), input.shape.slice(2))) {
    throw new Error(`Expected target size ${fmt_shape(out_size)}, got ${fmt_shape(target.shape)}`);
  }
  const x = input.numel() > 0 ? input.contiguous().view(n, c, 1, -1) : input.contiguous().view(n, c, 0, 0);
  const t = target.numel() > 0 ? target.contiguous().view(n, 1, -1) : target.contiguous().view(n, 0, 0);
  const out = nll_loss2d_op(x, t, weight, reduction, ignore_index);
  return reduction === "none" ? out.view(out_size) : out;
}

/** weight viewed to broadcast along the class dim of an input of `ndim` dims. */
function class_view(weight: Tensor, ndim: number, class_dim: number): Tensor {
  const shape = new Array<number>(ndim).fill(1);
  shape[class_dim] = weight.shape[0];
  return weight.view(shape);
}

/** cross_entropy_loss_prob_target: soft targets of the input's shape. */
function cross_entropy_prob(
  self: Tensor,
  target_: Tensor,
  weight: Tensor | null,
  reduction: Reduction,
  label_smoothing: number,
): Tensor {
  const class_dim = self.dim() === 1 ? 0 : 1;
  const n_classes = self.shape[class_dim];
  if (weight && !(weight.dim() === 1 && weight.numel() === n_classes)) {
    throw new Error(
      `cross_entropy: weight tensor should be defined either for all ${n_classes} classes or no classes but got weight tensor of shape: ${fmt_shape(weight.shape)}`,
    );
  }
  const input = log_softmax(self, class_dim);
  let target = target_;
  if (label_smoothing > 0) {
    check_label_smoothing(label_smoothing);
    target = mul_scalar(target_, 1 - label_smoothing).add(label_smoothing / n_classes);
  }
  let prod = input.mul(target);
  if (weight) prod = prod.mul(self.dim() > 1 ? class_view(weight, self.dim(), 1) : weight);
  if (reduction === "none") return prod.sum(class_dim).neg();
  if (reduction === "sum") return prod.sum().neg();
  // an empty input's mean is NaN (0 / 0)
  return div_scalar(prod.sum().neg(), Math.trunc(input.numel() / n_classes));
}

function check_label_smoothing(ls: number): void {
  if (ls > 1) throw new Error(`label_smoothing must be between 0.0 and 1.0. Got: ${cpp_double(ls)}`);
}

/** cross_entropy_loss_label_smoothing: class indices with a uniform share of label_smoothing. */
function cross_entropy_smoothed(
  self: Tensor,
  target: Tensor,
  weight: Tensor | null,
  reduction: Reduction,
  ignore_index: number,
  label_smoothing: number,
): Tensor {
  const class_dim = self.dim() === 1 ? 0 : 1;
  const input = log_softmax(self, class_dim);
  const nllloss = nll_loss_nd(input, target, weight, reduction, ignore_index);
  const n_classes = input.shape[class_dim];
  const smooth = (weight ? input.mul(class_view(weight, input.dim(), class_dim)) : input)
    .sum(class_dim)
    .neg();
  const ignore_mask = target.eq(ignore_index);
  const smooth_loss = smooth.masked_fill(ignore_mask, 0);
  let ret: Tensor;
  if (reduction === "mean") {
    const kept = ignore_mask.logical_not();
    const denom = weight ? weight.gather(0, target.masked_select(kept).flatten()).sum() : kept.sum();
    ret = smooth_loss.sum().div(denom);
  } else {
    ret = reduction === "sum" ? smooth_loss.sum() : smooth_loss;
  }
  return mul_scalar(nllloss, 1 - label_smoothing).add(mul_scalar(ret, label_smoothing / n_classes));
}

/** ATen's cross_entropy_loss: log_softmax over the class dim, then NLL (or the soft-target forms). */
export function cross_entropy_loss(
  self: Tensor,
  target: Tensor,
  weight: Tensor | null,
  reduction: Reduction,
  ignore_index: number,
  label_smoothing: number,
): Tensor {
  if (shapes_equal(self.shape, target.shape)) {
    // soft targets when input and target shapes are the same
    if (!target.dtype.is_floating_point) {
      throw new Error(
        `Expected floating point type for target with class probabilities, got ${scalar_type_name(target.dtype)}`,
      );
    }
    if (ignore_index >= 0) throw new Error("ignore_index is not supported for floating point target");
    return cross_entropy_prob(self, target, weight, reduction, label_smoothing);
  }
  if (label_smoothing > 0) {
    check_label_smoothing(label_smoothing);
    return cross_entropy_smoothed(self, target, weight, reduction, ignore_index, label_smoothing);
  }
  const class_dim = self.dim() === 1 ? 0 : 1;
  return nll_loss_nd(log_softmax(self, class_dim), target, weight, reduction, ignore_index);
}
