/**
 * nn.Module. A module is callable: `model(x)` runs forward pre-hooks, `forward`, and forward
 * hooks. The constructor returns an arrow function whose prototype is the subclass's, so
 * instances are functions; the merged interface below gives them forward's exact call type.
 *
 * Parameters, submodules and buffers are found by scanning the module's own properties in
 * insertion order, so anything assigned as a property (class fields included) is registered
 * in assignment order, and `parameters()`/`state_dict()` order matches the equivalent PyTorch
 * model: own entries first, then each child's.
 */
import { DType, float32, float64 } from "../dtype.js";
import { Tensor } from "../tensor/tensor.js";
import { no_grad } from "../autograd/grad_mode.js";
import { fmt_shape } from "../shape.js";
import { Parameter } from "./parameter.js";

/** Returns nothing (args unchanged), a new argument array, or a single new argument. */
export type ForwardPreHook = (module: Module, args: unknown[]) => unknown;
export type ForwardHook = (module: Module, args: unknown[], output: unknown) => unknown;
export interface RemovableHandle {
  remove(): void;
}

export type StateDict = Map<string, Tensor>;

export interface LoadResult {
  missing_keys: string[];
  unexpected_keys: string[];
}

/** A property key that holds module state rather than registered entries. */
const INTERNAL = new Set([
  "training",
  "_buffer_names",
  "_non_persistent",
  "_forward_pre_hooks",
  "_forward_hooks",
  "_backward_hooks",
]);

export interface Module {
  (...args: Parameters<this["forward"]>): ReturnType<this["forward"]>;
}

export class Module {
  declare training: boolean;
  declare _buffer_names: Set<string>;
  declare _non_persistent: Set<string>;
  declare _forward_pre_hooks: ForwardPreHook[];
  declare _forward_hooks: ForwardHook[];
  declare _backward_hooks: unknown[];

  constructor() {
    const self = ((...args: unknown[]) => self._call_impl(args)) as unknown as Module;
    // a function's own `name` and `length` would shadow modules' fields of those names
    delete (self as { name?: unknown }).name;
    delete (self as { length?: unknown }).length;
    Object.setPrototypeOf(self, new.target.prototype);
    // base-class state must live on the returned object (class-field initialisers of this
    // base class would run on the discarded `this`), and stay out of the property scan
    for (const [k, v] of [
      ["training", true],
      ["_buffer_names", new Set<string>()],
      ["_non_persistent", new Set<string>()],
      ["_forward_pre_hooks", []],
      ["_forward_hooks", []],
      ["_backward_hooks", []],
    ] as const) {
      Object.defineProperty(self, k, { value: v, writable: true, enumerable: false, configurable: true });
    }
    return self;
  }

  forward(..._args: never[]): unknown {
    throw new Error(`Module [${this.constructor.name}] is missing the required "forward" function`);
  }

  /** @internal what `model(...)` runs */
  _call_impl(args: unknown[]): unknown {
    for (const h of this._forward_pre_hooks) {
      const r = h(this, args);
      if (r !== undefined) args = Array.isArray(r) ? r : [r];
    }
    let out = (this.forward as (...a: unknown[]) => unknown)(...args);
    for (const h of this._forward_hooks) {
      const r = h(this, args, out);
      if (r !== undefined) out = r;
    }
    return out;
  }

  // ------------------------------------------------------------ registration
  private _own_keys(): string[] {
    return Object.keys(this).filter((k) => !INTERNAL.has(k));
  }

  register_parameter(name: string, param: Parameter | null): void {
    if (name.includes(".")) throw new Error(`parameter name can't contain "."`);
    if (param !== null && !(param instanceof Parameter)) {
      throw new TypeError(
        `cannot assign '${typeof param}' object to parameter '${name}' (torch.nn.Parameter or None required)`,
      );
    }
    (this as unknown as Record<string, unknown>)[name] = param;
  }

  register_buffer(name: string, tensor: Tensor | null, persistent = true): void {
    if (name.includes(".")) throw new Error(`buffer name can't contain "."`);
    if (name === "") throw new Error(`buffer name can't be empty string ""`);
    if (tensor !== null && !(tensor instanceof Tensor)) {
      throw new TypeError(
        `cannot assign '${typeof tensor}' object to buffer '${name}' (torch Tensor or None required)`,
      );
    }
    this._buffer_names.add(name);
    if (persistent) this._non_persistent.delete(name);
    else this._non_persistent.add(name);
    (this as unknown as Record<string, unknown>)[name] = tensor;
  }

  add_module(name: string, module: Module | null): void {
    if (name.includes(".")) throw new Error(`module name can't contain ".", got: ${name}`);
    (this as unknown as Record<string, unknown>)[name] = module;
  }

  register_module(name: string, module: Module | null): void {
    this.add_module(name, module);
  }

  get_submodule(target: string): Module {
    let mod = this as Module;
    if (target === "") return mod;
    for (const part of target.split(".")) {
      const next = (mod as unknown as Record<string, unknown>)[part];
      if (!(next instanceof Module)) throw new Error(`${mod.constructor.name} has no attribute \`${part}\``);
      mod = next;
    }
    return mod;
  }

  // ------------------------------------------------------------ traversal
  *named_parameters(prefix = "", recurse = true): IterableIterator<[string, Parameter]> {
    const seen = new Set<Tensor>();
    const mods: Iterable<[string, Module]> = recurse ? this.named_modules(prefix) : [[prefix, this]];
    for (const [p, m] of mods) {
      for (const [k, v] of m._named_own_parameters()) {
        if (seen.has(v)) continue;
        seen.add(v);
        yield [p ? `${p}.${k}` : k, v];
      }
    }
  }

  /** @internal this module's own parameters, in registration order */
  _named_own_parameters(): [string, Parameter][] {
    const rec = this as unknown as Record<string, unknown>;
    return this._own_keys().flatMap((k) => {
      const v = rec[k];
      return v instanceof Parameter && !this._buffer_names.has(k) ? [[k, v] as [string, Parameter]] : [];
    });
  }

  *parameters(recurse = true): IterableIterator<Parameter> {
    for (const [, p] of this.named_parameters("", recurse)) yield p;
  }

  *named_buffers(prefix = "", recurse = true): IterableIterator<[string, Tensor]> {
    const mods: Iterable<[string, Module]> = recurse ? this.named_modules(prefix) : [[prefix, this]];
    const seen = new Set<Tensor>();
    for (const [p, m] of mods) {
      const rec = m as unknown as Record<string, unknown>;
      for (const k of m._buffer_names) {
        const v = rec[k];
        if (!(v instanceof Tensor) || seen.has(v)) continue;
        seen.add(v);
        yield [p ? `${p}.${k}` : k, v];
      }
    }
  }

  *buffers(recurse = true): IterableIterator<Tensor> {
    for (const [, b] of this.named_buffers("", recurse)) yield b;
  }

  *named_children(): IterableIterator<[string, Module]> {
    const rec = this as unknown as Record<string, unknown>;
    const seen = new Set<Module>();
    for (const k of this._own_keys()) {
      const v = rec[k];
      if (v instanceof Module && !seen.has(v)) {
        seen.add(v);
        yield [k, v];
      }
    }
  }

  *children(): IterableIterator<Module> {
    for (const [, m] of this.named_children()) yield m;
  }

  *named_modules(prefix = "", memo: Set<Module> = new Set()): IterableIterator<[string, Module]> {
    // iterative pre-order walk: own module first, then each child's subtree in order
    const stack: [string, Module][] = [[prefix, this]];
    while (stack.length) {
      const [p, m] = stack.pop() as [string, Module];
      if (memo.has(m)) continue;
      memo.add(m);
      yield [p, m];
      const kids = [...m.named_children()];
      for (let i = kids.length - 1; i >= 0; i--) {
        const [k, c] = kids[i];
        stack.push([p ? `${p}.${k}` : k, c]);
      }
    }
  }

  *modules(): IterableIterator<Module> {
    for (const [, m] of this.named_modules()) yield m;
  }

  // ------------------------------------------------------------ modes and grads
  train(mode = true): this {
    if (typeof mode !== "boolean") throw new Error("training mode is expected to be boolean");
    for (const m of this.modules()) m.training = mode;
    return this;
  }

  eval(): this {
    return this.train(false);
  }

  requires_grad_(requires_grad = true): this {
    for (const p of this.parameters()) p.requires_grad_(requires_grad);
    return this;
  }

  zero_grad(set_to_none: boolean | { set_to_none?: boolean } = true): void {
    const to_none = typeof set_to_none === "boolean" ? set_to_none : (set_to_none.set_to_none ?? true);
    for (const p of this.parameters()) {
      if (p.grad === null) continue;
      if (to_none) p.grad = null;
      else {
        const g = p.grad;
        no_grad(() => g.detach().zero_());
        p.grad = g.grad_fn ? g.detach() : g;
      }
    }
  }

  apply(fn: (m: Module) => void): this {
    for (const c of this.children()) c.apply(fn);
    fn(this);
    return this;
  }

  /** Casts floating parameters and buffers to dtype, in place (module.to(torch.float64)). */
  to(dtype: DType | { dtype?: DType }): this {
    const d = dtype instanceof DType ? dtype : dtype.dtype;
    if (!d) return this;
    no_grad(() => {
      for (const m of this.modules()) {
        const rec = m as unknown as Record<string, unknown>;
        for (const k of m._own_keys()) {
          const v = rec[k];
          if (!(v instanceof Tensor) || !v.dtype.is_floating_point || v.dtype === d) continue;
          if (v instanceof Parameter) {
            const p = new Parameter(v.detach().to(d), v.requires_grad);
            if (v.grad) p.grad = v.grad.to(d);
            rec[k] = p;
          } else rec[k] = v.to(d);
        }
      }
    });
    return this;
  }

  float(): this {
    return this.to(float32);
  }

  double(): this {
    return this.to(float64);
  }

  // ------------------------------------------------------------ hooks
  register_forward_pre_hook(hook: ForwardPreHook): RemovableHandle {
    this._forward_pre_hooks.push(hook);
    return { remove: () => remove(this._forward_pre_hooks, hook) };
  }

  register_forward_hook(hook: ForwardHook): RemovableHandle {
    this._forward_hooks.push(hook);
    return { remove: () => remove(this._forward_hooks, hook) };
  }

  // ------------------------------------------------------------ state
  /** Parameters and persistent buffers by dotted name, in PyTorch's order; values detached. */
  state_dict(options: { prefix?: string; keep_vars?: boolean } = {}): StateDict {
    const out: StateDict = new Map();
    const prefix = options.prefix ?? "";
    for (const [p, m] of this.named_modules()) {
      const rec = m as unknown as Record<string, unknown>;
      const base = prefix + (p ? `${p}.` : "");
      for (const k of m._own_keys()) {
        const v = rec[k];
        if (!(v instanceof Tensor)) continue;
        const is_buffer = m._buffer_names.has(k);
        if (!(v instanceof Parameter) && !is_buffer) continue;
        if (is_buffer && m._non_persistent.has(k)) continue;
        out.set(base + k, options.keep_vars ? v : v.detach());
      }
    }
    return out;
  }

  load_state_dict(
    state_dict: StateDict | Record<string, Tensor>,
    strict: boolean | { strict?: boolean } = true,
  ): LoadResult {
    const is_strict = typeof strict === "boolean" ? strict : (strict.strict ?? true);
    const sd: StateDict = state_dict instanceof Map ? state_dict : new Map(Object.entries(state_dict));
    const own = this.state_dict({ keep_vars: true });
    const missing = [...own.keys()].filter((k) => !sd.has(k));
    const unexpected = [...sd.keys()].filter((k) => !own.has(k));
    const errors: string[] = [];
    for (const [k, target] of own) {
      const src = sd.get(k);
      if (!src) continue;
      if (src.shape.length !== target.shape.length || src.shape.some((s, i) => s !== target.shape[i])) {
        errors.push(
          `size mismatch for ${k}: copying a param with shape torch.Size(${fmt_shape(src.shape)}) from checkpoint, the shape in current model is torch.Size(${fmt_shape(target.shape)}).`,
        );
      }
    }
    if (is_strict) {
      if (unexpected.length)
        errors.unshift(`Unexpected key(s) in state_dict: ${unexpected.map((k) => `"${k}"`).join(", ")}. `);
      if (missing.length)
        errors.unshift(`Missing key(s) in state_dict: ${missing.map((k) => `"${k}"`).join(", ")}. `);
    }
    if (errors.length) {
      throw new Error(
        `Error(s) in loading state_dict for ${this.constructor.name}:\n\t${errors.join("\n\t")}`,
      );
    }
    no_grad(() => {
      for (const [k, target] of own) {
        const src = sd.get(k);
        if (src) target.copy_(src);
      }
    });
    return { missing_keys: missing, unexpected_keys: unexpected };
  }

  // ------------------------------------------------------------ printing
  /** The text inside this module's parentheses, as PyTorch's extra_repr. */
  extra_repr(): string {
    return "";
  }

  toString(): string {
    const lines: string[] = [];
    const extra = this.extra_repr();
    if (extra) lines.push(...extra.split("\n"));
    for (const [k, m] of this.named_children()) {
      const sub = String(m).split("\n").join("\n  ");
      lines.push(`(${k}): ${sub}`);
    }
    const name = this._get_name();
    if (lines.length === 0) return `${name}()`;
    if (lines.length === 1 && !extra.includes("\n") && [...this.named_children()].length === 0) {
      return `${name}(${lines[0]})`;
    }
    return `${name}(\n  ${lines.join("\n  ")}\n)`;
  }

  _get_name(): string {
    return this.constructor.name;
  }

  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return this.toString();
  }
}

function remove<T>(list: T[], item: T): void {
  const i = list.indexOf(item);
  if (i >= 0) list.splice(i, 1);
}
