/**
 * Shared pieces of the indexing ops: index bounds checks (each op words its messages as
 * PyTorch does, so callers pass the message), views laid over an iteration shape
 * for the index_gather/index_scatter kernels, a tensor's values in row-major order, and nonzero
 * as a plain (untracked) tensor.
 */
import { kernels } from "../../backends/index.js";
import type { StridedView } from "../../backends/backend.js";
import type { IndexTerm } from "../../backends/kernels.js";
import { int64 } from "../../dtype.js";
import type { Tensor } from "../../tensor/tensor.js";
import { empty_tensor } from "../../tensor/make.js";
import { row_major } from "../convert/convert.js";
import type { OutputSink } from "../../autograd/define.js";

/** Throws `err(v)` for the first index v outside [-size, size) (or [0, size) without negatives). */
export function check_bounds(
  index: Tensor,
  size: number,
  err: (v: number) => Error,
  allow_negative = true,
): void {
  const lo = allow_negative ? -size : 0;
  const d = row_major(index);
  for (let i = 0; i < d.length; i++) if (d[i] < lo || d[i] >= size) throw err(d[i]);
}

/** v laid over an iteration shape: v's stride for each (it_dim -> v_dim) pair, 0 elsewhere. */
export function laid_over(
  v: { data: StridedView["data"]; dtype: StridedView["dtype"]; offset: number },
  shape: readonly number[],
  strides: readonly number[],
): StridedView {
  return { data: v.data, dtype: v.dtype, shape, strides, offset: v.offset };
}

/** The view of t along `dim` only: t's 1-D (or 0-D) values spread over `shape` at `dim`. */
export function along_dim(t: Tensor, shape: readonly number[], dim: number): StridedView {
  const strides = shape.map(() => 0);
  strides[dim] = t.dim() === 0 ? 0 : t._strides[0];
  return laid_over({ data: t._storage.data, dtype: t.dtype, offset: t._offset }, shape, strides);
}

/** t's own layout over `shape` (t.shape covers at least `shape` in every dim). */
export function window(t: Tensor, shape: readonly number[], zero_dim = -1): StridedView {
  const strides = t._strides.map((s, d) => (d === zero_dim ? 0 : s));
  return laid_over({ data: t._storage.data, dtype: t.dtype, offset: t._offset }, shape, strides);
}

/** An index term: idx's values address `base`'s dim `dim`. */
export function term(index: StridedView, base: Tensor, dim: number): IndexTerm {
  return { index, stride: base._strides[dim], size: base.shape[dim] };
}

/** Coordinates of x's nonzero elements: a new int64 [count, ndim] tensor, outside autograd. */
export function nonzero_tensor(x: Tensor): Tensor {
  const count = empty_tensor([], int64);
  kernels().reduce(
    "count_nonzero",
    x._view(),
    x.shape.map((_, i) => i),
    count._view(),
  );
  const out = empty_tensor([count._storage.data[0], x.dim()], int64);
  kernels().nonzero(x._view(), out._view());
  return out;
}

/** Column d of a [n, ndim] nonzero result, as a view over [n]. */
export function nonzero_column(nz: Tensor, d: number): StridedView {
  return laid_over(
    { data: nz._storage.data, dtype: nz.dtype, offset: nz._offset + d * nz._strides[1] },
    [nz.shape[0]],
    [nz._strides[0]],
  );
}

/** The output of a write op: self's values in the op's output (self itself when in place). */
export function start_from(ctx: OutputSink, self: Tensor): Tensor {
  const out = ctx.output(self.shape, self.dtype);
  if (out !== self) kernels().copy(self._view(), out._view());
  return out;
}
