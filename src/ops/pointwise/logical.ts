/**
 * Bool-valued tests of one tensor (isnan, isinf, isposinf, isneginf, isfinite, signbit), and
 * logical_not / bitwise_not. None is differentiable. Integer and bool inputs are accepted by all
 * the tests (an integer is never NaN or infinite); bitwise_not refuses floating types and is
 * logical negation on bool, as in PyTorch. logical_not_ keeps self's dtype, writing 0/1.
 */
import type { UnaryOp } from "../../backends/kernels.js";
import { bool } from "../../dtype.js";
import type { Tensor } from "../../tensor/tensor.js";
import { defineOp, type OpFn } from "../../autograd/define.js";
import { unary_kernel } from "./unary_kernel.js";
import { kernel_not_implemented } from "../kernel_checks.js";
import { op_table } from "../table.js";

function test_op(name: UnaryOp): OpFn<[x: Tensor]> {
  return defineOp({ name, forward: (ctx, x: Tensor) => unary_kernel(ctx, name, x, bool) });
}
// PyTorch has no in-place forms of these: export the plain functions only
const isnan_op: OpFn<[x: Tensor]> = test_op("isnan");
const isinf_op: OpFn<[x: Tensor]> = test_op("isinf");
const isposinf_op: OpFn<[x: Tensor]> = test_op("isposinf");
const isneginf_op: OpFn<[x: Tensor]> = test_op("isneginf");
const isfinite_op: OpFn<[x: Tensor]> = test_op("isfinite");
const signbit_op: OpFn<[x: Tensor]> = test_op("signbit");
/** True where an element is NaN (a bool tensor). */
export const isnan = (x: Tensor): Tensor => isnan_op(x);
/** True where an element is +inf or -inf. */
export const isinf = (x: Tensor): Tensor => isinf_op(x);
/** True where an element is +inf. */
export const isposinf = (x: Tensor): Tensor => isposinf_op(x);
/** True where an element is -inf. */
export const isneginf = (x: Tensor): Tensor => isneginf_op(x);
/** True where an element is neither NaN nor infinite; always true for integer tensors. */
export const isfinite = (x: Tensor): Tensor => isfinite_op(x);
/** True where an element's sign bit is set (negative numbers and -0). */
export const signbit = (x: Tensor): Tensor => signbit_op(x);

/** True where an element is zero (false). The result is bool. */
export const logical_not: OpFn<[x: Tensor]> = test_op("logical_not");
export const logical_not_ = logical_not.inplace;

/** Bitwise NOT of an integer tensor; logical NOT of a bool one. Floating tensors are refused. */
export const bitwise_not: OpFn<[x: Tensor]> = defineOp({
  name: "bitwise_not",
  forward: (ctx, x: Tensor) => {
    if (x.dtype.is_floating_point) throw kernel_not_implemented("bitwise_not_cpu", x.dtype);
    return unary_kernel(ctx, x.dtype === bool ? "logical_not" : "bitwise_not", x, x.dtype);
  },
});
export const bitwise_not_ = bitwise_not.inplace;

/** The op table of this file (src/ops/table.ts): its ops' torch.X functions and Tensor methods. */
export default op_table({
  bitwise_not: { fn: bitwise_not, variants: "function, method", inplace: bitwise_not_ },
  isfinite: { fn: isfinite, variants: "function, method" },
  isinf: { fn: isinf, variants: "function, method" },
  isnan: { fn: isnan, variants: "function, method" },
  isneginf: { fn: isneginf, variants: "function, method" },
  isposinf: { fn: isposinf, variants: "function, method" },
  logical_not: { fn: logical_not, variants: "function, method", inplace: logical_not_ },
  signbit: { fn: signbit, variants: "function, method" },
});
