/**
 * scatter (a src tensor or a scalar value, optionally reducing with add/multiply),
 * scatter_add and their inverse gather, plus masked_scatter. The writes are out-of-place ops
 * whose in-place forms (`scatter_`) defineOp derives: the forward copies self into the output
 * and then writes through the index_scatter kernel. Backwards follow derivatives.yaml; gather
 * and scatter_add are each other's derivative.
 */
import { kernels } from "../../backends/index.js";
import type { ScatterMode } from "../../backends/kernels.js";
import { bool, checked_convert, float64, int64, scalar_type_name } from "../../dtype.js";
import { broadcast_shapes, fmt_shape, normalize_dim } from "../../shape.js";
import { Tensor } from "../../tensor/tensor.js";
import { empty_tensor, scalar_tensor } from "../../tensor/make.js";
import { arange } from "../../tensor/factory.js";
import { contiguous_copy } from "../convert/convert.js";
import { defineOp, type OpFn } from "../../autograd/define.js";
import {
  check_bounds,
  laid_over,
  nonzero_column,
  nonzero_tensor,
  start_from,
  term,
  window,
} from "./index_views.js";
import { index_op, index_put_op } from "./advanced.js";
import { broadcast_view, scalar_view } from "../kernel_views.js";
import { op_table } from "../table.js";
import { assert_no_overlap, read_first } from "../../tensor/overlap.js";

// ---------------------------------------------------------------- scatter, scatter_add

/** ATen's scatter_gather_dtype_check and shape checks. */
function check_scatter(op: string, self: Tensor, dim: number, index: Tensor, src: Tensor | null): void {
  if (index.dtype !== int64) throw new Error(`${op}(): Expected dtype int64 for index`);
  if (src && src.dtype !== self.dtype)
    throw new Error(`${op}(): Expected self.dtype to be equal to src.dtype`);
  const nd = Math.max(self.dim(), 1);
  if (Math.max(index.dim(), 1) !== nd) {
    throw new Error("Index tensor must have the same number of dimensions as self tensor");
  }
  if (src && Math.max(src.dim(), 1) !== nd) {
    throw new Error("Index tensor must have the same number of dimensions as src tensor");
  }
  const too_big = index.shape.some(
    (s, d) => (d !== dim && s > (self.shape[d] ?? 1)) || (src !== null && s > (src.shape[d] ?? 1)),
  );
  if (too_big) {
    throw new Error(
      `Expected index ${fmt_shape(index.shape)} to be smaller than self ${fmt_shape(self.shape)} apart from dimension ${dim}${src ? ` and to be smaller size than src ${fmt_shape(src.shape)}` : ""}`,
    );
  }
  check_index_range(self, dim, index);
}

/** The scatter/gather kernels' check: every index in [0, self.size(dim)) (a 0-dim self has one). */
function check_index_range(self: Tensor, dim: number, index: Tensor): void {
  const size = self.shape[dim] ?? 1;
  check_bounds(
    index,
    size,
    (v) => new Error(`index ${v} is out of bounds for dimension ${dim} with size ${size}`),
    false,
  );
}

/** Writes src (a tensor or a scalar) into out at index along dim, over index's shape. */
function scatter_kernel(
  mode: ScatterMode,
  out: Tensor,
  dim: number,
  index: Tensor,
  src: Tensor | number,
): void {
  const shape = index.shape;
  if (out.dim() === 0) {
    // a 0-dim self is indexed as a 1-element vector
    const v = src instanceof Tensor ? src._view() : scalar_view(src, [], float64);
    if (index.numel() === 0) return;
    kernels().index_scatter(mode, { ...v, shape: [], strides: [] }, [], out._view());
    return;
  }
  const sv = src instanceof Tensor ? window(src, shape) : scalar_view(src, shape, float64);
  kernels().index_scatter(mode, sv, [term(index._view(), out, dim)], window(out, shape, dim));
}

type ScatterReduce = "add" | "multiply" | null;

const scatter_op: OpFn<[Tensor, number, Tensor, Tensor | number, ScatterReduce]> = defineOp({
  name: "scatter",
  node: (_s: Tensor, _d: number, _i: Tensor, src: Tensor | number, reduce: ScatterReduce) =>
    reduce !== null ? "NotImplemented" : src instanceof Tensor ? "ScatterBackward0" : "ScatterBackward1",
  differentiable: [0, 3],
  forward(ctx, self: Tensor, dim: number, index: Tensor, src: Tensor | number, reduce: ScatterReduce) {
    check_scatter("scatter", self, dim, index, src instanceof Tensor ? src : null);
    const out = start_from(ctx, self);
    const mode = reduce === null ? "assign" : reduce === "add" ? "add" : "multiply";
    scatter_kernel(mode, out, dim, index, src);
    return out;
  },
  // self: grad.scatter(dim, index, 0); src: grad.gather(dim, index)
  backward(ctx, grad) {
    const [, dim, index, src, reduce] = ctx.args;
    if (reduce !== null) throw new Error("derivative for aten::scatter is not implemented");
    return [
      ctx.needs_input_grad[0] ? scatter_op(grad, dim, index, 0, null) : null,
      ctx.needs_input_grad[1] && src instanceof Tensor ? gather_op(grad, dim, index) : null,
    ];
  },
});

export interface ScatterOptions {
  reduce?: "add" | "multiply";
}

function scatter_args(
  self: Tensor,
  dim: number,
  src: Tensor | number | boolean,
  options?: ScatterOptions,
): [number, Tensor | number, ScatterReduce] {
  const reduce = options?.reduce ?? null;
  if (reduce !== null && reduce !== "add" && reduce !== "multiply") {
    throw new Error("reduce argument must be either add or multiply.");
  }
  const d = normalize_dim(dim, self.dim());
  const value = typeof src === "boolean" ? Number(src) : src;
  return [d, value instanceof Tensor ? value : checked_convert(value, self.dtype), reduce];
}

/**
 * torch.scatter(input, dim, index, src | value, { reduce }): a copy of input with
 * out[index[i][j]][j] = src[i][j] (dim 0), src a tensor or a scalar value. With `reduce`
 * ('add' or 'multiply', deprecated in PyTorch 2 for scatter_reduce) the values combine and the
 * result has no derivative, as in PyTorch.
 */
export function scatter(
  input: Tensor,
  dim: number,
  index: Tensor,
  src: Tensor | number | boolean,
  options?: ScatterOptions,
): Tensor {
  const [d, s, r] = scatter_args(input, dim, src, options);
  return scatter_op(input, d, index, s, r);
}
export function scatter_(
  self: Tensor,
  dim: number,
  index: Tensor,
  src: Tensor | number | boolean,
  options?: ScatterOptions,
): Tensor {
  const [d, s, r] = scatter_args(self, dim, src, options);
  assert_no_overlap(self, index);
  if (s instanceof Tensor) assert_no_overlap(self, s);
  return scatter_op.inplace(self, d, index, s, r);
}

const scatter_add_op: OpFn<[Tensor, number, Tensor, Tensor]> = defineOp({
  name: "scatter_add",
  node: "ScatterAddBackward0",
  differentiable: [0, 3],
  forward(ctx, self: Tensor, dim: number, index: Tensor, src: Tensor) {
    check_scatter("scatter", self, dim, index, src);
    const out = start_from(ctx, self);
    scatter_kernel("add", out, dim, index, src);
    return out;
  },
  // self: grad; src: grad.gather(dim, index)
  backward: (ctx, grad) => [grad, ctx.needs_input_grad[1] ? gather_op(grad, ctx.args[1], ctx.args[2]) : null],
});

/**
 * A copy of input with each element of src added at the position `index` gives it along dim; repeated
 * positions accumulate.
 */
export function scatter_add(input: Tensor, dim: number, index: Tensor, src: Tensor): Tensor {
  return scatter_add_op(input, normalize_dim(dim, input.dim()), index, src);
}
export function scatter_add_(self: Tensor, dim: number, index: Tensor, src: Tensor): Tensor {
  assert_no_overlap(self, index);
  assert_no_overlap(self, src);
  return scatter_add_op.inplace(self, normalize_dim(dim, self.dim()), index, src);
}

// ---------------------------------------------------------------- gather

/** input.gather(dim, index): out[i][j] = input[index[i][j]][j] (dim 0). */
export const gather_op: OpFn<[Tensor, number, Tensor]> = defineOp({
  name: "gather",
  node: "GatherBackward0",
  forward(ctx, x: Tensor, dim: number, index: Tensor) {
    if (index.dtype !== int64) throw new Error("gather(): Expected dtype int64 for index");
    // derivatives.yaml saves self (gather_backward reads its sizes): a later in-place change
    // of it fails backward, as in PyTorch
    ctx.save(x);
    if (Math.max(index.dim(), 1) !== Math.max(x.dim(), 1)) {
      throw new Error("Index tensor must have the same number of dimensions as input tensor");
    }
    index.shape.forEach((s, d) => {
      if (d !== dim && s > x.shape[d]) {
        throw new Error(
          `Size does not match at dimension ${d} expected index ${fmt_shape(index.shape)} to be smaller than self ${fmt_shape(x.shape)} apart from dimension ${dim}`,
        );
      }
    });
    check_index_range(x, dim, index);
    const out = empty_tensor(index.shape, x.dtype);
    if (x.dim() === 0) {
      if (out.numel() > 0) kernels().copy(x._view(), out._view());
      return out;
    }
    kernels().index_gather(window(x, index.shape, dim), [term(index._view(), x, dim)], out._view());
    return out;
  },
  // self: zeros_like(self).scatter_add(dim, index, grad)
  backward: (ctx, grad) => [
    scatter_add_op(grad.new_zeros(ctx.saved[0].shape), ctx.args[1], ctx.args[2], grad),
  ],
});

/** torch.gather(input, dim, index, { sparse_grad }): sparse_grad is accepted and ignored. */
export function gather(
  input: Tensor,
  dim: number,
  index: Tensor,
  _options?: { sparse_grad?: boolean },
): Tensor {
  return gather_op(input, normalize_dim(dim, input.dim()), index);
}

// ---------------------------------------------------------------- masked_scatter

function check_mask(op: string, mask: Tensor): void {
  if (mask.dtype !== bool) throw new Error(`${op}: expected BoolTensor for mask`);
}

const masked_scatter_op: OpFn<[self: Tensor, mask: Tensor, source: Tensor]> = defineOp({
  name: "masked_scatter",
  node: "MaskedScatterBackward0",
  differentiable: [0, 2],
  forward(ctx, self: Tensor, mask: Tensor, source: Tensor) {
    check_mask("masked_scatter_", mask);
    if (source.dtype !== self.dtype) {
      throw new Error(
        `masked_scatter: expected self and source to have same dtypes but got${scalar_type_name(self.dtype)} and ${scalar_type_name(source.dtype)}`,
      );
    }
    const shape = broadcast_shapes(self.shape, mask.shape);
    const out = ctx.output(shape, self.dtype);
    if (out !== self) kernels().copy(broadcast_view(self, shape), out._view());
    const nz = nonzero_tensor(mask.expand(shape));
    const n = nz.shape[0];
    if (source.numel() < n) throw new Error("Number of elements of source < number of ones in mask");
    const src = source.is_contiguous() ? source : contiguous_copy(source);
    const sv = laid_over({ data: src._storage.data, dtype: src.dtype, offset: src._offset }, [n], [1]);
    const terms = shape.map((_, d) => ({
      index: nonzero_column(nz, d),
      stride: out._strides[d],
      size: shape[d],
    }));
    kernels().index_scatter("assign", sv, terms, laid_over(out._view(), [n], [0]));
    return out;
  },
  // self: grad.masked_fill(mask, 0); source: masked_scatter_backward(grad, mask, source.sizes())
  backward(ctx, grad) {
    const [, mask, source] = ctx.args;
    const m = mask.expand(grad.shape);
    const gs = ctx.needs_input_grad[0] ? index_put_op(grad, [m], scalar_tensor(0, grad.dtype), false) : null;
    if (!ctx.needs_input_grad[1]) return [gs, null];
    const picked = index_op(grad, [m]);
    const n = source.numel();
    const flat = index_put_op(grad.new_zeros([n]), [arange(picked.numel())], picked, false);
    return [gs, flat.view(source.shape)];
  },
});

/** A copy of input where the positions mask (broadcast) selects take source's elements in order. */
export function masked_scatter(input: Tensor, mask: Tensor, source: Tensor): Tensor {
  return masked_scatter_op(input, mask, source);
}
export function masked_scatter_(self: Tensor, mask: Tensor, source: Tensor): Tensor {
  return masked_scatter_op.inplace(self, mask, read_first(self, source));
}

/** The op table of this file (src/ops/table.ts): its ops' torch.X functions and Tensor methods. */
export default op_table({
  gather: { fn: gather, variants: "function, method" },
  masked_scatter: { fn: masked_scatter, variants: "function, method", inplace: masked_scatter_ },
  scatter: { fn: scatter, variants: "function, method", inplace: scatter_ },
  scatter_add: { fn: scatter_add, variants: "function, method", inplace: scatter_add_ },
});
