/**
 * The one way a view is made: a new Tensor over the same storage, version counter and base, with
 * its own sizes, strides and offset. Every view op (views.ts, slice.ts, rearrange.ts,
 * join_split.ts) builds its result with it.
 */
import { Tensor } from "../../tensor/tensor.js";

/** A view of x with the given layout, sharing storage, version counter and base. */
export function make_view(
  x: Tensor,
  shape: readonly number[],
  strides: readonly number[],
  offset: number,
): Tensor {
  const v = new Tensor(x._storage, shape, strides, offset, x.dtype, x._vc);
  v._base = x._base ?? x;
  v._attr_version = x._vc.version;
  return v;
}
