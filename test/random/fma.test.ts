/**
 * fma32 / fma64 / addRoundToOdd against exact rational arithmetic (BigInt), on random,
 * cancelling and tie-provoking inputs drawn from our own twister (deterministic).
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { addRoundToOdd, fma32, fma64 } from "../../src/fma.js";
import { MT19937 } from "../../src/random/mt19937.js";

/** x = m * 2^e exactly, for finite normal x */
function exact(x: number): { m: bigint; e: number } {
  if (x === 0) return { m: 0n, e: 0 };
  const v = new DataView(new ArrayBuffer(8));
  v.setFloat64(0, x);
  const bits = v.getBigUint64(0);
  const sign = bits >> 63n ? -1n : 1n;
  const be = Number((bits >> 52n) & 0x7ffn);
  const frac = bits & ((1n << 52n) - 1n);
  return be === 0 ? { m: sign * frac, e: -1074 } : { m: sign * (frac | (1n << 52n)), e: be - 1075 };
}

/** m * 2^e rounded to nearest-even with `p` significant bits (53: double, 24: float32), as a number */
function round_exact(m: bigint, e: number, p: number): number {
  if (m === 0n) return 0;
  const neg = m < 0n;
  let a = neg ? -m : m;
  const len = a.toString(2).length;
  if (len > p) {
    const drop = BigInt(len - p);
    const q = a >> drop;
    const r = a - (q << drop);
    const half = 1n << (drop - 1n);
    a = r > half || (r === half && (q & 1n) === 1n) ? q + 1n : q;
    e += Number(drop);
  }
  const x = Number(a) * 2 ** e;
  return neg ? -x : x;
}

function exact_fma(a: number, b: number, c: number, p: number): number {
  const A = exact(a);
  const B = exact(b);
  const C = exact(c);
  const pe = A.e + B.e;
  const E = Math.min(pe, C.e);
  const num = ((A.m * B.m) << BigInt(pe - E)) + (C.m << BigInt(C.e - E));
  return round_exact(num, E, p);
}

const mt = new MT19937(2024);
/** a double with a random 53-bit mantissa, sign and exponent in [-k, k] */
function rnd(k: number): number {
  const u = ((mt.random() & 0x1fffff) * 2 ** 32 + mt.random()) * 2 ** -53;
  const e = (mt.random() % (2 * k + 1)) - k;
  return (mt.random() & 1 ? -1 : 1) * (0.5 + u / 2) * 2 ** e;
}

test("fma64 equals the exactly rounded a*b + c", () => {
  let checked = 0;
  for (let i = 0; i < 60000; i++) {
    const a = rnd(20);
    const b = rnd(20);
    let c = rnd(20);
    if (i % 3 === 1) c = -a * b + rnd(4) * 2 ** -60 * Math.abs(a * b); // cancellation
    if (i % 3 === 2) c = -(a * b) * (1 + 2 ** -52 * (mt.random() % 5)); // near-ties
    const want = exact_fma(a, b, c, 53);
    const got = fma64(a, b, c);
    if (!Object.is(got, want) && !(got === 0 && want === 0))
      assert.fail(`fma64(${a}, ${b}, ${c}) = ${got}, exact ${want}`);
    checked++;
  }
  assert.equal(checked, 60000);
});

test("fma32 equals the exactly rounded float32 a*b + c", () => {
  for (let i = 0; i < 60000; i++) {
    const a = Math.fround(rnd(10));
    const b = Math.fround(rnd(10));
    let c = Math.fround(rnd(10));
    // a tie: c chosen so that a*b + c lands exactly between two float32s, or just next to it
    if (i % 2 === 1) {
      const p = a * b;
      const r = Math.fround(p);
      const ulp = Math.abs(r) * 2 ** -23;
      c = Math.fround(r - p + (ulp / 2) * (mt.random() & 1 ? 1 : -1));
    }
    const want = exact_fma(a, b, c, 24);
    const got = fma32(a, b, c);
    if (!Object.is(got, want) && !(got === 0 && want === 0))
      assert.fail(`fma32(${a}, ${b}, ${c}) = ${got}, exact ${want}`);
  }
});

test("addRoundToOdd: exact sums unchanged, inexact ones have an odd last bit between the neighbours", () => {
  const v = new DataView(new ArrayBuffer(8));
  let inexact = 0;
  for (let i = 0; i < 30000; i++) {
    const a = rnd(30);
    const b = rnd(30);
    const s = addRoundToOdd(a, b);
    const A = exact(a);
    const B = exact(b);
    const E = Math.min(A.e, B.e);
    const num = (A.m << BigInt(A.e - E)) + (B.m << BigInt(B.e - E));
    const S = exact(s);
    const F = Math.min(E, S.e);
    if (S.m << BigInt(S.e - F) === num << BigInt(E - F)) continue; // exact
    inexact++;
    v.setFloat64(0, s);
    assert.equal(v.getBigUint64(0) & 1n, 1n, `${a} + ${b}: ${s} is inexact but even`);
    // truncation side: |s| within one ulp of the exact sum
    assert.ok(Math.abs(s - (a + b)) <= Math.abs(s) * 2 ** -52, `${a} + ${b}`);
  }
  assert.ok(inexact > 10000, `only ${inexact} inexact sums were tested`);
});
