/**
 * torch.matmul (and torch.linalg.matmul), composed exactly as PyTorch 2.x's `_matmul_impl`
 * (LinearAlgebra.cpp) composes it, so the graph has the same nodes: DotBackward0, MvBackward0 or
 * MmBackward0 for vectors and matrices, UnsafeViewBackward0 over MmBackward0/MvBackward0 where
 * the batch of the larger operand folds into rows (should_fold), and UnsafeViewBackward0 over
 * BmmBackward0 over reshaped ExpandBackward0 inputs for broadcast batches. Also tensordot and the
 * torch.linalg entries that are products.
 */
import { broadcast_shapes, fmt_shape, normalize_dim, numel } from "../../shape.js";
import { vector_norm } from "../reduce/stats.js";
import type { Tensor } from "../../tensor/tensor.js";
import { squeeze_, unsafe_view } from "../shape/views.js";
import { bmm, dot, mm, mv } from "./products.js";
import { check } from "../../errors.js";
import { op_table } from "../table.js";

// ---------------------------------------------------------------- matmul
/** should_fold: fold the larger operand's batch into matrix rows and call mm/mv instead of bmm. */
function should_fold(t1: Tensor, t2: Tensor): boolean {
  const larger = t1.dim() >= t2.dim();
  // the larger operand, transposed when it is the second one (read from shape and strides)
  const big = larger ? t1 : t2;
  const shape = big.shape.slice();
  const strides = big._strides.slice();
  if (!larger) {
    const n = shape.length;
    [shape[n - 2], shape[n - 1]] = [shape[n - 1], shape[n - 2]];
    [strides[n - 2], strides[n - 1]] = [strides[n - 1], strides[n - 2]];
  }
  const small_dim = larger ? t2.dim() : t1.dim();
  if (!(shape.length >= 3 && small_dim <= 2)) return false;
  // the small operand requires grad: fold (even at the cost of a copy) so its gradient is one
  // mm instead of a batch of them summed over the broadcast
  if ((larger ? t2 : t1).requires_grad) return true;
  // a 2-D first operand would need the product transposed back and copied
  if (t1.dim() === 2) return false;
  if (numel(shape) === 0) return true;
  // folding must not copy: the leading dims must merge into one
  for (let i = 0; i < shape.length - 2; i++) {
    if (strides[i] !== strides[i + 1] * shape[i + 1]) return false;
  }
  return true;
}

/** torch.matmul, with PyTorch 2.x's dispatch to dot / mv / mm / bmm and its node structure. */
export function matmul(input: Tensor, other: Tensor): Tensor {
  const d1 = input.dim();
  const d2 = other.dim();
  check(
    d1 !== 0 && d2 !== 0,
    () => `both arguments to matmul need to be at least 1D, but they are ${d1}D and ${d2}D`,
  );
  if (d1 === 1 && d2 === 1) return dot(input, other);
  if (d1 === 2 && d2 === 1) return mv(input, other);
  if (d1 === 1 && d2 === 2) return squeeze_(mm(input.unsqueeze(0), other), 0);
  if (d1 === 2 && d2 === 2) return mm(input, other);
  if (should_fold(input, other)) {
    const transpose = d2 > d1;
    const t1 = transpose ? other.mT : input;
    const t2 = !transpose ? other : d1 === 2 ? input.t() : input;
    const sizes = t1.shape;
    const out_shape = sizes.slice(0, -1);
    const folded = numel(out_shape);
    const t2_matrix = t2.dim() === 2;
    if (t2_matrix) out_shape.push(t2.shape[1]);
    const t1_folded = t1.reshape(folded, sizes[sizes.length - 1]);
    if (t2_matrix) {
      const output = unsafe_view(mm(t1_folded, t2), out_shape);
      return transpose ? output.mT.contiguous() : output;
    }
    return unsafe_view(mv(t1_folded, t2), out_shape);
  }
  const n = d1 > 1 ? input.shape[d1 - 2] : 1;
  const m1 = input.shape[d1 - 1];
  const batch1 = input.shape.slice(0, Math.max(d1 - 2, 0));
  const m2 = d2 > 1 ? other.shape[d2 - 2] : other.shape[0];
  const p = d2 > 1 ? other.shape[d2 - 1] : 1;
  const batch2 = other.shape.slice(0, Math.max(d2 - 2, 0));
  // a broadcast batch of one that requires grad goes through the folding branch instead
  if (d1 === 3 && d2 === 3 && batch1[0] !== batch2[0]) {
    if (batch1[0] === 1 && input.requires_grad) return matmul(input.squeeze(0), other);
    if (batch2[0] === 1 && other.requires_grad) return matmul(input, other.squeeze(0));
  }
  const out_shape = batch_shape(batch1, batch2, input, other);
  const bprod = numel(out_shape);
  const t1 = input.expand([...out_shape, n, m1]).reshape(bprod, n, m1);
  const vector_rhs = d2 === 1;
  let t2 = other.expand(vector_rhs ? [...out_shape, m2] : [...out_shape, m2, p]);
  t2 = vector_rhs ? t2.reshape(bprod, m2).unsqueeze(2) : t2.reshape(bprod, m2, p);
  if (d1 > 1) out_shape.push(n);
  if (d2 > 1) out_shape.push(p);
  const r = bmm(t1, t2);
  return unsafe_view(vector_rhs ? r.squeeze(-1) : r, out_shape);
}

function batch_shape(b1: readonly number[], b2: readonly number[], x: Tensor, y: Tensor): number[] {
  try {
    return broadcast_shapes(b1, b2);
  } catch {
    // PyTorch's infer_size message names the first mismatching dim from the right
    const n = Math.max(b1.length, b2.length);
    for (let i = n - 1; i >= 0; i--) {
      const a = b1[i - (n - b1.length)] ?? 1;
      const b = b2[i - (n - b2.length)] ?? 1;
      if (a !== b && a !== 1 && b !== 1) {
        throw new Error(
          `The size of tensor a (${a}) must match the size of tensor b (${b}) at non-singleton dimension ${i}`,
        );
      }
    }
    throw new Error(`matmul: cannot broadcast ${fmt_shape(x.shape)} and ${fmt_shape(y.shape)}`);
  }
}

/**
 * torch.tensordot(a, b, dims=2): contracts the last `dims` dims of a with the first of b, or
 * the listed dims pairwise (dims = [dims_a, dims_b]); as PyTorch, a permute + reshape of each
 * side and one mm, reshaped to a's kept dims then b's.
 */
export type TensordotDims = number | [number | readonly number[], number | readonly number[]];

/**
 * Contracts the last `dims` dims of a with the first `dims` of b (default 2), or the listed dims pairwise
 * when dims is `[dims_a, dims_b]`.
 */
export function tensordot(a: Tensor, b: Tensor, dims: TensordotDims | { dims?: TensordotDims } = 2): Tensor {
  const d: TensordotDims = typeof dims === "object" && !Array.isArray(dims) ? (dims.dims ?? 2) : dims;
  let da: number[];
  let db: number[];
  if (typeof d === "number") {
    check(d >= 0, () => `tensordot expects dims >= 0, but got dims=${d}`);
    check(
      d <= Math.min(a.dim(), b.dim()),
      () => `tensordot expects dims < ndim_a or ndim_b, but got dims=${d}`,
    );
    da = Array.from({ length: d }, (_, i) => a.dim() - d + i);
    db = Array.from({ length: d }, (_, i) => i);
  } else {
    const [x, y] = d;
    da = (typeof x === "number" ? [x] : [...x]).map((v) => normalize_dim(v, a.dim()));
    db = (typeof y === "number" ? [y] : [...y]).map((v) => normalize_dim(v, b.dim()));
    check(da.length === db.length, () => "both dimension lists should have same length");
  }
  let ta = a;
  let tb = b;
  for (let i = 0; i < da.length; i++) {
    const s1 = ta.shape[da[i]];
    const s2 = tb.shape[db[i]];
    if (s1 === s2) continue;
    // a size-1 dim against a larger one: PyTorch sums the other side over it
    if (s2 === 1) ta = ta.sum(da[i], true);
    else if (s1 === 1) tb = tb.sum(db[i], true);
    else {
      throw new Error(
        `contracted dimensions need to match, but first has size ${s1} in dim ${da[i]} and second has size ${s2} in dim ${db[i]}`,
      );
    }
  }
  const keep_a = ta.shape.map((_, i) => i).filter((i) => !da.includes(i));
  const keep_b = tb.shape.map((_, i) => i).filter((i) => !db.includes(i));
  const size_a = numel(keep_a.map((i) => ta.shape[i]));
  const size_b = numel(keep_b.map((i) => tb.shape[i]));
  const csize = numel(da.map((i) => ta.shape[i]));
  const t1 = ta.permute([...keep_a, ...da]).reshape(size_a, csize);
  const t2 = tb.permute([...db, ...keep_b]).reshape(csize, size_b);
  return mm(t1, t2).reshape([...keep_a.map((i) => ta.shape[i]), ...keep_b.map((i) => tb.shape[i])]);
}

/**
 * torch.linalg: the entries of the namespace that live with the products.
 *
 * @namespace
 */
export const linalg = {
  /** torch.linalg.matmul, an alias of torch.matmul */
  matmul,
  /** torch.linalg.vector_norm (src/ops/reduce/stats.ts) */
  vector_norm,
  /** torch.linalg.vecdot: sum over dim of x * y (real tensors) */
  vecdot(x: Tensor, y: Tensor, options: { dim?: number } = {}): Tensor {
    return x.mul(y).sum(options.dim ?? -1);
  },
};

/** The op table of this file (src/ops/table.ts): its ops' torch.X functions and Tensor methods. */
export default op_table({
  matmul: { fn: matmul, variants: "function, method" },
  tensordot: { fn: tensordot, variants: "function" },
});
