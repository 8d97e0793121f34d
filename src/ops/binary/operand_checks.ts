/**
 * The binary ops' checks of their operands: Python's refusal of a scalar where only a Tensor is
 * accepted, and integer division by zero, which PyTorch raises instead of producing garbage;
 * with the value scan they (and allclose/equal) read a tensor through.
 */
import { rows } from "../../backends/js/iter.js";
import type { DType } from "../../dtype.js";
import { py_type } from "../../format.js";
import { Tensor } from "../../tensor/tensor.js";
import type { TensorOrScalar } from "./binary_kernel.js";

/** Python's refusal of a scalar where only a Tensor is accepted. */
export function check_tensor(
  op: string,
  x: TensorOrScalar,
  position: number,
  name: string,
): asserts x is Tensor {
  if (!(x instanceof Tensor)) {
    throw new TypeError(
      `${op}(): argument '${name}' (position ${position}) must be Tensor, not ${py_type(x)}`,
    );
  }
}

/** Whether fn(value) holds for some element of t, read in row-major order (stops at the first). */
export function some_value(t: Tensor, fn: (v: number) => boolean): boolean {
  const v = t._view();
  const d = v.data;
  const it = rows(v.shape, [v]);
  const step = it.inner[0];
  for (let r = 0; r < it.count; r++, it.next()) {
    for (let i = 0, o = it.start[0]; i < it.n; i++, o += step) if (fn(d[o])) return true;
  }
  return false;
}

/** Integer division and remainder by zero: PyTorch raises instead of producing garbage. */
export function check_int_divisor(dtype: DType, b: TensorOrScalar): void {
  if (dtype.is_floating_point) return;
  const zero = b instanceof Tensor ? some_value(b, (v) => v === 0) : Number(b) === 0;
  if (zero) throw new Error("ZeroDivisionError");
}
