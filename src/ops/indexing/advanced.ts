/**
 * Advanced indexing: PyTorch's `index` (x[tensors]) and `index_put` (x[tensors] = v). An index
 * list has one entry per leading dim of x: an integer tensor, a bool mask (which stands for the
 * columns of its nonzero() and covers mask.dim() dims), or null (that dim is taken whole).
 * The index tensors broadcast together; the result has their broadcast shape in place of the
 * indexed dims when those are adjacent, and in front of all remaining dims when a null
 * separates them (NumPy's rule, which PyTorch follows).
 *
 * index's backward is index_put with accumulate into zeros, and index_put's backward for its
 * values is index: each is the other's derivative, so higher-order gradients come free.
 */
import { kernels } from "../../backends/index.js";
import type { StridedView } from "../../backends/backend.js";
import type { IndexTerm } from "../../backends/kernels.js";
import { broadcast_shapes, fmt_shape } from "../../shape.js";
import type { Tensor } from "../../tensor/tensor.js";
import { empty_tensor, scalar_tensor } from "../../tensor/make.js";
import { defineOp, type OpFn } from "../../autograd/define.js";
import { check_bounds, laid_over, nonzero_column, nonzero_tensor } from "./index_views.js";
import { broadcast_strided, broadcast_view } from "../kernel_views.js";
import { scalar_type_name } from "../../dtype.js";

/** An index list entry: a tensor (integer or bool) or null (the whole dim). */
export type TensorIndex = Tensor | null;

interface Prepared {
  /** for each index (masks already expanded), the dim of x it addresses */
  dims: number[];
  /** the index values, each broadcast to bshape */
  views: StridedView[];
  bshape: number[];
  /** dims of x not indexed, in order */
  rest: number[];
  /** whether the broadcast dims replace the indexed ones in place (else they go first) */
  in_place: boolean;
  out_shape: number[];
}

const INDEX_DTYPES = "tensors used as indices must be long, int, byte or bool tensors";

/** Expands masks, broadcasts the indices and checks them against x's shape, as ATen's index. */
function prepare(shape: readonly number[], indices: readonly TensorIndex[]): Prepared {
  const nd = shape.length;
  if (indices.length > nd) {
    throw new RangeError(`too many indices for tensor of dimension ${nd} (got ${indices.length})`);
  }
  const dims: number[] = [];
  const tensors: StridedView[] = [];
  // checked once the result's shape is known: PyTorch's kernel checks each index as it reads
  // it, so nothing is checked when the result is empty
  const bounds: [index: Tensor, size: number, dim: number][] = [];
  let pos = 0;
  for (const t of indices) {
    if (t === null) {
      pos++;
      continue;
    }
    if (t.dtype.name === "bool") {
      for (let j = 0; j < t.dim(); j++) {
        if (pos + j >= nd || t.shape[j] !== shape[pos + j]) {
          throw new RangeError(
            `The shape of the mask ${fmt_shape(t.shape)} at index ${j} does not match the shape of the indexed tensor ${fmt_shape(shape)} at index ${pos + j}`,
          );
        }
      }
      const nz = nonzero_tensor(t);
      for (let j = 0; j < t.dim(); j++) {
        tensors.push(nonzero_column(nz, j));
        dims.push(pos + j);
      }
      pos += t.dim();
      continue;
    }
    if (t.dtype.is_floating_point) throw new RangeError(INDEX_DTYPES);
    bounds.push([t, shape[pos], dims.length]);
    tensors.push(t._view());
    dims.push(pos);
    pos++;
  }
  let bshape: number[];
  try {
    bshape = broadcast_shapes(...tensors.map((t) => t.shape));
  } catch {
    throw new RangeError(
      `shape mismatch: indexing tensors could not be broadcast together with shapes ${tensors.map((t) => fmt_shape(t.shape)).join(", ")}`,
    );
  }
  const views = tensors.map((t) => broadcast_strided(t, bshape));
  const indexed = new Set(dims);
  const rest = shape.map((_, d) => d).filter((d) => !indexed.has(d));
  const first = dims.length ? Math.min(...dims) : 0;
  const last = dims.length ? Math.max(...dims) : -1;
  const in_place = last - first + 1 === indexed.size;
  const out_shape = in_place
    ? [...shape.slice(0, first), ...bshape, ...shape.slice(last + 1)]
    : [...bshape, ...rest.map((d) => shape[d])];
  if (out_shape.every((s) => s > 0)) {
    for (const [t, size, k] of bounds) {
      check_bounds(
        t,
        size,
        (v) => new RangeError(`index ${v} is out of bounds for dimension ${k} with size ${size}`),
      );
    }
  }
  return { dims, views, bshape, rest, in_place, out_shape };
}

/** The kernels' views: `base` laid over the result's shape, and one term per index. */
function index_views(base: Tensor, p: Prepared): { base: StridedView; terms: IndexTerm[] } {
  const nb = p.bshape.length;
  const first = p.dims.length ? Math.min(...p.dims) : 0;
  // where the broadcast dims start in the result, and where each remaining dim of x lands
  const b0 = p.in_place ? first : 0;
  const rest_at = p.rest.map((d, i) => (p.in_place ? (d < first ? d : d - (p.dims.length - nb)) : nb + i));
  const n = p.out_shape.length;
  const base_strides = new Array<number>(n).fill(0);
  p.rest.forEach((d, i) => (base_strides[rest_at[i]] = base._strides[d]));
  const terms = p.views.map((v, k): IndexTerm => {
    const strides = new Array<number>(n).fill(0);
    for (let j = 0; j < nb; j++) strides[b0 + j] = v.strides[j];
    return {
      index: laid_over(v, p.out_shape, strides),
      stride: base._strides[p.dims[k]],
      size: base.shape[p.dims[k]],
    };
  });
  return {
    base: laid_over(
      { data: base._storage.data, dtype: base.dtype, offset: base._offset },
      p.out_shape,
      base_strides,
    ),
    terms,
  };
}

/** x[indices] for a list of tensors / nulls. */
export const index_op: OpFn<[Tensor, readonly TensorIndex[]]> = defineOp({
  name: "index",
  node: "IndexBackward0",
  forward(_ctx, x: Tensor, indices: readonly TensorIndex[]) {
    const p = prepare(x.shape, indices);
    const out = empty_tensor(p.out_shape, x.dtype);
    const v = index_views(x, p);
    kernels().index_gather(v.base, v.terms, out._view());
    return out;
  },
  // self: index_put(zeros_like(self), indices, grad, accumulate=True)
  backward: (ctx, grad) => [
    index_put_op(grad.new_zeros(ctx.inputs[0]?.shape ?? []), ctx.args[1], grad, true),
  ],
});

/** x with x[indices] = values (or += with accumulate); values broadcast to x[indices]'s shape. */
export const index_put_op: OpFn<[Tensor, readonly TensorIndex[], Tensor, boolean]> = defineOp({
  name: "index_put",
  allows_internal_overlap: true,
  node: "IndexPutBackward0",
  differentiable: [0, 2],
  forward(ctx, x: Tensor, indices: readonly TensorIndex[], values: Tensor, accumulate: boolean) {
    if (values.dtype !== x.dtype) {
      throw new Error(
        `Index put requires the source and destination dtypes match, got ${scalar_type_name(x.dtype)} for the destination and ${scalar_type_name(values.dtype)} for the source.`,
      );
    }
    const p = prepare(x.shape, indices);
    if (!broadcastable(values.shape, p.out_shape)) {
      throw new Error(
        `shape mismatch: value tensor of shape ${fmt_shape(values.shape)} cannot be broadcast to indexing result of shape ${fmt_shape(p.out_shape)}`,
      );
    }
    const out = ctx.output(x.shape, x.dtype);
    if (out !== x) kernels().copy(x._view(), out._view());
    const v = index_views(out, p);
    kernels().index_scatter(
      accumulate ? "add" : "assign",
      broadcast_view(values, p.out_shape),
      v.terms,
      v.base,
    );
    return out;
  },
  // self: accumulate ? grad : grad.index_put(indices, zeros, false); values: grad.index(indices)
  backward(ctx, grad) {
    const [, indices, , accumulate] = ctx.args;
    const gx = ctx.needs_input_grad[0]
      ? accumulate
        ? grad
        : index_put_op(grad, indices, scalar_tensor(0, grad.dtype), false)
      : null;
    const gv = ctx.needs_input_grad[1] ? index_op(grad, indices) : null;
    return [gx, gv];
  },
});

/** Whether `from` broadcasts to exactly `to`. */
function broadcastable(from: readonly number[], to: readonly number[]): boolean {
  if (from.length > to.length) return false;
  for (let i = 1; i <= from.length; i++) {
    const f = from[from.length - i];
    if (f !== 1 && f !== to[to.length - i]) return false;
  }
  return true;
}
