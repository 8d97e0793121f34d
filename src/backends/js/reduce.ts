/**
 * Reference reductions, arg-reductions and scans. Reduced dims are moved innermost so each
 * output element accumulates one run of inputs in a double, then rounds once on store.
 */
import type { StridedView } from "../backend.js";
import type { ArgReduceOp, ReduceOp, ScanOp } from "../kernels.js";

/** Splits x's dims into kept (outer, in order) and reduced (inner) for iteration. */
function split_dims(x: StridedView, dims: readonly number[]) {
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
function walk_offsets(shape: readonly number[], strides: readonly number[]): Float64Array {
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
  const { outer_shape, outer_strides, inner_shape, inner_strides } = split_dims(x, dims);
  const outer = walk_offsets(outer_shape, outer_strides);
  const inner = walk_offsets(inner_shape, inner_strides);
  const xd = x.data;
  const od = out.data;
  const m = inner.length;
  for (let o = 0; o < outer.length; o++) {
    const base = x.offset + outer[o];
    let acc = INIT[op];
    switch (op) {
      case "sum":
        for (let i = 0; i < m; i++) acc += xd[base + inner[i]];
        break;
      case "nansum":
        for (let i = 0; i < m; i++) {
          const v = xd[base + inner[i]];
          if (v === v) acc += v;
        }
        break;
      case "prod":
        for (let i = 0; i < m; i++) acc *= xd[base + inner[i]];
        break;
      case "max":
        for (let i = 0; i < m; i++) {
          const v = xd[base + inner[i]];
          if (v > acc || v !== v) acc = v;
          if (v !== v) break;
        }
        break;
      case "min":
        for (let i = 0; i < m; i++) {
          const v = xd[base + inner[i]];
          if (v < acc || v !== v) acc = v;
          if (v !== v) break;
        }
        break;
      case "all":
        for (let i = 0; i < m && acc; i++) if (xd[base + inner[i]] === 0) acc = 0;
        break;
      case "any":
        for (let i = 0; i < m && !acc; i++) if (xd[base + inner[i]] !== 0) acc = 1;
        break;
      case "count_nonzero":
        for (let i = 0; i < m; i++) if (xd[base + inner[i]] !== 0) acc++;
        break;
    }
    od[out.offset + o] = acc;
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
