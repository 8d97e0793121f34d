/**
 * The blas backend (Node only): the GEMM-family kernel (`matmul`, which mm, bmm, addmm, matmul
 * and linear all reach) and SGD's step (`sgd_step`, on axpy and scal: optim.ts) on the system
 * BLAS (OpenBLAS, MKL, BLIS, FlexiBLAS, Accelerate) found at load, every other kernel from the
 * backend it is laid over (the best one registered before it). Absent, silently, where there is no FFI package or no BLAS library.
 *
 * Numeric contract: float64 products agree with the js reference to a few ulps (both sum in
 * double; only the order differs). float32 products accumulate in float32, as PyTorch's own CPU
 * matmul does (it calls the same BLAS), where the js reference sums in double and rounds once:
 * |out - ref| <= (K + 4) * 2^-24 * (|alpha| * sum_k |a_ik * b_kj| + |beta * addend_ij|) per
 * element (the worst-case error of a float32 dot product of length K and of the epilogue;
 * typical differences are a few ulps, as blocked and fused sums grow like sqrt(K)). int64 products (Float64Array) go through
 * dgemm and are exact while every partial sum stays below 2^53, as in the reference.
 */
import type { Backend } from "../backend.js";
import { blas_matmul } from "./gemm.js";
import { blas_sgd_step } from "./optim.js";
import { load_blas, type BlasLibrary } from "./library.js";

export type { BlasLibrary } from "./library.js";
export { load_blas };

/** The blas backend over `base`: its kernels, with matmul and sgd_step on `blas` where it applies. */
export function make_blas_backend(base: Backend, blas: BlasLibrary): Backend {
  return {
    ...base,
    name: "blas",
    matmul: blas_matmul(blas, base.matmul),
    sgd_step: blas_sgd_step(blas, base.sgd_step),
  };
}
