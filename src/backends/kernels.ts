/**
 * The kernel contract: every kernel's name and signature. A backend is an object typed
 * `{ [K in KernelName]: Kernel<K> }`, so adding a kernel here makes `tsc` list every backend
 * that lacks it.
 *
 * Conventions shared by all kernels:
 * - inputs arrive already broadcast to the output's shape (zero strides) and already in the
 *   dtype the op computes in; the output's typed array decides the stored type (a Float32Array
 *   rounds, an Int32Array truncates, bool is a Uint8Array of 0/1);
 * - arithmetic is done in doubles and rounded once on store, which is what PyTorch's float32
 *   kernels give for + - * / sqrt (double rounding is innocuous at 53 bits) and within an ulp
 *   for transcendental functions;
 * - kernels never allocate tensors and never throw for numeric reasons (NaN and inf propagate),
 *   except integer division by zero, which PyTorch refuses.
 */
import type { StridedView } from "./backend.js";

/** Elementwise functions of one input; p0..p2 carry scalar parameters where an op has them. */
export type UnaryOp =
  | "neg"
  | "abs"
  | "sign"
  | "sgn"
  | "reciprocal"
  | "square"
  | "positive"
  | "exp"
  | "exp2"
  | "expm1"
  | "log"
  | "log2"
  | "log10"
  | "log1p"
  | "sqrt"
  | "rsqrt"
  | "sin"
  | "cos"
  | "tan"
  | "asin"
  | "acos"
  | "atan"
  | "sinh"
  | "cosh"
  | "tanh"
  | "asinh"
  | "acosh"
  | "atanh"
  | "sigmoid"
  | "relu"
  | "floor"
  | "ceil"
  | "round"
  | "trunc"
  | "frac"
  | "logical_not"
  | "isnan"
  | "isinf"
  | "isposinf"
  | "isneginf"
  | "isfinite"
  | "signbit"
  | "bitwise_not"
  /** p0 = min (NaN: none), p1 = max (NaN: none) */
  | "clamp"
  /** x ** p0 */
  | "pow_scalar"
  /** p0 ** x */
  | "rpow_scalar"
  /** round to p0 decimals, half to even */
  | "round_decimals"
  /** p0 = nan, p1 = posinf, p2 = neginf replacements */
  | "nan_to_num"
  /** (x + p0) * p1: affine, used by ops that fold scalars */
  | "affine";

/** Elementwise functions of two inputs; p0 is `alpha` for add/sub (a + p0 * b). */
export type BinaryOp =
  | "add"
  | "sub"
  | "mul"
  | "div"
  | "div_trunc"
  | "div_floor"
  | "remainder"
  | "fmod"
  | "pow"
  | "atan2"
  | "hypot"
  | "copysign"
  | "xlogy"
  | "maximum"
  | "minimum"
  | "fmax"
  | "fmin"
  | "eq"
  | "ne"
  | "lt"
  | "le"
  | "gt"
  | "ge"
  | "logical_and"
  | "logical_or"
  | "logical_xor"
  | "bitwise_and"
  | "bitwise_or"
  | "bitwise_xor";

export type CopyMode = "plain" | "to_int" | "to_bool";
export type ReduceOp = "sum" | "prod" | "max" | "min" | "all" | "any" | "count_nonzero";
export type ArgReduceOp = "argmax" | "argmin";
export type ScanOp = "cumsum" | "cumprod" | "cummax" | "cummin" | "logcumsumexp";

export interface KernelSignatures {
  /** out[i] = op(x[i]); x and out have the same shape. */
  unary(op: UnaryOp, x: StridedView, out: StridedView, p0?: number, p1?: number, p2?: number): void;
  /** out[i] = op(a[i], b[i]); a, b broadcast to out.shape. */
  binary(op: BinaryOp, a: StridedView, b: StridedView, out: StridedView, p0?: number): void;
  /** out[i] = cond[i] ? a[i] : b[i] */
  where(cond: StridedView, a: StridedView, b: StridedView, out: StridedView): void;
  /**
   * out[i] = src[i], converted to out's type. int64 and float64 share Float64Array, so the op
   * says when a value must become an integer ("to_int": truncate toward zero) or a bool.
   */
  copy(src: StridedView, out: StridedView, mode?: CopyMode): void;
  fill(out: StridedView, value: number): void;
  /**
   * Reduces x over `dims` into a contiguous out holding the kept dims in order (numel =
   * product of kept sizes). Accumulates in double; an empty reduction gives the identity
   * (sum 0, prod 1, all true, any false) and for max/min is refused by the op beforehand.
   */
  reduce(op: ReduceOp, x: StridedView, dims: readonly number[], out: StridedView): void;
  /**
   * Index of the max/min along dim (first occurrence; NaN counts as the max and the min, as
   * in PyTorch) into contiguous `indices`, and its value into contiguous `values` when given.
   */
  arg_reduce(
    op: ArgReduceOp,
    x: StridedView,
    dim: number,
    values: StridedView | null,
    indices: StridedView,
  ): void;
  /** Inclusive scan along dim into out (same shape); cummax/cummin also write indices. */
  scan(op: ScanOp, x: StridedView, dim: number, out: StridedView, indices: StridedView | null): void;
  /** Batched matrix product: a [B, M, K] @ b [B, K, N] -> out [B, M, N]; any strides. */
  matmul(a: StridedView, b: StridedView, out: StridedView): void;
}

export type KernelName = keyof KernelSignatures;
export type Kernel<K extends KernelName> = KernelSignatures[K];
