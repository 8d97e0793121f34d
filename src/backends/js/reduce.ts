/**
 * Reference reductions, arg-reductions and scans. Reduced dims are moved innermost so each
 * output element accumulates one run of inputs in a double, then rounds once on store.
 */
import type { StridedView } from "../backend.js";
import type { ArgReduceOp, ReduceOp, ScanOp } from "../kernels.js";
import { is_dense, view_numel } from "./iter.js";

/** Splits x's dims into kept (outer, in order) and reduced (inner) for iteration. */
export function split_dims(x: StridedView, dims: readonly number[]) {
  const reduced = new Set(dims);
  const outer: number[] = [];
  const inner: number[] = [];
  x.shape.forEach((_, d) => (reduced.has(d) ? inner : outer).push(d));
  return {
    outer_shape: outer.map((d) => x.shape[d]),
    outer_strides: outer.map((d) => x.strides[d]),
    inner_shape: inner.map((d) => x.shape[d]),
    inner_strides: inner.map((d) => x.strides[d]),
  };
}

/** Offsets of a (shape, strides) walk in row-major order, relative to 0. */
export function walk_offsets(shape: readonly number[], strides: readonly number[]): Float64Array {
  let n = 1;
  for (const s of shape) n *= s;
  const out = new Float64Array(n);
  const nd = shape.length;
  const idx = new Array<number>(nd).fill(0);
  let off = 0;
  for (let i = 0; i < n; i++) {
    out[i] = off;
    for (let d = nd - 1; d >= 0; d--) {
      if (++idx[d] < shape[d]) {
        off += strides[d];
        break;
      }
      off -= strides[d] * (shape[d] - 1);
      idx[d] = 0;
    }
  }
  return out;
}

const INIT: Record<ReduceOp, number> = {
  sum: 0,
  nansum: 0,
  prod: 1,
  max: -Infinity,
  min: Infinity,
  all: 1,
  any: 0,
  count_nonzero: 0,
};

export function reduce(op: ReduceOp, x: StridedView, dims: readonly number[], out: StridedView): void {
  const xd = x.data;
  const od = out.data;
  const init = INIT[op];
  const m = dense_suffix(x, dims);
  if (m >= 0) {
    // dense x reduced over trailing dims (sum(), mean(), sum(-1)): each output is one run
    const count = view_numel(out);
    for (let o = 0; o < count; o++) od[out.offset + o] = reduce_run(op, init, xd, x.offset + o * m, 1, m);
    return;
  }
  // each output reduces rows of the reduced dims, its innermost reduced dim as the run
  const { outer_shape, outer_strides, inner_shape, inner_strides } = split_dims(x, dims);
  const k = inner_shape.length;
  const n = k ? inner_shape[k - 1] : 1;
  const step = k ? inner_strides[k - 1] : 0;
  const outer = walk_offsets(outer_shape, outer_strides);
  const inner = walk_offsets(inner_shape.slice(0, k - 1), inner_strides.slice(0, k - 1));
  for (let o = 0; o < outer.length; o++) {
    const base = x.offset + outer[o];
    let acc = init;
    for (let r = 0; r < inner.length; r++) acc = reduce_run(op, acc, xd, base + inner[r], step, n);
    od[out.offset + o] = acc;
  }
}

/**
 * The run length when x is dense and `dims` are its trailing dims (numel of those dims), so
 * output o reduces x[offset + o*m ..+ m); -1 otherwise.
 */
function dense_suffix(x: StridedView, dims: readonly number[]): number {
  const nd = x.shape.length;
  const first = nd - dims.length;
  for (let i = 0; i < dims.length; i++) {
    if (dims[i] < first || dims.indexOf(dims[i]) !== i) return -1;
  }
  if (!is_dense(x)) return -1;
  let m = 1;
  for (let d = first; d < nd; d++) m *= x.shape[d];
  return m;
}

/** Folds n elements xd[i0], xd[i0 + s], ... into acc, in order. */
function reduce_run(
  op: ReduceOp,
  acc: number,
  xd: StridedView["data"],
  i0: number,
  s: number,
  n: number,
): number {
  let i = i0;
  switch (op) {
    case "sum":
      for (let j = 0; j < n; j++, i += s) acc += xd[i];
      return acc;
    case "nansum":
      for (let j = 0; j < n; j++, i += s) {
        const v = xd[i];
        if (v === v) acc += v;
      }
      return acc;
    case "prod":
      for (let j = 0; j < n; j++, i += s) acc *= xd[i];
      return acc;
    case "max":
      for (let j = 0; j < n; j++, i += s) {
        const v = xd[i];
        if (v !== v) return v;
        if (v > acc) acc = v;
      }
      return acc;
    case "min":
      for (let j = 0; j < n; j++, i += s) {
        const v = xd[i];
        if (v !== v) return v;
        if (v < acc) acc = v;
      }
      return acc;
    case "all":
      for (let j = 0; j < n && acc; j++, i += s) if (xd[i] === 0) acc = 0;
      return acc;
    case "any":
      for (let j = 0; j < n && !acc; j++, i += s) if (xd[i] !== 0) acc = 1;
      return acc;
    case "count_nonzero":
      for (let j = 0; j < n; j++, i += s) if (xd[i] !== 0) acc++;
      return acc;
  }
}

export function arg_reduce(
  op: ArgReduceOp,
  x: StridedView,
  dim: number,
  values: StridedView | null,
  indices: StridedView,
): void {
  const { outer_shape, outer_strides } = split_dims(x, [dim]);
  const outer = walk_offsets(outer_shape, outer_strides);
  const n = x.shape[dim];
  const step = x.strides[dim];
  const xd = x.data;
  const better = op === "argmax" ? (a: number, b: number) => a > b : (a: number, b: number) => a < b;
  for (let o = 0; o < outer.length; o++) {
    const base = x.offset + outer[o];
    let best = xd[base];
    let bi = 0;
    if (best === best) {
      for (let i = 1; i < n; i++) {
        const v = xd[base + i * step];
        if (v !== v) {
          best = v;
          bi = i;
          break;
        }
        if (better(v, best)) {
          best = v;
          bi = i;
        }
      }
    }
    indices.data[indices.offset + o] = bi;
    if (values) values.data[values.offset + o] = best;
  }
}

export function scan(
  op: ScanOp,
  x: StridedView,
  dim: number,
  out: StridedView,
  indices: StridedView | null,
): void {
  const xo = walk_offsets(
    x.shape.filter((_, d) => d !== dim),
    x.strides.filter((_, d) => d !== dim),
  );
  const oo = walk_offsets(
    out.shape.filter((_, d) => d !== dim),
    out.strides.filter((_, d) => d !== dim),
  );
  const n = x.shape[dim];
  const xs = x.strides[dim];
  const os = out.strides[dim];
  const is = indices ? indices.strides[dim] : 0;
  const io = indices
    ? walk_offsets(
        indices.shape.filter((_, d) => d !== dim),
        indices.strides.filter((_, d) => d !== dim),
      )
    : null;
  const xd = x.data;
  const od = out.data;
  for (let r = 0; r < xo.length; r++) {
    const xb = x.offset + xo[r];
    const ob = out.offset + oo[r];
    if (op === "cumsum" || op === "cumprod") {
      let acc = op === "cumsum" ? 0 : 1;
      for (let i = 0; i < n; i++) {
        const v = xd[xb + i * xs];
        acc = op === "cumsum" ? acc + v : acc * v;
        od[ob + i * os] = acc;
      }
    } else if (op === "logcumsumexp") {
      let acc = -Infinity;
      for (let i = 0; i < n; i++) {
        const v = xd[xb + i * xs];
        const m = Math.max(acc, v);
        acc = m === -Infinity ? -Infinity : m + Math.log(Math.exp(acc - m) + Math.exp(v - m));
        od[ob + i * os] = acc;
      }
    } else {
      const ib = indices && io ? indices.offset + io[r] : 0;
      let best = NaN;
      let bi = 0;
      for (let i = 0; i < n; i++) {
        const v = xd[xb + i * xs];
        const take = i === 0 || v !== v || (best === best && (op === "cummax" ? v >= best : v <= best));
        if (take) {
          best = v;
          bi = i;
        }
        od[ob + i * os] = best;
        if (indices) indices.data[ib + i * is] = bi;
      }
    }
  }
}
