/**
 * torch.embedding (rows of a weight matrix picked by integer indices) with PyTorch's own node,
 * EmbeddingBackward0, whose backward is embedding_dense_backward: each index's gradient row is
 * added into its weight row, in index order, skipping padding_idx (that row gets no gradient),
 * and scaled by 1 / (occurrences in the batch) when scale_grad_by_freq. The indices get none.
 * Only dense gradients: sparse=true is refused (torch-ts has no sparse tensors).
 *
 * embedding_renorm_ is nn.Embedding's max_norm: it rescales, in place and outside the graph, each
 * referenced row whose norm exceeds max_norm, as aten's embedding_renorm_cpu_ does.
 */
import { float32, int32, int64, type_name } from "../../dtype.js";
import { no_grad } from "../../autograd/grad_mode.js";
import { alloc, from_array } from "../../tensor/make.js";
import type { Tensor } from "../../tensor/tensor.js";
import { defineOp, type OpFn } from "../../autograd/define.js";
import { index_add, index_select } from "../indexing/index_along_dim.js";
import { row_major } from "../convert/convert.js";
import { int_arg } from "../../errors.js";
import { op_table } from "../table.js";

function check_indices(op: string, indices: Tensor): void {
  if (indices.dtype !== int64 && indices.dtype !== int32) {
    throw new Error(
      `Expected tensor for argument #1 'indices' to have one of the following scalar types: Long, Int; but got ${type_name(indices.dtype)} instead (while checking arguments for ${op})`,
    );
  }
}

const embedding_op: OpFn<
  [weight: Tensor, indices: Tensor, _padding_idx: number, _scale_grad_by_freq: boolean]
> = defineOp({
  name: "embedding",
  node: "EmbeddingBackward0",
  // padding_idx and scale_grad_by_freq only shape the backward (read there from ctx.args)
  forward(_ctx, weight: Tensor, indices: Tensor, _padding_idx: number, _scale_grad_by_freq: boolean) {
    if (weight.dim() !== 2) throw new Error("'weight' must be 2-D");
    check_indices("embedding", indices);
    const rows = index_select(weight, 0, indices.reshape(-1));
    return rows.view([...indices.shape, weight.shape[1]]);
  },
  // weight: embedding_dense_backward(grad, indices, num_weights, padding_idx, scale_grad_by_freq)
  backward(ctx, grad) {
    const [weight_meta] = ctx.inputs;
    const [, indices, padding_idx, scale_grad_by_freq] = ctx.args;
    const [num_weights, dim] = weight_meta?.shape ?? [0, 0];
    const idx = row_major(indices);
    const keep: number[] = [];
    const rows: number[] = [];
    for (let i = 0; i < idx.length; i++) {
      if (idx[i] !== padding_idx) {
        keep.push(i);
        rows.push(idx[i]);
      }
    }
    const g = grad.reshape(-1, dim);
    let src = index_select(g, 0, from_array(Float64Array.from(keep), [keep.length], int64));
    if (scale_grad_by_freq) {
      const counts = new Map<number, number>();
      for (const v of idx) counts.set(v, (counts.get(v) ?? 0) + 1);
      // add_(grad[i], scale) with scale = 1 / count: a scalar of the gradient's dtype
      const s = alloc(grad.dtype, rows.length);
      for (let i = 0; i < rows.length; i++) s[i] = 1 / (counts.get(rows[i]) ?? 1);
      src = src.mul(from_array(s, [rows.length, 1], grad.dtype));
    }
    const target = grad.new_zeros([num_weights, dim]);
    return [index_add(target, 0, from_array(Float64Array.from(rows), [rows.length], int64), src)];
  },
});

/**
 * torch.embedding(weight, indices, padding_idx=-1, scale_grad_by_freq=False, sparse=False):
 * weight rows for each index, shaped indices.shape + [embedding_dim].
 */
export function embedding(
  weight: Tensor,
  indices: Tensor,
  padding_idx = -1,
  scale_grad_by_freq = false,
  sparse = false,
): Tensor {
  if (sparse) throw new Error("embedding: sparse gradients are not supported by torch-ts (use sparse=false)");
  int_arg("embedding", "padding_idx", 3, padding_idx);
  return embedding_op(weight, indices, padding_idx, scale_grad_by_freq);
}

/**
 * torch.embedding_renorm_(weight, indices, max_norm, norm_type): for each distinct index (in
 * sorted order), the row's norm; a row above max_norm is multiplied by max_norm / (norm + 1e-7).
 */
export function embedding_renorm_(
  weight: Tensor,
  indices: Tensor,
  max_norm: number,
  norm_type: number,
): Tensor {
  if (weight.dim() !== 2) throw new Error("'self' must be 2-D");
  check_indices("embedding_renorm_", indices);
  const sorted = Array.from(row_major(indices)).sort((a, b) => a - b);
  no_grad(() => {
    for (let i = 0; i < sorted.length; i++) {
      if (i > 0 && sorted[i] === sorted[i - 1]) continue;
      const row = weight.select(0, sorted[i]);
      const norm = Number(row.norm(norm_type).item());
      if (norm > max_norm) {
        const scale = max_norm / (norm + 1e-7);
        // `row *= scale`: the double scalar is rounded to the row's dtype
        row.mul_(weight.dtype === float32 ? Math.fround(scale) : scale);
      }
    }
  });
  return weight;
}

/** The op table of this file (src/ops/table.ts): its ops' torch.X functions and Tensor methods. */
export default op_table({
  embedding: { fn: embedding, variants: "function" },
  embedding_renorm_: { fn: embedding_renorm_, variants: "function" },
});
