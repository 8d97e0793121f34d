/**
 * Reference unary kernels: each scalar function in UNARY is the definition of its op for every
 * backend; faster backends are tested against these.
 */
import type { StridedView } from "../backend.js";
import type { UnaryOp } from "../kernels.js";
import { is_dense, rows, view_numel } from "./iter.js";

type Unary = (x: number, p0: number, p1: number, p2: number) => number;
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
