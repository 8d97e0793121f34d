/**
 * Reference softmax and log_softmax along one dim. Each slice is shifted by its max (so large
 * inputs do not overflow) and worked in doubles, rounding once on store: with m the slice's
 * max, z = x - m, s = sum of exp(z) in order, softmax is exp(z) / s and log_softmax z - log(s).
 * NaN anywhere in a slice makes the whole slice NaN, and so does a slice whose max is +inf or
 * which is all -inf (inf - inf), as in PyTorch.
 */
import type { StridedView } from "../backend.js";
import type { SoftmaxOp } from "../kernels.js";
import { borrow, give_back } from "./scratch.js";

export function softmax(op: SoftmaxOp, x: StridedView, dim: number, out: StridedView): void {
  const nd = x.shape.length;
  const n = x.shape[dim];
  const sx = x.strides[dim];
  const so = out.strides[dim];
  let slices = 1;
  for (let d = 0; d < nd; d++) if (d !== dim) slices *= x.shape[d];
  if (n === 0 || slices === 0) return;
  // the other dims, walked in row-major order by a counter
  const idx = new Array<number>(nd).fill(0);
  let xo = x.offset;
  let oo = out.offset;
  const e = op === "softmax" ? borrow(n) : null;
  try {
    for (let r = 0; r < slices; r++) {
      slice(op, x.data, xo, sx, out.data, oo, so, n, e);
      for (let d = nd - 1; d >= 0; d--) {
        if (d === dim) continue;
        if (++idx[d] < x.shape[d]) {
          xo += x.strides[d];
          oo += out.strides[d];
          break;
        }
        idx[d] = 0;
        xo -= x.strides[d] * (x.shape[d] - 1);
        oo -= out.strides[d] * (out.shape[d] - 1);
      }
    }
  } finally {
    if (e) give_back(e);
  }
}

type Data = StridedView["data"];

/** One slice of n elements from xd[xo] by sx into od[oo] by so; e is softmax's work row. */
function slice(
  op: SoftmaxOp,
  xd: Data,
  xo: number,
  sx: number,
  od: Data,
  oo: number,
  so: number,
  n: number,
  e: Float64Array | null,
): void {
  let m = -Infinity;
  for (let i = 0, p = xo; i < n; i++, p += sx) {
    const v = xd[p];
    if (v !== v) {
      m = v;
      break;
    }
    if (v > m) m = v;
  }
  let s = 0;
  if (e) {
    for (let i = 0, p = xo; i < n; i++, p += sx) s += e[i] = Math.exp(xd[p] - m);
    for (let i = 0, q = oo; i < n; i++, q += so) od[q] = e[i] / s;
    return;
  }
  for (let i = 0, p = xo; i < n; i++, p += sx) s += Math.exp(xd[p] - m);
  const lse = Math.log(s);
  for (let i = 0, p = xo, q = oo; i < n; i++, p += sx, q += so) od[q] = xd[p] - m - lse;
}
