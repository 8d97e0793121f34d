/**
 * The containers of torch/nn/modules/container.py: Sequential, ModuleList, ModuleDict,
 * ParameterList and ParameterDict. Python's operators become methods: `seq[i]` is
 * `seq.get(i)` (negative indices count from the end; a slice, `torch.slice(1, 3)` or "1:3",
 * gives a container), `seq[i] = m` is `seq.set(i, m)`, `del seq[i]` is `seq.delete(i)`,
 * `len(seq)` is `seq.len()`, `key in d` is `d.has(key)`, and containers are iterable as in
 * Python (lists over their values, dicts over their keys).
 *
 * Entries live in a Map rather than in properties: a JS object lists integer-like keys
 * ("10", "2") before the others and in numeric order, where PyTorch keeps insertion order.
 * Plain records given to constructors and update() have that JS ordering; pass a Map or an
 * array of [key, value] pairs to fix the order of such keys.
 */
import { Tensor } from "../../tensor/tensor.js";
import { parse_index, Slice } from "../../tensor/indexing.js";
import { Module, add_indent, describe } from "../module.js";
import { Parameter } from "../parameter.js";
import { type_name } from "../../dtype.js";

type Entries<V> = Map<string, V> | Record<string, V> | Iterable<readonly [string, V]>;
type AnyEntries<V> = Entries<V> | MapModule;
type Index = number | Slice | string;

/** A module whose entries are kept in insertion order in a Map. */
abstract class MapModule extends Module {
  declare _items: Map<string, unknown>;
  constructor() {
    super();
    Object.defineProperty(this, "_items", { value: new Map(), writable: true, enumerable: false });
  }
  override _entries(): [string, unknown][] {
    return [...this._items, ...super._entries()];
  }
  override _has_entry(name: string): boolean {
    return this._items.has(name) || super._has_entry(name);
  }
  override _get_entry(name: string): unknown {
    return this._items.has(name) ? this._items.get(name) : super._get_entry(name);
  }
  override _set_entry(name: string, value: unknown): void {
    if (!this._items.has(name) && super._has_entry(name)) super._set_entry(name, value);
    else this._items.set(name, value);
  }
  override _delete_entry(name: string): void {
    if (!this._items.delete(name)) super._delete_entry(name);
  }
  /** @internal renumbers the entries 0..n-1 in their order (after a deletion or insertion) */
  _renumber(values: unknown[]): void {
    this._items = new Map(values.map((v, i) => [String(i), v]));
  }
  /** The number of entries, Python's `len(container)`. */
  len(): number {
    return this._items.size;
  }
}

/** Python's slice.indices(n) as the list of positions it selects (negative steps included). */
function slice_positions(idx: Slice | string, n: number): number[] {
  let s: { start: number | null; stop: number | null; step: number | null };
  if (typeof idx === "string") {
    const e = parse_index(idx);
    if (e.kind !== "slice") throw new TypeError(`indices must be integers or slices, not str`);
    s = e;
  } else s = idx;
  const step = s.step ?? 1;
  if (step === 0) throw new Error("slice step cannot be zero");
  const norm = (v: number | null, dflt: number, lo: number, hi: number) =>
    v === null ? dflt : Math.min(Math.max(v < 0 ? v + n : v, lo), hi);
  const start = step > 0 ? norm(s.start, 0, 0, n) : norm(s.start, n - 1, -1, n - 1);
  const stop = step > 0 ? norm(s.stop, n, 0, n) : norm(s.stop, -1, -1, n - 1);
  const out: number[] = [];
  for (let i = start; step > 0 ? i < stop : i > stop; i += step) out.push(i);
  return out;
}

/** An integer index into n entries, negative from the end, as `_get_abs_string_index`. */
function abs_index(idx: number, n: number): number {
  if (!Number.isInteger(idx))
    throw new TypeError(`'${describe(idx)}' object cannot be interpreted as an integer`);
  if (!(-n <= idx && idx < n)) throw new Error(`index ${idx} is out of range`);
  return idx < 0 ? idx + n : idx;
}

function entries_of<V>(arg: AnyEntries<V>, who: string): [string, V][] {
  if (arg instanceof Map) return [...arg];
  if (arg instanceof DictModule) return arg.items() as [string, V][];
  if (Symbol.iterator in Object(arg)) {
    return [...(arg as Iterable<readonly [string, V]>)].map((pair, j) => {
      if (!Array.isArray(pair)) {
        throw new TypeError(`${who} update sequence element #${j} should be Iterable; is${describe(pair)}`);
      }
      const n: number = (pair as unknown[]).length;
      if (n !== 2) {
        throw new Error(`${who} update sequence element #${j} has length ${n}; 2 is required`);
      }
      return [pair[0], pair[1]] as [string, V];
    });
  }
  if (typeof arg === "object" && arg !== null) return Object.entries(arg as Record<string, V>);
  throw new TypeError(
    `${who}.update should be called with an iterable of key/value pairs, but got ${describe(arg)}`,
  );
}

function key_error(key: string): Error {
  return new Error(`KeyError: '${key}'`);
}

const call = (m: Module, x: unknown): unknown => (m as unknown as (x: unknown) => unknown)(x);

/**
 * The module at position I of a Sequential made from the tuple T: `T[I]` for a literal index
 * within it, else any of T's modules (a negative or computed index, or a Sequential built
 * from entries).
 */
export type SequentialItem<T extends readonly Module[], I extends number> = number extends I
  ? T[number]
  : `${I}` extends keyof T
    ? T[`${I}` & keyof T]
    : T[number];

/**
 * nn.Sequential(...modules) or nn.Sequential(ordered entries): calls its modules in order,
 * each on the previous one's output. Slices keep the original names, as PyTorch's do.
 */
export class Sequential<T extends readonly Module[] = Module[]> extends MapModule {
  static override readonly __name__: string = "Sequential";
  // T is the tuple of the constructor's modules, so `model.get(0).bias` needs no cast. Later
  // set/insert/delete/append change the modules but not T: TypeScript cannot follow them.
  constructor(...modules: T);
  constructor(modules: Map<string, T[number]> | Record<string, T[number]>);
  constructor(...args: unknown[]) {
    super();
    const first = args[0];
    if (args.length === 1 && !(first instanceof Module)) {
      for (const [k, m] of entries_of(first as Entries<T[number]>, "Sequential")) this.add_module(k, m);
    } else args.forEach((m, i) => this.add_module(String(i), m as T[number]));
  }

  private _modules_list(): [string, T[number]][] {
    return this._own_modules();
  }

  /**
   * The module at an index (negative counts from the end), typed from the constructor's arguments for a
   * literal index; a slice (`torch.slice(1)` or `"1:"`) gives a Sequential of those modules under their
   * original names. PyTorch's `model[i]`.
   */
  get<I extends number>(idx: I): SequentialItem<T, I>;
  get(idx: Slice | string): Sequential<T[number][]>;
  get(idx: Index): T[number] | Sequential<T[number][]> {
    const items = this._modules_list();
    if (typeof idx === "number") return items[abs_index(idx, items.length)][1];
    const picked = slice_positions(idx, items.length).map((i) => items[i]);
    const cls = this.constructor as new (m: Map<string, T[number]>) => Sequential<T[number][]>;
    return new cls(new Map(picked));
  }

  /** Replaces the module at an index (`model[i] = m`). */
  set(idx: number, module: Module): void {
    const items = this._modules_list();
    this.add_module(items[abs_index(idx, items.length)][0], module);
  }

  /** Removes the module(s) at an index or slice (`del model[i]`); the rest are renumbered. */
  delete(idx: Index): void {
    const items = this._modules_list();
    const keys =
      typeof idx === "number"
        ? [items[abs_index(idx, items.length)][0]]
        : slice_positions(idx, items.length).map((i) => items[i][0]);
    for (const k of keys) this._delete_entry(k);
    this._renumber(this._modules_list().map(([, m]) => m));
  }

  /** Removes and returns the module(s) at an index or slice. */
  pop<I extends number>(idx: I): SequentialItem<T, I>;
  pop(idx: Slice | string): Sequential<T[number][]>;
  pop(idx: Index): T[number] | Sequential<T[number][]> {
    const v: T[number] | Sequential<T[number][]> = this.get(idx as number);
    this.delete(idx);
    return v;
  }

  /** Adds a module at the end; returns this. */
  append(module: Module): this {
    this.add_module(String(this.len()), module);
    return this;
  }

  /** Inserts a module before index (negative counts from the end); returns this. */
  insert(index: number, module: Module): this {
    if (!(module instanceof Module))
      throw new Error(`module should be of type: <class 'torch.nn.modules.module.Module'>`);
    const n = this.len();
    if (!(-n <= index && index <= n)) throw new Error(`Index out of range: ${index}`);
    if (index < 0) index += n;
    const values = this._modules_list().map(([, m]) => m);
    values.splice(index, 0, module);
    this._renumber(values);
    return this;
  }

  /** Appends each of the modules; returns this. */
  extend(modules: Iterable<Module>): this {
    for (const m of modules) this.append(m);
    return this;
  }

  /** Iterates over the modules in order. */
  *[Symbol.iterator](): IterableIterator<T[number]> {
    for (const [, m] of this._modules_list()) yield m;
  }

  /** Calls each module on the previous one's output, starting from input. */
  override forward(input: Tensor): Tensor {
    let x: unknown = input;
    for (const m of this) x = call(m, x);
    return x as Tensor;
  }
}

/** nn.ModuleList: a list of modules, registered under "0", "1", ...; it has no forward. */
export class ModuleList<M extends Module = Module> extends MapModule {
  static override readonly __name__: string = "ModuleList";
  constructor(modules?: Iterable<M> | null) {
    super();
    if (modules) this.extend(modules);
  }

  private _values(): M[] {
    return [...this._items.values()] as M[];
  }

  /**
   * The module at an index (negative counts from the end), or a ModuleList of a slice. PyTorch's `list[i]`.
   */
  get(idx: number): M;
  get(idx: Slice | string): ModuleList<M>;
  get(idx: Index): M | ModuleList<M> {
    const values = this._values();
    if (typeof idx === "number") return values[abs_index(idx, values.length)];
    const cls = this.constructor as new (m: M[]) => ModuleList<M>;
    return new cls(slice_positions(idx, values.length).map((i) => values[i]));
  }

  /** Replaces the module at an index. */
  set(idx: number, module: M): void {
    this.add_module(String(abs_index(idx, this.len())), module);
  }

  /** Removes the module(s) at an index or slice; the rest are renumbered. */
  delete(idx: Index): void {
    const values = this._values();
    const drop = new Set(
      typeof idx === "number" ? [abs_index(idx, values.length)] : slice_positions(idx, values.length),
    );
    this._renumber(values.filter((_, i) => !drop.has(i)));
  }

  /** Removes and returns the module(s) at an index or slice. */
  pop(idx: number): M;
  pop(idx: Slice | string): ModuleList<M>;
  pop(idx: Index): M | ModuleList<M> {
    const v = this.get(idx as number);
    this.delete(idx);
    return v;
  }

  /** Adds a module at the end; returns this. */
  append(module: M): this {
    this.add_module(String(this.len()), module);
    return this;
  }

  /** Appends each of the modules; returns this. */
  extend(modules: Iterable<M>): this {
    if (modules === null || typeof modules !== "object" || !(Symbol.iterator in modules)) {
      throw new TypeError(
        `ModuleList.extend should be called with an iterable, but got ${describe(modules)}`,
      );
    }
    const offset = this.len();
    let i = 0;
    for (const m of modules) this.add_module(String(offset + i++), m);
    return this;
  }

  /** Inserts before index (negative counts from the end, as Python's list.insert). */
  insert(index: number, module: M): void {
    const values = this._values();
    const n = values.length;
    const at = index < 0 ? Math.max(0, index + n) : Math.min(index, n);
    if (!(module instanceof Module)) throw new TypeError(`${describe(module)} is not a Module subclass`);
    values.splice(at, 0, module);
    this._renumber(values);
  }

  /** Iterates over the modules in order. */
  *[Symbol.iterator](): IterableIterator<M> {
    yield* this._values();
  }

  /** PyTorch 2's repr: runs of identical children print once, as `(0-2): 3 x Linear(...)`. */
  override toString(): string {
    const reprs = this._values().map((m) => String(m));
    if (reprs.length === 0) return `${this._get_name()}()`;
    const blocks: [number, number, string][] = [];
    reprs.forEach((r, i) => {
      const last = blocks[blocks.length - 1];
      if (last && last[2] === r) last[1] = i;
      else blocks.push([i, i, r]);
    });
    const lines = blocks.map(([s, e, b]) =>
      add_indent(s === e ? `(${s}): ${b}` : `(${s}-${e}): ${e - s + 1} x ${b}`, 2),
    );
    return `${this._get_name()}(\n  ${lines.join("\n  ")}\n)`;
  }
}

/** What ModuleDict and ParameterDict share: Python's dict methods over the entries; iterates over keys. */
abstract class DictModule<V> extends MapModule {
  abstract get(key: string): V;
  abstract set(key: string, value: unknown): void;
  /** Removes the entry under key (`del d[key]`); throws KeyError when there is none. */
  delete(key: string): void {
    if (!this._items.delete(key)) throw key_error(key);
  }
  /** Whether there is an entry under key (`key in d`). */
  has(key: string): boolean {
    return this._items.has(key);
  }
  /** The keys, in insertion order. */
  keys(): string[] {
    return [...this._items.keys()];
  }
  /** The values, in insertion order. */
  values(): V[] {
    return [...this._items.values()] as V[];
  }
  /** Pairs [key, value], in insertion order. */
  items(): [string, V][] {
    return [...this._items] as [string, V][];
  }
  /** Removes and returns the entry under key; throws KeyError when there is none. */
  pop(key: string): V {
    const v = this.get(key);
    this.delete(key);
    return v;
  }
  /** Removes every entry. */
  clear(): void {
    this._items.clear();
  }
  /** Iterates over the keys, as Python's dict. */
  *[Symbol.iterator](): IterableIterator<string> {
    yield* this._items.keys();
  }
}

/** nn.ModuleDict: modules by name, in insertion order; iterates over its keys. */
export class ModuleDict<M extends Module = Module> extends DictModule<M> {
  static override readonly __name__: string = "ModuleDict";
  // NoInfer: a record of mixed layers makes a ModuleDict<Module>
  constructor(modules?: Entries<NoInfer<M>> | ModuleDict<NoInfer<M>> | null) {
    super();
    if (modules) this.update(modules);
  }

  /** The module under key (`d[key]`); throws KeyError when there is none. */
  get(key: string): M {
    if (!this._items.has(key)) throw key_error(key);
    return this._items.get(key) as M;
  }
  /** Adds or replaces the module under key (`d[key] = m`). */
  set(key: string, module: M): void {
    this.add_module(key, module);
  }
  /** Adds or replaces entries from a record, a Map, pairs or another ModuleDict. */
  update(modules: Entries<M> | ModuleDict<M>): void {
    for (const [k, m] of entries_of(modules, "ModuleDict")) this.set(k, m);
  }
}

/** "Parameter containing: [torch.float32 of size 2x3]" lines of the parameter containers. */
function param_lines(entries: [string, unknown][], dtype_name: (t: Tensor) => string): string {
  return entries
    .map(([k, p]) => {
      if (!(p instanceof Tensor)) return `  (${k}): Object of type: ${describe(p)}`;
      const kind = p instanceof Parameter ? "Parameter" : "Tensor";
      return `  (${k}): ${kind} containing: [${dtype_name(p)} of size ${p.shape.join("x")}]`;
    })
    .join("\n");
}

/** nn.ParameterList: tensors given to it become Parameters, registered as "0", "1", .... */
export class ParameterList extends MapModule {
  static override readonly __name__: string = "ParameterList";
  constructor(values?: Iterable<unknown> | null) {
    super();
    if (values) this.extend(values);
  }
  /** Throws: a container of parameters has no forward. */
  override forward(): never {
    throw new Error("ParameterList should not be called.");
  }
  /** The parameter at an index (negative counts from the end), or a ParameterList of a slice. */
  get(idx: number): Parameter;
  get(idx: Slice | string): ParameterList;
  get(idx: Index): unknown {
    const values = [...this._items.values()];
    if (typeof idx === "number") return values[abs_index(idx, values.length)];
    const out = new (this.constructor as new () => ParameterList)();
    for (const i of slice_positions(idx, values.length)) out.append(values[i]);
    return out;
  }
  /** Replaces the parameter at an index; a tensor becomes a Parameter. */
  set(idx: number, param: unknown): void {
    const k = String(abs_index(idx, this.len()));
    this._items.set(
      k,
      param instanceof Tensor && !(param instanceof Parameter) ? new Parameter(param) : param,
    );
  }
  /** Adds a parameter at the end (a tensor becomes a Parameter); returns this. */
  append(value: unknown): this {
    const k = String(this.len());
    this._items.set(k, null);
    this.set(Number(k), value);
    return this;
  }
  /** Appends each of the values; returns this. */
  extend(values: Iterable<unknown>): this {
    for (const v of values) this.append(v);
    return this;
  }
  /** Iterates over the parameters in order. */
  *[Symbol.iterator](): IterableIterator<Parameter> {
    yield* this._items.values() as IterableIterator<Parameter>;
  }
  override extra_repr(): string {
    return param_lines([...this._items], (t) => String(t.dtype));
  }
}

/** nn.ParameterDict: parameters by name, in insertion order; tensors become Parameters. */
export class ParameterDict extends DictModule<Parameter> {
  static override readonly __name__: string = "ParameterDict";
  constructor(parameters?: Entries<unknown> | ParameterDict | null) {
    super();
    if (parameters) this.update(parameters);
  }
  /** Throws: a container of parameters has no forward. */
  override forward(): never {
    throw new Error("ParameterDict should not be called.");
  }
  /** d[key]; with a default, d.get(key, default) as Python's dict.get. */
  get(key: string, ...dflt: [unknown?]): Parameter {
    if (!this._items.has(key)) {
      if (dflt.length) return dflt[0] as Parameter;
      throw key_error(key);
    }
    return this._items.get(key) as Parameter;
  }
  /** Adds or replaces the entry under key; a tensor becomes a Parameter. */
  set(key: string, value: unknown): void {
    if (typeof key !== "string") {
      throw new TypeError(`Parameter names must be strings, got ${describe(key)}`);
    }
    const v = value instanceof Tensor && !(value instanceof Parameter) ? new Parameter(value) : value;
    // a Parameter goes through register_parameter's name checks, as PyTorch's setattr does
    if (v instanceof Parameter) this.register_parameter(key, v);
    else this._items.set(key, v);
  }
  /** The entry under key, first setting it to value when there is none (Python's dict.setdefault). */
  setdefault(key: string, value: unknown = null): Parameter {
    if (!this._items.has(key)) this.set(key, value);
    return this.get(key);
  }
  /** Adds or replaces entries from a record, a Map, pairs or another ParameterDict. */
  update(parameters: Entries<unknown> | ParameterDict): void {
    for (const [k, v] of entries_of(parameters, "ParametersDict")) this.set(k, v);
  }
  override extra_repr(): string {
    return param_lines([...this._items], (t) => type_name(t.dtype));
  }
}
