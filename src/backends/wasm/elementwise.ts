/**
 * The wasm backend's unary and binary kernels: float32 runs are staged through Wasm memory in
 * chunks of CHUNK elements (a dense run is one TypedArray.set each way, a strided one a copy
 * loop), computed by the generated SIMD kernels (kernels/elementwise.ts) and copied out.
 * Everything else (other ops and dtypes, alpha != 1, outputs or operands whose rows are not
 * runs, tensors too small to pay for the staging) goes to the js kernels.
 */
import { float32 } from "../../dtype.js";
import type { StridedView } from "../backend.js";
import type { BinaryOp, UnaryOp } from "../kernels.js";
import { binary as js_binary } from "../js/binary.js";
import { is_dense, rows, run_step, view_numel } from "../js/iter.js";
import { unary as js_unary } from "../js/unary.js";
import { VEC_BINARY, VEC_UNARY, type BinaryMode } from "./kernels/elementwise.js";
import { CHUNK, stage } from "./memory.js";
import { wasm, type Compiled, type WasmFn } from "./module.js";

/** Below this many elements the js loop beats staging. */
const MIN_NUMEL = 64;

type Data = StridedView["data"];

/** Copies n elements of xd from ix by step sx into mem at float index at. */
function stage_in(mem: Float32Array, at: number, xd: Data, ix: number, sx: number, n: number): void {
  if (sx === 1) mem.set(xd.subarray(ix, ix + n), at);
  else for (let i = 0; i < n; i++, ix += sx) mem[at + i] = xd[ix];
}

/** Copies n floats of mem from at into od from io by step so. */
function stage_out(mem: Float32Array, at: number, od: Data, io: number, so: number, n: number): void {
  if (so === 1) od.set(mem.subarray(at, at + n), io);
  else for (let i = 0; i < n; i++, io += so) od[io] = mem[at + i];
}

export function unary(op: UnaryOp, x: StridedView, out: StridedView, p0 = NaN, p1 = NaN, p2 = NaN): void {
  // the cheapest tests first: small tensors (most calls of a small model) leave at the size
  const c =
    out.dtype === float32 &&
    view_numel(out) >= MIN_NUMEL &&
    x.dtype === float32 &&
    Object.hasOwn(VEC_UNARY, op)
      ? wasm()
      : null;
  if (!c) return js_unary(op, x, out, p0, p1, p2);
  const fn = c.fn[`unary_${op}`];
  const run = (n: number, ix: number, sx: number, io: number, so: number) => {
    const mem = c.views.f32;
    for (let i = 0; i < n; i += CHUNK) {
      const len = Math.min(CHUNK, n - i);
      stage_in(mem, stage(0) / 4, x.data, ix + i * sx, sx, len);
      fn(stage(0), stage(1), len);
      stage_out(mem, stage(1) / 4, out.data, io + i * so, so, len);
    }
  };
  if (is_dense(x) && is_dense(out)) return run(view_numel(out), x.offset, 1, out.offset, 1);
  const it = rows(out.shape, [x, out]);
  const [sx, so] = it.inner;
  for (let r = 0; r < it.count; r++, it.next()) run(it.n, it.start[0], sx, it.start[1], so);
}

export function binary(op: BinaryOp, a: StridedView, b: StridedView, out: StridedView, p0 = 1): void {
  const c =
    out.dtype === float32 &&
    view_numel(out) >= MIN_NUMEL &&
    a.dtype === float32 &&
    b.dtype === float32 &&
    (p0 === 1 || (op !== "add" && op !== "sub")) &&
    Object.hasOwn(VEC_BINARY, op)
      ? wasm()
      : null;
  if (!c) return js_binary(op, a, b, out, p0);
  const sa = run_step(a);
  const sb = run_step(b);
  if (sa >= 0 && sb >= 0 && (sa | sb) !== 0 && is_dense(out)) {
    return binary_run(c, op, view_numel(out), a, a.offset, sa, b, b.offset, sb, out.data, out.offset);
  }
  // rows of a broadcast (a bias over a batch): each row must be a run of out and of a, b or a scalar
  const it = rows(out.shape, [a, b, out]);
  const [ia, ib, io] = it.inner;
  if (io !== 1 || ia < 0 || ia > 1 || ib < 0 || ib > 1 || (ia | ib) === 0)
    return js_binary(op, a, b, out, p0);
  for (let r = 0; r < it.count; r++, it.next()) {
    binary_run(c, op, it.n, a, it.start[0], ia, b, it.start[1], ib, out.data, it.start[2]);
  }
}

/** out[io + i] = op(a[ia + i*sa], b[ib + i*sb]) for i < n, with sa, sb in {0, 1}, not both 0. */
function binary_run(
  c: Compiled,
  op: BinaryOp,
  n: number,
  a: StridedView,
  ia: number,
  sa: number,
  b: StridedView,
  ib: number,
  sb: number,
  od: Data,
  io: number,
): void {
  const mode: BinaryMode = sa === 0 ? "sv" : sb === 0 ? "vs" : "vv";
  const fn: WasmFn = c.fn[`binary_${op}_${mode}`];
  const mem = c.views.f32;
  // a one-value operand is staged once
  if (sa === 0) mem[stage(0) / 4] = a.data[ia];
  if (sb === 0) mem[stage(1) / 4] = b.data[ib];
  for (let i = 0; i < n; i += CHUNK) {
    const len = Math.min(CHUNK, n - i);
    if (sa) mem.set(a.data.subarray(ia + i, ia + i + len), stage(0) / 4);
    if (sb) mem.set(b.data.subarray(ib + i, ib + i + len), stage(1) / 4);
    fn(stage(0), stage(1), stage(2), len);
    od.set(mem.subarray(stage(2) / 4, stage(2) / 4 + len), io + i);
  }
}
