/**
 * Activation functions with PyTorch's own graph nodes, piecewise family: leaky_relu, elu (and
 * selu, celu over it), threshold, hardtanh (relu6), hardshrink, softshrink, prelu. Smooth ones
 * (gelu, silu, mish, softplus, log_sigmoid, hardsigmoid, hardswish, glu) are in
 * smooth.ts; relu is in pointwise/clamp.ts, softmax in softmax.ts.
 *
 * Forwards run the activation kernels (src/backends/js/activation.ts); backwards are
 * derivatives.yaml's `*_backward` formulas written in tensor ops (so they differentiate again),
 * with where() for the branches so that an inf on the branch not taken leaves no NaN.
 *
 * PyTorch's in-place forms of leaky_relu, elu, celu and threshold have nodes of their own
 * (LeakyReluBackward1, EluBackward1, CeluBackward1, ThresholdBackward1); the first three read
 * the result instead of the input (and so refuse a negative slope): the `_` functions run those.
 * Scalar arguments reach the kernels as `Scalar.to<scalar_t>()` gives them (cast_scalar: rounded
 * to float32 for a float32 tensor, so 0.1 compares equal to a float32 0.1; truncated for integers).
 */
import type { ActivationOp } from "../../backends/kernels.js";
import type { Tensor } from "../../tensor/tensor.js";
import { kwargs } from "../../tensor/args.js";
import { defineOp, type OpFn } from "../../autograd/define.js";
import {
  mask,
  mask_and,
  mask_not,
  mask_or,
  masked_grad,
  threshold_backward,
  unary_kernel,
} from "../pointwise/unary_kernel.js";
import { cast_scalar } from "../binary/binary_kernel.js";
import { check_float_kernel, kernel_not_implemented } from "../kernel_checks.js";
import { cpp_double } from "../../format.js";
import { where } from "../binary/ternary.js";
import { op_table } from "../table.js";
import { scalar_type_name } from "../../dtype.js";

/** PyTorch's refusal of a floating-only activation kernel for integer and bool inputs. */
// ---------------------------------------------------------------- leaky_relu

function leaky_relu_of(on_result: boolean): OpFn<[x: Tensor, negative_slope: number]> {
  return defineOp({
    name: "leaky_relu",
    node: on_result ? "LeakyReluBackward1" : "LeakyReluBackward0",
    forward(ctx, x: Tensor, negative_slope: number) {
      check_float_kernel("leaky_relu_cpu", x.dtype);
      const r = unary_kernel(ctx, "leaky_relu", x, x.dtype, cast_scalar(negative_slope, x.dtype));
      ctx.save(on_result ? r : x);
      return r;
    },
    // self: leaky_relu_backward(grad, self, negative_slope, false): self > 0 ? grad : grad * slope
    backward(ctx, grad) {
      const slope = ctx.args[1];
      if (on_result && slope < 0) {
        throw new Error(
          "In-place leakyReLu backward calculation is triggered with a negative slope which is not supported. This is caused by calling in-place forward function with a negative slope, please call out-of-place version instead. File an issue at https://github.com/pytorch/pytorch if you do require supporting in-place leakRelu backward calculation with negative slope",
        );
      }
      return [where(mask("gt", ctx.saved[0], 0), grad, grad.mul(slope))];
    },
  });
}
const leaky_relu_op: OpFn<[x: Tensor, negative_slope: number]> = leaky_relu_of(false);
const leaky_relu_result_op: OpFn<[x: Tensor, negative_slope: number]> = leaky_relu_of(true);

/** leaky_relu(input, negative_slope=0.01): x for x > 0, negative_slope * x otherwise. */
export function leaky_relu(x: Tensor, negative_slope = 0.01): Tensor {
  return leaky_relu_op(x, negative_slope);
}
export function leaky_relu_(x: Tensor, negative_slope = 0.01): Tensor {
  return leaky_relu_result_op.inplace(x, negative_slope);
}

// ---------------------------------------------------------------- elu, selu, celu

/** elu's three coefficients: f(x) = x <= 0 ? alpha * scale * (exp(x * input_scale) - 1) : scale * x */
type EluArgs = [x: Tensor, alpha: number, scale: number, input_scale: number];

function elu_of(
  node: string,
  on_result: boolean,
): OpFn<[x: Tensor, alpha: number, scale: number, input_scale: number]> {
  return defineOp({
    name: "elu",
    node,
    forward(ctx, ...[x, alpha, scale, input_scale]: EluArgs) {
      check_float_kernel("elu_cpu", x.dtype);
      const r = unary_kernel(ctx, "elu", x, x.dtype, alpha, scale, input_scale);
      ctx.save(on_result ? r : x);
      return r;
    },
    // elu_backward(grad, alpha, scale, input_scale, is_result, self_or_result):
    //   self:   x <= 0 ? grad * input_scale * alpha * scale * exp(x * input_scale) : grad * scale
    //   result: y <= 0 ? grad * input_scale * (y + alpha * scale) : grad * scale
    backward(ctx, grad) {
      const [, alpha, scale, input_scale] = ctx.args;
      const negcoef = alpha * scale;
      const s = ctx.saved[0];
      if (on_result && negcoef < 0) {
        throw new Error(
          "In-place elu backward calculation is triggered with a negative slope which is not supported. This is caused by calling in-place forward function with a negative slope, please call out-of-place version instead.",
        );
      }
      const neg = on_result
        ? grad.mul(input_scale).mul(s.add(negcoef))
        : grad.mul(input_scale * negcoef).mul(s.mul(input_scale).exp());
      return [where(mask("le", s, 0), neg, grad.mul(scale))];
    },
  });
}
const elu_op: OpFn<[x: Tensor, alpha: number, scale: number, input_scale: number]> = elu_of(
  "EluBackward0",
  false,
);
const elu_result_op: OpFn<[x: Tensor, alpha: number, scale: number, input_scale: number]> = elu_of(
  "EluBackward1",
  true,
);
const celu_op: OpFn<[x: Tensor, alpha: number, scale: number, input_scale: number]> = elu_of(
  "CeluBackward0",
  false,
);
const celu_result_op: OpFn<[x: Tensor, alpha: number, scale: number, input_scale: number]> = elu_of(
  "CeluBackward1",
  true,
);

/** elu(input, alpha=1.0): x for x > 0, alpha * (exp(x) - 1) otherwise. */
export function elu(x: Tensor, alpha = 1.0): Tensor {
  return elu_op(x, alpha, 1, 1);
}
export function elu_(x: Tensor, alpha = 1.0): Tensor {
  return elu_result_op.inplace(x, alpha, 1, 1);
}

// SELU's constants, ATen's 1.6732632423543772848170429916717 and
// 1.0507009873554804934193349852946 (Activation.cpp) as the doubles they round to
const SELU_ALPHA = 1.6732632423543772;
const SELU_SCALE = 1.0507009873554805;

/** selu(input) = scale * elu(x, alpha): ATen computes it as elu, hence EluBackward0. */
export function selu(x: Tensor): Tensor {
  return elu_op(x, SELU_ALPHA, SELU_SCALE, 1);
}
/** In-place {@link selu}. */
export function selu_(x: Tensor): Tensor {
  return elu_result_op.inplace(x, SELU_ALPHA, SELU_SCALE, 1);
}

function check_celu(alpha: number): void {
  if (alpha === 0) throw new Error("ZeroDivisionError: alpha cannot be 0 for CELU");
}

export type CeluArgs = [alpha?: number] | [{ alpha?: number }];

/** celu(input, alpha=1.0) = max(0, x) + min(0, alpha * (exp(x / alpha) - 1)): elu(x, alpha, 1, 1 / alpha). */
export function celu(x: Tensor, ...args: CeluArgs): Tensor {
  const alpha = celu_alpha("celu", args);
  return celu_op(x, alpha, 1, 1 / alpha);
}
/** In-place {@link celu}. */
export function celu_(x: Tensor, ...args: CeluArgs): Tensor {
  const alpha = celu_alpha("celu_", args);
  return celu_result_op.inplace(x, alpha, 1, 1 / alpha);
}
function celu_alpha(op: string, args: CeluArgs): number {
  const alpha = kwargs<{ alpha: number }>(op, args, ["alpha"]).alpha ?? 1.0;
  check_celu(alpha);
  return alpha;
}

// ---------------------------------------------------------------- threshold

function threshold_of(node: string): OpFn<[x: Tensor, threshold: number, value: number]> {
  return defineOp({
    name: "threshold",
    node,
    forward(ctx, x: Tensor, threshold: number, value: number) {
      if (x.dtype.name === "bool") throw kernel_not_implemented("threshold_cpu", x.dtype);
      ctx.save(x);
      return unary_kernel(
        ctx,
        "threshold",
        x,
        x.dtype,
        cast_scalar(threshold, x.dtype),
        cast_scalar(value, x.dtype),
      );
    },
    // self: threshold_backward(grad, self, threshold). In place too, `self` is the input before
    // the write (so a replaced element gets no gradient)
    backward(ctx, grad) {
      const x = ctx.saved[0];
      return [threshold_backward(grad, x, cast_scalar(ctx.args[1], x.dtype))];
    },
  });
}
const threshold_op: OpFn<[x: Tensor, threshold: number, value: number]> = threshold_of("ThresholdBackward0");
const threshold_result_op: OpFn<[x: Tensor, threshold: number, value: number]> =
  threshold_of("ThresholdBackward1");

type ThresholdOptions = { threshold?: number; value?: number };
export type ThresholdArgs =
  [threshold: number, value: number] | [threshold: number, ThresholdOptions] | [ThresholdOptions];

function threshold_args(op: string, args: ThresholdArgs): [number, number] {
  const o = kwargs<{ threshold: number; value: number }>(op, args, ["threshold", "value"]);
  if (o.threshold === undefined || o.value === undefined) {
    throw new TypeError(`${op}() missing required arguments: 'threshold' and 'value'`);
  }
  return [o.threshold, o.value];
}

/** threshold(input, threshold, value): value where x <= threshold, else x. */
export function threshold(x: Tensor, ...args: ThresholdArgs): Tensor {
  return threshold_op(x, ...threshold_args("threshold", args));
}
/** In-place {@link threshold}. */
export function threshold_(x: Tensor, ...args: ThresholdArgs): Tensor {
  return threshold_result_op.inplace(x, ...threshold_args("threshold_", args));
}

// ---------------------------------------------------------------- hardtanh, relu6

const hardtanh_op: OpFn<[x: Tensor, min_val: number, max_val: number]> = defineOp({
  name: "hardtanh",
  node: "HardtanhBackward0",
  forward(ctx, x: Tensor, min_val: number, max_val: number) {
    if (x.dtype.name === "bool") throw new Error("Bool inputs not supported for hardtanh");
    ctx.save(x);
    return unary_kernel(
      ctx,
      "clamp",
      x,
      x.dtype,
      cast_scalar(min_val, x.dtype),
      cast_scalar(max_val, x.dtype),
    );
  },
  // self: hardtanh_backward(grad, self, min_val, max_val): (x <= min || x >= max) ? 0 : grad
  backward(ctx, grad) {
    const x = ctx.saved[0];
    const lo = cast_scalar(ctx.args[1], x.dtype);
    const hi = cast_scalar(ctx.args[2], x.dtype);
    return [masked_grad(mask_not(mask_or(mask("le", x, lo), mask("ge", x, hi))), grad)];
  },
});

/** hardtanh(input, min_val=-1.0, max_val=1.0): x clamped to [min_val, max_val]. */
export function hardtanh(x: Tensor, min_val = -1.0, max_val = 1.0): Tensor {
  return hardtanh_op(x, min_val, max_val);
}
export function hardtanh_(x: Tensor, min_val = -1.0, max_val = 1.0): Tensor {
  return hardtanh_op.inplace(x, min_val, max_val);
}
/** relu6(input) = hardtanh(x, 0, 6), as ATen composes it (HardtanhBackward0). */
export function relu6(x: Tensor): Tensor {
  return hardtanh_op(x, 0, 6);
}
export function relu6_(x: Tensor): Tensor {
  return hardtanh_op.inplace(x, 0, 6);
}

// ---------------------------------------------------------------- hardshrink, softshrink

function shrink_of(name: "hardshrink" | "softshrink", node: string): OpFn<[x: Tensor, lambd: number]> {
  return defineOp({
    name,
    node,
    forward(ctx, x: Tensor, lambd: number) {
      check_float_kernel(`${name}_cpu`, x.dtype);
      ctx.save(x);
      return unary_kernel(ctx, name satisfies ActivationOp, x, x.dtype, cast_scalar(lambd, x.dtype));
    },
    // self: *shrink_backward(grad, self, lambd): (x >= -lambd && x <= lambd) ? 0 : grad
    backward(ctx, grad) {
      const x = ctx.saved[0];
      const l = cast_scalar(ctx.args[1], x.dtype);
      return [masked_grad(mask_not(mask_and(mask("ge", x, -l), mask("le", x, l))), grad)];
    },
  });
}
const hardshrink_op: OpFn<[x: Tensor, lambd: number]> = shrink_of("hardshrink", "HardshrinkBackward0");
const softshrink_op: OpFn<[x: Tensor, lambd: number]> = shrink_of("softshrink", "SoftshrinkBackward0");

export type LambdArgs = [lambd?: number] | [{ lambd?: number }];

/** hardshrink(input, lambd=0.5): 0 for |x| <= lambd, x elsewhere. */
export function hardshrink(x: Tensor, ...args: LambdArgs): Tensor {
  return hardshrink_op(x, kwargs<{ lambd: number }>("hardshrink", args, ["lambd"]).lambd ?? 0.5);
}

/** softshrink(input, lambd=0.5): x shrunk toward 0 by lambd, 0 for |x| <= lambd. */
export function softshrink(x: Tensor, lambd = 0.5): Tensor {
  if (lambd < 0) {
    throw new Error(`lambda must be greater or equal to 0, but found to be ${cpp_double(lambd)}.`);
  }
  return softshrink_op(x, lambd);
}

// ---------------------------------------------------------------- prelu

/**
 * _prelu_kernel(self, weight), weight already laid out to broadcast over self:
 * x > 0 ? x : weight * x.
 */
const prelu_kernel_op: OpFn<[x: Tensor, weight: Tensor]> = defineOp({
  name: "_prelu_kernel",
  node: "PreluKernelBackward0",
  differentiable: [0, 1],
  forward(ctx, x: Tensor, weight: Tensor) {
    check_float_kernel("prelu_cpu", x.dtype);
    ctx.save(x, weight);
    return where(mask("gt", x, 0), x, weight.mul(x));
  },
  // self, weight: _prelu_kernel_backward(grad, self, weight):
  //   self: x > 0 ? grad : weight * grad; weight: x > 0 ? 0 : x * grad (summed to weight's shape)
  backward(ctx, grad) {
    const [x, w] = ctx.saved;
    const pos = mask("gt", x, 0);
    const [need_x, need_w] = ctx.needs_input_grad;
    return [
      need_x ? where(pos, grad, w.mul(grad)) : null,
      need_w ? masked_grad(mask_not(pos), x.mul(grad)) : null,
    ];
  },
});

/**
 * prelu(input, weight): leaky_relu with a learned slope per channel (dim 1), or one slope for
 * all. As in PyTorch 2.x, the weight is reshaped to broadcast over the input (a view, so the
 * graph shows PreluKernelBackward0 over the weight's ViewBackward0).
 */
export function prelu(x: Tensor, weight: Tensor): Tensor {
  if (x.dtype !== weight.dtype) {
    throw new Error(
      `prelu: Type promoting not supported. Got ${scalar_type_name(x.dtype)} and ${scalar_type_name(weight.dtype)}`,
    );
  }
  const nd = x.dim();
  const n = weight.numel();
  if (n !== 1) {
    if (nd === 0) throw new Error("Not allow zero-dim input tensor.");
    const channels = nd > 1 ? x.shape[1] : 1;
    if (channels !== n) {
      throw new Error(
        `Mismatch of parameter numbers and input channel size. Found parameter numbers = ${n} and channel size = ${channels}.`,
      );
    }
  }
  if (weight.dim() > 1) {
    throw new Error(`prelu: Expected \`weight\` to be a scalar or 1D tensor, but got ndim = ${weight.dim()}`);
  }
  let w = weight;
  if (nd !== weight.dim()) {
    const shape = new Array<number>(nd).fill(1);
    if (nd > 1) shape[1] = n;
    w = weight.reshape(shape);
  }
  return prelu_kernel_op(x, w);
}

/** The op table of this file (src/ops/table.ts): its ops' torch.X functions and Tensor methods. */
export default op_table({
  celu: { fn: celu, variants: "function", inplace: celu_, inplace_variants: "function" },
  hardshrink: { fn: hardshrink, variants: "function, method" },
  prelu: { fn: prelu, variants: "function, method" },
  selu: { fn: selu, variants: "function", inplace: selu_, inplace_variants: "function" },
  threshold: { fn: threshold, variants: "function", inplace: threshold_, inplace_variants: "function" },
});
