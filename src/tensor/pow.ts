/**
 * pow(base, x) rounded correctly to double, as glibc's pow (which PyTorch's logspace calls)
 * rounds it. V8's Math.pow is off by one ulp in a share of cases (Math.pow(2, 1.5) is
 * 2.82842712474619, glibc gives 2.8284271247461903), which shows in float64 results and in
 * integer logspace when a power lands just under an integer.
 *
 * Computed as exp(x * log(base)) in double-double arithmetic (about 100 bits), then rounded
 * once; only positive finite bases take this path, everything else is Math.pow's business.
 */

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

/** a / d for a double d: the remainder, exact by two_prod, gives the low part. */
function div(a: DD, d: number): DD {
  const q1 = a[0] / d;
  const [p, e] = two_prod(q1, d);
  return two_sum(q1, (a[0] - p - e + a[1]) / d);
}

const LN2: DD = [0.6931471805599453, 2.3190468138462996e-17];
const REDUCE = 9; // exp(r) = exp(r / 2^9)^(2^9): the series then converges in a few terms

/** exp of a double-double, to about 100 bits (no overflow handling: callers stay in range). */
function exp_dd(x: DD): DD {
  const k = Math.round(x[0] / LN2[0]);
  let r = add(x, mul(LN2, [-k, 0]));
  r = [r[0] / 2 ** REDUCE, r[1] / 2 ** REDUCE];
  // Taylor series of exp(r) - 1, |r| < 2^-10
  let term: DD = r;
  let sum: DD = r;
  for (let n = 2; n < 14; n++) {
    term = div(mul(term, r), n);
    sum = add(sum, term);
    if (Math.abs(term[0]) < 1e-36) break;
  }
  // (1 + s)^2 - 1 = 2s + s^2, repeated, keeps the small part exact
  for (let i = 0; i < REDUCE; i++) sum = add(mul(sum, [2, 0]), mul(sum, sum));
  const e = add(sum, [1, 0]);
  return [e[0] * 2 ** k, e[1] * 2 ** k];
}

/** log(b) for b > 0 finite, as a double-double: one Newton step on Math.log's estimate. */
function log_dd(b: number): DD {
  const y = Math.log(b);
  const e = exp_dd([y, 0]);
  const diff = add([b, 0], [-e[0], -e[1]]);
  return two_sum(y, diff[0] / e[0]);
}

let cached_base = NaN;
let cached_log: DD = [0, 0];

/** base ** x, correctly rounded for positive finite bases (glibc's pow is within 0.52 ulp). */
export function pow_exact(base: number, x: number): number {
  if (!(base > 0) || !Number.isFinite(base) || !Number.isFinite(x) || base === 1 || x === 0) {
    return Math.pow(base, x);
  }
  if (base !== cached_base) {
    cached_base = base;
    cached_log = log_dd(base);
  }
  const y = mul(cached_log, [x, 0]);
  if (y[0] > 709 || y[0] < -708) return Math.pow(base, x); // overflow/subnormal range
  const r = exp_dd(y);
  return r[0] + r[1];
}
