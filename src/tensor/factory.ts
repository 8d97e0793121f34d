/**
 * Public tensor factories: torch.tensor, zeros, ones, full, empty, arange, linspace, logspace,
 * eye, the *_like forms, and from_blob-style wrapping of a typed array without copying.
 */
import { bool, DType, float32, float64, get_default_dtype, int32, int64, type TypedArray } from "../dtype.js";
import { numel } from "../shape.js";
import { parse_shape, type ShapeArgs } from "./args.js";
import { empty_tensor, from_array } from "./make.js";
import { Tensor } from "./tensor.js";

export interface FactoryOptions {
  dtype?: DType;
  requires_grad?: boolean;
  device?: string;
}

function finish(t: Tensor, o: FactoryOptions): Tensor {
  if (o.device !== undefined && o.device !== "cpu") {
    throw new Error(`device '${o.device}' is not available: torch-ts runs on the cpu`);
  }
  if (o.requires_grad) t.requires_grad_(true);
  return t;
}

type NestedData = number | boolean | NestedData[] | readonly NestedData[];

/** The dtype PyTorch infers from data: bool for booleans, else the default float. */
function infer_dtype(data: unknown): DType {
  let v: unknown = data;
  while (Array.isArray(v)) {
    if (v.length === 0) return get_default_dtype();
    v = v[0];
  }
  if (typeof v === "boolean") return bool;
  if (v instanceof Tensor) return v.dtype;
  return get_default_dtype();
}

function typed_array_dtype(a: TypedArray | ArrayBufferView): DType {
  if (a instanceof Float32Array) return float32;
  if (a instanceof Float64Array) return float64;
  if (a instanceof Int32Array) return int32;
  if (a instanceof Uint8Array) return bool;
  if (a instanceof BigInt64Array) return int64;
  throw new TypeError(`tensor(): unsupported typed array ${a.constructor.name}`);
}

/** torch.tensor(data): copies nested arrays, numbers, booleans, tensors or typed arrays. */
export function tensor(
  data: NestedData | Tensor | ArrayBufferView | readonly Tensor[],
  options: FactoryOptions = {},
): Tensor {
  if (data instanceof Tensor) {
    const t = data.detach().to({ dtype: options.dtype ?? data.dtype, copy: true });
    return finish(t, options);
  }
  if (ArrayBuffer.isView(data)) {
    const src = data instanceof BigInt64Array ? Float64Array.from(data, Number) : (data as TypedArray);
    const dtype = options.dtype ?? typed_array_dtype(data);
    const out = empty_tensor([src.length], dtype);
    copy_numbers(out, src);
    return finish(out, options);
  }
  const shape: number[] = [];
  let v: unknown = data;
  while (Array.isArray(v)) {
    shape.push(v.length);
    v = v[0];
  }
  if (v instanceof Tensor) {
    // a list of tensors: nested arrays of their values
    return tensor((data as Tensor[]).map((t) => t.tolist()) as NestedData, {
      ...options,
      dtype: options.dtype ?? v.dtype,
    });
  }
  const dtype = options.dtype ?? infer_dtype(data);
  const out = empty_tensor(shape, dtype);
  const d = out._storage.data;
  let k = 0;
  const walk = (x: unknown, dim: number): void => {
    if (dim === shape.length) {
      if (typeof x !== "number" && typeof x !== "boolean") {
        throw new TypeError(`tensor(): could not convert ${String(x)} to a number`);
      }
      d[k++] = convert(Number(x), dtype);
      return;
    }
    if (!Array.isArray(x) || x.length !== shape[dim]) {
      throw new Error(
        `expected sequence of length ${shape[dim]} at dim ${dim} (got ${Array.isArray(x) ? x.length : "a scalar"})`,
      );
    }
    for (const e of x) walk(e, dim + 1);
  };
  walk(data, 0);
  return finish(out, options);
}

function convert(v: number, dtype: DType): number {
  if (dtype === bool) return v !== 0 ? 1 : 0;
  if (!dtype.is_floating_point) return Math.trunc(v);
  return v;
}

function copy_numbers(out: Tensor, src: ArrayLike<number>): void {
  const d = out._storage.data;
  for (let i = 0; i < src.length; i++) d[i] = convert(src[i], out.dtype);
}

/** Wraps a typed array as a tensor without copying: writes through either are seen by both. */
export function from_blob(data: TypedArray, shape?: readonly number[], options: FactoryOptions = {}): Tensor {
  const dtype = options.dtype ?? typed_array_dtype(data);
  if (!(data instanceof dtype.array)) {
    throw new TypeError(`from_blob: a ${data.constructor.name} cannot hold ${String(dtype)}`);
  }
  const s = shape ?? [data.length];
  if (numel(s) !== data.length) {
    throw new Error(`from_blob: shape [${s.join(", ")}] does not match ${data.length} elements`);
  }
  return finish(from_array(data, s, dtype), options);
}

export function full_tensor(shape: readonly number[], value: number | boolean, o: FactoryOptions): Tensor {
  const dtype = o.dtype ?? (typeof value === "boolean" ? bool : get_default_dtype());
  const t = empty_tensor(shape, dtype);
  const v = convert(Number(value), dtype);
  if (v !== 0) t._storage.data.fill(v);
  return finish(t, o);
}

export function zeros(...args: ShapeArgs<FactoryOptions>): Tensor {
  const { shape, options } = parse_shape<FactoryOptions>("zeros", args);
  return full_tensor(shape, 0, options);
}

export function ones(...args: ShapeArgs<FactoryOptions>): Tensor {
  const { shape, options } = parse_shape<FactoryOptions>("ones", args);
  return full_tensor(shape, 1, options);
}

/** torch.empty: zero-filled here (typed arrays start zeroed), which is one valid "uninitialized". */
export function empty(...args: ShapeArgs<FactoryOptions>): Tensor {
  const { shape, options } = parse_shape<FactoryOptions>("empty", args);
  return full_tensor(shape, 0, options);
}

export function full(
  size: readonly number[],
  fill_value: number | boolean,
  options: FactoryOptions = {},
): Tensor {
  return full_tensor(size, fill_value, options);
}

type LikeOptions = FactoryOptions;

export function zeros_like(t: Tensor, options: LikeOptions = {}): Tensor {
  return full_tensor(t.shape, 0, { dtype: t.dtype, ...options });
}
export function ones_like(t: Tensor, options: LikeOptions = {}): Tensor {
  return full_tensor(t.shape, 1, { dtype: t.dtype, ...options });
}
export function empty_like(t: Tensor, options: LikeOptions = {}): Tensor {
  return full_tensor(t.shape, 0, { dtype: t.dtype, ...options });
}
export function full_like(t: Tensor, fill_value: number | boolean, options: LikeOptions = {}): Tensor {
  return full_tensor(t.shape, fill_value, { dtype: t.dtype, ...options });
}

/**
 * torch.arange(end) / arange(start, end, step?). Integral arguments give int64, as in
 * PyTorch; the length is ceil((end - start) / step), computed in double.
 */
export function arange(...args: (number | FactoryOptions)[]): Tensor {
  let o: FactoryOptions = {};
  if (args.length && typeof args[args.length - 1] === "object") o = args.pop() as FactoryOptions;
  const nums = args as number[];
  let start = 0;
  let end: number;
  let step = 1;
  if (nums.length === 1) end = nums[0];
  else if (nums.length >= 2) {
    start = nums[0];
    end = nums[1];
    step = nums[2] ?? 1;
  } else throw new TypeError("arange() missing required argument 'end'");
  if (step === 0) throw new Error("step must be nonzero");
  if ((step > 0 && end < start) || (step < 0 && end > start)) {
    throw new Error("upper bound and larger bound inconsistent with step sign");
  }
  const all_int = nums.every((v) => Number.isInteger(v));
  const dtype = o.dtype ?? (all_int ? int64 : get_default_dtype());
  const n = Math.ceil((end - start) / step);
  const t = empty_tensor([n], dtype);
  const d = t._storage.data;
  for (let i = 0; i < n; i++) d[i] = convert(start + i * step, dtype);
  return finish(t, o);
}

/** torch.linspace: PyTorch fills the first half from start and the second half from end. */
export function linspace(start: number, end: number, steps: number, options: FactoryOptions = {}): Tensor {
  if (!Number.isInteger(steps) || steps < 0) throw new Error("number of steps must be non-negative");
  const dtype = options.dtype ?? get_default_dtype();
  const t = empty_tensor([steps], dtype);
  const d = t._storage.data;
  if (steps === 1) d[0] = convert(start, dtype);
  else if (steps > 1) {
    const step = (end - start) / (steps - 1);
    const half = Math.floor(steps / 2);
    for (let i = 0; i < steps; i++) {
      d[i] = convert(i < half ? start + step * i : end - step * (steps - i - 1), dtype);
    }
  }
  return finish(t, options);
}

export function logspace(
  start: number,
  end: number,
  steps: number,
  base: number | FactoryOptions = 10,
  options: FactoryOptions = {},
): Tensor {
  if (typeof base === "object") {
    options = base;
    base = 10;
  }
  const lin = linspace(start, end, steps, { dtype: float64 });
  const dtype = options.dtype ?? get_default_dtype();
  const t = empty_tensor([steps], dtype);
  const src = lin._storage.data;
  const d = t._storage.data;
  for (let i = 0; i < steps; i++) d[i] = convert(Math.pow(base, src[i]), dtype);
  return finish(t, options);
}

export function eye(n: number, m?: number | FactoryOptions, options: FactoryOptions = {}): Tensor {
  if (typeof m === "object") {
    options = m;
    m = undefined;
  }
  const cols = m ?? n;
  const t = empty_tensor([n, cols], options.dtype ?? get_default_dtype());
  const d = t._storage.data;
  for (let i = 0; i < Math.min(n, cols); i++) d[i * cols + i] = 1;
  return finish(t, options);
}

/** torch.scalar_tensor */
export function scalar_tensor(v: number | boolean, options: FactoryOptions = {}): Tensor {
  return full_tensor([], v, options);
}
