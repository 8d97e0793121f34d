/**
 * Shared argument handling of the convolution and pooling ops: an int-or-tuple argument expanded
 * to one value per spatial dim (PyTorch's expand_param_if_needed and pooling's checks), the
 * pooling output size (ceil_mode's last-window rule), and the strided views of the window
 * kernels (src/backends/window_kernels.ts).
 */
import type { StridedView } from "../../backends/backend.js";
import type { Window2d } from "../../backends/window_kernels.js";
import { py_type } from "../../format.js";
import { check } from "../../errors.js";
import type { Tensor } from "../../tensor/tensor.js";

/** An int, or one int per spatial dim (a tuple in Python, an array here). */
export type IntOrTuple = number | readonly number[];

/** Refuses a non-int (a JS float where Python would pass an int, a string, ...) with Python's TypeError. */
export function check_ints(op: string, name: string, v: unknown): asserts v is IntOrTuple {
  const ok = Number.isInteger(v) || (Array.isArray(v) && v.every((e) => Number.isInteger(e)));
  if (!ok) {
    const got = typeof v === "string" ? `str ('${v}')` : py_type(v);
    throw new TypeError(`${op}(): argument '${name}' must be tuple of ints, not ${got}`);
  }
}

/** PyTorch's list repr of ints: [1, 2]. */
export function int_list(v: readonly number[]): string {
  return `[${v.join(", ")}]`;
}

/**
 * expand_param_if_needed: an int, or a list of one, applies to every spatial dim; otherwise the
 * list must have one value per spatial dim.
 */
export function expand_param(name: string, v: IntOrTuple, dims: number): number[] {
  if (typeof v === "number") return new Array<number>(dims).fill(v);
  if (v.length === 1) return new Array<number>(dims).fill(v[0]);
  if (v.length !== dims) {
    throw new Error(
      `expected ${name} to be a single integer value or a list of ${dims} values to match the convolution dimensions, but got ${name}=${int_list(v)}`,
    );
  }
  return [...v];
}

/** Python's floor division (div_rtn): rounds toward negative infinity. */
function div_rtn(a: number, b: number): number {
  return Math.floor(a / b);
}

/**
 * pooling_output_shape: windows that fit, or with ceil_mode one more partial window, provided it
 * starts inside the input or its left padding (a window starting in the right padding is dropped).
 */
export function pooling_output_size(
  size: number,
  kernel: number,
  pad: number,
  stride: number,
  dilation: number,
  ceil_mode: boolean,
): number {
  if (stride === 0) throw new Error("stride should not be zero");
  if (pad < 0) throw new Error(`pad must be non-negative, but got pad: ${pad}`);
  if (pad > Math.trunc(((kernel - 1) * dilation + 1) / 2)) {
    throw new Error(
      `pad should be at most half of effective kernel size, but got pad=${pad}, kernel_size=${kernel} and dilation=${dilation}`,
    );
  }
  let out = div_rtn(size + 2 * pad - dilation * (kernel - 1) - 1 + (ceil_mode ? stride - 1 : 0), stride) + 1;
  if (ceil_mode && (out - 1) * stride >= size + pad) out--;
  return out;
}

/** A 2-D pooling argument as PyTorch checks it: an int, or a tuple of one or two (`message` otherwise). */
export function pool_pair(op: string, name: string, v: IntOrTuple, message: string): [number, number] {
  check_ints(op, name, v);
  if (typeof v === "number") return [v, v];
  check(v.length === 1 || v.length === 2, `${op}: ${name} ${message}`);
  return v.length === 1 ? [v[0], v[0]] : [v[0], v[1]];
}

/** A 2-D pooling's kernel_size and stride (omitted, null or [] is the kernel size), checked as its meta function does. */
export function pool_kernel_stride(
  op: string,
  kernel_size: IntOrTuple | undefined,
  stride: IntOrTuple | null | undefined,
): [[number, number], [number, number]] {
  if (kernel_size === undefined) throw new TypeError(`${op}() missing required argument 'kernel_size'`);
  const k = pool_pair(op, "kernel_size", kernel_size, "must either be a single int, or a tuple of two ints");
  if (stride === undefined || stride === null || (Array.isArray(stride) && stride.length === 0))
    return [k, k];
  return [k, pool_pair(op, "stride", stride, "must either be omitted, a single int, or a tuple of two ints")];
}

/**
 * pool2d_shape_check (aten's Pool.h), once the output size is known: positive kernel, stride and
 * dilation, non-empty planes, padding at most half the kernel, an output of at least 1 x 1.
 */
export function pool2d_shape_check(
  input: Tensor,
  k: readonly number[],
  s: readonly number[],
  p: readonly number[],
  d: readonly number[],
  OH: number,
  OW: number,
): void {
  check(
    k[0] > 0 && k[1] > 0,
    () => `kernel size should be greater than zero, but got kH: ${k[0]} kW: ${k[1]}`,
  );
  check(s[0] > 0 && s[1] > 0, () => `stride should be greater than zero, but got dH: ${s[0]} dW: ${s[1]}`);
  check(
    d[0] > 0 && d[1] > 0,
    () => `dilation should be greater than zero, but got dilationH: ${d[0]} dilationW: ${d[1]}`,
  );
  const sh = input.shape;
  const [C, H, W] = sh.slice(-3);
  const planes = C !== 0 && H !== 0;
  check(
    (input.dim() === 3 && sh[0] !== 0 && planes) || (input.dim() === 4 && planes && W !== 0),
    () =>
      `Expected 3D or 4D (batch mode) tensor with optional 0 dim batch size for input, but got:[${sh.join(", ")}]`,
  );
  check(
    Math.trunc(k[1] / 2) >= p[1] && Math.trunc(k[0] / 2) >= p[0],
    () =>
      `pad should be smaller than or equal to half of kernel size, but got padW = ${p[1]}, padH = ${p[0]}, kW = ${k[1]}, kH = ${k[0]}`,
  );
  check(
    OW >= 1 && OH >= 1,
    () =>
      `Given input size: (${C}x${H}x${W}). Calculated output size: (${C}x${OH}x${OW}). Output size is too small`,
  );
}

/** A contiguous [N, C, H, W] tensor's view with 1-D (length-only) inputs seen as H = 1. */
export function image_view(t: Tensor): StridedView {
  const v = t._view();
  if (v.shape.length === 4) return v;
  const [s, st] = [v.shape, v.strides];
  return {
    data: v.data,
    dtype: v.dtype,
    shape: [s[0], s[1], 1, s[2]],
    strides: [st[0], st[1], 0, st[2]],
    offset: v.offset,
  };
}

/** A window over 1 or 2 spatial dims, as the 2-D kernels take it (a 1-D one is 1 x L). */
export function window2d(
  kernel: readonly number[],
  stride: readonly number[],
  padding: readonly number[],
  dilation: readonly number[],
): Window2d {
  if (kernel.length === 1) {
    return {
      kernel: [1, kernel[0]],
      stride: [1, stride[0]],
      padding: [0, padding[0]],
      dilation: [1, dilation[0]],
    };
  }
  return {
    kernel: [kernel[0], kernel[1]],
    stride: [stride[0], stride[1]],
    padding: [padding[0], padding[1]],
    dilation: [dilation[0], dilation[1]],
  };
}
