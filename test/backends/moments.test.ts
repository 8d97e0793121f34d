/**
 * The kernels that moved out of the ops (var_mean, layer_norm, strided_scatter_gather,
 * rrelu_with_noise) on strided views against their float64 definitions, each backend giving
 * the js kernel's bits (none accelerates them); and the work-buffer pool's promise that a
 * buffer in use is never handed out twice (the GEMM's re-entrancy).
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import type { StridedView } from "../../src/backends/index.js";
import { js_backend as js } from "../../src/backends/js/index.js";
import { wasm_backend as wasm } from "../../src/backends/wasm/index.js";
import { borrow, give_back } from "../../src/backends/js/scratch.js";
import { f32_view, lcg, offset_of, positions } from "./wasm_views.js";
import { float32, float64 } from "../../src/dtype.js";

const view = (data: Float64Array | Float32Array, shape: number[]): StridedView => {
  const strides = shape.map((_, i) => shape.slice(i + 1).reduce((a, b) => a * b, 1));
  return { data, dtype: data instanceof Float32Array ? float32 : float64, shape, strides, offset: 0 };
};

test("var_mean: every dims subset of a transposed view, with corrections, against the definition", () => {
  const x = f32_view([3, 4, 5], "transposed", lcg(1));
  for (const dims of [[0], [1], [2], [0, 2], [1, 2], [0, 1, 2]]) {
    for (const correction of [0, 1, 2]) {
      for (const std of [false, true]) {
        const kept = x.shape.filter((_, d) => !dims.includes(d));
        const n = kept.reduce((a, b) => a * b, 1);
        const out = view(new Float64Array(n), kept);
        const mean = view(new Float64Array(n), kept);
        js.var_mean(x, dims, correction, std, out, mean);
        let o = 0;
        for (const k of positions(kept)) {
          const vals: number[] = [];
          for (const idx of positions(x.shape)) {
            const kk = idx.filter((_, d) => !dims.includes(d));
            if (kk.every((v, i) => v === k[i])) vals.push(x.data[offset_of(x, idx)]);
          }
          const mu = vals.reduce((a, b) => a + b, 0) / vals.length;
          const v = vals.reduce((a, b) => a + (b - mu) ** 2, 0) / Math.max(vals.length - correction, 0);
          assert.ok(Math.abs(mean.data[o] - mu) <= 1e-15, `mean dims ${dims.join(",")}`);
          const want = std ? Math.sqrt(v) : v;
          assert.ok(Math.abs(out.data[o] - want) <= 1e-14 * Math.abs(want), `var dims ${dims.join(",")}`);
          o++;
        }
      }
    }
  }
  // n - correction <= 0: inf (or NaN for a zero sum of squares), as PyTorch
  const one = view(Float64Array.of(2, 3), [2]);
  const r = view(new Float64Array(1), []);
  js.var_mean(one, [0], 2, false, r, null);
  assert.equal(r.data[0], Infinity);
});

test("layer_norm: rows against the definition, with and without weight and bias", () => {
  const rand = lcg(4);
  const M = 3;
  const N = 7;
  const x = view(
    Float64Array.from({ length: M * N }, () => rand() * 4 - 2),
    [M, N],
  );
  const w = view(Float64Array.from({ length: N }, rand), [N]);
  const b = view(Float64Array.from({ length: N }, rand), [N]);
  for (const affine of [false, true]) {
    const out = view(new Float64Array(M * N), [M, N]);
    const mean = view(new Float64Array(M), [M]);
    const rstd = view(new Float64Array(M), [M]);
    js.layer_norm(x, affine ? w : null, affine ? b : null, 1e-5, out, mean, rstd);
    for (let r = 0; r < M; r++) {
      const row = Array.from(x.data.subarray(r * N, r * N + N));
      const mu = row.reduce((a, c) => a + c, 0) / N;
      const rs = 1 / Math.sqrt(row.reduce((a, c) => a + (c - mu) ** 2, 0) / N + 1e-5);
      assert.ok(Math.abs(mean.data[r] - mu) < 1e-15 && Math.abs(rstd.data[r] - rs) < 1e-13 * rs);
      row.forEach((c, j) => {
        const y = (c - mu) * rs * (affine ? w.data[j] : 1) + (affine ? b.data[j] : 0);
        assert.ok(Math.abs(out.data[r * N + j] - y) < 1e-13, `row ${r} col ${j}`);
      });
    }
  }
});

test("strided_scatter_gather: overlapping reads add up and are shared out by the divisor", () => {
  // the output read storage [1, 2] twice ([2, 2] with strides [0, 1] from offset 1)
  const grad = view(Float64Array.of(1, 2, 3, 4), [2, 2]);
  const out = view(new Float64Array(4), [4]);
  const scatter = { size: [2, 2], stride: [0, 1], offset: 1 };
  const read = { size: [4], stride: [1], offset: 0 };
  js.strided_scatter_gather(grad, scatter, read, read, out);
  assert.deepEqual([...out.data], [0, 4, 6, 0]);
  // a divisor reading storage 1 twice halves it
  const twice = { size: [2], stride: [0], offset: 1 };
  js.strided_scatter_gather(grad, scatter, read, twice, out);
  assert.deepEqual([...out.data], [0, 2, 6, 0]);
});

test("rrelu_with_noise: draws only for elements <= 0, in order, rounded to the noise's type", () => {
  const x = view(Float32Array.of(1, -2, 0, 3, -0.5), [5]);
  const out = view(new Float32Array(5), [5]);
  const noise = view(new Float32Array(5), [5]);
  const draws = [0.1, 0.7, 0.999];
  let k = 0;
  js.rrelu_with_noise(x, 0.125, 0.25, () => draws[k++], out, noise);
  assert.equal(k, 3);
  const slope = (u: number) => Math.fround(u * 0.25 + 0.125);
  assert.deepEqual([...noise.data], [1, slope(0.1), slope(0.7), 1, slope(0.999)]);
  assert.deepEqual([...out.data], [1, Math.fround(-2 * slope(0.1)), 0, 3, Math.fround(-0.5 * slope(0.999))]);
});

test("the moved kernels are the js ones on every backend", () => {
  for (const k of ["var_mean", "layer_norm", "strided_scatter_gather", "rrelu_with_noise"] as const) {
    assert.equal(wasm[k], js[k], k);
  }
});

test("scratch: a buffer in use is never handed out again; given back, it is reused", () => {
  const a = borrow(100);
  const b = borrow(100);
  assert.notEqual(a, b);
  assert.ok(a.length >= 100 && b.length >= 100);
  give_back(a);
  const c = borrow(50);
  assert.equal(c, a);
  assert.notEqual(borrow(100), b);
  give_back(b);
  give_back(c);
});
