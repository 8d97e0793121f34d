/**
 * Unary math: forward through the `unary` kernel, backward as derivatives.yaml states it.
 * Integer inputs of floating functions (exp, log, sin, ...) promote to the default float, as
 * in PyTorch; sign-like functions keep the input's dtype.
 */
import { kernels } from "../backends/index.js";
import type { UnaryOp } from "../backends/kernels.js";
import { get_default_dtype, type DType } from "../dtype.js";
import type { Tensor } from "../tensor/tensor.js";
import { defineOp, type OutputSink } from "./define.js";

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

export const neg = defineOp({
  name: "neg",
  node: "NegBackward0",
  forward: (ctx, x: Tensor) => {
    if (x.dtype.name === "bool") {
      throw new Error(
        "Negation, the `-` operator, on a bool tensor is not supported. If you are trying to invert a mask, use the `~` or `logical_not()` operator instead.",
      );
    }
    return unary_kernel(ctx, "neg", x, x.dtype);
  },
  backward: (_ctx, grad) => [grad.neg()],
});
export const neg_ = neg.inplace;

export const exp = defineOp({
  name: "exp",
  node: "ExpBackward0",
  forward: (ctx, x: Tensor) => {
    const r = unary_kernel(ctx, "exp", x, float_dtype(x));
    ctx.save(r);
    return r;
  },
  // self: grad * result
  backward: (ctx, grad) => [grad.mul(ctx.saved[0])],
});
export const exp_ = exp.inplace;

export const log = defineOp({
  name: "log",
  node: "LogBackward0",
  forward: (ctx, x: Tensor) => {
    ctx.save(x);
    return unary_kernel(ctx, "log", x, float_dtype(x));
  },
  // self: grad / self
  backward: (ctx, grad) => [grad.div(ctx.saved[0])],
});
export const log_ = log.inplace;
