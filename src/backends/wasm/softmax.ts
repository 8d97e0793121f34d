/**
 * The wasm backend's softmax kernel for float32 along the last dim of dense tensors (attention
 * scores, a classifier's logits): rows are staged in chunks, padded with -inf to a multiple of
 * 4, and kernels/softmax.ts computes each row's max and exp(x - max) with its sum in SIMD; the
 * results are finished in double as they are copied out: exp / sum, or for log_softmax
 * (x - max) - log(sum) from the input itself (so only the sum carries the float32 exp's
 * error). Other dtypes, dims and layouts, rows longer than a staging buffer and small tensors
 * run the js kernel.
 */
import { float32 } from "../../dtype.js";
import type { StridedView } from "../backend.js";
import type { SoftmaxOp } from "../kernels.js";
import { is_dense, view_numel } from "../js/iter.js";
import { softmax as js_softmax } from "../js/softmax.js";
import { CHUNK, stage } from "./memory.js";
import { wasm } from "./module.js";

/** Below this many elements the js loop beats staging. */
const MIN_NUMEL = 256;
/** Floats a staging buffer holds (each is CHUNK * 8 bytes). */
const ROOM = CHUNK * 2;

export function softmax(op: SoftmaxOp, x: StridedView, dim: number, out: StridedView): void {
  const nd = x.shape.length;
  const m = x.shape[dim];
  const m4 = (m + 3) & ~3;
  const c =
    x.dtype === float32 &&
    out.dtype === float32 &&
    view_numel(x) >= MIN_NUMEL &&
    m4 <= ROOM &&
    m > 0 &&
    // the softmax dim is the last one that is not 1 wide: each row is a run of m floats
    x.shape.slice(dim + 1).every((s) => s === 1) &&
    is_dense(x) &&
    is_dense(out)
      ? wasm()
      : null;
  if (!c || nd === 0) return js_softmax(op, x, dim, out);
  const fn = c.fn.softmax_rows;
  const mem = c.views.f32;
  const res = c.views.f64;
  const IN = stage(0);
  const OUT = stage(1);
  const RES = stage(2);
  const xd = x.data;
  const od = out.data;
  const count = view_numel(x) / m;
  const per = Math.floor(ROOM / m4);
  for (let r0 = 0; r0 < count; r0 += per) {
    const rows = Math.min(per, count - r0);
    const from = x.offset + r0 * m;
    if (m4 === m) mem.set(xd.subarray(from, from + rows * m), IN / 4);
    else {
      for (let r = 0; r < rows; r++) {
        const at = IN / 4 + r * m4;
        mem.set(xd.subarray(from + r * m, from + r * m + m), at);
        mem.fill(-Infinity, at + m, at + m4);
      }
    }
    fn(IN, OUT, RES, rows, m4);
    for (let r = 0; r < rows; r++) {
      const max = res[RES / 8 + 2 * r];
      const sum = res[RES / 8 + 2 * r + 1];
      const o = out.offset + (r0 + r) * m;
      if (op === "softmax") {
        const e = OUT / 4 + r * m4;
        for (let i = 0; i < m; i++) od[o + i] = mem[e + i] / sum;
      } else {
        const lse = Math.log(sum);
        const xi = from + r * m;
        for (let i = 0; i < m; i++) od[o + i] = xd[xi + i] - max - lse;
      }
    }
  }
}
