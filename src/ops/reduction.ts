/**
 * Reductions. Arguments follow API.md: `x.sum(1, true)`, `x.sum({ dim: 1, keepdim: true })`
 * and `x.sum(1, { keepdim: true })` are one call; `dim` may be an int, a list, or absent (all).
 */
import { kernels } from "../backends/index.js";
import type { ReduceOp } from "../backends/kernels.js";
import { int64, type DType } from "../dtype.js";
import { normalize_dims } from "../shape.js";
import type { Tensor } from "../tensor/tensor.js";
import { kwargs } from "../tensor/args.js";
import { empty_tensor } from "../tensor/make.js";
import { defineOp } from "./define.js";

export type Dims = number | readonly number[] | null;
export interface ReduceOptions {
  dim?: Dims;
  keepdim?: boolean;
  dtype?: DType;
}
export type ReduceArgs =
  [] | [ReduceOptions] | [Dims] | [Dims, boolean] | [Dims, ReduceOptions] | [Dims, boolean, ReduceOptions];

export function parse_reduce(op: string, args: readonly unknown[]): ReduceOptions {
  return kwargs<{ dim: Dims; keepdim: boolean; dtype: DType }>(op, args, ["dim", "keepdim", "dtype"]);
}

/** The reduced dims (all when dim is absent or an empty list, as PyTorch's sum). */
export function reduce_dims(x: Tensor, dim: Dims | undefined): number[] {
  if (dim === null || dim === undefined) return x.shape.map((_, i) => i);
  const list = typeof dim === "number" ? [dim] : dim;
  if (list.length === 0) return x.shape.map((_, i) => i);
  return normalize_dims(list, x.shape.length);
}

/** The output shape of a reduction over dims. */
export function reduced_shape(shape: readonly number[], dims: readonly number[], keepdim: boolean): number[] {
  const set = new Set(dims);
  const out: number[] = [];
  shape.forEach((s, d) => {
    if (!set.has(d)) out.push(s);
    else if (keepdim) out.push(1);
  });
  return out;
}

/** Runs a reduce kernel; a 0-dim input reduces over nothing (a copy). */
export function reduce_kernel(
  op: ReduceOp,
  x: Tensor,
  dims: number[],
  keepdim: boolean,
  dtype: DType,
): Tensor {
  const out = empty_tensor(reduced_shape(x.shape, dims, keepdim), dtype);
  kernels().reduce(op, x._view(), dims, out._view());
  return out;
}

/** Gradient of a reduction, put back in the input's shape (re-inserting the reduced dims). */
export function expand_reduced(
  grad: Tensor,
  shape: readonly number[],
  dims: readonly number[],
  keepdim: boolean,
): Tensor {
  let g = grad;
  if (!keepdim && shape.length > 0) g = g.reshape(reduced_shape(shape, dims, true));
  return g.expand(shape);
}

/** sum's default dtype: integers and bools accumulate in int64. */
function sum_dtype(x: Tensor, dtype: DType | undefined): DType {
  return dtype ?? (x.dtype.is_floating_point ? x.dtype : int64);
}

const sum_op = defineOp({
  name: "sum",
  node: (_x: Tensor, dim: Dims | undefined) => (dim === undefined ? "SumBackward0" : "SumBackward1"),
  forward(_ctx, x: Tensor, dim: Dims | undefined, keepdim: boolean, dtype: DType | undefined) {
    const dims = reduce_dims(x, dim);
    return reduce_kernel("sum", x, dims, keepdim, sum_dtype(x, dtype));
  },
  // self: grad.expand(self.sizes())
  backward(ctx, grad) {
    const [, dim, keepdim] = ctx.args;
    const shape = ctx.inputs[0]?.shape ?? [];
    return [expand_reduced(grad, shape, reduce_dims_of(shape, dim), keepdim)];
  },
});

function reduce_dims_of(shape: readonly number[], dim: Dims | undefined): number[] {
  if (dim === null || dim === undefined) return shape.map((_, i) => i);
  const list = typeof dim === "number" ? [dim] : dim;
  if (list.length === 0) return shape.map((_, i) => i);
  return normalize_dims(list, shape.length);
}

export function sum(x: Tensor, ...args: ReduceArgs): Tensor {
  const o = parse_reduce("sum", args);
  return sum_op(x, o.dim ?? (args.length ? null : undefined), o.keepdim ?? false, o.dtype);
}

const mean_op = defineOp({
  name: "mean",
  node: (_x: Tensor, dim: Dims | undefined) => (dim === undefined ? "MeanBackward0" : "MeanBackward1"),
  forward(_ctx, x: Tensor, dim: Dims | undefined, keepdim: boolean, dtype: DType | undefined) {
    const d = dtype ?? x.dtype;
    if (!d.is_floating_point) {
      throw new Error(
        `mean(): could not infer output dtype. Input dtype must be either a floating point or complex dtype. Got: ${dtype_title(x.dtype)}`,
      );
    }
    const dims = reduce_dims(x, dim);
    const n = dims.reduce((p, i) => p * x.shape[i], 1);
    const s = reduce_kernel("sum", x, dims, keepdim, d);
    const sd = s._storage.data;
    for (let i = 0; i < sd.length; i++) sd[i] = sd[i] / n;
    return s;
  },
  // self: grad.expand(self.sizes()) / self.numel() over the reduced dims
  backward(ctx, grad) {
    const [, dim, keepdim] = ctx.args;
    const shape = ctx.inputs[0]?.shape ?? [];
    const dims = reduce_dims_of(shape, dim);
    const n = dims.reduce((p, i) => p * shape[i], 1);
    return [expand_reduced(grad, shape, dims, keepdim).div(n)];
  },
});

function dtype_title(d: DType): string {
  return { float32: "Float", float64: "Double", int64: "Long", int32: "Int", bool: "Bool" }[d.name];
}

export function mean(x: Tensor, ...args: ReduceArgs): Tensor {
  const o = parse_reduce("mean", args);
  return mean_op(x, o.dim ?? (args.length ? null : undefined), o.keepdim ?? false, o.dtype);
}

/**
 * Sums x down to `size` (leading dims removed, size-1 dims summed), the reverse of expand.
 * The engine uses it to un-broadcast gradients.
 */
export function sum_to_size(x: Tensor, ...size: number[] | [readonly number[]]): Tensor {
  const target: readonly number[] = Array.isArray(size[0]) ? size[0] : (size as number[]);
  const lead = x.shape.length - target.length;
  if (lead < 0)
    throw new Error(`size {${target.join(", ")}} is not expandable to size {${x.shape.join(", ")}}.`);
  const dims: number[] = [];
  for (let i = 0; i < x.shape.length; i++) {
    if (i < lead) dims.push(i);
    else if (target[i - lead] === 1 && x.shape[i] !== 1) dims.push(i);
    else if (target[i - lead] !== x.shape[i]) {
      throw new Error(`size {${target.join(", ")}} is not expandable to size {${x.shape.join(", ")}}.`);
    }
  }
  if (dims.length === 0) return x;
  const r = sum(x, dims, true);
  return lead > 0 ? r.view(target) : r;
}
