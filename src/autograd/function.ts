/**
 * torch.autograd.Function: custom differentiable ops written by users, as in PyTorch:
 *
 *   class Exp extends torch.autograd.Function {
 *     static forward(ctx: FunctionCtx, x: Tensor) { const r = x.exp(); ctx.save_for_backward(r); return r; }
 *     static backward(ctx: FunctionCtx, grad: Tensor) { const [r] = ctx.saved_tensors; return grad.mul(r); }
 *   }
 *   const y = Exp.apply(x);   // y.grad_fn.name() === "ExpBackward"
 *
 * It runs on the same machinery as the built-in ops (src/autograd/define.ts): the forward runs with
 * recording off, saved tensors are version-checked, the engine un-broadcasts gradients.
 */
import { Tensor } from "../tensor/tensor.js";
import { defineMultiOp, type Ctx } from "./define.js";
import type { DType } from "../dtype.js";
import { zeros } from "../tensor/factory.js";
import { constructor_name } from "../names.js";

/** The ctx a custom Function's forward and backward share. Extra fields may be set freely. */
export class FunctionCtx {
  /** PyTorch's name for this class, which bundlers cannot rename (src/names.ts). */
  static readonly __name__: string = "FunctionCtx";
  [key: string]: unknown;
  /** @internal */
  _non_differentiable = new Set<Tensor>();
  /** @internal */
  _materialize = true;
  /** @internal shapes of the forward's outputs, for materializing missing gradients */
  _outputs: { shape: readonly number[]; dtype: DType }[] = [];
  /** @internal which positions of save_for_backward held a tensor (the others read back null) */
  _saved_slots: boolean[] = [];
  constructor(private readonly _ctx: Ctx<unknown[]>) {}
  /**
   * Saves tensors (or nulls) for backward; they come back, checked against in-place changes since, as
   * `saved_tensors`.
   */
  save_for_backward(...tensors: (Tensor | null | undefined)[]): void {
    this._saved_slots = tensors.map((t) => t instanceof Tensor);
    this._ctx.save(...tensors.filter((t): t is Tensor => t instanceof Tensor));
  }
  /**
   * The saved tensors, version-checked, in the positions they were given: as in PyTorch,
   * `save_for_backward(input, null)` reads back `[input, null]` (typed Tensor[] for the common
   * all-tensor case).
   */
  get saved_tensors(): Tensor[] {
    const saved = this._ctx.saved;
    let k = 0;
    return this._saved_slots.map((is_tensor) => (is_tensor ? saved[k++] : (null as unknown as Tensor)));
  }
  /** For each forward argument, whether its gradient is wanted (false for non-tensors). */
  get needs_input_grad(): boolean[] {
    const needs = this._ctx.needs_input_grad;
    let k = 0;
    return this._ctx.args.map((a) => (a instanceof Tensor ? (needs[k++] ?? false) : false));
  }
  /**
   * Marks outputs that have no gradient (indices, masks): they do not require grad, and their incoming
   * gradients are zero.
   */
  mark_non_differentiable(...tensors: Tensor[]): void {
    for (const t of tensors) this._non_differentiable.add(t);
  }
  /**
   * With false, backward receives null for outputs whose gradient is missing, in place of zeros (the
   * default).
   */
  set_materialize_grads(value: boolean): void {
    this._materialize = value;
  }
}

type ForwardOut = Tensor | Tensor[];
type BackwardOut = Tensor | null | undefined | (Tensor | null | undefined)[];

interface FunctionClass {
  name: string;
  forward(ctx: FunctionCtx, ...args: never[]): ForwardOut;
  backward(ctx: FunctionCtx, ...grads: never[]): BackwardOut;
}

const ops_cache = new WeakMap<FunctionClass, Map<string, (...args: unknown[]) => Tensor[]>>();
const fctx_of = new WeakMap<Ctx<unknown[]>, FunctionCtx>();
/** set by the forward that just ran (forwards are synchronous): did it return one tensor? */
let returned_single = false;

function op_for(cls: FunctionClass, args: unknown[]): (...args: unknown[]) => Tensor[] {
  const slots = args.flatMap((a, i) => (a instanceof Tensor ? [i] : []));
  const key = slots.join(",");
  let cache = ops_cache.get(cls);
  if (!cache) ops_cache.set(cls, (cache = new Map<string, (...args: unknown[]) => Tensor[]>()));
  const cached = cache.get(key);
  if (cached) return cached;
  const op = defineMultiOp({
    name: constructor_name(cls),
    custom_function: true,
    node: `${constructor_name(cls)}Backward`,
    differentiable: slots,
    forward(ctx: Ctx<never[]>, ...a: unknown[]) {
      const c = ctx as unknown as Ctx<unknown[]>;
      const fctx = new FunctionCtx(c);
      fctx_of.set(c, fctx);
      const out = cls.forward(fctx, ...(a as never[]));
      returned_single = out instanceof Tensor;
      const outs = Array.isArray(out) ? out : [out];
      fctx._outputs = outs.map((t) => ({ shape: t.shape, dtype: t.dtype }));
      // outputs marked non-differentiable stay outside the graph; an input returned as is
      // comes back as a view of it, as in PyTorch (else it would take this node as its
      // grad_fn, and a leaf would stop being one)
      return outs.map((t) =>
        fctx._non_differentiable.has(t) ? t.detach() : a.includes(t) ? t.view_as(t) : t,
      );
    },
    backward(ctx, grads) {
      const c = ctx;
      const fctx = fctx_of.get(c) as FunctionCtx;
      const gs = fctx._materialize
        ? grads.map((g, i) => g ?? zeros(fctx._outputs[i].shape, { dtype: fctx._outputs[i].dtype }))
        : grads;
      const res = cls.backward(fctx, ...(gs as never[]));
      const list = Array.isArray(res) ? res : [res];
      const n_args = c.args.length;
      if (list.length !== n_args) {
        throw new Error(
          `function ${constructor_name(cls)}Backward returned an incorrect number of gradients (expected ${n_args}, got ${list.length})`,
        );
      }
      return slots.map((i) => list[i] ?? null);
    },
  });
  cache.set(key, op);
  return op;
}

type ApplyArgs<T> = T extends { forward(ctx: FunctionCtx, ...args: infer A): unknown } ? A : never;
type ApplyResult<T> = T extends { forward(...args: never[]): infer R } ? R : never;

/** Base class of custom differentiable functions; subclasses define static forward/backward. */
export class Function {
  /** PyTorch's name for this class, which bundlers cannot rename (src/names.ts). */
  static readonly __name__: string = "Function";
  /**
   * Computes the outputs from the arguments; define it as a static method. Tensors to be used in backward
   * go through `ctx.save_for_backward`.
   */
  static forward(_ctx: FunctionCtx, ..._args: never[]): ForwardOut {
    throw new Error("You must implement the forward function for custom autograd.Function.");
  }
  /**
   * Given one gradient per output, returns one per forward argument (null for those that need none); define
   * it as a static method.
   */
  static backward(_ctx: FunctionCtx, ..._grads: never[]): BackwardOut {
    throw new Error(
      "You must implement either the backward or vjp method for your custom autograd.Function to use it with backward mode AD.",
    );
  }
  /**
   * Runs forward and records one graph node whose backward is the class's. Bound to its class, so `const f
   * = MyFn.apply; f(x)` works as in PyTorch.
   */
  static apply<T>(this: T, ...args: ApplyArgs<T>): ApplyResult<T> {
    const cls = this as unknown as FunctionClass;
    const outs = op_for(cls, args)(...args);
    return (returned_single ? outs[0] : outs) as ApplyResult<T>;
  }
}

/**
 * `Cls.apply` is bound to its class, so PyTorch's idiom `const P3 = Cls.apply; P3(x)` works: the
 * static method above gives the types, and this getter (inherited by every subclass, so `this` is
 * the class it is read from) returns the method bound to that class, made once per class.
 */
// eslint-disable-next-line @typescript-eslint/unbound-method -- called below with its class as `this`
const apply_method = Function.apply;
const bound_apply = new WeakMap<object, (...args: unknown[]) => unknown>();
Object.defineProperty(Function, "apply", {
  configurable: true,
  get(this: object) {
    let bound = bound_apply.get(this);
    if (!bound) {
      bound = (...args: unknown[]) => Reflect.apply(apply_method, this, args) as unknown;
      bound_apply.set(this, bound);
    }
    return bound;
  },
});
