/**
 * beta * input + alpha * product: addmm, addmv, baddbmm, addbmm and their in-place forms. The
 * input broadcasts to the product's shape and is folded into the kernel's store, so each
 * result is rounded once. AddmmBackward0 is what F.linear records on 2-D input (over the
 * TBackward0 of the weight).
 */
import type { StridedView } from "../../backends/backend.js";
import type { DType } from "../../dtype.js";
import { check } from "../../errors.js";
import type { Tensor } from "../../tensor/tensor.js";
import { kwargs } from "../../tensor/args.js";
import { defineOp, type Grad, type OpFn } from "../../autograd/define.js";
import { contiguous } from "../convert/convert.js";
import { bmm, matrix_grads, mv, outer, save_matrices } from "./products.js";
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

// ---------------------------------------------------------------- addmm, addmv, baddbmm, addbmm
export interface AddOptions {
  beta?: number;
  alpha?: number;
}

function parse_add(op: string, rest: readonly unknown[]): { beta: number; alpha: number } {
  const o = kwargs<{ beta: number; alpha: number }>(op, rest, ["beta", "alpha"]);
  return { beta: o.beta ?? 1, alpha: o.alpha ?? 1 };
}

/** Integer products take integer beta and alpha only. */
function check_scalars(d: DType, beta: number, alpha: number): void {
  if (d.is_floating_point) return;
  const bad = !Number.isInteger(beta) ? "beta" : !Number.isInteger(alpha) ? "alpha" : null;
  check(
    bad === null,
    () => `For integral input tensors, argument ${bad} must not be a floating point number.`,
  );
}

/** The input broadcast to the result's shape, with expand's error message when it cannot be. */
function addend_view(input: Tensor, shape: readonly number[]): StridedView {
  return input.expand(shape)._view();
}

function check_add_dtype(input: Tensor, m: Tensor): void {
  check(
    input.dtype === m.dtype,
    () =>
      `self and mat2 must have the same dtype, but got ${scalar_type_name(input.dtype)} and ${scalar_type_name(m.dtype)}`,
  );
}

/** maybe_multiply(grad, s): the gradient scaled by beta or alpha, unless it is 1. */
function scaled(grad: Tensor, s: number): Tensor {
  return s === 1 ? grad : grad.mul(s);
}

/**
 * The add* family's backward: self: maybe_multiply(grad, beta); each operand: its product
 * formula (grad_a(b), grad_b(a), as for mm/mv/bmm), times alpha.
 */
function add_backward(
  ctx: ProductCtx & { readonly args: readonly [unknown, unknown, unknown, number, number] },
  grad: Tensor,
  grad_a: (b: Tensor) => Tensor,
  grad_b: (a: Tensor) => Tensor,
): Grad[] {
  const [, , , beta, alpha] = ctx.args;
  return [
    ctx.needs_input_grad[0] ? scaled(grad, beta) : null,
    ...operand_grads(
      ctx,
      (b) => scaled(grad_a(b), alpha),
      (a) => scaled(grad_b(a), alpha),
      1,
    ),
  ];
}

const addmm_op: OpFn<[input: Tensor, m1: Tensor, m2: Tensor, beta: number, alpha: number]> = defineOp({
  name: "addmm",
  node: "AddmmBackward0",
  differentiable: [0, 1, 2],
  forward(ctx, input: Tensor, m1: Tensor, m2: Tensor, beta: number, alpha: number) {
    check(m1.dim() === 2, () => `mat1 must be a matrix, got ${m1.dim()}-D tensor`);
    check(m2.dim() === 2, () => `mat2 must be a matrix, got ${m2.dim()}-D tensor`);
    check(
      m1.shape[1] === m2.shape[0],
      () =>
        `mat1 and mat2 shapes cannot be multiplied (${m1.shape[0]}x${m1.shape[1]} and ${m2.shape[0]}x${m2.shape[1]})`,
    );
    check(
      m1.dtype === m2.dtype,
      () =>
        `expected mat1 and mat2 to have the same dtype, but got: ${cpp_type_name(m1.dtype)} != ${cpp_type_name(m2.dtype)}`,
    );
    const shape = [m1.shape[0], m2.shape[1]];
    const addend = addend_view(input, shape);
    check_add_dtype(input, m2);
    check_not_bool("addmm_impl_cpu_", m1.dtype, m1, m2);
    check_scalars(m1.dtype, beta, alpha);
    save_matrices(ctx, m1, m2, 1);
    return product(ctx, shape, view3(m1), view3(m2), m1.dtype, view3(addend), alpha, beta);
  },
  // self: maybe_multiply(grad, beta); mat1: mm_mat1_backward(grad, mat2, ..., alpha);
  // mat2: mm_mat2_backward(grad, mat1, ..., alpha)
  backward: (ctx, grad) => {
    const [, , , beta, alpha] = ctx.args;
    const [g1, g2] = matrix_grads(ctx, grad, 1);
    return [
      ctx.needs_input_grad[0] ? scaled(grad, beta) : null,
      g1 && scaled(g1, alpha),
      g2 && scaled(g2, alpha),
    ];
  },
});

/** torch.addmm: beta * input + alpha * (mat1 @ mat2); input broadcasts to the product's shape. */
export function addmm(input: Tensor, mat1: Tensor, mat2: Tensor, options?: AddOptions): Tensor {
  const { beta, alpha } = parse_add("addmm", options ? [options] : []);
  return addmm_op(input, mat1, mat2, beta, alpha);
}

/** Tensor.addmm_: the same, written into self. */
export function addmm_(self: Tensor, mat1: Tensor, mat2: Tensor, options?: AddOptions): Tensor {
  const { beta, alpha } = parse_add("addmm_", options ? [options] : []);
  return addmm_op.inplace(self, mat1, mat2, beta, alpha);
}

const addmv_op: OpFn<[input: Tensor, mat: Tensor, vec: Tensor, beta: number, alpha: number]> = defineOp({
  name: "addmv",
  node: "AddmvBackward0",
  differentiable: [0, 1, 2],
  forward(ctx, input: Tensor, mat: Tensor, vec: Tensor, beta: number, alpha: number) {
    check(
      mat.dim() === 2 && vec.dim() === 1 && input.dim() <= 1,
      () => `vector + matrix @ vector expected, got ${input.dim()}, ${mat.dim()}, ${vec.dim()}`,
    );
    check(
      mat.shape[1] === vec.shape[0] && (mat.shape[0] === input.numel() || input.numel() === 1),
      () =>
        `size mismatch, got input (${input.dim() === 0 ? 1 : input.shape[0]}), mat (${mat.shape[0]}x${mat.shape[1]}), vec (${vec.shape[0]})`,
    );
    check(
      input.dtype === mat.dtype && mat.dtype === vec.dtype,
      () =>
        `addmv input tensors must have the same dtype, but got ${scalar_type_name(input.dtype)}, ${scalar_type_name(mat.dtype)}, and ${scalar_type_name(vec.dtype)}`,
    );
    check_not_bool("addmv_impl_cpu", mat.dtype, mat, mat);
    check_scalars(mat.dtype, beta, alpha);
    const addend = input.expand([mat.shape[0]]);
    save_operands(ctx, mat, vec, 1);
    return product(ctx, [mat.shape[0]], view3(mat), view3(vec), mat.dtype, view3(addend), alpha, beta);
  },
  // self: grad * beta; mat: grad.ger(vec) * alpha; vec: mat.t().mv(grad) * alpha
  backward: (ctx, grad) =>
    add_backward(
      ctx,
      grad,
      (vec) => outer(grad, vec),
      (mat) => mv(mat.t(), grad),
    ),
});

/** torch.addmv: beta * input + alpha * (mat @ vec). */
export function addmv(input: Tensor, mat: Tensor, vec: Tensor, options?: AddOptions): Tensor {
  const { beta, alpha } = parse_add("addmv", options ? [options] : []);
  return addmv_op(input, mat, vec, beta, alpha);
}

/** Tensor.addmv_: the same, written into self. */
export function addmv_(self: Tensor, mat: Tensor, vec: Tensor, options?: AddOptions): Tensor {
  const { beta, alpha } = parse_add("addmv_", options ? [options] : []);
  return addmv_op.inplace(self, mat, vec, beta, alpha);
}

function check_baddbmm(input: Tensor, b1: Tensor, b2: Tensor): void {
  check(b1.dim() === 3, () => "batch1 must be a 3D tensor");
  check(b2.dim() === 3, () => "batch2 must be a 3D tensor");
  check(
    b2.shape[0] === b1.shape[0] && b2.shape[1] === b1.shape[2],
    () =>
      `Expected size for first two dimensions of batch2 tensor to be: [${b1.shape[0]}, ${b1.shape[2]}] but got: [${b2.shape[0]}, ${b2.shape[1]}].`,
  );
  check(
    input.dtype === b1.dtype && b1.dtype === b2.dtype,
    () =>
      `Input dtypes must be the same, got: input ${cpp_type_name(input.dtype)}, batch1: ${cpp_type_name(b1.dtype)}, batch2: ${cpp_type_name(b2.dtype)}`,
  );
  check_not_bool("baddbmm", b1.dtype);
}

const baddbmm_op: OpFn<[input: Tensor, b1: Tensor, b2: Tensor, beta: number, alpha: number]> = defineOp({
  name: "baddbmm",
  node: "BaddbmmBackward0",
  differentiable: [0, 1, 2],
  forward(ctx, input: Tensor, b1: Tensor, b2: Tensor, beta: number, alpha: number) {
    check_baddbmm(input, b1, b2);
    check_scalars(b1.dtype, beta, alpha);
    const shape = [b1.shape[0], b1.shape[1], b2.shape[2]];
    const addend = input.expand(shape);
    save_operands(ctx, b1, b2, 1);
    return product(ctx, shape, b1._view(), b2._view(), b1.dtype, addend._view(), alpha, beta);
  },
  // self: grad * beta; batch1: grad.bmm(batch2.transpose(1, 2)) * alpha; batch2: batch1.transpose(1, 2).bmm(grad) * alpha
  backward: (ctx, grad) =>
    add_backward(
      ctx,
      grad,
      (b2) => bmm(grad, b2.transpose(1, 2)),
      (b1) => bmm(b1.transpose(1, 2), grad),
    ),
});

/** torch.baddbmm: beta * input + alpha * (batch1 @ batch2), batch by batch. */
export function baddbmm(input: Tensor, batch1: Tensor, batch2: Tensor, options?: AddOptions): Tensor {
  const { beta, alpha } = parse_add("baddbmm", options ? [options] : []);
  return baddbmm_op(input, batch1, batch2, beta, alpha);
}

/** Tensor.baddbmm_: the same, written into self. */
export function baddbmm_(self: Tensor, batch1: Tensor, batch2: Tensor, options?: AddOptions): Tensor {
  const { beta, alpha } = parse_add("baddbmm_", options ? [options] : []);
  return baddbmm_op.inplace(self, batch1, batch2, beta, alpha);
}

/** addbmm's gradient, the same for every batch: grad.unsqueeze(0).expand(b, n, p). */
function per_batch(grad: Tensor, batch: Tensor): Tensor {
  return grad.unsqueeze(0).expand(batch.shape[0], grad.shape[0], grad.shape[1]);
}

const addbmm_op: OpFn<[input: Tensor, b1: Tensor, b2: Tensor, beta: number, alpha: number]> = defineOp({
  name: "addbmm",
  node: "AddbmmBackward0",
  differentiable: [0, 1, 2],
  forward(ctx, input: Tensor, b1: Tensor, b2: Tensor, beta: number, alpha: number) {
    check_baddbmm(input, b1, b2);
    check_scalars(b1.dtype, beta, alpha);
    const [B, M, K] = b1.shape;
    const N = b2.shape[2];
    const addend = input.expand([M, N]);
    save_operands(ctx, b1, b2, 1);
    // sum over b of b1[b] @ b2[b] is one product over the joint (b, k) index
    const a = contiguous(b1.transpose(0, 1)).reshape(M, B * K);
    const b = contiguous(b2).reshape(B * K, N);
    return product(ctx, [M, N], view3(a), view3(b), b1.dtype, view3(addend), alpha, beta);
  },
  // batch1: grad.unsqueeze(0).expand(b, n, p).bmm(batch2.transpose(1, 2)) * alpha; batch2 likewise
  backward: (ctx, grad) =>
    add_backward(
      ctx,
      grad,
      (b2) => bmm(per_batch(grad, b2), b2.transpose(1, 2)),
      (b1) => bmm(b1.transpose(1, 2), per_batch(grad, b1)),
    ),
});

/** torch.addbmm: beta * input + alpha * sum over b of (batch1[b] @ batch2[b]). */
export function addbmm(input: Tensor, batch1: Tensor, batch2: Tensor, options?: AddOptions): Tensor {
  const { beta, alpha } = parse_add("addbmm", options ? [options] : []);
  return addbmm_op(input, batch1, batch2, beta, alpha);
}

/** Tensor.addbmm_: the same, written into self. */
export function addbmm_(self: Tensor, batch1: Tensor, batch2: Tensor, options?: AddOptions): Tensor {
  const { beta, alpha } = parse_add("addbmm_", options ? [options] : []);
  return addbmm_op.inplace(self, batch1, batch2, beta, alpha);
}

/** The op table of this file (src/ops/table.ts): its ops' torch.X functions and Tensor methods. */
export default op_table({
  addbmm: { fn: addbmm, variants: "function, method", inplace: addbmm_ },
  addmm: { fn: addmm, variants: "function, method", inplace: addmm_ },
  addmv: { fn: addmv, variants: "function, method", inplace: addmv_, inplace_variants: "function, method" },
  baddbmm: { fn: baddbmm, variants: "function, method", inplace: baddbmm_ },
});
