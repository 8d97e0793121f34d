/**
 * Activation functions with PyTorch's own graph nodes, smooth family: gelu (exact and tanh),
 * silu, mish, softplus, log_sigmoid, hardsigmoid, hardswish, and glu. All are floating-only
 * kernels in ATen, so integer and bool inputs are refused with the kernel's name.
 *
 * Backwards are derivatives.yaml's `*_backward` formulas (ATen's CPU kernels spell out the
 * math, quoted above each) written in tensor ops, so they differentiate again.
 */
import type { ActivationOp } from "../../backends/kernels.js";
import { GELU_BETA, GELU_KAPPA } from "../../backends/js/activation.js";
import { normalize_dim } from "../../shape.js";
import type { Tensor } from "../../tensor/tensor.js";
import { defineOp, type OpFn } from "../../autograd/define.js";
import { cat } from "../shape/join_split.js";
import { mask, mask_and, mask_not, masked_grad, unary_kernel } from "../pointwise/unary_kernel.js";
import { cast_scalar } from "../binary/binary_kernel.js";
import { check_float_kernel } from "../kernel_checks.js";
import { where } from "../binary/ternary.js";

/**
 * A floating activation kernel with the input saved for backward; the in-place form (for
 * those PyTorch has one) records the same node and reads the original input.
 */
function activation(
  name: string,
  node: string,
  op: ActivationOp,
  kernel: string,
  backward: (grad: Tensor, x: Tensor) => Tensor,
): OpFn<[x: Tensor]> {
  return defineOp({
    name,
    node,
    forward(ctx, x: Tensor) {
      check_float_kernel(kernel, x.dtype);
      ctx.save(x);
      return unary_kernel(ctx, op, x, x.dtype);
    },
    backward: (ctx, grad) => [backward(grad, ctx.saved[0])],
  });
}

// ---------------------------------------------------------------- gelu

// kAlpha = M_2_SQRTPI * M_SQRT1_2 * 0.5 = 1 / sqrt(2 pi), the normal density's factor
const K_ALPHA = (2 / Math.sqrt(Math.PI)) * Math.SQRT1_2 * 0.5;

// gelu_backward(grad, self, "none"): grad * (cdf + x * pdf),
//   cdf = 0.5 * (1 + erf(x * M_SQRT1_2)), pdf = kAlpha * exp(-0.5 * x * x)
const gelu_op: OpFn<[x: Tensor]> = activation(
  "gelu",
  "GeluBackward0",
  "gelu",
  "GeluKernelImpl",
  (grad, x) => {
    const cdf = x.mul(Math.SQRT1_2).erf().add(1).mul(0.5);
    const pdf = x.mul(x).mul(-0.5).exp().mul(K_ALPHA);
    return grad.mul(cdf.add(x.mul(pdf)));
  },
);

// gelu_backward(grad, self, "tanh"): inner = kBeta * (x + kKappa * x^3), t = tanh(inner),
//   grad * (0.5 * (1 + t) + 0.5 * x * (1 - t^2) * kBeta * (1 + 3 * kKappa * x^2)), with kBeta
//   and kKappa GELU_BETA and GELU_KAPPA
const gelu_tanh_op: OpFn<[x: Tensor]> = activation(
  "gelu",
  "GeluBackward0",
  "gelu_tanh",
  "GeluKernelImpl",
  (grad, x) => {
    const x_sq = x.mul(x);
    const t = x.add(x_sq.mul(x).mul(GELU_KAPPA)).mul(GELU_BETA).tanh();
    const left_derivative = t.add(1).mul(0.5);
    const right_derivative = x
      .mul(0.5)
      .mul(t.mul(t).neg().add(1))
      .mul(GELU_BETA)
      .mul(x_sq.mul(3 * GELU_KAPPA).add(1));
    return grad.mul(left_derivative.add(right_derivative));
  },
);

/** gelu(input, approximate="none"): x * Phi(x), or its tanh approximation. */
export function gelu(x: Tensor, approximate = "none"): Tensor {
  if (approximate === "none") return gelu_op(x);
  if (approximate === "tanh") return gelu_tanh_op(x);
  throw new Error("approximate argument must be either none or tanh.");
}

// ---------------------------------------------------------------- silu, mish

// silu_backward(grad, self): s = sigmoid(x); grad * s * (1 + x * (1 - s))
const silu_op: OpFn<[x: Tensor]> = activation("silu", "SiluBackward0", "silu", "silu_cpu", (grad, x) => {
  const s = x.sigmoid();
  return grad.mul(s).mul(x.mul(s.neg().add(1)).add(1));
});
/** silu(input) = x * sigmoid(x) (swish). */
export const silu = (x: Tensor): Tensor => silu_op(x);
export const silu_ = (x: Tensor): Tensor => silu_op.inplace(x);

// mish_backward(grad, self): s = sigmoid(x), t = tanh(softplus(x)); grad * (t + x * s * (1 - t^2))
const mish_op: OpFn<[x: Tensor]> = activation("mish", "MishBackward0", "mish", "mish_cpu", (grad, x) => {
  const s = x.sigmoid();
  const t = x.exp().log1p().tanh();
  return grad.mul(t.add(x.mul(s).mul(t.mul(t).neg().add(1))));
});
/** mish(input) = x * tanh(softplus(x)). */
export const mish = (x: Tensor): Tensor => mish_op(x);
export const mish_ = (x: Tensor): Tensor => mish_op.inplace(x);

// ---------------------------------------------------------------- hardsigmoid, hardswish

// hardsigmoid_backward(grad, self): (x > -3 && x < 3) ? grad / 6 : 0
const hardsigmoid_op: OpFn<[x: Tensor]> = activation(
  "hardsigmoid",
  "HardsigmoidBackward0",
  "hardsigmoid",
  "hardsigmoid_cpu",
  (grad, x) => masked_grad(mask_and(mask("gt", x, -3), mask("lt", x, 3)), grad.mul(1 / 6)),
);
/** hardsigmoid(input) = relu6(x + 3) / 6. */
export const hardsigmoid = (x: Tensor): Tensor => hardsigmoid_op(x);
export const hardsigmoid_ = (x: Tensor): Tensor => hardsigmoid_op.inplace(x);

// hardswish_backward(grad, self): x < -3 ? 0 : x <= 3 ? grad * (x / 3 + 0.5) : grad
const hardswish_op: OpFn<[x: Tensor]> = activation(
  "hardswish",
  "HardswishBackward0",
  "hardswish",
  "hardswish_cpu",
  (grad, x) =>
    masked_grad(mask_not(mask("lt", x, -3)), where(mask("le", x, 3), grad.mul(x.div(3).add(0.5)), grad)),
);
/** hardswish(input) = x * relu6(x + 3) / 6. */
export const hardswish = (x: Tensor): Tensor => hardswish_op(x);
export const hardswish_ = (x: Tensor): Tensor => hardswish_op.inplace(x);

// ---------------------------------------------------------------- log_sigmoid

// log_sigmoid_backward(grad, self, buffer): z = exp(-|x|), t = z / (1 + z);
//   x < 0 ? grad * (1 - t) : grad * t
const log_sigmoid_op: OpFn<[x: Tensor]> = activation(
  "log_sigmoid",
  "LogSigmoidBackward0",
  "log_sigmoid",
  "log_sigmoid_cpu",
  (grad, x) => {
    const z = x.abs().neg().exp();
    const t = z.div(z.add(1));
    return grad.mul(where(mask("lt", x, 0), t.neg().add(1), t));
  },
);
/** log_sigmoid(input) = log(sigmoid(x)), computed without overflow. */
export const log_sigmoid = (x: Tensor): Tensor => log_sigmoid_op(x);

// ---------------------------------------------------------------- softplus

const softplus_op: OpFn<[x: Tensor, beta: number, threshold: number]> = defineOp({
  name: "softplus",
  node: "SoftplusBackward0",
  forward(ctx, x: Tensor, beta: number, threshold: number) {
    check_float_kernel("softplus_cpu", x.dtype);
    ctx.save(x);
    // the kernel reads beta and threshold in the tensor's type
    return unary_kernel(
      ctx,
      "softplus",
      x,
      x.dtype,
      cast_scalar(beta, x.dtype),
      cast_scalar(threshold, x.dtype),
    );
  },
  // softplus_backward(grad, self, beta, threshold): z = exp(x * beta);
  //   x * beta > threshold ? grad : grad * z / (z + 1)
  backward(ctx, grad) {
    const [, beta, threshold] = ctx.args;
    const xb = ctx.saved[0].mul(beta);
    const z = xb.exp();
    return [where(mask("gt", xb, threshold), grad, grad.mul(z).div(z.add(1)))];
  },
});

/** softplus(input, beta=1, threshold=20): log(1 + exp(beta x)) / beta, x itself past the threshold. */
export function softplus(x: Tensor, beta = 1, threshold = 20): Tensor {
  return softplus_op(x, beta, threshold);
}

// ---------------------------------------------------------------- glu

/** The two halves of x along dim (normalized), checked as ATen's glu checks them. */
function halves(x: Tensor, dim: number): [Tensor, Tensor, number] {
  if (x.dim() === 0) throw new Error("glu does not support scalars because halving size must be even");
  const d = normalize_dim(dim, x.dim());
  const n = x.shape[d];
  if (n % 2 !== 0) throw new Error(`Halving dimension must be even, but dimension ${d} is size ${n}`);
  const h = n / 2;
  return [x.narrow(d, 0, h), x.narrow(d, h, h), d];
}

const glu_op: OpFn<[x: Tensor, dim: number]> = defineOp({
  name: "glu",
  node: "GluBackward0",
  forward(ctx, x: Tensor, dim: number) {
    const [a, b] = halves(x, dim);
    check_float_kernel("glu_cpu", x.dtype);
    ctx.save(x);
    return a.mul(b.sigmoid());
  },
  // glu_backward(grad, self, dim): s = sigmoid(b); [grad * s, grad * a * s * (1 - s)] along dim
  backward(ctx, grad) {
    const [a, b, d] = halves(ctx.saved[0], ctx.args[1]);
    const s = b.sigmoid();
    return [cat([grad.mul(s), grad.mul(a).mul(s).mul(s.neg().add(1))], d)];
  },
});

/** glu(input, dim=-1): a * sigmoid(b), a and b the two halves of the input along dim. */
export function glu(x: Tensor, dim = -1): Tensor {
  return glu_op(x, dim);
}
