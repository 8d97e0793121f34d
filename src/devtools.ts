/**
 * console.log in a browser's developer tools: browsers have no hook like Node's
 * util.inspect.custom, so console.log(tensor) shows the object's fields there. What they do
 * have is custom formatters (`globalThis.devtoolsFormatters`, read by Chromium's and Firefox's
 * developer tools once "Enable custom formatters" is ticked in their settings): this module
 * registers one that shows a value with a Node inspect hook returning a string (torch-ts's
 * tensors, Size, dtypes, modules, optimizers, grad_fn nodes) as that string, its PyTorch repr,
 * expandable to the object's fields. Other values keep the default display.
 * Without that setting, `String(x)`, template strings and `console.log(String(x))` give the repr.
 */

const INSPECT = Symbol.for("nodejs.util.inspect.custom");
const MARK = Symbol.for("torch-ts.devtools-formatter");

type JsonML = [string, Record<string, unknown>, ...unknown[]];
interface Formatter {
  header(obj: unknown, config?: { raw?: boolean }): JsonML | null;
  hasBody(obj: unknown, config?: { raw?: boolean }): boolean;
  body(obj: unknown): JsonML;
}

/** The repr of a torch-ts value, or null for anything else. */
function repr_of(obj: unknown): string | null {
  // modules are callable: function objects
  if ((typeof obj !== "object" && typeof obj !== "function") || obj === null) return null;
  const hook = (obj as { [INSPECT]?: unknown })[INSPECT];
  if (typeof hook !== "function") return null;
  try {
    const r: unknown = (hook as () => unknown).call(obj);
    return typeof r === "string" ? r : null;
  } catch {
    return null;
  }
}

export const devtools_formatter: Formatter = {
  header(obj, config) {
    if (config?.raw) return null;
    const r = repr_of(obj);
    return r === null ? null : ["span", { style: "white-space: pre; font-family: monospace" }, r];
  },
  hasBody: (obj, config) => !config?.raw && repr_of(obj) !== null,
  body: (obj) => ["div", {}, ["object", { object: obj, config: { raw: true } }]],
};

const g = globalThis as { devtoolsFormatters?: unknown[]; [MARK]?: boolean };
if (!g[MARK]) {
  g[MARK] = true;
  (g.devtoolsFormatters ??= []).push(devtools_formatter);
}
