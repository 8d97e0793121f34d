/**
 * The wasm backend: the js kernels, with the hot ones replaced by WebAssembly SIMD kernels that
 * our own TypeScript generates at load time (kernels/*, through encoder.ts). Tensors stay on
 * the JS heap; kernels stage their operands into Wasm memory in chunks (memory.ts).
 *
 * Which kernels are accelerated is the table below. Each accelerated kernel takes float32
 * operands only, and hands anything else (float64, int64, int32, bool, other ops, layouts it
 * cannot stage cheaply, sizes too small to pay) to its js kernel, as it does while the module
 * is still compiling in a browser (`init()` resolves when it is ready).
 *
 * Numeric contract against the js kernels (the exact reference); ulp = float32 ulp:
 * - matmul: products accumulate in float32 (relaxed builds fuse each multiply-add, plain
 *   builds round twice), so |out - ref| <= (K + 4) * 2^-24 * (|alpha| * sum_k |a_ik b_kj|
 *   + |beta * addend_ij|): the classic bound of a float32 dot product of length K, the error
 *   PyTorch's float32 BLAS makes too. The epilogue (alpha, beta, addend) is the reference's.
 * - unary: exact for neg, abs, sqrt, square, reciprocal, relu; exp, log <= 2 ulp; log2,
 *   log10, sigmoid, tanh <= 3 ulp; silu <= 4 ulp (kernels/elementwise.ts, kernels/math.ts).
 * - binary: add, sub (alpha 1), mul, div exact.
 * - reduce: sum within 1 ulp (a double accumulation in another order); max, min exact but for
 *   the sign of a zero result when +0 and -0 tie (kernels/reduce.ts).
 * - softmax (float32, last dim): the SIMD pass rounds x - max to float32 and takes a float32
 *   exp, so |out - ref| <= (|x - max| + H + 6) * 2^-24 * |ref| + 2^-148, with H the row's
 *   softmax-weighted mean of |x - max|; log_softmax, finished from the input in double, only
 *   through its sum: (H + 3) * 2^-24 + 2^-23 * |ref| (kernels/softmax.ts, softmax.ts).
 * Elementwise kernels use no fused multiply-adds, so they give the same bits on every engine.
 */
import type { Backend } from "../backend.js";
import { js_backend } from "../js/index.js";
import { binary, unary } from "./elementwise.js";
import { matmul } from "./matmul.js";
import { reduce } from "./reduce.js";
import { softmax } from "./softmax.js";

export const wasm_backend: Backend = {
  ...js_backend,
  name: "wasm",
  unary,
  binary,
  reduce,
  softmax,
  matmul,
};

export { init } from "./module.js";
export { get_num_threads, set_num_threads } from "./pool.js";
