/**
 * The op table. Every family file ends with `export const OPS = op_table({ ... })`: one row per
 * public op, keyed by PyTorch's name, saying which of PyTorch's variants it has (as
 * native_functions.yaml's `variants:`): a `torch.X` function, a Tensor method, or both, and its
 * in-place form `X_` (always a method; a torch function too where PyTorch has one, such as
 * torch.exp_). Tensor methods are installed on Tensor.prototype from these rows and typed from
 * them (`TensorMethods`, merged into the class in tensor/tensor.ts); the torch namespace
 * (src/index.ts) is checked against them by tsc, and test/ops/op_table.test.ts checks both.
 *
 * A method calls its row's function with the tensor first: `x.add(y)` is `add(x, y)`. The
 * wrapper is made once per method (no closure or array per call), so a method costs what a
 * hand-written one-line delegation costs.
 */
import type { Tensor } from "../tensor/tensor.js";

/** Which of PyTorch's variants an op has (native_functions.yaml's `variants:`). */
export type Variants = "function" | "method" | "function, method";

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- rows hold functions of any signature
type AnyFn = (...args: any[]) => unknown;

export interface OpRow {
  /** the op, tensor first for a method (`add(input, other)` is `input.add(other)`) */
  readonly fn: AnyFn;
  readonly variants: Variants;
  /** the in-place form `X_`, a method returning its tensor */
  readonly inplace?: AnyFn;
  /** the variants of `X_` (default "method") */
  readonly inplace_variants?: Variants;
  /** the method when it is not `fn` with the tensor first (Tensor.where(condition, other)) */
  readonly method?: AnyFn;
}

export type OpTable = Readonly<Record<string, OpRow>>;

const tables: OpTable[] = [];
let target: Record<string, unknown> | null = null;

/** Declares a family's ops; their methods land on Tensor.prototype as soon as the class exists. */
export function op_table<const T extends OpTable>(rows: T): T {
  tables.push(rows);
  if (target) install(target, rows);
  return rows;
}

/** Called once by tensor/tensor.ts with Tensor.prototype: installs every table declared so far. */
export function install_methods(prototype: object): void {
  target = prototype as Record<string, unknown>;
  for (const rows of tables) install(target, rows);
}

/** Every row of every table declared so far, keyed by name (the op-coverage test reads it). */
export function all_ops(): ReadonlyMap<string, OpRow> {
  const out = new Map<string, OpRow>();
  for (const rows of tables) for (const [name, row] of Object.entries(rows)) out.set(name, row);
  return out;
}

/** The public names of a row: [name, fn, variants] for the op and its in-place form. */
export function names_of(name: string, row: OpRow): [string, AnyFn, Variants][] {
  const out: [string, AnyFn, Variants][] = [[name, row.fn, row.variants]];
  if (row.inplace) out.push([name + "_", row.inplace, row.inplace_variants ?? "method"]);
  return out;
}

function install(proto: Record<string, unknown>, rows: OpTable): void {
  for (const [name, row] of Object.entries(rows)) {
    if (row.variants !== "function") define(proto, name, row.method ?? row.fn);
    if (row.inplace && row.inplace_variants !== "function") define(proto, name + "_", row.inplace);
  }
}

function define(proto: Record<string, unknown>, name: string, fn: AnyFn): void {
  if (Object.prototype.hasOwnProperty.call(proto, name)) {
    throw new Error(`Tensor.${name} is defined twice (an op table row and the class, or two rows)`);
  }
  Object.defineProperty(proto, name, { value: as_method(fn), writable: true, configurable: true });
}

/** `this` first, the arguments as given: arguments.length keeps omitted ones omitted (rest args). */
function as_method(fn: AnyFn): AnyFn {
  return function (this: Tensor, a?: unknown, b?: unknown, c?: unknown, d?: unknown): unknown {
    switch (arguments.length) {
      case 0:
        return fn(this);
      case 1:
        return fn(this, a);
      case 2:
        return fn(this, a, b);
      case 3:
        return fn(this, a, b, c);
      case 4:
        return fn(this, a, b, c, d);
      default:
        // eslint-disable-next-line prefer-rest-params -- the rare long call; short ones allocate nothing
        return fn(this, ...(Array.prototype.slice.call(arguments) as unknown[]));
    }
  };
}

// ------------------------------------------------------------------ types of the methods

type Tail<A> = A extends readonly [unknown, ...infer R] ? R : never;

/** A function's signatures (up to four overloads, as max/min/nonzero have) without their first parameter. */
type DropSelf<F> = F extends {
  (...a: infer A1): infer R1;
  (...a: infer A2): infer R2;
  (...a: infer A3): infer R3;
  (...a: infer A4): infer R4;
}
  ? Same<[A1, R1], [A4, R4]> extends true
    ? (...a: Tail<A4>) => R4
    : ((...a: Tail<A1>) => R1) &
        ((...a: Tail<A2>) => R2) &
        ((...a: Tail<A3>) => R3) &
        ((...a: Tail<A4>) => R4)
  : never;
/** One signature matched four times (no overloads) infers the same types in every slot. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

/** An in-place method: returns the tensor it was called on, with its own type (a Parameter stays one). */
type InPlace<F> = F extends (self: Tensor, ...a: infer A) => unknown
  ? <S extends Tensor>(this: S, ...a: A) => S
  : never;

type MethodRows<T> = {
  [K in keyof T as T[K] extends { variants: "method" | "function, method" } ? K : never]: T[K] extends {
    method: infer M;
  }
    ? DropSelf<M>
    : T[K] extends { fn: infer F }
      ? DropSelf<F>
      : never;
};
type InPlaceRows<T> = {
  [
    K in keyof T as T[K] extends { inplace: AnyFn; inplace_variants?: "method" | "function, method" }
      ? `${K & string}_`
      : never
  ]: T[K] extends { inplace: infer F } ? InPlace<F> : never;
};

/** The Tensor methods of a table: every row with the method variant, and every in-place form. */
export type MethodsOf<T> = MethodRows<T> & InPlaceRows<T>;

/** The torch.X names of a table: rows with the function variant, and in-place forms that have it. */
export type FunctionNamesOf<T> =
  | { [K in keyof T]: T[K] extends { variants: "function" | "function, method" } ? K : never }[keyof T]
  | {
      [K in keyof T]: T[K] extends { inplace_variants: "function" | "function, method" }
        ? `${K & string}_`
        : never;
    }[keyof T];
