/**
 * The blas backend's sgd_step against the js reference: the same bits for every configuration
 * it takes on (momentum, dampening, first step, float32 and float64, offsets into a shared
 * array), and the reference's own path for the rest (maximize, weight decay, nesterov, strided
 * or small parameters). Skipped where no system BLAS is found.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { js_backend } from "../../src/backends/js/index.js";
import { load_blas, make_blas_backend } from "../../src/backends/blas/index.js";
import type { StridedView } from "../../src/backends/index.js";
import type { SGDStep } from "../../src/backends/kernels.js";
import { float32, float64 } from "../../src/dtype.js";

const lib = load_blas();
const skip = lib ? false : "no system BLAS found (install libopenblas0)";
const blas = lib ? make_blas_backend(js_backend, lib) : js_backend;

type Arr = Float32Array | Float64Array;

/** Values spread over many magnitudes, so fused and unfused multiply-adds would differ. */
function values(n: number, f32: boolean, seed: number): Arr {
  const a = f32 ? new Float32Array(n) : new Float64Array(n);
  let s = seed;
  for (let i = 0; i < n; i++) {
    s = (s * 1103515245 + 12345) % 2147483648;
    a[i] = (s / 2147483648 - 0.5) * 2 ** ((i % 13) - 6);
  }
  return a;
}

function view(data: Arr, shape: number[], offset = 0, strides?: number[]): StridedView {
  const st = strides ?? shape.map((_, d) => shape.slice(d + 1).reduce((p, q) => p * q, 1));
  return { data, dtype: data instanceof Float32Array ? float32 : float64, shape, strides: st, offset };
}

const BASE: SGDStep = {
  lr: 0.01,
  momentum: 0.9,
  dampening: 0,
  weight_decay: 0,
  nesterov: false,
  maximize: false,
};

/** Runs `steps` SGD steps with both backends from the same state; returns [blas, js] params and buffers. */
function run(o: SGDStep, f32: boolean, shape: number[], steps: number, strided = false, offset = 0) {
  const n = shape.reduce((p, q) => p * q, 1);
  const results = [blas, js_backend].map((backend) => {
    const size = (strided ? 2 * n : n) + offset;
    const p = values(size, f32, 1);
    const b = f32 ? new Float32Array(size) : new Float64Array(size);
    const strides = strided ? [...shape.slice(0, -1).map(() => 0), 2] : undefined;
    const mk = (d: Arr) =>
      strided ? view(d, [n], offset, [2]) : view(d, shape, offset, strides && undefined);
    for (let s = 0; s < steps; s++) {
      const g = values(size, f32, 7 + s);
      backend.sgd_step([mk(p)], [mk(g)], o.momentum !== 0 ? [mk(b)] : [], [s === 0], o);
    }
    return [p, b];
  });
  return results;
}

const CASES: [string, SGDStep][] = [
  ["heavy-ball momentum", BASE],
  ["no momentum", { ...BASE, momentum: 0 }],
  ["dampening", { ...BASE, dampening: 0.25 }],
  ["lr 1 (a plain add)", { ...BASE, lr: -1 }],
  ["maximize (reference)", { ...BASE, maximize: true }],
  ["weight decay (reference)", { ...BASE, weight_decay: 1e-3 }],
  ["nesterov (reference)", { ...BASE, nesterov: true }],
];

for (const [name, o] of CASES) {
  for (const f32 of [true, false]) {
    test(`blas sgd_step, ${name}, ${f32 ? "float32" : "float64"}: the reference's bits`, { skip }, () => {
      for (const [shape, strided, offset] of [
        [[64, 300], false, 0],
        [[5000], false, 3],
        [[10], false, 0],
        [[5000], true, 1],
      ] as [number[], boolean, number][]) {
        const [[pb, bb], [pj, bj]] = run(o, f32, shape, 3, strided, offset);
        assert.deepEqual(pb, pj, `params, shape ${shape.join("x")}${strided ? " strided" : ""}`);
        assert.deepEqual(bb, bj, `momentum buffers, shape ${shape.join("x")}`);
      }
    });
  }
}

test("blas sgd_step: a NaN or infinite gradient propagates as in the reference", { skip }, () => {
  const n = 8192;
  const out = [blas, js_backend].map((backend) => {
    const p = values(n, true, 3);
    const b = new Float32Array(n);
    for (let s = 0; s < 2; s++) {
      const g = values(n, true, 5);
      g[10] = NaN;
      g[20] = Infinity;
      backend.sgd_step([view(p, [n])], [view(g, [n])], [view(b, [n])], [s === 0], BASE);
    }
    return p;
  });
  assert.deepEqual(out[0], out[1]);
  assert.ok(Number.isNaN(out[0][10]) && out[0][20] === -Infinity);
});
