/**
 * The views basic indexing is made of, beyond select/unsqueeze (views.ts): `slice` (a
 * strided window along one dim: Python's start:stop:step, with PyTorch's clamping; narrow and
 * tensor_split are its step-1 case) and `alias` (a new view of the whole tensor, what `x[...]`
 * returns).
 */
import { normalize_dim } from "../../shape.js";
import type { Tensor } from "../../tensor/tensor.js";
import { defineOp, type OpFn } from "../../autograd/define.js";
import { make_view } from "./views.js";

/** PyTorch's slice bounds: negative counts from the end, then clamp into [0, size]. */
export function slice_bounds(
  size: number,
  start: number | null,
  stop: number | null,
  step: number | null,
): [number, number, number] {
  const st = step ?? 1;
  if (st === 0) throw new Error("slice step cannot be zero");
  if (st < 0) throw new Error("step must be greater than zero");
  let s = start ?? 0;
  let e = stop ?? size;
  if (s < 0) s += size;
  if (e < 0) e += size;
  s = Math.min(Math.max(s, 0), size);
  e = Math.min(Math.max(e, s), size);
  return [s, e, st];
}

function slice_view(x: Tensor, dim: number, start: number, end: number, step: number): Tensor {
  const shape = x.shape.slice();
  const strides = x._strides.slice();
  shape[dim] = Math.ceil((end - start) / step);
  strides[dim] = x._strides[dim] * step;
  return make_view(x, shape, strides, x._offset + start * x._strides[dim]);
}

/** slice_backward: the gradient placed into zeros of the input's shape. */
const slice_backward: OpFn<[Tensor, readonly number[], number, number, number, number]> = defineOp({
  name: "slice_backward",
  node: "SliceBackwardBackward0",
  forward(
    _ctx,
    grad: Tensor,
    shape: readonly number[],
    dim: number,
    start: number,
    end: number,
    step: number,
  ) {
    const z = grad.new_zeros(shape);
    slice_view(z, dim, start, end, step).copy_(grad);
    return z;
  },
  backward: (ctx, gg) => {
    const [, , dim, start, end, step] = ctx.args;
    return [slice_op(gg, dim, start, end, step)];
  },
});

/** Takes bounds already normalized by slice_bounds. */
const slice_op: OpFn<[Tensor, number, number, number, number]> = defineOp({
  name: "slice",
  node: "SliceBackward0",
  forward: (_ctx, x: Tensor, dim: number, start: number, end: number, step: number) =>
    slice_view(x, dim, start, end, step),
  backward(ctx, grad) {
    const [, dim, start, end, step] = ctx.args;
    return [slice_backward(grad, ctx.inputs[0]?.shape ?? [], dim, start, end, step)];
  },
});

/** aten::narrow: a window of `length` along dim from a start already in [0, size] (a step-1 slice). */
export function narrow_op(x: Tensor, dim: number, start: number, length: number): Tensor {
  return slice_op(x, dim, start, start + length, 1);
}

/** x[..., start:stop:step, ...] along `dim`: a view; Python's bounds rules, step > 0. */
export function slice_dim(
  x: Tensor,
  dim: number,
  start: number | null = null,
  stop: number | null = null,
  step: number | null = null,
): Tensor {
  if (x.dim() === 0) throw new RangeError("slice() cannot be applied to a 0-dim tensor.");
  const d = normalize_dim(dim, x.dim());
  const [s, e, st] = slice_bounds(x.shape[d], start, stop, step);
  return slice_op(x, d, s, e, st);
}

/** A view of all of x with its own grad_fn (AliasBackward0), as `x[...]` returns. */
export const alias_view = defineOp({
  name: "alias",
  node: "AliasBackward0",
  forward: (_ctx, x: Tensor) => make_view(x, x.shape, x._strides, x._offset),
  backward: (_ctx, grad) => [grad],
});
