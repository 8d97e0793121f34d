/** Reference copy (with dtype conversion) and fill kernels. */
import type { StridedView } from "../backend.js";
import type { CopyMode } from "../kernels.js";
import { is_dense, rows, view_numel } from "./iter.js";

/**
 * Copies with conversion. Typed arrays convert on store, except that a Float64Array holding
 * int64 would keep fractions and a Uint8Array holding bool would wrap: those two are the
 * cases `to_int`/`to_bool` handle (the op tells which through `mode`).
 */
export function copy(src: StridedView, out: StridedView, mode: CopyMode = "plain"): void {
  const sd = src.data;
  const od = out.data;
  const conv = CONVERT[mode];
  if (mode === "plain" && is_dense(src) && is_dense(out) && sd.constructor === od.constructor) {
    const n = view_numel(out);
    if (sd === od && src.offset === out.offset) return;
    (od as Float64Array).set((sd as Float64Array).subarray(src.offset, src.offset + n), out.offset);
    return;
  }
  const it = rows(out.shape, [src, out]);
  const [ss, so] = it.inner;
  for (let r = 0; r < it.count; r++, it.next()) {
    let is = it.start[0];
    let io = it.start[1];
    for (let i = 0; i < it.n; i++, is += ss, io += so) od[io] = conv(sd[is]);
  }
}

const CONVERT: Record<CopyMode, (x: number) => number> = {
  plain: (x) => x,
  // + 0 turns -0 into 0: integers have no negative zero
  to_int: (x) => Math.trunc(x) + 0,
  to_bool: (x) => (x !== 0 ? 1 : 0),
};

export function fill(out: StridedView, value: number): void {
  const od = out.data;
  if (is_dense(out)) {
    od.fill(value, out.offset, out.offset + view_numel(out));
    return;
  }
  const it = rows(out.shape, [out]);
  const [so] = it.inner;
  for (let r = 0; r < it.count; r++, it.next()) {
    let io = it.start[0];
    for (let i = 0; i < it.n; i++, io += so) od[io] = value;
  }
}
