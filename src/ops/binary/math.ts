/**
 * Binary math functions: remainder, fmod, atan2, maximum/minimum, fmax/fmin, hypot, copysign,
 * xlogy. Promotion and broadcasting as in arithmetic.ts; the derivatives are derivatives.yaml's
 * (PyTorch 2.x), including its choices at ties and zeros: maximum splits the gradient in half
 * where both inputs are equal, fmax sends it to the non-NaN side, xlogy's self gradient is 0
 * where self == 0 and other <= 0.
 */
import type { BinaryOp } from "../../backends/kernels.js";
import { bool, get_default_dtype, type DType } from "../../dtype.js";
import { Tensor } from "../../tensor/tensor.js";
import { binary_kernel, promote, type TensorOrScalar } from "./binary_kernel.js";
import { check_int_divisor, check_tensor, checked_binary } from "./operand_checks.js";
import { kernel_not_implemented } from "../kernel_checks.js";
import {
  needs_grad,
  NOT_IMPLEMENTED_NODE,
  not_differentiable,
  P01,
  saved_pair,
  slot_grads,
  tensor_slots,
  tensors,
} from "./graph_slots.js";
import { div } from "./arithmetic.js";
import { defineOp, type OutputSink, type OpFn } from "../../autograd/define.js";
import { op_table } from "../table.js";

/** The common dtype, raised to the default float for ops whose result is always floating. */
function float_promote(a: TensorOrScalar, b: TensorOrScalar): DType {
  const d = promote(a, b);
  return d.is_floating_point ? d : get_default_dtype();
}

function run(ctx: OutputSink, op: BinaryOp, a: TensorOrScalar, b: TensorOrScalar, dtype: DType): Tensor {
  return binary_kernel(ctx, op, a, b, dtype, undefined, dtype);
}

// ---------------------------------------------------------------- remainder, fmod

function rounded_remainder(
  name: "remainder" | "fmod",
  mode: "floor" | "trunc",
): OpFn<[a: TensorOrScalar, b: TensorOrScalar]> {
  return defineOp({
    name,
    node: (a: TensorOrScalar, b: TensorOrScalar) =>
      !(b instanceof Tensor)
        ? `${name === "remainder" ? "Remainder" : "Fmod"}Backward0`
        : a instanceof Tensor
          ? `${name === "remainder" ? "Remainder" : "Fmod"}Backward1`
          : NOT_IMPLEMENTED_NODE,
    differentiable: tensor_slots(0, 1),
    forward(ctx, a: TensorOrScalar, b: TensorOrScalar) {
      const dtype = promote(a, b);
      if (dtype === bool) throw kernel_not_implemented(`${name}_cpu`, dtype);
      check_int_divisor(dtype, b, a);
      if (needs_grad(ctx, P01, 1)) ctx.save(...tensors(a, b));
      return run(ctx, name, a, b, dtype);
    },
    // self: grad; other: -grad * self.div(other, rounding_mode) (floor for remainder, trunc for fmod)
    backward(ctx, grad) {
      if (!(ctx.args[0] instanceof Tensor)) return not_differentiable(name);
      if (!needs_grad(ctx, P01, 1)) return slot_grads(ctx, P01, [grad, null]);
      const [x, y] = saved_pair(ctx);
      return [grad, grad.neg().mul(div(x, y, { rounding_mode: mode }))];
    },
  });
}

const remainder_op: OpFn<[a: TensorOrScalar, b: TensorOrScalar]> = rounded_remainder("remainder", "floor");
const fmod_op: OpFn<[a: TensorOrScalar, b: TensorOrScalar]> = rounded_remainder("fmod", "trunc");
/** Python's modulus: input - floor(input / other) * other, so the result takes other's sign. */
export const [remainder, remainder_] = checked_binary("remainder", remainder_op);
/** C's fmod: input - trunc(input / other) * other, so the result takes input's sign. */
export const [fmod, fmod_] = checked_binary("fmod", fmod_op);

// ---------------------------------------------------------------- atan2

const atan2_op: OpFn<[a: Tensor, b: Tensor]> = defineOp({
  name: "atan2",
  node: "Atan2Backward0",
  differentiable: [0, 1],
  forward(ctx, a: Tensor, b: Tensor) {
    ctx.save(a, b);
    return run(ctx, "atan2", a, b, float_promote(a, b));
  },
  // atan2_backward: recip = 1 / (self^2 + other^2); self: grad * other * recip; other: grad * -self * recip
  backward(ctx, grad) {
    const [x, y] = ctx.saved;
    const recip = div(1, x.mul(x).add(y.mul(y)));
    return [
      ctx.needs_input_grad[0] ? grad.mul(y).mul(recip) : null,
      ctx.needs_input_grad[1] ? grad.mul(x.neg()).mul(recip) : null,
    ];
  },
});

/**
 * The angle of the point (other, input), in radians in [-π, π]: arctangent of input / other in the right
 * quadrant.
 */
export function atan2(input: Tensor, other: Tensor): Tensor {
  check_tensor("atan2", other, 2, "other");
  return atan2_op(input, other);
}
export function atan2_(self: Tensor, other: Tensor): Tensor {
  check_tensor("atan2_", other, 1, "other");
  return atan2_op.inplace(self, other);
}
/** Alias of {@link atan2}. */
export const arctan2 = atan2;
export const arctan2_ = atan2_;

// ---------------------------------------------------------------- maximum, minimum, fmax, fmin

function extremum(name: "maximum" | "minimum", node: string): OpFn<[a: Tensor, b: Tensor]> {
  const op = defineOp({
    name,
    node,
    differentiable: [0, 1],
    forward(ctx, a: Tensor, b: Tensor) {
      ctx.save(a, b);
      const dtype = promote(a, b);
      return run(ctx, name, a, b, dtype);
    },
    // self: where(self == other, grad / 2, grad).masked_fill_(self < other, 0) (maximum; > for minimum)
    // other: where(self == other, grad / 2, grad).masked_fill_(self > other, 0)
    backward(ctx, grad) {
      const [x, y] = ctx.saved;
      const split = grad.div(2).where(x.eq(y), grad);
      const [lose_x, lose_y] = name === "maximum" ? [x.lt(y), x.gt(y)] : [x.gt(y), x.lt(y)];
      return [
        ctx.needs_input_grad[0] ? split.masked_fill(lose_x, 0) : null,
        ctx.needs_input_grad[1] ? split.masked_fill(lose_y, 0) : null,
      ];
    },
  });
  return op;
}

function nan_ignoring(name: "fmax" | "fmin", node: string): OpFn<[a: Tensor, b: Tensor]> {
  return defineOp({
    name,
    node,
    differentiable: [0, 1],
    forward(ctx, a: Tensor, b: Tensor) {
      ctx.save(a, b);
      return run(ctx, name, a, b, promote(a, b));
    },
    // self: grad.masked_fill(!((self >= other) | other.isnan()), 0) (<= for fmin)
    // other: grad.masked_fill((self >= other) | other.isnan(), 0)
    backward(ctx, grad) {
      const [x, y] = ctx.saved;
      const self_wins = (name === "fmax" ? x.ge(y) : x.le(y)).logical_or(y.ne(y));
      return [
        ctx.needs_input_grad[0] ? grad.where(self_wins, 0) : null,
        ctx.needs_input_grad[1] ? grad.masked_fill(self_wins, 0) : null,
      ];
    },
  });
}

const maximum_op: OpFn<[a: Tensor, b: Tensor]> = extremum("maximum", "MaximumBackward0");
const minimum_op: OpFn<[a: Tensor, b: Tensor]> = extremum("minimum", "MinimumBackward0");
const fmax_op: OpFn<[a: Tensor, b: Tensor]> = nan_ignoring("fmax", "FmaxBackward0");
const fmin_op: OpFn<[a: Tensor, b: Tensor]> = nan_ignoring("fmin", "FminBackward0");

/** The larger of two elements; NaN if either is NaN. Shapes broadcast. */
export function maximum(input: Tensor, other: Tensor): Tensor {
  check_tensor("maximum", other, 2, "other");
  return maximum_op(input, other);
}
/** The smaller of two elements; NaN if either is NaN. Shapes broadcast. */
export function minimum(input: Tensor, other: Tensor): Tensor {
  check_tensor("minimum", other, 2, "other");
  return minimum_op(input, other);
}
/** The larger of two elements; where one of them is NaN, the other (NaN only if both are). */
export function fmax(input: Tensor, other: Tensor): Tensor {
  check_tensor("fmax", other, 2, "other");
  return fmax_op(input, other);
}
/** The smaller of two elements; where one of them is NaN, the other (NaN only if both are). */
export function fmin(input: Tensor, other: Tensor): Tensor {
  check_tensor("fmin", other, 2, "other");
  return fmin_op(input, other);
}

// ---------------------------------------------------------------- hypot

const hypot_op: OpFn<[a: Tensor, b: Tensor]> = defineOp({
  name: "hypot",
  node: "HypotBackward0",
  differentiable: [0, 1],
  forward(ctx, a: Tensor, b: Tensor) {
    const dtype = promote(a, b);
    if (!dtype.is_floating_point) throw kernel_not_implemented("hypot_cpu", dtype);
    const r = run(ctx, "hypot", a, b, dtype);
    // each operand is read by its own formula only: saved when it needs grad
    ctx.save(r);
    if (ctx.needs_input_grad[0]) ctx.save(a);
    if (ctx.needs_input_grad[1]) ctx.save(b);
    return r;
  },
  // self: grad * self / result; other: grad * other / result
  backward(ctx, grad) {
    const [r, ...xs] = ctx.saved;
    return [
      ctx.needs_input_grad[0] ? grad.mul(xs[0]).div(r) : null,
      ctx.needs_input_grad[1] ? grad.mul(xs[xs.length - 1]).div(r) : null,
    ];
  },
});
/** sqrt(input² + other²), elementwise, without overflow for large values. */
export function hypot(input: Tensor, other: Tensor): Tensor {
  check_tensor("hypot", other, 2, "other");
  return hypot_op(input, other);
}
export function hypot_(self: Tensor, other: Tensor): Tensor {
  check_tensor("hypot_", other, 1, "other");
  return hypot_op.inplace(self, other);
}

// ---------------------------------------------------------------- copysign

const copysign_op: OpFn<[a: Tensor, b: TensorOrScalar]> = defineOp({
  name: "copysign",
  node: (_a: Tensor, b: TensorOrScalar) => (b instanceof Tensor ? "CopysignBackward0" : "CopysignBackward1"),
  differentiable: tensor_slots(0, 1),
  forward(ctx, a: Tensor, b: TensorOrScalar) {
    const r = run(ctx, "copysign", a, b, float_promote(a, b));
    // PyTorch saves the result whenever it records the node (outputs are saved unguarded) and
    // self only when self needs grad
    ctx.save(r);
    if (needs_grad(ctx, P01, 0)) ctx.save(a);
    return r;
  },
  // self: copysign_tensor_self_backward: grad * (result / self).masked_fill(self == 0, 0)
  // other: zeros_like(other)
  backward(ctx, grad) {
    // PyTorch unpacks (so version-checks) every saved variable, needed or not
    const [r, x] = ctx.saved;
    let ga: Tensor | null = null;
    if (needs_grad(ctx, P01, 0)) {
      ga = grad.mul(r.div(x).masked_fill(x.eq(0), 0));
    }
    return slot_grads(ctx, P01, [ga, grad.new_zeros(grad.shape)]);
  },
});
/** The magnitude of input with the sign of other, elementwise, in a floating dtype. */
export const copysign = (input: Tensor, other: TensorOrScalar): Tensor => copysign_op(input, other);
export const copysign_ = (self: Tensor, other: TensorOrScalar): Tensor => copysign_op.inplace(self, other);

// ---------------------------------------------------------------- xlogy

const xlogy_op: OpFn<[a: TensorOrScalar, b: TensorOrScalar]> = defineOp({
  name: "xlogy",
  node: (a: TensorOrScalar, b: TensorOrScalar) =>
    !(a instanceof Tensor) ? "XlogyBackward1" : b instanceof Tensor ? "XlogyBackward0" : "XlogyBackward2",
  differentiable: tensor_slots(0, 1),
  forward(ctx, a: TensorOrScalar, b: TensorOrScalar) {
    ctx.save(...tensors(a, b));
    return run(ctx, "xlogy", a, b, float_promote(a, b));
  },
  // self: xlogy(grad, other).masked_fill((self == 0) & (other <= 0), 0)
  //   (a scalar other: the mask is self == 0 only when other <= 0)
  // other: grad * self / other
  backward(ctx, grad) {
    const [x, y] = saved_pair(ctx);
    let ga: Tensor | null = null;
    if (needs_grad(ctx, P01, 0) && x instanceof Tensor) {
      const g = xlogy(grad, y);
      if (y instanceof Tensor) ga = g.masked_fill(x.eq(0).logical_and(y.le(0)), 0);
      else ga = Number(y) > 0 ? g : g.masked_fill(x.eq(0), 0);
    }
    const gb = needs_grad(ctx, P01, 1) && y instanceof Tensor ? grad.mul(x).div(y) : null;
    return slot_grads(ctx, P01, [ga, gb]);
  },
});
/** input * log(other), defined as 0 where input is 0 (even where other is 0); NaN where other is NaN. */
export function xlogy(input: TensorOrScalar, other: TensorOrScalar): Tensor {
  if (!(input instanceof Tensor) && !(other instanceof Tensor)) {
    throw new TypeError("xlogy(): expected at least one Tensor argument");
  }
  return xlogy_op(input, other);
}
/** In-place {@link xlogy}. */
export const xlogy_ = (self: Tensor, other: TensorOrScalar): Tensor => xlogy_op.inplace(self, other);

/** The op table of this file (src/ops/table.ts): its ops' torch.X functions and Tensor methods. */
export default op_table({
  arctan2: { fn: arctan2, variants: "function, method", inplace: arctan2_ },
  atan2: { fn: atan2, variants: "function, method", inplace: atan2_ },
  copysign: { fn: copysign, variants: "function, method", inplace: copysign_ },
  fmax: { fn: fmax, variants: "function, method" },
  fmin: { fn: fmin, variants: "function, method" },
  fmod: { fn: fmod, variants: "function, method", inplace: fmod_ },
  hypot: { fn: hypot, variants: "function, method", inplace: hypot_ },
  maximum: { fn: maximum, variants: "function, method" },
  minimum: { fn: minimum, variants: "function, method" },
  remainder: { fn: remainder, variants: "function, method", inplace: remainder_ },
  xlogy: { fn: xlogy, variants: "function, method", inplace: xlogy_, inplace_variants: "function, method" },
});
