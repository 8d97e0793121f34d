/**
 * Finding the system BLAS and binding its GEMM routines, in Node only. The FFI package (koffi,
 * an optional dependency with prebuilt binaries in its npm package) is loaded on demand through
 * Node's own `require`, reached at run time via `process.getBuiltinModule`, so browsers and
 * bundlers never see it and nothing is loaded unless the blas backend is wanted. Every step
 * that can fail (no `process`, no koffi, no library, no `cblas_sgemm` in it) makes `load_blas`
 * return null: the backend is then absent, never an error.
 *
 * The typed arrays handed to these functions are the tensors' own storage on the JS heap:
 * koffi passes a pointer to their contents for the duration of the call, without a copy.
 */

/** The CBLAS enums (cblas.h): row-major layout, and the two transposition flags used. */
export const ROW_MAJOR = 101;
export const NO_TRANS = 111;
export const TRANS = 112;

/** cblas_?gemm: C = alpha * op(A) @ op(B) + beta * C, op(X) = X or X^T. */
export type Gemm<A> = (
  order: number,
  trans_a: number,
  trans_b: number,
  m: number,
  n: number,
  k: number,
  alpha: number,
  a: A,
  lda: number,
  b: A,
  ldb: number,
  beta: number,
  c: A,
  ldc: number,
) => void;

/** cblas_?axpy: y = alpha * x + y, one fused multiply-add per element in the vector kernels. */
export type Axpy<A> = (n: number, alpha: number, x: A, incx: number, y: A, incy: number) => void;
/** cblas_?scal: x = alpha * x. */
export type Scal<A> = (n: number, alpha: number, x: A, incx: number) => void;

/** The level-1 routines of one precision (the optimizer steps' passes). */
export interface Level1<A> {
  readonly axpy: Axpy<A>;
  readonly scal: Scal<A>;
}

export interface BlasLibrary {
  /** What was loaded: the file name probed, or the path given in TORCH_TS_BLAS_LIBRARY. */
  readonly library: string;
  readonly sgemm: Gemm<Float32Array>;
  readonly dgemm: Gemm<Float64Array>;
  /** saxpy/sscal and daxpy/dscal, when the library has them (every CBLAS does) */
  readonly s1: Level1<Float32Array> | null;
  readonly d1: Level1<Float64Array> | null;
  /** The library's own thread-count setter, when it has one (Accelerate has none). */
  readonly set_num_threads: ((n: number) => void) | null;
}

/** The part of koffi used here (typed locally: the package is optional). */
interface Koffi {
  load(path: string): KoffiLibrary;
}
interface KoffiLibrary {
  func(signature: string): (...args: never[]) => unknown;
}

/** Library names to try, per platform, in order of preference. */
const CANDIDATES: Record<string, readonly string[]> = {
  linux: ["libopenblas.so.0", "libopenblas.so", "libmkl_rt.so.2", "libblis.so.4", "libflexiblas.so.3"],
  darwin: [
    "/System/Library/Frameworks/Accelerate.framework/Accelerate",
    "/opt/homebrew/opt/openblas/lib/libopenblas.dylib",
    "/usr/local/opt/openblas/lib/libopenblas.dylib",
  ],
  win32: ["libopenblas.dll", "mkl_rt.2.dll"],
};

/** Thread setters by library family; the first symbol found is used. */
const THREAD_SETTERS = [
  "void openblas_set_num_threads(int)",
  "void MKL_Set_Num_Threads(int)",
  "void bli_thread_set_num_threads(int64_t)",
  "void flexiblas_set_num_threads(int)",
];

const GEMM_ARGS = "(int, int, int, int, int, int, T, const T *, int, const T *, int, T, T *, int)";

interface NodeProcess {
  env: Record<string, string | undefined>;
  platform: string;
  getBuiltinModule?: (name: string) => unknown;
}

function node_require(): ((id: string) => unknown) | null {
  const proc = (globalThis as { process?: NodeProcess }).process;
  const module = proc?.getBuiltinModule?.("node:module") as
    { createRequire(from: string): (id: string) => unknown } | undefined;
  return module ? module.createRequire(import.meta.url) : null;
}

function bind(koffi: Koffi, path: string): BlasLibrary | null {
  let lib: KoffiLibrary;
  try {
    lib = koffi.load(path);
  } catch {
    return null;
  }
  const gemm = (t: string) =>
    lib.func(`void cblas_${t}gemm${GEMM_ARGS.replaceAll("T", t === "s" ? "float" : "double")}`);
  let sgemm: Gemm<Float32Array>;
  let dgemm: Gemm<Float64Array>;
  try {
    sgemm = gemm("s") as unknown as Gemm<Float32Array>;
    dgemm = gemm("d") as unknown as Gemm<Float64Array>;
  } catch {
    return null; // a BLAS without the CBLAS interface (libblas.so.3 of some distributions)
  }
  const level1 = (t: "s" | "d") => {
    const T = t === "s" ? "float" : "double";
    try {
      return {
        axpy: lib.func(`void cblas_${t}axpy(int, ${T}, const ${T} *, int, ${T} *, int)`),
        scal: lib.func(`void cblas_${t}scal(int, ${T}, ${T} *, int)`),
      } as unknown as Level1<never>;
    } catch {
      return null;
    }
  };
  const s1 = level1("s") as Level1<Float32Array> | null;
  const d1 = level1("d") as Level1<Float64Array> | null;
  let set_num_threads: ((n: number) => void) | null = null;
  for (const sig of THREAD_SETTERS) {
    try {
      set_num_threads = lib.func(sig) as unknown as (n: number) => void;
      break;
    } catch {
      // not this library family
    }
  }
  return { library: path, sgemm, dgemm, s1, d1, set_num_threads };
}

/**
 * The first system BLAS found (TORCH_TS_BLAS_LIBRARY, when set, is the only one tried), or
 * null when not in Node, koffi is not installed, or no candidate loads with cblas_sgemm.
 */
export function load_blas(): BlasLibrary | null {
  const req = node_require();
  if (!req) return null;
  let koffi: Koffi;
  try {
    koffi = req("koffi") as Koffi;
  } catch {
    return null;
  }
  const proc = (globalThis as unknown as { process: NodeProcess }).process;
  const forced = proc.env.TORCH_TS_BLAS_LIBRARY;
  for (const path of forced ? [forced] : (CANDIDATES[proc.platform] ?? [])) {
    const blas = bind(koffi, path);
    if (blas) return blas;
  }
  return null;
}
