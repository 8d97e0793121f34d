/**
 * as_strided's backward, as PyTorch's as_strided_backward computes it: the gradient is
 * scatter-added into a zeroed buffer standing for the storage, through the output's geometry
 * (so elements the output reads several times add up), each storage element is divided by the
 * number of times the input's geometry reads it (so an overlapping input, like an expanded one,
 * shares it out), and the input's geometry is read back. Geometries are absolute positions in
 * the storage, so non-contiguous and offset inputs get their own elements' gradients. The
 * backend's strided_scatter_gather kernel does the work.
 */
import { kernels } from "../../backends/index.js";
import type { Geometry } from "../../backends/kernels.js";
import type { Tensor } from "../../tensor/tensor.js";
import { empty_tensor } from "../../tensor/make.js";
import { defineOp, type OpFn } from "../../autograd/define.js";
import { contiguous_copy } from "../convert/convert.js";

export type { Geometry };

/**
 * Scatter-adds grad through `scatter`, divides each storage element by how often `divisor`
 * reads it (where it does), and gathers through `read`. Its adjoint is the same op with
 * `scatter` and `read` swapped and the same divisor, which makes it its own double backward.
 */
const strided_scatter_gather: OpFn<[Tensor, Geometry, Geometry, Geometry]> = defineOp({
  name: "as_strided_backward",
  node: "AsStridedBackwardBackward0",
  forward(_ctx, grad: Tensor, scatter: Geometry, read: Geometry, divisor: Geometry) {
    const out = empty_tensor(read.size, grad.dtype);
    kernels().strided_scatter_gather(contiguous_copy(grad)._view(), scatter, read, divisor, out._view());
    return out;
  },
  backward: (ctx, gg): Tensor[] => {
    const [, scatter, read, divisor] = ctx.args;
    return [strided_scatter_gather(gg, read, scatter, divisor)];
  },
});

/** Gradient of x.as_strided(output geometry) with respect to x (laid out as `input`). */
export function as_strided_backward(grad: Tensor, output: Geometry, input: Geometry): Tensor {
  return strided_scatter_gather(grad, output, input, input);
}
