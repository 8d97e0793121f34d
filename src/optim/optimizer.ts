/**
 * Optimizer: parameter groups with per-group options, per-parameter state, zero_grad, and
 * state_dict/load_state_dict in PyTorch's format (state keyed by each parameter's index over
 * all groups in order; each packed group lists its options, then `params`). Subclasses gather
 * parameters, gradients and state and call their functional update (sgd.ts: `SGD.step` ->
 * `sgd()`), as torch/optim does.
 *
 * As in PyTorch 2.x, `step(closure)` evaluates the closure with grad enabled and updates the
 * parameters with grad disabled; `zero_grad()` sets gradients to null by default. State tensors
 * live in `state` (a Map keyed by parameter, created on a parameter's first step).
 */
import { Tensor } from "../tensor/tensor.js";
import { float32, float64 } from "../dtype.js";
import { shapes_equal } from "../shape.js";
import { tensor } from "../tensor/factory.js";
import { enable_grad, no_grad } from "../autograd/grad_mode.js";
import { check_options, is_options, kwargs } from "../tensor/args.js";
import { class_name } from "../names.js";
import { py_str } from "../format.js";

const SET_TO_NONE = ["set_to_none"] as const;

/** A group's options (lr, momentum, ...) are plain values; `params` holds its tensors. */
export interface ParamGroup {
  params: Tensor[];
  [option: string]: unknown;
}

/** What add_param_group accepts: the parameters (one tensor or several) and group options. */
export interface ParamGroupArg {
  params: Iterable<Tensor> | Tensor;
  [option: string]: unknown;
}

/**
 * What an optimizer is given: parameters (any iterable of tensors, such as `model.parameters()`), or
 * parameter groups, each with its own options.
 */
export type ParamsArg = Iterable<Tensor> | Iterable<ParamGroupArg>;

/** The per-parameter state of an optimizer (momentum buffers, step counts, ...), by name. */
export type OptimizerState = Record<string, unknown>;

/**
 * `optimizer.state_dict()`, as PyTorch's: the state by parameter index, and the groups' options with
 * `params` as indices.
 */
export interface OptimizerStateDict {
  state: Record<number, OptimizerState>;
  param_groups: (Record<string, unknown> & { params: number[] })[];
}

type Prefixes<P extends unknown[]> = P extends [...infer H, unknown] ? P | Prefixes<H> : [];

/**
 * A constructor's arguments after the first, in PyTorch's style: a prefix of the positional
 * parameters, then optionally one options object with the keyword names
 * (`new SGD(params, 0.1, { momentum: 0.9 })`, `new StepLR(opt, 30, { gamma: 0.5 })`).
 */
export type PyArgs<P extends unknown[], O> =
  Prefixes<P> extends infer X ? (X extends unknown[] ? X | [...X, O] : never) : never;

/**
 * An optimizer's options from its arguments after `params`, by PyTorch's signature: `positional`
 * in order, then the keyword-only names. Python's TypeErrors for an unknown name, a name given
 * twice and too many positional arguments: `new SGD(params, 0.1)` is lr 0.1, and a misspelt
 * option is an error rather than a silent default.
 */
export function optimizer_args<O extends object>(
  cls: string,
  args: readonly unknown[],
  positional: readonly (keyof O & string)[],
  keyword_only: readonly (keyof O & string)[] = [],
): O {
  const n = args.length - (args.length > 0 && is_options(args[args.length - 1]) ? 1 : 0);
  if (n > positional.length) {
    // Python counts self and params
    throw new TypeError(
      `${cls}.__init__() takes from 2 to ${positional.length + 2} positional arguments but ${n + 2} were given`,
    );
  }
  return kwargs<Record<string, unknown>>(`${cls}.__init__`, args, [...positional, ...keyword_only]) as O;
}

/**
 * Refuses the PyTorch flags torch-ts has no implementation for (the CUDA graph and fused
 * kernels, differentiable steps), so a ported script fails loudly instead of silently differing.
 */
export function reject_unsupported(name: string, options: object, flags: readonly string[]): void {
  for (const flag of flags) {
    if ((options as Record<string, unknown>)[flag] === true) {
      throw new Error(`${name}: ${flag}=True is not supported by torch-ts`);
    }
  }
}

/** A fresh step counter: a float32 0-dim tensor, as PyTorch 2.x keeps `state["step"]`. */
export function step_counter(): Tensor {
  return tensor(0, { dtype: float32 });
}

/** The parameters of a group that have a gradient, with those gradients (PyTorch skips the rest). */
export function with_grads(params: Tensor[]): [Tensor[], Tensor[]] {
  const ps: Tensor[] = [];
  const gs: Tensor[] = [];
  for (const p of params) {
    if (p.grad === null) continue;
    ps.push(p);
    gs.push(p.grad);
  }
  return [ps, gs];
}

/**
 * PyTorch's `foreach` choice: whether a group's update runs as the optimizer's kernel over the
 * whole group (PyTorch's `_multi_tensor_*` path) rather than as the single-tensor chain of ops.
 * null (the default) and true take the kernel whenever every parameter is float32 or float64
 * and its gradient and state tensors (`per_param`, one list each; null for a state made on the
 * first step) have its dtype and shape; anything else, or false, takes the chain, which raises
 * PyTorch's errors for mismatches. Both give the same numbers bit for bit: the kernels round
 * where the chain's tensors do, and PyTorch's foreach ops on the CPU loop over the tensors.
 */
export function use_foreach(
  foreach: boolean | null | undefined,
  params: readonly Tensor[],
  ...per_param: (readonly (Tensor | null)[])[]
): boolean {
  if (foreach === false) return false;
  for (let i = 0; i < params.length; i++) {
    const { dtype, shape } = params[i];
    if (dtype !== float32 && dtype !== float64) return false;
    for (const list of per_param) {
      const t = list[i];
      if (t && (t.dtype !== dtype || !shapes_equal(t.shape, shape))) return false;
    }
  }
  return true;
}

/** What `gather` returns: a group's parameters that have a gradient, their gradients and states. */
export interface Gathered<S> {
  params: Tensor[];
  grads: Tensor[];
  states: S[];
}

/**
 * Base class of the optimizers: param_groups (each group's parameters and options), per-parameter state,
 * `step()`, `zero_grad()`, `state_dict()` / `load_state_dict()` in PyTorch's layout, and
 * `add_param_group()`.
 */
export abstract class Optimizer<D extends object = Record<string, unknown>> {
  /** PyTorch's name for this class, which bundlers cannot rename (src/names.ts). */
  static readonly __name__: string = "Optimizer";
  param_groups: (ParamGroup & D)[] = [];
  state = new Map<Tensor, OptimizerState>();

  constructor(
    params: ParamsArg,
    readonly defaults: D,
  ) {
    if (params instanceof Tensor) {
      throw new TypeError(
        `params argument given to the optimizer should be an iterable of Tensors or dicts, but got ${String(params.type())}`,
      );
    }
    const list = [...(params as Iterable<unknown>)];
    if (list.length === 0) throw new Error("optimizer got an empty parameter list");
    const groups = list[0] instanceof Tensor ? [{ params: list as Tensor[] }] : (list as ParamGroupArg[]);
    for (const g of groups) this.add_param_group(g);
  }

  /** Adds a group; options it leaves out take the optimizer's defaults. */
  add_param_group(group: ParamGroupArg): void {
    if (typeof group !== "object" || group === null || group instanceof Tensor || !("params" in group)) {
      throw new TypeError("param_group must be a dict");
    }
    const params = group.params instanceof Tensor ? [group.params] : [...group.params];
    for (const p of params) {
      if (!(p instanceof Tensor)) {
        throw new TypeError(`optimizer can only optimize Tensors, but one of the params is ${typeof p}`);
      }
      if (!(p.is_leaf || p.retains_grad)) throw new Error("can't optimize a non-leaf Tensor");
    }
    if (new Set(params).size !== params.length) {
      // PyTorch only warns, then steps the repeated parameter twice per step()
      throw new Error("optimizer contains a parameter group with duplicate parameters");
    }
    const full: Record<string, unknown> = { ...group, params };
    for (const [k, v] of Object.entries(this.defaults)) {
      if (full[k] === undefined) full[k] = v;
    }
    const existing = new Set(this.param_groups.flatMap((g) => g.params));
    if (params.some((p) => existing.has(p))) {
      throw new Error("some parameters appear in more than one parameter group");
    }
    this.param_groups.push(full as ParamGroup & D);
  }

  /**
   * Clears gradients: to null by default (PyTorch 2), or to zeros with set_to_none=false.
   * Accepts PyTorch's positional form too: `zero_grad(false)`.
   */
  zero_grad(options?: { set_to_none?: boolean } | boolean): void {
    // the call of every training step, `zero_grad()`, reads no options
    let to_none = true;
    if (typeof options === "boolean") to_none = options;
    else if (options !== undefined) {
      check_options("zero_grad", options, SET_TO_NONE);
      to_none = options.set_to_none ?? true;
    }
    for (const g of this.param_groups) {
      for (const p of g.params) {
        if (p.grad === null) continue;
        if (to_none) p.grad = null;
        else {
          const grad = p.grad.grad_fn ? p.grad.detach() : p.grad;
          no_grad(() => grad.zero_());
          p.grad = grad;
        }
      }
    }
  }

  /** One update; `closure` re-evaluates the model and returns the loss (needed by LBFGS). */
  abstract step(closure?: () => Tensor | number): Tensor | number | null;

  /** Runs the closure with grad enabled, as PyTorch's step wrappers do. */
  protected eval_closure(closure?: () => Tensor | number): Tensor | number | null {
    return closure ? enable_grad(closure) : null;
  }

  /**
   * PyTorch's step wrapper for the optimizers that update each group on its own: the closure
   * runs with grad enabled, then `update` runs for every group with grad disabled.
   */
  protected step_groups(
    closure: (() => Tensor | number) | undefined,
    update: (group: ParamGroup & D) => void,
  ): Tensor | number | null {
    const loss = this.eval_closure(closure);
    no_grad(() => {
      for (const group of this.param_groups) update(group);
    });
    return loss;
  }

  /**
   * PyTorch's `_init_group`: the group's parameters that have a gradient, their gradients and
   * their states, a parameter's state made by `init(p, grad)` when still empty (its first step).
   * `init` lists the keys in PyTorch's order, which state_dict keeps. The cast trusts that a
   * non-empty state came from `init` or from a state_dict of the same optimizer.
   */
  protected gather<S extends OptimizerState>(
    group: ParamGroup,
    init: (p: Tensor, grad: Tensor) => S,
  ): Gathered<S> {
    const [params, grads] = with_grads(group.params);
    const states = params.map((p, i) => {
      const state = this.state_of(p);
      if (Object.keys(state).length === 0) Object.assign(state, init(p, grads[i]));
      return state as S;
    });
    return { params, grads, states };
  }

  /** The state of parameter p, created empty on first use (PyTorch's defaultdict). */
  protected state_of(p: Tensor): OptimizerState {
    let s = this.state.get(p);
    if (!s) this.state.set(p, (s = {}));
    return s;
  }

  /**
   * The state as PyTorch packs it: parameters replaced by their index over all groups. As in
   * PyTorch the state tensors are shared, not copied (save or clone them to keep a snapshot).
   */
  state_dict(): OptimizerStateDict {
    const index = new Map<Tensor, number>();
    let next = 0;
    const param_groups = this.param_groups.map((g) => {
      const packed: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(g)) if (k !== "params") packed[k] = v;
      const ids: number[] = [];
      for (const p of g.params) {
        if (!index.has(p)) index.set(p, next++);
        ids.push(index.get(p) as number);
      }
      packed.params = ids;
      return packed as Record<string, unknown> & { params: number[] };
    });
    const state: Record<number, OptimizerState> = {};
    for (const [p, s] of this.state) {
      const i = index.get(p);
      if (i !== undefined) state[i] = s;
    }
    return { state, param_groups };
  }

  /** Loads a state_dict (deep-copying its tensors), so training resumes on the same trajectory. */
  load_state_dict(sd: OptimizerStateDict): void {
    const groups = this.param_groups;
    if (sd.param_groups.length !== groups.length) {
      throw new Error("loaded state dict has a different number of parameter groups");
    }
    groups.forEach((g, i) => {
      if (sd.param_groups[i].params.length !== g.params.length) {
        throw new Error(
          "loaded state dict contains a parameter group that doesn't match the size of optimizer's group",
        );
      }
    });
    const by_index = new Map<number, Tensor>();
    groups.forEach((g, i) => g.params.forEach((p, j) => by_index.set(sd.param_groups[i].params[j], p)));
    const cast = (p: Tensor, v: unknown, key: string | null): unknown => {
      // state tensors follow the parameter's dtype, except step counters (as PyTorch)
      if (v instanceof Tensor) {
        return key === "step" || !p.dtype.is_floating_point
          ? v.detach().clone()
          : v.detach().to(p.dtype).clone();
      }
      if (Array.isArray(v)) return v.map((x) => cast(p, x, null));
      if (v !== null && typeof v === "object") {
        return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, cast(p, x, k)]));
      }
      return v;
    };
    this.state = new Map();
    for (const [k, s] of Object.entries(sd.state)) {
      const p = by_index.get(Number(k));
      if (p) this.state.set(p, cast(p, s, null) as OptimizerState);
    }
    groups.forEach((g, i) => {
      for (const [k, v] of Object.entries(sd.param_groups[i])) {
        if (k !== "params") (g as Record<string, unknown>)[k] = Array.isArray(v) ? v.slice() : v;
      }
    });
  }

  /** PyTorch's repr: each group's options, sorted by name. */
  toString(): string {
    let out = `${class_name(this)} (`;
    this.param_groups.forEach((g, i) => {
      out += `\nParameter Group ${i}\n`;
      for (const k of Object.keys(g).sort()) {
        if (k !== "params") out += `    ${k}: ${py_str(g[k])}\n`;
      }
    });
    return out + ")";
  }
  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return this.toString();
  }
}
