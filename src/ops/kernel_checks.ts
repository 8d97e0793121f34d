/**
 * PyTorch's refusals of a dtype by a kernel, shared by every op family: the dispatcher's
 * `"hypot_cpu" not implemented for 'Long'` and the floating-only kernels' check.
 */
import { scalar_type_name, type DType } from "../dtype.js";

/** PyTorch's refusal of a dtype by a kernel: `"hypot_cpu" not implemented for 'Long'`. */
export function kernel_not_implemented(kernel: string, d: DType): Error {
  return new Error(`"${kernel}" not implemented for '${scalar_type_name(d)}'`);
}

/** PyTorch's error for a floating-only kernel dispatched on another dtype. */
export function check_float_kernel(kernel: string, d: DType): void {
  if (!d.is_floating_point) throw kernel_not_implemented(kernel, d);
}
