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

type Scalar = number | boolean;
type TensorOrScalar = Tensor | Scalar;

import type { BackwardOptions } from "../autograd/functional.js";

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
    if (this._base !== null && this._base.requires_grad) {
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
  new_zeros(size: readonly number[], options: FactoryOptions = {}): Tensor {
    return factory.full_tensor(size, 0, { dtype: this.dtype, ...options });
  }
  new_ones(size: readonly number[], options: FactoryOptions = {}): Tensor {
    return factory.full_tensor(size, 1, { dtype: this.dtype, ...options });
  }
  new_empty(size: readonly number[], options: FactoryOptions = {}): Tensor {
    return factory.full_tensor(size, 0, { dtype: this.dtype, ...options });
  }
  new_full(size: readonly number[], fill_value: number | boolean, options: FactoryOptions = {}): Tensor {
    return factory.full_tensor(size, fill_value, { dtype: this.dtype, ...options });
  }
  new_tensor(data: Parameters<typeof factory.tensor>[0], options: FactoryOptions = {}): Tensor {
    return factory.tensor(data, { dtype: this.dtype, ...options });
  }

  // ---------------------------------------------------------------- conversion (ops/convert.ts)
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
    ops.fill_(this, 0);
    return this;
  }

  // ---------------------------------------------------------------- pointwise (ops/pointwise.ts)
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

  // ---------------------------------------------------------------- binary (ops/binary.ts)
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

  // ---------------------------------------------------------------- reductions (ops/reduction.ts)
  sum(...args: ops.ReduceArgs): Tensor {
    return ops.sum(this, ...args);
  }
  mean(...args: ops.ReduceArgs): Tensor {
    return ops.mean(this, ...args);
  }
  sum_to_size(...size: number[] | [readonly number[]]): Tensor {
    return ops.sum_to_size(this, ...size);
  }

  // ---------------------------------------------------------------- views (ops/movement.ts)
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
  t(): Tensor {
    return ops.t(this);
  }
  get T(): Tensor {
    return ops.permute(
      this,
      this.shape.map((_, i) => this.shape.length - 1 - i),
    );
  }
  get mT(): Tensor {
    return ops.transpose(this, -2, -1);
  }
  transpose(dim0: number, dim1: number): Tensor {
    return ops.transpose(this, dim0, dim1);
  }
  swapaxes(dim0: number, dim1: number): Tensor {
    return ops.transpose(this, dim0, dim1);
  }
  permute(...dims: number[] | [readonly number[]]): Tensor {
    return ops.permute(this, ...dims);
  }
  squeeze(dim?: number | readonly number[]): Tensor {
    return ops.squeeze(this, dim);
  }
  unsqueeze(dim: number): Tensor {
    return ops.unsqueeze(this, dim);
  }
  select(dim: number, index: number): Tensor {
    return ops.select(this, dim, index);
  }
  narrow(dim: number, start: number, length: number): Tensor {
    return ops.narrow(this, dim, start, length);
  }
}
