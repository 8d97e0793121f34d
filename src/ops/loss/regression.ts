/**
 * Regression losses with their own graph nodes, as ATen defines them: mse_loss
 * (MseLossBackward0), smooth_l1_loss (SmoothL1LossBackward0) and huber_loss (HuberLossBackward0),
 * plus l1_loss, which ATen composes from sub, abs and the reduction (so its graph shows
 * MeanBackward0 over AbsBackward0). The reduction is ATen's enum as a string: "none" | "mean" |
 * "sum"; torch.nn.functional parses PyTorch's arguments and calls these. Gradients flow to the
 * target as well as the input, as derivatives.yaml states. The classification losses are in
 * nll.ts (nll_loss, cross_entropy) and bce.ts, the composites in composite.ts.
 */
import type { DType } from "../../dtype.js";
import { broadcast_shapes, numel } from "../../shape.js";
import type { Tensor } from "../../tensor/tensor.js";
import { result_type } from "../binary/arithmetic.js";
import { binary_kernel, NEW_TENSOR, promote } from "../binary/binary_kernel.js";
import { is_grad_enabled } from "../../autograd/grad_mode.js";
import { defineOp, type OpFn } from "../../autograd/define.js";
import { kernel_not_implemented } from "../kernel_checks.js";
import { where } from "../binary/ternary.js";

/** ATen's loss reduction (at::Reduction), by PyTorch's string names. */
export type Reduction = "none" | "mean" | "sum";

/** apply_loss_reduction: the elementwise loss, its mean, or its sum. */
export function apply_loss_reduction(loss: Tensor, reduction: Reduction): Tensor {
  if (reduction === "mean") return loss.mean();
  if (reduction === "sum") return loss.sum();
  return loss;
}

/** The common floating dtype of input and target; integer pairs are refused by the kernel. */
function loss_dtype(kernel: string, input: Tensor, target: Tensor): DType {
  const d = result_type(input, target);
  if (!d.is_floating_point) throw kernel_not_implemented(kernel, d);
  return d;
}

/** 1/numel for a mean (of the broadcast elementwise loss), else 1. */
function mean_norm(input: Tensor, target: Tensor, reduction: Reduction): number {
  return reduction === "mean" ? 1 / numel(broadcast_shapes(input.shape, target.shape)) : 1;
}

/** x.sub(t).mul(norm).mul(grad) when nothing records (no create_graph): the same kernels, in turn. */
function mse_grad(x: Tensor, t: Tensor, norm: number, grad: Tensor): Tensor {
  const d = result_type(x, t);
  const diff = binary_kernel(NEW_TENSOR, "sub", x, t, d, 1, d);
  const scaled = binary_kernel(NEW_TENSOR, "mul", diff, norm, d, undefined, d);
  const dg = promote(scaled, grad);
  return binary_kernel(NEW_TENSOR, "mul", scaled, grad, dg, undefined, dg);
}

export const mse_loss: OpFn<[input: Tensor, target: Tensor, reduction: Reduction]> = defineOp({
  name: "mse_loss",
  node: "MseLossBackward0",
  differentiable: [0, 1],
  // (the elementwise steps call the kernel sub and mul run, not the ops: nothing records here,
  // and the walkthrough's loss runs at every training step)
  forward(ctx, input: Tensor, target: Tensor, reduction: Reduction) {
    const d = loss_dtype("mse_cpu", input, target);
    ctx.save(input, target);
    const diff = binary_kernel(NEW_TENSOR, "sub", input, target, d, 1, d);
    return apply_loss_reduction(binary_kernel(NEW_TENSOR, "mul", diff, diff, d, undefined, d), reduction);
  },
  // self: mse_loss_backward(grad, self, target) = norm * (self - target) * grad, with norm
  // 2/numel for a mean, else 2; target: the same with self and target swapped
  backward(ctx, grad) {
    const [x, t] = ctx.saved;
    const norm = 2 * mean_norm(x, t, ctx.args[2]);
    const g = is_grad_enabled() ? x.sub(t).mul(norm).mul(grad) : mse_grad(x, t, norm, grad);
    return [ctx.needs_input_grad[0] ? g : null, ctx.needs_input_grad[1] ? g.neg() : null];
  },
});

export const smooth_l1_loss: OpFn<[input: Tensor, target: Tensor, reduction: Reduction, beta: number]> =
  defineOp({
    name: "smooth_l1_loss",
    node: "SmoothL1LossBackward0",
    differentiable: [0, 1],
    forward(ctx, input: Tensor, target: Tensor, reduction: Reduction, beta: number) {
      loss_dtype("smooth_l1_cpu", input, target);
      ctx.save(input, target);
      // z < beta ? 0.5 * z * z / beta : z - 0.5 * beta, with z = |input - target|
      const z = input.sub(target).abs();
      const loss = where(z.lt(beta), z.mul(0.5).mul(z).div(beta), z.sub(0.5 * beta));
      return apply_loss_reduction(loss, reduction);
    },
    // self: norm * clamp(x, -beta, beta) * grad / beta with x = self - target (±norm * grad
    // outside [-beta, beta]); target: its negative
    backward(ctx, grad) {
      const [x, t] = ctx.saved;
      const [, , reduction, beta] = ctx.args;
      const g = x
        .sub(t)
        .clamp(-beta, beta)
        .mul(mean_norm(x, t, reduction))
        .mul(grad)
        .div(beta);
      return [ctx.needs_input_grad[0] ? g : null, ctx.needs_input_grad[1] ? g.neg() : null];
    },
  });

export const huber_loss: OpFn<[input: Tensor, target: Tensor, reduction: Reduction, delta: number]> =
  defineOp({
    name: "huber_loss",
    node: "HuberLossBackward0",
    differentiable: [0, 1],
    forward(ctx, input: Tensor, target: Tensor, reduction: Reduction, delta: number) {
      loss_dtype("huber_cpu", input, target);
      ctx.save(input, target);
      // z < delta ? 0.5 * z * z : delta * (z - 0.5 * delta), with z = |input - target|
      const z = input.sub(target).abs();
      const loss = where(z.lt(delta), z.mul(0.5).mul(z), z.sub(0.5 * delta).mul(delta));
      return apply_loss_reduction(loss, reduction);
    },
    // self: norm * clamp(x, -delta, delta) * grad with x = self - target; target: its negative
    backward(ctx, grad) {
      const [x, t] = ctx.saved;
      const [, , reduction, delta] = ctx.args;
      const g = x
        .sub(t)
        .clamp(-delta, delta)
        .mul(mean_norm(x, t, reduction))
        .mul(grad);
      return [ctx.needs_input_grad[0] ? g : null, ctx.needs_input_grad[1] ? g.neg() : null];
    },
  });

/** l1_loss: ATen composes it, so the graph shows MeanBackward0 / SumBackward0 over AbsBackward0. */
export function l1_loss(input: Tensor, target: Tensor, reduction: Reduction): Tensor {
  return apply_loss_reduction(input.sub(target).abs(), reduction);
}
