/**
 * The Quickstart network's epoch, TF.js side: 784-512-512-10 with ReLU, cross-entropy, SGD lr
 * 1e-3, shuffled batches of 64 from 60000 synthetic images of FashionMNIST's shape.
 */
import { tf, median_us, report } from "./setup.js";
import { cross_entropy, mlp } from "./mlp.js";

const images = tf.randomUniform([60000, 784]);
const labels = tf.randomUniform([60000], 0, 10, "int32");
const model = mlp([784, 512, 512, 10]);
const optimizer = tf.train.sgd(1e-3);
let order = tf.util.createShuffledIndices(60000);
let pos = 0;
function step(): void {
  if (pos + 64 > 60000) {
    order = tf.util.createShuffledIndices(60000);
    pos = 0;
  }
  const idx = tf.tensor1d(Array.from(order.subarray(pos, pos + 64)), "int32");
  pos += 64;
  const [X, y] = [tf.gather(images, idx) as tf.Tensor2D, tf.gather(labels, idx) as tf.Tensor1D];
  optimizer.minimize(() => cross_entropy(model(X), y));
  tf.dispose([idx, X, y]);
}
const step_us = median_us(140, step, 7);
report({ quickstart_epoch_s: (step_us * Math.ceil(60000 / 64)) / 1e6 });
