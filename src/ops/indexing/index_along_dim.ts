/**
 * Ops along one dim addressed by a 1-D index: index_select (read), index_add, index_copy and
 * index_fill (write, with in-place forms from defineOp). The index is laid over the iteration
 * shape along that dim only, so one index_gather/index_scatter kernel call does each.
 * Backwards follow derivatives.yaml; index_select and index_add are each other's derivative.
 */
import { kernels } from "../../backends/index.js";
import { check_number_options } from "../../tensor/args.js";
import type { ScatterMode } from "../../backends/kernels.js";
import { bool, checked_convert, float64, int32, int64, scalar_type_name } from "../../dtype.js";
import { fmt_shape, normalize_dim } from "../../shape.js";
import { Tensor } from "../../tensor/tensor.js";
import { empty_tensor } from "../../tensor/make.js";
import { defineOp, type OpFn } from "../../autograd/define.js";
import { along_dim, check_bounds, start_from, term, window } from "./index_views.js";
import { broadcast_view, scalar_view } from "../kernel_views.js";
import { op_table } from "../table.js";
import { assert_no_overlap, read_first } from "../../tensor/overlap.js";

function check_vector_index(op: string, index: Tensor, int32_ok: boolean, long_message: boolean): void {
  const ok = index.dtype === int64 || (int32_ok && index.dtype === int32);
  if (!ok) {
    if (long_message)
      throw new Error(`${op}(): Expected a long tensor for index, but got ${scalar_type_name(index.dtype)}`);
    throw new Error(
      int32_ok
        ? `${op}(): Expected dtype int32/int64 for index but got: ${scalar_type_name(index.dtype)}`
        : `${op}(): Expected dtype int64 for index.`,
    );
  }
}

/** The iteration shape of an index_* write: self's shape with n entries along dim. */
function along(self: Tensor, dim: number, n: number): number[] {
  const shape = self.shape.slice();
  if (shape.length) shape[dim] = n;
  return shape;
}

/** Writes src (laid over `shape`) into out at index along dim. */
function index_write(
  mode: ScatterMode,
  out: Tensor,
  dim: number,
  index: Tensor,
  src: Tensor | number,
  shape: number[],
): void {
  if (out.dim() === 0) {
    if (index.numel() > 0) {
      const v = src instanceof Tensor ? src._view() : scalar_view(src, [], float64);
      kernels().index_scatter(mode, { ...v, shape: [], strides: [] }, [], out._view());
    }
    return;
  }
  const sv = src instanceof Tensor ? broadcast_view(src, shape) : scalar_view(src, shape, float64);
  const t = { index: along_dim(index, shape, dim), stride: out._strides[dim], size: out.shape[dim] };
  kernels().index_scatter(mode, sv, [t], window(out, shape, dim));
}

function check_source(op: string, self: Tensor, dim: number, index: Tensor, source: Tensor): void {
  if (source.dtype !== self.dtype) {
    throw new Error(
      `${op}(): self (${scalar_type_name(self.dtype)}) and source (${scalar_type_name(source.dtype)}) must have the same scalar type`,
    );
  }
  if (source.dim() !== self.dim() && source.dim() > 0 && self.dim() > 0) {
    throw new RangeError(
      `${op}(): When source and destination are not scalars, their dimensionality must match. Source dimensionality (${source.dim()}), destination dimensionality (${self.dim()})`,
    );
  }
  const slice_of = (t: Tensor) => t.shape.filter((_, d) => d !== dim);
  const [ds, ss] = [slice_of(self), slice_of(source)];
  if (source.dim() === self.dim() && ds.some((v, d) => v !== ss[d])) {
    throw new Error(
      `${op}(): Source/destination tensor must have same slice shapes. Destination slice shape: ${ds.join(", ")} at dimension ${dim} and source slice shape: ${ss.join(", ")} at dimension 0.`,
    );
  }
  const n = index.numel();
  const sd = source.dim() === 0 ? 1 : source.shape[dim];
  if (sd !== n) {
    throw new Error(
      `${op}(): Number of indices (${n}) should be equal to source.size(dim): (${sd}), for dim: ${dim}`,
    );
  }
}

const index_add_op: OpFn<[Tensor, number, Tensor, Tensor, number]> = defineOp({
  name: "index_add",
  node: "IndexAddBackward0",
  differentiable: [0, 3],
  forward(ctx, self: Tensor, dim: number, index: Tensor, source: Tensor, alpha: number) {
    check_vector_index("index_add_", index, true, false);
    if (index.dim() > 1) {
      throw new RangeError(
        `index_add_(): Index is supposed to be a vector, but got dim: ${index.dim()} with type: ${scalar_type_name(index.dtype)} and size: ${fmt_shape(index.shape)}`,
      );
    }
    check_source("index_add_", self, dim, index, source);
    check_bounds(index, self.shape[dim] ?? 1, () => new RangeError("index out of range in self"), false);
    const out = start_from(ctx, self);
    const src = alpha === 1 ? source : source.mul(alpha).to(self.dtype);
    index_write("add", out, dim, index, src, along(self, dim, index.numel()));
    return out;
  },
  // self: grad; source: maybe_multiply(grad.index_select(dim, index), alpha)
  backward(ctx, grad) {
    const [, dim, index, , alpha] = ctx.args;
    if (!ctx.needs_input_grad[1]) return [grad, null];
    const g = index_select_op(grad, dim, index);
    return [grad, alpha === 1 ? g : g.mul(alpha)];
  },
});

/**
 * A copy of input with `alpha * source` (alpha 1 by default) added at the positions `index` (int64) names
 * along dim; repeated indices accumulate.
 */
export function index_add(
  input: Tensor,
  dim: number,
  index: Tensor,
  source: Tensor,
  options?: { alpha?: number },
): Tensor {
  check_number_options("index_add", options, ["alpha"]);
  return index_add_op(input, normalize_dim(dim, input.dim()), index, source, options?.alpha ?? 1);
}
export function index_add_(
  self: Tensor,
  dim: number,
  index: Tensor,
  source: Tensor,
  options?: { alpha?: number },
): Tensor {
  check_number_options("index_add_", options, ["alpha"]);
  assert_no_overlap(self, index);
  assert_no_overlap(self, source);
  return index_add_op.inplace(self, normalize_dim(dim, self.dim()), index, source, options?.alpha ?? 1);
}

const index_fill_op: OpFn<[Tensor, number, Tensor, number | Tensor]> = defineOp({
  name: "index_fill",
  allows_internal_overlap: true,
  node: (_s: Tensor, _d: number, _i: Tensor, v: number | Tensor) =>
    v instanceof Tensor ? "IndexFillBackward1" : "IndexFillBackward0",
  differentiable: [0, 3],
  forward(ctx, self: Tensor, dim: number, index: Tensor, value: number | Tensor) {
    if (index.dtype !== int64) throw new RangeError("index_fill_(): Expected dtype int64 for index.");
    if (value instanceof Tensor && value.dim() !== 0) {
      throw new Error(
        `index_fill_ only supports a 0-dimensional value tensor, but got tensor with ${value.dim()} dimension(s).`,
      );
    }
    const size = self.shape[dim] ?? 1;
    check_bounds(
      index,
      size,
      (v) => new RangeError(`index ${v} is out of bounds for dimension ${dim} with size ${size}`),
    );
    const out = start_from(ctx, self);
    const v = checked_convert(value instanceof Tensor ? Number(value.item()) : value, self.dtype);
    index_write(
      "assign",
      out,
      dim,
      index,
      self.dtype === bool ? Number(v !== 0) : v,
      along(self, dim, index.numel()),
    );
    return out;
  },
  // self: grad.index_fill(dim, index, 0); value: grad.index_select(dim, std::get<0>(at::_unique(index))).sum()
  backward(ctx, grad) {
    const [, dim, index, value] = ctx.args;
    const gs = ctx.needs_input_grad[0] ? index_fill_op(grad, dim, index, 0) : null;
    if (!(value instanceof Tensor) || !ctx.needs_input_grad[1]) return [gs, null];
    const mask = index_fill_op(empty_tensor(grad.shape, grad.dtype), dim, index, 1);
    return [gs, grad.mul(mask).sum()];
  },
});

/**
 * A copy of input with `value` (a number or a 0-dim tensor) written at the positions `index` names along
 * dim.
 */
export function index_fill(
  input: Tensor,
  dim: number,
  index: Tensor,
  value: number | boolean | Tensor,
): Tensor {
  return index_fill_op(
    input,
    normalize_dim(dim, input.dim()),
    index,
    typeof value === "boolean" ? Number(value) : value,
  );
}
export function index_fill_(
  self: Tensor,
  dim: number,
  index: Tensor,
  value: number | boolean | Tensor,
): Tensor {
  // the index may not alias self; a tensor value may (PyTorch reads it first)
  assert_no_overlap(self, index);
  return index_fill_op.inplace(
    self,
    normalize_dim(dim, self.dim()),
    index,
    typeof value === "boolean" ? Number(value) : read_first(self, value),
  );
}

const index_copy_op: OpFn<[self: Tensor, dim: number, index: Tensor, source: Tensor]> = defineOp({
  name: "index_copy",
  node: "IndexCopyBackward0",
  differentiable: [0, 3],
  forward(ctx, self: Tensor, dim: number, index: Tensor, source: Tensor) {
    check_vector_index("index_copy_", index, false, true);
    if (source.dtype !== self.dtype) {
      throw new Error(
        `index_copy_(): self and source expected to have the same dtype, but got (self) ${scalar_type_name(self.dtype)} and (source) ${scalar_type_name(source.dtype)}`,
      );
    }
    check_source("index_copy_", self, dim, index, source);
    const size = self.shape[dim] ?? 1;
    check_bounds(
      index,
      size,
      (v) =>
        new RangeError(`index_copy_(): index ${v} is out of bounds for dimension ${dim} with size ${size}`),
      false,
    );
    const out = start_from(ctx, self);
    index_write("assign", out, dim, index, source, along(self, dim, index.numel()));
    return out;
  },
  // self: grad.index_fill(dim, index, 0); source: grad.index_select(dim, index)
  backward(ctx, grad) {
    const [, dim, index] = ctx.args;
    return [
      ctx.needs_input_grad[0] ? index_fill_op(grad, dim, index, 0) : null,
      ctx.needs_input_grad[1] ? index_select_op(grad, dim, index) : null,
    ];
  },
});

/** A copy of input with the slices of source written at the positions `index` names along dim. */
export function index_copy(input: Tensor, dim: number, index: Tensor, source: Tensor): Tensor {
  return index_copy_op(input, normalize_dim(dim, input.dim()), index, source);
}
export function index_copy_(self: Tensor, dim: number, index: Tensor, source: Tensor): Tensor {
  assert_no_overlap(self, index);
  assert_no_overlap(self, source);
  return index_copy_op.inplace(self, normalize_dim(dim, self.dim()), index, source);
}

// ---------------------------------------------------------------- index_select

/** input.index_select(dim, index): the entries of `index` along dim, in order. */
export const index_select_op: OpFn<[Tensor, number, Tensor]> = defineOp({
  name: "index_select",
  node: "IndexSelectBackward0",
  forward(_ctx, x: Tensor, dim: number, index: Tensor) {
    if (index.dtype !== int64 && index.dtype !== int32) {
      throw new Error("index_select(): Expected dtype int32 or int64 for index");
    }
    if (index.dim() > 1) throw new RangeError("index_select(): Index is supposed to be a vector");
    check_bounds(index, x.shape[dim] ?? 1, () => new RangeError("index out of range in self"), false);
    const shape = along(x, dim, index.numel());
    const out = empty_tensor(shape, x.dtype);
    if (x.dim() === 0) {
      if (index.numel() > 0) kernels().copy(x._view(), out._view());
      return out;
    }
    kernels().index_gather(window(x, shape, dim), [term(along_dim(index, shape, dim), x, dim)], out._view());
    return out;
  },
  // self: index_select_backward(grad, self.sizes(), dim, index) = zeros.index_add(dim, index, grad)
  backward: (ctx, grad) => [
    index_add_op(grad.new_zeros(ctx.inputs[0]?.shape ?? []), ctx.args[1], ctx.args[2], grad, 1),
  ],
});

/**
 * The slices along dim at the positions `index` (a 1-D integer tensor) names, in order, as a new tensor.
 */
export function index_select(input: Tensor, dim: number, index: Tensor): Tensor {
  return index_select_op(input, normalize_dim(dim, input.dim()), index);
}

/** The op table of this file (src/ops/table.ts): its ops' torch.X functions and Tensor methods. */
export default op_table({
  index_add: { fn: index_add, variants: "function, method", inplace: index_add_ },
  index_copy: { fn: index_copy, variants: "function, method", inplace: index_copy_ },
  index_fill: { fn: index_fill, variants: "function, method", inplace: index_fill_ },
  index_select: { fn: index_select, variants: "function, method" },
});
