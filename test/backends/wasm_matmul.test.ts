/**
 * The wasm backend's matmul against the js reference on strided float32 views: transposed,
 * sliced, expanded and offset operands, strided outputs, batches (broadcast ones folded into
 * rows), alpha/beta/addend, widths that end in a 4-column panel (10 classes) or in padding,
 * K over several kc slices, threads on and off; within the bound stated in
 * src/backends/wasm/index.ts. Other dtypes and tiny products must give the js kernel's bits.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import type { StridedView } from "../../src/backends/index.js";
import { js_backend as js } from "../../src/backends/js/index.js";
import { wasm_backend as wasm, set_num_threads, get_num_threads } from "../../src/backends/wasm/index.js";
import { wasm as compiled } from "../../src/backends/wasm/module.js";
import { staging } from "../../src/backends/wasm/matmul.js";
import { LAYOUTS, at, f32_out, f32_view, lcg, offset_of, positions, type Layout } from "./wasm_views.js";
import { float32, float64 } from "../../src/dtype.js";

const U = 2 ** -24;

/** Checks out against the js kernel within (K + 4) u (|alpha| |A||B| + |beta addend|). */
function check_matmul(
  a: StridedView,
  b: StridedView,
  add: StridedView | null,
  alpha: number,
  beta: number,
  out_layout: "contiguous" | "transposed",
  what: string,
) {
  const [B, M, K] = a.shape;
  const N = b.shape[2];
  const out = f32_out([B, M, N], out_layout);
  const ref = f32_out([B, M, N], out_layout);
  wasm.matmul(a, b, out, add, alpha, beta);
  js.matmul(a, b, ref, add, alpha, beta);
  for (const [t, i, j] of positions([B, M, N])) {
    let s = 0;
    for (let p = 0; p < K; p++) s += Math.abs(at(a, [t, i, p]) * at(b, [t, p, j]));
    const bound =
      (K + 4) * U * (Math.abs(alpha) * s + (add && beta ? Math.abs(beta * at(add, [t, i, j])) : 0));
    const got = out.data[offset_of(out, [t, i, j])];
    const want = ref.data[offset_of(ref, [t, i, j])];
    if (!(Math.abs(got - want) <= bound)) {
      assert.fail(`${what}: [${t},${i},${j}] wasm ${got} js ${want}, bound ${bound}`);
    }
  }
}

test("wasm backend: features detected and the module compiled", () => {
  const c = compiled();
  assert.ok(c, "Wasm SIMD is available in every Node this package supports");
  assert.equal(c.features.simd, true);
});

test("matmul: every layout of a and b, both output layouts, odd sizes and 10-column outputs", () => {
  const rnd = lcg(11);
  const value = () => rnd() * 2 - 1;
  // [B, M, K, N]: sizes around the 4x8 tile, a last panel of 4 (N = 10, 12) or of 8 (N = 7, 13)
  const sizes = [
    [1, 37, 300, 10],
    [2, 9, 33, 13],
    [1, 64, 64, 64],
    [3, 5, 129, 7],
    [1, 20, 21, 20],
  ];
  for (const [B, M, K, N] of sizes) {
    for (const la of LAYOUTS) {
      for (const lb of LAYOUTS) {
        const a = f32_view([B, M, K], la, value);
        const b = f32_view([B, K, N], lb, value);
        for (const lo of ["contiguous", "transposed"] as const) {
          check_matmul(a, b, null, 1, 0, lo, `[${B},${M},${K},${N}] ${la} @ ${lb} -> ${lo}`);
        }
      }
    }
  }
});

test("matmul: alpha, beta and an addend of any layout (addmm, linear's bias)", () => {
  const rnd = lcg(12);
  const value = () => rnd() * 4 - 2;
  const [B, M, K, N] = [2, 23, 70, 30];
  const a = f32_view([B, M, K], "contiguous", value);
  const b = f32_view([B, K, N], "transposed", value);
  const bias: StridedView = {
    data: Float32Array.from({ length: N }, value),
    dtype: float32,
    shape: [B, M, N],
    strides: [0, 0, 1],
    offset: 0,
  };
  for (const [alpha, beta] of [
    [1, 1],
    [0.5, -2],
    [-3, 0],
    [0, 1],
  ]) {
    for (const add of [
      bias,
      f32_view([B, M, N], "transposed", value),
      f32_view([B, M, N], "sliced", value),
    ]) {
      check_matmul(a, b, add, alpha, beta, "contiguous", `alpha ${alpha} beta ${beta}`);
    }
  }
});

test("matmul: K over several kc slices, many tiles, batch-broadcast operands", () => {
  const rnd = lcg(13);
  const value = () => rnd() * 2 - 1;
  const cases: [number[], Layout, number[], Layout][] = [
    [[1, 150, 700], "contiguous", [1, 700, 270], "transposed"],
    // linear on a 3-d input: b expanded over the batch, a's batch folds into rows
    [[3, 40, 50], "contiguous", [3, 50, 60], "expanded"],
    // a expanded: packed once for every batch
    [[3, 40, 50], "expanded", [3, 50, 60], "sliced"],
  ];
  for (const [sa, la, sb, lb] of cases) {
    check_matmul(
      f32_view(sa, la, value),
      f32_view(sb, lb, value),
      null,
      1,
      0,
      "contiguous",
      `${sa.join()} ${la} @ ${sb.join()} ${lb}`,
    );
  }
});

test("matmul: dense operands pack in Wasm, sparse slices (a block of a wide matrix) in js", () => {
  const rnd = lcg(17);
  const value = () => rnd() * 2 - 1;
  // a [40, 30] block of a [40, 1000] matrix spans 39 030 floats for 1 200 elements: js packing;
  // its transpose is the same block read along columns
  const wide = Float32Array.from({ length: 40 * 1000 + 50 }, value);
  const block: StridedView = {
    data: wide,
    dtype: float32,
    shape: [1, 40, 30],
    strides: [0, 1000, 1],
    offset: 50,
  };
  const block_t: StridedView = {
    data: wide,
    dtype: float32,
    shape: [1, 30, 40],
    strides: [0, 1, 1000],
    offset: 50,
  };
  const dense = f32_view([1, 30, 13], "contiguous", value);
  const dense_t = f32_view([1, 17, 40], "transposed", value);
  check_matmul(block, dense, null, 1, 0, "contiguous", "sparse a @ dense b");
  check_matmul(dense_t, block, null, 1, 0, "contiguous", "dense transposed a @ sparse b");
  check_matmul(block_t, f32_view([1, 40, 9], "offset", value), null, 1, 0, "transposed", "sparse a^T");
  // a partly live last panel of B (13 columns: 8 + 5 of 8) and of A (9 rows), both read along K
  const a9 = f32_view([1, 9, 300], "contiguous", value);
  check_matmul(a9, f32_view([1, 300, 13], "transposed", value), null, 1, 0, "contiguous", "9 x 13 edges");
});

test("matmul: products larger than the staging limit run in chunks of rows and columns", () => {
  const rnd = lcg(16);
  const value = () => rnd() * 2 - 1;
  const limit = staging.chunk_floats;
  try {
    // 20000 floats: 4 chunks of rows times 2 of columns for [3, 90, 300] @ [3, 300, 50]
    staging.chunk_floats = 20000;
    for (const lb of ["contiguous", "expanded"] as const) {
      const a = f32_view([3, 90, 300], "transposed", value);
      const b = f32_view([3, 300, 50], lb, value);
      check_matmul(a, b, f32_view([3, 90, 50], "sliced", value), 0.5, 2, "transposed", `chunked, b ${lb}`);
    }
  } finally {
    staging.chunk_floats = limit;
  }
});

test("matmul: the thread pool gives one thread's bits, packing and tiles split between threads", async () => {
  const rnd = lcg(14);
  const value = () => rnd() * 2 - 1;
  const threads = get_num_threads();
  // large enough for the pool; K of 700 is 3 kc slices, so A and B give 6 pack jobs
  const wide = Float32Array.from({ length: 200 * 2000 + 9 }, value);
  const cases: [string, StridedView, StridedView, StridedView | null, number, number][] = [
    [
      "contiguous",
      f32_view([1, 200, 300], "contiguous", value),
      f32_view([1, 300, 260], "contiguous", value),
      null,
      1,
      0,
    ],
    [
      "a^T, odd sizes",
      f32_view([1, 203, 700], "transposed", value),
      f32_view([1, 700, 131], "offset", value),
      null,
      1,
      0,
    ],
    [
      "b^T, addend",
      f32_view([1, 150, 700], "sliced", value),
      f32_view([1, 700, 270], "transposed", value),
      f32_view([1, 150, 270], "sliced", value),
      0.5,
      2,
    ],
    // a block of a wide matrix packs in js on the caller, B in Wasm on the pool
    [
      "sparse a",
      { data: wide, dtype: float32, shape: [1, 200, 700], strides: [0, 2000, 1], offset: 9 },
      f32_view([1, 700, 133], "contiguous", value),
      null,
      1,
      0,
    ],
    [
      "batched",
      f32_view([2, 130, 400], "contiguous", value),
      f32_view([2, 400, 140], "expanded", value),
      null,
      1,
      0,
    ],
  ];
  try {
    set_num_threads(2);
    const [, a0, b0] = cases[0];
    // workers start in the background; the product is right whether they joined or not
    check_matmul(a0, b0, null, 1, 0, "contiguous", "2 threads, cold");
    await new Promise((r) => setTimeout(r, 300));
    for (const [what, a, b, add, alpha, beta] of cases) {
      const shape = [a.shape[0], a.shape[1], b.shape[2]];
      for (const layout of ["contiguous", "transposed"] as const) {
        const one = f32_out(shape, layout);
        const two = f32_out(shape, layout);
        set_num_threads(1);
        wasm.matmul(a, b, one, add, alpha, beta);
        set_num_threads(2);
        wasm.matmul(a, b, two, add, alpha, beta);
        // packing is a copy, and tiles compute the same sums in the same order on any thread
        assert.deepEqual(two.data, one.data, `${what}, ${layout} out`);
      }
      check_matmul(a, b, add, alpha, beta, "contiguous", `${what}, 2 threads`);
    }
  } finally {
    set_num_threads(threads);
  }
  assert.throws(() => set_num_threads(0), /positive integer/);
});

test("matmul: float64, int and tiny or empty products are the js kernel's, bit for bit", () => {
  const rnd = lcg(15);
  const f64 = (shape: number[]): StridedView => {
    const v = f32_view(shape, "transposed", () => rnd() - 0.5);
    return { ...v, data: Float64Array.from(v.data), dtype: float64 };
  };
  for (const [B, M, K, N] of [
    [1, 30, 40, 50],
    [1, 1, 1, 1],
    [1, 3, 5, 4],
    [2, 0, 5, 3],
    [1, 3, 0, 4],
  ]) {
    // float32 only where the product is too small for packing to pay
    const f32 = (s: number[]) => f32_view(s, "sliced", rnd);
    for (const make of M * N * K < 1000 ? [f64, f32] : [f64]) {
      const a = make([B, M, K]);
      const b = make([B, K, N]);
      const Arr = a.data instanceof Float64Array ? Float64Array : Float32Array;
      const dtype = Arr === Float64Array ? float64 : float32;
      const out: StridedView = { ...f32_out([B, M, N]), data: new Arr(B * M * N).fill(7), dtype };
      const ref: StridedView = { ...out, data: new Arr(B * M * N).fill(7) };
      wasm.matmul(a, b, out);
      js.matmul(a, b, ref);
      assert.deepEqual(out.data, ref.data, `[${B},${M},${K},${N}] ${Arr.name}`);
    }
  }
});
