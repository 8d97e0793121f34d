/**
 * torch.testing.assert_close: PyTorch's per-dtype default tolerances (float32 rtol 1.3e-6,
 * atol 1e-5; float64 rtol 1e-7, atol 1e-7; exact for integers and bool) and a message naming
 * the first mismatching index, its value, the expected value and the tolerance.
 */
import type { DType } from "../dtype.js";
import { fmt_shape } from "../shape.js";
import { Tensor } from "../tensor/tensor.js";
import { row_major } from "../ops/convert/convert.js";

/**
 * Keyword arguments of {@link assert_close}: rtol and atol (both or neither; by default PyTorch's per-dtype
 * tolerances), equal_nan, check_dtype (default true) and msg, the message of the failure.
 */
export interface CloseOptions {
  rtol?: number;
  atol?: number;
  equal_nan?: boolean;
  check_dtype?: boolean;
  msg?: string;
}

const DEFAULT_TOL: Record<string, [number, number]> = {
  float32: [1.3e-6, 1e-5],
  float64: [1e-7, 1e-7],
};

/**
 * The default [rtol, atol] of a dtype in assert_close: PyTorch's [1.3e-6, 1e-5] for float32 and [1e-7,
 * 1e-7] for float64; exact for the others.
 */
export function default_tolerances(d: DType): [number, number] {
  return DEFAULT_TOL[d.name] ?? [0, 0];
}

function flat(t: Tensor): number[] {
  return Array.from(row_major(t));
}

function unravel(i: number, shape: readonly number[]): number[] {
  const idx = new Array<number>(shape.length);
  for (let d = shape.length - 1; d >= 0; d--) {
    idx[d] = i % shape[d];
    i = Math.floor(i / shape[d]);
  }
  return idx;
}

/**
 * Throws unless actual and expected have the same shape (and dtype, unless check_dtype is false) and every
 * element satisfies |actual - expected| <= atol + rtol * |expected|; the message names the mismatched
 * elements, as PyTorch's.
 */
export function assert_close(actual: Tensor, expected: Tensor, options: CloseOptions = {}): void {
  const prefix = options.msg ? `${options.msg}: ` : "";
  if (!(actual instanceof Tensor) || !(expected instanceof Tensor)) {
    throw new TypeError(`${prefix}assert_close expects two tensors`);
  }
  if (actual.shape.length !== expected.shape.length || actual.shape.some((s, i) => s !== expected.shape[i])) {
    throw new Error(
      `${prefix}The values for attribute 'shape' do not match: ${fmt_shape(actual.shape)} != ${fmt_shape(expected.shape)}.`,
    );
  }
  if ((options.check_dtype ?? true) && actual.dtype !== expected.dtype) {
    throw new Error(
      `${prefix}The values for attribute 'dtype' do not match: ${actual.dtype.toString()} != ${expected.dtype.toString()}.`,
    );
  }
  if ((options.rtol === undefined) !== (options.atol === undefined)) {
    // as PyTorch: atol 0 alone would still pass on the default rtol, a surprising result
    throw new Error(
      `${prefix}Both 'rtol' and 'atol' must be either specified or omitted, but got no ${options.rtol === undefined ? "rtol" : "atol"}.`,
    );
  }
  // the looser of the two dtypes' defaults, as PyTorch (they differ only with check_dtype off)
  const [art, aat] = default_tolerances(actual.dtype);
  const [ert, eat] = default_tolerances(expected.dtype);
  const rtol = options.rtol ?? Math.max(art, ert);
  const atol = options.atol ?? Math.max(aat, eat);
  const a = flat(actual);
  const e = flat(expected);
  let bad = 0;
  let first = -1;
  let worst = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    const y = e[i];
    let ok: boolean;
    if (Number.isNaN(x) || Number.isNaN(y))
      ok = (options.equal_nan ?? false) && Number.isNaN(x) && Number.isNaN(y);
    else if (x === y) ok = true;
    else ok = Number.isFinite(x) && Number.isFinite(y) && Math.abs(x - y) <= atol + rtol * Math.abs(y);
    if (!ok) {
      bad++;
      if (first < 0) first = i;
      worst = Math.max(worst, Math.abs(x - y));
    }
  }
  if (bad) {
    const idx = unravel(first, actual.shape);
    throw new Error(
      `${prefix}Tensor-likes are not close!\n\nMismatched elements: ${bad} / ${a.length}\n` +
        `Greatest absolute difference: ${worst}\n` +
        `First mismatch at index (${idx.join(", ")}): ${a[first]} != ${e[first]} (up to ${atol} allowed, rtol ${rtol})`,
    );
  }
}
