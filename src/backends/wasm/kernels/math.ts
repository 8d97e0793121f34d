/**
 * Vector float32 exp and log, emitted inline into a kernel (four lanes at a time). They are
 * Cephes' expf and logf (Moshier's single-precision polynomials, also those of avx_mathfun and
 * of many SIMD libraries), with their range reductions in float32 and no fused multiply-adds,
 * so every engine gives the same bits:
 *
 * - exp: x = n ln2 + r with n = nearest(x / ln2) and r by Cody-Waite in two parts, e^r by a
 *   degree-6 polynomial, then 2^n applied as two exact powers of two so that results going
 *   subnormal round once. <= 1 ulp from the correctly rounded value, measured.
 * - log: x = 2^e m with m in [sqrt(1/2), sqrt(2)), log(m) = t - t^2/2 + t^3 P(t) with t = m - 1,
 *   plus e ln2 in two parts; subnormal inputs are scaled by 2^23 first. <= 1 ulp measured.
 *
 * Special values follow the C library: exp(NaN) = NaN, exp(+-inf) = inf / 0, overflow to inf,
 * underflow through the subnormals to 0; log of a negative number or NaN is NaN, log(+-0) = -inf,
 * log(inf) = inf.
 */
import type { Asm } from "../encoder.js";

const EXP_P = [1.98756915e-4, 1.39819995e-3, 8.3334519e-3, 4.16657959e-2, 1.66666655e-1, 5.00000012e-1];
const LOG_P = [
  7.0376836292e-2, -1.151461031e-1, 1.167699874e-1, -1.2420140846e-1, 1.4249322787e-1, -1.6668057665e-1,
  2.0000714765e-1, -2.4999993993e-1, 3.3333331174e-1,
];
const LN2_HI = 0.693359375;
const LN2_LO = -2.1219444e-4;
const LOG2E = Math.LOG2E;
const SQRT_HALF = Math.SQRT1_2;

/** t_out = c[0] t^(n-1) + ... + c[n-1], by Horner, in float32 vector ops. */
function horner(f: Asm, c: readonly number[], t: number, out: number): void {
  f.f32x4_const(c[0]).local_set(out);
  for (const k of c.slice(1)) {
    f.local_get(out).local_get(t).simd("f32x4_mul").f32x4_const(k).simd("f32x4_add").local_set(out);
  }
}

/** Scratch v128 locals for the emitters; a kernel allocates them once. */
export interface MathLocals {
  readonly v: readonly number[];
}
export function math_locals(f: Asm): MathLocals {
  return { v: Array.from({ length: 6 }, () => f.local("v128")) };
}

/**
 * out = exp(x) per lane; x is a v128 local left untouched. With `x_times`, also sets that
 * local to x * exp(x) rounded as one float32 product would be (silu needs it where exp(x)
 * alone would already be a subnormal short of bits).
 */
export function emit_exp(f: Asm, s: MathLocals, x: number, out: number, x_times?: number): void {
  const [c, n, r, p, s1, s2] = s.v;
  // clamp to [-112, 89]: beyond it the result is 0 or inf anyway (even times x), and 2^n
  // stays in range; min/max propagate NaN
  f.local_get(x).f32x4_const(89).simd("f32x4_min").f32x4_const(-112).simd("f32x4_max").local_set(c);
  f.local_get(c).f32x4_const(LOG2E).simd("f32x4_mul").simd("f32x4_nearest").local_set(n);
  // r = c - n ln2_hi - n ln2_lo
  f.local_get(c).local_get(n).f32x4_const(LN2_HI).simd("f32x4_mul").simd("f32x4_sub");
  f.local_get(n).f32x4_const(LN2_LO).simd("f32x4_mul").simd("f32x4_sub").local_set(r);
  // e^r = 1 + r + r^2 P(r)
  horner(f, EXP_P, r, p);
  f.local_get(p).local_get(r).simd("f32x4_mul").local_get(r).simd("f32x4_mul");
  f.local_get(r).simd("f32x4_add").f32x4_const(1).simd("f32x4_add").local_set(p);
  // 2^n as 2^(n >> 1) * 2^(n - (n >> 1)), each a normal float built in the exponent bits
  f.local_get(n).simd("i32x4_trunc_sat_f32x4_s").local_set(n);
  f.local_get(n).i32_const(1).simd("i32x4_shr_s").local_set(s1);
  f.local_get(n).local_get(s1).simd("i32x4_sub").i32x4_const(127).simd("i32x4_add");
  f.i32_const(23).simd("i32x4_shl").local_set(s2);
  f.local_get(s1).i32x4_const(127).simd("i32x4_add").i32_const(23).simd("i32x4_shl").local_set(s1);
  f.local_get(p).local_get(s1).simd("f32x4_mul").local_set(p);
  f.local_get(p).local_get(s2).simd("f32x4_mul").local_set(out);
  if (x_times !== undefined) {
    f.local_get(p).local_get(c).simd("f32x4_mul").local_get(s2).simd("f32x4_mul").local_set(x_times);
  }
}

/** out = log(x) per lane; x is a v128 local left untouched. */
export function emit_log(f: Asm, s: MathLocals, x: number, out: number): void {
  const [m, e, t, z, y, small] = s.v;
  // subnormals: scale by 2^23 (exact) and take 23 off the exponent
  f.local_get(x)
    .f32x4_const(2 ** -126)
    .simd("f32x4_lt")
    .local_set(small);
  f.local_get(x)
    .f32x4_const(2 ** 23)
    .simd("f32x4_mul")
    .local_get(x)
    .local_get(small)
    .simd("v128_bitselect")
    .local_set(m);
  // e = biased exponent - 126, m = mantissa in [0.5, 1)
  f.local_get(m).i32_const(23).simd("i32x4_shr_u").i32x4_const(126).simd("i32x4_sub");
  f.local_get(small).i32x4_const(23).simd("v128_and").simd("i32x4_sub");
  f.simd("f32x4_convert_i32x4_s").local_set(e);
  f.local_get(m)
    .i32x4_const(0x807fffff)
    .simd("v128_and")
    .i32x4_const(0x3f000000)
    .simd("v128_or")
    .local_set(m);
  // m < sqrt(1/2): t = 2m - 1, e -= 1; else t = m - 1
  f.local_get(m).f32x4_const(SQRT_HALF).simd("f32x4_lt").local_set(small);
  f.local_get(m)
    .local_get(m)
    .local_get(small)
    .simd("v128_and")
    .simd("f32x4_add")
    .f32x4_const(1)
    .simd("f32x4_sub");
  f.local_set(t);
  f.local_get(e).f32x4_const(1).local_get(small).simd("v128_and").simd("f32x4_sub").local_set(e);
  // log(1 + t) = t - t^2/2 + t^3 P(t), then + e ln2 in two parts
  f.local_get(t).local_get(t).simd("f32x4_mul").local_set(z);
  horner(f, LOG_P, t, y);
  f.local_get(y).local_get(t).simd("f32x4_mul").local_get(z).simd("f32x4_mul");
  f.local_get(e).f32x4_const(LN2_LO).simd("f32x4_mul").simd("f32x4_add");
  f.local_get(z).f32x4_const(0.5).simd("f32x4_mul").simd("f32x4_sub");
  f.local_get(t).simd("f32x4_add");
  f.local_get(e).f32x4_const(LN2_HI).simd("f32x4_mul").simd("f32x4_add").local_set(y);
  // special values: 0 -> -inf, inf -> inf, x < 0 or NaN -> NaN (bitselect(a, b, m) = m ? a : b)
  f.f32x4_const(-Infinity).local_get(y).local_get(x).f32x4_const(0).simd("f32x4_eq").simd("v128_bitselect");
  f.local_set(y);
  f.local_get(x).local_get(y).local_get(x).f32x4_const(Infinity).simd("f32x4_eq").simd("v128_bitselect");
  f.local_set(y);
  f.local_get(y)
    .f32x4_const(NaN)
    .local_get(x)
    .f32x4_const(0)
    .simd("f32x4_ge")
    .simd("v128_bitselect")
    .local_set(out);
}
