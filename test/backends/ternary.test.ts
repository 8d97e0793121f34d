/**
 * The ternary kernel (addcmul, addcdiv) against its element-by-element definition on strided
 * views of every kind: contiguous, transposed, sliced, broadcast through zero strides, written
 * into contiguous and transposed outputs, in float32 (addcmul fused into one rounding, as
 * PyTorch's kernel), float64 and int32 (wrapping as C++'s int).
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { js_backend as k } from "../../src/backends/js/index.js";
import type { StridedView, TernaryOp } from "../../src/backends/index.js";
import { fma32, fma64 } from "../../src/fma.js";
import { float32, float64, int32 } from "../../src/dtype.js";

type Arr = Float32Array | Float64Array | Int32Array;
type Ctor = Float32ArrayConstructor | Float64ArrayConstructor | Int32ArrayConstructor;
type Layout = "contiguous" | "transposed" | "sliced" | "expanded";

function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** A [3, 4] view in the given layout over fresh values of the array type. */
function view(layout: Layout, Arr: Ctor, rnd: () => number): StridedView<Arr> {
  const ints = Arr === Int32Array;
  const dtype = ints ? int32 : Arr === Float32Array ? float32 : float64;
  const fill = (n: number): Arr => {
    const a = new Arr(n);
    for (let i = 0; i < n; i++) a[i] = ints ? Math.floor(rnd() * 2 ** 31) : (rnd() - 0.5) * 9;
    return a;
  };
  const shape = [3, 4];
  switch (layout) {
    case "contiguous":
      return { data: fill(12), dtype, shape, strides: [4, 1], offset: 0 };
    case "transposed":
      return { data: fill(12), dtype, shape, strides: [1, 3], offset: 0 };
    case "sliced":
      return { data: fill(25), dtype, shape, strides: [8, 2], offset: 1 };
    case "expanded":
      return { data: fill(4), dtype, shape, strides: [0, 1], offset: 0 };
  }
}

const at = (v: StridedView, i: number, j: number) => v.data[v.offset + i * v.strides[0] + j * v.strides[1]];

/** The definition: float32 rounds value * t1 first; addcmul is one fma, addcdiv rounds each step. */
function expected(op: TernaryOp, Arr: Ctor, s: number, a: number, b: number, value: number): number {
  const f = Math.fround;
  if (Arr === Float32Array) {
    const v = f(value);
    return op === "addcmul" ? fma32(f(v * a), b, s) : f(s + f(f(v * a) / b));
  }
  if (Arr === Float64Array) return op === "addcmul" ? fma64(value * a, b, s) : s + (value * a) / b;
  return (s + Math.imul(Math.imul(value, a), b)) | 0;
}

const LAYOUTS: Layout[] = ["contiguous", "transposed", "sliced", "expanded"];

for (const Arr of [Float32Array, Float64Array, Int32Array] as const) {
  for (const op of ["addcmul", "addcdiv"] as const) {
    if (op === "addcdiv" && Arr === Int32Array) continue; // the op refuses integer division
    test(`ternary ${op} on ${Arr.name}: every layout, into contiguous and transposed outputs`, () => {
      const rnd = lcg(op.length + Arr.BYTES_PER_ELEMENT);
      const value = Arr === Int32Array ? 3 : -0.37;
      let fused_differs = 0;
      for (const ls of LAYOUTS)
        for (const l1 of LAYOUTS)
          for (const l2 of LAYOUTS)
            for (const lo of ["contiguous", "transposed"] as const) {
              const s = view(ls, Arr, rnd);
              const t1 = view(l1, Arr, rnd);
              const t2 = view(l2, Arr, rnd);
              const out = { ...view(lo, Arr, rnd), data: new Arr(12) };
              k.ternary(op, s, t1, t2, out, value);
              for (let i = 0; i < 3; i++)
                for (let j = 0; j < 4; j++) {
                  const want = expected(op, Arr, at(s, i, j), at(t1, i, j), at(t2, i, j), value);
                  assert.equal(at(out, i, j), new Arr([want])[0], `${ls} ${l1} ${l2} -> ${lo} at ${i},${j}`);
                  const v = Math.fround(value);
                  const unfused = Math.fround(
                    at(s, i, j) + Math.fround(Math.fround(v * at(t1, i, j)) * at(t2, i, j)),
                  );
                  if (op === "addcmul" && Arr === Float32Array && unfused !== at(out, i, j)) fused_differs++;
                }
            }
      // the fused rounding is visible in these values, so the check above could fail
      if (op === "addcmul" && Arr === Float32Array) assert.ok(fused_differs > 0);
    });
  }
}

test("ternary writes in place into self", () => {
  const s: StridedView = {
    data: new Float32Array([1, 2, 3]),
    dtype: float32,
    shape: [3],
    strides: [1],
    offset: 0,
  };
  const t: StridedView = {
    data: new Float32Array([2, 2, 2]),
    dtype: float32,
    shape: [3],
    strides: [1],
    offset: 0,
  };
  k.ternary("addcdiv", s, t, t, s, 0.5);
  assert.deepEqual([...s.data], [1.5, 2.5, 3.5]);
});
