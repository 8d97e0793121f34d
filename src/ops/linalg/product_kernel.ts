/**
 * Shared pieces of the matrix-product ops (products.ts, addmm.ts, matmul.ts):
 * PyTorch's C++ dtype names for messages, and the 3-D strided views every product hands to the
 * one `matmul` kernel. Internal: not re-exported from ops/index.ts.
 */
import { kernels } from "../../backends/index.js";
import type { StridedView } from "../../backends/backend.js";
import { bool, type DType } from "../../dtype.js";
import type { Tensor } from "../../tensor/tensor.js";
import { kernel_not_implemented } from "../kernel_checks.js";

/**
 * PyTorch's refusal of bool operands: `"addmm_impl_cpu_" not implemented for 'Bool'`. Its
 * kernels return before their dtype dispatch when an operand is empty (an empty result, or a
 * zero-length contraction that gives zeros), so then bool passes.
 */
export function check_not_bool(op: string, d: DType, a?: Tensor, b?: Tensor): void {
  if (d === bool && !(a && b && (a.numel() === 0 || b.numel() === 0))) throw kernel_not_implemented(op, d);
}

/** What a product's backward reads of its ctx. */
export interface ProductCtx {
  readonly needs_input_grad: boolean[];
  save(...tensors: Tensor[]): void;
  readonly saved: Tensor[];
}

/**
 * Keeps what the gradients of a product's two operands (slots `first` and `first + 1`) need:
 * each operand's gradient is a product of the gradient with the other operand, so only the other
 * one is saved, and only when that gradient is wanted.
 */
export function save_operands(ctx: ProductCtx, a: Tensor, b: Tensor, first = 0): void {
  if (ctx.needs_input_grad[first]) ctx.save(b);
  if (ctx.needs_input_grad[first + 1]) ctx.save(a);
}

/** The two operands' gradients from what save_operands kept: grad_a(b) and grad_b(a), or null. */
export function operand_grads(
  ctx: ProductCtx,
  grad_a: (b: Tensor) => Tensor,
  grad_b: (a: Tensor) => Tensor,
  first = 0,
): [Tensor | null, Tensor | null] {
  const s = ctx.saved;
  let k = 0;
  const ga = ctx.needs_input_grad[first] ? grad_a(s[k++]) : null;
  const gb = ctx.needs_input_grad[first + 1] ? grad_b(s[k++]) : null;
  return [ga, gb];
}

/** t as a [B, M, K] view: 2-D gets a batch of one, 1-D a row (as_row) or a column. */
export function view3(t: Tensor | StridedView, as_row = false): StridedView {
  const v = "_view" in t ? t._view() : t;
  const [s, st] = [v.shape, v.strides];
  if (s.length === 3) return v;
  if (s.length === 2)
    return {
      data: v.data,
      dtype: v.dtype,
      shape: [1, s[0], s[1]],
      strides: [0, st[0], st[1]],
      offset: v.offset,
    };
  const shape = as_row ? [1, 1, s[0]] : [1, s[0], 1];
  const strides = as_row ? [0, 0, st[0]] : [0, st[0], 0];
  return { data: v.data, dtype: v.dtype, shape, strides, offset: v.offset };
}

/** Runs the matmul kernel into a new [..] output of a's dtype. */
export function product(
  ctx: { output(shape: readonly number[], dtype: DType): Tensor },
  shape: readonly number[],
  a: StridedView,
  b: StridedView,
  dtype: DType,
  addend: StridedView | null = null,
  alpha = 1,
  beta = 0,
): Tensor {
  const out = ctx.output(shape, dtype);
  const ov = out._view();
  const o3: StridedView =
    shape.length === 3
      ? ov
      : {
          data: ov.data,
          dtype: ov.dtype,
          shape: [a.shape[0], a.shape[1], b.shape[2]],
          strides: out3_strides(ov),
          offset: ov.offset,
        };
  kernels().matmul(a, b, o3, addend, alpha, beta);
  return out;
}

function out3_strides(v: StridedView): number[] {
  if (v.shape.length === 2) return [0, v.strides[0], v.strides[1]];
  if (v.shape.length === 1) return [0, v.strides[0], 0];
  return [0, 0, 0];
}
