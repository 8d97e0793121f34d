/**
 * Public tensor factories: torch.tensor, as_tensor, zeros, ones, full, empty, the *_like forms,
 * eye, scalar_tensor, from_blob (wrapping a typed array without copying), and the ranges
 * (arange, linspace, logspace: their PyTorch-exact arithmetic is in range.ts).
 *
 * A JS number cannot say whether it was written `3` or `3.0`, so data and fill values that are
 * numbers give the default float dtype unless `dtype` is given (docs/differences.md); only
 * arange, whose arguments are nearly always counts, treats integral numbers as Python ints.
 */
import {
  bool,
  DType,
  float32,
  float64,
  get_default_dtype,
  int32,
  int64,
  promote_types,
  type TypedArray,
} from "../dtype.js";
import { numel } from "../shape.js";
import {
  check_device,
  check_factory_options,
  check_number,
  FACTORY_KEYS,
  is_options,
  parse_shape,
  type ShapeArgs,
} from "./args.js";
import { empty_tensor, from_array } from "./make.js";
import { kernels } from "../backends/index.js";
import { arange_impl, linspace_impl, logspace_impl } from "./range.js";
import { Tensor } from "./tensor.js";
import type { DeviceLike } from "../device.js";

/** PyTorch's keyword arguments of the factories. */
export interface FactoryOptions {
  /** The dtype (the default float for numbers unless said otherwise). */
  dtype?: DType;
  /** Makes the result a leaf that requires grad (floating dtypes only). */
  requires_grad?: boolean;
  /** "cpu" (or `torch.device("cpu")`); any other device throws. */
  device?: DeviceLike;
}

function finish(t: Tensor, o: FactoryOptions): Tensor {
  check_device("tensor", o.device);
  if (o.requires_grad) {
    if (!t.dtype.is_floating_point) {
      throw new Error("Only Tensors of floating point and complex dtype can require gradients");
    }
    t.requires_grad_(true);
  }
  return t;
}

type NestedData = number | boolean | bigint | Tensor | ArrayBufferView | readonly NestedData[];

function typed_array_dtype(a: ArrayBufferView): DType {
  if (a instanceof Float32Array) return float32;
  if (a instanceof Float64Array) return float64;
  if (a instanceof Int32Array || a instanceof Int16Array || a instanceof Int8Array) return int32;
  if (a instanceof Uint16Array) return int32;
  if (a instanceof Uint8Array) {
    check_bool_bytes(a);
    return bool;
  }
  if (a instanceof BigInt64Array || a instanceof Uint32Array) return int64;
  throw new TypeError(`tensor(): unsupported typed array ${a.constructor.name}`);
}

/**
 * A Uint8Array stands for bool (torch-ts has no uint8 dtype): byte values other than 0 and 1
 * are refused rather than turned into `true` (image bytes would silently become a mask).
 */
function check_bool_bytes(a: Uint8Array): void {
  for (let i = 0; i < a.length; i++) {
    if (a[i] > 1) {
      throw new Error(
        `a Uint8Array holds bool values here (torch-ts has no uint8 dtype), but element ${i} is ${a[i]}: pass { dtype: torch.int32 } (or another dtype) to read bytes`,
      );
    }
  }
}

/** Arrays and typed arrays are sequences, as Python lists and NumPy arrays are to torch.tensor. */
function is_sequence(v: unknown): v is ArrayLike<unknown> {
  return Array.isArray(v) || (ArrayBuffer.isView(v) && !(v instanceof DataView));
}

/**
 * The dtype PyTorch infers from data (infer_scalar_type): every element counts, promoted
 * together: booleans are bool, numbers the default float, tensors and typed arrays their own.
 */
function infer_dtype(data: unknown): DType | null {
  if (typeof data === "boolean") return bool;
  if (typeof data === "number") return get_default_dtype();
  if (typeof data === "bigint") return int64;
  if (data instanceof Tensor) return data.dtype;
  if (ArrayBuffer.isView(data)) return typed_array_dtype(data);
  let d: DType | null = null;
  if (Array.isArray(data)) {
    for (const x of data as unknown[]) {
      const e = infer_dtype(x);
      if (e) d = d ? promote_types(d, e) : e;
    }
  }
  return d;
}

/** The sizes of nested sequences, following first elements (PyTorch's compute_sizes). */
function compute_sizes(data: unknown): number[] {
  const shape: number[] = [];
  let v = data;
  while (is_sequence(v)) {
    shape.push(v.length);
    if (v.length === 0) break;
    v = v[0];
  }
  return shape;
}

/**
 * Converts a value to what a storage of `dtype` holds: 0/1 for bool, truncation for ints, whose
 * range is checked as c10's checked_convert does (NaN and infinities are out of every range).
 */
function convert(v: number, dtype: DType): number {
  if (dtype === bool) return v !== 0 ? 1 : 0;
  if (dtype.is_floating_point) return v;
  const fits = dtype === int32 ? v >= -(2 ** 31) && v <= 2 ** 31 - 1 : v >= -(2 ** 63) && v <= 2 ** 63;
  if (!fits) {
    throw new Error(`value cannot be converted to type ${dtype.name} without overflow`);
  }
  return Math.trunc(v) + 0; // integers have no -0
}

function scalar_value(x: unknown): number {
  if (typeof x === "number") return x;
  if (typeof x === "boolean" || typeof x === "bigint") return Number(x);
  if (x instanceof Tensor) {
    if (x.numel() !== 1) throw new Error("only one element tensors can be converted to Python scalars");
    return Number(x.item());
  }
  if (is_sequence(x)) throw new TypeError("tensor(): expected a number but found a sequence");
  throw new TypeError(`tensor(): could not convert ${String(x)} to a number`);
}

/**
 * torch.tensor(data, { dtype, requires_grad }): always copies. data may be a number or boolean
 * (a 0-d tensor), nested arrays of them, typed arrays (BigInt64Array gives int64), tensors with
 * one element inside arrays, or a tensor (copied, detached).
 */
export function tensor(data: NestedData, options: FactoryOptions = {}): Tensor {
  check_factory_options("tensor", options);
  if (data instanceof Tensor) {
    const t = data.detach().to({ dtype: options.dtype ?? data.dtype, copy: true });
    return finish(t, options);
  }
  const dtype = options.dtype ?? infer_dtype(data) ?? get_default_dtype();
  const shape = compute_sizes(data);
  const out = empty_tensor(shape, dtype);
  const d = out._storage.data;
  if (ArrayBuffer.isView(data) && !(data instanceof BigInt64Array) && !(data instanceof DataView)) {
    const src = data as unknown as ArrayLike<number>;
    for (let i = 0; i < src.length; i++) d[i] = convert(src[i], dtype);
    return finish(out, options);
  }
  let k = 0;
  const walk = (x: unknown, dim: number): void => {
    if (dim === shape.length) {
      d[k++] = convert(scalar_value(x), dtype);
      return;
    }
    if (!is_sequence(x)) throw new TypeError("not a sequence");
    if (x.length !== shape[dim]) {
      throw new Error(`expected sequence of length ${shape[dim]} at dim ${dim} (got ${x.length})`);
    }
    for (let i = 0; i < x.length; i++) walk(x[i], dim + 1);
  };
  walk(data, 0);
  return finish(out, options);
}

/**
 * torch.as_tensor: shares memory when it can. A tensor of the requested dtype is returned as
 * is, and a typed array whose element type is the dtype's storage is wrapped without a copy;
 * anything else is converted as torch.tensor does.
 */
export function as_tensor(data: NestedData, options: { dtype?: DType; device?: DeviceLike } = {}): Tensor {
  check_factory_options("as_tensor", options, ["dtype", "device"]);
  if (data instanceof Tensor) {
    return finish(options.dtype === undefined ? data : data.to(options.dtype), options);
  }
  if (ArrayBuffer.isView(data) && !(data instanceof BigInt64Array) && !(data instanceof DataView)) {
    const dtype = options.dtype ?? typed_array_dtype(data);
    if (data instanceof dtype.array && dtype !== int64) return from_blob(data, undefined, options);
  }
  return tensor(data, options);
}

/** Wraps a typed array as a tensor without copying: writes through either are seen by both. */
export function from_blob(data: TypedArray, shape?: readonly number[], options: FactoryOptions = {}): Tensor {
  check_factory_options("from_blob", options);
  const dtype = options.dtype ?? typed_array_dtype(data);
  if (!(data instanceof dtype.array)) {
    throw new TypeError(`from_blob: a ${data.constructor.name} cannot hold ${String(dtype)}`);
  }
  // wrapped as is: a bool tensor's bytes must already be 0 or 1
  if (dtype === bool) check_bool_bytes(data as Uint8Array);
  const s = shape ?? [data.length];
  if (numel(s) !== data.length) {
    throw new Error(`from_blob: shape [${s.join(", ")}] does not match ${data.length} elements`);
  }
  return finish(from_array(data, s, dtype), options);
}

function check_sizes(shape: readonly number[]): void {
  for (const s of shape) {
    if (s < 0) throw new Error(`Trying to create tensor with negative dimension ${s}: [${shape.join(", ")}]`);
  }
}

/** c10's checked_convert of a fill value: PyTorch refuses values the dtype cannot hold. */
function check_fill(v: number, dtype: DType): void {
  let c_name: string | null = null;
  if (dtype === float32 && Number.isFinite(v) && Math.abs(v) > 3.4028234663852886e38) c_name = "float";
  else if (dtype === int32 && !(v >= -(2 ** 31) && v <= 2 ** 31 - 1)) c_name = "int";
  else if (dtype === int64 && !(v >= -(2 ** 63) && v <= 2 ** 63)) c_name = "int64_t";
  if (c_name) throw new Error(`value cannot be converted to type ${c_name} without overflow`);
}

/** @internal A tensor of `shape` filled with `value`; booleans give bool, numbers the default float. */
export function full_tensor(shape: readonly number[], value: number | boolean, o: FactoryOptions): Tensor {
  check_sizes(shape);
  const dtype = o.dtype ?? (typeof value === "boolean" ? bool : get_default_dtype());
  check_fill(Number(value), dtype);
  const t = empty_tensor(shape, dtype);
  const v = convert(Number(value), dtype);
  if (v !== 0 || Object.is(v, -0)) kernels().fill(t._view(), v);
  return finish(t, o);
}

/**
 * A tensor of zeros of the given shape (varargs or one array), in the default float dtype unless `{ dtype
 * }`.
 */
export function zeros(...args: ShapeArgs<FactoryOptions>): Tensor {
  const { shape, options } = parse_shape<FactoryOptions>("zeros", args, FACTORY_KEYS);
  return full_tensor(shape, 0, options);
}

/**
 * A tensor of ones of the given shape (varargs or one array), in the default float dtype unless `{ dtype
 * }`.
 */
export function ones(...args: ShapeArgs<FactoryOptions>): Tensor {
  const { shape, options } = parse_shape<FactoryOptions>("ones", args, FACTORY_KEYS);
  return full_tensor(shape, 1, options);
}

/** torch.empty: zero-filled here (typed arrays start zeroed), which is one valid "uninitialized". */
export function empty(...args: ShapeArgs<FactoryOptions>): Tensor {
  const { shape, options } = parse_shape<FactoryOptions>("empty", args, FACTORY_KEYS);
  return full_tensor(shape, 0, options);
}

/** torch.full(size, fill_value): a number fill gives the default float unless dtype is given. */
export function full(
  size: readonly number[] | number,
  fill_value: number | boolean,
  options: FactoryOptions = {},
): Tensor {
  check_factory_options("full", options);
  check_number("full", "fill_value", fill_value, true);
  return full_tensor(typeof size === "number" ? [size] : size, fill_value, options);
}

/** @internal Tensor.new_zeros / new_ones / new_empty(size...): self's dtype unless options say otherwise. */
export function new_filled(self: Tensor, fill: number, op: string, args: ShapeArgs<FactoryOptions>): Tensor {
  const { shape, options } = parse_shape<FactoryOptions>(op, args, FACTORY_KEYS);
  return full_tensor(shape, fill, { dtype: self.dtype, ...options });
}

type LikeOptions = FactoryOptions;

/** Zeros with t's shape and dtype (options may change the dtype). */
export function zeros_like(t: Tensor, options: LikeOptions = {}): Tensor {
  check_factory_options("zeros_like", options);
  return full_tensor(t.shape, 0, { dtype: t.dtype, ...options });
}
/** Ones with t's shape and dtype (options may change the dtype). */
export function ones_like(t: Tensor, options: LikeOptions = {}): Tensor {
  check_factory_options("ones_like", options);
  return full_tensor(t.shape, 1, { dtype: t.dtype, ...options });
}
/** A tensor with t's shape and dtype; its values are zeros here, which PyTorch leaves undefined. */
export function empty_like(t: Tensor, options: LikeOptions = {}): Tensor {
  check_factory_options("empty_like", options);
  return full_tensor(t.shape, 0, { dtype: t.dtype, ...options });
}
/** fill_value everywhere, with t's shape and dtype (options may change the dtype). */
export function full_like(t: Tensor, fill_value: number | boolean, options: LikeOptions = {}): Tensor {
  check_factory_options("full_like", options);
  check_number("full_like", "fill_value", fill_value, true);
  return full_tensor(t.shape, fill_value, { dtype: t.dtype, ...options });
}

/**
 * torch.arange(end) / arange(start, end, step?) with an optional trailing options object.
 * Integral arguments give int64, as Python ints do; any other number gives the default float.
 */
export function arange(...args: (number | FactoryOptions)[]): Tensor {
  let o: FactoryOptions = {};
  if (args.length && is_options(args[args.length - 1])) o = args.pop() as FactoryOptions;
  check_factory_options("arange", o);
  const nums = args as number[];
  for (const v of nums) {
    if (typeof v !== "number") throw new TypeError(`arange(): expected numbers, got ${String(v)}`);
  }
  if (nums.length === 0) throw new TypeError("arange() missing required argument 'end'");
  if (nums.length > 3)
    throw new TypeError(`arange() takes at most 3 positional arguments (${nums.length} given)`);
  const [start, end, step] = nums.length === 1 ? [0, nums[0], 1] : [nums[0], nums[1], nums[2] ?? 1];
  return finish(arange_impl(start, end, step, o.dtype), o);
}

function check_range_numbers(op: string, start: unknown, end: unknown, steps: unknown): void {
  check_number(op, "start", start);
  check_number(op, "end", end);
  check_number(op, "steps", steps);
}

/** torch.linspace(start, end, steps): PyTorch fills the first half from start, the second from end. */
export function linspace(start: number, end: number, steps: number, options: FactoryOptions = {}): Tensor {
  check_factory_options("linspace", options);
  check_range_numbers("linspace", start, end, steps);
  return finish(linspace_impl(start, end, steps, options.dtype), options);
}

/** torch.logspace(start, end, steps, base = 10): base ** linspace(start, end, steps). */
export function logspace(
  start: number,
  end: number,
  steps: number,
  base: number | (FactoryOptions & { base?: number }) = 10,
  options: FactoryOptions = {},
): Tensor {
  let b: number;
  if (typeof base === "object") {
    const { base: ob, ...rest } = base;
    b = ob ?? 10;
    options = rest;
  } else b = base;
  check_factory_options("logspace", options);
  check_range_numbers("logspace", start, end, steps);
  check_number("logspace", "base", b);
  return finish(logspace_impl(start, end, steps, b, options.dtype), options);
}

/** torch.eye(n, m = n): ones on the diagonal. */
export function eye(n: number, m?: number | FactoryOptions, options: FactoryOptions = {}): Tensor {
  if (typeof m === "object") {
    options = m;
    m = undefined;
  }
  check_factory_options("eye", options);
  const cols = m ?? n;
  if (!Number.isInteger(n))
    throw new TypeError(
      `eye(): argument 'n' (position 1) must be int, not ${typeof n === "number" ? "float" : typeof n}`,
    );
  if (!Number.isInteger(cols))
    throw new TypeError(
      `eye(): argument 'm' (position 2) must be int, not ${typeof cols === "number" ? "float" : typeof cols}`,
    );
  if (n < 0) throw new Error(`n must be greater or equal to 0, got ${n}`);
  if (cols < 0) throw new Error(`m must be greater or equal to 0, got ${cols}`);
  const t = empty_tensor([n, cols], options.dtype ?? get_default_dtype());
  const d = t._storage.data;
  for (let i = 0; i < Math.min(n, cols); i++) d[i * cols + i] = 1;
  return finish(t, options);
}

/** torch.scalar_tensor(s): a 0-d tensor of the default float dtype (booleans too) unless dtype is given. */
export function scalar_tensor(v: number | boolean, options: FactoryOptions = {}): Tensor {
  check_factory_options("scalar_tensor", options);
  return full_tensor([], Number(v), { ...options, dtype: options.dtype ?? get_default_dtype() });
}
