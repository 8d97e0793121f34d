/**
 * Internal constructors that ops use to make result tensors. The public factories
 * (torch.zeros, torch.tensor, ...) are in factory.ts and build on these.
 */
import { kernels } from "../backends/index.js";
import { get_default_dtype, type DType, type TypedArray } from "../dtype.js";
import { contiguous_strides, is_non_overlapping_and_dense, numel, type Shape } from "../shape.js";
import { Storage } from "./storage.js";
import { Tensor } from "./tensor.js";

/**
 * The most elements one tensor can hold: its storage is one typed array, and V8 (Node, Chrome)
 * caps a typed array's length at 2^32 elements. Other engines may allow less memory; their
 * refusal is reported the same way.
 */
export const MAX_NUMEL = 2 ** 32;

/** Below this many elements an allocation takes the plain path (every small op's result). */
const CHECKED_NUMEL = 2 ** 20;

/**
 * A zeroed array of n elements of dtype for a new tensor's storage, from the backend in use
 * (which may pool or align it): every tensor an op creates gets its memory here. A size that
 * cannot be made gets an error naming the shape (`shape` when given) and why.
 */
export function alloc(dtype: DType, n: number, shape?: Shape): TypedArray {
  // small arrays cannot fail short of an exhausted heap; the checks stay off their path
  if (n < CHECKED_NUMEL) return kernels().alloc(dtype, n);
  return alloc_checked(dtype, n, shape ?? [n]);
}

function alloc_checked(dtype: DType, n: number, shape: Shape): TypedArray {
  if (n > MAX_NUMEL) {
    throw alloc_error(n, dtype, shape, `a tensor holds at most ${MAX_NUMEL} (2^32) elements in JavaScript`);
  }
  try {
    return kernels().alloc(dtype, n);
  } catch (e) {
    throw e instanceof RangeError ? alloc_error(n, dtype, shape, `out of memory (${e.message})`) : e;
  }
}

function alloc_error(n: number, dtype: DType, shape: Shape, why: string): RangeError {
  return new RangeError(
    `cannot allocate a tensor of size [${shape.join(", ")}] (${n} elements of ${dtype.name}, ${n * dtype.itemsize} bytes): ${why}`,
  );
}

/** A new contiguous tensor of zeros (the backend's memory starts zeroed; empty() is the same here). */
export function empty_tensor(shape: Shape, dtype: DType = get_default_dtype()): Tensor {
  const data = alloc(dtype, numel(shape), shape);
  return new Tensor(new Storage(data, dtype), shape.slice(), contiguous_strides(shape), 0, dtype);
}

/**
 * A new zeroed tensor with the layout of `like` when that is non-overlapping and dense (a
 * permutation of a contiguous layout), else contiguous: PyTorch's empty_like with
 * preserve_format, which is the layout a leaf's .grad must have.
 */
export function empty_with_layout_of(like: Tensor): Tensor {
  const { shape, dtype } = like;
  const strides = is_non_overlapping_and_dense(shape, like._strides)
    ? like._strides.slice()
    : contiguous_strides(shape);
  return new Tensor(new Storage(alloc(dtype, numel(shape), shape), dtype), shape.slice(), strides, 0, dtype);
}

/** Wraps a typed array (no copy) as a contiguous tensor of `shape`. */
export function from_array(data: TypedArray, shape: Shape, dtype: DType): Tensor {
  return new Tensor(new Storage(data, dtype), shape.slice(), contiguous_strides(shape), 0, dtype);
}

/** A zero-dim tensor holding v. */
export function scalar_tensor(v: number, dtype: DType = get_default_dtype()): Tensor {
  const data = alloc(dtype, 1);
  // integer dtypes truncate as PyTorch's scalar conversion does (fill_(2.7) on int64 gives 2)
  // (bool as C++ converts: any nonzero number, NaN too, is true)
  data[0] = dtype.name === "bool" ? (v !== 0 ? 1 : 0) : dtype.is_floating_point ? v : Math.trunc(v) + 0;
  return new Tensor(new Storage(data, dtype), [], [], 0, dtype);
}
