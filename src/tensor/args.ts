/**
 * Argument conventions of API.md: PyTorch's keyword arguments arrive as one final options
 * object, and shapes may be varargs or an array. These helpers turn either form into one.
 */
import { Tensor } from "./tensor.js";

/** A trailing options object: a plain object, not a Tensor, array or typed array. */
export function is_options(v: unknown): v is Record<string, unknown> {
  return (
    typeof v === "object" &&
    v !== null &&
    !Array.isArray(v) &&
    !(v instanceof Tensor) &&
    !ArrayBuffer.isView(v) &&
    Object.getPrototypeOf(v) === Object.prototype
  );
}

/**
 * Merges positional arguments and a trailing options object into one record, by PyTorch's
 * parameter names in order: kwargs([1, {keepdim: true}], ["dim", "keepdim"]) gives
 * {dim: 1, keepdim: true}. A name given both ways is an error, as in Python.
 */
export function kwargs<T extends Record<string, unknown>>(
  op: string,
  args: readonly unknown[],
  names: readonly (keyof T & string)[],
): Partial<T> {
  const out: Record<string, unknown> = {};
  let n = args.length;
  const last = args[n - 1];
  let opts: Record<string, unknown> | null = null;
  if (n > 0 && is_options(last)) {
    opts = last;
    n--;
  }
  if (n > names.length) {
    throw new TypeError(`${op}() takes at most ${names.length} positional arguments but ${n} were given`);
  }
  for (let i = 0; i < n; i++) if (args[i] !== undefined) out[names[i]] = args[i];
  if (opts) {
    for (const k of Object.keys(opts)) {
      if (!names.includes(k)) throw new TypeError(`${op}() got an unexpected keyword argument '${k}'`);
      if (k in out) throw new TypeError(`${op}() got multiple values for argument '${k}'`);
      if (opts[k] !== undefined) out[k] = opts[k];
    }
  }
  return out as Partial<T>;
}

/** A shape given as varargs (2, 3) or one array ([2, 3]), with an optional trailing options object. */
export type ShapeArgs<O> = number[] | [readonly number[]] | [...number[], O] | [readonly number[], O];

export function parse_shape<O extends object>(
  op: string,
  args: readonly unknown[],
): { shape: number[]; options: Partial<O> } {
  let n = args.length;
  let options = {} as Partial<O>;
  if (n > 0 && is_options(args[n - 1])) {
    options = args[n - 1] as Partial<O>;
    n--;
  }
  const first = args[0];
  const raw: unknown[] =
    n === 1 && (Array.isArray(first) || ArrayBuffer.isView(first))
      ? Array.from(first as ArrayLike<unknown>)
      : args.slice(0, n);
  for (const s of raw) {
    if (typeof s !== "number" || !Number.isInteger(s)) {
      throw new TypeError(`${op}(): argument 'size' must be a sequence of ints, but got ${String(s)}`);
    }
  }
  return { shape: raw as number[], options };
}
