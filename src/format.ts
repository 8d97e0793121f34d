/**
 * How PyTorch prints values, in one place: Python's repr() of a float (module reprs,
 * messages), its `{:.4f}` / `{:.4e}` formats (tensor printing), str() of None, bools, tuples and
 * the option values of reprs, Python's type names in messages, and C++'s printing of a double
 * (ATen's messages). A JS number cannot say whether it was written `2` or `2.0`, so where
 * Python would print what the user passed, an integral number prints as a Python int
 * (`py_number`); where PyTorch holds a float whatever was passed, it prints as one (`py_float`).
 */
import { class_name } from "./names.js";
import { DType } from "./dtype.js";
import { fmt_shape } from "./shape.js";

// ---------------------------------------------------------------- Python's str() and repr()

/** repr(float(x)): shortest round-trip digits, scientific below 1e-4 and from 1e16 on. */
export function py_float(x: number): string {
  if (Number.isNaN(x)) return "nan";
  if (!Number.isFinite(x)) return x > 0 ? "inf" : "-inf";
  if (x === 0) return Object.is(x, -0) ? "-0.0" : "0.0";
  const a = Math.abs(x);
  if (a < 1e-4 || a >= 1e16) {
    // JS's shortest digits, with Python's exponent: at least two digits, always signed
    const [mant, exp] = x.toExponential().split("e");
    const e = Number(exp);
    return `${mant}e${exp_suffix(e)}`;
  }
  // in this range JS's String() writes the same shortest digits in fixed notation
  const s = String(x);
  return s.includes(".") ? s : `${s}.0`;
}

/** str() of a number as the user passed it: an integral number is a Python int (`2`), else a float. */
export function py_number(v: number): string {
  return Number.isInteger(v) ? String(v) : py_float(v);
}

/** str(bool). */
export function py_bool(b: boolean): string {
  return b ? "True" : "False";
}

/** str(tuple) of ints: `(4,)`, `(2, 3)`. */
export function py_tuple(t: readonly number[]): string {
  return t.length === 1 ? `(${t[0]},)` : `(${t.join(", ")})`;
}

/**
 * str() of an option value as PyTorch's reprs and messages print it: None, True/False, numbers
 * as py_number, arrays as tuples, strings bare, objects by their own toString (a Tensor prints
 * its repr), plain objects as JSON.
 */
export function py_str(v: unknown): string {
  if (v === null || v === undefined) return "None";
  if (typeof v === "boolean") return py_bool(v);
  if (typeof v === "number") return py_number(v);
  if (typeof v === "string") return v;
  if (Array.isArray(v)) return `(${v.map(py_str).join(", ")}${v.length === 1 ? "," : ""})`;
  const own = (v as { toString?: unknown }).toString;
  if (typeof v === "object" && typeof own === "function" && own !== Object.prototype.toString)
    return (own as () => string).call(v);
  return JSON.stringify(v);
}

/** repr(torch.Size): `torch.Size([2, 3])`. */
export function torch_size(shape: readonly number[]): string {
  return `torch.Size(${fmt_shape(shape)})`;
}

/** type(x).__name__ of a JS value, as Python would see it: int/float by integrality, list, dict. */
export function py_type(v: unknown): string {
  if (v === null || v === undefined) return "NoneType";
  if (typeof v === "number") return Number.isInteger(v) ? "int" : "float";
  if (typeof v === "bigint") return "int";
  if (typeof v === "string") return "str";
  if (typeof v === "boolean") return "bool";
  if (Array.isArray(v)) return "list";
  // an nn.Module is a callable object: its class, not "function"
  if (typeof v === "function")
    return Object.getPrototypeOf(v) === Function.prototype ? "function" : class_name(v);
  if (typeof v !== "object") return typeof v;
  if (v instanceof DType) return "torch.dtype";
  const proto: unknown = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null ? "dict" : class_name(v);
}

// ---------------------------------------------------------------- Python's {:.Nf} and {:.Ne}

const TWO_POW_52 = 2n ** 52n;

/** |x| as an exact fraction num/den (x finite). */
function fraction(x: number): [bigint, bigint] {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, Math.abs(x));
  const bits = view.getBigUint64(0);
  const exp = Number((bits >> 52n) & 0x7ffn);
  const frac = bits & (TWO_POW_52 - 1n);
  // subnormals have no implicit leading bit and the exponent of the smallest normal
  const mant = exp === 0 ? frac : frac | TWO_POW_52;
  const e = (exp === 0 ? 1 : exp) - 1075;
  return e >= 0 ? [mant << BigInt(e), 1n] : [mant, 1n << BigInt(-e)];
}

/**
 * round(num / den) with ties to even: Python's (and C's) rounding of the exact value. Exact in
 * BigInts, unlike the kernels' round_half_even on doubles: a printed digit string can pass 2^53.
 */
function round_half_even(num: bigint, den: bigint): bigint {
  const q = num / den;
  const r2 = (num % den) * 2n;
  if (r2 > den || (r2 === den && q % 2n === 1n)) return q + 1n;
  return q;
}

function non_finite(x: number): string | null {
  if (Number.isNaN(x)) return "nan";
  if (x === Infinity) return "inf";
  if (x === -Infinity) return "-inf";
  return null;
}

function sign_of(x: number): string {
  return x < 0 || Object.is(x, -0) ? "-" : "";
}

/** Python's exponent: signed, at least two digits (`e-05`, `e+16`, `e+100`). */
function exp_suffix(e: number): string {
  return `${e < 0 ? "-" : "+"}${String(Math.abs(e)).padStart(2, "0")}`;
}

/**
 * JS's toFixed/toExponential round the exact binary value too, but ties away from zero. A tie
 * shows as "5" then only zeros in a longer expansion; anything else is rounded the same way
 * Python rounds, so only possible ties take the exact BigInt path.
 */
function maybe_tie(long: string): boolean {
  const digits = long.replace(/e.*$/, "");
  return /^50*$/.test(digits.slice(digits.length - EXTRA_DIGITS));
}
const EXTRA_DIGITS = 20;

/** Python's "{:.<p>f}".format(x). */
export function format_fixed(x: number, p: number): string {
  const nf = non_finite(x);
  if (nf !== null) return nf;
  const a = Math.abs(x);
  if (x !== 0 && a < 1e21 && p + EXTRA_DIGITS <= 100 && !maybe_tie(a.toFixed(p + EXTRA_DIGITS))) {
    return (x < 0 ? "-" : "") + a.toFixed(p);
  }
  const [num, den] = fraction(x);
  const digits = round_half_even(num * 10n ** BigInt(p), den)
    .toString()
    .padStart(p + 1, "0");
  const int_part = digits.slice(0, digits.length - p);
  return sign_of(x) + int_part + (p > 0 ? "." + digits.slice(digits.length - p) : "");
}

/** Python's "{:.<p>e}".format(x): p digits after the point, an exponent of at least two digits. */
export function format_exp(x: number, p: number): string {
  const nf = non_finite(x);
  if (nf !== null) return nf;
  let mantissa: string;
  let e = 0;
  const a = Math.abs(x);
  if (x !== 0 && p + EXTRA_DIGITS <= 100 && !maybe_tie(a.toExponential(p + EXTRA_DIGITS))) {
    const [m, exp] = a.toExponential(p).split("e");
    mantissa = m.replace(".", "");
    e = Number(exp);
  } else if (x === 0) {
    mantissa = "0".repeat(p + 1);
  } else {
    const [num, den] = fraction(x);
    const scaled = (k: number): bigint =>
      k >= 0 ? round_half_even(num * 10n ** BigInt(k), den) : round_half_even(num, den * 10n ** BigInt(-k));
    const lo = 10n ** BigInt(p);
    const hi = lo * 10n;
    // log10 gives the exponent to within one; the exact rounding settles it
    e = Math.floor(Math.log10(Math.abs(x)));
    let n = scaled(p - e);
    while (n >= hi) n = scaled(p - ++e);
    while (n < lo) n = scaled(p - --e);
    mantissa = n.toString();
  }
  return `${sign_of(x)}${mantissa[0]}${p > 0 ? "." + mantissa.slice(1) : ""}e${exp_suffix(e)}`;
}

// ---------------------------------------------------------------- C++'s ostream

/** A double as C++'s ostream prints it (6 significant digits, %g style): 1e-07, -1.23457e+08. */
export function cpp_double(x: number): string {
  if (!Number.isFinite(x)) return Number.isNaN(x) ? "nan" : x > 0 ? "inf" : "-inf";
  if (x === 0) return Object.is(x, -0) ? "-0" : "0";
  const exp = Math.floor(Math.log10(Math.abs(Number(x.toPrecision(6)))));
  if (exp < -4 || exp >= 6) {
    const [m, e] = x.toExponential(5).split("e");
    const mant = m.includes(".") ? m.replace(/0+$/, "").replace(/\.$/, "") : m;
    return `${mant}e${exp_suffix(Number(e))}`;
  }
  const s = x.toPrecision(6);
  return s.includes(".") ? s.replace(/0+$/, "").replace(/\.$/, "") : s;
}
