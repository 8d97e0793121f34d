/**
 * PyTorch's CPU samplers, word for word (pytorch-rng.md): each function fills a dense typed
 * array, in order, drawing from one generator exactly as PyTorch's kernel for that dtype does.
 * Tensors, strides and argument checks are the ops' business (src/ops/random/samplers.ts); the ops
 * hand these functions the elements in PyTorch's iteration order.
 *
 * Rounding: float32 results are computed in float32 steps (Math.fround after each operation)
 * where PyTorch computes in float, and stored into a Float32Array; where PyTorch's compiler
 * fused a multiply-add, fma32/fma64 give the single rounding.
 */
import type { DType, TypedArray } from "../dtype.js";
import { log_ps, sincos_ps } from "./avx_mathfun.js";
import { fma32, fma64 } from "../fma.js";
import type { Generator } from "./generator.js";

const TWO_POW_M24 = 2 ** -24;
const TWO_POW_M53 = 2 ** -53;
const TWO_POW_32 = 2 ** 32;
/** 2*pi as a double: PyTorch's `2.0 * c10::pi<double>` */
const TWO_PI = 6.283185307179586;
/** float32(2*pi), the AVX2 kernel's constant (0x40c90fdb) */
const TWO_PI_F = Math.fround(TWO_PI);

/** A float32 uniform in [0, 1): the low 24 bits of one word. */
export function u24(gen: Generator): number {
  return (gen._engine.random() & 0xffffff) * TWO_POW_M24;
}

/** A float64 uniform in [0, 1): the low 53 bits of random64() (first word high). */
export function u53(gen: Generator): number {
  const e = gen._engine;
  const hi = e.random();
  const lo = e.random();
  return ((hi & 0x1fffff) * TWO_POW_32 + lo) * TWO_POW_M53;
}

// ------------------------------------------------------------------ uniform

/**
 * uniform_(from, to): one uniform of the dtype per element, `fma(u, to - from, from)` rounded
 * once in the dtype, with `to - from` itself computed in the dtype (§2).
 */
export function uniform_fill(gen: Generator, out: TypedArray, dtype: DType, from: number, to: number): void {
  const e = gen._engine;
  const n = out.length;
  if (dtype.name === "float64") {
    const span = to - from;
    const plain = span === 1 && from === 0;
    for (let i = 0; i < n; i++) {
      const hi = e.random();
      const lo = e.random();
      const u = ((hi & 0x1fffff) * TWO_POW_32 + lo) * TWO_POW_M53;
      out[i] = plain ? u : fma64(u, span, from);
    }
    return;
  }
  const f = Math.fround(from);
  const span = Math.fround(Math.fround(to) - f);
  if (span === 1 && f === 0) {
    for (let i = 0; i < n; i++) out[i] = (e.random() & 0xffffff) * TWO_POW_M24;
    return;
  }
  // u * span is exact in a double (24 + 24 bits): round-to-odd then float32 is the fused result
  for (let i = 0; i < n; i++) {
    const u = (e.random() & 0xffffff) * TWO_POW_M24;
    out[i] = fma32(u, span, f);
  }
}

// ------------------------------------------------------------------ normal

/**
 * One standard normal value of the scalar path (§3.2): double Box–Muller, the sine half cached
 * on the generator for the next call (shared by all dtypes, cleared by manual_seed).
 */
export function normal_double(gen: Generator): number {
  const cached = gen._next_double_normal;
  if (cached !== null) {
    gen._next_double_normal = null;
    return cached;
  }
  const u1 = u53(gen);
  const u2 = u53(gen);
  // PyTorch 2.x writes log1p(-u2); 1.13 wrote log(1 - u2): the same exact argument (1 - u2 is
  // exact), so they differ only by libm rounding. Only float64 results can tell (see docs).
  const r = Math.sqrt(-2 * Math.log1p(-u2));
  const theta = TWO_PI * u1;
  gen._next_double_normal = r * Math.sin(theta);
  return r * Math.cos(theta);
}

/** normal_(mean, std) on the scalar path: every element from normal_double, fused affine. */
export function normal_scalar_fill(gen: Generator, out: TypedArray, mean: number, std: number): void {
  const plain = mean === 0 && std === 1;
  for (let i = 0; i < out.length; i++) {
    const v = normal_double(gen);
    out[i] = plain ? v : fma64(v, std, mean);
  }
}

const SC = new Float64Array(2);

/** The AVX2 kernel's transform of 16 float32 uniforms at d[k..k+15] (§3.3). */
function block32(d: Float32Array, k: number, mean: number, std: number): void {
  for (let j = 0; j < 8; j++) {
    const u1 = Math.fround(1 - d[k + j]);
    const u2 = d[k + 8 + j];
    const radius = Math.fround(Math.sqrt(Math.fround(-2 * log_ps(u1))));
    sincos_ps(Math.fround(TWO_PI_F * u2), SC);
    d[k + j] = fma32(Math.fround(radius * SC[1]), std, mean);
    d[k + 8 + j] = fma32(Math.fround(radius * SC[0]), std, mean);
  }
}

/** The generic normal_fill_16 in double (§3.4): the float64 vector path. */
function block64(d: Float64Array, k: number, mean: number, std: number): void {
  for (let j = 0; j < 8; j++) {
    const u1 = 1 - d[k + j];
    const u2 = d[k + 8 + j];
    const radius = Math.sqrt(-2 * Math.log(u1));
    const theta = TWO_PI * u2;
    d[k + j] = fma64(radius * Math.cos(theta), std, mean);
    d[k + 8 + j] = fma64(radius * Math.sin(theta), std, mean);
  }
}

/**
 * normal_fill: the vector path for a contiguous float tensor of 16 or more elements. Fills
 * with uniforms, transforms whole blocks of 16, and when numel % 16 != 0 refills the LAST 16
 * elements with new uniforms and transforms them again (overwriting transformed values).
 * Neither reads nor writes the generator's normal cache.
 */
export function normal_vector_fill(
  gen: Generator,
  d: Float32Array | Float64Array,
  mean: number,
  std: number,
): void {
  const n = d.length;
  if (d instanceof Float32Array) {
    const m = Math.fround(mean);
    const s = Math.fround(std);
    uniform_fill_f32(gen, d, 0, n);
    for (let k = 0; k + 16 <= n; k += 16) block32(d, k, m, s);
    if (n % 16 !== 0) {
      uniform_fill_f32(gen, d, n - 16, n);
      block32(d, n - 16, m, s);
    }
  } else {
    uniform_fill_f64(gen, d, 0, n);
    for (let k = 0; k + 16 <= n; k += 16) block64(d, k, mean, std);
    if (n % 16 !== 0) {
      uniform_fill_f64(gen, d, n - 16, n);
      block64(d, n - 16, mean, std);
    }
  }
}

function uniform_fill_f32(gen: Generator, d: Float32Array, start: number, end: number): void {
  const e = gen._engine;
  for (let i = start; i < end; i++) d[i] = (e.random() & 0xffffff) * TWO_POW_M24;
}

function uniform_fill_f64(gen: Generator, d: Float64Array, start: number, end: number): void {
  const e = gen._engine;
  for (let i = start; i < end; i++) {
    const hi = e.random();
    const lo = e.random();
    d[i] = ((hi & 0x1fffff) * TWO_POW_32 + lo) * TWO_POW_M53;
  }
}

// ------------------------------------------------------------------ integers

/** Stores an int64 result (a BigInt or an exact number) into the dtype's array. */
function store_int(out: TypedArray, i: number, dtype: DType, v: number | bigint): void {
  if (dtype.name === "bool") out[i] = v != 0 ? 1 : 0;
  else if (dtype.name === "int32") out[i] = typeof v === "bigint" ? Number(BigInt.asIntN(32, v)) : v | 0;
  else out[i] = Number(v); // int64 (nearest double above 2^53), float32/float64 (rounded on store)
}

/**
 * random_(from, to) and randint: `base + (word mod range)`, one draw per element, no rejection.
 * 64-bit ranges (>= 2^32) draw random64() for int64/float64/float32, one word otherwise (§4).
 */
export function random_from_to_fill(
  gen: Generator,
  out: TypedArray,
  dtype: DType,
  range: bigint,
  base: bigint,
): void {
  const e = gen._engine;
  const n = out.length;
  const wide = range >= 1n << 32n && (dtype.name === "int64" || dtype.is_floating_point);
  if (wide) {
    for (let i = 0; i < n; i++) store_int(out, i, dtype, BigInt.asIntN(64, (e.random64() % range) + base));
    return;
  }
  const r = Number(range);
  const b = Number(base);
  if (Number.isSafeInteger(b) && Number.isSafeInteger(b + r)) {
    for (let i = 0; i < n; i++) store_int(out, i, dtype, b + (e.random() % r));
  } else {
    for (let i = 0; i < n; i++) {
      store_int(out, i, dtype, BigInt.asIntN(64, BigInt(e.random() % r) + base));
    }
  }
}

/** random_() without bounds: [0, 2^mantissa] for floats, [0, max] for integers, 0/1 for bool. */
export function random_fill(gen: Generator, out: TypedArray, dtype: DType): void {
  const e = gen._engine;
  const n = out.length;
  switch (dtype.name) {
    case "int64":
      for (let i = 0; i < n; i++) out[i] = Number(e.random64() % (1n << 63n));
      return;
    case "float64":
      for (let i = 0; i < n; i++) out[i] = Number(e.random64() % ((1n << 53n) + 1n));
      return;
    case "float32":
      for (let i = 0; i < n; i++) out[i] = e.random() % (2 ** 24 + 1);
      return;
    case "int32":
      for (let i = 0; i < n; i++) out[i] = e.random() % 2 ** 31;
      return;
    case "bool":
      for (let i = 0; i < n; i++) out[i] = e.random() & 1;
      return;
  }
}

/** random_(-2^63, None): the whole 64-bit word read as a signed int64. */
export function random_full_range_fill(gen: Generator, out: TypedArray, dtype: DType): void {
  const e = gen._engine;
  for (let i = 0; i < out.length; i++) store_int(out, i, dtype, BigInt.asIntN(64, e.random64()));
}

/** n at and above which PyTorch (from early 2025, #143682) switches randperm's algorithm */
const RANDPERM_LARGE = Math.floor((2 ** 32 - 1) / 20);

/**
 * randperm(n) (§5): Fisher–Yates from the front, `z = word mod (n - i)`, swap i and i + z;
 * n - 1 words. From n = 214,748,364 PyTorch 2.x uses an inside-out shuffle on 64-bit draws.
 */
export function randperm_fill(gen: Generator, out: TypedArray, n: number): void {
  const e = gen._engine;
  if (n >= RANDPERM_LARGE) {
    for (let i = 0; i < n; i++) {
      const z = Number(e.random64() % BigInt(i + 1));
      out[i] = out[z];
      out[z] = i;
    }
    return;
  }
  for (let i = 0; i < n; i++) out[i] = i;
  for (let i = 0; i < n - 1; i++) {
    const z = e.random() % (n - i);
    const sav = out[i];
    out[i] = out[i + z];
    out[i + z] = sav;
  }
}

// ------------------------------------------------------------------ bernoulli, exponential

/** bernoulli_(p) with a scalar p: `u53() < p` per element (two words each). */
export function bernoulli_scalar_fill(gen: Generator, out: TypedArray, p: number): void {
  for (let i = 0; i < out.length; i++) out[i] = u53(gen) < p ? 1 : 0;
}

/**
 * bernoulli with a tensor of probabilities, given in iteration order: float64 probabilities
 * compare a 53-bit uniform, the others a 24-bit one in float32 (one word each).
 */
export function bernoulli_tensor_fill(
  gen: Generator,
  out: TypedArray,
  p: ArrayLike<number>,
  p_double: boolean,
): void {
  const e = gen._engine;
  if (p_double) {
    for (let i = 0; i < out.length; i++) out[i] = u53(gen) < p[i] ? 1 : 0;
  } else {
    for (let i = 0; i < out.length; i++) out[i] = (e.random() & 0xffffff) * TWO_POW_M24 < p[i] ? 1 : 0;
  }
}

/**
 * exponential_(lambd): `-1/lambd * log(1 - u)` in double with a 53-bit u (two words), rounded to
 * the dtype. Checked against PyTorch 1.13 (non-MKL build): log(1 - u) matches all values, while
 * log1p(-u) differs in ~6 % of float64 results; 2.x's CPU transformation::exponential still
 * writes log(1 - val) (MKL builds draw from an MKL stream instead: docs/differences.md).
 */
export function exponential_fill(gen: Generator, out: TypedArray, lambd: number): void {
  const scale = -1 / lambd;
  for (let i = 0; i < out.length; i++) out[i] = scale * Math.log(1 - u53(gen));
}
