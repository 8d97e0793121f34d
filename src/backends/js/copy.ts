/** Reference copy (with dtype conversion) and fill kernels. */
import { bool, int32, type DType } from "../../dtype.js";
import type { StridedView } from "../backend.js";
import { is_dense, rows, view_numel } from "./iter.js";

/**
 * Copies with conversion. Typed arrays convert on store, except that a Float64Array holding
 * int64 would keep fractions and a Uint8Array holding bool would wrap: the views' dtypes say
 * when a value must become an integer or a bool first.
 */
export function copy(src: StridedView, out: StridedView): void {
  const sd = src.data;
  const od = out.data;
  const mode = copy_mode(src.dtype, out.dtype);
  const conv = mode === "to_int" && out.dtype === int32 ? to_int32 : CONVERT[mode];
  if (mode === "plain" && is_dense(src) && is_dense(out) && sd.constructor === od.constructor) {
    const n = view_numel(out);
    // an empty view may sit at (or past) the end of its storage, where set() would throw
    if (n === 0 || (sd === od && src.offset === out.offset)) return;
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

/**
 * Float to integer is undefined in C outside the integer's range (NaN and infinities too); on
 * x86, where PyTorch's CPU kernels run, the conversion gives the lowest integer there, which
 * is what PyTorch returns (`torch.tensor([nan, 3e9]).int()` is [-2^31, -2^31]). An Int32Array
 * store would instead give 0 for NaN and wrap 3e9, and a Float64Array (int64) would keep NaN.
 */
const INT64_MIN = -(2 ** 63);
const INT32_MIN = -(2 ** 31);
const to_int32 = (x: number): number => {
  const t = Math.trunc(x);
  return t >= INT32_MIN && t <= 2 ** 31 - 1 ? t + 0 : INT32_MIN;
};

type CopyMode = "plain" | "to_int" | "to_bool";

/** How a value must be converted going from one dtype to another, beyond the store's own. */
function copy_mode(from: DType, to: DType): CopyMode {
  if (to === bool) return from === bool ? "plain" : "to_bool";
  return !to.is_floating_point && from.is_floating_point ? "to_int" : "plain";
}

const CONVERT: Record<CopyMode, (x: number) => number> = {
  plain: (x) => x,
  // int64 (in a Float64Array); + 0 turns -0 into 0: integers have no negative zero
  to_int: (x) => {
    const t = Math.trunc(x);
    return t >= INT64_MIN && t < 2 ** 63 ? t + 0 : INT64_MIN;
  },
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
