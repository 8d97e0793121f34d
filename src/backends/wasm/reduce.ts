/**
 * The wasm backend's reduce kernel for float32 sum, max and min over the trailing dims of a
 * dense tensor (sum(), mean(), sum(-1), a row max): rows are staged in chunks (many short rows
 * per chunk, or a long row in several pieces) and reduced by kernels/reduce.ts. Other
 * reductions, dtypes and layouts run the js kernel.
 */
import { float32 } from "../../dtype.js";
import type { StridedView } from "../backend.js";
import type { ReduceOp } from "../kernels.js";
import { is_dense, view_numel } from "../js/iter.js";
import { reduce as js_reduce } from "../js/reduce.js";
import { ROW_OPS } from "./kernels/reduce.js";
import { CHUNK, stage } from "./memory.js";
import { wasm } from "./module.js";

/** Below this many elements the js loop beats staging. */
const MIN_NUMEL = 256;
const ROW_OPS_SET: ReadonlySet<ReduceOp> = new Set(ROW_OPS);

/** Length of each output's run when x is dense and dims are its trailing dims; else -1. */
function trailing_run(x: StridedView, dims: readonly number[]): number {
  const nd = x.shape.length;
  const first = nd - dims.length;
  // as many distinct dims as trailing dims, each one of them (a few dims: no Set to allocate)
  for (let i = 0; i < dims.length; i++) {
    if (dims[i] < first) return -1;
    for (let j = 0; j < i; j++) if (dims[j] === dims[i]) return -1;
  }
  if (!is_dense(x)) return -1;
  let m = 1;
  for (let d = first; d < nd; d++) m *= x.shape[d];
  return m;
}

export function reduce(op: ReduceOp, x: StridedView, dims: readonly number[], out: StridedView): void {
  // the cheap tests first: most small reductions leave after a type test and a product of sizes
  if (x.dtype !== float32 || view_numel(x) < MIN_NUMEL || out.dtype !== float32) {
    return js_reduce(op, x, dims, out);
  }
  const m = ROW_OPS_SET.has(op) ? trailing_run(x, dims) : -1;
  const c = m > 0 ? wasm() : null;
  if (!c) return js_reduce(op, x, dims, out);
  const fn = c.fn[`reduce_${op}_rows`];
  const count = view_numel(out);
  const xd = x.data;
  const od = out.data;
  const mem = c.views.f32;
  const res = c.views.f64;
  const IN = stage(0);
  const RES = stage(2);
  if (m <= CHUNK) {
    // whole rows, as many as fit in a chunk
    const per = Math.floor(CHUNK / m);
    for (let o = 0; o < count; o += per) {
      const rows = Math.min(per, count - o);
      const from = x.offset + o * m;
      mem.set(xd.subarray(from, from + rows * m), IN / 4);
      fn(IN, RES, rows, m);
      for (let r = 0; r < rows; r++) od[out.offset + o + r] = res[RES / 8 + r];
    }
    return;
  }
  // long rows in pieces, the pieces' results combined in double as the kernel combines lanes
  for (let o = 0; o < count; o++) {
    let acc = op === "sum" ? 0 : op === "max" ? -Infinity : Infinity;
    for (let i = 0; i < m; i += CHUNK) {
      const len = Math.min(CHUNK, m - i);
      const from = x.offset + o * m + i;
      mem.set(xd.subarray(from, from + len), IN / 4);
      fn(IN, RES, 1, len);
      const v = res[RES / 8];
      if (op === "sum") acc += v;
      else if (v !== v || acc !== acc) acc = NaN;
      else acc = op === "max" ? Math.max(acc, v) : Math.min(acc, v);
    }
    od[out.offset + o] = acc;
  }
}
