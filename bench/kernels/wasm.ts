/**
 * Kernel micro-benchmarks of the wasm backend against the js reference, on the built package:
 * float32 GEMM (W3) at n = 256 and 1024 on one and two threads, elementwise bandwidth (W5b's
 * `a * b + c` on 10^6 floats as two binary kernels, and unary exp/tanh), and sum over the last
 * dim. Prints medians; run with `npm run build && node bench/kernels/wasm.ts` through tsx:
 *   npm run build && npx tsx bench/kernels/wasm.ts
 * The machine's load moves absolute numbers; the wasm / js ratios in one run hold. The last
 * column divides the work by the process's CPU time instead of the wall time (per CPU-second,
 * threads added up): on a machine shared with other jobs it shows what a free core gives.
 */
import { js_backend as js } from "../../dist/backends/js/index.js";
import { wasm_backend as wasm, init, set_num_threads } from "../../dist/backends/wasm/index.js";
import type { Backend, StridedView } from "../../dist/backends/index.js";
import { float32 } from "../../dist/dtype.js";

/** CPU seconds per call of the last `seconds` measurement (the median round's). */
let cpu_seconds = 0;

/** Median wall seconds per call over `rounds` rounds of `reps` calls, after a warm-up round. */
function seconds(reps: number, fn: () => void, rounds = 7): number {
  for (let i = 0; i < reps; i++) fn();
  const t: [number, number][] = [];
  for (let r = 0; r < rounds; r++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    for (let i = 0; i < reps; i++) fn();
    const cpu = process.cpuUsage(c0);
    t.push([(performance.now() - t0) / 1e3 / reps, (cpu.user + cpu.system) / 1e6 / reps]);
  }
  t.sort((p, q) => p[0] - q[0]);
  cpu_seconds = t[rounds >> 1][1];
  return t[rounds >> 1][0];
}

function dense(shape: number[], fill = true): StridedView<Float32Array> {
  const n = shape.reduce((a, b) => a * b, 1);
  const data = new Float32Array(n);
  if (fill) for (let i = 0; i < n; i++) data[i] = Math.random() * 2 - 1;
  const strides = shape.map((_, d) => shape.slice(d + 1).reduce((a, b) => a * b, 1));
  return { data, dtype: float32, shape, strides, offset: 0 };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
await init();
/** label, unit, wasm (wall), js (wall), wasm per CPU-second */
const rows: [string, string, number, number, number][] = [];

for (const n of [256, 1024]) {
  const a = dense([1, n, n]);
  const b = dense([1, n, n]);
  const out = dense([1, n, n], false);
  const flop = 2 * n ** 3;
  const reps = n <= 256 ? 50 : 3;
  const js_gf = flop / seconds(n <= 256 ? 5 : 1, () => js.matmul(a, b, out), n <= 256 ? 7 : 3) / 1e9;
  for (const threads of [1, 2]) {
    set_num_threads(threads);
    wasm.matmul(a, b, out);
    await sleep(300); // workers boot in the background
    const gf = flop / seconds(reps, () => wasm.matmul(a, b, out)) / 1e9;
    rows.push([
      `sgemm n=${n}, ${threads} thread${threads > 1 ? "s" : ""}`,
      "GFLOP/s",
      gf,
      js_gf,
      flop / cpu_seconds / 1e9,
    ]);
  }
}
set_num_threads(1);

const N = 1_000_000;
const x = dense([N]);
const y = dense([N]);
const z = dense([N]);
const t = dense([N], false);
const u = dense([N], false);
const gbps = (bytes: number, s: number) => bytes / s / 1e9;
const bw = (k: Backend) =>
  gbps(
    16e6,
    seconds(20, () => (k.binary("mul", x, y, t), k.binary("add", t, z, u))),
  );
const bw_js = bw(js);
rows.push(["a*b + c, 10^6 floats (2 kernels)", "GB/s", bw(wasm), bw_js, gbps(16e6, cpu_seconds)]);
for (const op of ["exp", "tanh", "sigmoid", "log"] as const) {
  const pos = op === "log" ? { ...x, data: x.data.map(Math.abs) } : x;
  const f = (k: Backend) =>
    gbps(
      8e6,
      seconds(20, () => k.unary(op, pos, t)),
    );
  const f_js = f(js);
  rows.push([`${op}, 10^6 floats`, "GB/s", f(wasm), f_js, gbps(8e6, cpu_seconds)]);
}
const m = dense([1000, 1000]);
const s = dense([1000], false);
const sum = (k: Backend) =>
  gbps(
    4e6,
    seconds(50, () => k.reduce("sum", m, [1], s)),
  );
const sum_js = sum(js);
rows.push(["sum over last dim, 1000x1000", "GB/s", sum(wasm), sum_js, gbps(4e6, cpu_seconds)]);

const col = (v: string | number, w = 9) => (typeof v === "number" ? v.toFixed(1) : v).padStart(w);
console.log(
  `${"kernel".padEnd(36)}${"unit".padEnd(8)}${col("wasm")}${col("js")}${col("ratio")}${col("wasm/CPU-s", 12)}`,
);
for (const [label, unit, w, j, cpu] of rows) {
  console.log(`${label.padEnd(36)}${unit.padEnd(8)}${col(w)}${col(j)}${col(w / j)}${col(cpu, 12)}`);
}
