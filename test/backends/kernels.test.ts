/**
 * The js kernels against element-by-element references on strided views of every kind a
 * kernel meets: contiguous, transposed, sliced, broadcast through zero strides (a whole
 * operand, as a scalar is, or one dim), with offsets, and writing into strided outputs. The
 * fast paths (dense runs, broadcast scalars, dense trailing reductions, packed matrix products)
 * must give exactly what the general strided loops give.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { js_backend as k } from "../../src/backends/js/index.js";
import type { StridedView } from "../../src/backends/index.js";
import { BINARY } from "../../src/backends/js/binary.js";
import { UNARY } from "../../src/backends/js/unary.js";
import type { BinaryOp, ReduceOp, UnaryOp } from "../../src/backends/index.js";
import { bool, float32, float64, int32, int64, type DType } from "../../src/dtype.js";

/** A deterministic generator of test values (no dependence on torch's RNG). */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

type Layout = "contiguous" | "transposed" | "sliced" | "expanded" | "scalar" | "offset";
const LAYOUTS: Layout[] = ["contiguous", "transposed", "sliced", "expanded", "scalar", "offset"];

/** A view of `shape` in the given layout over fresh data (values from rnd, or integers). */
function view(shape: number[], layout: Layout, rnd: () => number, ints = false): StridedView<Float64Array> {
  const n = shape.reduce((a, b) => a * b, 1);
  const value = () => (ints ? Math.floor(rnd() * 19) - 9 : (rnd() - 0.5) * 8);
  const contiguous = (s: number[]) => {
    const st = new Array<number>(s.length);
    let acc = 1;
    for (let i = s.length - 1; i >= 0; i--) {
      st[i] = acc;
      acc *= s[i];
    }
    return st;
  };
  switch (layout) {
    case "contiguous":
      return {
        data: Float64Array.from({ length: n }, value),
        dtype: ints ? int64 : float64,
        shape,
        strides: contiguous(shape),
        offset: 0,
      };
    case "offset":
      return {
        data: Float64Array.from({ length: n + 5 }, value),
        dtype: ints ? int64 : float64,
        shape,
        strides: contiguous(shape),
        offset: 5,
      };
    case "transposed": {
      // dims stored in reverse order
      const rev = shape.slice().reverse();
      const st = contiguous(rev).reverse();
      return {
        data: Float64Array.from({ length: n }, value),
        dtype: ints ? int64 : float64,
        shape,
        strides: st,
        offset: 0,
      };
    }
    case "sliced": {
      // every other element of a twice-as-long last dim
      const big = shape.slice();
      big[big.length - 1] *= 2;
      const st = contiguous(big);
      st[st.length - 1] = 2;
      return {
        data: Float64Array.from({ length: 2 * n }, value),
        dtype: ints ? int64 : float64,
        shape,
        strides: st,
        offset: 1,
      };
    }
    case "expanded": {
      // the first dim read through stride 0
      const inner = shape.slice(1);
      const m = inner.reduce((a, b) => a * b, 1);
      return {
        data: Float64Array.from({ length: m }, value),
        dtype: ints ? int64 : float64,
        shape,
        strides: [0, ...contiguous(inner)],
        offset: 0,
      };
    }
    case "scalar":
      return {
        data: Float64Array.from({ length: 3 }, value),
        dtype: ints ? int64 : float64,
        shape,
        strides: shape.map(() => 0),
        offset: 2,
      };
  }
}

/** Row-major positions of shape as index tuples. */
function* positions(shape: number[]): Generator<number[]> {
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
const at = (v: StridedView, idx: number[]) => v.data[idx.reduce((o, i, d) => o + i * v.strides[d], v.offset)];
const offset_of = (v: StridedView, idx: number[]) => idx.reduce((o, i, d) => o + i * v.strides[d], v.offset);

/** A fresh output of shape in a layout a kernel can write (no zero strides). */
function out_view(
  shape: number[],
  layout: "contiguous" | "transposed",
  Arr: Float32ArrayConstructor | Float64ArrayConstructor,
) {
  const v = view(shape, layout, () => 0);
  return { ...v, data: new Arr(v.data.length), dtype: Arr === Float32Array ? float32 : float64 };
}

const SHAPES = [[5], [3, 4], [2, 3, 5], [1, 6], [4, 1, 3]];
const BINARY_OPS: BinaryOp[] = ["add", "sub", "mul", "div", "maximum", "pow", "atan2", "lt", "remainder"];

test("binary: every layout pair, both output layouts, float32 and float64", () => {
  const rnd = lcg(1);
  for (const shape of SHAPES) {
    for (const la of LAYOUTS) {
      for (const lb of LAYOUTS) {
        const a = view(shape, la, rnd);
        const b = view(shape, lb, rnd);
        for (const op of BINARY_OPS) {
          for (const lo of ["contiguous", "transposed"] as const) {
            for (const Arr of [Float64Array, Float32Array]) {
              const out = out_view(shape, lo, Arr);
              k.binary(op, a, b, out);
              // the reference: the op's scalar definition, stored through the same array type
              const probe = new Arr(1);
              for (const idx of positions(shape)) {
                probe[0] = BINARY[op](at(a, idx), at(b, idx), 1);
                assert.ok(
                  Object.is(out.data[offset_of(out, idx)], probe[0]),
                  `${op} ${la}/${lb} -> ${lo} ${Arr.name} [${shape.join()}] at [${idx.join()}]`,
                );
              }
            }
          }
        }
      }
    }
  }
});

test("binary with alpha and lerp (fused multiply-adds): every layout gives what the dense path gives", () => {
  const rnd = lcg(2);
  for (const shape of SHAPES) {
    for (const la of LAYOUTS) {
      const a = view(shape, la, rnd);
      const b = view(shape, "transposed", rnd);
      for (const [op, p0] of [
        ["add", 2.5],
        ["sub", -0.75],
        ["lerp", 0.3],
        ["lerp", 0.8],
      ] as [BinaryOp, number][]) {
        for (const Arr of [Float64Array, Float32Array]) {
          const out = out_view(shape, "contiguous", Arr);
          k.binary(op, a, b, out, p0);
          // the same values laid out densely take the dense path
          const da = view(shape, "contiguous", rnd);
          const db = view(shape, "contiguous", rnd);
          let i = 0;
          for (const idx of positions(shape)) {
            da.data[i] = at(a, idx);
            db.data[i++] = at(b, idx);
          }
          const dense = out_view(shape, "contiguous", Arr);
          k.binary(op, da, db, dense, p0);
          assert.deepEqual(Array.from(out.data), Array.from(dense.data), `${op} ${p0} ${la} ${Arr.name}`);
        }
      }
    }
  }
});

const UNARY_OPS: UnaryOp[] = [
  "neg",
  "exp",
  "log",
  "sqrt",
  "tanh",
  "sigmoid",
  "relu",
  "abs",
  "sin",
  "erf",
  "gelu",
];

test("unary: every input layout, both output layouts", () => {
  const rnd = lcg(3);
  for (const shape of SHAPES) {
    for (const lx of LAYOUTS) {
      const x = view(shape, lx, rnd);
      x.data[x.offset] = NaN; // NaN and -0 go through every path
      if (x.data.length > x.offset + 1) x.data[x.offset + 1] = -0;
      for (const op of UNARY_OPS) {
        for (const lo of ["contiguous", "transposed"] as const) {
          for (const Arr of [Float64Array, Float32Array]) {
            const out = out_view(shape, lo, Arr);
            k.unary(op, x, out);
            const probe = new Arr(1);
            for (const idx of positions(shape)) {
              probe[0] = UNARY[op](at(x, idx), NaN, NaN, NaN);
              assert.ok(
                Object.is(out.data[offset_of(out, idx)], probe[0]),
                `${op} ${lx} -> ${lo} [${shape.join()}] at [${idx.join()}]`,
              );
            }
          }
        }
      }
    }
  }
});

/** Every subset of dims of an n-dim shape. */
function subsets(n: number): number[][] {
  const out: number[][] = [];
  for (let m = 0; m < 1 << n; m++) out.push([...Array(n).keys()].filter((d) => m & (1 << d)));
  return out;
}

const REDUCE_OPS: ReduceOp[] = ["sum", "nansum", "prod", "max", "min", "all", "any", "count_nonzero"];

test("reduce: every dim subset of every layout, in row-major accumulation order", () => {
  const rnd = lcg(4);
  for (const shape of [[5], [3, 4], [2, 3, 5], [4, 1, 3], [3, 0]]) {
    for (const lx of LAYOUTS) {
      const x = view(shape, lx, rnd, true);
      if (x.data.length > 3) x.data[x.offset + 1] = NaN;
      for (const dims of subsets(shape.length)) {
        const kept = shape.filter((_, d) => !dims.includes(d));
        for (const op of REDUCE_OPS) {
          const n_out = kept.reduce((a, b) => a * b, 1);
          const out = { data: new Float64Array(n_out), dtype: float64, shape: kept, strides: [], offset: 0 };
          k.reduce(op, x, dims, out);
          // reference: fold the reduced positions of each kept position in row-major order
          const init = {
            sum: 0,
            nansum: 0,
            prod: 1,
            max: -Infinity,
            min: Infinity,
            all: 1,
            any: 0,
            count_nonzero: 0,
          }[op];
          const ref = new Float64Array(n_out).fill(init);
          const seen_nan = new Uint8Array(n_out);
          for (const idx of positions(shape)) {
            let o = 0;
            for (let d = 0; d < shape.length; d++) if (!dims.includes(d)) o = o * shape[d] + idx[d];
            const v = at(x, idx);
            const r = ref[o];
            switch (op) {
              case "sum":
                ref[o] = r + v;
                break;
              case "nansum":
                if (v === v) ref[o] = r + v;
                break;
              case "prod":
                ref[o] = r * v;
                break;
              case "max":
                if (!seen_nan[o]) {
                  if (v !== v) {
                    ref[o] = v;
                    seen_nan[o] = 1;
                  } else if (v > r) ref[o] = v;
                }
                break;
              case "min":
                if (!seen_nan[o]) {
                  if (v !== v) {
                    ref[o] = v;
                    seen_nan[o] = 1;
                  } else if (v < r) ref[o] = v;
                }
                break;
              case "all":
                if (v === 0) ref[o] = 0;
                break;
              case "any":
                if (v !== 0) ref[o] = 1;
                break;
              case "count_nonzero":
                if (v !== 0) ref[o] = r + 1;
                break;
            }
          }
          assert.deepEqual(
            Array.from(out.data),
            Array.from(ref),
            `${op} over [${dims.join()}] of ${lx} [${shape.join()}]`,
          );
        }
      }
    }
  }
});

test("matmul: direct and packed paths, strided and batch-broadcast operands, addend with alpha and beta", () => {
  const rnd = lcg(5);
  const cases: [number, number, number, number][] = [
    [1, 3, 5, 2], // direct
    [2, 7, 1, 5], // matrix @ vector
    [3, 9, 13, 11], // direct, below the packing threshold
    [2, 17, 23, 19], // packed, ragged panels
    [3, 16, 20, 16], // packed, whole panels
    [1, 4, 0, 4], // empty K
  ];
  for (const [B, M, K, N] of cases) {
    for (const la of ["contiguous", "transposed", "expanded", "sliced"] as Layout[]) {
      for (const lb of ["contiguous", "transposed", "expanded", "offset"] as Layout[]) {
        for (const ints of [false, true]) {
          const a = view([B, M, K], la, rnd, ints);
          const b = view([B, K, N], lb, rnd, ints);
          const add = view([B, M, N], "expanded", rnd, ints);
          for (const [alpha, beta] of [
            [1, 0],
            [0.5, 2],
            [1, 1],
          ]) {
            const out = out_view([B, M, N], "transposed", Float64Array);
            k.matmul(a, b, out, beta ? add : null, alpha, beta);
            for (const [t, i, j] of positions([B, M, N])) {
              let s = 0;
              for (let p = 0; p < K; p++) s += at(a, [t, i, p]) * at(b, [t, p, j]);
              const want = alpha * s + (beta ? beta * at(add, [t, i, j]) : 0);
              const got = out.data[offset_of(out, [t, i, j])];
              const tol = ints ? 0 : 1e-12 * (1 + Math.abs(want));
              assert.ok(
                Math.abs(got - want) <= tol,
                `[${B},${M},${K},${N}] ${la}@${lb} alpha ${alpha} beta ${beta}: ${got} != ${want} at [${t},${i},${j}]`,
              );
            }
          }
        }
      }
    }
  }
});

test("copy to integers: truncation, and PyTorch's x86 result out of range", () => {
  const src = {
    data: Float64Array.of(2.7, -2.7, -0, NaN, Infinity, -1e20, 3e9),
    dtype: float64,
    shape: [7],
    strides: [1],
    offset: 0,
  };
  const i64 = { data: new Float64Array(7), dtype: int64, shape: [7], strides: [1], offset: 0 };
  k.copy(src, i64);
  assert.deepEqual(Array.from(i64.data), [2, -2, 0, -(2 ** 63), -(2 ** 63), -(2 ** 63), 3e9]);
  assert.ok(Object.is(i64.data[2], 0));
  const i32 = { data: new Int32Array(7), dtype: int32, shape: [7], strides: [1], offset: 0 };
  k.copy({ ...src, strides: [1] }, i32);
  assert.deepEqual(Array.from(i32.data), [2, -2, 0, -(2 ** 31), -(2 ** 31), -(2 ** 31), -(2 ** 31)]);
});

test("copy reads the conversion from the views' dtypes, not their array types", () => {
  const v = (data: Float64Array | Uint8Array, dtype: DType) => ({
    data,
    dtype,
    shape: [4],
    strides: [1],
    offset: 0,
  });
  const src = Float64Array.of(2.5, -0.5, 0, NaN);
  // the same Float64Array holds float64 (fractions kept) or int64 (truncated)
  const f64 = v(new Float64Array(4), float64);
  k.copy(v(src, float64), f64);
  assert.deepEqual(Array.from(f64.data), [2.5, -0.5, 0, NaN]);
  const i64 = v(new Float64Array(4), int64);
  k.copy(v(src, float64), i64);
  assert.deepEqual(Array.from(i64.data), [2, 0, 0, -(2 ** 63)]);
  // int64 into float64 is a plain copy; anything into bool is != 0 (NaN is true)
  k.copy(v(Float64Array.of(7, -3, 0, 1), int64), f64);
  assert.deepEqual(Array.from(f64.data), [7, -3, 0, 1]);
  const b = v(new Uint8Array(4), bool);
  k.copy(v(src, float64), b);
  assert.deepEqual(Array.from(b.data), [1, 1, 0, 1]);
  k.copy(v(Float64Array.of(256, 0, -1, 2), int64), b);
  assert.deepEqual(Array.from(b.data), [1, 0, 1, 1]);
});
