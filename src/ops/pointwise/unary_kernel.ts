/**
 * Shared pieces of the unary (pointwise) op files: result dtypes, running a unary kernel into an
 * op's output, PyTorch's "not implemented for 'Bool'" refusals, and the masks and masked
 * gradients that backward formulas such as clamp's `where(self >= min, grad, 0)` need, with
 * threshold_backward, relu's and threshold's gradient in one kernel pass.
 */
import { kernels } from "../../backends/index.js";
import type { UnaryOp } from "../../backends/kernels.js";
import { bool, float64, get_default_dtype, type DType } from "../../dtype.js";
import { broadcast_shapes } from "../../shape.js";
import { Tensor } from "../../tensor/tensor.js";
import { empty_tensor } from "../../tensor/make.js";
import { binary_kernel, NEW_TENSOR, promote, type TensorOrScalar } from "../binary/binary_kernel.js";
import { defineOp, type OpFn, type OutputSink } from "../../autograd/define.js";
import { broadcast_view, scalar_view } from "../kernel_views.js";

/** The dtype of a floating function of x: x's own if floating, else the default float. */
export function float_dtype(x: Tensor): DType {
  return x.dtype.is_floating_point ? x.dtype : get_default_dtype();
}

/** Runs a unary kernel into the op's output (a new tensor, or self for the in-place form). */
export function unary_kernel(
  ctx: OutputSink,
  op: UnaryOp,
  x: Tensor,
  dtype: DType,
  p0?: number,
  p1?: number,
  p2?: number,
): Tensor {
  const out = ctx.output(x.shape, dtype);
  kernels().unary(op, x._view(), out._view(), p0, p1, p2);
  return out;
}

/**
 * a <op> b elementwise as a bool tensor; never recorded. Both sides are converted to their
 * common dtype first, as PyTorch's comparisons do: a float32 input equal to float32(0.1) is
 * then <= 0.1, as it is in PyTorch's backward masks (clamp(max=0.1) passes its gradient).
 */
export function mask(op: CompareOp, a: TensorOrScalar, b: TensorOrScalar): Tensor {
  return binary_kernel(NEW_TENSOR, op, a, b, bool, undefined, promote(a, b));
}

/** m1 & m2 for bool masks. */
export function mask_and(m1: Tensor, m2: Tensor): Tensor {
  return binary_kernel(NEW_TENSOR, "logical_and", m1, m2, bool);
}

/** m1 | m2 for bool masks. */
export function mask_or(m1: Tensor, m2: Tensor): Tensor {
  return binary_kernel(NEW_TENSOR, "logical_or", m1, m2, bool);
}

/** !m for a bool mask. */
export function mask_not(m: Tensor): Tensor {
  return unary_kernel(NEW_TENSOR, "logical_not", m, bool);
}

/** A zero gradient shaped like grad: derivatives.yaml's `zeros_like(grad)`. */
export function zeros_like_grad(grad: Tensor): Tensor {
  return empty_tensor(grad.shape, grad.dtype);
}

/** The comparisons a backward mask is made of. */
type CompareOp = "eq" | "ne" | "lt" | "le" | "gt" | "ge";

/**
 * where(cond, grad, fill): the gradient kept where cond holds, `fill` elsewhere. Unlike
 * grad * mask it leaves no NaN where an infinite gradient is masked out, as PyTorch's
 * where-based backward formulas do. Itself differentiable in grad, for double backward.
 */
const masked_op: OpFn<[Tensor, Tensor, number]> = defineOp({
  name: "where",
  node: "WhereBackward0",
  differentiable: [1],
  forward(ctx, cond: Tensor, g: Tensor, fill: number) {
    const shape = broadcast_shapes(cond.shape, g.shape);
    const out = ctx.output(shape, g.dtype);
    const vc = broadcast_view(cond, shape);
    kernels().where(vc, broadcast_view(g, shape), scalar_view(fill, shape, float64), out._view());
    return out;
  },
  backward: (ctx, grad) => [masked_op(ctx.args[0], grad, 0)],
});

export function masked_grad(cond: Tensor, grad: Tensor, fill = 0): Tensor {
  return masked_op(cond, grad, fill);
}

/**
 * threshold_backward(grad_output, self, threshold): grad where self > threshold, else 0 (a NaN
 * self keeps its gradient), in one kernel pass: the gradient of relu (self being its result)
 * and of threshold. Differentiable again as PyTorch's ThresholdBackwardBackward0: in grad by
 * the same formula, and with a zero gradient for self.
 */
export const threshold_backward: OpFn<[grad_output: Tensor, self: Tensor, threshold: number]> = defineOp({
  name: "threshold_backward",
  node: "ThresholdBackwardBackward0",
  differentiable: [0, 1],
  forward(ctx, grad_output: Tensor, self: Tensor, threshold: number) {
    ctx.save(self);
    const shape = broadcast_shapes(grad_output.shape, self.shape);
    const out = ctx.output(shape, grad_output.dtype);
    kernels().threshold_backward(
      broadcast_view(grad_output, shape),
      broadcast_view(self, shape),
      threshold,
      out._view(),
    );
    return out;
  },
  // grad_output: threshold_backward(grad, self, threshold); self: zeros_like(grad)
  backward(ctx, grad) {
    const [need_grad, need_self] = ctx.needs_input_grad;
    return [
      need_grad ? threshold_backward(grad, ctx.saved[0], ctx.args[2]) : null,
      need_self ? zeros_like_grad(grad) : null,
    ];
  },
});

/** True for a Tensor argument (as opposed to a scalar bound or none). */
export function is_tensor(v: unknown): v is Tensor {
  return v instanceof Tensor;
}

/** What a floating op keeps for backward: its input, its result, or nothing. */
export type Keep = "self" | "result" | "none";

/**
 * A floating unary op (integer and bool inputs promote to the default float): the kernel, the
 * one tensor backward needs, and derivatives.yaml's formula in terms of it (`saved` is the
 * kept tensor; for "none" it is grad itself and unused).
 */
export function float_unary(
  name: string,
  node: string,
  op: UnaryOp,
  keep: Keep,
  formula: (grad: Tensor, saved: Tensor) => Tensor,
): OpFn<[x: Tensor]> {
  return defineOp({
    name,
    node,
    forward: (ctx, x: Tensor) => {
      const r = unary_kernel(ctx, op, x, float_dtype(x));
      if (keep !== "none") ctx.save(keep === "self" ? x : r);
      return r;
    },
    backward: (ctx, grad) => [formula(grad, keep === "none" ? grad : ctx.saved[0])],
  });
}
