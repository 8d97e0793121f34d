/**
 * What every binary op file shares: operand conversion to the common dtype and the kernel
 * call over the broadcast shape, PyTorch's dtype names and refusals, integer division by zero,
 * and the graph slots of ops with Scalar overloads (no edge for a scalar argument).
 */
import { kernels } from "../../backends/index.js";
import type { StridedView } from "../../backends/backend.js";
import type { BinaryOp } from "../../backends/kernels.js";
import {
  bool,
  float32,
  float64,
  int32,
  int64,
  result_type as dtype_result_type,
  scalar_type_name,
} from "../../dtype.js";
import type { DType } from "../../dtype.js";
import { broadcast_shapes, type Shape } from "../../shape.js";
import { Tensor } from "../../tensor/tensor.js";
import { empty_tensor } from "../../tensor/make.js";
import { contiguous_copy } from "../convert/convert.js";
import type { OpFn, OutputSink } from "../../autograd/define.js";
import { check_operands } from "../../tensor/args.js";
import { broadcast_view, scalar_view } from "../kernel_views.js";

export type Scalar = number | boolean;
export type TensorOrScalar = Tensor | Scalar;

export function operand_shape(a: TensorOrScalar): readonly number[] {
  return a instanceof Tensor ? a.shape : [];
}

/** The common dtype of two operands (torch.result_type). */
export function promote(a: TensorOrScalar, b: TensorOrScalar): DType {
  return dtype_result_type([a, b]);
}

/** PyTorch's short scalar type names, as its dtype messages use them ('Float', 'Long'): the one table. */
/** PyTorch's refusal of a dtype by a kernel: `"hypot_cpu" not implemented for 'Long'`. */
export function kernel_not_implemented(kernel: string, d: DType): Error {
  return new Error(`"${kernel}" not implemented for '${scalar_type_name(d)}'`);
}

/** PyTorch's error for a floating-only kernel dispatched on another dtype. */
export function check_float_kernel(kernel: string, d: DType): void {
  if (!d.is_floating_point) throw kernel_not_implemented(kernel, d);
}

/** Python's refusal of a scalar where only a Tensor is accepted. */
export function check_tensor(
  op: string,
  x: TensorOrScalar,
  position: number,
  name: string,
): asserts x is Tensor {
  if (!(x instanceof Tensor)) {
    const kind = typeof x === "boolean" ? "bool" : Number.isInteger(x) ? "int" : "float";
    throw new TypeError(`${op}(): argument '${name}' (position ${position}) must be Tensor, not ${kind}`);
  }
}

/** A scalar converted to `dtype`, as PyTorch casts a wrapped number to the common dtype. */
export function cast_scalar(v: Scalar, dtype: DType): number {
  const x = Number(v);
  if (dtype === float32) return Math.fround(x);
  if (dtype === float64) return x;
  if (dtype === bool) return x !== 0 ? 1 : 0;
  const i = Math.trunc(x);
  return dtype === int32 ? i | 0 : i;
}

/** Whether reading `from` values as `to` needs a real conversion (rounding) first. */
function needs_cast(from: DType, to: DType): boolean {
  if (from === to) return false;
  if (to === float32) return from !== bool; // float64 and large integers round to float32
  return to === int32 && from === int64;
}

/** An operand as a view over `shape`, with its values in the compute dtype. */
export function operand_view(x: TensorOrScalar, shape: Shape, compute: DType | null): StridedView {
  if (!(x instanceof Tensor)) return scalar_view(compute ? cast_scalar(x, compute) : Number(x), shape);
  const t = compute && needs_cast(x.dtype, compute) ? contiguous_copy(x, compute) : x;
  return broadcast_view(t, shape);
}

/** Where an intermediate value of a composite kernel goes: always a fresh tensor. */
export const NEW_TENSOR: OutputSink = { output: (shape, dtype) => empty_tensor(shape, dtype) };

/**
 * Runs a binary kernel over the broadcast shape into the op's output of `dtype`. With `compute`
 * given, operands are first converted to it (PyTorch's common dtype); without, their stored
 * values are read as they are (masks and logical ops).
 */
export function binary_kernel(
  ctx: OutputSink,
  op: BinaryOp,
  a: TensorOrScalar,
  b: TensorOrScalar,
  dtype: DType,
  p0?: number,
  compute: DType | null = null,
): Tensor {
  const shape = broadcast_shapes(operand_shape(a), operand_shape(b));
  const out = ctx.output(shape, dtype);
  kernels().binary(op, operand_view(a, shape, compute), operand_view(b, shape, compute), out._view(), p0);
  return out;
}

/** Calls fn(value) for every element of t in row-major order until it returns true. */
export function some_value(t: Tensor, fn: (v: number) => boolean): boolean {
  const d = t._storage.data;
  const shape = t.shape;
  const st = t._strides;
  const nd = shape.length;
  const n = t.numel();
  const idx = new Array<number>(nd).fill(0);
  let off = t._offset;
  for (let i = 0; i < n; i++) {
    if (fn(d[off])) return true;
    for (let k = nd - 1; k >= 0; k--) {
      idx[k]++;
      off += st[k];
      if (idx[k] < shape[k]) break;
      off -= st[k] * shape[k];
      idx[k] = 0;
    }
  }
  return false;
}

/** Integer division and remainder by zero: PyTorch raises instead of producing garbage. */
export function check_int_divisor(dtype: DType, b: TensorOrScalar): void {
  if (dtype.is_floating_point) return;
  const zero = b instanceof Tensor ? some_value(b, (v) => v === 0) : Number(b) === 0;
  if (zero) throw new Error("ZeroDivisionError");
}

/**
 * The graph slots of an op with Scalar overloads: PyTorch records an edge only for the tensors
 * among `positions` (pow(x, 2) has one edge, pow(x, y) two). Pass as `differentiable`.
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

type BinaryFn = (input: TensorOrScalar, other: TensorOrScalar) => Tensor;
type BinaryInplace = (self: Tensor, other: TensorOrScalar) => Tensor;

/**
 * An op of two operands and its in-place form as the API exposes them: the operands checked
 * first, so `x.mul([1, 2])` names the op and the argument.
 */
export function checked_binary(
  name: string,
  op: OpFn<[TensorOrScalar, TensorOrScalar]>,
  other = "other",
): [BinaryFn, BinaryInplace] {
  const name_ = `${name}_`;
  return [
    (input, b) => {
      check_operands(name, input, b, other);
      return op(input, b);
    },
    (self, b) => {
      check_operands(name_, self, b, other);
      return op.inplace(self, b);
    },
  ];
}
