/**
 * The kernel contract: a backend is typed `{ [K in KernelName]: Kernel<K> }`, so adding a kernel's
 * name and signature here makes `tsc` list every backend that lacks it.
 *
 * Conventions shared by all kernels:
 * - every view carries its dtype (`data` is a `dtype.array`); dtypes share array types, so a
 *   kernel decides by `dtype`, never by the array (docs/backends.md: what views guarantee);
 * - inputs arrive already broadcast to the output's shape (zero strides) and already in the
 *   dtype the op computes in; the output's dtype is what is stored (float32 rounds, integers
 *   truncate, bool is 0/1);
 * - arithmetic is done in doubles and rounded once on store, which is what PyTorch's float32
 *   kernels give for + - * / sqrt (double rounding is innocuous at 53 bits) and within an ulp
 *   for transcendental functions;
 * - kernels never allocate tensors and never throw for numeric reasons (NaN and inf propagate),
 *   except integer division by zero, which PyTorch refuses.
 */
import type { DType, TypedArray } from "../dtype.js";
import type { StridedView } from "./backend.js";
import type { WindowKernels } from "./window_kernels.js";

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
  /** log(x / (1 - x)) with x first clamped to [p0, 1 - p0] (p0 NaN: no clamp) */
  | "logit"
  | "erf"
  | "erfc"
  | "erfinv"
  | "deg2rad"
  | "rad2deg"
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
  /** min(max(x, p0), p1), NaN propagating from x or a bound; no bound is -inf / +inf */
  | "clamp"
  /** x ** p0 */
  | "pow_scalar"
  /** p0 ** x */
  | "rpow_scalar"
  /** round to p0 decimals, half to even; each step in float32 for a float32 out, as PyTorch's float kernel */
  | "round_decimals"
  /** p0 = nan, p1 = posinf, p2 = neginf replacements */
  | "nan_to_num"
  /** (x + p0) * p1: affine, used by ops that fold scalars */
  | "affine"
  | ActivationOp;

/** The activation functions of torch.nn (src/backends/js/activation.ts defines each). */
export type ActivationOp =
  /** x > 0 ? x : x * p0 */
  | "leaky_relu"
  /** x <= 0 ? expm1(x * p2) * p0 * p1 : x * p1 (alpha, scale, input_scale) */
  | "elu"
  /** x * Phi(x) with the normal CDF through erf */
  | "gelu"
  /** gelu's tanh approximation */
  | "gelu_tanh"
  | "silu"
  | "mish"
  | "hardsigmoid"
  | "hardswish"
  /** x * p0 > p1 ? x : log1p(exp(x * p0)) / p0 (beta, threshold) */
  | "softplus"
  /** x <= p0 ? p1 : x (threshold, value) */
  | "threshold"
  | "log_sigmoid"
  /** shrink toward 0 by p0 (lambd) */
  | "softshrink"
  /** 0 inside [-p0, p0], x elsewhere */
  | "hardshrink";

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
  /** a ** b; on integer dtypes PyTorch's powi (a negative exponent gives 0, 1 and -1 excepted) */
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
  | "bitwise_xor"
  /** PyTorch's lerp with weight p0: a + p0 * (b - a) for |p0| < 0.5, else b - (b - a) * (1 - p0) */
  | "lerp";

export type ReduceOp = "sum" | "nansum" | "prod" | "max" | "min" | "all" | "any" | "count_nonzero";
export type ArgReduceOp = "argmax" | "argmin";
export type SoftmaxOp = "softmax" | "log_softmax";
export type ScanOp = "cumsum" | "cumprod" | "cummax" | "cummin" | "logcumsumexp";

/**
 * One index tensor of an indexing kernel, viewed over the kernel's iteration shape: at
 * position p it adds `wrap(index[p]) * stride` to the offset, where wrap maps a negative i
 * to i + size. Index data are integers (int64 in a Float64Array, or int32).
 */
export interface IndexTerm {
  readonly index: StridedView;
  readonly stride: number;
  readonly size: number;
}
/**
 * Pointwise functions of three inputs with a scalar: out = self + value * (t1 op t2), in
 * PyTorch's kernel order: addcmul fuses the multiply-add (fma(value * t1, t2, self), one
 * rounding), addcdiv rounds value * t1, the quotient and the sum each to the dtype.
 */
export type TernaryOp = "addcmul" | "addcdiv";
/** SGD's options, as torch.optim.SGD's group: see sgd_step. */
export interface SGDStep {
  readonly lr: number;
  readonly momentum: number;
  readonly dampening: number;
  readonly weight_decay: number;
  readonly nesterov: boolean;
  readonly maximize: boolean;
}

/** Adam's and AdamW's options: see adam_step. */
export interface AdamStep {
  readonly beta1: number;
  readonly beta2: number;
  readonly lr: number;
  readonly eps: number;
  readonly weight_decay: number;
  readonly amsgrad: boolean;
  readonly maximize: boolean;
  /** AdamW: p *= 1 - lr * weight_decay first, instead of g += weight_decay * p */
  readonly decoupled_weight_decay: boolean;
}

/** Sizes, strides and storage offset: where a strided tensor's elements sit in its storage. */
export interface Geometry {
  readonly size: readonly number[];
  readonly stride: readonly number[];
  readonly offset: number;
}

/** How index_scatter combines a value with what is already there. */
export type ScatterMode = "assign" | "add" | "multiply";

export interface KernelSignatures extends WindowKernels {
  /**
   * A new zero-filled array of n elements of `dtype` (an instance of `dtype.array`): the memory
   * of every tensor an op creates comes from here, so a backend may pool, align or share it.
   * The tensor owns it from then on, and the garbage collector frees it.
   */
  alloc(dtype: DType, n: number): TypedArray;
  /** out[i] = op(x[i]); x and out have the same shape. */
  unary(op: UnaryOp, x: StridedView, out: StridedView, p0?: number, p1?: number, p2?: number): void;
  /** out[i] = op(a[i], b[i]); a, b broadcast to out.shape. */
  binary(op: BinaryOp, a: StridedView, b: StridedView, out: StridedView, p0?: number): void;
  /** out[i] = cond[i] ? a[i] : b[i] */
  where(cond: StridedView, a: StridedView, b: StridedView, out: StridedView): void;
  /**
   * out[i] = src[i], converted from src's dtype to out's: a float becomes an integer by
   * truncating toward zero (NaN, infinities and values out of the integer's range give its
   * lowest value, as PyTorch on x86), anything becomes a bool as `!= 0`.
   */
  copy(src: StridedView, out: StridedView): void;
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
  /** Per slice along dim, with z = x - max: exp(z) / sum(exp(z)) or z - log(sum(exp(z))). */
  softmax(op: SoftmaxOp, x: StridedView, dim: number, out: StridedView): void;
  /**
   * Variance (or, with std, its square root) over dims with the given correction, into a
   * contiguous out holding the kept dims (as reduce), and the mean into `mean` when given: in
   * double, two passes in row-major order of the reduced dims, rounded once on store.
   */
  var_mean(
    x: StridedView,
    dims: readonly number[],
    correction: number,
    std: boolean,
    out: StridedView,
    mean: StridedView | null,
  ): void;
  /**
   * Layer normalisation of the rows of a dense x [M, N]: contiguous out [M, N], mean and rstd
   * [M] (rstd = 1 / sqrt(biased var + eps)); weight and bias are [N] views or null.
   */
  layer_norm(
    x: StridedView,
    weight: StridedView | null,
    bias: StridedView | null,
    eps: number,
    out: StridedView,
    mean: StridedView,
    rstd: StridedView,
  ): void;
  /** Inclusive scan along dim into out (same shape); cummax/cummin also write indices. */
  scan(op: ScanOp, x: StridedView, dim: number, out: StridedView, indices: StridedView | null): void;
  /**
   * Batched matrix product: out [B, M, N] = beta * addend + alpha * (a [B, M, K] @ b [B, K, N]),
   * any strides; addend (laid over out's shape) is ignored when beta is 0 (default: alpha 1,
   * beta 0, no addend). Sums accumulate in double and round once on store.
   */
  matmul(
    a: StridedView,
    b: StridedView,
    out: StridedView,
    addend?: StridedView | null,
    alpha?: number,
    beta?: number,
  ): void;
  /**
   * Sorts x along dim into values and indices (int64, same shape as x, any strides). NaN sorts
   * above every number. stable keeps equal elements in input order; otherwise ties are ordered
   * as PyTorch's CPU kernel (std::sort) orders them.
   */
  sort(
    x: StridedView,
    dim: number,
    descending: boolean,
    stable: boolean,
    values: StridedView,
    indices: StridedView,
  ): void;
  /**
   * The k-th smallest element along dim (k from 1; NaN above every number) and its index, into
   * values and indices of x's shape with 1 along dim, chosen among ties as PyTorch's CPU
   * quick-select does.
   */
  kthvalue(x: StridedView, dim: number, k: number, values: StridedView, indices: StridedView): void;
  /**
   * The k largest (or smallest) elements along dim into values and indices (x's shape with k
   * along dim), chosen and ordered as PyTorch's CPU topk (partial_sort / nth_element).
   */
  topk(
    x: StridedView,
    dim: number,
    k: number,
    largest: boolean,
    sorted: boolean,
    values: StridedView,
    indices: StridedView,
  ): void;
  /**
   * Indexed read: out[p] = x[offset_x(p) + sum of the terms' offsets at p], over out.shape;
   * x is a base view laid over out.shape (zero strides where the indices address it).
   */
  index_gather(x: StridedView, terms: readonly IndexTerm[], out: StridedView): void;
  /**
   * Indexed write: out[offset_out(p) + sum of the terms' offsets at p] (=, +=, *=) src[p], over
   * src.shape, in row-major order; out is a base view laid over src.shape.
   */
  index_scatter(mode: ScatterMode, src: StridedView, terms: readonly IndexTerm[], out: StridedView): void;
  /**
   * as_strided's backward: the contiguous grad (of scatter.size) is added into a zeroed
   * storage through `scatter`'s positions (in double), each storage element is divided by how
   * many of `divisor`'s positions read it (where more than one), and `read`'s positions are
   * gathered into the contiguous out (of read.size).
   */
  strided_scatter_gather(
    grad: StridedView,
    scatter: Geometry,
    read: Geometry,
    divisor: Geometry,
    out: StridedView,
  ): void;
  /** Row-major coordinates of x's nonzero elements into a contiguous [count, ndim] out. */
  nonzero(x: StridedView, out: StridedView): void;
  /**
   * rrelu's training forward over a contiguous x, in row-major order: each element <= 0 takes
   * the slope fma(uniform(), span, lower) (uniform() a double in [0, 1), drawn only for those
   * elements, in order), stored into noise (rounding to its type) and multiplied into out;
   * other elements are copied, with noise 1. out and noise are contiguous.
   */
  rrelu_with_noise(
    x: StridedView,
    lower: number,
    span: number,
    uniform: () => number,
    out: StridedView,
    noise: StridedView,
  ): void;
  /** out[i] = self[i] <= threshold ? 0 : grad[i] (threshold_backward, so a NaN self keeps grad) */
  threshold_backward(grad: StridedView, self: StridedView, threshold: number, out: StridedView): void;
  /** out[i] = op(self[i], t1[i], t2[i], value) (TernaryOp); inputs broadcast to out.shape; out may be self. */
  ternary(
    op: TernaryOp,
    self: StridedView,
    t1: StridedView,
    t2: StridedView,
    out: StridedView,
    value: number,
  ): void;
  /**
   * One SGD step over a parameter group, in place (the optimizer kernels' conventions: every
   * list is one entry per parameter; each parameter's gradient and state views have its shape;
   * all are float32 or all float64 per parameter; results are bit for bit those of PyTorch's
   * `_single_tensor_sgd`, every intermediate rounded to the dtype where its tensor ops round):
   * d = maximize ? -g : g; with weight_decay, d = d + weight_decay * p; with momentum, the
   * buffer becomes d where `init[i]` (its first step) and else momentum * buf + (1 - dampening)
   * * d, and d becomes d + momentum * buf (nesterov) or buf; then p = p - lr * d. The gradients
   * are read only.
   */
  sgd_step(
    params: readonly StridedView[],
    grads: readonly StridedView[],
    momentum_buffers: readonly StridedView[],
    init: readonly boolean[],
    options: SGDStep,
  ): void;
  /**
   * One Adam/AdamW step over a parameter group, in place (conventions of sgd_step; PyTorch's
   * `_single_tensor_adam`): the moments m = lerp(m, d, 1 - beta1), v = beta2 * v + (1 - beta2)
   * * d * d; with amsgrad vmax = max(vmax, v) is used for v; then p = p - step_size[i] * m /
   * (sqrt(v) / bias_correction2_sqrt[i] + eps). The per-parameter bias corrections come from
   * each parameter's step count, computed by the caller in double. `max_exp_avg_sqs` is empty
   * without amsgrad.
   */
  adam_step(
    params: readonly StridedView[],
    grads: readonly StridedView[],
    exp_avgs: readonly StridedView[],
    exp_avg_sqs: readonly StridedView[],
    max_exp_avg_sqs: readonly StridedView[],
    step_size: readonly number[],
    bias_correction2_sqrt: readonly number[],
    options: AdamStep,
  ): void;
}

export type KernelName = keyof KernelSignatures;
export type Kernel<K extends KernelName> = KernelSignatures[K];
