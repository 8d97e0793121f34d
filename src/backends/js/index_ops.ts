/**
 * Reference indexing kernels. Every indexing op (index_select, gather, scatter, index_add,
 * x[...] with tensors, index_put, masked_select, take) is one of two loops over an iteration
 * shape: a gather reads `x` at a computed offset, a scatter writes `out` at one. The offset of
 * position p is a base view's offset at p (the dims the indices do not address, zero strides
 * on the others) plus, for each index term, `wrap(index[p]) * stride`. Ops build those views;
 * the kernels only walk them, so views, transposes and broadcast indices never copy.
 *
 * Indices arrive already checked against their sizes by the op (PyTorch's messages differ per
 * op); the kernels only wrap negative ones.
 */
import { bool } from "../../dtype.js";
import type { StridedView } from "../backend.js";
import type { Geometry, IndexTerm, ScatterMode } from "../kernels.js";
import { rows } from "./iter.js";

/** out[p] = x[base(p) + sum_k wrap(index_k[p]) * stride_k], over out.shape. */
export function index_gather(x: StridedView, terms: readonly IndexTerm[], out: StridedView): void {
  const nt = terms.length;
  const it = rows(out.shape, [x, out, ...terms.map((t) => t.index)]);
  const xd = x.data;
  const od = out.data;
  const [xi, oi] = it.inner;
  for (let r = 0; r < it.count; r++, it.next()) {
    let xo = it.start[0];
    let oo = it.start[1];
    for (let j = 0; j < it.n; j++, xo += xi, oo += oi) {
      let off = xo;
      for (let k = 0; k < nt; k++) off += term_offset(terms[k], it.start[k + 2] + j * it.inner[k + 2]);
      od[oo] = xd[off];
    }
  }
}

/**
 * out[base(p) + sum_k wrap(index_k[p]) * stride_k] (=, +=, *=) src[p], over src.shape, in
 * row-major order of src (so with duplicate indices the last write wins, as on PyTorch's CPU,
 * and float32 sums round after each add, as PyTorch's sequential CPU loop does).
 */
export function index_scatter(
  mode: ScatterMode,
  src: StridedView,
  terms: readonly IndexTerm[],
  out: StridedView,
): void {
  const nt = terms.length;
  const it = rows(src.shape, [out, src, ...terms.map((t) => t.index)]);
  const sd = src.data;
  const od = out.data;
  const is_bool = out.dtype === bool;
  const [oi, si] = it.inner;
  for (let r = 0; r < it.count; r++, it.next()) {
    let oo = it.start[0];
    let so = it.start[1];
    for (let j = 0; j < it.n; j++, oo += oi, so += si) {
      let off = oo;
      for (let k = 0; k < nt; k++) off += term_offset(terms[k], it.start[k + 2] + j * it.inner[k + 2]);
      const v = sd[so];
      if (mode === "assign") od[off] = v;
      else if (mode === "add") od[off] = is_bool ? (od[off] || v ? 1 : 0) : od[off] + v;
      else od[off] = is_bool ? (od[off] && v ? 1 : 0) : od[off] * v;
    }
  }
}

function term_offset(t: IndexTerm, at: number): number {
  const i = t.index.data[at];
  return (i < 0 ? i + t.size : i) * t.stride;
}

/**
 * The coordinates of x's nonzero elements, in row-major order, into a contiguous out of shape
 * [count, ndim] (the op counts them first, to size out).
 */
export function nonzero(x: StridedView, out: StridedView): void {
  const nd = x.shape.length;
  const xd = x.data;
  const od = out.data;
  const coord = new Array<number>(nd).fill(0);
  let total = 1;
  for (const s of x.shape) total *= s;
  let w = out.offset;
  let off = x.offset;
  for (let n = 0; n < total; n++) {
    if (xd[off] !== 0) for (let d = 0; d < nd; d++) od[w++] = coord[d];
    // step the row-major counter
    for (let d = nd - 1; d >= 0; d--) {
      if (++coord[d] < x.shape[d]) {
        off += x.strides[d];
        break;
      }
      coord[d] = 0;
      off -= x.strides[d] * (x.shape[d] - 1);
    }
  }
}

/** The storage position of each element of a geometry, in row-major order. */
function positions(g: Geometry): number[] {
  let out = [g.offset];
  for (let d = 0; d < g.size.length; d++) {
    const next: number[] = [];
    const st = g.stride[d];
    for (const p of out) for (let i = 0; i < g.size[d]; i++) next.push(p + i * st);
    out = next;
  }
  return out;
}

/** as_strided's backward through storage positions (see the contract in kernels.ts). */
export function strided_scatter_gather(
  grad: StridedView,
  scatter: Geometry,
  read: Geometry,
  divisor: Geometry,
  out: StridedView,
): void {
  const ps = positions(scatter);
  const pr = positions(read);
  const pd = positions(divisor);
  let lo = Infinity;
  let hi = -1;
  for (const p of ps) [lo, hi] = [Math.min(lo, p), Math.max(hi, p)];
  for (const p of pr) [lo, hi] = [Math.min(lo, p), Math.max(hi, p)];
  if (hi < 0) lo = 0;
  const buf = new Float64Array(hi - lo + 1);
  const g = grad.data;
  for (let i = 0; i < ps.length; i++) buf[ps[i] - lo] += g[grad.offset + i];
  const count = new Float64Array(buf.length);
  for (const p of pd) if (p >= lo && p <= hi) count[p - lo]++;
  for (let i = 0; i < buf.length; i++) if (count[i] > 1) buf[i] /= count[i];
  const od = out.data;
  for (let i = 0; i < pr.length; i++) od[out.offset + i] = buf[pr[i] - lo];
}
