/**
 * Bool-valued tests of one tensor (isnan, isinf, isposinf, isneginf, isfinite, signbit), and
 * logical_not / bitwise_not. None is differentiable. Integer and bool inputs are accepted by all
 * the tests (an integer is never NaN or infinite); bitwise_not refuses floating types and is
 * logical negation on bool, as in PyTorch. logical_not_ keeps self's dtype, writing 0/1.
 */
import type { UnaryOp } from "../../backends/kernels.js";
import { bool } from "../../dtype.js";
import type { Tensor } from "../../tensor/tensor.js";
import { defineOp } from "../../autograd/define.js";
import { not_implemented, unary_kernel } from "./unary_kernel.js";

function test_op(name: UnaryOp) {
  return defineOp({ name, forward: (ctx, x: Tensor) => unary_kernel(ctx, name, x, bool) });
}
// PyTorch has no in-place forms of these: export the plain functions only
const isnan_op = test_op("isnan");
const isinf_op = test_op("isinf");
const isposinf_op = test_op("isposinf");
const isneginf_op = test_op("isneginf");
const isfinite_op = test_op("isfinite");
const signbit_op = test_op("signbit");
export const isnan = (x: Tensor): Tensor => isnan_op(x);
export const isinf = (x: Tensor): Tensor => isinf_op(x);
export const isposinf = (x: Tensor): Tensor => isposinf_op(x);
export const isneginf = (x: Tensor): Tensor => isneginf_op(x);
export const isfinite = (x: Tensor): Tensor => isfinite_op(x);
export const signbit = (x: Tensor): Tensor => signbit_op(x);

export const logical_not = test_op("logical_not");
export const logical_not_ = logical_not.inplace;

export const bitwise_not = defineOp({
  name: "bitwise_not",
  forward: (ctx, x: Tensor) => {
    if (x.dtype.is_floating_point) throw not_implemented("bitwise_not_cpu", x.dtype);
    return unary_kernel(ctx, x.dtype === bool ? "logical_not" : "bitwise_not", x, x.dtype);
  },
});
export const bitwise_not_ = bitwise_not.inplace;
