/**
 * The softmax kernel: the js reference against a plain float64 evaluation of its definition
 * (every layout and dim, special values), and the wasm kernel against the js one within the
 * bounds docs/backends.md states (softmax: (|x - max| + H + 6) * 2^-24 relative to the result
 * plus two subnormal steps; log_softmax: (H + 3) * 2^-24 + 2^-23 relative, with H the mean of
 * |x - max| weighted by the softmax), or bit for bit where it hands the work to js.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import type { SoftmaxOp, StridedView } from "../../src/backends/index.js";
import { js_backend as js } from "../../src/backends/js/index.js";
import { wasm_backend as wasm } from "../../src/backends/wasm/index.js";
import { LAYOUTS, f32_out, f32_view, lcg, offset_of, positions } from "./wasm_views.js";
import { float64 } from "../../src/dtype.js";

const OPS: readonly SoftmaxOp[] = ["softmax", "log_softmax"];

/** Each slice of x along dim, as arrays of (value, position) in order. */
function slices(x: StridedView, dim: number): number[][][] {
  const groups = new Map<string, number[][]>();
  for (const idx of positions(x.shape)) {
    const key = idx.map((v, d) => (d === dim ? "*" : v)).join(",");
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key)!.push(idx);
  }
  return [...groups.values()];
}

/** The definition in float64: per slice, the exact results and H (softmax-weighted |x - max|). */
function definition(op: SoftmaxOp, xs: number[]): { y: number[]; h: number } {
  const m = xs.some((v) => Number.isNaN(v)) ? NaN : Math.max(...xs);
  const e = xs.map((v) => Math.exp(v - m));
  const s = e.reduce((a, b) => a + b, 0);
  const h = xs.reduce((a, v, i) => (e[i] === 0 ? a : a + (e[i] / s) * Math.abs(v - m)), 0);
  const y = op === "softmax" ? e.map((v) => v / s) : xs.map((v) => v - m - Math.log(s));
  return { y, h };
}

function normal(rand: () => number, scale: number): () => number {
  return () => {
    const u = Math.max(rand(), 1e-12);
    return scale * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rand());
  };
}

const CASES: { shape: number[]; dim: number }[] = [
  { shape: [3, 37], dim: 1 },
  { shape: [3, 37], dim: 0 },
  { shape: [2, 1000], dim: 1 },
  { shape: [4, 1, 33], dim: 2 },
  { shape: [64, 4], dim: 1 },
  { shape: [5, 7, 1], dim: 1 },
  { shape: [300], dim: 0 },
];

test("js softmax kernel equals its float64 definition rounded once, every layout and dim", () => {
  for (const op of OPS) {
    for (const { shape, dim } of CASES) {
      for (const layout of LAYOUTS) {
        const x = f32_view(shape.slice(), layout, normal(lcg(7), 4));
        const out = f32_out(shape.slice());
        js.softmax(op, x, dim, out);
        for (const sl of slices(x, dim)) {
          const { y } = definition(
            op,
            sl.map((idx) => x.data[offset_of(x, idx)]),
          );
          sl.forEach((idx, i) => {
            assert.equal(
              out.data[offset_of(out, idx)],
              Math.fround(y[i]),
              `${op} ${shape.join("x")} dim ${dim} ${layout}`,
            );
          });
        }
      }
    }
  }
});

test("js softmax kernel: NaN, +inf and all -inf slices are NaN; -inf elements give 0 / -inf", () => {
  const row = (vals: number[]) => ({
    data: Float64Array.from(vals),
    dtype: float64,
    shape: [vals.length],
    strides: [1],
    offset: 0,
  });
  const run = (op: SoftmaxOp, vals: number[]) => {
    const out = {
      data: new Float64Array(vals.length),
      dtype: float64,
      shape: [vals.length],
      strides: [1],
      offset: 0,
    };
    js.softmax(op, row(vals), 0, out);
    return [...out.data];
  };
  assert.deepEqual(run("softmax", [1, NaN, 2]), [NaN, NaN, NaN]);
  assert.deepEqual(run("softmax", [1, Infinity]), [NaN, NaN]);
  assert.deepEqual(run("log_softmax", [-Infinity, -Infinity]), [NaN, NaN]);
  assert.deepEqual(run("softmax", [-Infinity, 0]), [0, 1]);
  assert.deepEqual(run("log_softmax", [-Infinity, 0]), [-Infinity, 0]);
  assert.deepEqual(run("softmax", [1000, 1000]), [0.5, 0.5]);
});

/** Asserts wasm's result on x is within the stated bound of js's (or equal, for js's work). */
function compare(op: SoftmaxOp, x: StridedView, dim: number, what: string): void {
  const out = f32_out(x.shape.slice());
  const ref = f32_out(x.shape.slice());
  wasm.softmax(op, x, dim, out);
  js.softmax(op, x, dim, ref);
  for (const sl of slices(x, dim)) {
    const { h } = definition(
      op,
      sl.map((idx) => x.data[offset_of(x, idx)]),
    );
    const m = Math.max(...sl.map((idx) => x.data[offset_of(x, idx)]));
    for (const idx of sl) {
      const o = out.data[offset_of(out, idx)];
      const r = ref.data[offset_of(ref, idx)];
      const z = Math.abs(x.data[offset_of(x, idx)] - m);
      if (Number.isNaN(r) || !Number.isFinite(r) || !Number.isFinite(z)) {
        assert.ok(Object.is(o, r), `${what} ${op}: ${o} where js gives ${r}`);
        continue;
      }
      const bound =
        op === "softmax"
          ? (z + h + 6) * 2 ** -24 * Math.abs(r) + 2 * 2 ** -149
          : (h + 3) * 2 ** -24 + 2 ** -23 * Math.abs(r);
      assert.ok(Math.abs(o - r) <= bound, `${what} ${op} at ${idx.join(",")}: ${o} vs ${r} (bound ${bound})`);
    }
  }
}

test("wasm softmax kernel within its stated bound of js: shapes, dims, layouts, scales", () => {
  for (const op of OPS) {
    for (const { shape, dim } of CASES) {
      for (const layout of LAYOUTS) {
        for (const scale of [1, 30]) {
          const x = f32_view(shape.slice(), layout, normal(lcg(11 + scale), scale));
          compare(op, x, dim, `${shape.join("x")} dim ${dim} ${layout} scale ${scale}`);
        }
      }
    }
  }
});

test("wasm softmax kernel: special values, -inf padding, rows past a staging buffer", () => {
  const rand = lcg(3);
  const specials = [NaN, Infinity, -Infinity, 88, -88, 1e30, -1e30];
  for (const op of OPS) {
    // 8 rows of 37: one special value in each of the first rows, an all -inf row
    const x = f32_view([8, 37], "contiguous", normal(rand, 5));
    specials.forEach((v, r) => (x.data[r * 37 + ((r * 5) % 37)] = v));
    x.data.fill(-Infinity, 7 * 37, 8 * 37);
    compare(op, x, 1, "specials");
    // a row longer than the staging buffers (the js kernel's bits)
    const long = f32_view([1, 9001], "contiguous", normal(rand, 3));
    const out = f32_out([1, 9001]);
    const ref = f32_out([1, 9001]);
    wasm.softmax(op, long, 1, out);
    js.softmax(op, long, 1, ref);
    assert.deepEqual(out.data, ref.data);
    compare(op, f32_view([40, 8193], "contiguous", normal(rand, 2)), 1, "rows of 8193");
  }
});

test("wasm softmax kernel leaves float64 and small tensors to js, bit for bit", () => {
  const rand = normal(lcg(5), 3);
  const x64 = {
    data: Float64Array.from({ length: 600 }, rand),
    dtype: float64,
    shape: [6, 100],
    strides: [100, 1],
    offset: 0,
  };
  for (const op of OPS) {
    const a = { data: new Float64Array(600), dtype: float64, shape: [6, 100], strides: [100, 1], offset: 0 };
    const b = { data: new Float64Array(600), dtype: float64, shape: [6, 100], strides: [100, 1], offset: 0 };
    wasm.softmax(op, x64, 1, a);
    js.softmax(op, x64, 1, b);
    assert.deepEqual(a.data, b.data);
    const small = f32_view([3, 5], "contiguous", rand);
    const c = f32_out([3, 5]);
    const d = f32_out([3, 5]);
    wasm.softmax(op, small, 1, c);
    js.softmax(op, small, 1, d);
    assert.deepEqual(c.data, d.data);
  }
});
