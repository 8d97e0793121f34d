/**
 * What the backend the tests run on (TORCH_TS_BACKEND, or the default) guarantees, so a test
 * comparing float32 results that went through a matrix product can widen its tolerance to the
 * backend's stated one instead of being skipped. On js (the exact reference: sums in double,
 * rounded once) every test keeps its own tolerance; a backend whose float32 GEMM accumulates in
 * float32 (as PyTorch's CPU matmul does) states its tolerance in its header, mirrored here.
 */
import * as torch from "../../src/index.js";

export interface Tolerance {
  rtol: number;
  atol: number;
}

/** The backend whose kernels the tests run (TORCH_TS_BACKEND, or the default), as the file loads. */
export const backend: string = torch.backends.info().in_use;

/**
 * Per backend, how far values computed from float32 matrix products may stray from the js
 * reference or PyTorch (the backends' headers: (K + 4) * 2^-24 * sum |a * b| per element, a
 * few ulps in practice; the margin covers the amplification of a few ulps through a short chain
 * of ops, as in an optimizer's history of gradient differences).
 */
const FLOAT32_GEMM: Record<string, Tolerance> = {
  blas: { rtol: 1e-4, atol: 1e-5 },
  wasm: { rtol: 1e-4, atol: 1e-5 },
};

/** Whether the active backend's float32 matrix products are the js reference's, bit for bit. */
export const exact_float32_gemm: boolean = FLOAT32_GEMM[backend] === undefined;

/**
 * The tolerance for a value of `dtype` derived from matrix products: `tol` (the test's own,
 * for the exact reference) widened to the float32 GEMM tolerance of the backend selected now
 * (a test run per backend, test/helpers/for_each_backend.ts, selects each in turn).
 */
export function gemm_tol(tol: Tolerance, dtype: string | torch.DType = "float32"): Tolerance {
  const wide = FLOAT32_GEMM[torch.get_backend()];
  if (!wide || String(dtype).replace("torch.", "") !== "float32") return tol;
  return { rtol: Math.max(tol.rtol, wide.rtol), atol: Math.max(tol.atol, wide.atol) };
}
