/**
 * Reference binary kernels (and where): each scalar function in BINARY is the definition of its
 * op for every backend. Inputs arrive broadcast to the output's shape through zero strides.
 */
import { float32, float64 } from "../../dtype.js";
import type { StridedView } from "../backend.js";
import type { BinaryOp } from "../kernels.js";
import { is_dense, rows, run_step, view_numel } from "./iter.js";
import { fma32, fma64 } from "../../fma.js";

type Binary = (a: number, b: number, p0: number) => number;

const f32 = Math.fround;

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

/** Integer power as PyTorch's powi: exact by squaring, negative exponents truncate to 0. */
function pow_int(a: number, b: number): number {
  if (b < 0) {
    if (a === 1) return 1;
    if (a === -1) return b % 2 === 0 ? 1 : -1;
    return 0;
  }
  return Math.pow(a, b);
}

/** Bitwise ops on int64 values (held in doubles): 32-bit fast path, BigInt beyond it. */
function bitwise(op: (x: bigint, y: bigint) => bigint, op32: (x: number, y: number) => number): Binary {
  return (a, b) =>
    (a | 0) === a && (b | 0) === b ? op32(a, b) : Number(BigInt.asIntN(64, op(BigInt(a), BigInt(b))));
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
  // C's pow: 1 ** anything and (-1) ** inf are 1, where Math.pow gives NaN
  pow: (a, b) => (a === 1 || (a === -1 && (b === Infinity || b === -Infinity)) ? 1 : Math.pow(a, b)),
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
  bitwise_and: bitwise(
    (x, y) => x & y,
    (x, y) => x & y,
  ),
  bitwise_or: bitwise(
    (x, y) => x | y,
    (x, y) => x | y,
  ),
  bitwise_xor: bitwise(
    (x, y) => x ^ y,
    (x, y) => x ^ y,
  ),
  lerp: (a, b, w) => (Math.abs(w) < 0.5 ? a + w * (b - a) : b - (b - a) * (1 - w)),
};

/** div_floor_floating in float32: each step rounds to float32, as ATen's float kernel. */
function div_floor32(a: number, b: number): number {
  if (b === 0) return f32(a / b);
  const mod = a % b; // exact
  let div = f32(f32(a - mod) / b);
  if (mod !== 0 && b < 0 !== mod < 0) div = f32(div - 1);
  if (div === 0) return 0 * (a / b);
  const fl = Math.floor(div);
  return div - fl > 0.5 ? fl + 1 : fl;
}

/**
 * Where PyTorch's float kernels fuse a multiply-add (one rounding), the float32 and float64
 * forms: add/sub with alpha = fma(alpha, ±b, a) with alpha in the dtype; lerp =
 * fma(w, b - a, a) for |w| < 0.5, else fma(-(b - a), 1 - w, b), differences in the dtype.
 * Float32's rounding divisions also round each step to float32 as ATen's kernels do: the
 * quotient a / b before trunc (-1 / -0.2 is 5 in float32, 4.99... in float64).
 */
const FUSED32: Partial<Record<BinaryOp, Binary>> = {
  div_trunc: (a, b) => Math.trunc(f32(a / b)),
  div_floor: div_floor32,
  add: (a, b, alpha) => fma32(f32(alpha), b, a),
  sub: (a, b, alpha) => fma32(-f32(alpha), b, a),
  lerp: (a, b, w) => {
    const d = f32(b - a);
    return Math.abs(w) < 0.5 ? fma32(f32(w), d, a) : fma32(-d, f32(1 - f32(w)), b);
  },
};
const FUSED64: Partial<Record<BinaryOp, Binary>> = {
  add: (a, b, alpha) => fma64(alpha, b, a),
  sub: (a, b, alpha) => fma64(-alpha, b, a),
  lerp: (a, b, w) => {
    const d = b - a;
    return Math.abs(w) < 0.5 ? fma64(w, d, a) : fma64(-d, 1 - w, b);
  },
};

function kernel_fn(op: BinaryOp, out: StridedView, p0: number): Binary {
  if (op === "pow" && !out.dtype.is_floating_point) return pow_int;
  // alpha == 1 is a plain add: one rounding either way, and much cheaper
  if ((op === "add" || op === "sub") && p0 === 1) return BINARY[op];
  // int64 shares float64's array but adds exactly, without the fused forms
  const fused = out.dtype === float32 ? FUSED32[op] : out.dtype === float64 ? FUSED64[op] : undefined;
  return fused ?? BINARY[op];
}

export function binary(op: BinaryOp, a: StridedView, b: StridedView, out: StridedView, p0 = 1): void {
  const f = kernel_fn(op, out, p0);
  const sa = run_step(a);
  const sb = run_step(b);
  if (sa >= 0 && sb >= 0 && is_dense(out)) {
    binary_run(
      op,
      f,
      view_numel(out),
      a.data,
      a.offset,
      sa,
      b.data,
      b.offset,
      sb,
      out.data,
      out.offset,
      1,
      p0,
    );
    return;
  }
  const it = rows(out.shape, [a, b, out]);
  const [ia, ib, io] = it.inner;
  const st = it.start;
  for (let r = 0; r < it.count; r++, it.next()) {
    binary_run(op, f, it.n, a.data, st[0], ia, b.data, st[1], ib, out.data, st[2], io, p0);
  }
}

type Data = StridedView["data"];

/**
 * One run of n elements: od[io + i*so] = f(ad[ia + i*sa], bd[ib + i*sb], p0). The four
 * arithmetic ops are written out: a call through the table for every element is several times
 * slower, since V8 cannot inline a call site that sees many different functions.
 */
function binary_run(
  op: BinaryOp,
  f: Binary,
  n: number,
  ad: Data,
  ia: number,
  sa: number,
  bd: Data,
  ib: number,
  sb: number,
  od: Data,
  io: number,
  so: number,
  p0: number,
): void {
  switch (op) {
    case "add":
      if (f !== BINARY.add) break;
      for (let i = 0; i < n; i++, ia += sa, ib += sb, io += so) od[io] = ad[ia] + p0 * bd[ib];
      return;
    case "sub":
      if (f !== BINARY.sub) break;
      for (let i = 0; i < n; i++, ia += sa, ib += sb, io += so) od[io] = ad[ia] - p0 * bd[ib];
      return;
    case "mul":
      for (let i = 0; i < n; i++, ia += sa, ib += sb, io += so) od[io] = ad[ia] * bd[ib];
      return;
    case "div":
      for (let i = 0; i < n; i++, ia += sa, ib += sb, io += so) od[io] = ad[ia] / bd[ib];
      return;
  }
  for (let i = 0; i < n; i++, ia += sa, ib += sb, io += so) od[io] = f(ad[ia], bd[ib], p0);
}

export function where(cond: StridedView, a: StridedView, b: StridedView, out: StridedView): void {
  const cd = cond.data;
  const ad = a.data;
  const bd = b.data;
  const od = out.data;
  const sc = run_step(cond);
  const sa = run_step(a);
  const sb = run_step(b);
  if (sc >= 0 && sa >= 0 && sb >= 0 && is_dense(out)) {
    const n = view_numel(out);
    let ic = cond.offset;
    let ia = a.offset;
    let ib = b.offset;
    let io = out.offset;
    for (let i = 0; i < n; i++, ic += sc, ia += sa, ib += sb, io++) od[io] = cd[ic] !== 0 ? ad[ia] : bd[ib];
    return;
  }
  const it = rows(out.shape, [cond, a, b, out]);
  const [jc, ja, jb, jo] = it.inner;
  for (let r = 0; r < it.count; r++, it.next()) {
    let ic = it.start[0];
    let ia = it.start[1];
    let ib = it.start[2];
    let io = it.start[3];
    for (let i = 0; i < it.n; i++, ic += jc, ia += ja, ib += jb, io += jo) {
      od[io] = cd[ic] !== 0 ? ad[ia] : bd[ib];
    }
  }
}
