/**
 * nn.Module. A module is callable: `model(x)` runs forward pre-hooks, `forward`, and forward
 * hooks. The constructor returns an arrow function whose prototype is the subclass's, so
 * instances are functions; the merged interface below gives them forward's exact call type.
 *
 * Parameters, submodules and buffers are found by scanning the module's own properties in
 * insertion order, so anything assigned as a property (class fields included) is registered
 * in assignment order. As PyTorch keeps three dicts (_parameters, _buffers, _modules), each
 * kind is listed in its own order: a module's parameters, then its buffers (names given to
 * register_buffer), then its children; so `parameters()`/`state_dict()` match the equivalent
 * PyTorch model. Containers (modules/container.ts) keep their entries in a Map instead, since
 * JS objects list integer-like keys ("0", "10", "2") numerically first.
 *
 * Limits: PyTorch's __setattr__ checks (assigning a plain tensor over a parameter) cannot run
 * on plain assignment; the registration methods check what they can.
 */
import { float32, float64, type_name } from "../dtype.js";
import { Tensor } from "../tensor/tensor.js";
import { check_options, kwargs } from "../tensor/args.js";
import { max_positional } from "../tensor/signature.js";
import { parse_to, type ToArgs } from "../ops/convert/convert.js";
import { no_grad } from "../autograd/grad_mode.js";
import { add_hook, BackwardHook, type BackwardPreHook, type FullBackwardHook } from "../utils/hooks.js";
import { RemovableHandle } from "../utils/hooks.js";
import { Parameter } from "./parameter.js";
import { load_into, IncompatibleKeys, type StateDict } from "./state_dict.js";
import { class_name } from "../names.js";
import { py_type } from "../format.js";

export { RemovableHandle, IncompatibleKeys };
export type { StateDict };
/**
 * A hook run before forward: `hook(module, args)`; a non-null result replaces the arguments (an array is
 * the argument list, anything else the single argument).
 */
export type ForwardPreHook = (module: Module, args: unknown[]) => unknown;
/** A hook run after forward: `hook(module, args, output)`; a non-null result replaces the output. */
export type ForwardHook = (module: Module, args: unknown[], output: unknown) => unknown;
export type { FullBackwardHook, BackwardPreHook };
/** load_state_dict's result (PyTorch's _IncompatibleKeys). */
export type LoadResult = IncompatibleKeys;

/** Own properties that hold the module's machinery, never registered entries. */
const INTERNAL = new Set([
  "training",
  "_buffer_names",
  "_non_persistent",
  "_forward_pre_hooks",
  "_forward_hooks",
  "_backward_hooks",
  "_backward_pre_hooks",
]);

type Rec = Record<string, unknown>;
/** Module.to's option keys: Tensor.to's but `copy`, as PyTorch's _parse_to. */
const MODULE_TO_KEYS = ["dtype", "device", "non_blocking"] as const;
type HookOptions = { prepend?: boolean };
const HOOK_KEYS = ["prepend"] as const;
const SET_TO_NONE = ["set_to_none"] as const;
/** Up to three positional arguments, then PyTorch's keywords as one options object. */
type Args3<A, B, C, O> = [A?, B?, C?] | [O] | [A, O] | [A, B, O] | [A, B, C, O];
type MemberOptions = { prefix?: string; recurse?: boolean; remove_duplicate?: boolean };

export interface Module {
  /**
   * `model(x)`: runs the forward pre-hooks, {@link forward} and the forward hooks (PyTorch's
   * `Module.__call__`); typed as the subclass's forward.
   */
  (...args: Parameters<this["forward"]>): ReturnType<this["forward"]>;
}

/**
 * Base class of every layer and model, PyTorch's `nn.Module`: subclass it, define `forward`, and call the
 * instance (`model(x)`). Parameters, buffers and submodules assigned to properties are registered in
 * assignment order, so `parameters()` and `state_dict()` keys match the PyTorch model's.
 */
export class Module {
  /** PyTorch's name for this class, which bundlers cannot rename (src/names.ts). */
  static readonly __name__: string = "Module";
  /**
   * The layout version of this class's state_dict entries, recorded in `state_dict()._metadata`
   * (PyTorch's `_version`); a layer that changes its state layout raises it and upgrades older
   * entries when loading.
   */
  static _version = 1;
  /** Whether the module is in training mode (set by `train()` and `eval()`). */
  declare training: boolean;
  /** @internal names given to register_buffer, in registration order */
  declare _buffer_names: Set<string>;
  /** @internal buffers left out of state_dict */
  declare _non_persistent: Set<string>;
  declare _forward_pre_hooks: Map<number, ForwardPreHook>;
  declare _forward_hooks: Map<number, ForwardHook>;
  declare _backward_hooks: Map<number, FullBackwardHook<Module>>;
  declare _backward_pre_hooks: Map<number, BackwardPreHook<Module>>;

  constructor() {
    const self = ((...args: unknown[]) => self._call_impl(args)) as unknown as Module;
    // a function's own `name` and `length` would shadow modules' fields of those names
    delete (self as { name?: unknown }).name;
    delete (self as { length?: unknown }).length;
    Object.setPrototypeOf(self, new.target.prototype);
    // base-class state must live on the returned object (class-field initialisers of this
    // base class would run on the discarded `this`), and stay out of the property scan
    const internal: [string, unknown][] = [
      ["training", true],
      ["_buffer_names", new Set<string>()],
      ["_non_persistent", new Set<string>()],
      ["_forward_pre_hooks", new Map()],
      ["_forward_hooks", new Map()],
      ["_backward_hooks", new Map()],
      ["_backward_pre_hooks", new Map()],
    ];
    for (const [k, v] of internal) {
      Object.defineProperty(self, k, { value: v, writable: true, enumerable: false, configurable: true });
    }
    return self;
  }

  /**
   * The computation; every subclass defines it. Call the module itself, `model(x)`, rather than `forward`:
   * the call also runs the module's hooks.
   */
  forward(..._args: never[]): unknown {
    throw new Error(`Module [${class_name(this)}] is missing the required "forward" function`);
  }

  /** @internal what `model(...)` runs: Module._call_impl */
  _call_impl(args: unknown[]): unknown {
    // (the size tests keep a call without hooks from making iterators)
    if (this._forward_pre_hooks.size) {
      for (const h of this._forward_pre_hooks.values()) {
        const r = h(this, args);
        if (r !== undefined && r !== null) args = Array.isArray(r) ? r : [r];
      }
    }
    let bw_hook: BackwardHook<Module> | null = null;
    if (this._backward_hooks.size || this._backward_pre_hooks.size) {
      bw_hook = new BackwardHook<Module>(
        this,
        [...this._backward_hooks.values()],
        [...this._backward_pre_hooks.values()],
      );
      args = bw_hook.setup_input_hook(args);
    }
    // read off the prototype chain as a value: its signature is what is checked, then it is called on this
    // eslint-disable-next-line @typescript-eslint/unbound-method
    const forward = this.forward as (...a: unknown[]) => unknown;
    const max = max_positional(forward);
    if (max !== null && args.length > max) {
      const s = (k: number) => `${k} positional argument${k === 1 ? "" : "s"}`;
      throw new TypeError(
        `${class_name(this)}.forward() takes ${s(max + 1)} but ${args.length + 1} were given`,
      );
    }
    let result = forward.apply(this, args);
    if (this._forward_hooks.size) {
      for (const h of this._forward_hooks.values()) {
        const r = h(this, args, result);
        if (r !== undefined && r !== null) result = r;
      }
    }
    if (bw_hook) result = bw_hook.setup_output_hook(result);
    return result;
  }

  // ------------------------------------------------------------ entries
  /** @internal this module's own entries (any value), in assignment order */
  _entries(): [string, unknown][] {
    const rec = this as unknown as Rec;
    return Object.keys(this)
      .filter((k) => !INTERNAL.has(k))
      .map((k) => [k, rec[k]]);
  }
  /** @internal */
  _has_entry(name: string): boolean {
    return Object.prototype.hasOwnProperty.call(this, name) && !INTERNAL.has(name);
  }
  /** @internal */
  _get_entry(name: string): unknown {
    return this._has_entry(name) ? (this as unknown as Rec)[name] : undefined;
  }
  /** @internal */
  _set_entry(name: string, value: unknown): void {
    (this as unknown as Rec)[name] = value;
  }
  /** @internal */
  _delete_entry(name: string): void {
    delete (this as unknown as Rec)[name];
  }

  /** @internal PyTorch's self._parameters.items(), None values included */
  _own_parameters(): [string, Parameter | null][] {
    return this._entries().filter(
      (e): e is [string, Parameter | null] =>
        !this._buffer_names.has(e[0]) && (e[1] instanceof Parameter || e[1] === null),
    );
  }
  /** @internal self._buffers.items() */
  _own_buffers(): [string, Tensor | null][] {
    return this._entries().filter(
      (e): e is [string, Tensor | null] =>
        this._buffer_names.has(e[0]) && (e[1] instanceof Tensor || e[1] === null),
    );
  }
  /** @internal self._modules.items() (not deduplicated) */
  _own_modules(): [string, Module][] {
    return this._entries().filter((e): e is [string, Module] => e[1] instanceof Module);
  }

  // ------------------------------------------------------------ registration
  private _check_name(kind: string, name: string, ok: (v: unknown) => boolean): void {
    if (typeof name !== "string") throw new TypeError(`${kind} name should be a string. Got ${typeof name}`);
    if (name.includes(".")) throw new Error(`${kind} name can't contain "."`);
    if (name === "") throw new Error(`${kind} name can't be empty string ""`);
    if (name in this && !(this._has_entry(name) && ok(this._get_entry(name)))) {
      throw new Error(`attribute '${name}' already exists`);
    }
  }

  /**
   * Registers a parameter (or null, kept as an empty slot) under a name, as assigning a Parameter to a
   * property does.
   */
  register_parameter(name: string, param: Parameter | null): void {
    this._check_name("parameter", name, (v) => v === null || v === undefined || v instanceof Parameter);
    if (param !== null && !(param instanceof Parameter)) {
      throw new TypeError(
        `cannot assign '${describe(param)}' object to parameter '${name}' (torch.nn.Parameter or None required)`,
      );
    }
    if (param !== null && param.grad_fn) {
      throw new Error(
        `Cannot assign non-leaf Tensor to parameter '${name}'. Model parameters must be created explicitly. To express '${name}' as a function of another Tensor, compute the value in the forward() method.`,
      );
    }
    this._buffer_names.delete(name);
    this._set_entry(name, param);
  }

  /**
   * Registers a tensor that is state but not a parameter (running statistics, say); with `persistent:
   * false` it stays out of `state_dict()`.
   */
  register_buffer(
    name: string,
    tensor: Tensor | null,
    persistent: boolean | { persistent?: boolean } = true,
  ): void {
    const keep = typeof persistent === "boolean" ? persistent : (persistent.persistent ?? true);
    this._check_name("buffer", name, (v) => this._buffer_names.has(name) || v === undefined || v === null);
    if (tensor !== null && !(tensor instanceof Tensor)) {
      throw new TypeError(
        `cannot assign '${describe(tensor)}' object to buffer '${name}' (torch Tensor or None required)`,
      );
    }
    this._buffer_names.add(name);
    if (keep) this._non_persistent.delete(name);
    else this._non_persistent.add(name);
    this._set_entry(name, tensor);
  }

  /** Registers a child module (or null) under a name, which may not contain ".". */
  add_module(name: string, module: Module | null): void {
    if (module !== null && !(module instanceof Module)) {
      throw new TypeError(`${describe(module)} is not a Module subclass`);
    }
    if (typeof name !== "string") throw new TypeError(`module name should be a string. Got ${typeof name}`);
    const v = this._get_entry(name);
    if (name in this && !(this._has_entry(name) && (v instanceof Module || v === null || v === undefined))) {
      throw new Error(`attribute '${name}' already exists`);
    }
    if (name.includes(".")) throw new Error(`module name can't contain ".", got: ${name}`);
    if (name === "") throw new Error(`module name can't be empty string ""`);
    this._set_entry(name, module);
  }

  /** Alias of {@link add_module}. */
  register_module(name: string, module: Module | null): void {
    this.add_module(name, module);
  }

  /** The descendant at a dotted path (`"encoder.layers.0"`); throws naming the missing part. */
  get_submodule(target: string): Module {
    let mod = this as Module;
    if (target === "") return mod;
    for (const item of target.split(".")) {
      if (!mod._has_entry(item)) throw new Error(`${mod._get_name()} has no attribute \`${item}\``);
      const next = mod._get_entry(item);
      if (!(next instanceof Module)) throw new Error(`\`${item}\` is not an nn.Module`);
      mod = next;
    }
    return mod;
  }

  /** The parameter at a dotted path (`"fc1.weight"`); throws when there is none. */
  get_parameter(target: string): Parameter {
    const i = target.lastIndexOf(".");
    const mod = this.get_submodule(i < 0 ? "" : target.slice(0, i));
    const name = target.slice(i + 1);
    if (!mod._has_entry(name)) throw new Error(`${mod._get_name()} has no attribute \`${name}\``);
    const p = mod._get_entry(name);
    if (!(p instanceof Parameter) || mod._buffer_names.has(name)) {
      throw new Error(`\`${name}\` is not an nn.Parameter`);
    }
    return p;
  }

  /** The buffer at a dotted path; throws when there is none. */
  get_buffer(target: string): Tensor {
    const i = target.lastIndexOf(".");
    const mod = this.get_submodule(i < 0 ? "" : target.slice(0, i));
    const name = target.slice(i + 1);
    if (!mod._has_entry(name)) throw new Error(`${mod._get_name()} has no attribute \`${name}\``);
    if (!mod._buffer_names.has(name)) throw new Error(`\`${name}\` is not a buffer`);
    return mod._get_entry(name) as Tensor;
  }

  // ------------------------------------------------------------ traversal
  /** Pairs (name, parameter): own first, then each child's; shared ones once. */
  *named_parameters(
    ...args: Args3<string, boolean, boolean, MemberOptions>
  ): IterableIterator<[string, Parameter]> {
    const o = member_args("named_parameters", args);
    yield* this._named_members((m) => m._own_parameters(), o);
  }

  /**
   * Every parameter, this module's own first then each child's in order, each shared one once; only this
   * module's own with `recurse: false`.
   */
  *parameters(recurse: boolean | { recurse?: boolean } = true): IterableIterator<Parameter> {
    const r = typeof recurse === "boolean" ? recurse : (recurse.recurse ?? true);
    for (const [, p] of this.named_parameters("", r)) yield p;
  }

  /** Pairs [name, buffer], in the order of {@link named_parameters}. */
  *named_buffers(
    ...args: Args3<string, boolean, boolean, MemberOptions>
  ): IterableIterator<[string, Tensor]> {
    const o = member_args("named_buffers", args);
    yield* this._named_members((m) => m._own_buffers(), o);
  }

  /** Every buffer, in the order of {@link named_buffers}. */
  *buffers(recurse: boolean | { recurse?: boolean } = true): IterableIterator<Tensor> {
    const r = typeof recurse === "boolean" ? recurse : (recurse.recurse ?? true);
    for (const [, b] of this.named_buffers("", r)) yield b;
  }

  private *_named_members<T>(
    get: (m: Module) => [string, T | null][],
    o: { prefix: string; recurse: boolean; remove_duplicate: boolean },
  ): IterableIterator<[string, T]> {
    const memo = new Set<T>();
    const mods: Iterable<[string, Module]> = o.recurse
      ? this.named_modules(null, o.prefix, o.remove_duplicate)
      : [[o.prefix, this]];
    for (const [p, m] of mods) {
      for (const [k, v] of get(m)) {
        if (v === null || memo.has(v)) continue;
        if (o.remove_duplicate) memo.add(v);
        yield [p ? `${p}.${k}` : k, v];
      }
    }
  }

  /** Pairs [name, child] of the direct children, in assignment order. */
  *named_children(): IterableIterator<[string, Module]> {
    const memo = new Set<Module>();
    for (const [k, m] of this._own_modules()) {
      if (memo.has(m)) continue;
      memo.add(m);
      yield [k, m];
    }
  }

  /** The direct children, in assignment order. */
  *children(): IterableIterator<Module> {
    for (const [, m] of this.named_children()) yield m;
  }

  /** Pre-order: this module, then each child's subtree in order; shared ones once by default. */
  *named_modules(
    ...args: Args3<
      Set<Module> | null,
      string,
      boolean,
      { memo?: Set<Module> | null; prefix?: string; remove_duplicate?: boolean }
    >
  ): IterableIterator<[string, Module]> {
    const o = kwargs<{ memo: Set<Module> | null; prefix: string; remove_duplicate: boolean }>(
      "named_modules",
      args,
      ["memo", "prefix", "remove_duplicate"],
    );
    const memo = o.memo ?? new Set<Module>();
    const dedupe = o.remove_duplicate ?? true;
    // iterative, so deep nesting cannot overflow the stack
    const stack: [string, Module][] = [[o.prefix ?? "", this]];
    while (stack.length) {
      const [p, m] = stack.pop() as [string, Module];
      if (memo.has(m)) continue;
      if (dedupe) memo.add(m);
      yield [p, m];
      const kids = m._own_modules();
      for (let i = kids.length - 1; i >= 0; i--) {
        const [k, c] = kids[i];
        stack.push([p ? `${p}.${k}` : k, c]);
      }
    }
  }

  /** Every module of the tree, this one first, in the order of {@link named_modules}. */
  *modules(): IterableIterator<Module> {
    for (const [, m] of this.named_modules()) yield m;
  }

  // ------------------------------------------------------------ modes and grads
  /** Sets training mode (default true) on this module and every descendant; returns this. */
  train(mode = true): this {
    if (typeof mode !== "boolean") throw new Error("training mode is expected to be boolean");
    this.training = mode;
    for (const m of this.children()) m.train(mode);
    return this;
  }

  /** `train(false)`: evaluation mode (dropout does nothing). */
  eval(): this {
    return this.train(false);
  }

  /** Sets `requires_grad` on every parameter (default true); returns this. */
  requires_grad_(requires_grad = true): this {
    for (const p of this.parameters()) p.requires_grad_(requires_grad);
    return this;
  }

  /** Gradients to null (PyTorch 2's default), or zeroed in place with set_to_none=false. */
  zero_grad(set_to_none: boolean | { set_to_none?: boolean } = true): void {
    if (typeof set_to_none !== "boolean") check_options("zero_grad", set_to_none, SET_TO_NONE);
    const to_none = typeof set_to_none === "boolean" ? set_to_none : (set_to_none.set_to_none ?? true);
    for (const p of this.parameters()) {
      const g = p.grad;
      if (g === null) continue;
      if (to_none) p.grad = null;
      else {
        if (g.grad_fn) g.detach_();
        else g.requires_grad_(false);
        no_grad(() => g.zero_());
      }
    }
  }

  /** Calls fn on every descendant module, children first, then on this one; returns this. */
  apply(fn: (m: Module) => void): this {
    for (const c of this.children()) c.apply(fn);
    fn(this);
    return this;
  }

  /**
   * Module._apply: fn on every parameter and buffer, children first. Parameters keep their
   * identity (their data is replaced, as PyTorch assigns param.data), so an optimizer made
   * before the conversion still holds the model's parameters; so do their gradients.
   */
  _apply(fn: (t: Tensor) => Tensor): this {
    for (const c of this.children()) c._apply(fn);
    no_grad(() => {
      for (const [, p] of this._own_parameters()) {
        if (p === null) continue;
        p.data = fn(p);
        const g = p.grad;
        if (g !== null) g.data = fn(g);
      }
      for (const [k, b] of this._own_buffers()) if (b !== null) this._set_entry(k, fn(b));
    });
    return this;
  }

  /**
   * module.to(dtype | device | tensor | {dtype, device, non_blocking}): casts floating parameters
   * and buffers. Its arguments are read as Tensor.to reads them (ops/convert/convert.ts).
   */
  to(...args: ToArgs): this {
    const d = parse_to(args, MODULE_TO_KEYS).dtype;
    if (!d) return this;
    if (!d.is_floating_point) {
      throw new TypeError(
        `nn.Module.to only accepts floating point or complex dtypes, but got desired dtype=${String(d)}`,
      );
    }
    const dt = d;
    return this._apply((t) => (t.dtype.is_floating_point ? t.to(dt) : t));
  }

  /** Casts floating parameters and buffers to float32; returns this. */
  float(): this {
    return this._apply((t) => (t.dtype.is_floating_point ? t.to(float32) : t));
  }

  /** Casts floating parameters and buffers to float64; returns this. */
  double(): this {
    return this._apply((t) => (t.dtype.is_floating_point ? t.to(float64) : t));
  }

  /** Returns this: every tensor is on the CPU. */
  cpu(): this {
    return this;
  }

  // ------------------------------------------------------------ hooks
  /** hook(module, args) runs before forward; a non-null result replaces args (an array is the tuple). */
  register_forward_pre_hook(hook: ForwardPreHook, options: HookOptions = {}): RemovableHandle {
    check_options("register_forward_pre_hook", options, HOOK_KEYS);
    return add_hook(this._forward_pre_hooks, hook, options.prepend);
  }

  /** hook(module, args, output) runs after forward; a non-null result replaces the output. */
  register_forward_hook(hook: ForwardHook, options: HookOptions = {}): RemovableHandle {
    check_options("register_forward_hook", options, HOOK_KEYS);
    return add_hook(this._forward_hooks, hook, options.prepend);
  }

  /** hook(module, grad_input, grad_output) runs when the inputs' gradients are computed. */
  register_full_backward_hook(hook: FullBackwardHook<this>, options: HookOptions = {}): RemovableHandle {
    check_options("register_full_backward_hook", options, HOOK_KEYS);
    return add_hook(this._backward_hooks, hook as FullBackwardHook<Module>, options.prepend);
  }

  /** hook(module, grad_output) runs when the outputs' gradients arrive; may replace them. */
  register_full_backward_pre_hook(hook: BackwardPreHook<this>, options: HookOptions = {}): RemovableHandle {
    check_options("register_full_backward_pre_hook", options, HOOK_KEYS);
    return add_hook(this._backward_pre_hooks, hook as BackwardPreHook<Module>, options.prepend);
  }

  // ------------------------------------------------------------ state
  /** Parameters and persistent buffers by dotted name, in PyTorch's order; values detached. */
  state_dict(options: { destination?: StateDict; prefix?: string; keep_vars?: boolean } = {}): StateDict {
    check_options("state_dict", options, ["destination", "prefix", "keep_vars"]);
    const out: StateDict = options.destination ?? new Map<string, Tensor>();
    const metadata = (out._metadata ??= new Map());
    // not deduplicated: a module shared under two names is saved under both, as in PyTorch
    const stack: [string, Module][] = [[options.prefix ?? "", this]];
    while (stack.length) {
      const [prefix, m] = stack.pop() as [string, Module];
      metadata.set(prefix.slice(0, -1), { version: (m.constructor as typeof Module)._version });
      for (const [k, v] of m._own_parameters())
        if (v) out.set(prefix + k, options.keep_vars ? v : v.detach());
      for (const [k, v] of m._own_buffers()) {
        if (v && !m._non_persistent.has(k)) out.set(prefix + k, options.keep_vars ? v : v.detach());
      }
      const kids = m._own_modules();
      for (let i = kids.length - 1; i >= 0; i--) stack.push([`${prefix}${kids[i][0]}.`, kids[i][1]]);
    }
    return out;
  }

  /**
   * Copies parameters and buffers from state_dict (a Map or a record). Keys are matched as
   * PyTorch does; with strict (default) missing or unexpected keys raise, and shape mismatches
   * always do, with PyTorch's message. Entries that match are copied even when it raises.
   * `assign` puts the given tensors in place of the module's (PyTorch 2's assign=True).
   */
  load_state_dict(
    state_dict: StateDict | Record<string, Tensor>,
    strict: boolean | { strict?: boolean; assign?: boolean } = true,
    assign = false,
  ): IncompatibleKeys {
    if (typeof strict !== "boolean") check_options("load_state_dict", strict, ["strict", "assign"]);
    const o = typeof strict === "boolean" ? { strict, assign } : strict;
    return load_into(this, state_dict, o.strict ?? true, o.assign ?? assign);
  }

  // ------------------------------------------------------------ printing
  /** The text inside this module's parentheses, as PyTorch's extra_repr. */
  extra_repr(): string {
    return "";
  }

  /** PyTorch's repr: the class name, `extra_repr()` and each child indented. */
  toString(): string {
    const extra = this.extra_repr();
    const extra_lines = extra ? extra.split("\n") : [];
    const child_lines = this._own_modules().map(([k, m]) => `(${k}): ${add_indent(String(m), 2)}`);
    const lines = [...extra_lines, ...child_lines];
    let s = `${this._get_name()}(`;
    if (lines.length) {
      if (extra_lines.length === 1 && child_lines.length === 0) s += extra_lines[0];
      else s += `\n  ${lines.join("\n  ")}\n`;
    }
    return `${s})`;
  }

  /** The class's PyTorch name, as printed. */
  _get_name(): string {
    return class_name(this);
  }

  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return this.toString();
  }
}

/** PyTorch's _addindent: indents every line but the first. */
export function add_indent(s: string, n: number): string {
  const lines = s.split("\n");
  if (lines.length === 1) return s;
  const pad = " ".repeat(n);
  return [lines[0], ...lines.slice(1).map((l) => pad + l)].join("\n");
}

function member_args(
  op: string,
  args: unknown[],
): { prefix: string; recurse: boolean; remove_duplicate: boolean } {
  const o = kwargs<{ prefix: string; recurse: boolean; remove_duplicate: boolean }>(op, args, [
    "prefix",
    "recurse",
    "remove_duplicate",
  ]);
  return { prefix: o.prefix ?? "", recurse: o.recurse ?? true, remove_duplicate: o.remove_duplicate ?? true };
}

/** torch.typename-like description of a value, for messages. */
export function describe(v: unknown): string {
  return v instanceof Tensor ? type_name(v.dtype) : py_type(v);
}
