/**
 * F.embedding and F.one_hot, with torch/nn/functional.py's argument handling: padding_idx may be
 * negative (counted from the end) and must lie within num_embeddings; max_norm renormalises the
 * referenced rows of the weight in place (outside the graph) before the lookup, as PyTorch does.
 */
import type { Tensor } from "../../tensor/tensor.js";
import { check_options, kwargs } from "../../tensor/args.js";
import { int64 } from "../../dtype.js";
import { zeros } from "../../tensor/factory.js";
import { embedding as embedding_op, embedding_renorm_ } from "../../ops/layers/embedding.js";

/**
 * Keyword arguments of {@link embedding}, with PyTorch's meanings: padding_idx (a row whose gradient stays
 * zero), max_norm with norm_type (rows renormalized in place when looked up), scale_grad_by_freq and
 * sparse.
 */
export interface EmbeddingOptions {
  padding_idx?: number | null;
  max_norm?: number | null;
  norm_type?: number;
  scale_grad_by_freq?: boolean;
  sparse?: boolean;
}

/** padding_idx as F.embedding normalises it: negative counts from the end; null becomes -1. */
export function normalize_padding_idx(
  padding_idx: number | null | undefined,
  num_embeddings: number,
): number | null {
  if (padding_idx === null || padding_idx === undefined) return null;
  if (padding_idx > 0 && !(padding_idx < num_embeddings))
    throw new Error("Padding_idx must be within num_embeddings");
  if (padding_idx < 0) {
    if (!(padding_idx >= -num_embeddings)) throw new Error("Padding_idx must be within num_embeddings");
    return num_embeddings + padding_idx;
  }
  return padding_idx;
}

/**
 * F.embedding(input, weight, padding_idx=None, max_norm=None, norm_type=2.0,
 * scale_grad_by_freq=False, sparse=False): the rows of weight at the indices of input.
 */
export function embedding(
  input: Tensor,
  weight: Tensor,
  ...args: (number | boolean | null | undefined | EmbeddingOptions)[]
): Tensor {
  const o = kwargs<Required<EmbeddingOptions>>("embedding", args, [
    "padding_idx",
    "max_norm",
    "norm_type",
    "scale_grad_by_freq",
    "sparse",
  ]);
  const padding_idx = normalize_padding_idx(o.padding_idx, weight.shape[0] ?? 0) ?? -1;
  let indices = input;
  if (o.max_norm !== undefined && o.max_norm !== null) {
    indices = input.contiguous();
    embedding_renorm_(weight, indices, o.max_norm, o.norm_type ?? 2);
  }
  return embedding_op(weight, indices, padding_idx, o.scale_grad_by_freq ?? false, o.sparse ?? false);
}

/**
 * F.one_hot(tensor, num_classes=-1): int64 indices to int64 one-hot rows (a new last dim), as
 * aten's one_hot: zeros, then scatter_ of 1 at each index.
 */
export function one_hot(tensor: Tensor, num_classes: number | { num_classes?: number } = -1): Tensor {
  if (typeof num_classes === "object") check_options("one_hot", num_classes, ["num_classes"]);
  let n = typeof num_classes === "number" ? num_classes : (num_classes.num_classes ?? -1);
  if (tensor.dtype !== int64) throw new Error("one_hot is only applicable to index tensor.");
  if (tensor.numel() === 0) {
    if (n <= 0) throw new Error("Can not infer total number of classes from empty tensor.");
    return zeros([...tensor.shape, n], { dtype: int64 });
  }
  if (Number(tensor.min().item()) < 0) throw new Error("Class values must be non-negative.");
  const max = Number(tensor.max().item());
  if (n === -1) n = max + 1;
  else if (max >= n) throw new Error("Class values must be smaller than num_classes.");
  return zeros([...tensor.shape, n], { dtype: int64 }).scatter_(-1, tensor.unsqueeze(-1), 1);
}
