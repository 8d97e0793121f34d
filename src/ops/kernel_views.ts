/** Views for kernels: tensors and scalars broadcast to an output shape through zero strides. */
import type { StridedView } from "../backends/backend.js";
import type { DType } from "../dtype.js";
import type { Tensor } from "../tensor/tensor.js";

/** t's view with strides of 0 on broadcast dims, laid over `shape` (assumed compatible). */
export function broadcast_view(t: Tensor, shape: readonly number[]): StridedView {
  const nd = shape.length;
  if (t.shape.length === nd) {
    let same = true;
    for (let i = 0; i < nd; i++) if (t.shape[i] !== shape[i]) same = false;
    if (same) return t._view();
  }
  return broadcast_strided(t._view(), shape);
}

/** The same for a kernel view (an index column, a nonzero() column). */
export function broadcast_strided(v: StridedView, shape: readonly number[]): StridedView {
  const nd = shape.length;
  const vd = v.shape.length;
  const strides = new Array<number>(nd).fill(0);
  for (let i = 0; i < vd; i++) {
    const d = nd - vd + i;
    strides[d] = v.shape[i] === 1 && shape[d] !== 1 ? 0 : v.strides[i];
  }
  return { data: v.data, dtype: v.dtype, shape, strides, offset: v.offset };
}

/**
 * A JS number as a view of `shape` (one element, every stride 0), stored as `dtype`: the op's
 * compute dtype once the number is converted to it, float64 while it is still a JS double.
 */
export function scalar_view(v: number, shape: readonly number[], dtype: DType): StridedView {
  return { data: dtype.array.of(v), dtype, shape, strides: shape.map(() => 0), offset: 0 };
}
