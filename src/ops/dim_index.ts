/**
 * Gather, scatter-add and flip along one dim: the building blocks PyTorch's own backward
 * formulas for max(dim), cummax, prod and the scans are written with. They are defined here as
 * a differentiable pair (each one's backward is the other), so those formulas stay tensor ops
 * and double backward works, without depending on the public indexing ops' argument handling.
 */
import { kernels } from "../backends/index.js";
import type { StridedView } from "../backends/backend.js";
import type { Tensor } from "../tensor/tensor.js";
import { empty_tensor, from_array } from "../tensor/make.js";
import { int64 } from "../dtype.js";
import { fill_ } from "./convert.js";
import { contiguous_strides } from "../shape.js";
import { defineOp, type Grad } from "./define.js";

/** A view of t laid over `shape`, with a zero stride along dim (the index supplies it). */
function base_over(t: StridedView, shape: readonly number[], dim: number): StridedView {
  return { data: t.data, shape, strides: t.strides.map((s, d) => (d === dim ? 0 : s)), offset: t.offset };
}

/** out = x.gather(dim, index): out[..., i, ...] = x[..., index[..., i, ...], ...]. */
export const gather_dim = defineOp({
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
export const scatter_add_dim = defineOp({
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

/** x.flip(dim), as a copy. */
export const flip_dim = defineOp({
  name: "flip",
  node: "FlipBackward0",
  forward(_ctx, x: Tensor, dim: number) {
    const out = empty_tensor(x.shape, x.dtype);
    const v = x._view();
    const n = x.shape[dim] ?? 1;
    const s = v.strides[dim] ?? 0;
    const strides = v.strides.map((t, d) => (d === dim ? -t : t));
    kernels().copy({ data: v.data, shape: v.shape, strides, offset: v.offset + (n - 1) * s }, out._view());
    return out;
  },
  backward: (ctx, grad): Grad[] => [flip_dim(grad, ctx.args[1])],
});

/** cat([ones, t], dim): t with a slice of ones in front along dim (prod's exclusive cumprods). */
export function pad_front_one(t: Tensor, dim: number): Tensor {
  const n = t.shape[dim];
  const shape = t.shape.slice();
  shape[dim] = n + 1;
  const positions = new Float64Array(n);
  for (let i = 0; i < n; i++) positions[i] = i + 1;
  const index = from_array(
    positions,
    t.shape.map((s, d) => (d === dim ? n : 1)),
    int64,
  ).expand(t.shape);
  const ones = empty_tensor(shape, t.dtype);
  fill_(ones.narrow(dim, 0, 1), 1);
  return scatter_add_dim(t, dim, index, shape).add(ones);
}
