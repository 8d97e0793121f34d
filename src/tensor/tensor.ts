/**
 * The Tensor: a view (shape, strides, offset, dtype) onto a Storage, plus its autograd fields.
 * The class holds what every tensor is (metadata, autograd, values, factories, dtype
 * conversions); the op methods (`x.add(y)`, `x.exp_()`, ...) come from the op table: each family
 * file in src/ops declares its ops' variants (src/ops/table.ts), and `install_methods` puts them
 * on the prototype, typed by `TensorMethods` merged into the class below. Construction is cheap
 * (a few fields, no closures), since small models are dominated by per-op overhead.
 */
import type { DType } from "../dtype.js";
import { is_contiguous as layout_is_contiguous, numel as shape_numel, type Shape } from "../shape.js";
import type { StridedView } from "../backends/backend.js";
import { AccumulateGrad, type GradHook, type Node } from "../autograd/node.js";
import { gradient_edge } from "../autograd/engine.js";
import { view_grad_fn, type CreationMeta } from "../autograd/view_history.js";
import type { Storage, VersionCounter } from "./storage.js";
import * as ops from "../ops/index.js";
import type { TensorMethods } from "../ops/index.js";
import { install_methods } from "../ops/table.js";
import { tensor_backward, type TensorBackwardArgs } from "../autograd/functional.js";
import { format_tensor } from "./repr.js";
import * as factory from "./factory.js";
import type { FactoryOptions } from "./factory.js";
import { check_assigned_grad, type ShapeArgs } from "./args.js";

/** The op methods, typed from the op table (their implementations are installed below the class). */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface Tensor extends TensorMethods {}
import { copy_size, type Size } from "./size.js";
import type { ToArgs } from "../ops/convert/convert.js";

/**
 * PyTorch's `torch.Tensor`: made by the factories (`torch.tensor`, `torch.zeros`, ...), not `new`. Its op
 * methods are the torch functions with the tensor first (`x.add(y)` is `torch.add(x, y)`); `_` is in-place.
 */
export class Tensor {
  /** PyTorch's name for this class, which bundlers cannot rename (src/names.ts). */
  static readonly __name__: string = "Tensor";
  /** @internal the storage this view reads */
  _storage: Storage;
  /** the sizes; readonly for users (views make new tensors) */
  shape: readonly number[];
  /** @internal */
  _strides: readonly number[];
  /** @internal */
  _offset: number;
  /** The element type (`torch.float32`, ...). */
  dtype: DType;
  /** @internal see `grad` */
  _grad: Tensor | null = null;
  /** @internal the node that made this tensor, as last set (see the grad_fn getter) */
  _grad_fn: Node | null = null;
  /** @internal which output of grad_fn this tensor is */
  _output_nr = 0;
  /** @internal the tensor this one is a view of (null if it owns its layout); never a view */
  _base: Tensor | null = null;
  /** @internal for a view: how it was created (autograd/view_history.ts) */
  _creation_meta: CreationMeta = 0;
  /** @internal for a view: the version its grad_fn was set at */
  _attr_version = 0;
  /** @internal shared with views and detach(): counts in-place writes */
  _vc: VersionCounter;
  /** @internal the leaf's own flag (requires_grad also counts history and a view's base) */
  _requires_grad = false;
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
  /** Always "cpu". */
  get device(): string {
    return "cpu";
  }
  /** The number of dims, as `dim()`. */
  get ndim(): number {
    return this.shape.length;
  }
  /** The number of dims. */
  dim(): number {
    return this.shape.length;
  }
  /** The shape as a `torch.Size` (an array that prints as PyTorch's), or the size of one dim. */
  size(): Size;
  size(dim: number): number;
  size(dim?: number): Size | number {
    if (dim === undefined) return copy_size(this.shape);
    return this.shape[ops.normalize_dim(dim, this.shape.length)];
  }
  /** The number of elements. */
  numel(): number {
    return shape_numel(this.shape);
  }
  /** Alias of `numel()`. */
  nelement(): number {
    return this.numel();
  }
  /** The strides in elements, or the stride of one dim. */
  stride(): number[];
  stride(dim: number): number;
  stride(dim?: number): number[] | number {
    if (dim === undefined) return this._strides.slice();
    return this._strides[ops.normalize_dim(dim, this.shape.length)];
  }
  /** Where this view starts in its storage, in elements. */
  storage_offset(): number {
    return this._offset;
  }
  /** Whether the elements are laid out densely in row-major order. */
  is_contiguous(): boolean {
    return layout_is_contiguous(this.shape, this._strides);
  }
  /** Bytes per element of the dtype. */
  element_size(): number {
    return this.dtype.itemsize;
  }
  /** Whether the dtype is a floating one. */
  is_floating_point(): boolean {
    return this.dtype.is_floating_point;
  }
  /** Always false. */
  get is_cuda(): boolean {
    return false;
  }
  /** @internal the strided view kernels read */
  _view(): StridedView {
    const { dtype, shape, _strides: strides, _offset: offset } = this;
    return { data: this._storage.data, dtype, shape, strides, offset };
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
  /** True unless a recorded op made this tensor (user-made tensors, results computed under no_grad). */
  get is_leaf(): boolean {
    return this.grad_fn === null;
  }
  /**
   * The node that made this tensor; null for leaves. A view's node is regenerated from its base
   * after an in-place write into the base or a sibling view (autograd/view_history.ts).
   */
  get grad_fn(): Node | null {
    return this._base === null ? this._grad_fn : view_grad_fn(this);
  }
  set grad_fn(fn: Node | null) {
    this._grad_fn = fn;
    if (this._base !== null) this._attr_version = this._vc.version;
  }

  // ---------------------------------------------------------------- autograd
  /** The gradient accumulated by backward(); null until the first one. */
  get grad(): Tensor | null {
    return this._grad;
  }
  /** Assigning a gradient checks it fits, as PyTorch does (an optimizer would broadcast it). */
  set grad(g: Tensor | null) {
    check_assigned_grad(this, g);
    this._grad = g;
  }
  /** Whether autograd records ops on this tensor; settable on leaves only, as in PyTorch. */
  get requires_grad(): boolean {
    // a view requires grad when its base does, even one made in no_grad mode (as PyTorch); the
    // node as last set is enough, as in PyTorch (reading grad_fn may regenerate it, or refuse)
    const base = this._base;
    return this._requires_grad || this._grad_fn !== null || (base !== null && base.requires_grad);
  }
  set requires_grad(value: boolean) {
    this.requires_grad_(value);
  }
  /** Sets `requires_grad` on a leaf (default true) and returns the tensor. */
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
  /**
   * Accumulates this tensor's gradient into the graph's leaves' `.grad`: `backward(gradient?, options?)`
   * (gradient needed unless one element; options `retain_graph`, `create_graph`, `inputs`).
   */
  backward(...args: TensorBackwardArgs): void {
    tensor_backward(this, args);
  }
  /** Registers fn(grad) to run when this tensor's gradient is computed; it may return a new one. */
  register_hook(hook: GradHook): {
    /** Unregisters the hook. */
    remove(): void;
  } {
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
  /** Keeps `.grad` for this non-leaf tensor at the next backward (leaves always keep theirs). */
  retain_grad(): void {
    if (!this.requires_grad) {
      throw new Error("can't retain_grad on Tensor that has requires_grad=False");
    }
    if (this.grad_fn === null) return;
    (this.grad_fn._retained ??= new Map()).set(this._output_nr, this);
  }
  /** Whether `retain_grad()` was called on this non-leaf tensor. */
  get retains_grad(): boolean {
    return this.grad_fn?._retained?.get(this._output_nr) === this;
  }
  /** A new tensor sharing this one's data, cut from the graph. */
  detach(): Tensor {
    return ops.alias(this, this._vc);
  }
  /** Cuts this tensor from the graph in place (it becomes a leaf); refused for views, as in PyTorch. */
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
  /** The value of a one-element tensor as a JS number (a boolean for bool tensors). */
  item(): number | boolean {
    const n = this.numel();
    if (n !== 1) throw new Error(`a Tensor with ${n} elements cannot be converted to Scalar`);
    const v = this._storage.data[this._offset];
    return this.dtype.name === "bool" ? v !== 0 : v;
  }
  /** The values as nested arrays of numbers (booleans for bool tensors); a number for a 0-dim tensor. */
  tolist(): unknown {
    return ops.tolist(this);
  }
  /** PyTorch's repr, e.g. `tensor([1., 2.], requires_grad=True)`. */
  toString(): string {
    return format_tensor(this);
  }
  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return format_tensor(this);
  }
  get [Symbol.toStringTag](): string {
    return "Tensor";
  }
  /** Iterates over the first dim, as Python's `for row in x`; a 0-dim tensor cannot be iterated. */
  *[Symbol.iterator](): IterableIterator<Tensor> {
    if (this.shape.length === 0) throw new TypeError("iteration over a 0-d tensor");
    for (let i = 0; i < this.shape[0]; i++) yield this.select(0, i);
  }

  // ---------------------------------------------------------------- factories (tensor/factory.ts)
  /** A tensor of zeros of the given shape with this tensor's dtype (or `{ dtype }`). */
  new_zeros(...size: ShapeArgs<FactoryOptions>): Tensor {
    return factory.new_filled(this, 0, "new_zeros", size);
  }
  /** A tensor of ones of the given shape with this tensor's dtype (or `{ dtype }`). */
  new_ones(...size: ShapeArgs<FactoryOptions>): Tensor {
    return factory.new_filled(this, 1, "new_ones", size);
  }
  /** An uninitialized tensor of the given shape with this tensor's dtype (or `{ dtype }`). */
  new_empty(...size: ShapeArgs<FactoryOptions>): Tensor {
    return factory.new_filled(this, 0, "new_empty", size);
  }
  /** A tensor of the given shape filled with fill_value, with this tensor's dtype (or `{ dtype }`). */
  new_full(size: readonly number[], fill_value: number | boolean, options: FactoryOptions = {}): Tensor {
    return factory.full_tensor(size, fill_value, { dtype: this.dtype, ...options });
  }
  /** A new tensor (a copy) from data, with this tensor's dtype unless `{ dtype }` says otherwise. */
  new_tensor(data: Parameters<typeof factory.tensor>[0], options: FactoryOptions = {}): Tensor {
    return factory.tensor(data, { dtype: this.dtype, ...options });
  }

  // ---------------------------------------------------------------- conversion (ops/convert/)
  /**
   * Converts to a dtype: `to(dtype)`, `to(device, dtype?)`, `to(other)` (other's dtype) or `to({ dtype,
   * device, copy })`. Returns this tensor when nothing changes, unless `copy` is true.
   */
  to(...args: ToArgs): Tensor {
    return ops.to(this, ...args);
  }
  /** `to(torch.float32)`. */
  float(): Tensor {
    return ops.to(this, ops.dtypes.float32);
  }
  /** `to(torch.float64)`. */
  double(): Tensor {
    return ops.to(this, ops.dtypes.float64);
  }
  /** `to(torch.int64)`. */
  long(): Tensor {
    return ops.to(this, ops.dtypes.int64);
  }
  /** `to(torch.int32)`. */
  int(): Tensor {
    return ops.to(this, ops.dtypes.int32);
  }
  /** `to(torch.bool)`. */
  bool(): Tensor {
    return ops.to(this, ops.dtypes.bool);
  }
  /** With no argument, the type name (`"torch.FloatTensor"`, ...); with a dtype, `to(dtype)`. */
  type(): string;
  type(dtype: DType): Tensor;
  type(dtype?: DType): Tensor | string {
    return dtype === undefined ? ops.type_name(this.dtype) : ops.to(this, dtype);
  }
  /** `to(other.dtype)`. */
  type_as(other: Tensor): Tensor {
    return ops.to(this, other.dtype);
  }
  /** A view with other's shape. */
  view_as(other: Tensor): Tensor {
    return ops.view(this, other.shape);
  }
  /** `reshape(other.shape)`. */
  reshape_as(other: Tensor): Tensor {
    return ops.reshape(this, other.shape);
  }
  /** `expand(other.shape)`. */
  expand_as(other: Tensor): Tensor {
    return ops.expand(this, other.shape);
  }
  /** All dims reversed (PyTorch deprecates it for ndim != 2 but still permutes). */
  get T(): Tensor {
    return ops.numpy_T(this);
  }
  /** The last two dims transposed. */
  get mT(): Tensor {
    return ops.matrix_T(this);
  }
}

install_methods(Tensor.prototype);
