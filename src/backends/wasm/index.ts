/**
 * The wasm backend: the js kernels, with the hot ones replaced by WebAssembly SIMD kernels that
 * our own TypeScript generates at load time (kernels/*, through encoder.ts). Tensors stay on
 * the JS heap; kernels stage their operands into Wasm memory in chunks (memory.ts).
 *
 * Which kernels are accelerated is the table below. Each accelerated kernel takes float32
 * operands only, and hands anything else (float64, int64, int32, bool, layouts it cannot
 * stage cheaply, sizes too small to pay) to its js kernel, as it does while the module is
 * still compiling in a browser (`init()` resolves when it is ready).
 *
 * Numeric contract, against the js kernels (the exact reference), ulp = float32 ulp:
 * - matmul: products accumulate in float32 (relaxed builds fuse each multiply-add, plain
 *   builds round it twice), so |out - ref| <= (K + 4) * 2^-24 * (|alpha| * sum_k |a_ik b_kj|
 *   + |beta * addend_ij|): the classic bound for a float32 dot product of length K, the
 *   error PyTorch's own float32 BLAS makes. The epilogue (alpha, beta, addend) is exact as the
 *   reference's.
 * - unary and binary: see kernels/elementwise.ts for the ulp bound of each function.
 * - reduce: see kernels/reduce.ts.
 */
import type { Backend } from "../backend.js";
import { js_backend } from "../js/index.js";
import { matmul } from "./matmul.js";

export const wasm_backend: Backend = {
  ...js_backend,
  name: "wasm",
  matmul,
};

export { init } from "./module.js";
export { get_num_threads, set_num_threads } from "./pool.js";
