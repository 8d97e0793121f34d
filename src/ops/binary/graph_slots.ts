/**
 * What binary ops record in the graph. An op with Scalar overloads has an edge only for its
 * tensor arguments (pow(x, 2) has one edge, pow(x, y) two): its slots, which inputs need a
 * gradient, the gradients kept for the slots that exist, and the operands as backward sees them.
 * And the NotImplemented node of ops PyTorch has no derivative for.
 */
import { Tensor } from "../../tensor/tensor.js";
import type { TensorOrScalar } from "./binary_kernel.js";

/**
 * The graph slots of an op with Scalar overloads: PyTorch records an edge only for the tensors
 * among `positions`. Pass as `differentiable`.
 */
export function tensor_slots(...positions: number[]) {
  return (...args: unknown[]): number[] => positions.filter((p) => args[p] instanceof Tensor);
}

interface SlotCtx {
  readonly args: readonly unknown[];
  needs_input_grad: boolean[];
}

/** Whether the argument at `pos` needs a gradient, for an op whose slots are tensor_slots(...positions). */
export function needs_grad(ctx: SlotCtx, positions: readonly number[], pos: number): boolean {
  let k = 0;
  for (const p of positions) {
    if (!(ctx.args[p] instanceof Tensor)) continue;
    if (p === pos) return ctx.needs_input_grad[k] ?? false;
    k++;
  }
  return false;
}

/** Gradients given by argument position, kept for the slots that exist (the tensors). */
export function slot_grads(
  ctx: SlotCtx,
  positions: readonly number[],
  grads: (Tensor | null)[],
): (Tensor | null)[] {
  const out: (Tensor | null)[] = [];
  positions.forEach((p, i) => {
    if (ctx.args[p] instanceof Tensor) out.push(grads[i]);
  });
  return out;
}

export const P01 = [0, 1];

/** Saved tensors in argument order; scalars stay in ctx.args. */
export function tensors(...xs: TensorOrScalar[]): Tensor[] {
  return xs.filter((x): x is Tensor => x instanceof Tensor);
}

/**
 * The two operands as backward sees them, for a forward that saved `tensors(a, b)` first:
 * each tensor from the saved list (version-checked), each scalar from ctx.args.
 */
export function saved_pair(ctx: {
  readonly saved: Tensor[];
  readonly args: readonly unknown[];
}): [TensorOrScalar, TensorOrScalar] {
  const s = ctx.saved;
  const a = ctx.args[0] as TensorOrScalar;
  const b = ctx.args[1] as TensorOrScalar;
  const k = a instanceof Tensor ? 1 : 0;
  return [a instanceof Tensor ? s[0] : a, b instanceof Tensor ? s[k] : b];
}

/** PyTorch has no derivative for these: the graph records a node whose backward refuses. */
export const NOT_IMPLEMENTED_NODE = "NotImplemented";
export function not_differentiable(name: string): never {
  throw new Error(`derivative for aten::${name} is not implemented`);
}

/** A NotImplemented node has edges only for the inputs that require grad. */
export function grad_requiring(...args: unknown[]): number[] {
  return args.flatMap((x, i) => (x instanceof Tensor && x.requires_grad ? [i] : []));
}
