/**
 * Gather, scatter-add and flip along one dim: the building blocks PyTorch's own backward
 * formulas for max(dim), cummax, prod and the scans are written with. Gather and scatter-add
 * are defined here as a differentiable pair (each one's backward is the other), without the
 * index checks of the public gather/scatter_add (their indices come from the forward), so those
 * formulas stay tensor ops and double backward works.
 */
import { kernels } from "../../backends/index.js";
import type { StridedView } from "../../backends/backend.js";
import type { Tensor } from "../../tensor/tensor.js";
import { empty_tensor } from "../../tensor/make.js";
import { cat } from "../shape/join_split.js";
import { flip_op } from "../shape/rearrange.js";
import { contiguous_strides } from "../../shape.js";
import { defineOp, type Grad, type OpFn } from "../../autograd/define.js";

/** A view of t laid over `shape`, with a zero stride along dim (the index supplies it). */
function base_over(t: StridedView, shape: readonly number[], dim: number): StridedView {
  return {
    data: t.data,
    dtype: t.dtype,
    shape,
    strides: t.strides.map((s, d) => (d === dim ? 0 : s)),
    offset: t.offset,
  };
}

/** out = x.gather(dim, index): out[..., i, ...] = x[..., index[..., i, ...], ...]. */
export const gather_dim: OpFn<[x: Tensor, dim: number, index: Tensor]> = defineOp({
  name: "gather",
  node: "GatherBackward0",
  forward(_ctx, x: Tensor, dim: number, index: Tensor) {
    const out = empty_tensor(index.shape, x.dtype);
    const xv = x._view();
    const term = {
      index: index._view(),
      stride: x.shape.length ? xv.strides[dim] : 0,
      size: x.shape[dim] ?? 1,
    };
    kernels().index_gather(base_over(xv, index.shape, dim), [term], out._view());
    return out;
  },
  // self: gather_backward(grad, self, dim, index) = zeros(self).scatter_add(dim, index, grad)
  backward: (ctx, grad): Grad[] => [
    scatter_add_dim(grad, ctx.args[1], ctx.args[2], ctx.inputs[0]?.shape ?? []),
  ],
});

/** zeros(shape).scatter_add(dim, index, src). */
export const scatter_add_dim: OpFn<[src: Tensor, dim: number, index: Tensor, shape: readonly number[]]> =
  defineOp({
    name: "scatter_add",
    node: "ScatterAddBackward0",
    forward(_ctx, src: Tensor, dim: number, index: Tensor, shape: readonly number[]) {
      const out = empty_tensor(shape, src.dtype);
      const ov = out._view();
      const stride = shape.length ? contiguous_strides(shape)[dim] : 0;
      const term = { index: index._view(), stride, size: shape[dim] ?? 1 };
      kernels().index_scatter("add", src._view(), [term], base_over(ov, src.shape, dim));
      return out;
    },
    // src: grad.gather(dim, index)
    backward: (ctx, grad): Grad[] => [gather_dim(grad, ctx.args[1], ctx.args[2])],
  });

/** x.flip(dim) (FlipBackward0); a 0-dim x is copied as it is. */
export function flip_dim(x: Tensor, dim: number): Tensor {
  return flip_op(x, x.dim() === 0 ? [] : [dim]);
}

/** cat([ones, t], dim): t with a slice of ones in front along dim (prod's exclusive cumprods). */
export function pad_front_one(t: Tensor, dim: number): Tensor {
  const shape = t.shape.slice();
  shape[dim] = 1;
  return cat([t.new_ones(shape), t], dim);
}
