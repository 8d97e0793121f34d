/**
 * Binary arithmetic with PyTorch's broadcasting and type promotion: add, sub, rsub, mul, div
 * (true_divide, floor_divide), pow, float_power, and torch.result_type. The helpers the binary
 * op files share (operand conversion, kernel call, graph slots) are in operands.ts.
 *
 * Scalars (JS numbers and booleans) take part in promotion as Python scalars do: they only
 * raise the category (an int tensor times 2.5 is float, a float32 tensor times a float64 scalar
 * stays float32). As in PyTorch's TensorIterator, every operand is first converted to the
 * common dtype (a scalar 0.1 becomes float32 0.1 for a float32 tensor), then the kernel
 * computes, and the output's typed array rounds once on store.
 */
import { bool, float64, get_default_dtype, scalar_type_name } from "../../dtype.js";
import type { DType } from "../../dtype.js";
import { Tensor } from "../../tensor/tensor.js";
import { check_number_options, check_operands, check_options } from "../../tensor/args.js";
import { to } from "../convert/convert.js";
import { defineOp, type OutputSink, type OpFn } from "../../autograd/define.js";
import { binary_kernel, cast_scalar, promote, type TensorOrScalar } from "./binary_kernel.js";
import { check_int_divisor, checked_binary } from "./operand_checks.js";
import {
  grad_requiring,
  needs_grad,
  NOT_IMPLEMENTED_NODE,
  not_differentiable,
  P01,
  slot_grads,
  tensor_slots,
  tensors,
} from "./graph_slots.js";
import { kernel_not_implemented } from "../kernel_checks.js";

// the shared helpers other op families use, reachable from the binary family
export {
  binary_kernel,
  operand_shape,
  operand_view,
  promote,
  type Scalar,
  type TensorOrScalar,
} from "./binary_kernel.js";
import { op_table } from "../table.js";

/** torch.result_type(tensor1, tensor2): the dtype an arithmetic op on the two would compute in. */
export function result_type(tensor1: TensorOrScalar, tensor2: TensorOrScalar): DType {
  if (!(tensor1 instanceof Tensor) && !(tensor2 instanceof Tensor)) {
    throw new TypeError("result_type(): at least one of the arguments must be a Tensor");
  }
  return promote(tensor1, tensor2);
}

// ---------------------------------------------------------------- add, sub, rsub

function check_alpha(dtype: DType, alpha: number): void {
  if (!dtype.is_floating_point && !Number.isInteger(alpha)) {
    throw new Error("For integral input tensors, argument alpha must not be a floating point number.");
  }
}

function is_bool_operand(x: TensorOrScalar): boolean {
  return x instanceof Tensor ? x.dtype === bool : typeof x === "boolean";
}

function check_sub(a: TensorOrScalar, b: TensorOrScalar): void {
  if (is_bool_operand(a) && is_bool_operand(b)) {
    throw new Error(
      "Subtraction, the `-` operator, with two bool tensors is not supported. Use the `^` or `logical_xor()` operator instead.",
    );
  }
  if (is_bool_operand(a) || is_bool_operand(b)) {
    throw new Error(
      "Subtraction, the `-` operator, with a bool tensor is not supported. If you are trying to invert a mask, use the `~` or `logical_not()` operator instead.",
    );
  }
}

/** a + alpha * b in the common dtype (alpha is converted to it, as PyTorch does). */
function add_kernel(ctx: OutputSink, op: "add" | "sub", a: TensorOrScalar, b: TensorOrScalar, alpha: number) {
  const dtype = promote(a, b);
  check_alpha(dtype, alpha);
  if (dtype === bool) return binary_kernel(ctx, "logical_or", a, b, dtype, undefined, dtype);
  return binary_kernel(ctx, op, a, b, dtype, cast_scalar(alpha, dtype), dtype);
}

const add_op: OpFn<[a: TensorOrScalar, b: TensorOrScalar, alpha: number]> = defineOp({
  name: "add",
  node: "AddBackward0",
  differentiable: [0, 1],
  forward: (ctx, a: TensorOrScalar, b: TensorOrScalar, alpha: number) => add_kernel(ctx, "add", a, b, alpha),
  // self: grad; other: grad * alpha
  backward: (ctx, grad) => [grad, ctx.args[2] === 1 ? grad : grad.mul(ctx.args[2])],
});

/** -grad * alpha, sub's and rsub's gradient of the subtracted operand. */
const neg_alpha = (grad: Tensor, alpha: number): Tensor => (alpha === 1 ? grad.neg() : grad.neg().mul(alpha));

const sub_op: OpFn<[a: TensorOrScalar, b: TensorOrScalar, alpha: number]> = defineOp({
  name: "sub",
  node: "SubBackward0",
  differentiable: [0, 1],
  forward(ctx, a: TensorOrScalar, b: TensorOrScalar, alpha: number) {
    check_sub(a, b);
    return add_kernel(ctx, "sub", a, b, alpha);
  },
  // self: grad; other: -grad * alpha (only when wanted: the walkthrough's target needs none)
  backward: (ctx, grad) => [
    ctx.needs_input_grad[0] ? grad : null,
    ctx.needs_input_grad[1] ? neg_alpha(grad, ctx.args[2]) : null,
  ],
});

/** rsub(input, other, alpha) = other - alpha * input. */
const rsub_op: OpFn<[a: TensorOrScalar, b: TensorOrScalar, alpha: number]> = defineOp({
  name: "rsub",
  node: (_a: TensorOrScalar, b: TensorOrScalar) => (b instanceof Tensor ? "RsubBackward0" : "RsubBackward1"),
  differentiable: tensor_slots(0, 1),
  forward(ctx, a: TensorOrScalar, b: TensorOrScalar, alpha: number) {
    check_sub(a, b);
    return add_kernel(ctx, "sub", b, a, alpha);
  },
  // self: -grad * alpha; other: grad
  backward: (ctx, grad) =>
    slot_grads(ctx, P01, [
      ctx.needs_input_grad[0] ? neg_alpha(grad, ctx.args[2]) : null,
      ctx.needs_input_grad[1] ? grad : null,
    ]),
});

export interface AlphaOptions {
  alpha?: number;
}

const ALPHA = ["alpha"] as const;

/** The operands and `{ alpha }` of add, sub and rsub, checked; alpha's default is 1. */
function alpha_of(op: string, input: unknown, other: unknown, options: AlphaOptions | undefined): number {
  check_operands(op, input, other);
  if (options === undefined) return 1;
  check_number_options(op, options, ALPHA);
  return options.alpha ?? 1;
}

/**
 * input + alpha * other, elementwise, with broadcasting and type promotion; either side may be a number. `{
 * alpha }` scales other (default 1).
 */
export function add(input: TensorOrScalar, other: TensorOrScalar, options?: AlphaOptions): Tensor {
  return add_op(input, other, alpha_of("add", input, other, options));
}
export function add_(self: Tensor, other: TensorOrScalar, options?: AlphaOptions): Tensor {
  return add_op.inplace(self, other, alpha_of("add_", self, other, options));
}
/**
 * input - alpha * other, elementwise, with broadcasting and type promotion (`{ alpha }`, default 1). Bool
 * tensors are refused, as in PyTorch.
 */
export function sub(input: TensorOrScalar, other: TensorOrScalar, options?: AlphaOptions): Tensor {
  return sub_op(input, other, alpha_of("sub", input, other, options));
}
export function sub_(self: Tensor, other: TensorOrScalar, options?: AlphaOptions): Tensor {
  return sub_op.inplace(self, other, alpha_of("sub_", self, other, options));
}
/** Alias of {@link sub}. */
export const subtract = sub;
export const subtract_ = sub_;
/** other - alpha * input: {@link sub} with its operands swapped. */
export function rsub(input: TensorOrScalar, other: TensorOrScalar, options?: AlphaOptions): Tensor {
  return rsub_op(input, other, alpha_of("rsub", input, other, options));
}

// ---------------------------------------------------------------- mul

const mul_op: OpFn<[a: TensorOrScalar, b: TensorOrScalar]> = defineOp({
  name: "mul",
  node: "MulBackward0",
  differentiable: [0, 1],
  forward(ctx, a: TensorOrScalar, b: TensorOrScalar) {
    const dtype = promote(a, b);
    if (ctx.needs_input_grad[0] && b instanceof Tensor) ctx.save(b);
    if (ctx.needs_input_grad[1] && a instanceof Tensor) ctx.save(a);
    return binary_kernel(ctx, dtype === bool ? "logical_and" : "mul", a, b, dtype, undefined, dtype);
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
/** input * other, elementwise, with broadcasting and type promotion; either side may be a number. */
export const [mul, mul_] = checked_binary("mul", mul_op);
/** Alias of {@link mul}. */
export const multiply = mul;
export const multiply_ = mul_;

// ---------------------------------------------------------------- div

export type RoundingMode = "trunc" | "floor" | null;
export interface DivOptions {
  rounding_mode?: RoundingMode;
}

/** a / b: true division promotes integers to the default float; rounded division keeps them. */
function div_kernel(ctx: OutputSink, a: TensorOrScalar, b: TensorOrScalar, mode: RoundingMode): Tensor {
  let dtype = promote(a, b);
  if (mode === null) {
    if (!dtype.is_floating_point) dtype = get_default_dtype();
    return binary_kernel(ctx, "div", a, b, dtype, undefined, dtype);
  }
  if (mode !== "trunc" && mode !== "floor") {
    throw new Error(
      `div expected rounding_mode to be one of None, 'trunc', or 'floor' but found '${String(mode)}'`,
    );
  }
  const op = mode === "trunc" ? "div_trunc" : "div_floor";
  if (dtype === bool) throw kernel_not_implemented(`${op}_cpu`, dtype);
  check_int_divisor(dtype, b, a);
  return binary_kernel(ctx, op, a, b, dtype, undefined, dtype);
}

const div_op: OpFn<[a: TensorOrScalar, b: TensorOrScalar, mode: RoundingMode]> = defineOp({
  name: "div",
  node: (_a: TensorOrScalar, _b: TensorOrScalar, mode: RoundingMode) =>
    mode ? "DivBackward2" : "DivBackward0",
  differentiable: [0, 1],
  forward(ctx, a: TensorOrScalar, b: TensorOrScalar, mode: RoundingMode) {
    // as derivatives.yaml: other (read by both formulas) when a tensor, self only for other's;
    // dividing by a number saves nothing
    if (mode === null && b instanceof Tensor) {
      ctx.save(b);
      if (ctx.needs_input_grad[1] && a instanceof Tensor) ctx.save(a);
    }
    return div_kernel(ctx, a, b, mode);
  },
  // self: grad / other; other: -grad * ((self / other) / other); rounded division: zeros
  backward(ctx, grad) {
    const [a, b, mode] = ctx.args;
    if (mode !== null)
      return [grad.new_zeros(grad.shape), b instanceof Tensor ? grad.new_zeros(grad.shape) : null];
    const saved = b instanceof Tensor ? ctx.saved : [];
    const sb = b instanceof Tensor ? saved[0] : b;
    const sa = a instanceof Tensor && saved.length > 1 ? saved[1] : a;
    return [
      ctx.needs_input_grad[0] ? grad.div(sb) : null,
      ctx.needs_input_grad[1] ? grad.neg().mul(div(div(sa, sb), sb)) : null,
    ];
  },
});

/** The operands and `{ rounding_mode }` of div, checked. */
function rounding_mode_of(
  op: string,
  input: unknown,
  other: unknown,
  options: DivOptions | undefined,
): RoundingMode {
  check_operands(op, input, other);
  if (options === undefined) return null;
  check_options(op, options, ["rounding_mode"]);
  return options.rounding_mode ?? null;
}

/**
 * input / other, elementwise. True division (the default) gives a floating result for integer inputs; `{
 * rounding_mode: "trunc" | "floor" }` rounds the quotient and keeps integer dtypes. Integer division by
 * zero throws.
 */
export function div(input: TensorOrScalar, other: TensorOrScalar, options?: DivOptions): Tensor {
  return div_op(input, other, rounding_mode_of("div", input, other, options));
}
export function div_(self: Tensor, other: TensorOrScalar, options?: DivOptions): Tensor {
  return div_op.inplace(self, other, rounding_mode_of("div_", self, other, options));
}
/** Alias of {@link div}. */
export const divide = div;
export const divide_ = div_;
/** {@link div} without rounding: always a floating result. */
export const true_divide = (dividend: TensorOrScalar, divisor: TensorOrScalar): Tensor =>
  div(dividend, divisor);
export const true_divide_ = (self: Tensor, other: TensorOrScalar): Tensor => div_(self, other);

const floor_divide_op: OpFn<[a: TensorOrScalar, b: TensorOrScalar]> = defineOp({
  name: "floor_divide",
  node: NOT_IMPLEMENTED_NODE,
  differentiable: grad_requiring,
  forward: (ctx, a: TensorOrScalar, b: TensorOrScalar) => div_kernel(ctx, a, b, "floor"),
  backward: () => not_differentiable("floor_divide"),
});
/** input / other rounded down (Python's `//`), keeping integer dtypes. */
export const [floor_divide, floor_divide_] = checked_binary("floor_divide", floor_divide_op);

// ---------------------------------------------------------------- pow

function pow_kernel(ctx: OutputSink, a: TensorOrScalar, b: TensorOrScalar): Tensor {
  const dtype = promote(a, b);
  if (dtype === bool) throw kernel_not_implemented("pow", dtype);
  if (!dtype.is_floating_point && !(b instanceof Tensor) && Number(b) < 0) {
    throw new Error("Integers to negative integer powers are not allowed.");
  }
  return binary_kernel(ctx, "pow", a, b, dtype, undefined, dtype);
}

const pow_op: OpFn<[a: TensorOrScalar, b: TensorOrScalar]> = defineOp({
  name: "pow",
  node: (a: TensorOrScalar, b: TensorOrScalar) =>
    !(b instanceof Tensor) ? "PowBackward0" : a instanceof Tensor ? "PowBackward1" : "PowBackward2",
  differentiable: tensor_slots(0, 1),
  forward(ctx, a: TensorOrScalar, b: TensorOrScalar) {
    const r = pow_kernel(ctx, a, b);
    ctx.save(...tensors(a, b));
    // PowBackward1/2 keep their result whatever needs a gradient, as PyTorch's do (an in-place
    // write into it is then refused at backward, as there)
    if (b instanceof Tensor) ctx.save(r);
    return r;
  },
  backward(ctx, grad) {
    const [a, b] = ctx.args;
    const saved = ctx.saved;
    let ga: Tensor | null = null;
    let gb: Tensor | null = null;
    if (!(b instanceof Tensor)) {
      // pow_backward: grad * (exponent * self.pow(exponent - 1)), zeros where exponent == 0
      const e = Number(b);
      ga = e === 0 ? grad.new_zeros(grad.shape) : grad.mul(saved[0].pow(e - 1).mul(e));
    } else if (a instanceof Tensor) {
      const [x, y, r] = saved;
      // pow_backward_self: where(exponent == 0, 0, grad * (exponent * self.pow(exponent - 1)))
      if (needs_grad(ctx, P01, 0)) ga = grad.mul(y.mul(x.pow(y.sub(1)))).masked_fill(y.eq(0), 0);
      // pow_backward_exponent: grad * where(self == 0 & exponent >= 0, 0, result * log(self))
      if (needs_grad(ctx, P01, 1)) gb = grad.mul(r.mul(x.log()).masked_fill(x.eq(0).logical_and(y.ge(0)), 0));
    } else {
      // scalar base: grad * (result * log(base)), zeros where base == 0 and exponent >= 0
      const [y, r] = saved;
      const base = Number(a);
      const g = grad.mul(r.mul(Math.log(base)));
      gb = base === 0 ? g.masked_fill(y.ge(0), 0) : g;
    }
    return slot_grads(ctx, P01, [ga, gb]);
  },
});

/**
 * input ** exponent, elementwise; either side may be a number. An integer tensor raised to a negative
 * integer throws, as in PyTorch.
 */
export const [pow, pow_] = checked_binary("pow", pow_op, "exponent");

/** float_power: pow computed in float64, whatever the inputs (PyTorch composes it the same way). */
function as_double(x: TensorOrScalar): TensorOrScalar {
  return x instanceof Tensor ? to(x, float64) : x;
}
/** {@link pow} computed in float64 whatever the inputs' dtypes; the result is float64. */
export function float_power(input: TensorOrScalar, exponent: TensorOrScalar): Tensor {
  check_operands("float_power", input, exponent, "exponent");
  return pow_op(as_double(input), as_double(exponent));
}
export function float_power_(self: Tensor, exponent: TensorOrScalar): Tensor {
  check_operands("float_power_", self, exponent, "exponent");
  if (self.dtype !== float64) {
    throw new Error(
      `the base given to float_power_ has dtype ${scalar_type_name(self.dtype)} but the operation's result requires dtype Double`,
    );
  }
  return pow_op.inplace(self, as_double(exponent));
}

/** The op table of this file (src/ops/table.ts): its ops' torch.X functions and Tensor methods. */
export default op_table({
  add: { fn: add, variants: "function, method", inplace: add_ },
  div: { fn: div, variants: "function, method", inplace: div_ },
  divide: { fn: divide, variants: "function, method", inplace: divide_ },
  float_power: { fn: float_power, variants: "function, method", inplace: float_power_ },
  floor_divide: { fn: floor_divide, variants: "function, method", inplace: floor_divide_ },
  mul: { fn: mul, variants: "function, method", inplace: mul_ },
  multiply: { fn: multiply, variants: "function, method", inplace: multiply_ },
  pow: { fn: pow, variants: "function, method", inplace: pow_ },
  result_type: { fn: result_type, variants: "function" },
  rsub: { fn: rsub, variants: "function" },
  sub: { fn: sub, variants: "function, method", inplace: sub_ },
  subtract: { fn: subtract, variants: "function, method", inplace: subtract_ },
  true_divide: { fn: true_divide, variants: "function, method", inplace: true_divide_ },
});
