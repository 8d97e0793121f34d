/** W2 mlp-train, TF.js side: 784-256-10, cross-entropy, momentum SGD, 50 batches of 64 cycled. */
import { tf, median_us, report } from "./setup.js";
import { cross_entropy, mlp } from "./mlp.js";

const model = mlp([784, 256, 10]);
const optimizer = tf.train.momentum(0.01, 0.9);
const xs = Array.from({ length: 50 }, () => tf.randomNormal([64, 784]) as tf.Tensor2D);
const ys = Array.from({ length: 50 }, () => tf.randomUniform([64], 0, 10, "int32") as tf.Tensor1D);
let i = 0;
function step(): void {
  const [x, y] = [xs[i % 50], ys[i % 50]];
  i++;
  optimizer.minimize(() => cross_entropy(model(x), y));
}
report({ w2_step_ms: median_us(350, step, 7) / 1e3 });
