/**
 * Reference elementwise kernels: unary, binary, where, copy, fill. Each scalar function is
 * the definition of its op for every backend; faster backends are tested against these.
 */
import type { StridedView } from "../backend.js";
import type { BinaryOp, CopyMode, UnaryOp } from "../kernels.js";
import { is_dense, rows, view_numel } from "./iter.js";

type Unary = (x: number, p0: number, p1: number, p2: number) => number;
type Binary = (a: number, b: number, p0: number) => number;

/** Round half to even, as C's nearbyint (PyTorch's round), not JS's half-up Math.round. */
function round_half_even(x: number): number {
  const r = Math.round(x);
  return r - x === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

export const UNARY: Record<UnaryOp, Unary> = {
  neg: (x) => -x,
  positive: (x) => x,
  abs: (x) => Math.abs(x),
  sign: (x) => (x > 0 ? 1 : x < 0 ? -1 : x === 0 ? 0 : x),
  sgn: (x) => (x > 0 ? 1 : x < 0 ? -1 : x === 0 ? 0 : x),
  reciprocal: (x) => 1 / x,
  square: (x) => x * x,
  exp: (x) => Math.exp(x),
  exp2: (x) => Math.pow(2, x),
  expm1: (x) => Math.expm1(x),
  log: (x) => Math.log(x),
  log2: (x) => Math.log2(x),
  log10: (x) => Math.log10(x),
  log1p: (x) => Math.log1p(x),
  sqrt: (x) => Math.sqrt(x),
  rsqrt: (x) => 1 / Math.sqrt(x),
  sin: (x) => Math.sin(x),
  cos: (x) => Math.cos(x),
  tan: (x) => Math.tan(x),
  asin: (x) => Math.asin(x),
  acos: (x) => Math.acos(x),
  atan: (x) => Math.atan(x),
  sinh: (x) => Math.sinh(x),
  cosh: (x) => Math.cosh(x),
  tanh: (x) => Math.tanh(x),
  asinh: (x) => Math.asinh(x),
  acosh: (x) => Math.acosh(x),
  atanh: (x) => Math.atanh(x),
  // 1/(1+e^-x) overflows gracefully to 0 for very negative x
  sigmoid: (x) => 1 / (1 + Math.exp(-x)),
  // relu(NaN) is NaN in PyTorch (clamp_min keeps NaN)
  relu: (x) => (x > 0 ? x : x === x ? 0 : x),
  floor: (x) => Math.floor(x),
  ceil: (x) => Math.ceil(x),
  round: round_half_even,
  trunc: (x) => Math.trunc(x),
  frac: (x) => x - Math.trunc(x),
  logical_not: (x) => (x === 0 ? 1 : 0),
  isnan: (x) => (x !== x ? 1 : 0),
  isinf: (x) => (x === Infinity || x === -Infinity ? 1 : 0),
  isposinf: (x) => (x === Infinity ? 1 : 0),
  isneginf: (x) => (x === -Infinity ? 1 : 0),
  isfinite: (x) => (Number.isFinite(x) ? 1 : 0),
  signbit: (x) => (x < 0 || Object.is(x, -0) ? 1 : 0),
  bitwise_not: (x) => ~x,
  // NaN propagates; a NaN bound means "no bound"
  clamp: (x, lo, hi) => {
    if (x !== x) return x;
    if (lo === lo && x < lo) x = lo;
    if (hi === hi && x > hi) x = hi;
    return x;
  },
  pow_scalar: (x, p) => Math.pow(x, p),
  rpow_scalar: (x, base) => Math.pow(base, x),
  round_decimals: (x, d) => {
    const s = Math.pow(10, d);
    return round_half_even(x * s) / s;
  },
  nan_to_num: (x, nan, posinf, neginf) =>
    x !== x ? nan : x === Infinity ? posinf : x === -Infinity ? neginf : x,
  affine: (x, add, mul) => (x + add) * mul,
};

/** Python's float floor division: ATen's div_floor_floating, exact where a/b would round up. */
function div_floor(a: number, b: number): number {
  if (b === 0) return a / b;
  const mod = a % b;
  let div = (a - mod) / b;
  if (mod !== 0 && b < 0 !== mod < 0) div -= 1;
  if (div === 0) return 0 * (a / b); // keeps the sign of zero
  const fl = Math.floor(div);
  return div - fl > 0.5 ? fl + 1 : fl;
}

export const BINARY: Record<BinaryOp, Binary> = {
  add: (a, b, alpha) => a + alpha * b,
  sub: (a, b, alpha) => a - alpha * b,
  mul: (a, b) => a * b,
  div: (a, b) => a / b,
  div_trunc: (a, b) => Math.trunc(a / b),
  div_floor,
  // Python's modulo: the result takes the divisor's sign
  remainder: (a, b) => {
    const m = a % b;
    return m !== 0 && b < 0 !== m < 0 ? m + b : m;
  },
  fmod: (a, b) => a % b,
  pow: (a, b) => Math.pow(a, b),
  atan2: (a, b) => Math.atan2(a, b),
  hypot: (a, b) => Math.hypot(a, b),
  copysign: (a, b) => (b < 0 || Object.is(b, -0) ? -Math.abs(a) : Math.abs(a)),
  xlogy: (a, b) => (b !== b ? b : a === 0 ? 0 : a * Math.log(b)),
  // maximum/minimum propagate NaN; fmax/fmin ignore it
  maximum: (a, b) => (a !== a || b !== b ? NaN : a > b ? a : b),
  minimum: (a, b) => (a !== a || b !== b ? NaN : a < b ? a : b),
  fmax: (a, b) => (a !== a ? b : b !== b ? a : a > b ? a : b),
  fmin: (a, b) => (a !== a ? b : b !== b ? a : a < b ? a : b),
  eq: (a, b) => (a === b ? 1 : 0),
  ne: (a, b) => (a !== b ? 1 : 0),
  lt: (a, b) => (a < b ? 1 : 0),
  le: (a, b) => (a <= b ? 1 : 0),
  gt: (a, b) => (a > b ? 1 : 0),
  ge: (a, b) => (a >= b ? 1 : 0),
  logical_and: (a, b) => (a !== 0 && b !== 0 ? 1 : 0),
  logical_or: (a, b) => (a !== 0 || b !== 0 ? 1 : 0),
  logical_xor: (a, b) => ((a !== 0) !== (b !== 0) ? 1 : 0),
  bitwise_and: (a, b) => a & b,
  bitwise_or: (a, b) => a | b,
  bitwise_xor: (a, b) => a ^ b,
};

export function unary(op: UnaryOp, x: StridedView, out: StridedView, p0 = NaN, p1 = NaN, p2 = NaN): void {
  const f = UNARY[op];
  const xd = x.data;
  const od = out.data;
  if (is_dense(x) && is_dense(out)) {
    const n = view_numel(out);
    const xo = x.offset;
    const oo = out.offset;
    for (let i = 0; i < n; i++) od[oo + i] = f(xd[xo + i], p0, p1, p2);
    return;
  }
  const it = rows(out.shape, [x, out]);
  const [sx, so] = it.inner;
  for (let r = 0; r < it.count; r++, it.next()) {
    let ix = it.start[0];
    let io = it.start[1];
    for (let i = 0; i < it.n; i++, ix += sx, io += so) od[io] = f(xd[ix], p0, p1, p2);
  }
}

export function binary(op: BinaryOp, a: StridedView, b: StridedView, out: StridedView, p0 = 1): void {
  const f = BINARY[op];
  const ad = a.data;
  const bd = b.data;
  const od = out.data;
  if (is_dense(a) && is_dense(b) && is_dense(out)) {
    const n = view_numel(out);
    const ao = a.offset;
    const bo = b.offset;
    const oo = out.offset;
    for (let i = 0; i < n; i++) od[oo + i] = f(ad[ao + i], bd[bo + i], p0);
    return;
  }
  const it = rows(out.shape, [a, b, out]);
  const [sa, sb, so] = it.inner;
  for (let r = 0; r < it.count; r++, it.next()) {
    let ia = it.start[0];
    let ib = it.start[1];
    let io = it.start[2];
    for (let i = 0; i < it.n; i++, ia += sa, ib += sb, io += so) od[io] = f(ad[ia], bd[ib], p0);
  }
}

export function where(cond: StridedView, a: StridedView, b: StridedView, out: StridedView): void {
  const cd = cond.data;
  const ad = a.data;
  const bd = b.data;
  const od = out.data;
  const it = rows(out.shape, [cond, a, b, out]);
  const [sc, sa, sb, so] = it.inner;
  for (let r = 0; r < it.count; r++, it.next()) {
    let ic = it.start[0];
    let ia = it.start[1];
    let ib = it.start[2];
    let io = it.start[3];
    for (let i = 0; i < it.n; i++, ic += sc, ia += sa, ib += sb, io += so) {
      od[io] = cd[ic] !== 0 ? ad[ia] : bd[ib];
    }
  }
}

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
  to_int: (x) => Math.trunc(x),
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
