/**
 * rrelu: leaky_relu with a random negative slope per element while training, drawn as
 * PyTorch's CPU kernel draws it (aten/src/ATen/native/Activation.cpp, _rrelu_with_noise_train):
 * elements in row-major order, and for each one <= 0 a double uniform in [lower, upper)
 * (53 bits of random64(), `u * (upper - lower) + lower`) rounded to the input's type; that
 * slope is kept as `noise` (1 for positive elements), which is the gradient's factor. In eval
 * mode it is leaky_relu with the slope (lower + upper) / 2. The node is
 * RreluWithNoiseBackward0, or RreluWithNoiseBackward1 in place (reading the result). The
 * training forward is the backend's rrelu_with_noise kernel, fed this generator's draws.
 */
import { kernels } from "../../backends/index.js";
import { float32 } from "../../dtype.js";
import { default_generator, type Generator } from "../../random/generator.js";
import { u53 } from "../../random/sampling.js";
import { empty_tensor } from "../../tensor/make.js";
import type { Tensor } from "../../tensor/tensor.js";
import { kwargs } from "../../tensor/args.js";
import { defineOp, type OpFn } from "../../autograd/define.js";
import { mask, unary_kernel } from "../pointwise/unary_kernel.js";
import { cast_scalar } from "../binary/binary_kernel.js";
import { check_float_kernel } from "../kernel_checks.js";
import { where } from "../binary/ternary.js";
import { op_table } from "../table.js";

type RreluArgs = [x: Tensor, lower: number, upper: number, training: boolean, generator: Generator | null];

/** The training forward: output and noise, both laid out as a contiguous copy of x. */
function rrelu_train(x: Tensor, lower: number, upper: number, gen: Generator): { y: Tensor; noise: Tensor } {
  const y = empty_tensor(x.shape, x.dtype);
  const noise = empty_tensor(x.shape, x.dtype);
  const f32 = x.dtype === float32;
  // opmath_t lower/upper: float for a float tensor
  const lo = f32 ? Math.fround(lower) : lower;
  const span = (f32 ? Math.fround(upper) : upper) - lo;
  kernels().rrelu_with_noise(x.contiguous()._view(), lo, span, () => u53(gen), y._view(), noise._view());
  return { y, noise };
}

function rrelu_of(
  on_result: boolean,
): OpFn<[x: Tensor, lower: number, upper: number, training: boolean, generator: Generator | null]> {
  return defineOp({
    name: "rrelu",
    node: on_result ? "RreluWithNoiseBackward1" : "RreluWithNoiseBackward0",
    forward(ctx, ...[x, lower, upper, training, generator]: RreluArgs) {
      if (lower > upper) throw new Error("Lower bound should be less than or equal to the upper bound");
      if (!training) {
        check_float_kernel("leaky_relu_cpu", x.dtype);
        const slope = (lower + upper) / 2;
        const r = unary_kernel(ctx, "leaky_relu", x, x.dtype, cast_scalar(slope, x.dtype));
        ctx.save(on_result ? r : x);
        return r;
      }
      check_float_kernel("rrelu_with_noise_out_cpu", x.dtype);
      const { y, noise } = rrelu_train(x, lower, upper, generator ?? default_generator);
      const out = ctx.out ? ctx.output(x.shape, x.dtype) : y;
      if (out !== y) out.copy_(y);
      ctx.save(on_result ? out : x, noise);
      return out;
    },
    // self: rrelu_with_noise_backward(grad, self_or_result, noise, lower, upper, training, is_result):
    //   training with upper - lower > 1e-6: grad * noise; else leaky_relu_backward at (lower + upper) / 2
    backward(ctx, grad) {
      const [, lower, upper, training] = ctx.args;
      const [s, noise] = ctx.saved;
      if (training && upper - lower > 1e-6) return [grad.mul(noise)];
      return [where(mask("gt", s, 0), grad, grad.mul((lower + upper) / 2))];
    },
  });
}
const rrelu_op: OpFn<
  [x: Tensor, lower: number, upper: number, training: boolean, generator: Generator | null]
> = rrelu_of(false);
const rrelu_result_op: OpFn<
  [x: Tensor, lower: number, upper: number, training: boolean, generator: Generator | null]
> = rrelu_of(true);

type RreluOptions = { lower?: number; upper?: number; training?: boolean; generator?: Generator | null };
export type RreluCallArgs =
  | [lower?: number, upper?: number, training?: boolean, generator?: Generator | null]
  | [RreluOptions]
  | [lower: number, RreluOptions]
  | [lower: number, upper: number, RreluOptions]
  | [lower: number, upper: number, training: boolean, RreluOptions];

function rrelu_args(op: string, args: RreluCallArgs) {
  const o = kwargs<RreluOptions>(op, args, ["lower", "upper", "training", "generator"]);
  return [o.lower ?? 1 / 8, o.upper ?? 1 / 3, o.training ?? false, o.generator ?? null] as const;
}

/** torch.rrelu(input, lower=1/8, upper=1/3, training=False, generator=None) */
export function rrelu(x: Tensor, ...args: RreluCallArgs): Tensor {
  return rrelu_op(x, ...rrelu_args("rrelu", args));
}
/** In-place {@link rrelu}. */
export function rrelu_(x: Tensor, ...args: RreluCallArgs): Tensor {
  return rrelu_result_op.inplace(x, ...rrelu_args("rrelu_", args));
}

/** The op table of this file (src/ops/table.ts): its ops' torch.X functions and Tensor methods. */
export default op_table({
  rrelu: { fn: rrelu, variants: "function", inplace: rrelu_, inplace_variants: "function" },
});
