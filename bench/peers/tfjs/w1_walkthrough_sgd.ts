/** W1 walkthrough-sgd, TF.js side: variables w and b, MSE, tf.train.sgd, batches of 3 in order. */
import { tf, median_us, report } from "./setup.js";

const x = tf.range(0, 9);
const y = tf.add(tf.mul(x, 2), 10);
const batches = [0, 3, 6].map((i) => [tf.slice(x, i, 3), tf.slice(y, i, 3)] as const);
const w = tf.variable(tf.zeros([1]));
const b = tf.variable(tf.zeros([1]));
const optimizer = tf.train.sgd(0.01);
const loss = (xb: tf.Tensor, yb: tf.Tensor) => () =>
  tf.mean(tf.square(tf.sub(tf.add(tf.mul(xb, w), b), yb))) as tf.Scalar;

function epoch(): void {
  for (const [xb, yb] of batches) optimizer.minimize(loss(xb, yb));
}

optimizer.minimize(loss(...batches[0]));
const [w0, b0] = [w.dataSync()[0], b.dataSync()[0]];
if (Math.abs(w0 - 0.26667) > 1e-5 || Math.abs(b0 - 0.24) > 1e-5)
  throw new Error(`W1: first step gave ${w0}, ${b0}`);
// the walkthrough's 3000 epochs from a cold start, then the steady state after a warm-up
const t0 = performance.now();
for (let e = 0; e < 3000; e++) epoch();
const w1_run_us = ((performance.now() - t0) * 1e3) / 9000;
report({ w1_step_us: median_us(3000, epoch, 5) / 3, w1_run_us });
