/**
 * Memory overlap between tensors that share a storage, as ATen's MemOverlap.cpp judges it. An
 * in-place write into a tensor whose elements alias each other (an expanded tensor) has no single
 * answer, and neither has one whose input partly aliases the written elements: PyTorch refuses
 * both, and so does torch-ts, with its messages. Where the layouts are too irregular to judge
 * cheaply (not dense), PyTorch computes anyway; torch-ts then reads such an input as if it had
 * been copied first, so the result never depends on the order a kernel visits elements.
 */
import { is_non_overlapping_and_dense, numel } from "../shape.js";
import type { Tensor } from "./tensor.js";

/** Whether some dim repeats elements (stride 0 over more than one): ATen's MemOverlap::Yes. */
export function has_internal_overlap(t: Tensor): boolean {
  const { shape, _strides: strides } = t;
  // an empty tensor is contiguous whatever its strides, so it has no overlap (ATen)
  if (shape.includes(0)) return false;
  for (let i = 0; i < shape.length; i++) if (strides[i] === 0 && shape[i] > 1) return true;
  return false;
}

export function assert_no_internal_overlap(t: Tensor): void {
  if (has_internal_overlap(t)) {
    throw new Error(
      "unsupported operation: more than one element of the written-to tensor refers to a single memory location. Please clone() the tensor before performing the operation.",
    );
  }
}

export type OverlapStatus = "no" | "full" | "partial" | "too_hard";

/** ATen's get_overlap_status for two tensors. */
export function overlap_status(a: Tensor, b: Tensor): OverlapStatus {
  if (a === b) return "full";
  if (a._storage !== b._storage) return "no";
  const na = numel(a.shape);
  const nb = numel(b.shape);
  if (na === 0 || nb === 0) return "no";
  if (
    !is_non_overlapping_and_dense(a.shape, a._strides) ||
    !is_non_overlapping_and_dense(b.shape, b._strides)
  ) {
    return "too_hard";
  }
  const a_end = a._offset + na;
  const b_end = b._offset + nb;
  if (a._offset === b._offset && a_end === b_end) {
    const same = a._strides.every((s, i) => s === b._strides[i]) && a.shape.length === b.shape.length;
    return same ? "full" : "partial";
  }
  return a._offset < b_end && b._offset < a_end ? "partial" : "no";
}

const PARTIAL_OVERLAP =
  "unsupported operation: some elements of the input tensor and the written-to tensor refer to a single memory location. Please clone() the tensor before performing the operation.";

/**
 * ATen's assert_no_overlap, which the index and scatter writes (index_put_, index_add_,
 * index_copy_, index_fill_'s index, scatter_, scatter_add_, put_) apply to their index and
 * source: any shared element, even the whole tensor, is refused.
 */
export function assert_no_overlap(out: Tensor, input: Tensor): void {
  const status = overlap_status(out, input);
  if (status === "partial" || status === "full") throw new Error(PARTIAL_OVERLAP);
}

/**
 * An input of a write PyTorch does not check for overlap (index_fill_'s and masked_fill_'s
 * value, read before the write; masked_scatter_'s source): a copy when it shares self's
 * memory, so the write reads it as it was.
 */
export function read_first<T extends Tensor | number | boolean>(self: Tensor, input: T): T {
  if (typeof input !== "object" || input._storage !== self._storage) return input;
  return input.clone() as T;
}

/**
 * The checks before `out` is written from `input`: PyTorch's error on a partial overlap; true
 * when the input may alias the output in a way only a copy makes safe.
 */
export function input_needs_copy(out: Tensor, input: Tensor): boolean {
  const status = overlap_status(out, input);
  if (status === "partial") throw new Error(PARTIAL_OVERLAP);
  return status === "too_hard";
}
