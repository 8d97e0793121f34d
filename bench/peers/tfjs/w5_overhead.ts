/** W5 overhead, TF.js side: a + b on 3 elements (µs), a * b + c on 10^6 floats (GB/s). */
import { tf, median_us, report } from "./setup.js";

const a = tf.tensor([1, 2, 3]);
const b = tf.tensor([4, 5, 6]);
const w5a_add_us = median_us(100_000, () => tf.add(a, b).dispose());
const n = 1_000_000;
const [x, y, z] = [tf.randomNormal([n]), tf.randomNormal([n]), tf.randomNormal([n])];
const us = median_us(300, () => tf.tidy(() => tf.add(tf.mul(x, y), z)).dispose());
report({ w5a_add_us, w5b_gbps: (16 * n) / us / 1e3 });
