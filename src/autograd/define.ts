/**
 * defineOp: the one place that turns an op definition (forward, backward, PyTorch's node name)
 * into a callable that records the graph. It decides whether to record (grad mode on and a
 * differentiable input requiring grad, and a floating result), runs the forward with recording
 * off, and builds the node with its edges. It also makes each op's in-place variant (`exp_`)
 * with PyTorch's checks and version-counter bumps, so definitions never deal with either.
 *
 * A definition's backward returns one gradient per differentiable slot (`differentiable`, the
 * argument positions that get graph edges; default [0]), in the output's broadcast shape: the
 * engine sums it back to each input's shape. Backwards are written in tensor ops, so they are
 * themselves recorded under create_graph and higher-order gradients come free.
 */
import { FREED_GRAPH_ERROR, Node, type Edge, type InputMeta } from "./node.js";
import { is_grad_enabled, set_grad_enabled } from "./grad_mode.js";
import { gradient_edge } from "./engine.js";
import { CopySlices } from "./copy_slices.js";
import { CreationMeta, finish_view, handle_view_on_rebase } from "./view_history.js";
import { can_cast, type DType, scalar_type_name, type_name } from "../dtype.js";
import { fmt_shape, shapes_equal, type Shape } from "../shape.js";
import { Tensor } from "../tensor/tensor.js";
import { Storage } from "../tensor/storage.js";
import { empty_tensor } from "../tensor/make.js";
import { kernels } from "../backends/index.js";
import { assert_no_internal_overlap, has_internal_overlap, input_needs_copy } from "../tensor/overlap.js";

/** A gradient for one slot: a tensor, nothing (zero / not needed), or one per list element. */
export type Grad = Tensor | null | undefined | (Tensor | null | undefined)[];

/** Where a forward writes its result: what kernel helpers need of a Ctx. */
export interface OutputSink {
  output(shape: Shape, dtype: DType): Tensor;
}

/** What a forward sees: where to write its result, and where to keep what backward needs. */
export class Ctx<A extends unknown[] = unknown[]> {
  /** set by the in-place variant: the tensor the result must be written into */
  out: Tensor | null = null;
  needs_input_grad: boolean[] = [];
  /** shape and dtype of each differentiable input (null for scalars) */
  inputs: (InputMeta | null)[] = [];
  private _saved: Tensor[] | null = [];
  private _versions: number[] = [];
  /** the node (and output index) each saved tensor came from, for the in-place error */
  private _origins: [Node | null, number][] = [];
  private _args: A;
  /**
   * the non-differentiable tensor arguments (indices, masks, conditions) backward reads from
   * args, as [tensor, version] pairs: PyTorch saves them, so they are version-checked too
   */
  private _watched: [Tensor, number][] | null = null;
  constructor(
    /** the call's arguments; backward may read non-tensor ones (dims, options) */
    args: A,
    readonly recording: boolean,
  ) {
    this._args = args;
  }

  /** The call's arguments; reading them in backward checks the watched tensors' versions. */
  get args(): A {
    const w = this._watched;
    if (w !== null) {
      if (this._saved === null) throw new Error(FREED_GRAPH_ERROR);
      for (const [t, v] of w) if (t._version !== v) throw new Error(modified_message(t, v, null, 0));
    }
    return this._args;
  }

  /** @internal records the versions of the tensor arguments outside the differentiable slots */
  _watch(slots: readonly number[]): void {
    const args = this._args;
    for (let i = 0; i < args.length; i++) {
      if (slots.includes(i)) continue;
      const a = args[i];
      if (a instanceof Tensor) (this._watched ??= []).push([a, a._version]);
      else if (Array.isArray(a)) {
        for (const t of a) if (t instanceof Tensor) (this._watched ??= []).push([t, t._version]);
      }
    }
  }

  /** Keeps tensors for backward; reading them back checks they were not modified in place. */
  save(...tensors: Tensor[]): void {
    if (!this.recording || !this._saved) return;
    for (let i = 0; i < tensors.length; i++) {
      const t = tensors[i];
      this._saved.push(t);
      this._versions.push(t._version);
      this._origins.push([t.grad_fn, t._output_nr]);
    }
  }

  get saved(): Tensor[] {
    const s = this._saved;
    if (!s) throw new Error(FREED_GRAPH_ERROR);
    for (let i = 0; i < s.length; i++) {
      const t = s[i];
      if (t._version !== this._versions[i]) {
        const [origin, nr] = this._origins[i];
        throw new Error(modified_message(t, this._versions[i], origin, nr));
      }
    }
    return s;
  }

  /** The tensor a forward writes its result to: the in-place target, or a new tensor. */
  output(shape: Shape, dtype: DType): Tensor {
    const out = this.out;
    if (!out) return empty_tensor(shape, dtype);
    check_into(shape, dtype, out);
    return out;
  }

  /** @internal saved outputs of the op itself come from its own node */
  _set_output_origin(outputs: readonly Tensor[], node: Node): void {
    const saved = this._saved;
    if (!saved) return;
    for (let i = 0; i < saved.length; i++) {
      const k = outputs.indexOf(saved[i]);
      if (k >= 0 && this._origins[i][0] === null) this._origins[i] = [node, k];
    }
  }

  /**
   * @internal an in-place op computed `from` out of place and wrote it into `to`: what was
   * saved as `from` is `to` from now on, version-checked at `to`'s current version
   */
  _retarget(from: Tensor, to: Tensor): void {
    this._saved?.forEach((t, i) => {
      if (t !== from) return;
      (this._saved as Tensor[])[i] = to;
      this._versions[i] = to._version;
    });
  }

  /**
   * @internal after a backward without retain_graph: the saved tensors are dropped and each
   * tensor argument is replaced by one with its metadata and no data, as PyTorch keeps only
   * what derivatives.yaml saves (a second backward through a node that needs data fails with
   * PyTorch's error; one that needs only sizes still runs, as in PyTorch)
   */
  _release(): void {
    this._saved = null;
    this._versions = [];
    this._origins = [];
    // the array is this call's own (rest parameters): replaced in place
    const args = this._args;
    for (let i = 0; i < args.length; i++) {
      const a = args[i];
      if (a instanceof Tensor) args[i] = freed_tensor(a);
      else if (Array.isArray(a) && a.some((t) => t instanceof Tensor)) {
        args[i] = a.map((t: unknown) => (t instanceof Tensor ? freed_tensor(t) : t));
      }
    }
    if (this._watched !== null) this._watched = [];
  }
}

/** PyTorch's message for a saved tensor written in place after it was saved. */
function modified_message(t: Tensor, expected: number, origin: Node | null, nr: number): string {
  return `one of the variables needed for gradient computation has been modified by an inplace operation: [${type_name(t.dtype)} ${fmt_shape(t.shape)}]${origin ? `, which is output ${nr} of ${origin.name()},` : ""} is at version ${t._version}; expected version ${expected} instead. Hint: enable anomaly detection to find the operation that failed to compute its gradient, with torch.autograd.set_detect_anomaly(True).`;
}

/** One storage per dtype whose data can no longer be read: the freed graph's. */
const FREED_STORAGE = new Map<DType, Storage>();

/** t's metadata over a storage whose data can no longer be read (the graph was freed). */
function freed_tensor(t: Tensor): Tensor {
  let storage = FREED_STORAGE.get(t.dtype);
  if (!storage) {
    storage = new Storage(new t.dtype.array(0), t.dtype);
    Object.defineProperty(storage, "data", {
      get() {
        throw new Error(FREED_GRAPH_ERROR);
      },
    });
    FREED_STORAGE.set(t.dtype, storage);
  }
  return new Tensor(storage, t.shape, t._strides, t._offset, t.dtype);
}

/** PyTorch's checks before a result of `shape` and `dtype` is written into `out` (in place). */
function check_into(shape: Shape, dtype: DType, out: Tensor): void {
  if (!shapes_equal(out.shape, shape)) {
    throw new Error(
      `output with shape ${fmt_shape(out.shape)} doesn't match the broadcast shape ${fmt_shape(shape)}`,
    );
  }
  if (!can_cast(dtype, out.dtype)) {
    throw new Error(
      `result type ${scalar_type_name(dtype)} can't be cast to the desired output type ${scalar_type_name(out.dtype)}`,
    );
  }
}

/** The ctx type a forward is checked against; backward sees the precise Ctx<ArgsOf<F>>. */
type AnyCtx = Ctx<never[]>;
/** A forward: (ctx, ...args) => result. Its parameter list is the op's argument list. */
export type Forward<R> = (ctx: AnyCtx, ...args: never[]) => R;
/** The argument list of a forward, without its ctx. */
export type ArgsOf<F> = F extends (ctx: AnyCtx, ...args: infer A) => unknown ? A : never;

export type Slots<A extends unknown[]> = readonly number[] | ((...args: A) => readonly number[]);

export interface OpDef<F extends Forward<Tensor>> {
  /** torch.X's name, for messages */
  name: string;
  /** PyTorch's grad_fn class name; a function when it depends on the overload called */
  node?: string | ((...args: ArgsOf<F>) => string);
  /**
   * argument positions that get graph edges (a Tensor, a scalar, or a Tensor[]); a function
   * when the overload decides (pow(Tensor, Scalar) has one edge, pow(Tensor, Tensor) two)
   */
  differentiable?: Slots<ArgsOf<F>>;
  forward: F;
  /**
   * whether the in-place variant may write a tensor whose elements alias each other (an
   * expanded tensor): PyTorch allows it for fills (fill_, zero_, masked_fill_, index_fill_,
   * index_put_) and refuses it everywhere else
   */
  allows_internal_overlap?: boolean | ((...args: ArgsOf<F>) => boolean);
  /** gradient of each differentiable slot, given the output's gradient */
  backward?(ctx: Ctx<ArgsOf<F>>, grad: Tensor): Grad[];
}

export interface MultiOpDef<F extends Forward<Tensor[]>> {
  name: string;
  /** a custom autograd.Function: its view outputs can never be written in place (PyTorch) */
  custom_function?: boolean;
  node?: string | ((...args: ArgsOf<F>) => string);
  differentiable?: Slots<ArgsOf<F>>;
  forward: F;
  /** gradients of the outputs, null where an output received none */
  backward?(ctx: Ctx<ArgsOf<F>>, grads: (Tensor | null)[]): Grad[];
}

/** The node a defined op records: its definition, its ctx, its edges. */
export class OpNode<A extends unknown[] = unknown[]> extends Node {
  constructor(
    readonly node_name: string,
    private readonly ctx: Ctx<A>,
    private readonly backward_fn: (ctx: Ctx<A>, grads: (Tensor | null)[]) => Grad[],
    private readonly n_outputs: number,
    edges: Edge[],
    meta: (InputMeta | null)[],
    private readonly slot_sizes: number[],
    builtin = true,
  ) {
    super(edges, meta);
    this._builtin = builtin;
  }
  override name(): string {
    return this.node_name;
  }
  override get num_outputs(): number {
    return this.n_outputs;
  }
  override apply(grad_outputs: (Tensor | null)[]): (Tensor | null)[] {
    const grads = this.backward_fn(this.ctx, grad_outputs);
    const out: (Tensor | null)[] = [];
    for (let s = 0; s < this.slot_sizes.length; s++) {
      const g = grads[s];
      const size = this.slot_sizes[s];
      if (size < 0) out.push(g instanceof Tensor ? g : null);
      else for (let j = 0; j < size; j++) out.push((Array.isArray(g) ? g[j] : null) ?? null);
    }
    return out;
  }
  /** @internal see Ctx._retarget */
  _retarget(from: Tensor, to: Tensor): void {
    this.ctx._retarget(from, to);
  }

  override release(): void {
    this.ctx._release();
  }
  /** Saved tensors, as PyTorch exposes them (`_saved_self` and friends), for inspection. */
  get saved_tensors(): Tensor[] {
    return this.ctx.saved;
  }
}

/** One shared ctx for the common case: not recording, not in place. */
const PLAIN_CTX = new Ctx<unknown[]>([], false);

function slot_requires_grad(a: unknown): boolean {
  if (a instanceof Tensor) return a.requires_grad;
  if (Array.isArray(a)) return a.some((t) => t instanceof Tensor && t.requires_grad);
  return false;
}

function slots_of<A extends unknown[]>(slots: Slots<A>, args: A): readonly number[] {
  return typeof slots === "function" ? slots(...args) : slots;
}

// (the per-op path below uses indexed loops and no per-call closures: every op of a small model
// runs it, and in a short run most of those calls are in code the engine has not optimized yet)

function wants_graph<A extends unknown[]>(args: A, slots: Slots<A>): boolean {
  if (!is_grad_enabled()) return false;
  const s = slots_of(slots, args);
  for (let i = 0; i < s.length; i++) if (slot_requires_grad(args[s[i]])) return true;
  return false;
}

interface SlotEdges {
  edges: Edge[];
  meta: (InputMeta | null)[];
  needs: boolean[];
  sizes: number[];
}

function add_edge(e: SlotEdges, a: unknown): void {
  if (a instanceof Tensor) {
    const rg = a.requires_grad;
    e.edges.push(rg ? gradient_edge(a) : [null, 0]);
    e.meta.push({ shape: a.shape, dtype: a.dtype });
    e.needs.push(rg);
  } else {
    e.edges.push([null, 0]);
    e.meta.push(null);
    e.needs.push(false);
  }
}

function edges_for(args: unknown[], slots: readonly number[]): SlotEdges {
  const e: SlotEdges = { edges: [], meta: [], needs: [], sizes: [] };
  for (let k = 0; k < slots.length; k++) {
    const a = args[slots[k]];
    if (Array.isArray(a)) {
      e.sizes.push(a.length);
      for (let j = 0; j < a.length; j++) add_edge(e, a[j]);
    } else {
      e.sizes.push(-1);
      add_edge(e, a);
    }
  }
  return e;
}

function run_forward<A extends unknown[], R>(fwd: (ctx: Ctx<A>, ...args: A) => R, ctx: Ctx<A>, args: A): R {
  const prev = is_grad_enabled();
  if (!prev) return fwd(ctx, ...args);
  set_grad_enabled(false);
  try {
    return fwd(ctx, ...args);
  } finally {
    set_grad_enabled(true);
  }
}

function node_name<A extends unknown[]>(
  def: { node?: string | ((...a: A) => string); name: string },
  args: A,
): string {
  const n = def.node;
  return typeof n === "function" ? n(...args) : (n ?? `${def.name}Backward`);
}

/** Builds the edges before the forward runs, so it can consult ctx.needs_input_grad. */
function prepare<A extends unknown[]>(ctx: Ctx<A>, slots: Slots<A>, args: A) {
  const s = slots_of(slots, args);
  const e = edges_for(args, s);
  ctx._watch(s);
  ctx.needs_input_grad = e.needs;
  ctx.inputs = e.meta;
  return e;
}

function attach<A extends unknown[]>(
  def: { node?: string | ((...a: A) => string); name: string },
  ctx: Ctx<A>,
  args: A,
  e: ReturnType<typeof edges_for>,
  outputs: Tensor[],
  backward: (ctx: Ctx<A>, grads: (Tensor | null)[]) => Grad[],
  builtin = true,
): void {
  const node = new OpNode(
    node_name(def, args),
    ctx,
    backward,
    outputs.length,
    e.edges,
    e.meta,
    e.sizes,
    builtin,
  );
  ctx._set_output_origin(outputs, node);
  for (let i = 0; i < outputs.length; i++) {
    const t = outputs[i];
    if (t.dtype.is_floating_point) {
      t.grad_fn = node;
      t._output_nr = i;
    }
  }
}

export type OpFn<A extends unknown[]> = ((...args: A) => Tensor) & {
  /** the in-place variant: writes the result into args[0] */
  inplace: (...args: A) => Tensor;
};

interface PlainDef<A extends unknown[], R> {
  name: string;
  allows_internal_overlap?: boolean | ((...args: A) => boolean);
  node?: string | ((...args: A) => string);
  differentiable?: Slots<A>;
  forward: (ctx: Ctx<A>, ...args: A) => R;
}

export function defineOp<F extends Forward<Tensor>>(definition: OpDef<F>): OpFn<ArgsOf<F>> {
  type A = ArgsOf<F>;
  const def = definition as unknown as PlainDef<A, Tensor> & {
    backward?: (ctx: Ctx<A>, grad: Tensor) => Grad[];
  };
  const slots = def.differentiable ?? [0];
  const bw = def.backward;
  const backward = bw ? (ctx: Ctx<A>, grads: (Tensor | null)[]) => bw(ctx, grads[0] as Tensor) : null;
  const op = (...args: A): Tensor => {
    if (!backward || !wants_graph(args, slots)) {
      const r = run_forward(def.forward, PLAIN_CTX as unknown as Ctx<A>, args);
      if (r._base !== null) finish_view(r, args[0], is_grad_enabled(), false);
      return r;
    }
    const ctx = new Ctx<A>(args, true);
    const e = prepare(ctx, slots, args);
    const result = run_forward(def.forward, ctx, args);
    if (result._base !== null) finish_view(result, args[0], true, false);
    if (result.dtype.is_floating_point) attach(def, ctx, args, e, [result], backward);
    return result;
  };
  const inplace = (...args: A): Tensor => run_inplace(op, def, backward !== null, slots, args);
  return Object.assign(op, { inplace });
}

export function defineMultiOp<F extends Forward<Tensor[]>>(
  definition: MultiOpDef<F>,
): (...args: ArgsOf<F>) => Tensor[] {
  type A = ArgsOf<F>;
  const def = definition as unknown as PlainDef<A, Tensor[]> & {
    backward?: (ctx: Ctx<A>, grads: (Tensor | null)[]) => Grad[];
  };
  const slots = def.differentiable ?? [0];
  const backward = def.backward;
  const custom = definition.custom_function === true;
  return (...args: A): Tensor[] => {
    if (!backward || !wants_graph(args, slots)) {
      const outputs = run_forward(def.forward, PLAIN_CTX as unknown as Ctx<A>, args);
      finish_views(outputs, args[0], is_grad_enabled());
      return outputs;
    }
    const ctx = new Ctx<A>(args, true);
    const e = prepare(ctx, slots, args);
    const outputs = run_forward(def.forward, ctx, args);
    if (custom) {
      for (const r of outputs) if (r._base !== null) r._creation_meta = CreationMeta.IN_CUSTOM_FUNCTION;
    } else {
      finish_views(outputs, args[0], true);
    }
    if (outputs.some((t) => t.dtype.is_floating_point)) attach(def, ctx, args, e, outputs, backward, !custom);
    return outputs;
  };
}

/** finish_view for each output of a multi-output op: views of its input are MULTI_OUTPUT_NODE. */
function finish_views(outputs: readonly Tensor[], input: unknown, grad_mode: boolean): void {
  for (const r of outputs) if (r._base !== null) finish_view(r, input, grad_mode, true);
}

/**
 * The in-place variant. Without a graph to record, the forward writes straight into self.
 * When recording, the op runs out of place on a copy of self that carries self's history
 * (so a saved input keeps its old value) and self then takes the result and its grad_fn.
 */
function run_inplace<A extends unknown[]>(
  op: (...args: A) => Tensor,
  def: PlainDef<A, Tensor>,
  differentiable: boolean,
  slots: Slots<A>,
  args: A,
): Tensor {
  const self = args[0];
  if (!(self instanceof Tensor)) throw new TypeError(`${def.name}_: expected a Tensor as self`);
  const recording = wants_graph(args, slots);
  check_inplace(self, recording);
  const overlap = def.allows_internal_overlap;
  if (overlap !== true && !(typeof overlap === "function" && overlap(...args))) {
    assert_no_internal_overlap(self);
  }
  if (differentiable && recording) {
    // the op reads a copy of self, so an input aliasing self is read as it was before the write
    for (let i = 1; i < args.length; i++) {
      const a = args[i];
      if (a instanceof Tensor && a._storage === self._storage) input_needs_copy(self, a);
    }
    const orig = self._history_copy();
    const rest = args.slice(1);
    const r = op(...([orig, ...rest] as unknown as A));
    check_into(r.shape, r.dtype, self);
    const base = self._base;
    // a view's write changes its base: rebase the base's history before the data changes
    const rebased =
      base !== null && r.grad_fn !== null ? copy_slices(self, base, r, slots_of(slots, args)) : null;
    if (has_internal_overlap(self)) {
      // an expanded self (the fills and index_put_ allow it): the result, computed on a dense
      // copy, cannot be copied back element by element; the kernel writes only the elements it
      // sets, as PyTorch's does (these ops need no old value of self for backward)
      write_into(def, self, args);
    } else {
      kernels().copy(r._view(), self._view());
    }
    self._bump_version();
    // a saved result is self now: a later in-place change of self must be caught, as in PyTorch
    if (r.grad_fn instanceof OpNode) r.grad_fn._retarget(r, self);
    if (rebased) {
      rebased();
    } else {
      self.grad_fn = r.grad_fn;
      self._output_nr = r._output_nr;
    }
    return self;
  }
  write_into(def, self, args);
  self._bump_version();
  return self;
}

/** Runs the forward with self as its output (no graph). */
function write_into<A extends unknown[]>(def: PlainDef<A, Tensor>, self: Tensor, args: A): void {
  const plain = unaliased(self, args);
  const ctx = new Ctx<A>(plain, false);
  ctx.out = self;
  const r = run_forward(def.forward, ctx, plain);
  if (r !== self) {
    check_into(r.shape, r.dtype, self);
    kernels().copy(r._view(), self._view());
  }
}

/**
 * The arguments of a write into self, with each input that aliases self in a layout too
 * irregular to judge replaced by a copy (a partial overlap of dense layouts is refused).
 */
function unaliased<A extends unknown[]>(self: Tensor, args: A): A {
  let out: A | null = null;
  for (let i = 1; i < args.length; i++) {
    const a = args[i];
    if (a instanceof Tensor && a._storage === self._storage && input_needs_copy(self, a)) {
      out ??= args.slice() as A;
      const c = empty_tensor(a.shape, a.dtype);
      kernels().copy(a._view(), c._view());
      out[i] = c;
    }
  }
  return out ?? args;
}

/**
 * Prepares the history of an in-place write into the view `self` of `base`, recorded as
 * `r` (PyTorch's CopySlices); the returned function installs it once the data is written.
 */
function copy_slices(self: Tensor, base: Tensor, r: Tensor, slots: readonly number[]): () => void {
  const node = new CopySlices(
    gradient_edge(base),
    { shape: base.shape, dtype: base.dtype },
    base._strides,
    { shape: self.shape, strides: self._strides, offset: self._offset - base._offset },
    r.grad_fn,
    slots.indexOf(0),
  );
  return () => {
    base.grad_fn = node;
    base._output_nr = 0;
    // the version went up: reading the view's grad_fn regenerates it over the rebased base
    // (AsStridedBackward0), as PyTorch's rebase_history does
    self._output_nr = 0;
    void self.grad_fn;
  };
}

/**
 * PyTorch's checks before an in-place write that will be recorded (`requires_grad`: grad mode
 * is on and an input requires grad): the view's creation must allow rebasing its history, and
 * neither a leaf that requires grad nor a view of a leaf may be written.
 */
export function check_inplace(self: Tensor, requires_grad: boolean): void {
  if (!requires_grad || !is_grad_enabled()) return;
  const base = self._base;
  if (base !== null) {
    handle_view_on_rebase(self, false);
    if (self.requires_grad && base.grad_fn === null) {
      throw new Error("a view of a leaf Variable that requires grad is being used in an in-place operation.");
    }
  }
  if (self.requires_grad && self.grad_fn === null) {
    throw new Error("a leaf Variable that requires grad is being used in an in-place operation.");
  }
}
