/**
 * The last step of unpickling: Python containers into their JS forms. A dict whose keys are all
 * strings that do not look like integers, or integers, becomes a plain object (integer keys
 * become their decimal strings, as in JSON, and torch.save writes them back as ints); any other
 * dict stays a Map. OrderedDicts stay Maps (what Module.state_dict() returns), keeping
 * `_metadata`. Tuples become frozen arrays, which torch.save writes back as tuples. Shared and
 * cyclic references are kept; the walk uses a work list, never recursion.
 */
import { kind } from "./errors.js";

export function finalize(
  root: unknown,
  tuples: WeakSet<object>,
  dicts: WeakSet<object>,
  is_leaf: (x: object) => boolean,
  error: (msg: string) => never,
): unknown {
  const done = new Map<object, unknown>();
  const work: [object, unknown][] = [];
  const frozen: unknown[][] = [];
  const conv = (v: unknown): unknown => {
    if (typeof v !== "object" || v === null || v instanceof Uint8Array || is_leaf(v)) return v;
    const seen = done.get(v);
    if (seen !== undefined) return seen;
    let dst: unknown;
    if (v instanceof Map) dst = dicts.has(v) ? (object_keys_ok(v) ? {} : new Map()) : v;
    else if (Array.isArray(v)) {
      dst = tuples.has(v) ? new Array<unknown>(v.length) : v;
      if (dst !== v) frozen.push(dst as unknown[]);
    } else if (v instanceof Set) dst = new Set();
    else error(`the file holds a ${kind(v)}, which torch-ts cannot return`);
    done.set(v, dst);
    work.push([v, dst]);
    return dst;
  };
  const result = conv(root);
  while (work.length) {
    const [src, dst] = work.pop() as [object, unknown];
    if (src instanceof Map) {
      const entries = [...(src as Map<unknown, unknown>)];
      if (dst === src) src.clear();
      for (const [k, v] of entries) {
        const key = conv(k);
        const val = conv(v);
        if (dst instanceof Map) dst.set(key, val);
        else
          Object.defineProperty(dst, String(key), {
            value: val,
            writable: true,
            enumerable: true,
            configurable: true,
          });
      }
      const meta = (src as { _metadata?: unknown })._metadata;
      if (meta !== undefined) (dst as { _metadata?: unknown })._metadata = conv(meta);
    } else if (Array.isArray(src)) {
      const out = dst as unknown[];
      for (let i = 0; i < src.length; i++) out[i] = conv(src[i]);
    } else if (src instanceof Set) {
      for (const x of src) (dst as Set<unknown>).add(conv(x));
    }
  }
  for (const t of frozen) Object.freeze(t);
  return result;
}

const INT_KEY = /^(0|-?[1-9][0-9]*)$/;

/** Whether a JS object key reads as a Python int (torch.save writes such keys as ints). */
export function is_int_key(k: string): boolean {
  return INT_KEY.test(k) && Number.isSafeInteger(Number(k));
}

function object_keys_ok(m: Map<unknown, unknown>): boolean {
  for (const k of m.keys()) {
    if (typeof k === "string" ? is_int_key(k) : !(typeof k === "number" && Number.isSafeInteger(k)))
      return false;
  }
  return true;
}
