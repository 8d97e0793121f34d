/**
 * The two libm functions the schedulers call, rounded as glibc rounds them (PyTorch's lrs are
 * Python floats computed with glibc's cos and pow). V8's Math.cos and Math.pow are fdlibm's,
 * off by one ulp in a share of cases (Math.cos(Math.PI * 12 / 10) is -0.8090169943749475,
 * glibc's -0.8090169943749476; 0.95 ** 10 is 0.5987369392383786, glibc's 0.5987369392383787),
 * which would make a schedule differ from PyTorch's in the last bit and CosineAnnealingLR's
 * recursion carry it on. So cos is computed in double-double arithmetic (about 100 bits) and
 * rounded once, which is glibc's result except within 2^-100 of a rounding tie; pow is the
 * library's correctly rounded pow_exact.
 */
import { pow_exact } from "../../tensor/pow.js";

type DD = readonly [number, number];

const SPLIT = 134217729; // 2^27 + 1

function two_sum(a: number, b: number): DD {
  const s = a + b;
  const bb = s - a;
  return [s, a - (s - bb) + (b - bb)];
}

function two_prod(a: number, b: number): DD {
  const p = a * b;
  let t = SPLIT * a;
  const ah = t - (t - a);
  const al = a - ah;
  t = SPLIT * b;
  const bh = t - (t - b);
  const bl = b - bh;
  return [p, ah * bh - p + ah * bl + al * bh + al * bl];
}

function add(a: DD, b: DD): DD {
  const [s, e] = two_sum(a[0], b[0]);
  return two_sum(s, e + a[1] + b[1]);
}

function mul(a: DD, b: DD): DD {
  const [p, e] = two_prod(a[0], b[0]);
  return two_sum(p, e + a[0] * b[1] + a[1] * b[0]);
}

/** a / d for a small integer d. */
function div(a: DD, d: number): DD {
  const q1 = a[0] / d;
  const [p, e] = two_prod(q1, d);
  return two_sum(q1, (a[0] - p - e + a[1]) / d);
}

// pi / 2 = PIO2_1 + PIO2_2 + PIO2_3 to about 160 bits
const PIO2_1 = 1.5707963267948966;
const PIO2_2 = 6.123233995736766e-17;
const PIO2_3 = -1.4973849048591698e-33;

/** cos (odd = false) or sin (odd = true) of |r| <= pi / 4 by Taylor series, in double-double. */
function series(r: DD, odd: boolean): DD {
  const r2 = mul(r, r);
  let term: DD = odd ? r : [1, 0];
  let sum = term;
  for (let n = 1; n < 40; n++) {
    // the next term: times -r^2 / ((2n - 1) 2n) for cos, / (2n (2n + 1)) for sin
    const a = odd ? 2 * n : 2 * n - 1;
    term = div(div(mul(term, r2), a), a + 1);
    term = [-term[0], -term[1]];
    sum = add(sum, term);
    if (Math.abs(term[0]) < 1e-40) break;
  }
  return sum;
}

/** cos(x) rounded as glibc's cos. */
export function cos(x: number): number {
  if (!Number.isFinite(x)) return NaN;
  x = Math.abs(x);
  if (x > 2 ** 30) return Math.cos(x); // beyond any schedule's range: leave it to the engine
  const k = Math.round(x / PIO2_1);
  let r = add([x, 0], two_prod(-k, PIO2_1));
  r = add(r, two_prod(-k, PIO2_2));
  r = add(r, [-k * PIO2_3, 0]);
  const quadrant = k % 4;
  const v = quadrant % 2 === 0 ? series(r, false) : series(r, true);
  const s = v[0] + v[1];
  return quadrant === 1 || quadrant === 2 ? -s : s;
}

/** base ** x rounded as glibc's pow (Python's float ** float). */
export function pow(base: number, x: number): number {
  return pow_exact(base, x);
}
