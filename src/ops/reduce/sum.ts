/**
 * Sums and products: sum, nansum, mean, nanmean, prod, and the boolean reductions all, any,
 * count_nonzero. Arguments follow API.md (`x.sum(1, true)`, `x.sum({ dim: 1, keepdim: true })`
 * and `x.sum(1, { keepdim: true })` are one call); `dim` may be an int, a list, or absent
 * (all). Kernels accumulate in double, so float32 results can differ from PyTorch's float32
 * pairwise sums in the last bit; integer and bool inputs sum to int64, as in PyTorch.
 * max/min live in minmax.ts, var/std/norm/logsumexp in stats.ts, scans in scan.ts.
 */
import { bool, float64, int64, type DType, scalar_type_name } from "../../dtype.js";
import { kernels } from "../../backends/index.js";
import { scalar_view } from "../kernel_views.js";
import type { Tensor } from "../../tensor/tensor.js";
import { kwargs } from "../../tensor/args.js";
import { defineOp, type OpFn } from "../../autograd/define.js";
import { flip_dim, pad_front_one } from "../indexing/grad_along_dim.js";
import { cumprod } from "./scan.js";
import {
  cast,
  const_binary,
  expand_reduced,
  has_zero,
  int_to_long,
  parse_reduce,
  reduce_dims,
  reduce_dims_of,
  reduce_kernel,
  reduced_numel,
  unsqueeze_reduced,
  type Dims,
  type ReduceArgs,
} from "./reduce_kernel.js";

export {
  parse_reduce,
  reduce_dims,
  reduced_shape,
  reduce_kernel,
  expand_reduced,
  type Dims,
  type ReduceArgs,
  type ReduceOptions,
} from "./reduce_kernel.js";
import { op_table } from "../table.js";

/** The dim argument as the op sees it: undefined when not given (the full-reduction overload). */
function dim_given(o: { dim?: Dims }): Dims | undefined {
  return "dim" in o ? (o.dim ?? null) : undefined;
}

const sum_op: OpFn<[x: Tensor, dim: Dims | undefined, keepdim: boolean, dtype: DType | undefined]> = defineOp(
  {
    name: "sum",
    node: (_x: Tensor, dim: Dims | undefined) => (dim === undefined ? "SumBackward0" : "SumBackward1"),
    forward(_ctx, x: Tensor, dim: Dims | undefined, keepdim: boolean, dtype: DType | undefined) {
      const d = int_to_long(x, dtype);
      return reduce_kernel("sum", cast(x, d), reduce_dims(x, dim), keepdim, d);
    },
    // self: grad.expand(self.sizes())
    backward(ctx, grad) {
      const [, dim, keepdim] = ctx.args;
      const shape = ctx.inputs[0]?.shape ?? [];
      return [expand_reduced(grad, shape, reduce_dims_of(shape, dim), keepdim)];
    },
  },
);

/**
 * The sum of all elements, or over dim (a number or a list) with `keepdim`; `{ dtype }` casts first.
 * Integer and bool inputs sum in int64, as in PyTorch.
 */
export function sum(x: Tensor, ...args: ReduceArgs): Tensor {
  const o = parse_reduce("sum", args);
  return sum_op(x, dim_given(o), o.keepdim ?? false, o.dtype);
}

const nansum_op: OpFn<[x: Tensor, dim: Dims | undefined, keepdim: boolean, dtype: DType | undefined]> =
  defineOp({
    name: "nansum",
    node: "NansumBackward0",
    forward(ctx, x: Tensor, dim: Dims | undefined, keepdim: boolean, dtype: DType | undefined) {
      ctx.save(x);
      const d = int_to_long(x, dtype);
      return reduce_kernel("nansum", cast(x, d), reduce_dims(x, dim), keepdim, d);
    },
    // self: grad.expand(self.sizes()) * self.isnan().logical_not()
    backward(ctx, grad) {
      const [, dim, keepdim] = ctx.args;
      const x = ctx.saved[0];
      const g = expand_reduced(grad, x.shape, reduce_dims_of(x.shape, dim), keepdim);
      return [g.mul(const_binary("eq", x, x))];
    },
  });

/** {@link sum} treating NaN as zero. */
export function nansum(x: Tensor, ...args: ReduceArgs): Tensor {
  const o = parse_reduce("nansum", args);
  return nansum_op(x, dim_given(o), o.keepdim ?? false, o.dtype);
}

const mean_op: OpFn<[x: Tensor, dim: Dims | undefined, keepdim: boolean, dtype: DType | undefined]> =
  defineOp({
    name: "mean",
    node: (_x: Tensor, dim: Dims | undefined) => (dim === undefined ? "MeanBackward0" : "MeanBackward1"),
    forward(_ctx, x: Tensor, dim: Dims | undefined, keepdim: boolean, dtype: DType | undefined) {
      const d = dtype ?? x.dtype;
      if (!d.is_floating_point) {
        const which = dtype ? "Optional dtype" : "Input dtype";
        throw new Error(
          `mean(): could not infer output dtype. ${which} must be either a floating point or complex dtype. Got: ${scalar_type_name(d)}`,
        );
      }
      const dims = reduce_dims(x, dim);
      const n = reduced_numel(x.shape, dims);
      const s = reduce_kernel("sum", x, dims, keepdim, d);
      kernels().binary("div", s._view(), scalar_view(n, s.shape, float64), s._view());
      return s;
    },
    // self: grad.expand(self.sizes()) / (number of elements reduced)
    backward(ctx, grad) {
      const [, dim, keepdim] = ctx.args;
      const shape = ctx.inputs[0]?.shape ?? [];
      const dims = reduce_dims_of(shape, dim);
      return [expand_reduced(grad, shape, dims, keepdim).div(reduced_numel(shape, dims))];
    },
  });

/** The mean of all elements, or over dim with `keepdim`; floating inputs only (or pass `{ dtype }`). */
export function mean(x: Tensor, ...args: ReduceArgs): Tensor {
  const o = parse_reduce("mean", args);
  return mean_op(x, dim_given(o), o.keepdim ?? false, o.dtype);
}

/** PyTorch composes nanmean: nansum(x) / (number of non-NaN elements), so its node is DivBackward0. */
export function nanmean(x: Tensor, ...args: ReduceArgs): Tensor {
  const o = parse_reduce("nanmean", args);
  if (!x.dtype.is_floating_point) {
    throw new Error(
      `nanmean(): expected input to have floating point or complex dtype but got ${scalar_type_name(x.dtype)}`,
    );
  }
  const dim = dim_given(o);
  const keepdim = o.keepdim ?? false;
  const count = reduce_kernel("count_nonzero", const_binary("eq", x, x), reduce_dims(x, dim), keepdim, int64);
  return nansum_op(x, dim, keepdim, o.dtype).div(count);
}

export type ProdArgs =
  | []
  | [{ dtype?: DType }]
  | [number]
  | [number, boolean]
  | [number, { keepdim?: boolean; dtype?: DType }]
  | [number, boolean, { dtype?: DType }]
  | [{ dim: number; keepdim?: boolean; dtype?: DType }];

const prod_op: OpFn<[x: Tensor, dim: number | undefined, keepdim: boolean, dtype: DType | undefined]> =
  defineOp({
    name: "prod",
    node: (_x: Tensor, dim: number | undefined) => (dim === undefined ? "ProdBackward0" : "ProdBackward1"),
    forward(ctx, x: Tensor, dim: number | undefined, keepdim: boolean, dtype: DType | undefined) {
      const d = int_to_long(x, dtype);
      const r = reduce_kernel("prod", cast(x, d), reduce_dims(x, dim), keepdim, d);
      ctx.save(x, r);
      return r;
    },
    backward(ctx, grad) {
      const [, dim, keepdim] = ctx.args;
      const [x, result] = ctx.saved;
      if (x.dim() === 0) return [grad];
      if (dim === undefined) {
        // prod_backward: grad * (result / self) without zeros; else the zero-safe form on the flat input
        if (!has_zero(x)) return [grad.mul(result.div(x))];
        return [prod_safe_zeros_backward(grad, x.reshape(-1), 0).view(x.shape)];
      }
      const dims = reduce_dims_of(x.shape, dim);
      const g = unsqueeze_reduced(grad, x.shape, dims, keepdim);
      if (!has_zero(x)) return [g.mul(unsqueeze_reduced(result, x.shape, dims, keepdim).div(x))];
      return [prod_safe_zeros_backward(g, x, dims[0])];
    },
  });

/**
 * PyTorch's prod_safe_zeros_backward: each element's gradient is the product of all the
 * others, as (exclusive cumprod from the left) * (exclusive cumprod from the right), which
 * stays exact when the input has zeros.
 */
function prod_safe_zeros_backward(grad: Tensor, x: Tensor, dim: number): Tensor {
  const n = x.shape[dim];
  if (x.numel() === 0) return grad.expand(x.shape);
  if (n === 1) return grad;
  const left = cumprod(pad_front_one(x.narrow(dim, 0, n - 1), dim), dim);
  const right = flip_dim(cumprod(pad_front_one(flip_dim(x.narrow(dim, 1, n - 1), dim), dim), dim), dim);
  return grad.mul(left.mul(right));
}

/**
 * The product of all elements, or along one dim with `keepdim`; integer and bool inputs multiply in int64.
 */
export function prod(x: Tensor, ...args: ProdArgs): Tensor {
  const o = kwargs<{ dim: number; keepdim: boolean; dtype: DType }>("prod", args, [
    "dim",
    "keepdim",
    "dtype",
  ]);
  if (o.dim !== undefined && typeof o.dim !== "number") {
    throw new TypeError("prod(): argument 'dim' must be int, not list (prod reduces one dim at a time)");
  }
  return prod_op(x, o.dim, o.keepdim ?? false, o.dtype);
}

export type BoolReduceArgs =
  [] | [Dims] | [Dims, boolean] | [Dims, { keepdim?: boolean }] | [{ dim?: Dims; keepdim?: boolean }];

function bool_reduce(op: "all" | "any", x: Tensor, args: readonly unknown[]): Tensor {
  const o = kwargs<{ dim: Dims; keepdim: boolean }>(op, args, ["dim", "keepdim"]);
  return reduce_kernel(op, x, reduce_dims(x, o.dim), o.keepdim ?? false, bool);
}

/** Whether every element is nonzero; a bool tensor, as PyTorch's for every input dtype but uint8. */
export function all(x: Tensor, ...args: BoolReduceArgs): Tensor {
  return bool_reduce("all", x, args);
}

/** Whether any element is nonzero, over dims (all by default) with `keepdim`; a bool tensor. */
export function any(x: Tensor, ...args: BoolReduceArgs): Tensor {
  return bool_reduce("any", x, args);
}

/** Number of nonzero elements over dim (int, list or all), as int64; no keepdim, as PyTorch. */
export type CountNonzeroArgs = [] | [Dims] | [{ dim?: Dims }];

/** Number of nonzero elements over dim (a number, a list or all), as int64; no keepdim, as in PyTorch. */
export function count_nonzero(x: Tensor, ...args: CountNonzeroArgs): Tensor {
  const o = kwargs<{ dim: Dims }>("count_nonzero", args, ["dim"]);
  return reduce_kernel("count_nonzero", x, reduce_dims(x, o.dim), false, int64);
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
  const r = sum_op(x, dims, true, undefined);
  return lead > 0 ? r.view(target) : r;
}

/** The op table of this file (src/ops/table.ts): its ops' torch.X functions and Tensor methods. */
export default op_table({
  all: { fn: all, variants: "function, method" },
  any: { fn: any, variants: "function, method" },
  count_nonzero: { fn: count_nonzero, variants: "function, method" },
  mean: { fn: mean, variants: "function, method" },
  nanmean: { fn: nanmean, variants: "function, method" },
  nansum: { fn: nansum, variants: "function, method" },
  prod: { fn: prod, variants: "function, method" },
  sum: { fn: sum, variants: "function, method" },
  sum_to_size: { fn: sum_to_size, variants: "method" },
});
