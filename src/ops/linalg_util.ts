/**
 * Shared pieces of the matrix-product ops (linalg.ts, linalg_addmm.ts, linalg_matmul.ts):
 * PyTorch's dtype names for messages, and the 3-D strided views every product hands to the one
 * `matmul` kernel. Internal: not re-exported from ops/index.ts.
 */
import { kernels } from "../backends/index.js";
import type { StridedView } from "../backends/backend.js";
import type { DType } from "../dtype.js";
import type { Tensor } from "../tensor/tensor.js";

/** PyTorch's C++ type names (caffe2 TypeMeta), as its dtype-mismatch messages print them. */
export const CPP_NAME: Record<string, string> = {
  float32: "float",
  float64: "double",
  int64: "long int",
  int32: "int",
  bool: "bool",
};
/** ScalarType names, as "expected scalar type Float" and friends print them. */
export const SCALAR_NAME: Record<string, string> = {
  float32: "Float",
  float64: "Double",
  int64: "Long",
  int32: "Int",
  bool: "Bool",
};

export function check(cond: boolean, msg: () => string): void {
  if (!cond) throw new Error(msg());
}

export function check_not_bool(op: string, d: DType): void {
  check(d.name !== "bool", () => `"${op}" not implemented for 'Bool'`);
}

/** t as a [B, M, K] view: 2-D gets a batch of one, 1-D a row (as_row) or a column. */
export function view3(t: Tensor | StridedView, as_row = false): StridedView {
  const v = "_view" in t ? t._view() : t;
  const [s, st] = [v.shape, v.strides];
  if (s.length === 3) return v;
  if (s.length === 2)
    return { data: v.data, shape: [1, s[0], s[1]], strides: [0, st[0], st[1]], offset: v.offset };
  const shape = as_row ? [1, 1, s[0]] : [1, s[0], 1];
  const strides = as_row ? [0, 0, st[0]] : [0, st[0], 0];
  return { data: v.data, shape, strides, offset: v.offset };
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
