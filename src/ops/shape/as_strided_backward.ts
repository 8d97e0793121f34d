/**
 * as_strided's backward, as PyTorch's as_strided_backward computes it: the gradient is
 * scatter-added into a zeroed buffer standing for the storage, through the output's geometry
 * (so elements the output reads several times add up), each storage element is divided by the
 * number of times the input's geometry reads it (so an overlapping input, like an expanded one,
 * shares it out), and the input's geometry is read back. Geometries are absolute positions in
 * the storage, so non-contiguous and offset inputs get their own elements' gradients.
 */
import type { Tensor } from "../../tensor/tensor.js";
import { empty_tensor } from "../../tensor/make.js";
import { defineOp, type OpFn } from "../../autograd/define.js";
import { contiguous_copy } from "../convert/convert.js";

/** Sizes, strides and storage offset: where a strided tensor's elements live. */
export interface Geometry {
  readonly size: readonly number[];
  readonly stride: readonly number[];
  readonly offset: number;
}

/** The storage position of each element, in row-major order. */
function positions(g: Geometry): number[] {
  let out = [g.offset];
  for (let d = 0; d < g.size.length; d++) {
    const next: number[] = [];
    const st = g.stride[d];
    for (const p of out) for (let i = 0; i < g.size[d]; i++) next.push(p + i * st);
    out = next;
  }
  return out;
}

/**
 * Scatter-adds grad through `scatter`, divides each storage element by how often `divisor`
 * reads it (where it does), and gathers through `read`. Its adjoint is the same op with
 * `scatter` and `read` swapped and the same divisor, which makes it its own double backward.
 */
const strided_scatter_gather: OpFn<[Tensor, Geometry, Geometry, Geometry]> = defineOp({
  name: "as_strided_backward",
  node: "AsStridedBackwardBackward0",
  forward(_ctx, grad: Tensor, scatter: Geometry, read: Geometry, divisor: Geometry) {
    const ps = positions(scatter);
    const pr = positions(read);
    const pd = positions(divisor);
    let lo = Infinity;
    let hi = -1;
    for (const p of ps) [lo, hi] = [Math.min(lo, p), Math.max(hi, p)];
    for (const p of pr) [lo, hi] = [Math.min(lo, p), Math.max(hi, p)];
    if (hi < 0) lo = 0;
    const buf = new Float64Array(hi - lo + 1);
    const g = contiguous_copy(grad)._storage.data;
    for (let i = 0; i < ps.length; i++) buf[ps[i] - lo] += g[i];
    const count = new Float64Array(buf.length);
    for (const p of pd) if (p >= lo && p <= hi) count[p - lo]++;
    for (let i = 0; i < buf.length; i++) if (count[i] > 1) buf[i] /= count[i];
    const out = empty_tensor(read.size, grad.dtype);
    const od = out._storage.data;
    for (let i = 0; i < pr.length; i++) od[i] = buf[pr[i] - lo];
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
