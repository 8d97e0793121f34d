/**
 * Checks that throw PyTorch-worded errors. PyTorch's RuntimeError is a plain Error here,
 * IndexError a RangeError and TypeError a TypeError, so `catch` code can tell them apart.
 */
import type { DType } from "./dtype.js";
import { fmt_shape, type Shape } from "./shape.js";

export function check(cond: boolean, message: string | (() => string)): asserts cond {
  if (!cond) throw new Error(typeof message === "string" ? message : message());
}

export function check_index(cond: boolean, message: string | (() => string)): asserts cond {
  if (!cond) throw new RangeError(typeof message === "string" ? message : message());
}

export function check_type(cond: boolean, message: string | (() => string)): asserts cond {
  if (!cond) throw new TypeError(typeof message === "string" ? message : message());
}

/** "expected a floating point tensor, got torch.int64" style checks for ops limited to floats. */
export function check_floating(op: string, dtype: DType): void {
  check(dtype.is_floating_point, () => `${op}: expected a floating point tensor, but got ${String(dtype)}`);
}

export function check_same_shape(op: string, a: Shape, b: Shape): void {
  check(
    a.length === b.length && a.every((s, i) => s === b[i]),
    () => `${op}: expected tensors of the same size, but got ${fmt_shape(a)} and ${fmt_shape(b)}`,
  );
}
