/**
 * The blas backend's matmul against the js reference, whichever backend the suite runs on: every
 * operand layout BLAS addresses directly (contiguous, transposed, padded rows, offsets, a batch
 * shared through stride 0) or only through a copy (column steps, expanded rows), outputs written
 * transposed or through steps, addends with alpha and beta, operands sharing the output's
 * memory, and the cases left to the reference (int32, alpha 0, K 0). float64 on integers must be
 * exact; float32 within the stated bound (K + 4) * 2^-24 * (|alpha| sum_k |a_ik b_kj| + |beta addend|).
 *
 * Skipped, visibly, only where no system BLAS is installed; CI installs one.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { js_backend } from "../../src/backends/js/index.js";
import { load_blas, make_blas_backend } from "../../src/backends/blas/index.js";
import { layout } from "../../src/backends/blas/gemm.js";
import type { StridedView } from "../../src/backends/index.js";
import { float32, float64, int32 } from "../../src/dtype.js";

const lib = load_blas();
const skip = lib ? false : "no system BLAS found (install libopenblas0)";
const blas = lib ? make_blas_backend(js_backend, lib) : js_backend;

type Arr = Float32Array | Float64Array | Int32Array;
type Ctor = Float32ArrayConstructor | Float64ArrayConstructor | Int32ArrayConstructor;
type Layout = "contiguous" | "transposed" | "padded" | "stepped" | "shared" | "expanded_rows" | "offset";

function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** A [B, R, C] view in `layout` over fresh data filled by `value`. */
function make(
  shape: [number, number, number],
  lay: Layout,
  ctor: Ctor,
  value: () => number,
): StridedView<Arr> {
  const [B, R, C] = shape;
  let strides: number[];
  let size: number;
  let offset = 0;
  switch (lay) {
    case "contiguous":
      strides = [R * C, C, 1];
      size = B * R * C;
      break;
    case "offset":
      strides = [R * C, C, 1];
      offset = 3;
      size = B * R * C + 3;
      break;
    case "transposed":
      strides = [R * C, 1, R];
      size = B * R * C;
      break;
    case "padded": // rows of a wider matrix (leading dimension C + 2)
      strides = [R * (C + 2), C + 2, 1];
      offset = 1;
      size = B * R * (C + 2) + 1;
      break;
    case "stepped": // every other column: no leading dimension fits
      strides = [R * C * 2, C * 2, 2];
      size = B * R * C * 2;
      break;
    case "shared": // one matrix for the whole batch
      strides = [0, C, 1];
      size = R * C;
      break;
    case "expanded_rows": // one row repeated
      strides = [C, 0, 1];
      size = B * C;
      break;
  }
  const data = new ctor(size);
  for (let i = 0; i < size; i++) data[i] = value();
  const dtype = ctor === Float32Array ? float32 : ctor === Float64Array ? float64 : int32;
  return { data, dtype, shape, strides, offset };
}

function at(v: StridedView<Arr>, t: number, i: number, j: number): number {
  return v.data[v.offset + t * v.strides[0] + i * v.strides[1] + j * v.strides[2]];
}

const LAYOUTS: Layout[] = [
  "contiguous",
  "transposed",
  "padded",
  "stepped",
  "shared",
  "expanded_rows",
  "offset",
];
const OUT_LAYOUTS: Layout[] = ["contiguous", "transposed", "padded", "stepped", "offset"];
const SIZES: [number, number, number, number][] = [
  [1, 1, 1, 1],
  [1, 1, 7, 5], // a row
  [2, 6, 7, 1], // a column
  [3, 5, 4, 6],
  [2, 33, 65, 17],
];

test("layout: BLAS's transposition flag and leading dimension, or null", { skip }, () => {
  assert.deepEqual(layout(3, 4, 4, 1), [111, 4]);
  assert.deepEqual(layout(3, 4, 6, 1), [111, 6]); // padded rows
  assert.deepEqual(layout(3, 4, 1, 3), [112, 3]); // transposed
  assert.deepEqual(layout(1, 4, 0, 1), [111, 4]); // one row: its stride is irrelevant
  assert.deepEqual(layout(3, 1, 1, 0), [111, 1]); // one column
  assert.equal(layout(3, 4, 8, 2), null); // column steps
  assert.equal(layout(3, 4, 0, 1), null); // an expanded row
  assert.equal(layout(3, 4, 2, 1), null); // overlapping rows
});

for (const [name, ctor] of [
  ["float64 on integers: exact", Float64Array],
  ["float32: within (K + 4) * 2^-24 * sum |a * b|", Float32Array],
] as const) {
  test(`blas matmul ${name}, every layout of a, b, out and addend`, { skip }, () => {
    const rnd = lcg(7);
    const ints = ctor === Float64Array;
    const value = () => (ints ? Math.floor(rnd() * 19) - 9 : (rnd() - 0.5) * 4);
    let checked = 0;
    for (const [B, M, K, N] of SIZES) {
      for (const la of LAYOUTS) {
        for (const lb of LAYOUTS) {
          const lo = OUT_LAYOUTS[checked % OUT_LAYOUTS.length];
          const a = make([B, M, K], la, ctor, value);
          const b = make([B, K, N], lb, ctor, value);
          const bias = make([B, M, N], "expanded_rows", ctor, value);
          const [alpha, beta, add] = [
            [1, 0, null],
            [1, 1, bias],
            [0.5, 2, bias],
            [2, 0, bias], // beta 0: the addend is ignored
            [1, 3, null], // no addend: beta is ignored
          ][checked % 5] as [number, number, StridedView<Arr> | null];
          const out = make([B, M, N], lo, ctor, () => NaN); // NaN: every element must be written
          const ref = make([B, M, N], "contiguous", Float64Array, () => 0);
          const abs = make([B, M, N], "contiguous", Float64Array, () => 0);
          const a64 = { ...a, data: Float64Array.from(a.data), dtype: float64 };
          const b64 = { ...b, data: Float64Array.from(b.data), dtype: float64 };
          const add64 = add && { ...add, data: Float64Array.from(add.data), dtype: float64 };
          js_backend.matmul(a64, b64, ref, add64, alpha, beta);
          const mag = (v: StridedView<Float64Array>) => ({ ...v, data: v.data.map(Math.abs) });
          js_backend.matmul(mag(a64), mag(b64), abs, add64 && mag(add64), Math.abs(alpha), Math.abs(beta));
          blas.matmul(a, b, out, add, alpha, beta);
          for (let t = 0; t < B; t++) {
            for (let i = 0; i < M; i++) {
              for (let j = 0; j < N; j++) {
                const got = at(out, t, i, j);
                const want = at(ref, t, i, j);
                const bound = ints ? 0 : (K + 4) * 2 ** -24 * at(abs, t, i, j);
                assert.ok(
                  Math.abs(got - want) <= bound,
                  `[${B},${M},${K},${N}] ${la} @ ${lb} -> ${lo}, alpha ${alpha} beta ${beta}: ${got} != ${want} at [${t},${i},${j}]`,
                );
              }
            }
          }
          checked++;
        }
      }
    }
    assert.equal(checked, SIZES.length * LAYOUTS.length ** 2);
  });
}

test(
  "blas matmul: an operand or addend sharing the output's memory is read before out is written",
  { skip },
  () => {
    // x.addmm_(x, w) and x = x @ w written in place: out is x itself
    const n = 5;
    const rnd = lcg(3);
    const value = () => Math.floor(rnd() * 9) - 4;
    for (const beta of [0, 1]) {
      const x = make([1, n, n], "contiguous", Float64Array, value);
      const w = make([1, n, n], "transposed", Float64Array, value);
      const want = make([1, n, n], "contiguous", Float64Array, () => 0);
      const x0 = { ...x, data: Float64Array.from(x.data) };
      js_backend.matmul(x0, w, want, x0, 1, beta);
      blas.matmul(x, w, x, beta ? x : null, 1, beta);
      assert.deepEqual(Array.from(x.data), Array.from(want.data), `beta ${beta}`);
    }
    // an addend overlapping out in another layout (its transpose)
    const x = make([1, n, n], "contiguous", Float64Array, value);
    const xt = { ...x, strides: [n * n, 1, n] };
    const w = make([1, n, n], "contiguous", Float64Array, value);
    const want = make([1, n, n], "contiguous", Float64Array, () => 0);
    js_backend.matmul(w, w, want, { ...xt, data: Float64Array.from(x.data) }, 1, 1);
    blas.matmul(w, w, x, xt, 1, 1);
    assert.deepEqual(Array.from(x.data), Array.from(want.data));
  },
);

test("blas matmul: int32, alpha 0 (NaN propagates) and K 0 run the reference", { skip }, () => {
  const rnd = lcg(11);
  const value = () => Math.floor(rnd() * 9) - 4;
  const a = make([2, 3, 4], "contiguous", Int32Array, value);
  const b = make([2, 4, 5], "transposed", Int32Array, value);
  const got = make([2, 3, 5], "contiguous", Int32Array, () => 0);
  const want = make([2, 3, 5], "contiguous", Int32Array, () => 0);
  blas.matmul(a, b, got);
  js_backend.matmul(a, b, want);
  assert.deepEqual(Array.from(got.data), Array.from(want.data));

  const an = make([1, 2, 3], "contiguous", Float32Array, () => NaN);
  const bn = make([1, 3, 2], "contiguous", Float32Array, () => 1);
  const add = make([1, 2, 2], "contiguous", Float32Array, () => 1);
  const out = make([1, 2, 2], "contiguous", Float32Array, () => 0);
  blas.matmul(an, bn, out, add, 0, 1);
  assert.ok(Array.from(out.data).every(Number.isNaN), "0 * NaN is NaN, as in the reference");

  const e = make([1, 2, 0], "contiguous", Float32Array, () => 0);
  const f = make([1, 0, 3], "contiguous", Float32Array, () => 0);
  const o = make([1, 2, 3], "contiguous", Float32Array, () => 7);
  blas.matmul(
    e,
    f,
    o,
    make([1, 2, 3], "shared", Float32Array, () => 2),
    1,
    0.5,
  );
  assert.deepEqual(Array.from(o.data), [1, 1, 1, 1, 1, 1]);
});
