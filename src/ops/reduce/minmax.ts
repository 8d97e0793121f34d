/**
 * max/min in their three forms (all elements: a value; along a dim: the named tuple
 * (values, indices); with a tensor: elementwise), amax/amin over dim lists, argmax/argmin.
 * NaN propagates (it counts as both the max and the min, as in PyTorch), ties pick the first
 * index, and reductions with no identity refuse empty inputs with PyTorch's messages.
 * Gradients follow PyTorch: max() spreads the gradient evenly over ties, max(dim) sends it to
 * the returned index, amax/amin split it evenly among the ties of each reduced slice.
 */
import { kernels } from "../../backends/index.js";
import { int64 } from "../../dtype.js";
import { normalize_dim } from "../../shape.js";
import { Tensor } from "../../tensor/tensor.js";
import { kwargs } from "../../tensor/args.js";
import { empty_tensor } from "../../tensor/make.js";
import { defineMultiOp, defineOp, type OpFn } from "../../autograd/define.js";
import { scatter_add_dim } from "../indexing/grad_along_dim.js";
import { maximum, minimum } from "../binary/math.js";
import { contiguous_copy } from "../convert/convert.js";
import { masked_grad } from "../pointwise/unary_kernel.js";
import {
  as_1d,
  check_nonempty,
  const_binary,
  const_unary,
  reduce_dims,
  reduce_dims_of,
  reduce_kernel,
  unsqueeze_reduced,
  type Dims,
} from "./reduce_kernel.js";
import { values_indices, type ValuesIndices } from "../return_types.js";
import { op_table } from "../table.js";
import { kernel_not_implemented } from "../kernel_checks.js";

type Extreme = "max" | "min";

/**
 * evenly_distribute_backward: the gradient of a full max/min, shared by every element equal to
 * it; zeros elsewhere (PyTorch's masked_fill, so an infinite gradient leaves no NaN there).
 */
function evenly_distribute(grad: Tensor, x: Tensor, value: Tensor): Tensor {
  const v = value.item() as number;
  const mask = v !== v ? const_unary("isnan", x) : const_binary("eq", x, value);
  const count = reduce_kernel("sum", mask, reduce_dims(mask, null), false, x.dtype).item() as number;
  return masked_grad(mask, grad.div(count));
}

function full_extreme(op: Extreme): OpFn<[x: Tensor]> {
  return defineOp({
    name: op,
    node: op === "max" ? "MaxBackward1" : "MinBackward1",
    forward(ctx, x: Tensor) {
      check_nonempty(op, x, [], true);
      const r = reduce_kernel(op, x, reduce_dims(x, null), false, x.dtype);
      ctx.save(x, r);
      return r;
    },
    // self: evenly_distribute_backward(grad, self, result)
    backward(ctx, grad) {
      const [x, r] = ctx.saved;
      return [evenly_distribute(grad, x, r)];
    },
  });
}

/** values and int64 indices of the max/min along dim d (already normalized). */
function arg_extreme(op: "argmax" | "argmin", x: Tensor, d: number, keepdim: boolean, with_values: boolean) {
  const shape = x.shape.slice();
  if (shape.length) {
    if (keepdim) shape[d] = 1;
    else shape.splice(d, 1);
  }
  const indices = empty_tensor(shape, int64);
  const values = with_values ? empty_tensor(shape, x.dtype) : null;
  kernels().arg_reduce(op, as_1d(x._view()), d, values && values._view(), indices._view());
  return { values, indices };
}

function dim_extreme(op: Extreme) {
  return defineMultiOp({
    name: op,
    node: op === "max" ? "MaxBackward0" : "MinBackward0",
    forward(ctx, x: Tensor, dim: number, keepdim: boolean) {
      const d = normalize_dim(dim, x.dim());
      check_nonempty(op, x, [d], false);
      const { values, indices } = arg_extreme(op === "max" ? "argmax" : "argmin", x, d, keepdim, true);
      ctx.save(indices);
      return [values as Tensor, indices];
    },
    // self: value_selecting_reduction_backward(grad, dim, indices, self.sizes(), keepdim)
    backward(ctx, grads) {
      const grad = grads[0];
      const shape = ctx.inputs[0]?.shape ?? [];
      if (!grad) return [null];
      if (shape.length === 0) return [grad];
      const d = normalize_dim(ctx.args[1], shape.length);
      let idx = ctx.saved[0];
      let g = grad;
      if (!ctx.args[2]) {
        g = g.unsqueeze(d);
        idx = idx.unsqueeze(d);
      }
      return [scatter_add_dim(g, d, idx, shape)];
    },
  });
}

const OPS = {
  max: { full: full_extreme("max"), dim: dim_extreme("max"), elementwise: maximum },
  min: { full: full_extreme("min"), dim: dim_extreme("min"), elementwise: minimum },
};

export type MaxDimArgs =
  [number] | [number, boolean] | [number, { keepdim?: boolean }] | [{ dim: number; keepdim?: boolean }];
export type MaxArgs = [] | [Tensor] | MaxDimArgs;

function extreme(op: Extreme, x: Tensor, args: readonly unknown[]): Tensor | ValuesIndices {
  if (args.length === 0) return OPS[op].full(x);
  if (args[0] instanceof Tensor) return OPS[op].elementwise(x, args[0]);
  const o = kwargs<{ dim: number; keepdim: boolean }>(op, args, ["dim", "keepdim"]);
  if (o.dim === undefined) return OPS[op].full(x);
  const [values, indices] = OPS[op].dim(x, o.dim, o.keepdim ?? false);
  return values_indices(op, values, indices);
}

/** torch.max: max(x) -> Tensor, max(x, dim, keepdim?) -> (values, indices), max(x, other) -> Tensor. */
export function max(x: Tensor): Tensor;
export function max(x: Tensor, other: Tensor): Tensor;
export function max(x: Tensor, ...args: MaxDimArgs): ValuesIndices;
export function max(x: Tensor, ...args: MaxArgs): Tensor | ValuesIndices;
export function max(x: Tensor, ...args: MaxArgs): Tensor | ValuesIndices {
  return extreme("max", x, args);
}

/**
 * torch.min: `min(x)` is the smallest element (NaN if any is NaN); `min(x, dim, keepdim?)` gives `{ values,
 * indices }` along dim (iterable as `[values, indices]`); `min(x, other)` is {@link minimum}.
 */
export function min(x: Tensor): Tensor;
export function min(x: Tensor, other: Tensor): Tensor;
export function min(x: Tensor, ...args: MaxDimArgs): ValuesIndices;
export function min(x: Tensor, ...args: MaxArgs): Tensor | ValuesIndices;
export function min(x: Tensor, ...args: MaxArgs): Tensor | ValuesIndices {
  return extreme("min", x, args);
}

function amax_op_of(op: Extreme): OpFn<[x: Tensor, dim: Dims, keepdim: boolean]> {
  const name = op === "max" ? "amax" : "amin";
  return defineOp({
    name,
    node: op === "max" ? "AmaxBackward0" : "AminBackward0",
    forward(ctx, x: Tensor, dim: Dims, keepdim: boolean) {
      const dims = reduce_dims(x, dim);
      const full = dim === null || (Array.isArray(dim) && dim.length === 0);
      check_nonempty(name, x, dims, full);
      const r = reduce_kernel(op, x, dims, keepdim, x.dtype);
      ctx.save(x, r);
      return r;
    },
    // self: scale_grad_by_count(restore_reduced_dims(grad, dim, keepdim), restore_reduced_dims(result, dim, keepdim) == self, dim)
    backward(ctx, grad) {
      const [x, r] = ctx.saved;
      const [, dim, keepdim] = ctx.args;
      const dims = reduce_dims_of(x.shape, dim);
      const mask = const_binary("eq", unsqueeze_reduced(r, x.shape, dims, keepdim), x, x.dtype);
      const count = reduce_kernel("sum", mask, dims, true, x.dtype);
      return [unsqueeze_reduced(grad, x.shape, dims, keepdim).div(count).mul(mask)];
    },
  });
}

const amax_op: OpFn<[x: Tensor, dim: Dims, keepdim: boolean]> = amax_op_of("max");
const amin_op: OpFn<[x: Tensor, dim: Dims, keepdim: boolean]> = amax_op_of("min");

export type AmaxArgs =
  [] | [Dims] | [Dims, boolean] | [Dims, { keepdim?: boolean }] | [{ dim?: Dims; keepdim?: boolean }];

/** The max over dims (all by default); ties share the gradient evenly. */
export function amax(x: Tensor, ...args: AmaxArgs): Tensor {
  const o = kwargs<{ dim: Dims; keepdim: boolean }>("amax", args, ["dim", "keepdim"]);
  return amax_op(x, o.dim ?? null, o.keepdim ?? false);
}

/** The min over dims (all by default, `keepdim` as in sum); ties share the gradient evenly. */
export function amin(x: Tensor, ...args: AmaxArgs): Tensor {
  const o = kwargs<{ dim: Dims; keepdim: boolean }>("amin", args, ["dim", "keepdim"]);
  return amin_op(x, o.dim ?? null, o.keepdim ?? false);
}

export type ArgmaxArgs =
  | []
  | [number | null]
  | [number | null, boolean]
  | [number | null, { keepdim?: boolean }]
  | [{ dim?: number | null; keepdim?: boolean }];

function arg_reduce(op: "argmax" | "argmin", x: Tensor, args: readonly unknown[]): Tensor {
  const o = kwargs<{ dim: number | null; keepdim: boolean }>(op, args, ["dim", "keepdim"]);
  // the kernel's dtype dispatch, after the shape checks: an empty result never reaches it
  const not_bool = () => {
    if (x.dtype.name === "bool" && x.numel() > 0) throw kernel_not_implemented(`${op}_cpu`, x.dtype);
  };
  const keepdim = o.keepdim ?? false;
  if (o.dim === undefined || o.dim === null) {
    check_nonempty(op, x, [], true);
    not_bool();
    // over the flattened input; keepdim keeps every dim as size 1
    const src = x.is_contiguous() ? x : contiguous_copy(x);
    const flat = {
      data: src._storage.data,
      dtype: src.dtype,
      shape: [x.numel()],
      strides: [1],
      offset: src._offset,
    };
    const out = empty_tensor(keepdim ? x.shape.map(() => 1) : [], int64);
    kernels().arg_reduce(op, flat, 0, null, out._view());
    return out;
  }
  const d = normalize_dim(o.dim, x.dim());
  check_nonempty(op, x, [d], false);
  // a dim of size 1 gives zeros without the kernel
  if (x.dim() === 0 || x.shape[d] !== 1) not_bool();
  return arg_extreme(op, x, d, keepdim, false).indices;
}

/** Index of the max (first occurrence; NaN counts as the max), int64. */
export function argmax(x: Tensor, ...args: ArgmaxArgs): Tensor {
  return arg_reduce("argmax", x, args);
}

/**
 * Index of the min (first occurrence; NaN counts as the min), int64; over the flattened tensor unless a dim
 * is given.
 */
export function argmin(x: Tensor, ...args: ArgmaxArgs): Tensor {
  return arg_reduce("argmin", x, args);
}

/** The op table of this file (src/ops/table.ts): its ops' torch.X functions and Tensor methods. */
export default op_table({
  amax: { fn: amax, variants: "function, method" },
  amin: { fn: amin, variants: "function, method" },
  argmax: { fn: argmax, variants: "function, method" },
  argmin: { fn: argmin, variants: "function, method" },
  max: { fn: max, variants: "function, method" },
  min: { fn: min, variants: "function, method" },
});
