/**
 * Convolution's column matrices as a differentiable op pair: im2col lays every window of an
 * [N, C, *spatial] input out as [N, C * kh * kw, OH * OW] (F.unfold's layout: one batched GEMM
 * with the [O, C * kh * kw] weight then convolves the whole batch), and col2im sums such
 * matrices back into an image. Each is the other's adjoint, so each one's backward is the other and a
 * convolution's backward, built from them, is differentiable again (double backward).
 */
import { kernels } from "../../backends/index.js";
import type { StridedView } from "../../backends/backend.js";
import type { Window2d } from "../../backends/window_kernels.js";
import { defineOp, type OpFn } from "../../autograd/define.js";
import { empty_tensor } from "../../tensor/make.js";
import type { Tensor } from "../../tensor/tensor.js";
import { image_view } from "./window_args.js";

/** A window and the output's spatial size [OH, OW] (OH = 1 for 1-D). */
export interface ConvGeometry {
  readonly window: Window2d;
  readonly out: readonly [number, number];
}

/** The [N, C * kh * kw, L] column matrices `cols` seen as the kernels' [N, C, kh, kw, OH, OW]. */
function columns_view(cols: Tensor, N: number, C: number, g: ConvGeometry): StridedView {
  const v = cols._view();
  const [kh, kw] = g.window.kernel;
  const [OH, OW] = g.out;
  const L = OH * OW;
  return {
    data: v.data,
    dtype: v.dtype,
    shape: [N, C, kh, kw, OH, OW],
    strides: [C * kh * kw * L, kh * kw * L, kw * L, L, OW, 1],
    offset: v.offset,
  };
}

/** The column matrices of input's windows, [N, C * kh * kw, OH * OW], without recording. */
export function im2col_raw(input: Tensor, g: ConvGeometry, out?: Tensor): Tensor {
  const [N, C] = input.shape;
  const [kh, kw] = g.window.kernel;
  const cols = out ?? empty_tensor([N, C * kh * kw, g.out[0] * g.out[1]], input.dtype);
  kernels().im2col(image_view(input), g.window, columns_view(cols, N, C, g));
  return cols;
}

export const im2col_op: OpFn<[input: Tensor, g: ConvGeometry]> = defineOp({
  name: "im2col",
  node: "Im2ColBackward0",
  forward(ctx, input: Tensor, g: ConvGeometry) {
    const [N, C] = input.shape;
    const [kh, kw] = g.window.kernel;
    return im2col_raw(input, g, ctx.output([N, C * kh * kw, g.out[0] * g.out[1]], input.dtype));
  },
  backward(ctx, grad) {
    const [, g] = ctx.args;
    const shape = ctx.inputs[0]?.shape ?? [];
    return [col2im_op(grad, shape, g)];
  },
});

export const col2im_op: OpFn<[cols: Tensor, shape: readonly number[], g: ConvGeometry]> = defineOp({
  name: "col2im",
  node: "Col2ImBackward0",
  forward(ctx, cols: Tensor, shape: readonly number[], g: ConvGeometry) {
    const out = ctx.output(shape, cols.dtype);
    const [N, C] = shape;
    kernels().col2im(columns_view(cols.contiguous(), N, C, g), g.window, image_view(out));
    return out;
  },
  backward(ctx, grad) {
    const [, , g] = ctx.args;
    return [im2col_op(grad, g)];
  },
});
