/** W4 cnn-train, TF.js side: two conv 3x3 + ReLU + maxpool 2 blocks, linear 784 -> 10, SGD. */
import { tf, median_us, report } from "./setup.js";
import { cross_entropy } from "./mlp.js";

const v = (shape: number[], fan_in: number) =>
  tf.variable(tf.randomUniform(shape, -1 / Math.sqrt(fan_in), 1 / Math.sqrt(fan_in)));
const [k1, c1] = [v([3, 3, 1, 8], 9), v([8], 9)];
const [k2, c2] = [v([3, 3, 8, 16], 72), v([16], 72)];
const [w, b] = [v([784, 10], 784), v([10], 784)];
const x = tf.randomNormal([32, 28, 28, 1]) as tf.Tensor4D;
const y = tf.randomUniform([32], 0, 10, "int32") as tf.Tensor1D;
const optimizer = tf.train.sgd(0.01);
function forward(): tf.Tensor2D {
  let h = tf.maxPool(
    tf.relu(tf.add(tf.conv2d(x, k1 as tf.Tensor4D, 1, "same"), c1)) as tf.Tensor4D,
    2,
    2,
    "valid",
  );
  h = tf.maxPool(
    tf.relu(tf.add(tf.conv2d(h, k2 as tf.Tensor4D, 1, "same"), c2)) as tf.Tensor4D,
    2,
    2,
    "valid",
  );
  return tf.add(tf.matMul(tf.reshape(h, [32, 784]) as tf.Tensor2D, w), b);
}
report({ w4_step_ms: median_us(300, () => optimizer.minimize(() => cross_entropy(forward(), y)), 7) / 1e3 });
