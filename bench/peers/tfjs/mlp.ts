/** A multilayer perceptron as TF.js users write one with tfjs-core: variables and minimize. */
import { tf } from "./setup.js";

/** Linear layers of the given sizes with ReLU between them (PyTorch's uniform init bounds). */
export function mlp(sizes: number[]) {
  const params = sizes.slice(1).map((n, i) => {
    const bound = 1 / Math.sqrt(sizes[i]);
    return [
      tf.variable(tf.randomUniform([sizes[i], n], -bound, bound)),
      tf.variable(tf.randomUniform([n], -bound, bound)),
    ] as const;
  });
  return (x: tf.Tensor2D) => {
    let h: tf.Tensor2D = x;
    params.forEach(([w, b], i) => {
      h = tf.add(tf.matMul(h, w), b);
      if (i < params.length - 1) h = tf.relu(h);
    });
    return h;
  };
}

/** Mean cross-entropy of logits against integer labels. */
export function cross_entropy(logits: tf.Tensor2D, labels: tf.Tensor1D): tf.Scalar {
  return tf.losses.softmaxCrossEntropy(tf.oneHot(labels, logits.shape[1]), logits) as tf.Scalar;
}
