/**
 * The single-precision log and sincos that PyTorch's AVX2 normal kernel uses: the Cephes-derived
 * 8-wide polynomials of avx_mathfun.h, one lane at a time, with the multiply-adds GCC fused
 * (pytorch-rng.md §3.3; this exact pattern differs from torch in 0 of 134 M values, other fusion
 * patterns do not). They are not libm: Math.log/sin/cos would differ in the last bits.
 *
 * Only + - * sqrt, fma and bit moves, so Math.fround and fma32 reproduce them exactly.
 */
import { fma32 } from "../fma.js";

const F32 = new Float32Array(1);
const U32 = new Uint32Array(F32.buffer);

/** The float32 whose bit pattern is `bits`. */
function f(bits: number): number {
  U32[0] = bits;
  return F32[0];
}

const SQRTHF = f(0x3f3504f3);
const LOG_P = [
  0x3d9021bb, 0xbdebd1b8, 0x3def251a, 0xbdfe5d4f, 0x3e11e9bf, 0xbe2aae50, 0x3e4cceac, 0xbe7ffffc, 0x3eaaaaaa,
].map(f);
const [P0, P1, P2, P3, P4, P5, P6, P7, P8] = LOG_P as [
  number,
  number,
  number,
  number,
  number,
  number,
  number,
  number,
  number,
];
const Q1 = f(0xb95e8083);
const Q2 = f(0x3f318000);

/** log256_ps for x in (0, 1] (normal floats): the AVX2 kernel's log of 1 - u. */
export function log_ps(x: number): number {
  F32[0] = x;
  const b = U32[0];
  let e = (b >>> 23) - 127 + 1;
  U32[0] = (b & 0x807fffff) | 0x3f000000;
  const m = F32[0]; // mantissa scaled to [0.5, 1)
  let t: number;
  if (m < SQRTHF) {
    t = Math.fround(Math.fround(m - 1) + m);
    e = e - 1;
  } else {
    t = Math.fround(m - 1);
  }
  const z = Math.fround(t * t);
  let y = P0;
  y = fma32(y, t, P1);
  y = fma32(y, t, P2);
  y = fma32(y, t, P3);
  y = fma32(y, t, P4);
  y = fma32(y, t, P5);
  y = fma32(y, t, P6);
  y = fma32(y, t, P7);
  y = fma32(y, t, P8);
  y = Math.fround(y * t);
  y = fma32(y, z, Math.fround(e * Q1));
  y = fma32(-z, 0.5, y);
  return fma32(e, Q2, Math.fround(t + y));
}

const FOPI = f(0x3fa2f983);
const DP1 = f(0xbf490000);
const DP2 = f(0xb97da000);
const DP3 = f(0xb3222169);
const C0 = f(0x37ccf5ce);
const C1 = f(0xbab6061a);
const C2 = f(0x3d2aaaa5);
const S0 = f(0xb94ca1f9);
const S1 = f(0x3c08839e);
const S2 = f(0xbe2aaaa3);

/** sincos256_ps for x >= 0; writes [sin, cos] into out. */
export function sincos_ps(x: number, out: Float64Array | number[]): void {
  let j = Math.trunc(Math.fround(x * FOPI));
  j = (j + 1) & ~1;
  const y = j;
  let r = fma32(y, DP1, x);
  r = fma32(y, DP2, r);
  r = fma32(y, DP3, r);
  const z = Math.fround(r * r);
  let pc = C0;
  pc = fma32(pc, z, C1);
  pc = fma32(pc, z, C2);
  pc = Math.fround(pc * z);
  pc = fma32(pc, z, -Math.fround(z * 0.5));
  pc = Math.fround(pc + 1);
  let ps = S0;
  ps = fma32(ps, z, S1);
  ps = fma32(ps, z, S2);
  ps = Math.fround(ps * z);
  ps = fma32(ps, r, r);
  let s: number;
  let c: number;
  if ((j & 2) === 0) {
    s = ps;
    c = pc;
  } else {
    s = pc;
    c = ps;
  }
  if ((j & 4) !== 0) s = -s;
  if (((j - 2) & 4) === 0) c = -c;
  out[0] = s;
  out[1] = c;
}
