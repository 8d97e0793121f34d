/** W3 gemm, TF.js side: tf.matMul on square float32 matrices, GFLOP/s. */
import { tf, median_us, report } from "./setup.js";

const out: Record<string, number> = {};
for (const n of [128, 512, 1024]) {
  const a = tf.randomNormal([n, n]) as tf.Tensor2D;
  const b = tf.randomNormal([n, n]) as tf.Tensor2D;
  const calls = Math.max(4, Math.round(1e10 / n ** 3));
  const us = median_us(calls, () => tf.matMul(a, b).dispose(), 5);
  out[`w3_gflops_${n}`] = (2 * n ** 3) / us / 1e3;
}
report(out);
