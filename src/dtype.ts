/**
 * Data types: `torch.float32` and friends, their storage arrays, and PyTorch's type promotion.
 *
 * int64 is stored in a Float64Array: JS has no fast 64-bit integer array, and the values a
 * model handles (indices, counts, labels) are far below 2^53, where doubles are exact.
 */

export type TypedArray = Float32Array | Float64Array | Int32Array | Uint8Array;
export type TypedArrayConstructor =
  Float32ArrayConstructor | Float64ArrayConstructor | Int32ArrayConstructor | Uint8ArrayConstructor;

export type DTypeName = "float32" | "float64" | "int64" | "int32" | "bool";

/**
 * A tensor element type: `torch.float32`, `torch.float64`, `torch.int64`, `torch.int32` or `torch.bool`.
 * One object per dtype, so dtypes compare with `===`; prints as PyTorch's (`torch.float32`).
 */
export class DType {
  /** PyTorch's name for this class, which bundlers cannot rename (src/names.ts). */
  static readonly __name__: string = "DType";
  constructor(
    readonly name: DTypeName,
    readonly itemsize: number,
    readonly is_floating_point: boolean,
    readonly array: TypedArrayConstructor,
    /** position in the promotion order bool < int32 < int64 < float32 < float64 */
    readonly rank: number,
  ) {}
  /** False only for bool. */
  get is_signed(): boolean {
    return this.name !== "bool";
  }
  /** PyTorch's name: `"torch.float32"`. */
  toString(): string {
    return `torch.${this.name}`;
  }
  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return this.toString();
  }
}

/** Booleans, one byte each; prints `True`/`False`. */
export const bool = new DType("bool", 1, false, Uint8Array, 0);
/** 32-bit signed integers. */
export const int32 = new DType("int32", 4, false, Int32Array, 1);
/**
 * 64-bit signed integers, PyTorch's default integer dtype (indices, counts); values are exact within
 * JavaScript's safe integers (±2^53).
 */
export const int64 = new DType("int64", 8, false, Float64Array, 2);
/** 32-bit floats, the default dtype. */
export const float32 = new DType("float32", 4, true, Float32Array, 3);
/** 64-bit floats. */
export const float64 = new DType("float64", 8, true, Float64Array, 4);

export const DTYPES: readonly DType[] = [bool, int32, int64, float32, float64];
// PyTorch's aliases
/** Alias of {@link float32}. */
export const float = float32;
/** Alias of {@link float64}. */
export const double = float64;
/** Alias of {@link int64}. */
export const long = int64;
/** Alias of {@link int32}. */
export const int = int32;

let default_dtype: DType = float32;

/** The dtype floating factories give when none is asked for (float32 unless changed). */
export function get_default_dtype(): DType {
  return default_dtype;
}

/** Sets the default floating dtype (float32 or float64); other dtypes are refused. */
export function set_default_dtype(d: DType): void {
  if (!d.is_floating_point) {
    throw new TypeError(`only floating-point types are supported as the default type, got ${d.toString()}`);
  }
  default_dtype = d;
}

/** torch.promote_types: with these five dtypes the lattice is a total order. */
export function promote_types(a: DType, b: DType): DType {
  return a.rank >= b.rank ? a : b;
}

/** The dtype torch.tensor() gives a JS value: booleans are bool, numbers the default float. */
export function scalar_dtype(v: number | boolean): DType {
  return typeof v === "boolean" ? bool : default_dtype;
}

type Category = 0 | 1 | 2; // bool, integer, floating
function category(d: DType): Category {
  return d.is_floating_point ? 2 : d === bool ? 0 : 1;
}

/**
 * The category a JS scalar stands for in promotion. A JS number cannot say whether it was
 * written `2` or `2.0`, so an integral number counts as a Python int (docs/differences.md).
 */
function scalar_category(v: number | boolean): Category {
  return typeof v === "boolean" ? 0 : Number.isInteger(v) ? 1 : 2;
}

/**
 * torch.result_type over tensors (given as dtype + ndim) and scalars, as c10's ResultTypeState:
 * dimensioned tensors lead; zero-dim tensors and then scalars only raise the category.
 */
export function result_type(operands: readonly ({ dtype: DType; ndim: number } | number | boolean)[]): DType {
  let dim: DType | undefined;
  let zero: DType | undefined;
  let wrapped: DType | undefined;
  for (const o of operands) {
    if (typeof o === "number" || typeof o === "boolean") {
      const c = scalar_category(o);
      const d = c === 0 ? bool : c === 1 ? int64 : default_dtype;
      wrapped = wrapped ? promote_types(wrapped, d) : d;
    } else if (o === null || typeof o !== "object" || o.dtype === undefined) {
      // a JS value an op cannot take (a string, null, an array): named here, not deep in a kernel
      throw new TypeError(`expected a Tensor or a number as an operand, but got ${describe_operand(o)}`);
    } else if (o.ndim === 0) {
      zero = zero ? promote_types(zero, o.dtype) : o.dtype;
    } else {
      dim = dim ? promote_types(dim, o.dtype) : o.dtype;
    }
  }
  const r = combine(dim, combine(zero, wrapped));
  if (!r) throw new Error("result_type: expected at least one operand");
  return r;
}

function describe_operand(o: unknown): string {
  if (o === null || o === undefined) return "None";
  if (typeof o === "string") return `the string '${o}'`;
  return Array.isArray(o) ? "a list" : typeof o;
}

function combine(higher: DType | undefined, lower: DType | undefined): DType | undefined {
  if (!higher) return lower;
  if (!lower) return higher;
  if (category(higher) === 2) return higher;
  // a lower-priority operand only matters when it brings a higher category
  return higher === bool || category(lower) === 2 ? promote_types(higher, lower) : higher;
}

/** torch.can_cast: whether a cast loses no category (float -> int, int -> bool are refused). */
export function can_cast(from: DType, to: DType): boolean {
  return category(from) <= category(to);
}

/**
 * PyTorch's names of a dtype in messages, in one table: the ScalarType ("Float", in
 * `"hypot_cpu" not implemented for 'Long'`), the C++ type a TypeMeta prints ("float", "long
 * int"), and the legacy tensor type ("torch.FloatTensor", Tensor.type()).
 */
const DTYPE_NAMES: Record<string, { scalar_type: string; cpp: string; legacy: string }> = {
  float32: { scalar_type: "Float", cpp: "float", legacy: "torch.FloatTensor" },
  float64: { scalar_type: "Double", cpp: "double", legacy: "torch.DoubleTensor" },
  int64: { scalar_type: "Long", cpp: "long int", legacy: "torch.LongTensor" },
  int32: { scalar_type: "Int", cpp: "int", legacy: "torch.IntTensor" },
  bool: { scalar_type: "Bool", cpp: "bool", legacy: "torch.BoolTensor" },
};

/** The ScalarType name: "Float", "Long". */
export function scalar_type_name(d: DType): string {
  return DTYPE_NAMES[d.name].scalar_type;
}

/** The C++ type name a TypeMeta prints: "float", "long int". */
export function cpp_type_name(d: DType): string {
  return DTYPE_NAMES[d.name].cpp;
}

/** PyTorch's legacy type name, used in some messages and by Tensor.type(): "torch.FloatTensor". */
export function type_name(d: DType): string {
  return DTYPE_NAMES[d.name].legacy;
}

const FLT_MAX = 3.4028234663852886e38;

/** The C++ type c10's checked scalar conversion names in its overflow error. */
const CONVERT_NAMES: Record<DTypeName, string> = {
  float32: "float",
  float64: "double",
  int64: "int64_t",
  int32: "int",
  bool: "bool",
};

/**
 * A number stored as `dtype` where PyTorch converts a Scalar with c10's checked_convert (fill_,
 * masked_fill, index_fill, scatter's value, full): NaN, infinities and out-of-range values
 * are refused for integer dtypes, finite values beyond float32's range for float32.
 */
export function checked_convert(v: number, dtype: DType): number {
  let overflows = false;
  if (dtype === float32) overflows = Number.isFinite(v) && Math.abs(v) > FLT_MAX;
  // c10 compares with the limits as doubles (int64's max rounds up to 2^63)
  else if (dtype === int64) overflows = !(v >= -(2 ** 63) && v <= 2 ** 63);
  else if (dtype === int32) overflows = !(v >= -(2 ** 31) && v <= 2 ** 31 - 1);
  if (overflows) {
    throw new RangeError(`value cannot be converted to type ${CONVERT_NAMES[dtype.name]} without overflow`);
  }
  return v;
}
