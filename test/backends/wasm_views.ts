/**
 * Strided float32 views for testing the wasm kernels against the js ones: every layout a
 * kernel meets (contiguous, transposed, sliced, expanded through a zero stride, offset), with
 * random values from a fixed-seed generator.
 */
import type { StridedView } from "../../src/backends/index.js";
import { float32 } from "../../src/dtype.js";

export type Layout = "contiguous" | "transposed" | "sliced" | "expanded" | "offset";
export const LAYOUTS: readonly Layout[] = ["contiguous", "transposed", "sliced", "expanded", "offset"];

/** A deterministic generator of values in [0, 1). */
export function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

export function contiguous_strides(shape: readonly number[]): number[] {
  const st = new Array<number>(shape.length);
  let acc = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    st[i] = acc;
    acc *= shape[i];
  }
  return st;
}

/** A float32 view of `shape` laid out as `layout`, its elements drawn by `value`. */
export function f32_view(shape: number[], layout: Layout, value: () => number): StridedView<Float32Array> {
  const n = shape.reduce((a, b) => a * b, 1);
  const fill = (len: number) => Float32Array.from({ length: len }, value);
  switch (layout) {
    case "contiguous":
      return { data: fill(n), dtype: float32, shape, strides: contiguous_strides(shape), offset: 0 };
    case "offset":
      return { data: fill(n + 7), dtype: float32, shape, strides: contiguous_strides(shape), offset: 7 };
    case "transposed": {
      const st = contiguous_strides(shape.slice().reverse()).reverse();
      return { data: fill(n), dtype: float32, shape, strides: st, offset: 0 };
    }
    case "sliced": {
      // every other element of a twice-as-long last dim, from the second one
      const big = shape.slice();
      big[big.length - 1] *= 2;
      const st = contiguous_strides(big);
      st[st.length - 1] = 2;
      return { data: fill(2 * n + 1), dtype: float32, shape, strides: st, offset: 1 };
    }
    case "expanded": {
      // the first dim read through stride 0
      const inner = shape.slice(1);
      const m = inner.reduce((a, b) => a * b, 1);
      return { data: fill(m), dtype: float32, shape, strides: [0, ...contiguous_strides(inner)], offset: 0 };
    }
  }
}

/** A zeroed output view (contiguous or transposed) of shape. */
export function f32_out(
  shape: number[],
  layout: "contiguous" | "transposed" = "contiguous",
): StridedView<Float32Array> {
  return f32_view(shape, layout, () => 0);
}

/** Row-major positions of shape as index tuples. */
export function* positions(shape: readonly number[]): Generator<number[]> {
  const n = shape.reduce((a, b) => a * b, 1);
  const idx = shape.map(() => 0);
  for (let c = 0; c < n; c++) {
    yield idx.slice();
    for (let d = shape.length - 1; d >= 0; d--) {
      if (++idx[d] < shape[d]) break;
      idx[d] = 0;
    }
  }
}

export const offset_of = (v: StridedView, idx: readonly number[]): number =>
  idx.reduce((o, i, d) => o + i * v.strides[d], v.offset);
export const at = (v: StridedView, idx: readonly number[]): number => v.data[offset_of(v, idx)];

/** The distance in float32 ulps between two float32 values (NaN equal to NaN, -0 to 0). */
export function ulp_diff(x: number, y: number): number {
  if (x !== x || y !== y) return x !== x && y !== y ? 0 : Infinity;
  if (x === y) return 0;
  const f = new Float32Array([x, y]);
  const i = new Int32Array(f.buffer);
  const ord = (v: number) => (v < 0 ? -0x80000000 - v : v);
  return Math.abs(ord(i[0]) - ord(i[1]));
}
