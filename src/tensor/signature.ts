/**
 * What a function's signature says about its positional parameters, read from its source:
 * Python knows a callable's arity and refuses extra arguments; JavaScript silently drops them,
 * so Module.__call__ checks forward's arity here.
 */
const ARITY = new WeakMap<object, number | null>();

/**
 * How many positional arguments a function declares, read from its source as Python knows it
 * from the signature: Infinity with a rest parameter, null when it cannot be told (native or
 * bound functions, or a body reading `arguments`). Cached per function.
 */
export function max_positional(fn: (...args: never[]) => unknown): number | null {
  let n = ARITY.get(fn);
  if (n === undefined) {
    n = count_params(Function.prototype.toString.call(fn));
    ARITY.set(fn, n);
  }
  return n;
}

function count_params(src: string): number | null {
  if (src.includes("[native code]") || /\barguments\b/.test(src)) return null;
  if (/^\s*(async\s+)?[A-Za-z_$][\w$]*\s*=>/.test(src)) return 1; // `x => ...`
  const open = src.indexOf("(");
  if (open < 0) return null;
  let depth = 0;
  let count = 0;
  let seen = false; // a parameter has started since the last comma
  let quote = "";
  for (let i = open + 1; i < src.length; i++) {
    const c = src[i];
    if (quote) {
      if (c === "\\") i++;
      else if (c === quote) quote = "";
      continue;
    }
    if (c === '"' || c === "'" || c === "`") quote = c;
    else if (c === "(" || c === "[" || c === "{") depth++;
    else if (c === ")" || c === "]" || c === "}") {
      if (depth === 0) return seen ? count + 1 : count;
      depth--;
    } else if (depth === 0 && c === "," && seen) {
      count++;
      seen = false;
      continue;
    } else if (depth === 0 && c === "." && src.startsWith("...", i) && !seen) return Infinity;
    if (!/\s/.test(c)) seen = true;
  }
  return null;
}
