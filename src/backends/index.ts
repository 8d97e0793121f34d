/**
 * The registry of backends and the one in use. Tensors live on the JS heap whatever the
 * backend, so switching backends never moves data; it only changes which kernels run.
 *
 * Which backend runs: the one named by `set_backend(name)`, else by the environment variable
 * TORCH_TS_BACKEND (read where `process` exists), else the first available of PREFERENCE. The
 * deterministic mode (`use_deterministic_algorithms(true)`) runs the js reference kernels
 * whatever is selected. Thread counts set here reach every backend that has threads.
 */
import type { Backend } from "./backend.js";
import { js_backend } from "./js/index.js";
import { load_blas, make_blas_backend, type BlasLibrary } from "./blas/index.js";
import { wasm_backend, set_num_threads as set_wasm_threads } from "./wasm/index.js";
import { detect_features } from "./wasm/module.js";

export type { Backend, StridedView } from "./backend.js";
export type * from "./kernels.js";

/** What a backend brings besides its kernels. */
export interface BackendOptions {
  /** Sets how many threads its kernels may use (called by `torch.set_num_threads`). */
  readonly set_num_threads?: ((n: number) => void) | null;
  /** A line for `torch.backends.info()`: the library it runs on, its build. */
  readonly detail?: string;
}

interface Entry {
  readonly backend: Backend;
  readonly options: BackendOptions;
}

/** The default order: the first available wins. */
const PREFERENCE = ["blas", "wasm", "js"] as const;

const registry = new Map<string, Entry>();
let selected: Backend = js_backend;
/** What `kernels()` returns: the selected backend, or js under the deterministic mode. */
let current: Backend = js_backend;
/** Set once a backend was named (set_backend, TORCH_TS_BACKEND): registering one then changes nothing. */
let chosen = false;
let deterministic = false;
let num_threads = hardware_threads();
/** Whether the system BLAS was looked for yet (at load, unless the environment named another backend). */
let blas_probed = false;
let blas_lib: BlasLibrary | null = null;

/** The kernels ops call. Read on every op, so keep it a plain field read. */
export function kernels(): Backend {
  return current;
}

/**
 * Adds a backend (replacing one of the same name). Unless a backend was named explicitly, the
 * most preferred registered backend becomes the one in use.
 */
export function register_backend(b: Backend, options: BackendOptions = {}): void {
  registry.set(b.name, { backend: b, options });
  options.set_num_threads?.(num_threads);
  refresh();
}

/** The backend whose kernels run (unless the deterministic mode routes to js). */
export function get_backend(): string {
  return selected.name;
}

/** Selects a backend by name ("js", "blas", "wasm"); throws naming the available ones. */
export function set_backend(name: string): void {
  if (name === "blas") probe_blas();
  const entry = registry.get(name);
  if (!entry) {
    throw new Error(
      `set_backend: unknown or unavailable backend '${name}'; available: ${list_backends().join(", ")}`,
    );
  }
  chosen = true;
  select(entry.backend);
}

/** The available backends' names, most preferred first. */
export function list_backends(): string[] {
  probe_blas();
  const rank = (n: string) => {
    const i = (PREFERENCE as readonly string[]).indexOf(n);
    return i < 0 ? PREFERENCE.length : i;
  };
  return [...registry.keys()].sort((p, q) => rank(p) - rank(q));
}

/** Whether a backend of that name ("js", "wasm", "blas") can run on this machine. */
export function is_available(name: string): boolean {
  return list_backends().includes(name);
}

/** What `torch.backends.info()` reports. */
export interface BackendsInfo {
  /** The selected backend (get_backend()). */
  readonly backend: string;
  /** The backend whose kernels run now: "js" under the deterministic mode. */
  readonly in_use: string;
  readonly available: readonly string[];
  readonly deterministic: boolean;
  readonly num_threads: number;
  /** Per available backend, what it runs on (the BLAS library's file, ...), where it says. */
  readonly details: Readonly<Record<string, string>>;
}

/**
 * The backend state: selected and running backend, those available, the deterministic mode, the thread
 * count, and what each backend runs on.
 */
export function info(): BackendsInfo {
  const available = list_backends();
  const details: Record<string, string> = {};
  for (const n of available) {
    const d = registry.get(n)!.options.detail;
    if (d !== undefined) details[n] = d;
  }
  return { backend: selected.name, in_use: current.name, available, deterministic, num_threads, details };
}

/** torch.set_num_threads: the thread count of every backend that has threads. */
export function set_num_threads(n: number): void {
  if (!Number.isInteger(n) || n < 1) {
    throw new Error(`set_num_threads expects a positive integer number of threads, but got ${n}`);
  }
  num_threads = n;
  for (const { options } of registry.values()) options.set_num_threads?.(n);
}

/** torch.get_num_threads: the thread count backends with threads use (by default the hardware threads). */
export function get_num_threads(): number {
  return num_threads;
}

/**
 * torch.use_deterministic_algorithms: with mode true every op runs the js reference kernels,
 * which give the same bits on every machine and thread count. `warn_only` is accepted for
 * PyTorch's signature; no op here is nondeterministic, so there is nothing to warn about.
 */
export function use_deterministic_algorithms(mode: boolean, _options: { warn_only?: boolean } = {}): void {
  if (typeof mode !== "boolean") {
    throw new Error(`use_deterministic_algorithms expects a bool, but got ${typeof mode}`);
  }
  deterministic = mode;
  select(selected);
}

/** Whether `use_deterministic_algorithms(true)` is in effect. */
export function are_deterministic_algorithms_enabled(): boolean {
  return deterministic;
}

function select(b: Backend): void {
  selected = b;
  current = deterministic ? js_backend : b;
}

function preferred(): Backend {
  for (const n of PREFERENCE) {
    const e = registry.get(n);
    if (e) return e.backend;
  }
  return js_backend;
}

/** Looks for the system BLAS once; when found, the blas backend joins the registry. */
function probe_blas(): void {
  if (blas_probed) return;
  blas_probed = true;
  blas_lib = load_blas();
  blas_lib?.set_num_threads?.(num_threads);
  refresh();
}

/**
 * After a registration: the blas backend is (re)built over the best other backend, and the
 * backend in use is the named one (its newest object) or else the most preferred.
 */
function refresh(): void {
  if (blas_lib) {
    const base = (registry.get("wasm") ?? registry.get("js")!).backend;
    const options = { set_num_threads: blas_lib.set_num_threads, detail: blas_lib.library };
    registry.set("blas", { backend: make_blas_backend(base, blas_lib), options });
  }
  select(chosen ? (registry.get(selected.name)?.backend ?? selected) : preferred());
}

function hardware_threads(): number {
  const g = globalThis as {
    navigator?: { hardwareConcurrency?: number };
    process?: { getBuiltinModule?: (name: string) => unknown };
  };
  const os = g.process?.getBuiltinModule?.("node:os") as { availableParallelism?: () => number } | undefined;
  return os?.availableParallelism?.() ?? g.navigator?.hardwareConcurrency ?? 1;
}

function env_backend(): string | undefined {
  const p = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process;
  const name = p?.env?.TORCH_TS_BACKEND;
  return name === undefined || name === "" ? undefined : name;
}

// ---- the backends this build has ----
register_backend(js_backend);
// wasm wherever WebAssembly SIMD validates (browsers compile it in the background and run the js
// kernels until then); blas is built over it, and it is the default where no BLAS is found.
const wasm_features = detect_features();
if (wasm_features.simd) {
  register_backend(wasm_backend, {
    set_num_threads: set_wasm_threads,
    detail: `WebAssembly SIMD${wasm_features.relaxed_simd ? " (relaxed)" : ""}`,
  });
}
const named = env_backend();
if (named === undefined) probe_blas();
else set_backend(named);
