/**
 * What every reduction shares: argument parsing (`x.sum(1, true)`, `x.sum({ dim: 1, keepdim:
 * true })` and `x.sum(1, { keepdim: true })` are one call), which dims are reduced, the output
 * shape, running a reduce kernel, putting a gradient back in the input's shape, and the
 * constant masks backward formulas multiply by (computed outside autograd: a mask has no
 * gradient, so building it from kernels is exact and keeps double backward correct).
 */
import { kernels } from "../../backends/index.js";
import type { StridedView } from "../../backends/backend.js";
import type { BinaryOp, ReduceOp, UnaryOp } from "../../backends/kernels.js";
import { bool, int64, type DType } from "../../dtype.js";
import { broadcast_shapes, normalize_dims } from "../../shape.js";
import type { Tensor } from "../../tensor/tensor.js";
import { kwargs } from "../../tensor/args.js";
import { empty_tensor } from "../../tensor/make.js";
import { broadcast_view } from "../kernel_views.js";

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

/** The reduced dims of a tensor of `shape` (all when dim is absent, null or an empty list). */
export function reduce_dims_of(shape: readonly number[], dim: Dims | undefined): number[] {
  if (dim === null || dim === undefined) return shape.map((_, i) => i);
  const list = typeof dim === "number" ? [dim] : dim;
  if (list.length === 0) return shape.map((_, i) => i);
  return normalize_dims(list, shape.length);
}

export function reduce_dims(x: Tensor, dim: Dims | undefined): number[] {
  return reduce_dims_of(x.shape, dim);
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

/** Runs a reduce kernel into a new tensor; a 0-dim input reduces over nothing (a copy). */
export function reduce_kernel(
  op: ReduceOp,
  x: Tensor,
  dims: readonly number[],
  keepdim: boolean,
  dtype: DType,
): Tensor {
  const out = empty_tensor(reduced_shape(x.shape, dims, keepdim), dtype);
  kernels().reduce(op, x._view(), dims, out._view());
  return out;
}

/** x in dtype, outside autograd (ops with a `dtype=` argument cast their input first). */
export function cast(x: Tensor, dtype: DType): Tensor {
  if (x.dtype === dtype) return x;
  const out = empty_tensor(x.shape, dtype);
  kernels().copy(x._view(), out._view());
  return out;
}

/** A reduced tensor with its reduced dims re-inserted as size 1 (the keepdim form). */
export function unsqueeze_reduced(
  t: Tensor,
  shape: readonly number[],
  dims: readonly number[],
  keepdim: boolean,
): Tensor {
  if (keepdim || shape.length === 0 || dims.length === 0) return t;
  return t.reshape(reduced_shape(shape, dims, true));
}

/** Gradient of a reduction, put back in the input's shape (re-inserting the reduced dims). */
export function expand_reduced(
  grad: Tensor,
  shape: readonly number[],
  dims: readonly number[],
  keepdim: boolean,
): Tensor {
  return unsqueeze_reduced(grad, shape, dims, keepdim).expand(shape);
}

/** Number of elements each output of a reduction over dims combines. */
export function reduced_numel(shape: readonly number[], dims: readonly number[]): number {
  return dims.reduce((p, d) => p * (shape[d] ?? 1), 1);
}

/** op(x) as a constant (no graph), in dtype (bool by default). */
export function const_unary(op: UnaryOp, x: Tensor, dtype: DType = bool, p0?: number): Tensor {
  const out = empty_tensor(x.shape, dtype);
  kernels().unary(op, x._view(), out._view(), p0);
  return out;
}

/** op(a, b) broadcast, as a constant (no graph), in dtype (bool by default). */
export function const_binary(op: BinaryOp, a: Tensor, b: Tensor, dtype: DType = bool): Tensor {
  const shape = broadcast_shapes(a.shape, b.shape);
  const out = empty_tensor(shape, dtype);
  kernels().binary(op, broadcast_view(a, shape), broadcast_view(b, shape), out._view());
  return out;
}

/** Whether any element of x is zero (prod and cumprod take a slower gradient path then). */
export function has_zero(x: Tensor): boolean {
  const out = empty_tensor([], bool);
  kernels().reduce(
    "all",
    x._view(),
    x.shape.map((_, i) => i),
    out._view(),
  );
  return out._storage.data[0] === 0;
}

/** sum's, prod's and the scans' default dtype: integers and bools accumulate in int64. */
export function int_to_long(x: Tensor, dtype: DType | undefined): DType {
  return dtype ?? (x.dtype.is_floating_point ? x.dtype : int64);
}

/** A 0-dim view reduces (or scans) as one element along a dim of size 1. */
export function as_1d(v: StridedView): StridedView {
  return v.shape.length ? v : { data: v.data, dtype: v.dtype, shape: [1], strides: [1], offset: v.offset };
}

/**
 * max/min/amax/argmax have no identity, so an empty reduction is refused with PyTorch's words:
 * a full reduction of an empty tensor (RuntimeError), or an empty reduced dim (IndexError).
 */
export function check_nonempty(op: string, x: Tensor, dims: readonly number[], full: boolean): void {
  if (full && x.numel() === 0) {
    const hint = op.startsWith("arg") ? "" : " Specify the reduction dim with the 'dim' argument.";
    const msg = `${op}(): Expected reduction dim to be specified for input.numel() == 0.${hint}`;
    if (op.startsWith("arg")) throw new RangeError(msg);
    throw new Error(msg);
  }
  for (const d of dims) {
    if (x.shape.length > 0 && x.shape[d] === 0) {
      throw new RangeError(`${op}(): Expected reduction dim ${d} to have non-zero size.`);
    }
  }
}
