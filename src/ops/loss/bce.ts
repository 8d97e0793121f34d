/**
 * Binary cross entropy, with its own nodes as in ATen: binary_cross_entropy on probabilities
 * (BinaryCrossEntropyBackward0; each log is clamped to >= -100, so a probability of exactly 0
 * or 1 gives a finite loss) and binary_cross_entropy_with_logits on logits
 * (BinaryCrossEntropyWithLogitsBackward0; computed through a stable log-sigmoid, so large
 * logits neither overflow nor lose the loss). `weight` rescales each element's loss and
 * `pos_weight` the positive term; both broadcast and neither is differentiated, as in PyTorch.
 * Gradients reach the target as well (derivatives.yaml's target formulas).
 */
import type { Tensor } from "../../tensor/tensor.js";
import { defineOp } from "../../autograd/define.js";
import { apply_loss_reduction, type Reduction } from "./regression.js";

/** PyTorch's EPSILON in binary_cross_entropy_backward: the floor of x * (1 - x). */
const EPSILON = 1e-12;

function in_unit_range(t: Tensor): boolean {
  return Boolean(t.ge(0).logical_and(t.le(1)).all().item());
}

/** The elementwise loss times weight (when given), then reduced. */
function weighted(loss: Tensor, weight: Tensor | null, reduction: Reduction): Tensor {
  return apply_loss_reduction(weight ? loss.mul(weight) : loss, reduction);
}

/** weight, then 1/numel for a mean: the common tail of the backward formulas. */
function scale(g: Tensor, weight: Tensor | null, reduction: Reduction, n: number): Tensor {
  const w = weight ? g.mul(weight) : g;
  return reduction === "mean" ? w.div(n) : w;
}

export const binary_cross_entropy = defineOp({
  name: "binary_cross_entropy",
  node: "BinaryCrossEntropyBackward0",
  differentiable: [0, 1],
  forward(ctx, input: Tensor, target: Tensor, weight: Tensor | null, reduction: Reduction) {
    if (!in_unit_range(input)) throw new Error("all elements of input should be between 0 and 1");
    if (!in_unit_range(target)) throw new Error("all elements of target should be between 0 and 1");
    ctx.save(input, target);
    // (target - 1) * max(log1p(-input), -100) - target * max(log(input), -100)
    const log_1mx = input.neg().log1p().clamp_min(-100);
    const log_x = input.log().clamp_min(-100);
    return weighted(target.sub(1).mul(log_1mx).sub(target.mul(log_x)), weight, reduction);
  },
  backward(ctx, grad) {
    const [x, t] = ctx.saved;
    const [, , weight, reduction] = ctx.args;
    const n = x.numel();
    // self: grad * (x - t) / max((1 - x) * x, EPSILON)
    const gx = ctx.needs_input_grad[0]
      ? scale(grad.mul(x.sub(t)).div(x.neg().add(1).mul(x).clamp_min(EPSILON)), weight, reduction, n)
      : null;
    // target: binary_cross_entropy_target_backward = -logit(x) * grad
    const gt = ctx.needs_input_grad[1] ? scale(x.logit().neg().mul(grad), weight, reduction, n) : null;
    return [gx, gt];
  },
});

/** log(sigmoid(x)) without overflow: min(x, 0) - log1p(exp(-|x|)). */
function log_sigmoid(x: Tensor): Tensor {
  return x.clamp_max(0).sub(x.abs().neg().exp().log1p());
}

export const binary_cross_entropy_with_logits = defineOp({
  name: "binary_cross_entropy_with_logits",
  node: "BinaryCrossEntropyWithLogitsBackward0",
  differentiable: [0, 1],
  forward(
    ctx,
    input: Tensor,
    target: Tensor,
    weight: Tensor | null,
    pos_weight: Tensor | null,
    reduction: Reduction,
  ) {
    ctx.save(input, target);
    // (1 - target) * input - log_weight * log_sigmoid(input), log_weight = 1 + (pos_weight - 1) * target
    let ls = log_sigmoid(input);
    if (pos_weight) ls = ls.mul(pos_weight.sub(1).mul(target).add(1));
    return weighted(target.neg().add(1).mul(input).sub(ls), weight, reduction);
  },
  backward(ctx, grad) {
    const [x, t] = ctx.saved;
    const [, , weight, pos_weight, reduction] = ctx.args;
    const n = x.numel();
    let gx: Tensor | null = null;
    if (ctx.needs_input_grad[0]) {
      // self: (pw * t + 1 - t) * sigmoid(x) - pw * t, or sigmoid(x) - t without pos_weight
      let g: Tensor;
      if (pos_weight) {
        const pt = pos_weight.mul(t);
        g = pt.add(1).sub(t).mul(x.sigmoid()).sub(pt);
      } else {
        g = x.sigmoid().sub(t);
      }
      gx = scale(g.mul(grad), weight, reduction, n);
    }
    let gt: Tensor | null = null;
    if (ctx.needs_input_grad[1]) {
      // target: log_sigmoid(-x) - pw * log_sigmoid(x), or -x without pos_weight
      const g = pos_weight ? log_sigmoid(x.neg()).sub(log_sigmoid(x).mul(pos_weight)) : x.neg();
      gt = scale(g.mul(grad), weight, reduction, t.numel());
    }
    return [gx, gt];
  },
});
