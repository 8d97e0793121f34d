/**
 * Matrix products: mm, bmm, mv, dot, vdot, inner, outer/ger. The add* forms are in
 * addmm.ts, matmul (which composes these as PyTorch 2.x does) in matmul.ts;
 * linalg.ts gathers all three.
 *
 * Operands must share a dtype (PyTorch does not promote here); integer products are allowed
 * and never differentiable. Every product runs the one `matmul` kernel on 3-D strided views,
 * so transposed, sliced and expanded inputs are read in place.
 */
import { check } from "../../errors.js";
import type { Tensor } from "../../tensor/tensor.js";
import { fmt_shape } from "../../shape.js";
import { defineOp, type OpFn } from "../../autograd/define.js";
import {
  check_not_bool,
  operand_grads,
  product,
  save_operands,
  view3,
  type ProductCtx,
} from "./product_kernel.js";
import { op_table } from "../table.js";
import { cpp_type_name, scalar_type_name } from "../../dtype.js";

// ---------------------------------------------------------------- mm
function check_mm(a: Tensor, b: Tensor): void {
  check(a.dim() === 2, () => "self must be a matrix");
  check(b.dim() === 2, () => "mat2 must be a matrix");
  check(
    a.shape[1] === b.shape[0],
    () =>
      `mat1 and mat2 shapes cannot be multiplied (${a.shape[0]}x${a.shape[1]} and ${b.shape[0]}x${b.shape[1]})`,
  );
  check(
    a.dtype === b.dtype,
    () =>
      `expected m1 and m2 to have the same dtype, but got: ${cpp_type_name(a.dtype)} != ${cpp_type_name(b.dtype)}`,
  );
  check_not_bool("addmm_impl_cpu_", a.dtype, a, b);
}

/** Which operands of mm and addmm were column-major (bit 0: mat1, bit 1: mat2), per recorded call. */
const column_major = new WeakMap<ProductCtx, number>();

/** Whether a matrix is the transpose of a contiguous one (PyTorch's test in mm's backward). */
function is_column_major(t: Tensor): boolean {
  return t._strides[0] === 1 && t._strides[1] === t.shape[0];
}

/**
 * save_operands for mm and addmm, also noting each operand's layout, which PyTorch keeps
 * (the sizes and strides of self and mat2) for mm_mat1_backward and mm_mat2_backward.
 */
export function save_matrices(ctx: ProductCtx, m1: Tensor, m2: Tensor, first = 0): void {
  save_operands(ctx, m1, m2, first);
  const needs = ctx.needs_input_grad;
  if (needs[first] || needs[first + 1]) {
    column_major.set(ctx, (is_column_major(m1) ? 1 : 0) | (is_column_major(m2) ? 2 : 0));
  }
}

/**
 * The operands' gradients of mat1 @ mat2 (before any alpha), as PyTorch's mm_mat1_backward and
 * mm_mat2_backward: grad @ mat2^T and mat1^T @ grad, except that an operand that was
 * column-major gets its gradient computed transposed, so it comes out column-major too: the
 * gradient of `weight.t()` (F.linear's) is then `weight`'s own contiguous layout once
 * TBackward0 transposes it back, and becomes its .grad without a copy.
 */
export function matrix_grads(ctx: ProductCtx, grad: Tensor, first = 0): [Tensor | null, Tensor | null] {
  const bits = column_major.get(ctx) ?? 0;
  return operand_grads(
    ctx,
    (m2) => ((bits & 1) !== 0 ? mm(m2, grad.t()).t() : mm(grad, m2.t())),
    (m1) => ((bits & 2) !== 0 ? mm(grad.t(), m1).t() : mm(m1.t(), grad)),
    first,
  );
}

const mm_op: OpFn<[a: Tensor, b: Tensor]> = defineOp({
  name: "mm",
  node: "MmBackward0",
  differentiable: [0, 1],
  forward(ctx, a: Tensor, b: Tensor) {
    check_mm(a, b);
    save_matrices(ctx, a, b);
    return product(ctx, [a.shape[0], b.shape[1]], view3(a), view3(b), a.dtype);
  },
  // self: mm_mat1_backward (grad.mm(mat2.t())); mat2: mm_mat2_backward (self.t().mm(grad))
  backward: (ctx, grad) => matrix_grads(ctx, grad),
});

/** torch.mm: (n x m) @ (m x p). */
export function mm(input: Tensor, mat2: Tensor): Tensor {
  return mm_op(input, mat2);
}

// ---------------------------------------------------------------- bmm
function check_bmm(a: Tensor, b: Tensor): void {
  check(a.dim() === 3, () => "batch1 must be a 3D tensor");
  check(b.dim() === 3, () => "batch2 must be a 3D tensor");
  check(
    b.shape[0] === a.shape[0] && b.shape[1] === a.shape[2],
    () =>
      `Expected size for first two dimensions of batch2 tensor to be: [${a.shape[0]}, ${a.shape[2]}] but got: [${b.shape[0]}, ${b.shape[1]}].`,
  );
  check(
    a.dtype === b.dtype,
    () => `expected scalar type ${scalar_type_name(a.dtype)} but found ${scalar_type_name(b.dtype)}`,
  );
  check_not_bool("bmm", a.dtype, a, b);
}

const bmm_op: OpFn<[a: Tensor, b: Tensor]> = defineOp({
  name: "bmm",
  node: "BmmBackward0",
  differentiable: [0, 1],
  forward(ctx, a: Tensor, b: Tensor) {
    check_bmm(a, b);
    save_operands(ctx, a, b);
    return product(ctx, [a.shape[0], a.shape[1], b.shape[2]], a._view(), b._view(), a.dtype);
  },
  // self: grad.bmm(mat2.transpose(1, 2)); mat2: self.transpose(1, 2).bmm(grad)
  backward: (ctx, grad) =>
    operand_grads(
      ctx,
      (b) => bmm(grad, b.transpose(1, 2)),
      (a) => bmm(a.transpose(1, 2), grad),
    ),
});

/** torch.bmm: (b x n x m) @ (b x m x p), no broadcasting. */
export function bmm(input: Tensor, mat2: Tensor): Tensor {
  return bmm_op(input, mat2);
}

// ---------------------------------------------------------------- mv
function check_mv(m: Tensor, v: Tensor): void {
  check(
    m.dim() === 2 && v.dim() === 1,
    () => `vector + matrix @ vector expected, got 1, ${m.dim()}, ${v.dim()}`,
  );
  check(
    m.shape[1] === v.shape[0],
    () => `size mismatch, got input (${m.shape[0]}), mat (${m.shape[0]}x${m.shape[1]}), vec (${v.shape[0]})`,
  );
  check(
    m.dtype === v.dtype,
    () =>
      `addmv input tensors must have the same dtype, but got ${scalar_type_name(v.dtype)}, ${scalar_type_name(m.dtype)}, and ${scalar_type_name(v.dtype)}`,
  );
  check_not_bool("addmv_impl_cpu", m.dtype, m, m);
}

const mv_op: OpFn<[m: Tensor, v: Tensor]> = defineOp({
  name: "mv",
  node: "MvBackward0",
  differentiable: [0, 1],
  forward(ctx, m: Tensor, v: Tensor) {
    check_mv(m, v);
    save_operands(ctx, m, v);
    return product(ctx, [m.shape[0]], view3(m), view3(v), m.dtype);
  },
  // self: grad.ger(vec); vec: self.t().mv(grad)
  backward: (ctx, grad) =>
    operand_grads(
      ctx,
      (v) => outer(grad, v),
      (m) => mv(m.t(), grad),
    ),
});

/** torch.mv: matrix (n x m) times vector (m). */
export function mv(input: Tensor, vec: Tensor): Tensor {
  return mv_op(input, vec);
}

// ---------------------------------------------------------------- dot, vdot, inner, outer
function check_dot(op: string, a: Tensor, b: Tensor): void {
  check(
    a.dim() === 1 && b.dim() === 1,
    () => `1D tensors expected, but got ${a.dim()}D and ${b.dim()}D tensors`,
  );
  check(
    a.dtype === b.dtype,
    () =>
      `${op} : expected both vectors to have same dtype, but found ${scalar_type_name(a.dtype)} and ${scalar_type_name(b.dtype)}`,
  );
  check(
    a.shape[0] === b.shape[0],
    () =>
      `inconsistent tensor size, expected tensor [${a.shape[0]}] and src [${b.shape[0]}] to have the same number of elements, but got ${a.shape[0]} and ${b.shape[0]} elements respectively`,
  );
  check_not_bool(op, a.dtype);
}

function dot_def(op: string, node: string): OpFn<[a: Tensor, b: Tensor]> {
  return defineOp({
    name: op,
    node,
    differentiable: [0, 1],
    forward(ctx, a: Tensor, b: Tensor) {
      check_dot(op, a, b);
      save_operands(ctx, a, b);
      return product(ctx, [], view3(a, true), view3(b), a.dtype);
    },
    // self: grad * other; other: grad * self (real tensors: vdot is dot)
    backward: (ctx, grad) =>
      operand_grads(
        ctx,
        (b) => grad.mul(b),
        (a) => grad.mul(a),
      ),
  });
}
const dot_op: OpFn<[a: Tensor, b: Tensor]> = dot_def("dot", "DotBackward0");
const vdot_op: OpFn<[a: Tensor, b: Tensor]> = dot_def("vdot", "VdotBackward0");

/** torch.dot: inner product of two 1-D tensors of one dtype. */
export function dot(input: Tensor, tensor: Tensor): Tensor {
  return dot_op(input, tensor);
}

/** torch.vdot: dot with the first argument conjugated (the same as dot for real tensors). */
export function vdot(input: Tensor, other: Tensor): Tensor {
  return vdot_op(input, other);
}

/** torch.inner: sums over the last dims of both (a scalar operand multiplies). */
export function inner(input: Tensor, other: Tensor): Tensor {
  if (input.dim() === 0 || other.dim() === 0) return input.mul(other);
  const k = input.shape[input.dim() - 1];
  check(
    k === other.shape[other.dim() - 1],
    () =>
      `inner() the last dimension must match on both input tensors but got shapes ${fmt_shape(input.shape)} and ${fmt_shape(other.shape)}`,
  );
  if (input.dim() === 1 && other.dim() === 1) return dot(input, other);
  const shape = [...input.shape.slice(0, -1), ...other.shape.slice(0, -1)];
  return mm(input.reshape(-1, k), other.reshape(-1, k).t()).reshape(shape);
}

/** torch.outer: input (n) and vec2 (m) give (n x m); PyTorch writes it input.reshape(-1, 1) * vec2. */
export function outer(input: Tensor, vec2: Tensor): Tensor {
  check(input.dim() === 1, () => `outer: Expected 1-D argument self, but got ${input.dim()}-D`);
  check(vec2.dim() === 1, () => `outer: Expected 1-D argument vec2, but got ${vec2.dim()}-D`);
  return input.reshape(-1, 1).mul(vec2);
}

/** torch.ger: the old name of outer. */
export function ger(input: Tensor, vec2: Tensor): Tensor {
  return outer(input, vec2);
}

/** The op table of this file (src/ops/table.ts): its ops' torch.X functions and Tensor methods. */
export default op_table({
  bmm: { fn: bmm, variants: "function, method" },
  dot: { fn: dot, variants: "function, method" },
  ger: { fn: ger, variants: "function, method" },
  inner: { fn: inner, variants: "function, method" },
  mm: { fn: mm, variants: "function, method" },
  mv: { fn: mv, variants: "function, method" },
  outer: { fn: outer, variants: "function, method" },
  vdot: { fn: vdot, variants: "function, method" },
});
