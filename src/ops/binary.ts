/**
 * Binary arithmetic with PyTorch's broadcasting and type promotion. Scalars (JS numbers and
 * booleans) take part in promotion as Python scalars do: they only raise the category
 * (an int tensor times 2.5 is float, a float32 tensor times a float64 scalar stays float32).
 */
import { kernels } from "../backends/index.js";
import type { BinaryOp } from "../backends/kernels.js";
import { get_default_dtype, result_type, type DType } from "../dtype.js";
import { broadcast_shapes } from "../shape.js";
import { Tensor } from "../tensor/tensor.js";
import { defineOp, type OutputSink } from "./define.js";
import { broadcast_view, scalar_view } from "./view_utils.js";

export type Scalar = number | boolean;
export type TensorOrScalar = Tensor | Scalar;

export function operand_shape(a: TensorOrScalar): readonly number[] {
  return a instanceof Tensor ? a.shape : [];
}

/** torch.result_type for two operands. */
export function promote(a: TensorOrScalar, b: TensorOrScalar): DType {
  return result_type([a, b]);
}

/** Runs a binary kernel over the broadcast shape into the op's output. */
export function binary_kernel(
  ctx: OutputSink,
  op: BinaryOp,
  a: TensorOrScalar,
  b: TensorOrScalar,
  dtype: DType,
  p0?: number,
): Tensor {
  const shape = broadcast_shapes(operand_shape(a), operand_shape(b));
  const out = ctx.output(shape, dtype);
  const va = a instanceof Tensor ? broadcast_view(a, shape) : scalar_view(Number(a), shape);
  const vb = b instanceof Tensor ? broadcast_view(b, shape) : scalar_view(Number(b), shape);
  kernels().binary(op, va, vb, out._view(), p0);
  return out;
}

function check_alpha(op: string, dtype: DType, alpha: number): void {
  if (!dtype.is_floating_point && !Number.isInteger(alpha)) {
    throw new Error(`For integral input tensors, argument alpha must not be a floating point number.`);
  }
  if (dtype.name === "bool" && alpha !== 1 && alpha !== 0) {
    throw new Error(`Boolean alpha only supported for Boolean results.`);
  }
  void op;
}

function check_not_bool_sub(a: TensorOrScalar, b: TensorOrScalar): void {
  const is_bool = (x: TensorOrScalar) =>
    x instanceof Tensor ? x.dtype.name === "bool" : typeof x === "boolean";
  if (is_bool(a) && is_bool(b)) {
    throw new Error(
      "Subtraction, the `-` operator, with two bool tensors is not supported. Use the `^` or `logical_xor()` operator instead.",
    );
  }
}

const add_op = defineOp({
  name: "add",
  node: "AddBackward0",
  differentiable: [0, 1],
  forward(ctx, a: TensorOrScalar, b: TensorOrScalar, alpha: number) {
    const dtype = promote(a, b);
    check_alpha("add", dtype, alpha);
    return binary_kernel(ctx, dtype.name === "bool" ? "logical_or" : "add", a, b, dtype, alpha);
  },
  // self: grad; other: grad * alpha
  backward: (ctx, grad) => [grad, ctx.args[2] === 1 ? grad : grad.mul(ctx.args[2])],
});

const sub_op = defineOp({
  name: "sub",
  node: "SubBackward0",
  differentiable: [0, 1],
  forward(ctx, a: TensorOrScalar, b: TensorOrScalar, alpha: number) {
    check_not_bool_sub(a, b);
    const dtype = promote(a, b);
    check_alpha("sub", dtype, alpha);
    return binary_kernel(ctx, "sub", a, b, dtype, alpha);
  },
  // self: grad; other: -grad * alpha
  backward: (ctx, grad) => [grad, ctx.args[2] === 1 ? grad.neg() : grad.mul(-ctx.args[2])],
});

export function add(input: TensorOrScalar, other: TensorOrScalar, options?: { alpha?: number }): Tensor {
  return add_op(input, other, options?.alpha ?? 1);
}
export function add_(self: Tensor, other: TensorOrScalar, options?: { alpha?: number }): Tensor {
  return add_op.inplace(self, other, options?.alpha ?? 1);
}
export function sub(input: TensorOrScalar, other: TensorOrScalar, options?: { alpha?: number }): Tensor {
  return sub_op(input, other, options?.alpha ?? 1);
}
export function sub_(self: Tensor, other: TensorOrScalar, options?: { alpha?: number }): Tensor {
  return sub_op.inplace(self, other, options?.alpha ?? 1);
}

const mul_op = defineOp({
  name: "mul",
  node: "MulBackward0",
  differentiable: [0, 1],
  forward(ctx, a: TensorOrScalar, b: TensorOrScalar) {
    const dtype = promote(a, b);
    if (ctx.needs_input_grad[0] && b instanceof Tensor) ctx.save(b);
    if (ctx.needs_input_grad[1] && a instanceof Tensor) ctx.save(a);
    return binary_kernel(ctx, dtype.name === "bool" ? "logical_and" : "mul", a, b, dtype);
  },
  // self: grad * other; other: grad * self
  backward(ctx, grad) {
    const [a, b] = ctx.args;
    const saved = ctx.saved;
    let k = 0;
    const ga = ctx.needs_input_grad[0] ? grad.mul(b instanceof Tensor ? saved[k++] : b) : null;
    const gb = ctx.needs_input_grad[1] ? grad.mul(a instanceof Tensor ? saved[k++] : a) : null;
    return [ga, gb];
  },
});
export const mul = (input: TensorOrScalar, other: TensorOrScalar): Tensor => mul_op(input, other);
export const mul_ = (self: Tensor, other: TensorOrScalar): Tensor => mul_op.inplace(self, other);

export type RoundingMode = "trunc" | "floor" | null;

const div_op = defineOp({
  name: "div",
  node: (_a: TensorOrScalar, _b: TensorOrScalar, mode: RoundingMode) =>
    mode ? "DivBackward1" : "DivBackward0",
  differentiable: [0, 1],
  forward(ctx, a: TensorOrScalar, b: TensorOrScalar, mode: RoundingMode) {
    let dtype = promote(a, b);
    if (mode === null) {
      if (!dtype.is_floating_point) dtype = get_default_dtype();
      ctx.save(...[a, b].filter((t): t is Tensor => t instanceof Tensor));
      return binary_kernel(ctx, "div", a, b, dtype);
    }
    if (!dtype.is_floating_point) check_no_zero_divisor(b);
    return binary_kernel(ctx, mode === "trunc" ? "div_trunc" : "div_floor", a, b, dtype);
  },
  // self: grad / other; other: -grad * self / (other * other); rounded division has zero gradient
  backward(ctx, grad) {
    const [a, b, mode] = ctx.args;
    if (mode !== null) return [grad.mul(0), b instanceof Tensor ? grad.mul(0) : null];
    const saved = ctx.saved;
    let k = 0;
    const sa = a instanceof Tensor ? saved[k++] : a;
    const sb = b instanceof Tensor ? saved[k++] : b;
    return [
      ctx.needs_input_grad[0] ? grad.div(sb) : null,
      ctx.needs_input_grad[1] && sb instanceof Tensor ? grad.neg().mul(sa).div(sb.mul(sb)) : null,
    ];
  },
});

function check_no_zero_divisor(b: TensorOrScalar): void {
  const has_zero =
    b instanceof Tensor
      ? (b._storage.data as Float64Array).some((v, i) => v === 0 && in_view(b, i))
      : Number(b) === 0;
  if (has_zero) throw new Error("ZeroDivisionError");
}

function in_view(t: Tensor, i: number): boolean {
  return t.is_contiguous() ? i >= t._offset && i < t._offset + t.numel() : true;
}

export function div(
  input: TensorOrScalar,
  other: TensorOrScalar,
  options?: { rounding_mode?: RoundingMode },
): Tensor {
  return div_op(input, other, options?.rounding_mode ?? null);
}
export function div_(
  self: Tensor,
  other: TensorOrScalar,
  options?: { rounding_mode?: RoundingMode },
): Tensor {
  return div_op.inplace(self, other, options?.rounding_mode ?? null);
}

const pow_op = defineOp({
  name: "pow",
  node: (a: TensorOrScalar, b: TensorOrScalar) =>
    !(b instanceof Tensor) ? "PowBackward0" : a instanceof Tensor ? "PowBackward1" : "PowBackward2",
  // each overload has edges only for its tensor operands (pow(Tensor, Scalar) has one)
  differentiable: (a: TensorOrScalar, b: TensorOrScalar) =>
    !(b instanceof Tensor) ? [0] : a instanceof Tensor ? [0, 1] : [1],
  forward(ctx, a: TensorOrScalar, b: TensorOrScalar) {
    const dtype = promote(a, b);
    if (!dtype.is_floating_point && typeof b === "number" && b < 0) {
      throw new Error("Integers to negative integer powers are not allowed.");
    }
    const r = binary_kernel(ctx, "pow", a, b, dtype);
    ctx.save(...[a, b].filter((t): t is Tensor => t instanceof Tensor));
    if (b instanceof Tensor) ctx.save(r);
    return r;
  },
  backward(ctx, grad) {
    const [a, b] = ctx.args;
    const saved = ctx.saved;
    if (!(b instanceof Tensor)) {
      // self: grad * exponent * self.pow(exponent - 1), zero where exponent == 0
      const x = saved[0];
      const e = Number(b);
      return [e === 0 ? grad.mul(0) : grad.mul(x.pow(e - 1).mul(e))];
    }
    if (a instanceof Tensor) {
      const [x, y, r] = saved;
      // self: grad * other * self^(other - 1); exponent: grad * result * log(self), 0 where self == 0 and other >= 0
      const ga = ctx.needs_input_grad[0] ? grad.mul(y).mul(x.pow(y.sub(1))) : null;
      const gb = ctx.needs_input_grad[1] ? grad.mul(r).mul(safe_log(x, y)) : null;
      return [ga, gb];
    }
    const [y, r] = saved;
    // exponent: grad * result * log(self) for a scalar base
    return [Number(a) === 0 ? grad.mul(r).mul(y.mul(0)) : grad.mul(r).mul(Math.log(Number(a)))];
  },
});

/** log(x) for pow's exponent gradient. FIXME(binary ops): 0 where x == 0 and y >= 0. */
function safe_log(x: Tensor, y: Tensor): Tensor {
  void y;
  return x.log();
}

export const pow = (input: TensorOrScalar, exponent: TensorOrScalar): Tensor => pow_op(input, exponent);
export const pow_ = (self: Tensor, exponent: TensorOrScalar): Tensor => pow_op.inplace(self, exponent);
