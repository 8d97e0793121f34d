/**
 * Reference unary kernels: each scalar function in UNARY is the definition of its op for every
 * backend; faster backends are tested against these.
 */
import { float32 } from "../../dtype.js";
import type { StridedView } from "../backend.js";
import type { UnaryOp } from "../kernels.js";
import { is_dense, rows, view_numel } from "./iter.js";
import { erf, erfc, erfinv } from "./special.js";
import { ACTIVATION } from "./activation.js";

type Unary = (x: number, p0: number, p1: number, p2: number) => number;
/**
 * Round half to even, as C's nearbyint (PyTorch's round), not JS's half-up Math.round. A double
 * to a double, per element; format.ts's round_half_even divides exact BigInts, which printing
 * needs (digits past 2^53) and a kernel cannot afford.
 */
function round_half_even(x: number): number {
  const r = Math.round(x);
  return r - x === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

export const UNARY: Record<UnaryOp, Unary> = {
  neg: (x) => -x,
  positive: (x) => x,
  abs: (x) => Math.abs(x),
  // (0 < x) - (x < 0), as ATen: NaN and -0 give +0 (pytorch/pytorch#41245 keeps NaN -> 0)
  sign: (x) => (x > 0 ? 1 : x < 0 ? -1 : 0),
  sgn: (x) => (x > 0 ? 1 : x < 0 ? -1 : 0),
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
  logit: (x, eps) => {
    if (eps === eps) x = x < eps ? eps : x > 1 - eps ? 1 - eps : x;
    return Math.log(x / (1 - x));
  },
  erf,
  erfc,
  erfinv,
  deg2rad: (x) => x * (Math.PI / 180),
  rad2deg: (x) => x * (180 / Math.PI),
  // ATen's clamp_min(x, 0): x < 0 ? 0 : x, so NaN stays NaN and -0 stays -0
  relu: (x) => (x < 0 ? 0 : x),
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
  // two's complement ~x without JS's 32-bit truncation (int64 lives in doubles)
  bitwise_not: (x) => -x - 1,
  // min(max(x, lo), hi) with NaN propagating from any of the three, as ATen's clamp
  clamp: (x, lo, hi) => {
    if (x !== x) return x;
    if (lo !== lo || hi !== hi) return NaN;
    if (x < lo) x = lo;
    if (x > hi) x = hi;
    return x;
  },
  pow_scalar: (x, p) => Math.pow(x, p),
  rpow_scalar: (x, base) => Math.pow(base, x),
  // ATen: nearbyint(x * 10^d) / 10^d, or nearbyint(x / 10^-d) * 10^-d for d < 0, in the
  // tensor's own precision (f32 = 1 rounds every step to float32)
  round_decimals: (x, d, f32) => {
    if (f32 === 1) {
      const p = Math.fround(Math.pow(10, Math.abs(d)));
      const f = Math.fround;
      return d < 0 ? f(round_half_even(f(x / p)) * p) : f(round_half_even(f(x * p)) / p);
    }
    const p = Math.pow(10, Math.abs(d));
    return d < 0 ? round_half_even(x / p) * p : round_half_even(x * p) / p;
  },
  nan_to_num: (x, nan, posinf, neginf) =>
    x !== x ? nan : x === Infinity ? posinf : x === -Infinity ? neginf : x,
  affine: (x, add, mul) => (x + add) * mul,
  ...ACTIVATION,
};

export function unary(op: UnaryOp, x: StridedView, out: StridedView, p0 = NaN, p1 = NaN, p2 = NaN): void {
  const f = UNARY[op];
  // UNARY's round_decimals takes the dtype as its second parameter (1: float32)
  if (op === "round_decimals") p1 = out.dtype === float32 ? 1 : 0;
  if (is_dense(x) && is_dense(out)) {
    unary_run(op, f, view_numel(out), x.data, x.offset, 1, out.data, out.offset, 1, p0, p1, p2);
    return;
  }
  const it = rows(out.shape, [x, out]);
  const [ix, io] = it.inner;
  const st = it.start;
  for (let r = 0; r < it.count; r++, it.next()) {
    unary_run(op, f, it.n, x.data, st[0], ix, out.data, st[1], io, p0, p1, p2);
  }
}

type Data = StridedView["data"];

/**
 * One run of n elements: od[io + i*so] = f(xd[ix + i*sx], p0, p1, p2). The functions training
 * loops call most are written out: a call through the table for every element is several times
 * slower, since V8 cannot inline a call site that sees many different functions. Each line
 * computes what its UNARY entry computes.
 */
function unary_run(
  op: UnaryOp,
  f: Unary,
  n: number,
  xd: Data,
  ix: number,
  sx: number,
  od: Data,
  io: number,
  so: number,
  p0: number,
  p1: number,
  p2: number,
): void {
  switch (op) {
    case "neg":
      for (let i = 0; i < n; i++, ix += sx, io += so) od[io] = -xd[ix];
      return;
    case "exp":
      for (let i = 0; i < n; i++, ix += sx, io += so) od[io] = Math.exp(xd[ix]);
      return;
    case "log":
      for (let i = 0; i < n; i++, ix += sx, io += so) od[io] = Math.log(xd[ix]);
      return;
    case "sqrt":
      for (let i = 0; i < n; i++, ix += sx, io += so) od[io] = Math.sqrt(xd[ix]);
      return;
    case "tanh":
      for (let i = 0; i < n; i++, ix += sx, io += so) od[io] = Math.tanh(xd[ix]);
      return;
    case "sigmoid":
      for (let i = 0; i < n; i++, ix += sx, io += so) od[io] = 1 / (1 + Math.exp(-xd[ix]));
      return;
    case "relu":
      for (let i = 0; i < n; i++, ix += sx, io += so) {
        const v = xd[ix];
        od[io] = v < 0 ? 0 : v;
      }
      return;
  }
  for (let i = 0; i < n; i++, ix += sx, io += so) od[io] = f(xd[ix], p0, p1, p2);
}
