/**
 * Running a binary kernel, shared by every binary op file (and the pointwise ops built on one):
 * operands (a tensor or a JS scalar) converted to the common dtype as PyTorch casts them, and
 * the kernel call over their broadcast shape into the op's output.
 */
import { kernels } from "../../backends/index.js";
import type { StridedView } from "../../backends/backend.js";
import type { BinaryOp } from "../../backends/kernels.js";
import { bool, float32, float64, int32, int64, result_type as dtype_result_type } from "../../dtype.js";
import type { DType } from "../../dtype.js";
import { broadcast_shapes, type Shape } from "../../shape.js";
import { Tensor } from "../../tensor/tensor.js";
import { empty_tensor } from "../../tensor/make.js";
import { contiguous_copy } from "../convert/convert.js";
import type { OutputSink } from "../../autograd/define.js";
import { broadcast_view, scalar_view } from "../kernel_views.js";

export type Scalar = number | boolean;
export type TensorOrScalar = Tensor | Scalar;

export function operand_shape(a: TensorOrScalar): readonly number[] {
  return a instanceof Tensor ? a.shape : [];
}

/** The common dtype of two operands (torch.result_type). */
export function promote(a: TensorOrScalar, b: TensorOrScalar): DType {
  return dtype_result_type([a, b]);
}

/** A scalar converted to `dtype`, as PyTorch casts a wrapped number to the common dtype. */
export function cast_scalar(v: Scalar, dtype: DType): number {
  const x = Number(v);
  if (dtype === float32) return Math.fround(x);
  if (dtype === float64) return x;
  if (dtype === bool) return x !== 0 ? 1 : 0;
  const i = Math.trunc(x);
  return dtype === int32 ? i | 0 : i;
}

/** Whether reading `from` values as `to` needs a real conversion (rounding) first. */
function needs_cast(from: DType, to: DType): boolean {
  if (from === to) return false;
  if (to === float32) return from !== bool; // float64 and large integers round to float32
  return to === int32 && from === int64;
}

/** An operand as a view over `shape`, with its values in the compute dtype. */
export function operand_view(x: TensorOrScalar, shape: Shape, compute: DType | null): StridedView {
  if (!(x instanceof Tensor))
    return scalar_view(compute ? cast_scalar(x, compute) : Number(x), shape, compute ?? float64);
  const t = compute && needs_cast(x.dtype, compute) ? contiguous_copy(x, compute) : x;
  return broadcast_view(t, shape);
}

/** Where an intermediate value of a composite kernel goes: always a fresh tensor. */
export const NEW_TENSOR: OutputSink = { output: (shape, dtype) => empty_tensor(shape, dtype) };

/**
 * Runs a binary kernel over the broadcast shape into the op's output of `dtype`. With `compute`
 * given, operands are first converted to it (PyTorch's common dtype); without, their stored
 * values are read as they are (masks and logical ops).
 */
export function binary_kernel(
  ctx: OutputSink,
  op: BinaryOp,
  a: TensorOrScalar,
  b: TensorOrScalar,
  dtype: DType,
  p0?: number,
  compute: DType | null = null,
): Tensor {
  const shape = broadcast_shapes(operand_shape(a), operand_shape(b));
  const out = ctx.output(shape, dtype);
  kernels().binary(op, operand_view(a, shape, compute), operand_view(b, shape, compute), out._view(), p0);
  return out;
}
