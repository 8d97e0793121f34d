/**
 * The binary ops' checks of their operands: the API forms that name a bad operand, Python's
 * refusal of a scalar where only a Tensor is accepted, and integer division by zero, which
 * PyTorch raises instead of producing garbage.
 */
import type { DType } from "../../dtype.js";
import { py_type } from "../../format.js";
import { Tensor } from "../../tensor/tensor.js";
import type { TensorOrScalar } from "./binary_kernel.js";
import type { OpFn } from "../../autograd/define.js";
import { check_operands } from "../../tensor/args.js";
import { has_zero } from "../reduce/reduce_kernel.js";

/** Python's refusal of a scalar where only a Tensor is accepted. */
export function check_tensor(
  op: string,
  x: TensorOrScalar,
  position: number,
  name: string,
): asserts x is Tensor {
  if (!(x instanceof Tensor)) {
    throw new TypeError(
      `${op}(): argument '${name}' (position ${position}) must be Tensor, not ${py_type(x)}`,
    );
  }
}

/**
 * Integer division and remainder by zero: PyTorch raises instead of producing garbage (in its
 * kernel, so not when the result is empty: an empty operand makes it so).
 */
export function check_int_divisor(dtype: DType, b: TensorOrScalar, a?: TensorOrScalar): void {
  if (dtype.is_floating_point) return;
  if ((a instanceof Tensor && a.numel() === 0) || (b instanceof Tensor && b.numel() === 0)) return;
  const zero = b instanceof Tensor ? has_zero(b) : Number(b) === 0;
  if (zero) throw new Error("ZeroDivisionError");
}

type BinaryFn = (input: TensorOrScalar, other: TensorOrScalar) => Tensor;
type BinaryInplace = (self: Tensor, other: TensorOrScalar) => Tensor;

/**
 * An op of two operands and its in-place form as the API exposes them: the operands checked
 * first, so `x.mul([1, 2])` names the op and the argument.
 */
export function checked_binary(
  name: string,
  op: OpFn<[TensorOrScalar, TensorOrScalar]>,
  other = "other",
): [BinaryFn, BinaryInplace] {
  const name_ = `${name}_`;
  return [
    (input, b) => {
      check_operands(name, input, b, other);
      return op(input, b);
    },
    (self, b) => {
      check_operands(name_, self, b, other);
      return op.inplace(self, b);
    },
  ];
}
