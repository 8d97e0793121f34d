/**
 * The registry of backends and the one in use. Tensors live on the JS heap whatever the
 * backend, so switching backends never moves data; it only changes which kernels run.
 */
import type { Backend } from "./backend.js";
import { js_backend } from "./js/index.js";

export type { Backend, StridedView } from "./backend.js";
export type * from "./kernels.js";

const registry = new Map<string, Backend>([["js", js_backend]]);
let current: Backend = js_backend;

/** The kernels ops call. Read on every op, so keep it a plain field read. */
export function kernels(): Backend {
  return current;
}

export function get_backend(): string {
  return current.name;
}

export function set_backend(name: string): void {
  const b = registry.get(name);
  if (!b) {
    throw new Error(`unknown backend '${name}'; available: ${[...registry.keys()].join(", ")}`);
  }
  current = b;
}

export function list_backends(): string[] {
  return [...registry.keys()];
}

export function register_backend(b: Backend): void {
  registry.set(b.name, b);
}
