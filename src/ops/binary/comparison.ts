/**
 * Comparisons (eq, ne, lt, le, gt, ge and their aliases), closeness (isclose, allclose, equal),
 * logical and bitwise ops. Comparisons convert both operands to their common dtype first, as
 * PyTorch does, so `torch.tensor([0.1]).eq(0.1)` is true: 0.1 becomes float32 0.1. Results are
 * bool tensors (no graph); the in-place forms (`eq_`) write 0/1 in self's own dtype.
 */
import type { BinaryOp } from "../../backends/kernels.js";
import { bool, get_default_dtype, scalar_type_name } from "../../dtype.js";
import { Tensor } from "../../tensor/tensor.js";
import { check_options } from "../../tensor/args.js";
import { binary_kernel, promote, type TensorOrScalar } from "./binary_kernel.js";
import { check_tensor, checked_binary } from "./operand_checks.js";
import { has_zero } from "../reduce/reduce_kernel.js";
import { kernel_not_implemented } from "../kernel_checks.js";
import { tensor_slots } from "./graph_slots.js";
import { defineOp, type OpFn } from "../../autograd/define.js";
import { zeros_like_grad } from "../pointwise/unary_kernel.js";
import { op_table } from "../table.js";

// ---------------------------------------------------------------- eq, ne, lt, le, gt, ge

type CompareOp = "eq" | "ne" | "lt" | "le" | "gt" | "ge";
type Compare = (input: Tensor, other: TensorOrScalar) => Tensor;

/**
 * A comparison and its in-place form. Out of place the result is bool and has no graph; in
 * place it is 0/1 in self's dtype, and on a self that requires grad PyTorch records
 * `LtBackward0` (Scalar other) or `LtBackward1` (Tensor other) with zero gradients, which cuts
 * self's old history instead of passing the gradient through the overwritten values.
 */
function comparison(op: CompareOp): [Compare, Compare] {
  const out = defineOp({
    name: op,
    forward: (ctx, a: Tensor, b: TensorOrScalar) =>
      binary_kernel(ctx, op, a, b, bool, undefined, promote(a, b)),
  });
  const node = op[0].toUpperCase() + op.slice(1);
  const inplace = defineOp({
    name: op,
    node: (_a: Tensor, b: TensorOrScalar) => `${node}Backward${b instanceof Tensor ? 1 : 0}`,
    differentiable: tensor_slots(0, 1),
    forward: (ctx, a: Tensor, b: TensorOrScalar) =>
      binary_kernel(ctx, op, a, b, a.dtype, undefined, promote(a, b)),
    // self: zeros_like(self); other: zeros_like(other)
    backward: (ctx, grad) => [
      zeros_like_grad(grad),
      ctx.args[1] instanceof Tensor ? zeros_like_grad(grad) : null,
    ],
  });
  // an op taking only a Tensor self is called with one (check_operands refuses anything else first)
  type Wide = OpFn<[TensorOrScalar, TensorOrScalar]>;
  return [checked_binary(op, out as Wide)[0], checked_binary(op, inplace as Wide)[1]];
}

/**
 * input == other, elementwise, as a bool tensor (other may be a number; shapes broadcast). The
 * in-place `x.eq_(other)` writes the 0/1 result into x, in x's dtype. Not differentiable.
 */
export const [eq, eq_] = comparison("eq");
/** input != other, elementwise, as a bool tensor; `x.ne_(other)` writes it into x (as {@link eq}). */
export const [ne, ne_] = comparison("ne");
/** input < other, elementwise, as a bool tensor; `x.lt_(other)` writes it into x (as {@link eq}). */
export const [lt, lt_] = comparison("lt");
/** input <= other, elementwise, as a bool tensor; `x.le_(other)` writes it into x (as {@link eq}). */
export const [le, le_] = comparison("le");
/** input > other, elementwise, as a bool tensor; `x.gt_(other)` writes it into x (as {@link eq}). */
export const [gt, gt_] = comparison("gt");
/** input >= other, elementwise, as a bool tensor; `x.ge_(other)` writes it into x (as {@link eq}). */
export const [ge, ge_] = comparison("ge");
// PyTorch's aliases
/** Alias of {@link gt}. */
export const greater = gt;
export const greater_ = gt_;
/** Alias of {@link ge}. */
export const greater_equal = ge;
export const greater_equal_ = ge_;
/** Alias of {@link lt}. */
export const less = lt;
export const less_ = lt_;
/** Alias of {@link le}. */
export const less_equal = le;
export const less_equal_ = le_;
/** Alias of {@link ne}. */
export const not_equal = ne;
export const not_equal_ = ne_;

// ---------------------------------------------------------------- isclose, allclose, equal

export interface CloseOptions {
  rtol?: number;
  atol?: number;
  equal_nan?: boolean;
}

/**
 * torch.isclose: |input - other| <= atol + |rtol * other|, elementwise, plus exact equality
 * (so equal infinities are close) and, with equal_nan, NaN against NaN. Computed with the same
 * tensor ops as PyTorch, so float32 inputs round where PyTorch's do.
 */
export function isclose(input: Tensor, other: Tensor, options: CloseOptions = {}): Tensor {
  check_options("isclose", options, ["rtol", "atol", "equal_nan"]);
  const rtol = options.rtol ?? 1e-5;
  const atol = options.atol ?? 1e-8;
  if (input.dtype !== other.dtype) {
    throw new Error(`${scalar_type_name(input.dtype)} did not match ${scalar_type_name(other.dtype)}`);
  }
  if (rtol < 0) throw new Error(`rtol must be greater than or equal to zero, but got ${rtol}`);
  if (atol < 0) throw new Error(`atol must be greater than or equal to zero, but got ${atol}`);
  const a = input.detach();
  const b = other.detach();
  let close = eq(a, b);
  if ((options.equal_nan ?? false) && a.dtype.is_floating_point) {
    close = logical_or(close, logical_and(ne(a, a), ne(b, b)));
  }
  if (rtol === 0 && atol === 0) return close;
  const ca = a.dtype === bool ? a.to(get_default_dtype()) : a;
  const cb = b.dtype === bool ? b.to(get_default_dtype()) : b;
  const allowed = cb.mul(rtol).abs().add(atol);
  const actual = ca.sub(cb).abs();
  return logical_or(close, logical_and(actual.isfinite(), le(actual, allowed)));
}

/** torch.allclose: whether every element is close (a JS boolean). */
export function allclose(input: Tensor, other: Tensor, options: CloseOptions = {}): boolean {
  return !has_zero(isclose(input, other, options));
}

/**
 * torch.equal: same shape and the same values (NaN is not equal to itself). Values compare
 * across dtypes, in their common dtype, as PyTorch documents.
 */
export function equal(input: Tensor, other: Tensor): boolean {
  if (input.shape.length !== other.shape.length || input.shape.some((s, i) => s !== other.shape[i])) {
    return false;
  }
  return !has_zero(eq(input, other));
}

// ---------------------------------------------------------------- logical and bitwise

/** Logical ops read nonzero-ness, so no common dtype is needed; the result is bool. */
function logical(op: "logical_and" | "logical_or" | "logical_xor") {
  const fn = defineOp({
    name: op,
    forward: (ctx, a: Tensor, b: Tensor) => binary_kernel(ctx, op, a, b, bool),
  });
  return {
    out: (input: Tensor, other: Tensor): Tensor => {
      check_tensor(op, other, 2, "other");
      return fn(input, other);
    },
    inplace: (self: Tensor, other: Tensor): Tensor => {
      check_tensor(`${op}_`, other, 1, "other");
      return fn.inplace(self, other);
    },
  };
}

const l_and = logical("logical_and");
const l_or = logical("logical_or");
const l_xor = logical("logical_xor");
/** True where both elements are nonzero; any dtypes, a bool result. other must be a tensor. */
export const logical_and = l_and.out;
export const logical_and_ = l_and.inplace;
/** True where either element is nonzero; any dtypes, a bool result. other must be a tensor. */
export const logical_or = l_or.out;
export const logical_or_ = l_or.inplace;
/** True where exactly one of the elements is nonzero; a bool result. other must be a tensor. */
export const logical_xor = l_xor.out;
export const logical_xor_ = l_xor.inplace;

function bitwise(op: "bitwise_and" | "bitwise_or" | "bitwise_xor") {
  const fn = defineOp({
    name: op,
    forward(ctx, a: Tensor, b: TensorOrScalar) {
      const dtype = promote(a, b);
      if (dtype.is_floating_point) throw kernel_not_implemented(`${op}_cpu`, dtype);
      return binary_kernel(ctx, op satisfies BinaryOp, a, b, dtype, undefined, dtype);
    },
  });
  return {
    out: (input: Tensor, other: TensorOrScalar): Tensor => fn(input, other),
    inplace: (self: Tensor, other: TensorOrScalar): Tensor => fn.inplace(self, other),
  };
}

const b_and = bitwise("bitwise_and");
const b_or = bitwise("bitwise_or");
const b_xor = bitwise("bitwise_xor");
/** Bitwise AND of integer or bool tensors (logical AND for bool); floating dtypes are refused. */
export const bitwise_and = b_and.out;
export const bitwise_and_ = b_and.inplace;
/** Bitwise OR of integer or bool tensors; floating dtypes are refused. */
export const bitwise_or = b_or.out;
export const bitwise_or_ = b_or.inplace;
/** Bitwise XOR of integer or bool tensors; floating dtypes are refused. */
export const bitwise_xor = b_xor.out;
export const bitwise_xor_ = b_xor.inplace;

/** The op table of this file (src/ops/table.ts): its ops' torch.X functions and Tensor methods. */
export default op_table({
  allclose: { fn: allclose, variants: "function, method" },
  bitwise_and: { fn: bitwise_and, variants: "function, method", inplace: bitwise_and_ },
  bitwise_or: { fn: bitwise_or, variants: "function, method", inplace: bitwise_or_ },
  bitwise_xor: { fn: bitwise_xor, variants: "function, method", inplace: bitwise_xor_ },
  eq: { fn: eq, variants: "function, method", inplace: eq_ },
  equal: { fn: equal, variants: "function, method" },
  ge: { fn: ge, variants: "function, method", inplace: ge_ },
  greater: { fn: greater, variants: "function, method", inplace: greater_ },
  greater_equal: { fn: greater_equal, variants: "function, method", inplace: greater_equal_ },
  gt: { fn: gt, variants: "function, method", inplace: gt_ },
  isclose: { fn: isclose, variants: "function, method" },
  le: { fn: le, variants: "function, method", inplace: le_ },
  less: { fn: less, variants: "function, method", inplace: less_ },
  less_equal: { fn: less_equal, variants: "function, method", inplace: less_equal_ },
  logical_and: { fn: logical_and, variants: "function, method", inplace: logical_and_ },
  logical_or: { fn: logical_or, variants: "function, method", inplace: logical_or_ },
  logical_xor: { fn: logical_xor, variants: "function, method", inplace: logical_xor_ },
  lt: { fn: lt, variants: "function, method", inplace: lt_ },
  ne: { fn: ne, variants: "function, method", inplace: ne_ },
  not_equal: { fn: not_equal, variants: "function, method", inplace: not_equal_ },
});
