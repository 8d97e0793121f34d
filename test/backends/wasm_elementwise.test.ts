/**
 * The wasm backend's unary, binary and reduce kernels against the js reference on strided
 * float32 views (contiguous, transposed, sliced, expanded, offset; empty, one element, odd
 * sizes, more than one staging chunk), within the ulp bounds src/backends/wasm/index.ts
 * states; and an accuracy sweep of each transcendental over its whole range, special values
 * included. Whatever the wasm kernels do not accelerate must give the js kernels' bits.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import type { BinaryOp, ReduceOp, StridedView, UnaryOp } from "../../src/backends/index.js";
import { js_backend as js } from "../../src/backends/js/index.js";
import { wasm_backend as wasm } from "../../src/backends/wasm/index.js";
import { LAYOUTS, f32_out, f32_view, lcg, offset_of, positions, ulp_diff } from "./wasm_views.js";
import { float32, float64 } from "../../src/dtype.js";

/** The stated bound of each accelerated unary op, in float32 ulps. */
const UNARY_ULPS: Partial<Record<UnaryOp, number>> = {
  neg: 0,
  abs: 0,
  sqrt: 0,
  square: 0,
  reciprocal: 0,
  relu: 0,
  exp: 2,
  log: 2,
  log2: 3,
  log10: 3,
  sigmoid: 3,
  tanh: 3,
  silu: 4,
};
const SPECIAL = [
  NaN,
  Infinity,
  -Infinity,
  0,
  -0,
  1e-45,
  -1e-45,
  1e-40,
  3.4e38,
  -3.4e38,
  88.72,
  88.73,
  -87.4,
  -103.9,
  -104,
  -150,
  1,
  -1,
];
const SHAPES = [[0], [1], [3, 37], [2, 4500], [4, 1, 33]];

function compare_unary(op: UnaryOp, x: StridedView, lo: "contiguous" | "transposed", what: string) {
  const out = f32_out(x.shape.slice(), lo);
  const ref = f32_out(x.shape.slice(), lo);
  wasm.unary(op, x, out);
  js.unary(op, x, ref);
  const tol = UNARY_ULPS[op] ?? 0;
  for (const idx of positions(x.shape)) {
    const o = offset_of(out, idx);
    const got = out.data[o];
    const want = ref.data[o];
    // exact ops must match to the sign of zero; all must match NaN for NaN
    const ok = tol === 0 ? Object.is(got, want) : ulp_diff(got, want) <= tol;
    if (!ok) assert.fail(`${op} ${what} at [${idx.join()}]: wasm ${got} js ${want}`);
  }
}

test("unary: every layout, both output layouts, special values, within each op's ulp bound", () => {
  const rnd = lcg(21);
  for (const shape of SHAPES) {
    for (const layout of LAYOUTS) {
      let k = 0;
      // mostly ordinary values, with every special value somewhere
      const x = f32_view(shape, layout, () =>
        k < SPECIAL.length && rnd() < 0.2 ? SPECIAL[k++] : (rnd() - 0.3) * 12,
      );
      for (const op of Object.keys(UNARY_ULPS) as UnaryOp[]) {
        for (const lo of ["contiguous", "transposed"] as const)
          compare_unary(op, x, lo, `${layout} [${shape.join()}] -> ${lo}`);
      }
    }
  }
});

test("unary: accuracy over each function's range (10^5 points per range)", () => {
  const rnd = lcg(22);
  const ranges: [number, number][] = [
    [-120, 100],
    [-10, 10],
    [-1, 1],
    [-1e-3, 1e-3],
  ];
  for (const op of ["exp", "log", "log2", "log10", "sigmoid", "tanh", "silu"] as UnaryOp[]) {
    for (const [lo, hi] of ranges) {
      const n = 100_000;
      const x = f32_view([n], "contiguous", () => lo + (hi - lo) * rnd());
      compare_unary(op, x, "contiguous", `on [${lo}, ${hi}]`);
    }
  }
  // log near 0 and 1, through the subnormals, and exp around its overflow and underflow
  const log_x = f32_view(
    [50_000],
    "contiguous",
    () => Math.exp(-103 * rnd()) * (rnd() < 0.5 ? 1 : 1 + rnd() * 1e-3),
  );
  for (const op of ["log", "log2", "log10"] as UnaryOp[]) compare_unary(op, log_x, "contiguous", "on (0, 1]");
  const exp_x = f32_view([50_000], "contiguous", () => (rnd() < 0.5 ? 80 + 10 * rnd() : -110 + 25 * rnd()));
  for (const op of ["exp", "sigmoid", "silu", "tanh"] as UnaryOp[])
    compare_unary(op, exp_x, "contiguous", "at the edges");
});

test("unary: other ops, float64 and parameters go to the js kernel, bit for bit", () => {
  const rnd = lcg(23);
  const x = f32_view([3, 50], "sliced", () => rnd() * 4 - 2);
  const x64: StridedView = { ...x, data: Float64Array.from(x.data), dtype: float64 };
  for (const [op, v] of [
    ["sin", x],
    ["erf", x],
    ["clamp", x],
    ["exp", x64],
    ["tanh", x64],
  ] as [UnaryOp, StridedView][]) {
    const Arr = v.data instanceof Float64Array ? Float64Array : Float32Array;
    const dtype = Arr === Float64Array ? float64 : float32;
    const out: StridedView = { ...f32_out([3, 50]), data: new Arr(150), dtype };
    const ref: StridedView = { ...f32_out([3, 50]), data: new Arr(150), dtype };
    wasm.unary(op, v, out, -0.5, 0.5);
    js.unary(op, v, ref, -0.5, 0.5);
    assert.deepEqual(out.data, ref.data, op);
  }
});

const BINARY: BinaryOp[] = ["add", "sub", "mul", "div", "maximum", "pow"];

test("binary: every layout pair, scalars and broadcast rows, exact", () => {
  const rnd = lcg(24);
  const value = () => (rnd() < 0.02 ? [NaN, Infinity, -0, 0][Math.floor(rnd() * 4)] : (rnd() - 0.5) * 10);
  for (const shape of [[0], [1], [5, 37], [3, 3000], [2, 1, 70]]) {
    const n = shape.reduce((a, b) => a * b, 1);
    const scalar: StridedView = {
      data: Float32Array.of(1, 2.5, 3),
      dtype: float32,
      shape,
      strides: shape.map(() => 0),
      offset: 1,
    };
    const views = [...LAYOUTS.map((l) => f32_view(shape, l, value)), scalar];
    for (const a of views) {
      for (const b of views) {
        for (const op of BINARY) {
          for (const alpha of op === "add" || op === "sub" ? [1, 0.5] : [1]) {
            const out = f32_out(shape);
            const ref = f32_out(shape);
            wasm.binary(op, a, b, out, alpha);
            js.binary(op, a, b, ref, alpha);
            for (let i = 0; i < n; i++) {
              if (!Object.is(out.data[i], ref.data[i])) {
                assert.fail(
                  `${op} alpha ${alpha} [${shape.join()}] at ${i}: wasm ${out.data[i]} js ${ref.data[i]}`,
                );
              }
            }
          }
        }
      }
    }
  }
});

test("binary: a strided output and float64 operands go to the js kernel, bit for bit", () => {
  const rnd = lcg(25);
  const a = f32_view([40, 30], "contiguous", rnd);
  const b = f32_view([40, 30], "transposed", rnd);
  const out = f32_out([40, 30], "transposed");
  const ref = f32_out([40, 30], "transposed");
  wasm.binary("mul", a, b, out);
  js.binary("mul", a, b, ref);
  assert.deepEqual(out.data, ref.data);
  const a64: StridedView = { ...a, data: Float64Array.from(a.data), dtype: float64 };
  const o64: StridedView = { ...a, data: new Float64Array(1200), dtype: float64 };
  const r64: StridedView = { ...a, data: new Float64Array(1200), dtype: float64 };
  wasm.binary("add", a64, a64, o64);
  js.binary("add", a64, a64, r64);
  assert.deepEqual(o64.data, r64.data);
});

test("reduce: sum within 1 ulp, max and min exact, over trailing dims; other reductions as js", () => {
  const rnd = lcg(26);
  const cases: [number[], number[]][] = [
    [[1000, 100], [1]],
    [[64, 10], [1]],
    [[3, 9000], [1]],
    [
      [5, 6, 70],
      [1, 2],
    ],
    [
      [300, 7],
      [0, 1],
    ],
    [[30, 40], [0]],
    [[3, 1], [1]],
  ];
  for (const [shape, dims] of cases) {
    for (const layout of ["contiguous", "offset", "transposed"] as const) {
      const x = f32_view(shape, layout, () => (rnd() < 0.001 ? NaN : rnd() * 2 - 1.2));
      const kept = shape.filter((_, d) => !dims.includes(d));
      const n = kept.reduce((a, b) => a * b, 1);
      for (const op of ["sum", "max", "min", "prod", "nansum"] as ReduceOp[]) {
        const out = f32_out([n]);
        const ref = f32_out([n]);
        wasm.reduce(op, x, dims, out);
        js.reduce(op, x, dims, ref);
        for (let i = 0; i < n; i++) {
          const ok =
            op === "sum"
              ? ulp_diff(out.data[i], ref.data[i]) <= 1
              : out.data[i] === ref.data[i] || (out.data[i] !== out.data[i] && ref.data[i] !== ref.data[i]);
          if (!ok)
            assert.fail(
              `${op} [${shape.join()}] over ${dims.join()} ${layout} at ${i}: wasm ${out.data[i]} js ${ref.data[i]}`,
            );
        }
      }
    }
  }
});
