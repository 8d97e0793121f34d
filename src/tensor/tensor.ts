/**
 * The Tensor: a view (shape, strides, offset, dtype) onto a Storage, plus its autograd fields.
 * Methods here are one line each, calling src/ops: this file is the table of contents of the
 * Tensor API, and the math lives in the ops. Construction is cheap (a few fields, no closures),
 * since small models are dominated by per-op overhead.
 */
import type { DType } from "../dtype.js";
import { is_contiguous as layout_is_contiguous, numel as shape_numel, type Shape } from "../shape.js";
import type { StridedView } from "../backends/backend.js";
import { AccumulateGrad, type GradHook, type Node } from "../autograd/node.js";
import { gradient_edge } from "../autograd/engine.js";
import type { Storage, VersionCounter } from "./storage.js";
import * as ops from "../ops/index.js";
import { autograd_backward } from "../autograd/functional.js";
import { format_tensor } from "./repr.js";
import * as factory from "./factory.js";
import type { FactoryOptions } from "./factory.js";
import type { ShapeArgs } from "./args.js";

type Scalar = number | boolean;
type TensorOrScalar = Tensor | Scalar;

import type { BackwardOptions } from "../autograd/functional.js";
import type { IndexArg } from "./indexing.js";
import type { AccumulateArg } from "../ops/indexing/subscript.js";

export class Tensor {
  /** @internal the storage this view reads */
  _storage: Storage;
  /** the sizes; readonly for users (views make new tensors) */
  shape: readonly number[];
  /** @internal */
  _strides: readonly number[];
  /** @internal */
  _offset: number;
  dtype: DType;
  /** the gradient accumulated by backward(); null until the first one */
  grad: Tensor | null = null;
  /** the node that made this tensor; null for leaves */
  grad_fn: Node | null = null;
  /** @internal which output of grad_fn this tensor is */
  _output_nr = 0;
  /** @internal the tensor this one is a view of (null if it owns its layout) */
  _base: Tensor | null = null;
  /** @internal shared with views and detach(): counts in-place writes */
  _vc: VersionCounter;
  private _requires_grad = false;
  private _accumulator: AccumulateGrad | null = null;
  /** set by nn.Parameter, for printing */
  _is_param = false;

  constructor(
    storage: Storage,
    shape: Shape,
    strides: Shape,
    offset: number,
    dtype: DType,
    vc?: VersionCounter,
  ) {
    this._storage = storage;
    this.shape = shape;
    this._strides = strides;
    this._offset = offset;
    this.dtype = dtype;
    this._vc = vc ?? { version: 0 };
  }

  // ---------------------------------------------------------------- metadata
  get device(): string {
    return "cpu";
  }
  get ndim(): number {
    return this.shape.length;
  }
  dim(): number {
    return this.shape.length;
  }
  size(): number[];
  size(dim: number): number;
  size(dim?: number): number[] | number {
    if (dim === undefined) return this.shape.slice();
    return this.shape[ops.normalize_dim(dim, this.shape.length)];
  }
  numel(): number {
    return shape_numel(this.shape);
  }
  nelement(): number {
    return this.numel();
  }
  stride(): number[];
  stride(dim: number): number;
  stride(dim?: number): number[] | number {
    if (dim === undefined) return this._strides.slice();
    return this._strides[ops.normalize_dim(dim, this.shape.length)];
  }
  storage_offset(): number {
    return this._offset;
  }
  is_contiguous(): boolean {
    return layout_is_contiguous(this.shape, this._strides);
  }
  element_size(): number {
    return this.dtype.itemsize;
  }
  is_floating_point(): boolean {
    return this.dtype.is_floating_point;
  }
  get is_cuda(): boolean {
    return false;
  }
  /** @internal the strided view kernels read */
  _view(): StridedView {
    return { data: this._storage.data, shape: this.shape, strides: this._strides, offset: this._offset };
  }
  get _version(): number {
    return this._vc.version;
  }
  /** @internal */
  _bump_version(): void {
    this._vc.version++;
  }
  /** @internal a copy of the data that keeps this tensor's place in the graph */
  _history_copy(): Tensor {
    const c = ops.contiguous_copy(this);
    c.grad_fn = this.grad_fn;
    c._output_nr = this._output_nr;
    c._requires_grad = this._requires_grad;
    if (this._accumulator) c._accumulator = this._accumulator;
    return c;
  }
  get is_leaf(): boolean {
    return this.grad_fn === null;
  }

  // ---------------------------------------------------------------- autograd
  get requires_grad(): boolean {
    return this._requires_grad || this.grad_fn !== null;
  }
  set requires_grad(value: boolean) {
    this.requires_grad_(value);
  }
  requires_grad_(requires_grad = true): this {
    if (this.grad_fn !== null) {
      throw new Error(
        requires_grad
          ? "you can only change requires_grad flags of leaf variables."
          : "you can only change requires_grad flags of leaf variables. If you want to use a computed variable in a subgraph that doesn't require differentiation use var_no_grad = var.detach().",
      );
    }
    if (requires_grad && !this.dtype.is_floating_point) {
      throw new Error("only Tensors of floating point dtype can require gradients");
    }
    this._requires_grad = requires_grad;
    return this;
  }
  /** @internal the AccumulateGrad node of a leaf that requires grad */
  _grad_accumulator(): AccumulateGrad {
    return (this._accumulator ??= new AccumulateGrad(this));
  }
  backward(gradient?: Tensor | null, options: BackwardOptions = {}): void {
    autograd_backward([this], gradient ? [gradient] : null, options);
  }
  /** Registers fn(grad) to run when this tensor's gradient is computed; it may return a new one. */
  register_hook(hook: GradHook): { remove(): void } {
    if (!this.requires_grad) {
      throw new Error("cannot register a hook on a tensor that doesn't require gradient");
    }
    const [node, nr] = gradient_edge(this);
    const n = node as Node;
    const map = (n._tensor_pre_hooks ??= new Map<number, GradHook[]>());
    const list = map.get(nr) ?? [];
    map.set(nr, list);
    list.push(hook);
    return {
      remove: () => {
        const i = list.indexOf(hook);
        if (i >= 0) list.splice(i, 1);
      },
    };
  }
  retain_grad(): void {
    if (!this.requires_grad) {
      throw new Error("can't retain_grad on Tensor that has requires_grad=False");
    }
    if (this.grad_fn === null) return;
    (this.grad_fn._retained ??= new Map()).set(this._output_nr, this);
  }
  get retains_grad(): boolean {
    return this.grad_fn?._retained?.get(this._output_nr) === this;
  }
  /** A new tensor sharing this one's data, cut from the graph. */
  detach(): Tensor {
    return ops.alias(this, this._vc);
  }
  detach_(): this {
    // any view, as PyTorch: detaching it alone would leave its base's graph inconsistent
    if (this._base !== null) {
      throw new Error("Can't detach views in-place. Use detach() instead.");
    }
    this.grad_fn = null;
    this._requires_grad = false;
    return this;
  }
  /** The data without history; writes to it are not tracked by autograd (PyTorch's .data). */
  get data(): Tensor {
    return ops.alias(this, { version: 0 });
  }
  set data(t: Tensor) {
    // as PyTorch's set_data: a cached AccumulateGrad whose metadata no longer fits is dropped
    // (module.to(float64) assigns param.data; the next backward must accumulate float64)
    if (
      t.dtype !== this.dtype ||
      t.shape.length !== this.shape.length ||
      t.shape.some((s, i) => s !== this.shape[i])
    ) {
      this._accumulator = null;
    }
    this._storage = t._storage;
    this.shape = t.shape;
    this._strides = t._strides;
    this._offset = t._offset;
    this.dtype = t.dtype;
  }

  // ---------------------------------------------------------------- values
  item(): number | boolean {
    const n = this.numel();
    if (n !== 1) throw new Error(`a Tensor with ${n} elements cannot be converted to Scalar`);
    const v = this._storage.data[this._offset];
    return this.dtype.name === "bool" ? v !== 0 : v;
  }
  tolist(): unknown {
    return ops.tolist(this);
  }
  toString(): string {
    return format_tensor(this);
  }
  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return format_tensor(this);
  }
  get [Symbol.toStringTag](): string {
    return "Tensor";
  }
  *[Symbol.iterator](): IterableIterator<Tensor> {
    if (this.shape.length === 0) throw new TypeError("iteration over a 0-d tensor");
    for (let i = 0; i < this.shape[0]; i++) yield this.select(0, i);
  }

  // ---------------------------------------------------------------- factories (tensor/factory.ts)
  new_zeros(...size: ShapeArgs<FactoryOptions>): Tensor {
    return factory.new_filled(this, 0, "new_zeros", size);
  }
  new_ones(...size: ShapeArgs<FactoryOptions>): Tensor {
    return factory.new_filled(this, 1, "new_ones", size);
  }
  new_empty(...size: ShapeArgs<FactoryOptions>): Tensor {
    return factory.new_filled(this, 0, "new_empty", size);
  }
  new_full(size: readonly number[], fill_value: number | boolean, options: FactoryOptions = {}): Tensor {
    return factory.full_tensor(size, fill_value, { dtype: this.dtype, ...options });
  }
  new_tensor(data: Parameters<typeof factory.tensor>[0], options: FactoryOptions = {}): Tensor {
    return factory.tensor(data, { dtype: this.dtype, ...options });
  }

  // ---------------------------------------------------------------- conversion (ops/convert/)
  to(dtype: DType | { dtype?: DType; copy?: boolean }): Tensor {
    return ops.to(this, dtype);
  }
  float(): Tensor {
    return ops.to(this, ops.dtypes.float32);
  }
  double(): Tensor {
    return ops.to(this, ops.dtypes.float64);
  }
  long(): Tensor {
    return ops.to(this, ops.dtypes.int64);
  }
  int(): Tensor {
    return ops.to(this, ops.dtypes.int32);
  }
  bool(): Tensor {
    return ops.to(this, ops.dtypes.bool);
  }
  type(dtype?: DType): Tensor | string {
    return dtype === undefined ? ops.type_name(this.dtype) : ops.to(this, dtype);
  }
  type_as(other: Tensor): Tensor {
    return ops.to(this, other.dtype);
  }
  clone(): Tensor {
    return ops.clone(this);
  }
  contiguous(): Tensor {
    return ops.contiguous(this);
  }
  copy_(src: TensorOrScalar): this {
    ops.copy_(this, src);
    return this;
  }
  fill_(value: TensorOrScalar): this {
    ops.fill_(this, value);
    return this;
  }
  zero_(): this {
    ops.zero_(this);
    return this;
  }

  // ---------------------------------------------------------------- pointwise (ops/pointwise/)
  neg(): Tensor {
    return ops.neg(this);
  }
  neg_(): this {
    return ops.neg_(this) as this;
  }
  exp(): Tensor {
    return ops.exp(this);
  }
  exp_(): this {
    return ops.exp_(this) as this;
  }
  log(): Tensor {
    return ops.log(this);
  }
  log_(): this {
    return ops.log_(this) as this;
  }
  negative(): Tensor {
    return ops.negative(this);
  }
  negative_(): this {
    return ops.negative_(this) as this;
  }
  abs(): Tensor {
    return ops.abs(this);
  }
  abs_(): this {
    return ops.abs_(this) as this;
  }
  absolute(): Tensor {
    return ops.absolute(this);
  }
  absolute_(): this {
    return ops.absolute_(this) as this;
  }
  sign(): Tensor {
    return ops.sign(this);
  }
  sign_(): this {
    return ops.sign_(this) as this;
  }
  sgn(): Tensor {
    return ops.sgn(this);
  }
  sgn_(): this {
    return ops.sgn_(this) as this;
  }
  reciprocal(): Tensor {
    return ops.reciprocal(this);
  }
  reciprocal_(): this {
    return ops.reciprocal_(this) as this;
  }
  square(): Tensor {
    return ops.square(this);
  }
  square_(): this {
    return ops.square_(this) as this;
  }
  exp2(): Tensor {
    return ops.exp2(this);
  }
  exp2_(): this {
    return ops.exp2_(this) as this;
  }
  expm1(): Tensor {
    return ops.expm1(this);
  }
  expm1_(): this {
    return ops.expm1_(this) as this;
  }
  log2(): Tensor {
    return ops.log2(this);
  }
  log2_(): this {
    return ops.log2_(this) as this;
  }
  log10(): Tensor {
    return ops.log10(this);
  }
  log10_(): this {
    return ops.log10_(this) as this;
  }
  log1p(): Tensor {
    return ops.log1p(this);
  }
  log1p_(): this {
    return ops.log1p_(this) as this;
  }
  sqrt(): Tensor {
    return ops.sqrt(this);
  }
  sqrt_(): this {
    return ops.sqrt_(this) as this;
  }
  rsqrt(): Tensor {
    return ops.rsqrt(this);
  }
  rsqrt_(): this {
    return ops.rsqrt_(this) as this;
  }
  sin(): Tensor {
    return ops.sin(this);
  }
  sin_(): this {
    return ops.sin_(this) as this;
  }
  cos(): Tensor {
    return ops.cos(this);
  }
  cos_(): this {
    return ops.cos_(this) as this;
  }
  tan(): Tensor {
    return ops.tan(this);
  }
  tan_(): this {
    return ops.tan_(this) as this;
  }
  asin(): Tensor {
    return ops.asin(this);
  }
  asin_(): this {
    return ops.asin_(this) as this;
  }
  arcsin(): Tensor {
    return ops.arcsin(this);
  }
  arcsin_(): this {
    return ops.arcsin_(this) as this;
  }
  acos(): Tensor {
    return ops.acos(this);
  }
  acos_(): this {
    return ops.acos_(this) as this;
  }
  arccos(): Tensor {
    return ops.arccos(this);
  }
  arccos_(): this {
    return ops.arccos_(this) as this;
  }
  atan(): Tensor {
    return ops.atan(this);
  }
  atan_(): this {
    return ops.atan_(this) as this;
  }
  arctan(): Tensor {
    return ops.arctan(this);
  }
  arctan_(): this {
    return ops.arctan_(this) as this;
  }
  sinh(): Tensor {
    return ops.sinh(this);
  }
  sinh_(): this {
    return ops.sinh_(this) as this;
  }
  cosh(): Tensor {
    return ops.cosh(this);
  }
  cosh_(): this {
    return ops.cosh_(this) as this;
  }
  tanh(): Tensor {
    return ops.tanh(this);
  }
  tanh_(): this {
    return ops.tanh_(this) as this;
  }
  asinh(): Tensor {
    return ops.asinh(this);
  }
  asinh_(): this {
    return ops.asinh_(this) as this;
  }
  arcsinh(): Tensor {
    return ops.arcsinh(this);
  }
  arcsinh_(): this {
    return ops.arcsinh_(this) as this;
  }
  acosh(): Tensor {
    return ops.acosh(this);
  }
  acosh_(): this {
    return ops.acosh_(this) as this;
  }
  arccosh(): Tensor {
    return ops.arccosh(this);
  }
  arccosh_(): this {
    return ops.arccosh_(this) as this;
  }
  atanh(): Tensor {
    return ops.atanh(this);
  }
  atanh_(): this {
    return ops.atanh_(this) as this;
  }
  arctanh(): Tensor {
    return ops.arctanh(this);
  }
  arctanh_(): this {
    return ops.arctanh_(this) as this;
  }
  sigmoid(): Tensor {
    return ops.sigmoid(this);
  }
  sigmoid_(): this {
    return ops.sigmoid_(this) as this;
  }
  erf(): Tensor {
    return ops.erf(this);
  }
  erf_(): this {
    return ops.erf_(this) as this;
  }
  erfc(): Tensor {
    return ops.erfc(this);
  }
  erfc_(): this {
    return ops.erfc_(this) as this;
  }
  erfinv(): Tensor {
    return ops.erfinv(this);
  }
  erfinv_(): this {
    return ops.erfinv_(this) as this;
  }
  deg2rad(): Tensor {
    return ops.deg2rad(this);
  }
  deg2rad_(): this {
    return ops.deg2rad_(this) as this;
  }
  rad2deg(): Tensor {
    return ops.rad2deg(this);
  }
  rad2deg_(): this {
    return ops.rad2deg_(this) as this;
  }
  relu(): Tensor {
    return ops.relu(this);
  }
  relu_(): this {
    return ops.relu_(this) as this;
  }
  hardshrink(...args: ops.LambdArgs): Tensor {
    return ops.hardshrink(this, ...args);
  }
  prelu(weight: Tensor): Tensor {
    return ops.prelu(this, weight);
  }
  floor(): Tensor {
    return ops.floor(this);
  }
  floor_(): this {
    return ops.floor_(this) as this;
  }
  ceil(): Tensor {
    return ops.ceil(this);
  }
  ceil_(): this {
    return ops.ceil_(this) as this;
  }
  trunc(): Tensor {
    return ops.trunc(this);
  }
  trunc_(): this {
    return ops.trunc_(this) as this;
  }
  fix(): Tensor {
    return ops.fix(this);
  }
  fix_(): this {
    return ops.fix_(this) as this;
  }
  frac(): Tensor {
    return ops.frac(this);
  }
  frac_(): this {
    return ops.frac_(this) as this;
  }
  logical_not(): Tensor {
    return ops.logical_not(this);
  }
  logical_not_(): this {
    return ops.logical_not_(this) as this;
  }
  bitwise_not(): Tensor {
    return ops.bitwise_not(this);
  }
  bitwise_not_(): this {
    return ops.bitwise_not_(this) as this;
  }
  positive(): Tensor {
    return ops.positive(this);
  }
  isnan(): Tensor {
    return ops.isnan(this);
  }
  isinf(): Tensor {
    return ops.isinf(this);
  }
  isposinf(): Tensor {
    return ops.isposinf(this);
  }
  isneginf(): Tensor {
    return ops.isneginf(this);
  }
  isfinite(): Tensor {
    return ops.isfinite(this);
  }
  signbit(): Tensor {
    return ops.signbit(this);
  }
  round(...args: ops.RoundArgs): Tensor {
    return ops.round(this, ...args);
  }
  round_(...args: ops.RoundArgs): this {
    return ops.round_(this, ...args) as this;
  }
  logit(...args: ops.LogitArgs): Tensor {
    return ops.logit(this, ...args);
  }
  logit_(...args: ops.LogitArgs): this {
    return ops.logit_(this, ...args) as this;
  }
  clamp(...args: ops.ClampArgs): Tensor {
    return ops.clamp(this, ...args);
  }
  clamp_(...args: ops.ClampArgs): this {
    return ops.clamp_(this, ...args) as this;
  }
  clip(...args: ops.ClampArgs): Tensor {
    return ops.clip(this, ...args);
  }
  clip_(...args: ops.ClampArgs): this {
    return ops.clip_(this, ...args) as this;
  }
  nan_to_num(...args: ops.NanToNumArgs): Tensor {
    return ops.nan_to_num(this, ...args);
  }
  nan_to_num_(...args: ops.NanToNumArgs): this {
    return ops.nan_to_num_(this, ...args) as this;
  }
  clamp_min(min: TensorOrScalar): Tensor {
    return ops.clamp_min(this, min);
  }
  clamp_min_(min: TensorOrScalar): this {
    return ops.clamp_min_(this, min) as this;
  }
  clamp_max(max: TensorOrScalar): Tensor {
    return ops.clamp_max(this, max);
  }
  clamp_max_(max: TensorOrScalar): this {
    return ops.clamp_max_(this, max) as this;
  }

  // ---------------------------------------------------------------- binary (ops/binary/)
  add(other: TensorOrScalar, options?: { alpha?: number }): Tensor {
    return ops.add(this, other, options);
  }
  add_(other: TensorOrScalar, options?: { alpha?: number }): this {
    return ops.add_(this, other, options) as this;
  }
  sub(other: TensorOrScalar, options?: { alpha?: number }): Tensor {
    return ops.sub(this, other, options);
  }
  sub_(other: TensorOrScalar, options?: { alpha?: number }): this {
    return ops.sub_(this, other, options) as this;
  }
  mul(other: TensorOrScalar): Tensor {
    return ops.mul(this, other);
  }
  mul_(other: TensorOrScalar): this {
    return ops.mul_(this, other) as this;
  }
  div(other: TensorOrScalar, options?: { rounding_mode?: "trunc" | "floor" | null }): Tensor {
    return ops.div(this, other, options);
  }
  div_(other: TensorOrScalar, options?: { rounding_mode?: "trunc" | "floor" | null }): this {
    return ops.div_(this, other, options) as this;
  }
  pow(exponent: TensorOrScalar): Tensor {
    return ops.pow(this, exponent);
  }
  pow_(exponent: TensorOrScalar): this {
    return ops.pow_(this, exponent) as this;
  }
  subtract(other: TensorOrScalar, options?: ops.AlphaOptions): Tensor {
    return ops.sub(this, other, options);
  }
  subtract_(other: TensorOrScalar, options?: ops.AlphaOptions): this {
    return ops.sub_(this, other, options) as this;
  }
  multiply(other: TensorOrScalar): Tensor {
    return ops.mul(this, other);
  }
  multiply_(other: TensorOrScalar): this {
    return ops.mul_(this, other) as this;
  }
  divide(other: TensorOrScalar, options?: ops.DivOptions): Tensor {
    return ops.div(this, other, options);
  }
  divide_(other: TensorOrScalar, options?: ops.DivOptions): this {
    return ops.div_(this, other, options) as this;
  }
  true_divide(other: TensorOrScalar): Tensor {
    return ops.true_divide(this, other);
  }
  true_divide_(other: TensorOrScalar): this {
    return ops.true_divide_(this, other) as this;
  }
  floor_divide(other: TensorOrScalar): Tensor {
    return ops.floor_divide(this, other);
  }
  floor_divide_(other: TensorOrScalar): this {
    return ops.floor_divide_(this, other) as this;
  }
  remainder(other: TensorOrScalar): Tensor {
    return ops.remainder(this, other);
  }
  remainder_(other: TensorOrScalar): this {
    return ops.remainder_(this, other) as this;
  }
  fmod(other: TensorOrScalar): Tensor {
    return ops.fmod(this, other);
  }
  fmod_(other: TensorOrScalar): this {
    return ops.fmod_(this, other) as this;
  }
  copysign(other: TensorOrScalar): Tensor {
    return ops.copysign(this, other);
  }
  copysign_(other: TensorOrScalar): this {
    return ops.copysign_(this, other) as this;
  }
  xlogy(other: TensorOrScalar): Tensor {
    return ops.xlogy(this, other);
  }
  xlogy_(other: TensorOrScalar): this {
    return ops.xlogy_(this, other) as this;
  }
  float_power(other: TensorOrScalar): Tensor {
    return ops.float_power(this, other);
  }
  float_power_(other: TensorOrScalar): this {
    return ops.float_power_(this, other) as this;
  }
  atan2(other: Tensor): Tensor {
    return ops.atan2(this, other);
  }
  atan2_(other: Tensor): this {
    return ops.atan2_(this, other) as this;
  }
  arctan2(other: Tensor): Tensor {
    return ops.arctan2(this, other);
  }
  arctan2_(other: Tensor): this {
    return ops.arctan2_(this, other) as this;
  }
  hypot(other: Tensor): Tensor {
    return ops.hypot(this, other);
  }
  hypot_(other: Tensor): this {
    return ops.hypot_(this, other) as this;
  }
  maximum(other: Tensor): Tensor {
    return ops.maximum(this, other);
  }
  minimum(other: Tensor): Tensor {
    return ops.minimum(this, other);
  }
  fmax(other: Tensor): Tensor {
    return ops.fmax(this, other);
  }
  fmin(other: Tensor): Tensor {
    return ops.fmin(this, other);
  }
  lerp(end: Tensor, weight: TensorOrScalar): Tensor {
    return ops.lerp(this, end, weight);
  }
  lerp_(end: Tensor, weight: TensorOrScalar): this {
    return ops.lerp_(this, end, weight) as this;
  }
  where(condition: Tensor, other: TensorOrScalar): Tensor {
    return ops.where(condition, this, other);
  }
  masked_fill(mask: Tensor, value: TensorOrScalar): Tensor {
    return ops.masked_fill(this, mask, value);
  }
  masked_fill_(mask: Tensor, value: TensorOrScalar): this {
    return ops.masked_fill_(this, mask, value) as this;
  }
  addcmul(tensor1: Tensor, tensor2: Tensor, options?: ops.ValueOptions): Tensor {
    return ops.addcmul(this, tensor1, tensor2, options);
  }
  addcmul_(tensor1: Tensor, tensor2: Tensor, options?: ops.ValueOptions): this {
    return ops.addcmul_(this, tensor1, tensor2, options) as this;
  }
  addcdiv(tensor1: Tensor, tensor2: Tensor, options?: ops.ValueOptions): Tensor {
    return ops.addcdiv(this, tensor1, tensor2, options);
  }
  addcdiv_(tensor1: Tensor, tensor2: Tensor, options?: ops.ValueOptions): this {
    return ops.addcdiv_(this, tensor1, tensor2, options) as this;
  }

  // ---------------------------------------------------------------- comparison (ops/binary/comparison.ts)
  eq(other: TensorOrScalar): Tensor {
    return ops.eq(this, other);
  }
  eq_(other: TensorOrScalar): this {
    return ops.eq_(this, other) as this;
  }
  ne(other: TensorOrScalar): Tensor {
    return ops.ne(this, other);
  }
  ne_(other: TensorOrScalar): this {
    return ops.ne_(this, other) as this;
  }
  lt(other: TensorOrScalar): Tensor {
    return ops.lt(this, other);
  }
  lt_(other: TensorOrScalar): this {
    return ops.lt_(this, other) as this;
  }
  le(other: TensorOrScalar): Tensor {
    return ops.le(this, other);
  }
  le_(other: TensorOrScalar): this {
    return ops.le_(this, other) as this;
  }
  gt(other: TensorOrScalar): Tensor {
    return ops.gt(this, other);
  }
  gt_(other: TensorOrScalar): this {
    return ops.gt_(this, other) as this;
  }
  ge(other: TensorOrScalar): Tensor {
    return ops.ge(this, other);
  }
  ge_(other: TensorOrScalar): this {
    return ops.ge_(this, other) as this;
  }
  greater(other: TensorOrScalar): Tensor {
    return ops.greater(this, other);
  }
  greater_(other: TensorOrScalar): this {
    return ops.greater_(this, other) as this;
  }
  greater_equal(other: TensorOrScalar): Tensor {
    return ops.greater_equal(this, other);
  }
  greater_equal_(other: TensorOrScalar): this {
    return ops.greater_equal_(this, other) as this;
  }
  less(other: TensorOrScalar): Tensor {
    return ops.less(this, other);
  }
  less_(other: TensorOrScalar): this {
    return ops.less_(this, other) as this;
  }
  less_equal(other: TensorOrScalar): Tensor {
    return ops.less_equal(this, other);
  }
  less_equal_(other: TensorOrScalar): this {
    return ops.less_equal_(this, other) as this;
  }
  not_equal(other: TensorOrScalar): Tensor {
    return ops.not_equal(this, other);
  }
  not_equal_(other: TensorOrScalar): this {
    return ops.not_equal_(this, other) as this;
  }
  isclose(other: Tensor, options?: ops.CloseOptions): Tensor {
    return ops.isclose(this, other, options);
  }
  allclose(other: Tensor, options?: ops.CloseOptions): boolean {
    return ops.allclose(this, other, options);
  }
  equal(other: Tensor): boolean {
    return ops.equal(this, other);
  }
  logical_and(other: Tensor): Tensor {
    return ops.logical_and(this, other);
  }
  logical_and_(other: Tensor): this {
    return ops.logical_and_(this, other) as this;
  }
  logical_or(other: Tensor): Tensor {
    return ops.logical_or(this, other);
  }
  logical_or_(other: Tensor): this {
    return ops.logical_or_(this, other) as this;
  }
  logical_xor(other: Tensor): Tensor {
    return ops.logical_xor(this, other);
  }
  logical_xor_(other: Tensor): this {
    return ops.logical_xor_(this, other) as this;
  }
  bitwise_and(other: TensorOrScalar): Tensor {
    return ops.bitwise_and(this, other);
  }
  bitwise_and_(other: TensorOrScalar): this {
    return ops.bitwise_and_(this, other) as this;
  }
  bitwise_or(other: TensorOrScalar): Tensor {
    return ops.bitwise_or(this, other);
  }
  bitwise_or_(other: TensorOrScalar): this {
    return ops.bitwise_or_(this, other) as this;
  }
  bitwise_xor(other: TensorOrScalar): Tensor {
    return ops.bitwise_xor(this, other);
  }
  bitwise_xor_(other: TensorOrScalar): this {
    return ops.bitwise_xor_(this, other) as this;
  }

  // ---------------------------------------------------------------- reductions (ops/reduce/)
  sum(...args: ops.ReduceArgs): Tensor {
    return ops.sum(this, ...args);
  }
  mean(...args: ops.ReduceArgs): Tensor {
    return ops.mean(this, ...args);
  }
  sum_to_size(...size: number[] | [readonly number[]]): Tensor {
    return ops.sum_to_size(this, ...size);
  }
  nansum(...args: ops.ReduceArgs): Tensor {
    return ops.nansum(this, ...args);
  }
  nanmean(...args: ops.ReduceArgs): Tensor {
    return ops.nanmean(this, ...args);
  }
  prod(...args: ops.ProdArgs): Tensor {
    return ops.prod(this, ...args);
  }
  max(): Tensor;
  max(other: Tensor): Tensor;
  max(...args: ops.MaxDimArgs): ops.ValuesIndices;
  max(...args: ops.MaxArgs): Tensor | ops.ValuesIndices {
    return ops.max(this, ...args);
  }
  min(): Tensor;
  min(other: Tensor): Tensor;
  min(...args: ops.MaxDimArgs): ops.ValuesIndices;
  min(...args: ops.MaxArgs): Tensor | ops.ValuesIndices {
    return ops.min(this, ...args);
  }
  amax(...args: ops.AmaxArgs): Tensor {
    return ops.amax(this, ...args);
  }
  amin(...args: ops.AmaxArgs): Tensor {
    return ops.amin(this, ...args);
  }
  argmax(...args: ops.ArgmaxArgs): Tensor {
    return ops.argmax(this, ...args);
  }
  argmin(...args: ops.ArgmaxArgs): Tensor {
    return ops.argmin(this, ...args);
  }
  var(...args: ops.VarArgs): Tensor {
    return ops.var_(this, ...args);
  }
  std(...args: ops.VarArgs): Tensor {
    return ops.std(this, ...args);
  }
  norm(...args: ops.NormArgs): Tensor {
    return ops.norm(this, ...args);
  }
  logsumexp(...args: ops.LogsumexpArgs): Tensor {
    return ops.logsumexp(this, ...args);
  }
  cumsum(...args: ops.ScanArgs): Tensor {
    return ops.cumsum(this, ...args);
  }
  cumprod(...args: ops.ScanArgs): Tensor {
    return ops.cumprod(this, ...args);
  }
  cumsum_(...args: ops.ScanArgs): this {
    return ops.cumsum_(this, ...args) as this;
  }
  cumprod_(...args: ops.ScanArgs): this {
    return ops.cumprod_(this, ...args) as this;
  }
  cummax(...args: ops.CumExtremeArgs): ops.ValuesIndices {
    return ops.cummax(this, ...args);
  }
  cummin(...args: ops.CumExtremeArgs): ops.ValuesIndices {
    return ops.cummin(this, ...args);
  }
  all(...args: ops.BoolReduceArgs): Tensor {
    return ops.all(this, ...args);
  }
  any(...args: ops.BoolReduceArgs): Tensor {
    return ops.any(this, ...args);
  }
  count_nonzero(...args: ops.CountNonzeroArgs): Tensor {
    return ops.count_nonzero(this, ...args);
  }
  softmax(...args: ops.SoftmaxArgs): Tensor {
    return ops.softmax(this, ...args);
  }
  log_softmax(...args: ops.SoftmaxArgs): Tensor {
    return ops.log_softmax(this, ...args);
  }

  // ---------------------------------------------------------------- views (ops/shape/views.ts)
  view(...shape: number[] | [readonly number[]] | [DType]): Tensor {
    return ops.view(this, ...shape);
  }
  view_as(other: Tensor): Tensor {
    return ops.view(this, other.shape);
  }
  reshape(...shape: number[] | [readonly number[]]): Tensor {
    return ops.reshape(this, ...shape);
  }
  reshape_as(other: Tensor): Tensor {
    return ops.reshape(this, other.shape);
  }
  expand(...shape: number[] | [readonly number[]]): Tensor {
    return ops.expand(this, ...shape);
  }
  expand_as(other: Tensor): Tensor {
    return ops.expand(this, other.shape);
  }
  as_strided(size: readonly number[], stride: readonly number[], storage_offset?: number): Tensor {
    return ops.as_strided(this, size, stride, storage_offset);
  }
  as_strided_(size: readonly number[], stride: readonly number[], storage_offset?: number): this {
    return ops.as_strided_(this, size, stride, storage_offset) as this;
  }
  t(): Tensor {
    return ops.t(this);
  }
  t_(): this {
    return ops.t_(this) as this;
  }
  get T(): Tensor {
    return ops.numpy_T(this);
  }
  get mT(): Tensor {
    return ops.matrix_T(this);
  }
  transpose(dim0: number, dim1: number): Tensor {
    return ops.transpose(this, dim0, dim1);
  }
  transpose_(dim0: number, dim1: number): this {
    return ops.transpose_(this, dim0, dim1) as this;
  }
  swapaxes_(dim0: number, dim1: number): this {
    return ops.transpose_(this, dim0, dim1) as this;
  }
  swapdims_(dim0: number, dim1: number): this {
    return ops.transpose_(this, dim0, dim1) as this;
  }
  swapaxes(dim0: number, dim1: number): Tensor {
    return ops.transpose(this, dim0, dim1);
  }
  swapdims(dim0: number, dim1: number): Tensor {
    return ops.transpose(this, dim0, dim1);
  }
  permute(...dims: number[] | [readonly number[]]): Tensor {
    return ops.permute(this, ...dims);
  }
  squeeze(dim?: number | readonly number[] | null): Tensor {
    return ops.squeeze(this, dim);
  }
  unsqueeze(dim: number): Tensor {
    return ops.unsqueeze(this, dim);
  }
  squeeze_(dim?: number | readonly number[] | null): this {
    return ops.squeeze_(this, dim) as this;
  }
  unsqueeze_(dim: number): this {
    return ops.unsqueeze_(this, dim) as this;
  }
  select(dim: number, index: number): Tensor {
    return ops.select(this, dim, index);
  }
  narrow(dim: number, start: number, length: number): Tensor {
    return ops.narrow(this, dim, start, length);
  }
  flatten(...args: Parameters<typeof ops.flatten> extends [Tensor, ...infer R] ? R : never): Tensor {
    return ops.flatten(this, ...args);
  }
  unflatten(dim: number, sizes: readonly number[]): Tensor {
    return ops.unflatten(this, dim, sizes);
  }
  ravel(): Tensor {
    return ops.ravel(this);
  }
  movedim(source: number | readonly number[], destination: number | readonly number[]): Tensor {
    return ops.movedim(this, source, destination);
  }
  moveaxis(source: number | readonly number[], destination: number | readonly number[]): Tensor {
    return ops.movedim(this, source, destination);
  }
  diagonal(...args: Parameters<typeof ops.diagonal> extends [Tensor, ...infer R] ? R : never): Tensor {
    return ops.diagonal(this, ...args);
  }
  diag_embed(...args: Parameters<typeof ops.diag_embed> extends [Tensor, ...infer R] ? R : never): Tensor {
    return ops.diag_embed(this, ...args);
  }
  diag(diagonal?: number): Tensor {
    return ops.diag(this, diagonal);
  }

  // ---------------------------------------------------------------- indexing (ops/indexing/)
  /** Python's `x[...]`: `x.index(0, "1:", null)` is `x[0, 1:, None]` (see ops/indexing/subscript.ts). */
  index(...indices: IndexArg[]): Tensor {
    return ops.index(this, ...indices);
  }
  /** Python's `x[...] = values` (or += with accumulate), and PyTorch's index_put_. */
  index_put_(indices: readonly IndexArg[], values: TensorOrScalar, accumulate: AccumulateArg = false): this {
    return ops.index_put_(this, indices, values, accumulate) as this;
  }
  index_put(indices: readonly IndexArg[], values: TensorOrScalar, accumulate: AccumulateArg = false): Tensor {
    return ops.index_put(this, indices, values, accumulate);
  }
  index_select(dim: number, index: Tensor): Tensor {
    return ops.index_select(this, dim, index);
  }
  gather(dim: number, index: Tensor, options?: { sparse_grad?: boolean }): Tensor {
    return ops.gather(this, dim, index, options);
  }
  scatter(dim: number, index: Tensor, src: TensorOrScalar, options?: ops.ScatterOptions): Tensor {
    return ops.scatter(this, dim, index, src, options);
  }
  scatter_(dim: number, index: Tensor, src: TensorOrScalar, options?: ops.ScatterOptions): this {
    return ops.scatter_(this, dim, index, src, options) as this;
  }
  scatter_add(dim: number, index: Tensor, src: Tensor): Tensor {
    return ops.scatter_add(this, dim, index, src);
  }
  scatter_add_(dim: number, index: Tensor, src: Tensor): this {
    return ops.scatter_add_(this, dim, index, src) as this;
  }
  index_add(dim: number, index: Tensor, source: Tensor, options?: { alpha?: number }): Tensor {
    return ops.index_add(this, dim, index, source, options);
  }
  index_add_(dim: number, index: Tensor, source: Tensor, options?: { alpha?: number }): this {
    return ops.index_add_(this, dim, index, source, options) as this;
  }
  index_fill(dim: number, index: Tensor, value: TensorOrScalar): Tensor {
    return ops.index_fill(this, dim, index, value);
  }
  index_fill_(dim: number, index: Tensor, value: TensorOrScalar): this {
    return ops.index_fill_(this, dim, index, value) as this;
  }
  index_copy(dim: number, index: Tensor, source: Tensor): Tensor {
    return ops.index_copy(this, dim, index, source);
  }
  index_copy_(dim: number, index: Tensor, source: Tensor): this {
    return ops.index_copy_(this, dim, index, source) as this;
  }
  masked_select(mask: Tensor): Tensor {
    return ops.masked_select(this, mask);
  }
  masked_scatter(mask: Tensor, source: Tensor): Tensor {
    return ops.masked_scatter(this, mask, source);
  }
  masked_scatter_(mask: Tensor, source: Tensor): this {
    return ops.masked_scatter_(this, mask, source) as this;
  }
  take(index: Tensor): Tensor {
    return ops.take(this, index);
  }
  nonzero(options: { as_tuple: true }): Tensor[];
  nonzero(options?: { as_tuple?: false }): Tensor;
  nonzero(options?: { as_tuple?: boolean }): Tensor | Tensor[] {
    return ops.nonzero(this, options);
  }
  argwhere(): Tensor {
    return ops.argwhere(this);
  }

  // ---------------------------------------------------------------- joining (ops/shape/)
  split(split_size: number | readonly number[], ...args: [] | [number] | [{ dim?: number }]): Tensor[] {
    return ops.split(this, split_size, ...args);
  }
  split_with_sizes(split_sizes: readonly number[], dim?: number): Tensor[] {
    return ops.split_with_sizes(this, split_sizes, dim);
  }
  chunk(chunks: number, ...args: [] | [number] | [{ dim?: number }]): Tensor[] {
    return ops.chunk(this, chunks, ...args);
  }
  unbind(dim?: number): Tensor[] {
    return ops.unbind(this, dim);
  }
  tensor_split(
    indices_or_sections: number | readonly number[],
    ...args: [] | [number] | [{ dim?: number }]
  ): Tensor[] {
    return ops.tensor_split(this, indices_or_sections, ...args);
  }
  hsplit(sections: number | readonly number[]): Tensor[] {
    return ops.hsplit(this, sections);
  }
  vsplit(sections: number | readonly number[]): Tensor[] {
    return ops.vsplit(this, sections);
  }
  dsplit(sections: number | readonly number[]): Tensor[] {
    return ops.dsplit(this, sections);
  }
  flip(...dims: number[] | [readonly number[]]): Tensor {
    return ops.flip(this, ...dims);
  }
  fliplr(): Tensor {
    return ops.fliplr(this);
  }
  flipud(): Tensor {
    return ops.flipud(this);
  }
  roll(...args: Parameters<typeof ops.roll> extends [Tensor, ...infer R] ? R : never): Tensor {
    return ops.roll(this, ...args);
  }
  tril(...args: [] | [number] | [{ diagonal?: number }]): Tensor {
    return ops.tril(this, ...args);
  }
  triu(...args: [] | [number] | [{ diagonal?: number }]): Tensor {
    return ops.triu(this, ...args);
  }
  tril_(...args: [] | [number] | [{ diagonal?: number }]): this {
    return ops.tril_(this, ...args) as this;
  }
  triu_(...args: [] | [number] | [{ diagonal?: number }]): this {
    return ops.triu_(this, ...args) as this;
  }
  repeat(...sizes: number[] | [readonly number[]]): Tensor {
    return ops.repeat(this, ...sizes);
  }
  tile(...dims: number[] | [readonly number[]]): Tensor {
    return ops.tile(this, ...dims);
  }

  // ---------------------------------------------------------------- linalg (ops/linalg/)
  matmul(other: Tensor): Tensor {
    return ops.matmul(this, other);
  }
  mm(mat2: Tensor): Tensor {
    return ops.mm(this, mat2);
  }
  bmm(mat2: Tensor): Tensor {
    return ops.bmm(this, mat2);
  }
  mv(vec: Tensor): Tensor {
    return ops.mv(this, vec);
  }
  dot(other: Tensor): Tensor {
    return ops.dot(this, other);
  }
  vdot(other: Tensor): Tensor {
    return ops.vdot(this, other);
  }
  inner(other: Tensor): Tensor {
    return ops.inner(this, other);
  }
  outer(vec2: Tensor): Tensor {
    return ops.outer(this, vec2);
  }
  ger(vec2: Tensor): Tensor {
    return ops.ger(this, vec2);
  }
  addmm(mat1: Tensor, mat2: Tensor, options?: ops.AddOptions): Tensor {
    return ops.addmm(this, mat1, mat2, options);
  }
  addmm_(mat1: Tensor, mat2: Tensor, options?: ops.AddOptions): this {
    return ops.addmm_(this, mat1, mat2, options) as this;
  }
  addmv(mat: Tensor, vec: Tensor, options?: ops.AddOptions): Tensor {
    return ops.addmv(this, mat, vec, options);
  }
  addmv_(mat: Tensor, vec: Tensor, options?: ops.AddOptions): this {
    return ops.addmv_(this, mat, vec, options) as this;
  }
  baddbmm(batch1: Tensor, batch2: Tensor, options?: ops.AddOptions): Tensor {
    return ops.baddbmm(this, batch1, batch2, options);
  }
  baddbmm_(batch1: Tensor, batch2: Tensor, options?: ops.AddOptions): this {
    return ops.baddbmm_(this, batch1, batch2, options) as this;
  }
  addbmm(batch1: Tensor, batch2: Tensor, options?: ops.AddOptions): Tensor {
    return ops.addbmm(this, batch1, batch2, options);
  }
  addbmm_(batch1: Tensor, batch2: Tensor, options?: ops.AddOptions): this {
    return ops.addbmm_(this, batch1, batch2, options) as this;
  }

  // ---------------------------------------------------------------- sorting (ops/sorting/)
  sort(...args: ops.SortArgs): ops.ValuesIndices {
    return ops.sort(this, ...args);
  }
  argsort(...args: ops.SortArgs): Tensor {
    return ops.argsort(this, ...args);
  }
  msort(): Tensor {
    return ops.msort(this);
  }
  topk(k: number, ...args: ops.TopkArgs): ops.ValuesIndices {
    return ops.topk(this, k, ...args);
  }
  kthvalue(k: number, ...args: ops.KthvalueArgs): ops.ValuesIndices {
    return ops.kthvalue(this, k, ...args);
  }
  unique(...args: ops.UniqueArgs): Tensor | Tensor[] {
    return ops.unique(this, ...args);
  }
  unique_consecutive(...args: ops.UniqueConsecutiveArgs): Tensor | Tensor[] {
    return ops.unique_consecutive(this, ...args);
  }

  // ---------------------------------------------------------------- random (ops/random/)
  uniform_(...args: ops.SamplerArgs<"from" | "to">): this {
    return ops.uniform_(this, ...args) as this;
  }
  normal_(...args: ops.SamplerArgs<"mean" | "std">): this {
    return ops.normal_(this, ...args) as this;
  }
  random_(...args: (number | bigint | null | undefined | ops.RandomKw)[]): this {
    return ops.random_(this, ...args) as this;
  }
  bernoulli_(...args: (number | Tensor | undefined | ({ p?: number | Tensor } & ops.GenOption))[]): this {
    return ops.bernoulli_(this, ...args) as this;
  }
  exponential_(...args: ops.SamplerArgs<"lambd">): this {
    return ops.exponential_(this, ...args) as this;
  }
  bernoulli(p?: number | ops.BernoulliOptions, options?: ops.GenOption): Tensor {
    return ops.bernoulli(this, p, options);
  }
  multinomial(
    num_samples: number,
    replacement?: boolean | ops.MultinomialOptions,
    options?: ops.MultinomialOptions,
  ): Tensor {
    return ops.multinomial(this, num_samples, replacement, options);
  }
}
