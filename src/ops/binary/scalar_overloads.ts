/**
 * ATen's Tensor-by-Scalar overloads add.Scalar, sub.Scalar, mul.Scalar and div.Scalar, which
 * PyTorch's C++ loss composites call (cross_entropy with label smoothing or class
 * probabilities, margin_ranking_loss, ...) and whose nodes are AddBackward1, SubBackward1,
 * MulBackward1 and DivBackward1. A Python `t * 0.5` or `t.mul(0.5)` records MulBackward0
 * instead (the number is wrapped into a tensor), which is what `Tensor.mul` does here; these
 * exist so the loss graphs show PyTorch's names.
 */
import type { Tensor } from "../../tensor/tensor.js";
import { defineOp } from "../../autograd/define.js";

export const mul_scalar = defineOp({
  name: "mul",
  node: "MulBackward1",
  forward: (_ctx, x: Tensor, s: number) => x.mul(s),
  // self: mul_tensor_backward(grad, other, self.scalar_type()) = grad * other
  backward: (ctx, grad) => [grad.mul(ctx.args[1])],
});

export const div_scalar = defineOp({
  name: "div",
  node: "DivBackward1",
  forward: (_ctx, x: Tensor, s: number) => x.div(s),
  // self: div_tensor_self_backward(grad, other, self.scalar_type()) = grad / other
  backward: (ctx, grad) => [grad.div(ctx.args[1])],
});

export const add_scalar = defineOp({
  name: "add",
  node: "AddBackward1",
  forward: (_ctx, x: Tensor, s: number) => x.add(s),
  // self: grad
  backward: (_ctx, grad) => [grad],
});

export const sub_scalar = defineOp({
  name: "sub",
  node: "SubBackward1",
  forward: (_ctx, x: Tensor, s: number) => x.sub(s),
  // self: grad
  backward: (_ctx, grad) => [grad],
});
