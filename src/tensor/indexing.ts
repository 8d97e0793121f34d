/**
 * The arguments of `x.index(...)` and `x.index_put_([...], v)`: what Python writes inside
 * `x[...]`, in JS. Integers (negative count from the end), `null` (a new axis), `"..."`
 * (ellipsis), slices as `slice(start, stop, step)` or the strings `"1:3"`, `":"`, `"::2"`,
 * `"-2:"`, booleans, integer and bool tensors, and nested JS arrays (an index list, as
 * Python's `x[[0, 2]]`). This file only parses them into entries; src/ops/indexing/subscript.ts applies
 * them. A 0-dim integer tensor counts as an integer and a 0-dim bool tensor as a boolean, as
 * in PyTorch.
 */
import { bool as bool_dtype, int64 } from "../dtype.js";
import { Tensor } from "./tensor.js";
import { tensor } from "./factory.js";

/** A Python slice: `start:stop:step`, each part optional (null). */
export class Slice {
  /** PyTorch's name for this class, which bundlers cannot rename (src/names.ts). */
  static readonly __name__: string = "Slice";
  constructor(
    readonly start: number | null = null,
    readonly stop: number | null = null,
    readonly step: number | null = null,
  ) {}
  /** Python's spelling, `1:3`, `::2`. */
  toString(): string {
    const p = (v: number | null) => (v === null ? "" : String(v));
    return `${p(this.start)}:${p(this.stop)}${this.step === null ? "" : `:${this.step}`}`;
  }
}

/**
 * torch.slice: Python's `slice` builtin. As in Python, one argument is the stop
 * (`slice(3)` is `:3`), two or three are start, stop and step; null leaves a part out
 * (`slice(null, null, 2)` is `::2`).
 */
export function slice(stop?: number | null): Slice;
export function slice(start: number | null, stop: number | null, step?: number | null): Slice;
export function slice(a?: number | null, b?: number | null, c?: number | null): Slice {
  for (const v of [a, b, c]) {
    if (v !== undefined && v !== null && !Number.isInteger(v)) {
      throw new TypeError("slice indices must be integers or None or have an __index__ method");
    }
  }
  if (b === undefined) return new Slice(null, a ?? null, null);
  return new Slice(a ?? null, b, c ?? null);
}

type IndexList = readonly (number | boolean | IndexList)[];
/** One element of an index: what may appear between Python's brackets. */
export type IndexArg = number | boolean | null | string | Slice | Tensor | IndexList;

export type IndexEntry =
  | { kind: "int"; index: number }
  | { kind: "slice"; start: number | null; stop: number | null; step: number | null }
  | { kind: "none" }
  | { kind: "ellipsis" }
  | { kind: "bool"; value: boolean }
  | { kind: "tensor"; tensor: Tensor };

const INVALID =
  "only integers, slices (`:`), ellipsis (`...`), None and long or byte Variables are valid indices";

function parse_int_part(s: string, whole: string): number | null {
  const t = s.trim();
  if (t === "") return null;
  if (!/^[+-]?\d+$/.test(t)) throw new TypeError(`invalid slice string '${whole}'`);
  return Number(t);
}

/** "1:3", ":", "::2", "-2:" as a slice entry, "..." as the ellipsis. */
function parse_string(s: string): IndexEntry {
  if (s.trim() === "...") return { kind: "ellipsis" };
  const parts = s.split(":");
  if (parts.length < 2 || parts.length > 3) throw new TypeError(`${INVALID} (got string '${s}')`);
  return {
    kind: "slice",
    start: parse_int_part(parts[0], s),
    stop: parse_int_part(parts[1], s),
    step: parts.length === 3 ? parse_int_part(parts[2], s) : null,
  };
}

function first_leaf(a: IndexList): unknown {
  let v: unknown = a;
  while (Array.isArray(v) && v.length > 0) v = v[0] as unknown;
  return v;
}

/** A JS index list as a tensor: bool if its elements are booleans, else int64. */
function list_tensor(a: IndexList): Tensor {
  if (typeof first_leaf(a) === "boolean") return tensor(a, { dtype: bool_dtype });
  const check = (v: unknown): void => {
    if (Array.isArray(v)) for (const e of v) check(e);
    else if (typeof v !== "number" || !Number.isInteger(v)) {
      throw new RangeError("tensors used as indices must be long, int, byte or bool tensors");
    }
  };
  check(a);
  return tensor(a, { dtype: int64 });
}

/** Parses one index element. */
export function parse_index(a: IndexArg): IndexEntry {
  if (a === null) return { kind: "none" };
  if (typeof a === "number") {
    if (!Number.isInteger(a)) throw new TypeError(`${INVALID} (got float)`);
    return { kind: "int", index: a };
  }
  if (typeof a === "boolean") return { kind: "bool", value: a };
  if (typeof a === "string") return parse_string(a);
  if (a instanceof Slice) return { kind: "slice", start: a.start, stop: a.stop, step: a.step };
  if (a instanceof Tensor) {
    if (a.dim() === 0 && !a.dtype.is_floating_point) {
      return a.dtype === bool_dtype
        ? { kind: "bool", value: a.item() as boolean }
        : { kind: "int", index: a.item() as number };
    }
    return { kind: "tensor", tensor: a };
  }
  if (Array.isArray(a)) return { kind: "tensor", tensor: list_tensor(a) };
  throw new TypeError(`${INVALID} (got ${typeof a})`);
}

/** Parses a whole index (the contents of Python's brackets). */
export function parse_indices(args: readonly IndexArg[]): IndexEntry[] {
  return args.map(parse_index);
}
