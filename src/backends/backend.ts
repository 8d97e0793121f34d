/**
 * A backend is a table of kernels: functions that compute numbers on strided views of typed
 * arrays on the JS heap. Think of it as the connector between torch-ts's ops and some hardware:
 * plain JS loops, Wasm SIMD, a system BLAS. A backend knows nothing of tensors, autograd, dtype
 * promotion or PyTorch's names: ops resolve all of that and hand kernels views whose dtypes and
 * shapes are already right (inputs broadcast to the output's shape through zero strides).
 *
 * Outputs are written through their own strided view, so a kernel can fill a fresh contiguous
 * tensor or write in place into a view of another one.
 */
import type { DType, TypedArray } from "../dtype.js";
import type { KernelName, Kernel } from "./kernels.js";

/**
 * A view onto a typed array: element (i0, i1, ...) lives at offset + sum(ik * strides[k]).
 * `dtype` says what the elements are, since dtypes share array types (int64 and float64 are
 * both Float64Array): a kernel reads it, never guesses from `data`.
 */
export interface StridedView<A extends TypedArray = TypedArray> {
  readonly data: A;
  readonly dtype: DType;
  readonly shape: readonly number[];
  readonly strides: readonly number[];
  readonly offset: number;
}

export type Backend = { readonly name: string } & { readonly [K in KernelName]: Kernel<K> };
