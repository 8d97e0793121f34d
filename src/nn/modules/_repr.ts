/**
 * Python's str() of the values extra_repr prints, so module reprs read as PyTorch's:
 * floats as repr(float) (`1e-05`, `0.5`, `2.0`), booleans as True/False, shapes as tuples.
 */

/** repr(float(x)): shortest round-trip digits, scientific below 1e-4 and from 1e16 on. */
export function py_float(x: number): string {
  if (Number.isNaN(x)) return "nan";
  if (!Number.isFinite(x)) return x > 0 ? "inf" : "-inf";
  if (x === 0) return Object.is(x, -0) ? "-0.0" : "0.0";
  const [mant, exp_str] = x.toExponential().split("e");
  const exp = Number(exp_str);
  if (exp < -4 || exp >= 16) {
    const e = Math.abs(exp);
    return `${mant}e${exp < 0 ? "-" : "+"}${e < 10 ? "0" : ""}${e}`;
  }
  const s = x.toFixed(Math.max(0, (mant.split(".")[1]?.length ?? 0) - exp));
  return s.includes(".") ? s : `${s}.0`;
}

/** str(bool) */
export function py_bool(b: boolean): string {
  return b ? "True" : "False";
}

/** str(tuple) of ints: `(4,)`, `(2, 3)`. */
export function py_tuple(t: readonly number[]): string {
  return t.length === 1 ? `(${t[0]},)` : `(${t.join(", ")})`;
}
