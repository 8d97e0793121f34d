/**
 * Argument checks worded as PyTorch words them, shared by every layer: the generic check that
 * throws PyTorch's RuntimeError, and the int checks of its argument parser.
 */

/**
 * The check that throws PyTorch's RuntimeError (a plain Error here; IndexError is thrown as a
 * RangeError and TypeError as a TypeError, so `catch` code can tell them apart).
 */
export function check(cond: boolean, message: string | (() => string)): asserts cond {
  if (!cond) throw new Error(typeof message === "string" ? message : message());
}

/**
 * PyTorch's argument parser refuses a float where an int is due. JS has one number type, so a
 * port's `n / 2` (Python's `n // 2`) arrives as 2.5: refused here with PyTorch's TypeError rather
 * than read as a fractional offset or size. `pos` counts as for the Tensor method (self excluded).
 */
export function int_arg(op: string, name: string, pos: number, v: number): number {
  if (!Number.isInteger(v)) {
    throw new TypeError(`${op}(): argument '${name}' (position ${pos}) must be int, not float`);
  }
  return v;
}

/** The same for a list of ints (sizes, strides, shifts, split sizes). */
export function ints_arg<T extends readonly number[]>(op: string, name: string, pos: number, vs: T): T {
  const i = vs.findIndex((v) => !Number.isInteger(v));
  if (i >= 0) {
    throw new TypeError(
      `${op}(): argument '${name}' (position ${pos}) must be tuple of ints, but found element of type float at pos ${i}`,
    );
  }
  return vs;
}
