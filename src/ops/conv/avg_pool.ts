/**
 * Average pooling: F.avg_pool2d over one op with PyTorch's node, AvgPool2DBackward0. Each window's
 * sum (im2col's columns, summed) is divided by PyTorch's divisor: divisor_override when given,
 * else the window's size clipped to the padded input (count_include_pad) or to the input itself;
 * a window wholly in the padding gives 0. The divisor depends only on the output position. The
 * backward spreads grad / divisor over each window (col2im), in differentiable ops.
 */
import { defineOp, type OpFn } from "../../autograd/define.js";
import { check } from "../../errors.js";
import { check_tensor_arg, kwargs } from "../../tensor/args.js";
import { from_array } from "../../tensor/make.js";
import type { Tensor } from "../../tensor/tensor.js";
import { check_float_kernel } from "../kernel_checks.js";
import { col2im_op, im2col_raw, type ConvGeometry } from "./im2col.js";
import {
  pool2d_shape_check,
  pool_kernel_stride,
  pool_pair,
  pooling_output_size,
  type IntOrTuple,
} from "./window_args.js";

/** F.avg_pool2d's arguments after the input and kernel_size. */
export interface AvgPoolOptions {
  kernel_size?: IntOrTuple;
  stride?: IntOrTuple | null;
  padding?: IntOrTuple;
  ceil_mode?: boolean;
  count_include_pad?: boolean;
  divisor_override?: number | null;
}

/** [N * C, 1, H, W]: every plane of input (3-D or 4-D) as one image of one channel. */
function planes(t: Tensor): Tensor {
  const [H, W] = t.shape.slice(-2);
  return t.reshape(-1, 1, H, W);
}

const avg_pool2d_op: OpFn<[input: Tensor, g: ConvGeometry, divisor: Tensor]> = defineOp({
  name: "avg_pool2d",
  node: "AvgPool2DBackward0",
  forward(ctx, input: Tensor, g: ConvGeometry, divisor: Tensor) {
    const shape = [...input.shape.slice(0, -2), g.out[0], g.out[1]];
    const cols = im2col_raw(planes(input.contiguous()), g);
    const out = ctx.output(shape, input.dtype);
    out.copy_(cols.sum(1).div(divisor).view(shape));
    return out;
  },
  backward(ctx, grad) {
    const [input_meta] = ctx.inputs;
    const [, g, divisor] = ctx.args;
    const shape = input_meta?.shape ?? [];
    const [H, W] = shape.slice(-2);
    const kk = g.window.kernel[0] * g.window.kernel[1];
    const L = g.out[0] * g.out[1];
    const per_tap = grad.reshape(-1, 1, L).div(divisor).expand(-1, kk, L).contiguous();
    const P = per_tap.shape[0];
    return [col2im_op(per_tap, [P, 1, H, W], g).view(shape)];
  },
});

/** PyTorch's per-position divisors of an avg_pool2d (AvgPoolKernel.cpp), as [OH * OW] values. */
function divisors(
  H: number,
  W: number,
  g: ConvGeometry,
  count_include_pad: boolean,
  divisor_override: number | null,
): Float64Array {
  const [kh, kw] = g.window.kernel;
  const [sh, sw] = g.window.stride;
  const [ph, pw] = g.window.padding;
  const [OH, OW] = g.out;
  const d = new Float64Array(OH * OW);
  for (let oy = 0; oy < OH; oy++) {
    for (let ox = 0; ox < OW; ox++) {
      let y0 = oy * sh - ph;
      let x0 = ox * sw - pw;
      let y1 = Math.min(y0 + kh, H + ph);
      let x1 = Math.min(x0 + kw, W + pw);
      const pool_size = (y1 - y0) * (x1 - x0);
      y0 = Math.max(y0, 0);
      x0 = Math.max(x0, 0);
      y1 = Math.min(y1, H);
      x1 = Math.min(x1, W);
      const empty = y0 >= y1 || x0 >= x1; // the sum is 0: any divisor gives PyTorch's 0
      const size = count_include_pad ? pool_size : (y1 - y0) * (x1 - x0);
      d[oy * OW + ox] = divisor_override ?? (empty ? 1 : size);
    }
  }
  return d;
}

/** avg_pool2d's checks in PyTorch's order (its meta function, pooling_output_shape, pool2d_shape_check). */
function avg_pool2d_impl(input: Tensor, o: AvgPoolOptions): Tensor {
  const op = "avg_pool2d";
  check_tensor_arg(op, "input", input);
  const [k, s] = pool_kernel_stride(op, o.kernel_size, o.stride);
  const p = pool_pair(op, "padding", o.padding ?? 0, "must either be a single int, or a tuple of two ints");
  const divisor_override = o.divisor_override ?? null;
  check(divisor_override !== 0, "divisor must be not zero");
  check(input.dim() === 3 || input.dim() === 4, "non-empty 3D or 4D (batch mode) tensor expected for input");
  check_float_kernel("avg_pool2d", input.dtype);
  const ceil_mode = o.ceil_mode ?? false;
  const sh = input.shape;
  const [H, W] = sh.slice(-2);
  const OH = pooling_output_size(H, k[0], p[0], s[0], 1, ceil_mode);
  const OW = pooling_output_size(W, k[1], p[1], s[1], 1, ceil_mode);
  pool2d_shape_check(input, k, s, p, [1, 1], OH, OW);
  const g: ConvGeometry = {
    window: { kernel: k, stride: s, padding: p, dilation: [1, 1] },
    out: [OH, OW],
  };
  const d = divisors(H, W, g, o.count_include_pad ?? true, divisor_override);
  const divisor = from_array(
    input.dtype.array === Float64Array ? d : Float32Array.from(d),
    [OH * OW],
    input.dtype,
  );
  return avg_pool2d_op(input, g, divisor);
}

/**
 * F.avg_pool2d(input, kernel_size, stride=None, padding=0, ceil_mode=false,
 * count_include_pad=true, divisor_override=None): the mean of each window of input [N, C, H, W]
 * (or [C, H, W]); see the file's comment for the divisor.
 */
export function avg_pool2d(input: Tensor, ...args: unknown[]): Tensor {
  const o = kwargs<Required<AvgPoolOptions>>("avg_pool2d", args, [
    "kernel_size",
    "stride",
    "padding",
    "ceil_mode",
    "count_include_pad",
    "divisor_override",
  ]);
  return avg_pool2d_impl(input, o);
}
