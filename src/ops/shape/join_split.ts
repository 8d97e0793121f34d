/**
 * Joining and splitting: cat/stack (and the h/v/dstack composites) copy their inputs into one
 * new tensor, with type promotion across the list; split, chunk, unbind and tensor_split
 * return views of their input. split and unbind are multi-output ops (one node shared by
 * every piece, as PyTorch's SplitBackward0 and UnbindBackward0); tensor_split gives each piece
 * its own SliceBackward0, as PyTorch composes it from slices.
 */
import type { StridedView } from "../../backends/backend.js";
import { kernels } from "../../backends/index.js";
import { promote_types, type DType } from "../../dtype.js";
import { fmt_shape, normalize_dim } from "../../shape.js";
import type { Tensor } from "../../tensor/tensor.js";
import { kwargs } from "../../tensor/args.js";
import { empty_tensor } from "../../tensor/make.js";
import { defineMultiOp, defineOp, type OpFn } from "../../autograd/define.js";
import { int_arg, ints_arg } from "../../errors.js";
import { make_view } from "./make_view.js";
import { narrow_op, slice_bounds } from "./slice.js";
import { op_table } from "../table.js";

/** out's window [start, start + size) along dim, as a kernel view. */
function window(out: Tensor, dim: number, start: number, size: number): StridedView {
  const shape = out.shape.slice();
  shape[dim] = size;
  return {
    data: out._storage.data,
    dtype: out.dtype,
    shape,
    strides: out._strides,
    offset: out._offset + start * out._strides[dim],
  };
}

function result_dtype(tensors: readonly Tensor[]): DType {
  return tensors.map((t) => t.dtype).reduce((a, b) => promote_types(a, b));
}

/** cat's legacy rule: 1-D empty tensors are skipped whatever the other tensors' shapes. */
const skipped = (t: Tensor) => t.shape.length === 1 && t.shape[0] === 0;

const cat_op: OpFn<[tensors: readonly Tensor[], dim: number]> = defineOp({
  name: "cat",
  node: "CatBackward0",
  forward(_ctx, tensors: readonly Tensor[], dim: number) {
    if (tensors.length === 0) throw new Error("torch.cat(): expected a non-empty list of Tensors");
    tensors.forEach((t, i) => {
      if (t.shape.length === 0) {
        throw new Error(`zero-dimensional tensor (at position ${i}) cannot be concatenated`);
      }
    });
    const dtype = result_dtype(tensors);
    const ref = tensors.find((t) => !skipped(t));
    // all skipped: PyTorch leaves dim unchecked (legacy_cat_wrap_dim finds no tensor to wrap it by)
    if (!ref) return empty_tensor([0], dtype);
    const d = normalize_dim(dim, ref.shape.length);
    let total = 0;
    tensors.forEach((t, i) => {
      if (skipped(t)) return;
      if (t.shape.length !== ref.shape.length) {
        throw new Error(
          `Tensors must have same number of dimensions: got ${ref.shape.length} and ${t.shape.length}`,
        );
      }
      t.shape.forEach((s, k) => {
        if (k !== d && s !== ref.shape[k]) {
          throw new Error(
            `Sizes of tensors must match except in dimension ${d}. Expected size ${ref.shape[k]} but got size ${s} for tensor number ${i} in the list.`,
          );
        }
      });
      total += t.shape[d];
    });
    const shape = ref.shape.slice();
    shape[d] = total;
    const out = empty_tensor(shape, dtype);
    let pos = 0;
    for (const t of tensors) {
      if (skipped(t)) continue;
      kernels().copy(t._view(), window(out, d, pos, t.shape[d]));
      pos += t.shape[d];
    }
    return out;
  },
  // tensors: cat_tensors_backward: the gradient's slice for each input (zeros [0] for skipped ones)
  backward(ctx, grad) {
    const metas = ctx.inputs;
    const ref = metas.find((m) => m && !(m.shape.length === 1 && m.shape[0] === 0));
    const d = ref ? normalize_dim(ctx.args[1], ref.shape.length) : 0;
    let pos = 0;
    const grads = metas.map((m, i) => {
      const shape = m?.shape ?? [0];
      if (shape.length === 1 && shape[0] === 0) return grad.new_zeros([0]);
      const g = ctx.needs_input_grad[i] ? narrow_op(grad, d, pos, shape[d]) : null;
      pos += shape[d];
      return g;
    });
    return [grads];
  },
});

type DimArgs = [] | [number] | [{ dim?: number }] | [number, { dim?: number }];

function dim_of(op: string, args: readonly unknown[], fallback = 0): number {
  return kwargs<{ dim: number }>(op, args, ["dim"]).dim ?? fallback;
}

/** torch.cat(tensors, dim = 0), also torch.concat and torch.concatenate. */
export function cat(tensors: readonly Tensor[], ...args: DimArgs): Tensor {
  return cat_op(tensors, dim_of("cat", args));
}
export const concat = cat;
export const concatenate = cat;

const stack_op: OpFn<[tensors: readonly Tensor[], dim: number]> = defineOp({
  name: "stack",
  node: "StackBackward0",
  forward(_ctx, tensors: readonly Tensor[], dim: number) {
    if (tensors.length === 0) throw new Error("stack expects a non-empty TensorList");
    const first = tensors[0];
    const d = normalize_dim(dim, first.shape.length + 1);
    tensors.forEach((t, i) => {
      if (t.shape.length !== first.shape.length || t.shape.some((s, k) => s !== first.shape[k])) {
        throw new Error(
          `stack expects each tensor to be equal size, but got ${fmt_shape(first.shape)} at entry 0 and ${fmt_shape(t.shape)} at entry ${i}`,
        );
      }
    });
    const dtype = result_dtype(tensors);
    const shape = first.shape.slice();
    shape.splice(d, 0, tensors.length);
    const out = empty_tensor(shape, dtype);
    tensors.forEach((t, i) => {
      const w = window(out, d, i, 1);
      const strides = w.strides.slice();
      strides.splice(d, 1);
      kernels().copy(t._view(), { ...w, shape: t.shape, strides });
    });
    return out;
  },
  // tensors: stack_tensors_backward: grad.unbind(dim), one piece per input
  backward(ctx, grad) {
    const d = normalize_dim(ctx.args[1], grad.shape.length);
    return [ctx.inputs.map((_, i) => (ctx.needs_input_grad[i] ? grad.select(d, i) : null))];
  },
});

/** Joins tensors of one shape along a new dim (default 0). */
export function stack(tensors: readonly Tensor[], ...args: DimArgs): Tensor {
  return stack_op(tensors, dim_of("stack", args));
}

/** atleast_1d/2d/3d: views adding leading (and for 3-D, trailing) dims as PyTorch does. */
export function atleast_1d(x: Tensor): Tensor {
  return x.shape.length === 0 ? x.reshape([1]) : x;
}
/** The tensor viewed with at least two dims (a leading size-1 dim added as needed). */
export function atleast_2d(x: Tensor): Tensor {
  const nd = x.shape.length;
  return nd === 0 ? x.reshape([1, 1]) : nd === 1 ? x.unsqueeze(0) : x;
}
/** The tensor viewed with at least three dims: a scalar becomes 1x1x1, a vector 1xNx1, a matrix MxNx1. */
export function atleast_3d(x: Tensor): Tensor {
  const nd = x.shape.length;
  if (nd === 0) return x.reshape([1, 1, 1]);
  if (nd === 1) return x.unsqueeze(0).unsqueeze(-1);
  return nd === 2 ? x.unsqueeze(-1) : x;
}

function non_empty(op: string, tensors: readonly Tensor[]): void {
  if (tensors.length === 0) throw new Error(`${op} expects a non-empty TensorList`);
}

/** hstack: cat along dim 1, or 0 when the inputs are 1-D (after atleast_1d). */
export function hstack(tensors: readonly Tensor[]): Tensor {
  non_empty("hstack", tensors);
  const ts = tensors.map(atleast_1d);
  return cat_op(ts, ts[0].shape.length === 1 ? 0 : 1);
}
/** Concatenates along dim 0, after viewing 1-D inputs as rows (1xN). */
export function vstack(tensors: readonly Tensor[]): Tensor {
  non_empty("vstack", tensors);
  return cat_op(tensors.map(atleast_2d), 0);
}
/** Alias of {@link vstack}. */
export const row_stack = vstack;
/** Concatenates along dim 2, after {@link atleast_3d} on each input. */
export function dstack(tensors: readonly Tensor[]): Tensor {
  non_empty("dstack", tensors);
  return cat_op(tensors.map(atleast_3d), 2);
}

/** The gradient of split pieces: each piece's gradient (zeros where none came) concatenated. */
function cat_piece_grads(
  grads: (Tensor | null)[],
  shape: readonly number[],
  dim: number,
  sizes: number[],
  like: Tensor,
): Tensor {
  const parts = grads.map((g, i) => {
    if (g) return g;
    const s = shape.slice();
    s[dim] = sizes[i];
    return like.new_zeros(s);
  });
  return cat_op(parts, dim);
}

/** Pieces of `sizes` along dim (already normalized), as views sharing one node. */
const split_op = defineMultiOp({
  name: "split",
  node: (_x: Tensor, _sizes: readonly number[], _dim: number, node: string) => node,
  forward(_ctx, x: Tensor, sizes: readonly number[], dim: number, _node: string) {
    let pos = 0;
    return sizes.map((len) => {
      const shape = x.shape.slice();
      shape[dim] = len;
      const v = make_view(x, shape, x._strides, x._offset + pos * x._strides[dim]);
      pos += len;
      return v;
    });
  },
  // self: split_backward(grads, split_size, dim, self.sym_sizes(), self.options())
  backward(ctx, grads) {
    const [, sizes, dim] = ctx.args;
    const like = grads.find((g) => g !== null);
    if (!like) return [null];
    return [cat_piece_grads(grads, ctx.inputs[0]?.shape ?? [], dim, sizes.slice(), like)];
  },
});

function check_split_input(x: Tensor): void {
  if (x.shape.length === 0) throw new Error("split expects at least a 1-dimensional tensor");
}

/** split(split_size): pieces of split_size, the last one shorter (SplitBackward0). */
function split_even(x: Tensor, split_size: number, dim: number): Tensor[] {
  check_split_input(x);
  int_arg("split", "split_size", 1, split_size);
  if (split_size < 0) {
    throw new Error(`split expects split_size be non-negative, but got split_size=${split_size}`);
  }
  const d = normalize_dim(dim, x.shape.length);
  const size = x.shape[d];
  if (split_size === 0 && size !== 0) {
    throw new Error(`split_size can only be 0 if dimension size is 0, but got dimension size of ${size}`);
  }
  const n = split_size === 0 ? 1 : Math.max(Math.ceil(size / split_size), 1);
  const sizes = Array.from({ length: n }, (_, i) => (i < n - 1 ? split_size : size - split_size * (n - 1)));
  return split_op(x, sizes, d, "SplitBackward0");
}

/**
 * Splits along dim (default 0) into pieces of the given sizes, which must add up to the dim's size; the
 * pieces are views.
 */
export function split_with_sizes(x: Tensor, split_sizes: readonly number[], dim = 0): Tensor[] {
  check_split_input(x);
  ints_arg("split_with_sizes", "split_sizes", 1, split_sizes);
  const d = normalize_dim(dim, x.shape.length);
  if (split_sizes.some((s) => s < 0)) {
    throw new Error(
      `split_with_sizes expects split_sizes have only non-negative entries, but got split_sizes=${fmt_shape(split_sizes)}`,
    );
  }
  const total = split_sizes.reduce((a, b) => a + b, 0);
  if (total !== x.shape[d]) {
    throw new Error(
      `split_with_sizes expects split_sizes to sum exactly to ${x.shape[d]} (input tensor's size at dimension ${d}), but got split_sizes=${fmt_shape(split_sizes)}`,
    );
  }
  return split_op(x, split_sizes.slice(), d, "SplitWithSizesBackward0");
}

/** x.split(split_size | split_sizes, dim = 0): an int gives equal pieces, a list given sizes. */
export function split(
  x: Tensor,
  split_size_or_sections: number | readonly number[],
  ...args: DimArgs
): Tensor[] {
  const dim = dim_of("split", args);
  return typeof split_size_or_sections === "number"
    ? split_even(x, split_size_or_sections, dim)
    : split_with_sizes(x, split_size_or_sections, dim);
}

/**
 * Splits into `chunks` views of equal size along dim (default 0), the last one smaller; fewer when the size
 * does not allow that many.
 */
export function chunk(x: Tensor, chunks: number, ...args: DimArgs): Tensor[] {
  const dim = dim_of("chunk", args);
  int_arg("chunk", "chunks", 1, chunks);
  if (x.shape.length === 0) throw new Error("chunk expects at least a 1-dimensional tensor");
  if (chunks <= 0) throw new Error(`chunk expects \`chunks\` to be greater than 0, got: ${chunks}`);
  const size = x.shape[normalize_dim(dim, x.shape.length)];
  const split_size = Math.ceil(size / chunks);
  if (split_size === 0 && size === 0) {
    return split_with_sizes(x, new Array<number>(chunks).fill(0), dim);
  }
  return split_even(x, split_size, dim);
}

const unbind_op = defineMultiOp({
  name: "unbind",
  node: "UnbindBackward0",
  forward(_ctx, x: Tensor, dim: number) {
    const shape = x.shape.slice();
    const strides = x._strides.slice();
    shape.splice(dim, 1);
    strides.splice(dim, 1);
    return Array.from({ length: x.shape[dim] }, (_, i) =>
      make_view(x, shape, strides, x._offset + i * x._strides[dim]),
    );
  },
  // self: unbind_backward(grads, dim): the pieces' gradients stacked, zeros where none came
  backward(ctx, grads) {
    const like = grads.find((g) => g !== null);
    if (!like) return [null];
    const parts = grads.map((g) => g ?? like.new_zeros(like.shape));
    return [stack_op(parts, ctx.args[1])];
  },
});

/** The slices along dim (default 0), as views with that dim removed. */
export function unbind(x: Tensor, dim = 0): Tensor[] {
  if (x.shape.length === 0) {
    throw new RangeError(`Dimension specified as ${dim} but tensor has no dimensions`);
  }
  return unbind_op(x, normalize_dim(dim, x.shape.length));
}

/** tensor_split(sections | indices, dim = 0): slices, numpy's array_split semantics. */
export function tensor_split(
  x: Tensor,
  indices_or_sections: number | readonly number[],
  ...args: DimArgs
): Tensor[] {
  const dim = dim_of("tensor_split", args);
  if (typeof indices_or_sections === "number") int_arg("tensor_split", "sections", 1, indices_or_sections);
  else ints_arg("tensor_split", "indices", 1, indices_or_sections);
  if (x.shape.length === 0) {
    throw new Error(`tensor_split expected at least a 1-dimensional tensor, but got a tensor with 0 dims`);
  }
  const d = normalize_dim(dim, x.shape.length);
  const size = x.shape[d];
  const bounds: [number, number][] = [];
  if (typeof indices_or_sections === "number") {
    const sections = indices_or_sections;
    if (sections <= 0) throw new Error(`number of sections must be larger than 0, got ${sections}`);
    const min = Math.floor(size / sections);
    const extra = size % sections;
    let start = 0;
    for (let i = 0; i < sections; i++) {
      const len = i < extra ? min + 1 : min;
      bounds.push([start, start + len]);
      start += len;
    }
  } else {
    let start = 0;
    for (const idx of [...indices_or_sections, size]) {
      const [s, e] = slice_bounds(size, start, idx, 1);
      bounds.push([s, e]);
      start = idx;
    }
  }
  return bounds.map(([s, e]) => narrow_op(x, d, s, e - s));
}

function split_along(
  op: string,
  x: Tensor,
  arg: number | readonly number[],
  dim: number,
  min_dims: number,
): Tensor[] {
  if (x.shape.length < min_dims) {
    throw new Error(
      `torch.${op} requires a tensor with at least ${min_dims} dimension, but got a tensor with ${x.shape.length} dimensions!`,
    );
  }
  if (typeof arg === "number" && (arg === 0 || x.shape[dim] % arg !== 0)) {
    throw new Error(
      `torch.${op} attempted to split along dimension ${dim}, but the size of the dimension ${x.shape[dim]} is not divisible by the split_size ${arg}!`,
    );
  }
  return tensor_split(x, arg, dim);
}

/** {@link tensor_split} along dim 1 (dim 0 for 1-D tensors). */
export function hsplit(x: Tensor, sections: number | readonly number[]): Tensor[] {
  return split_along("hsplit", x, sections, x.shape.length === 1 ? 0 : 1, 1);
}
/** {@link tensor_split} along dim 0; needs at least two dims. */
export function vsplit(x: Tensor, sections: number | readonly number[]): Tensor[] {
  return split_along("vsplit", x, sections, 0, 2);
}
/** {@link tensor_split} along dim 2; needs at least three dims. */
export function dsplit(x: Tensor, sections: number | readonly number[]): Tensor[] {
  return split_along("dsplit", x, sections, 2, 3);
}

/** The op table of this file (src/ops/table.ts): its ops' torch.X functions and Tensor methods. */
export default op_table({
  atleast_1d: { fn: atleast_1d, variants: "function" },
  atleast_2d: { fn: atleast_2d, variants: "function" },
  atleast_3d: { fn: atleast_3d, variants: "function" },
  cat: { fn: cat, variants: "function" },
  chunk: { fn: chunk, variants: "function, method" },
  concat: { fn: concat, variants: "function" },
  concatenate: { fn: concatenate, variants: "function" },
  dsplit: { fn: dsplit, variants: "function, method" },
  dstack: { fn: dstack, variants: "function" },
  hsplit: { fn: hsplit, variants: "function, method" },
  hstack: { fn: hstack, variants: "function" },
  row_stack: { fn: row_stack, variants: "function" },
  split: { fn: split, variants: "function, method" },
  split_with_sizes: { fn: split_with_sizes, variants: "function, method" },
  stack: { fn: stack, variants: "function" },
  tensor_split: { fn: tensor_split, variants: "function, method" },
  unbind: { fn: unbind, variants: "function, method" },
  vsplit: { fn: vsplit, variants: "function, method" },
  vstack: { fn: vstack, variants: "function" },
});
