/**
 * Ops of three operands: where, masked_fill, lerp, addcmul, addcdiv. Broadcasting covers all
 * operands; where and addcmul/addcdiv promote as binary ops do, masked_fill keeps self's dtype
 * (the value is converted to it) and lerp requires one dtype throughout, as PyTorch does.
 *
 * addcmul_/addcdiv_ are the optimizers' inner loops (Adam's `exp_avg_sq.mul_(b2).addcmul_(g, g,
 * value=1 - b2)`): one ternary kernel writes into self directly, rounding each step exactly
 * where PyTorch's kernel does, so optimizer trajectories match PyTorch's bit for bit.
 */
import { kernels } from "../../backends/index.js";
import {
  bool,
  checked_convert,
  result_type,
  type DType,
  cpp_type_name,
  scalar_type_name,
} from "../../dtype.js";
import { broadcast_shapes } from "../../shape.js";
import { check_number_options } from "../../tensor/args.js";
import { Tensor } from "../../tensor/tensor.js";
import { empty_tensor } from "../../tensor/make.js";
import {
  binary_kernel,
  cast_scalar,
  NEW_TENSOR,
  operand_shape,
  operand_view,
  promote,
  type Scalar,
  type TensorOrScalar,
} from "./binary_kernel.js";
import { kernel_not_implemented } from "../kernel_checks.js";
import { needs_grad, slot_grads, tensor_slots } from "./graph_slots.js";
import { div } from "./arithmetic.js";
import { defineOp, type OutputSink, type OpFn } from "../../autograd/define.js";
import { op_table } from "../table.js";
import { read_first } from "../../tensor/overlap.js";

const P02 = [0, 2];

// ---------------------------------------------------------------- where

function check_condition(condition: Tensor): void {
  if (condition.dtype !== bool) {
    throw new Error(
      `where expected condition to be a boolean tensor, but got a tensor with dtype ${scalar_type_name(condition.dtype)}`,
    );
  }
}

/** out = condition ? a : b over the broadcast shape, with a and b converted to `dtype`. */
function where_kernel(
  ctx: OutputSink,
  condition: Tensor,
  a: TensorOrScalar,
  b: TensorOrScalar,
  dtype: DType,
) {
  const shape = broadcast_shapes(condition.shape, operand_shape(a), operand_shape(b));
  const out = ctx.output(shape, dtype);
  kernels().where(
    operand_view(condition, shape, null),
    operand_view(a, shape, dtype),
    operand_view(b, shape, dtype),
    out._view(),
  );
  return out;
}

const where_op: OpFn<[condition: Tensor, a: TensorOrScalar, b: TensorOrScalar]> = defineOp({
  name: "where",
  node: "WhereBackward0",
  differentiable: [1, 2],
  forward(ctx, condition: Tensor, a: TensorOrScalar, b: TensorOrScalar) {
    check_condition(condition);
    return where_kernel(ctx, condition, a, b, promote(a, b));
  },
  // condition: non_differentiable; self: where(condition, grad, 0); other: where(condition, 0, grad)
  backward(ctx, grad) {
    const c = ctx.args[0];
    return [
      ctx.needs_input_grad[0] ? where(c, grad, 0) : null,
      ctx.needs_input_grad[1] ? where(c, 0, grad) : null,
    ];
  },
});

/** torch.where(condition, input, other): input where condition holds, else other (promoted). */
export function where(condition: Tensor, input: TensorOrScalar, other: TensorOrScalar): Tensor {
  if (input === undefined || other === undefined) {
    throw new TypeError(
      "where(): expected input and other (the one-argument form is torch.nonzero(condition, as_tuple=True))",
    );
  }
  return where_op(condition, input, other);
}

// ---------------------------------------------------------------- masked_fill

function masked_fill_value(value: TensorOrScalar): Scalar {
  if (value instanceof Tensor) {
    if (value.dim() !== 0) {
      throw new Error(
        `masked_fill_ only supports a 0-dimensional value tensor, but got tensor with ${value.dim()} dimension(s).`,
      );
    }
    return value.item();
  }
  return value;
}

const masked_fill_op: OpFn<[self: Tensor, mask: Tensor, value: TensorOrScalar]> = defineOp({
  name: "masked_fill",
  allows_internal_overlap: true,
  node: (_s: Tensor, _m: Tensor, value: TensorOrScalar) =>
    value instanceof Tensor ? "MaskedFillBackward1" : "MaskedFillBackward0",
  differentiable: tensor_slots(0, 2),
  forward(ctx, self: Tensor, mask: Tensor, value: TensorOrScalar) {
    if (mask.dtype !== bool) {
      throw new Error(
        `masked_fill only supports boolean masks, but got dtype ${scalar_type_name(mask.dtype)}`,
      );
    }
    // the value is converted to self's dtype (no promotion), as PyTorch's masked_fill_ does
    const v = checked_convert(Number(masked_fill_value(value)), self.dtype);
    return where_kernel(ctx, mask, cast_scalar(v, self.dtype), self, self.dtype);
  },
  // self: grad.masked_fill(mask, 0); value: where(mask, grad, 0).sum()
  backward(ctx, grad) {
    const mask = ctx.args[1];
    return slot_grads(ctx, P02, [
      needs_grad(ctx, P02, 0) ? masked_fill(grad, mask, 0) : null,
      needs_grad(ctx, P02, 2) ? where(mask, grad, 0).sum() : null,
    ]);
  },
});

/**
 * A copy of input with `value` where mask (a bool tensor broadcast to input's shape) is true. value is a
 * number or a 0-dim tensor.
 */
export function masked_fill(input: Tensor, mask: Tensor, value: TensorOrScalar): Tensor {
  return masked_fill_op(input, mask, value);
}
export function masked_fill_(self: Tensor, mask: Tensor, value: TensorOrScalar): Tensor {
  // the value is read before the write (PyTorch takes its item first)
  return masked_fill_op.inplace(self, mask, read_first(self, value));
}

// ---------------------------------------------------------------- lerp

function check_lerp(self: Tensor, end: Tensor, weight: TensorOrScalar): void {
  if (end.dtype !== self.dtype) {
    throw new Error(
      `expected dtype ${cpp_type_name(self.dtype)} for \`end\` but got dtype ${cpp_type_name(end.dtype)}`,
    );
  }
  if (weight instanceof Tensor && weight.dtype !== self.dtype) {
    throw new Error(
      `expected dtype ${cpp_type_name(self.dtype)} for \`weight\` but got dtype ${cpp_type_name(weight.dtype)}`,
    );
  }
  if (!self.dtype.is_floating_point) {
    throw kernel_not_implemented(
      weight instanceof Tensor ? "lerp_kernel_tensor" : "lerp_kernel_scalar",
      self.dtype,
    );
  }
}

/**
 * PyTorch's lerp: self + weight * (end - self) for |weight| < 0.5, else
 * end - (end - self) * (1 - weight), which is exact at weight 0 and 1.
 */
function lerp_kernel(ctx: OutputSink, self: Tensor, end: Tensor, weight: TensorOrScalar): Tensor {
  const dtype = self.dtype;
  if (!(weight instanceof Tensor))
    return binary_kernel(ctx, "lerp", self, end, dtype, cast_scalar(weight, dtype), dtype);
  const diff = binary_kernel(NEW_TENSOR, "sub", end, self, dtype, 1);
  const small = binary_kernel(
    NEW_TENSOR,
    "add",
    self,
    binary_kernel(NEW_TENSOR, "mul", weight, diff, dtype),
    dtype,
    1,
  );
  const one_minus = binary_kernel(NEW_TENSOR, "sub", 1, weight, dtype, 1, dtype);
  const large = binary_kernel(
    NEW_TENSOR,
    "sub",
    end,
    binary_kernel(NEW_TENSOR, "mul", diff, one_minus, dtype),
    dtype,
    1,
  );
  const abs_w = empty_tensor(weight.shape, dtype);
  kernels().unary("abs", weight._view(), abs_w._view());
  const is_small = binary_kernel(NEW_TENSOR, "lt", abs_w, 0.5, bool, undefined, dtype);
  return where_kernel(ctx, is_small, small, large, dtype);
}

const lerp_op: OpFn<[self: Tensor, end: Tensor, weight: TensorOrScalar]> = defineOp({
  name: "lerp",
  node: (_s: Tensor, _e: Tensor, w: TensorOrScalar) =>
    w instanceof Tensor ? "LerpBackward1" : "LerpBackward0",
  differentiable: tensor_slots(0, 1, 2),
  forward(ctx, self: Tensor, end: Tensor, weight: TensorOrScalar) {
    check_lerp(self, end, weight);
    if (weight instanceof Tensor) {
      broadcast_shapes(self.shape, end.shape, weight.shape);
      if (ctx.needs_input_grad[0] || ctx.needs_input_grad[1]) ctx.save(weight);
      if (ctx.needs_input_grad[2]) ctx.save(self, end);
    }
    return lerp_kernel(ctx, self, end, weight);
  },
  // self: grad * (1 - weight); end: grad * weight; weight: grad * (end - self)
  // (a scalar weight has no slot: the gradients are then self's and end's only)
  backward(ctx, grad) {
    const w = ctx.args[2];
    if (!(w instanceof Tensor)) {
      const x = Number(w);
      return [ctx.needs_input_grad[0] ? grad.mul(1 - x) : null, ctx.needs_input_grad[1] ? grad.mul(x) : null];
    }
    const saved = ctx.saved;
    let k = 0;
    const sw = ctx.needs_input_grad[0] || ctx.needs_input_grad[1] ? saved[k++] : null;
    return [
      ctx.needs_input_grad[0] && sw ? grad.mul(sw.neg().add(1)) : null,
      ctx.needs_input_grad[1] && sw ? grad.mul(sw) : null,
      ctx.needs_input_grad[2] ? grad.mul(saved[k + 1].sub(saved[k])) : null,
    ];
  },
});

/**
 * Linear interpolation input + weight * (end - input); weight is a number or a tensor (shapes broadcast).
 */
export const lerp = (input: Tensor, end: Tensor, weight: TensorOrScalar): Tensor =>
  lerp_op(input, end, weight);
export const lerp_ = (self: Tensor, end: Tensor, weight: TensorOrScalar): Tensor =>
  lerp_op.inplace(self, end, weight);

// ---------------------------------------------------------------- addcmul, addcdiv

export interface ValueOptions {
  value?: number;
}
type Fused = "addcmul" | "addcdiv";

const ADDCDIV_INT_ERROR =
  "Integer division with addcdiv is no longer supported, and in a future  release addcdiv will perform a true division of tensor1 and tensor2. The historic addcdiv behavior can be implemented as (input + value * torch.trunc(tensor1 / tensor2)).to(input.dtype) for integer inputs and as (input + value * tensor1 / tensor2) for float inputs. The future addcdiv behavior is just the latter implementation: (input + value * tensor1 / tensor2), for all dtypes.";

/** self + value * (t1 op t2) over the broadcast shape, in the promoted dtype, by the ternary kernel. */
function fused_forward(
  op: Fused,
  ctx: OutputSink,
  self: Tensor,
  t1: Tensor,
  t2: Tensor,
  value: number,
): Tensor {
  if (op === "addcdiv" && !t1.dtype.is_floating_point && !t2.dtype.is_floating_point) {
    throw new Error(ADDCDIV_INT_ERROR);
  }
  const dtype = result_type([self, t1, t2]);
  if (dtype === bool) throw kernel_not_implemented(`${op}_cpu_out`, dtype);
  const shape = broadcast_shapes(self.shape, t1.shape, t2.shape);
  const out = ctx.output(shape, dtype);
  kernels().ternary(
    op,
    operand_view(self, shape, dtype),
    operand_view(t1, shape, dtype),
    operand_view(t2, shape, dtype),
    out._view(),
    // PyTorch converts value to the dtype (an integer one truncates it)
    cast_scalar(value, dtype),
  );
  return out;
}

type FusedGrad = (grad: Tensor, t1: Tensor, t2: Tensor, value: number) => Tensor;

/** addcmul / addcdiv: self + value * (tensor1 op tensor2), with tensor1's and tensor2's gradients. */
function fused_op(
  op: Fused,
  node: string,
  d_t1: FusedGrad,
  d_t2: FusedGrad,
): OpFn<[self: Tensor, t1: Tensor, t2: Tensor, value: number]> {
  return defineOp({
    name: op,
    node,
    differentiable: [0, 1, 2],
    forward(ctx, self: Tensor, t1: Tensor, t2: Tensor, value: number) {
      if (ctx.needs_input_grad[1] || ctx.needs_input_grad[2]) ctx.save(t1, t2);
      return fused_forward(op, ctx, self, t1, t2, value);
    },
    // self: grad
    backward(ctx, grad) {
      const need = ctx.needs_input_grad;
      if (!need[1] && !need[2]) return [grad, null, null];
      const [t1, t2] = ctx.saved;
      const value = ctx.args[3];
      return [grad, need[1] ? d_t1(grad, t1, t2, value) : null, need[2] ? d_t2(grad, t1, t2, value) : null];
    },
  });
}

const addcmul_op: OpFn<[self: Tensor, t1: Tensor, t2: Tensor, value: number]> = fused_op(
  "addcmul",
  "AddcmulBackward0",
  // tensor1: grad * (tensor2 * value); tensor2: grad * (tensor1 * value)
  (grad, _t1, t2, value) => grad.mul(t2.mul(value)),
  (grad, t1, _t2, value) => grad.mul(t1.mul(value)),
);

const addcdiv_op: OpFn<[self: Tensor, t1: Tensor, t2: Tensor, value: number]> = fused_op(
  "addcdiv",
  "AddcdivBackward0",
  // tensor1: grad * (value / tensor2); tensor2: -grad * (value * tensor1 / (tensor2 * tensor2))
  (grad, _t1, t2, value) => grad.mul(div(value, t2)),
  (grad, t1, t2, value) => grad.neg().mul(t1.mul(value).div(t2.mul(t2))),
);

const VALUE = ["value"] as const;

/** input + value * tensor1 * tensor2, elementwise (`{ value }`, default 1). */
export function addcmul(input: Tensor, tensor1: Tensor, tensor2: Tensor, options?: ValueOptions): Tensor {
  check_number_options("addcmul", options, VALUE);
  return addcmul_op(input, tensor1, tensor2, options?.value ?? 1);
}
export function addcmul_(self: Tensor, tensor1: Tensor, tensor2: Tensor, options?: ValueOptions): Tensor {
  check_number_options("addcmul_", options, VALUE);
  return addcmul_op.inplace(self, tensor1, tensor2, options?.value ?? 1);
}
/** input + value * tensor1 / tensor2, elementwise (`{ value }`, default 1). Integer tensors are refused. */
export function addcdiv(input: Tensor, tensor1: Tensor, tensor2: Tensor, options?: ValueOptions): Tensor {
  check_number_options("addcdiv", options, VALUE);
  return addcdiv_op(input, tensor1, tensor2, options?.value ?? 1);
}
export function addcdiv_(self: Tensor, tensor1: Tensor, tensor2: Tensor, options?: ValueOptions): Tensor {
  check_number_options("addcdiv_", options, VALUE);
  return addcdiv_op.inplace(self, tensor1, tensor2, options?.value ?? 1);
}

/** Tensor.where(condition, other): torch.where(condition, self, other). */
function where_method(self: Tensor, condition: Tensor, other: TensorOrScalar): Tensor {
  return where(condition, self, other);
}

/** The op table of this file (src/ops/table.ts): its ops' torch.X functions and Tensor methods. */
export default op_table({
  addcdiv: { fn: addcdiv, variants: "function, method", inplace: addcdiv_ },
  addcmul: { fn: addcmul, variants: "function, method", inplace: addcmul_ },
  lerp: { fn: lerp, variants: "function, method", inplace: lerp_ },
  masked_fill: { fn: masked_fill, variants: "function, method", inplace: masked_fill_ },
  where: { fn: where, variants: "function, method", method: where_method },
});
