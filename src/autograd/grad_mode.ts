/**
 * Grad mode: whether ops record the graph. One global flag, as PyTorch's thread-local one: a
 * JavaScript program runs on one thread, and every op reads the flag, so it stays a plain
 * variable (no async-context lookup on the hot path).
 *
 * The price is that a mode does not follow `await`: code after an await runs whenever the
 * awaited promise settles, under whatever mode is set then. So no_grad / enable_grad /
 * inference_mode take synchronous functions only, and refuse an async one (or one returning a
 * promise) with an error showing the safe pattern; docs/guide/async.md explains the design.
 */

let enabled = true;

/** Whether ops are being recorded for autograd (false inside `no_grad`). */
export function is_grad_enabled(): boolean {
  return enabled;
}

/**
 * Turns recording on or off until changed again; prefer `no_grad(fn)`/`enable_grad(fn)`, which restore the
 * previous mode.
 */
export function set_grad_enabled(mode: boolean): void {
  if (mode !== true && mode !== false) {
    throw new TypeError(`set_grad_enabled(): argument 'mode' must be bool, not ${typeof mode}`);
  }
  enabled = mode;
}

function async_refusal(name: string): TypeError {
  return new TypeError(
    `torch.${name}(fn): fn is async (or returned a Promise), but grad mode is not carried across \`await\` ` +
      `(the code after it would run with whatever mode is set when it resumes). Wrap the synchronous ` +
      `work instead: \`const out = torch.${name}(() => model(x)); await use(out);\` (see docs/guide/async.md)`,
  );
}

function is_async_function(fn: unknown): boolean {
  const ctor = (fn as { constructor?: { name?: string } }).constructor?.name;
  return ctor === "AsyncFunction" || ctor === "AsyncGeneratorFunction";
}

function with_mode<T>(name: string, mode: boolean, fn: () => T): T {
  if (typeof fn !== "function") {
    throw new TypeError(
      `torch.${name}() takes the function to run, as in torch.${name}(() => model(x)) (JavaScript has no \`with\` block); got ${fn === undefined ? "nothing" : typeof fn}`,
    );
  }
  if (is_async_function(fn)) throw async_refusal(name);
  const prev = enabled;
  enabled = mode;
  let result: T;
  try {
    result = fn();
  } finally {
    enabled = prev;
  }
  if (typeof (result as { then?: unknown } | null)?.then === "function") {
    // the refusal is the error to report; the promise's own outcome would only add noise
    (result as PromiseLike<unknown>).then(undefined, () => undefined);
    throw async_refusal(name);
  }
  return result;
}

/** Runs fn with recording off and returns its value: PyTorch's `with torch.no_grad():`. */
export function no_grad<T>(fn: () => T): T {
  return with_mode("no_grad", false, fn);
}

/** Runs fn with recording on: PyTorch's `with torch.enable_grad():`. */
export function enable_grad<T>(fn: () => T): T {
  return with_mode("enable_grad", true, fn);
}

/** Inference mode is no_grad here: tensors carry no extra inference flag. */
export function inference_mode<T>(fn: () => T): T {
  return with_mode("inference_mode", false, fn);
}
