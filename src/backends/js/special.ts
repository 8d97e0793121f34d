/**
 * Special functions JS's Math lacks: erf, erfc and erfinv, in double precision.
 *
 * erf and erfc follow Sun's fdlibm s_erf.c (the algorithm and coefficients glibc, musl, FreeBSD
 * and Go use, so results match the C library PyTorch calls to the last bit or so): rational
 * approximations on [0, 0.84375), [0.84375, 1.25), then erfc(x) = exp(-x^2 - 0.5625 + R/S) / x
 * on two ranges up to 28. Error under 1 ulp. fdlibm's notice, which its coefficients carry:
 *   Copyright (C) 1993 by Sun Microsystems, Inc. All rights reserved.
 *   Developed at SunSoft, a Sun Microsystems, Inc. business.
 *   Permission to use, copy, modify, and distribute this software is freely granted,
 *   provided that this notice is preserved.
 *
 * erfinv is PyTorch's own calc_erfinv (ATen/native/Math.h): a rational first guess (Pavlis,
 * after the Matlab erfinv) refined by two Newton steps on erf, which brings it to full double
 * accuracy.
 */

const ERX = 8.45062911510467529297e-1;
// erf on [0, 0.84375): x + x * P(x^2) / Q(x^2)
const EFX = 1.28379167095512586316e-1;
const EFX8 = 1.02703333676410069053;
const PP = [
  1.28379167095512558561e-1, -3.2504210724700149937e-1, -2.84817495755985104766e-2,
  -5.77027029648944159157e-3, -2.37630166566501626084e-5,
];
const QQ = [
  3.97917223959155352819e-1, 6.50222499887672944485e-2, 5.08130628187576562776e-3, 1.32494738004321644526e-4,
  -3.9602282787753681232e-6,
];
// erf on [0.84375, 1.25): erx + P(s) / Q(s), s = x - 1
const PA = [
  -2.36211856075265944077e-3, 4.14856118683748331666e-1, -3.72207876035701323847e-1,
  3.18346619901161753674e-1, -1.10894694282396677476e-1, 3.54783043256182359371e-2, -2.166375594868790843e-3,
];
const QA = [
  1.06420880400844228286e-1, 5.40397917702171048937e-1, 7.18286544141962662868e-2, 1.26171219808761642112e-1,
  1.36370839120290507362e-2, 1.1984499846799107417e-2,
];
// erfc on [1.25, 1/0.35): R(s) / S(s), s = 1 / x^2
const RA = [
  -9.86494403484714822705e-3, -6.93858572707181764372e-1, -1.05586262253232909814e1,
  -6.23753324503260060396e1, -1.62396669462573470355e2, -1.84605092906711035994e2, -8.12874355063065934246e1,
  -9.81432934416914548592,
];
const SA = [
  1.96512716674392571292e1, 1.376577541435190426e2, 4.34565877475229228821e2, 6.45387271733267880336e2,
  4.29008140027567833386e2, 1.08635005541779435134e2, 6.57024977031928170135, -6.04244152148580987438e-2,
];
// erfc on [1/0.35, 28)
const RB = [
  -9.86494292470009928597e-3, -7.99283237680523006574e-1, -1.77579549177547519889e1,
  -1.60636384855821916062e2, -6.37566443368389627722e2, -1.02509513161107724954e3, -4.83519191608651397019e2,
];
const SB = [
  3.03380607434824582924e1, 3.25792512996573918826e2, 1.53672958608443695994e3, 3.19985821950859553908e3,
  2.55305040643316442583e3, 4.74528541206955367215e2, -2.24409524465858183362e1,
];

/** c[0] + z c[1] + z^2 c[2] + ... (Horner) */
function poly(c: readonly number[], z: number): number {
  let r = c[c.length - 1];
  for (let i = c.length - 2; i >= 0; i--) r = r * z + c[i];
  return r;
}
/** 1 + z c[0] + z^2 c[1] + ... */
function poly1(c: readonly number[], z: number): number {
  return 1 + z * poly(c, z);
}

// x with the low 32 bits of its double cleared, so that z * z is exact (fdlibm's SET_LOW_WORD)
const F64 = new Float64Array(1);
const U32 = new Uint32Array(F64.buffer);
const LOW = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 0 : 1;
function high_word_only(x: number): number {
  F64[0] = x;
  U32[LOW] = 0;
  return F64[0];
}

/** erfc(ax) / 1 for ax in [1.25, 28): exp(-z^2 - 0.5625) exp((z - ax)(z + ax) + R/S) / ax */
function erfc_tail(ax: number): number {
  const s = 1 / (ax * ax);
  const rs = ax < 1 / 0.35 ? poly(RA, s) / poly1(SA, s) : poly(RB, s) / poly1(SB, s);
  const z = high_word_only(ax);
  return (Math.exp(-z * z - 0.5625) * Math.exp((z - ax) * (z + ax) + rs)) / ax;
}

export function erf(x: number): number {
  if (x !== x) return x;
  const ax = Math.abs(x);
  const sign = x < 0 ? -1 : 1;
  if (ax < 0.84375) {
    if (ax < 2 ** -28) {
      // avoid underflow of efx * x for subnormal x
      return ax < 2.848094538889218e-306 ? 0.125 * (8 * x + EFX8 * x) : x + EFX * x;
    }
    const z = x * x;
    return x + (x * poly(PP, z)) / poly1(QQ, z);
  }
  if (ax < 1.25) {
    const s = ax - 1;
    return sign * (ERX + poly(PA, s) / poly1(QA, s));
  }
  if (ax >= 6) return sign;
  return sign * (1 - erfc_tail(ax));
}

export function erfc(x: number): number {
  if (x !== x) return x;
  const ax = Math.abs(x);
  if (ax < 0.84375) {
    if (ax < 2 ** -56) return 1 - x;
    const z = x * x;
    const y = poly(PP, z) / poly1(QQ, z);
    // for x >= 1/4, 1 - (x + x y) loses bits; regroup as 0.5 - (x y + (x - 0.5))
    if (x < 0.25) return 1 - (x + x * y);
    return 0.5 - (x * y + (x - 0.5));
  }
  if (ax < 1.25) {
    const s = ax - 1;
    const pq = poly(PA, s) / poly1(QA, s);
    return x < 0 ? 1 + (ERX + pq) : 1 - ERX - pq;
  }
  if (ax < 28) {
    if (x < -6) return 2;
    const r = erfc_tail(ax);
    return x < 0 ? 2 - r : r;
  }
  return x < 0 ? 2 : 0;
}

// calc_erfinv's coefficients (a, b: central range |y| <= 0.7; c, d: tails)
const EA = [0.886226899, -1.645349621, 0.914624893, -0.140543331];
const EB = [-2.118377725, 1.442710462, -0.329097515, 0.012229801];
const EC = [-1.970840454, -1.624906493, 3.429567803, 1.641345311];
const ED = [3.5438892, 1.6370678];
const TWO_OVER_SQRT_PI = 2 / Math.sqrt(Math.PI);

export function erfinv(y: number): number {
  const ay = Math.abs(y);
  if (ay > 1) return NaN;
  if (ay === 1) return y * Infinity;
  let x: number;
  if (ay <= 0.7) {
    const z = y * y;
    x = (y * poly(EA, z)) / poly1(EB, z);
  } else {
    // NaN lands here and stays NaN
    const z = Math.sqrt(-Math.log((1 - ay) / 2));
    x = ((y < 0 ? -1 : 1) * poly(EC, z)) / poly1(ED, z);
  }
  x = x - (erf(x) - y) / (TWO_OVER_SQRT_PI * Math.exp(-x * x));
  x = x - (erf(x) - y) / (TWO_OVER_SQRT_PI * Math.exp(-x * x));
  return x;
}
