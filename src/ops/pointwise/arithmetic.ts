/**
 * Unary arithmetic, exponentials, logarithms, roots and rounding: forward through the `unary`
 * kernel, backward as derivatives.yaml states it. Integer inputs of floating functions (exp,
 * log, sqrt, ...) promote to the default float, as in PyTorch; abs, neg, sign and the rounding
 * functions keep integer dtypes (rounding an integer returns a copy of it). Trigonometric and
 * special functions are in trig.ts, clamp and friends in clamp.ts, the
 * bool-valued tests in logical.ts.
 */
import type { UnaryOp } from "../../backends/kernels.js";
import type { Tensor } from "../../tensor/tensor.js";
import { is_options } from "../../tensor/args.js";
import { pow, pow_ } from "../binary/arithmetic.js";
import { defineOp, type OpFn } from "../../autograd/define.js";
import { float_unary, unary_kernel, zeros_like_grad } from "./unary_kernel.js";
import { kernel_not_implemented } from "../kernel_checks.js";
import { op_table } from "../table.js";

export { float_dtype, unary_kernel } from "./unary_kernel.js";

/**
 * -x, elementwise (Python's unary minus). Bool tensors are refused, as in PyTorch: use {@link logical_not}.
 */
export const neg: OpFn<[x: Tensor]> = defineOp({
  name: "neg",
  node: "NegBackward0",
  forward: (ctx, x: Tensor) => {
    if (x.dtype.name === "bool") {
      throw new Error(
        "Negation, the `-` operator, on a bool tensor is not supported. If you are trying to invert a mask, use the `~` or `logical_not()` operator instead.",
      );
    }
    return unary_kernel(ctx, "neg", x, x.dtype);
  },
  backward: (_ctx, grad) => [grad.neg()],
});
/** In-place {@link neg}. */
export const neg_ = neg.inplace;
/** Alias of {@link neg}. */
export const negative: OpFn<[x: Tensor]> = neg;
/** In-place {@link negative}. */
export const negative_ = neg_;

/** |x|, elementwise, keeping the dtype. Bool tensors are refused. */
export const abs: OpFn<[x: Tensor]> = defineOp({
  name: "abs",
  node: "AbsBackward0",
  forward: (ctx, x: Tensor) => {
    if (x.dtype.name === "bool") throw kernel_not_implemented("abs_cpu", x.dtype);
    ctx.save(x);
    return unary_kernel(ctx, "abs", x, x.dtype);
  },
  // self: grad * self.sgn()
  backward: (ctx, grad) => [grad.mul(sgn(ctx.saved[0]))],
});
/** In-place {@link abs}. */
export const abs_ = abs.inplace;
/** Alias of {@link abs}. */
export const absolute: OpFn<[x: Tensor]> = abs;
export const absolute_ = abs_;

/** sign and sgn keep the dtype (bool included); their gradient is zero. */
function sign_like(name: "sign" | "sgn", node: string): OpFn<[x: Tensor]> {
  return defineOp({
    name,
    node,
    forward: (ctx, x: Tensor) => unary_kernel(ctx, name, x, x.dtype),
    // self: zeros_like(grad) (sgn's formula reduces to it for real input)
    backward: (_ctx, grad) => [zeros_like_grad(grad)],
  });
}
/** -1, 0 or 1 by the sign of each element, in the input's dtype; its gradient is zero. */
export const sign: OpFn<[x: Tensor]> = sign_like("sign", "SignBackward0");
export const sign_ = sign.inplace;
/** The sign of each element; for real tensors the same as {@link sign}. */
export const sgn: OpFn<[x: Tensor]> = sign_like("sgn", "SgnBackward0");
export const sgn_ = sgn.inplace;

/** torch.positive: the input itself (no copy, no node); refused for bool as unary `+`. */
export function positive(x: Tensor): Tensor {
  if (x.dtype.name === "bool") throw new Error("The `+` operator, on a bool tensor is not supported.");
  return x;
}

/** torch.square is pow(x, 2) in PyTorch, hence PowBackward0 and int64 for bool input. */
export function square(x: Tensor): Tensor {
  return pow(x, 2);
}
/** In-place {@link square}. */
export function square_(x: Tensor): Tensor {
  return pow_(x, 2);
}

// self: -grad * (result * result)
/** 1 / x, elementwise; integer and bool inputs give the default float dtype. */
export const reciprocal: OpFn<[x: Tensor]> = float_unary(
  "reciprocal",
  "ReciprocalBackward0",
  "reciprocal",
  "result",
  (g, r) => g.mul(r.mul(r)).neg(),
);
/** In-place {@link reciprocal}. */
export const reciprocal_ = reciprocal.inplace;

/** e^x, elementwise; integer and bool inputs give the default float dtype. */
export const exp: OpFn<[x: Tensor]> = float_unary("exp", "ExpBackward0", "exp", "result", (g, r) => g.mul(r));
/** In-place {@link exp}. */
export const exp_ = exp.inplace;
// self: grad * result * M_LN2
/** 2^x, elementwise, in a floating dtype. */
export const exp2: OpFn<[x: Tensor]> = float_unary("exp2", "Exp2Backward0", "exp2", "result", (g, r) =>
  g.mul(r).mul(Math.LN2),
);
/** In-place {@link exp2}. */
export const exp2_ = exp2.inplace;
// self: grad * (result + 1)
/** e^x - 1, accurate for x near 0, in a floating dtype. */
export const expm1: OpFn<[x: Tensor]> = float_unary("expm1", "Expm1Backward0", "expm1", "result", (g, r) =>
  g.mul(r.add(1)),
);
/** In-place {@link expm1}. */
export const expm1_ = expm1.inplace;

/** Natural logarithm, elementwise, in a floating dtype (NaN below 0, -inf at 0). */
export const log: OpFn<[x: Tensor]> = float_unary("log", "LogBackward0", "log", "self", (g, x) => g.div(x));
/** In-place {@link log}. */
export const log_ = log.inplace;
// self: grad / (self * M_LN2)
/** Base-2 logarithm, elementwise, in a floating dtype. */
export const log2: OpFn<[x: Tensor]> = float_unary("log2", "Log2Backward0", "log2", "self", (g, x) =>
  g.div(x.mul(Math.LN2)),
);
/** In-place {@link log2}. */
export const log2_ = log2.inplace;
// self: grad / (self * M_LN10)
/** Base-10 logarithm, elementwise, in a floating dtype. */
export const log10: OpFn<[x: Tensor]> = float_unary("log10", "Log10Backward0", "log10", "self", (g, x) =>
  g.div(x.mul(Math.LN10)),
);
/** In-place {@link log10}. */
export const log10_ = log10.inplace;
// self: log1p_backward(grad, self) = grad / (self + 1)
/** log(1 + x), accurate for x near 0, in a floating dtype. */
export const log1p: OpFn<[x: Tensor]> = float_unary("log1p", "Log1PBackward0", "log1p", "self", (g, x) =>
  g.div(x.add(1)),
);
/** In-place {@link log1p}. */
export const log1p_ = log1p.inplace;

// self: grad / (2 * result)
/** Square root, elementwise, in a floating dtype (NaN for negative elements). */
export const sqrt: OpFn<[x: Tensor]> = float_unary("sqrt", "SqrtBackward0", "sqrt", "result", (g, r) =>
  g.div(r.mul(2)),
);
/** In-place {@link sqrt}. */
export const sqrt_ = sqrt.inplace;
// self: -0.5 * grad * result.pow(3)
/** 1 / sqrt(x), elementwise, in a floating dtype. */
export const rsqrt: OpFn<[x: Tensor]> = float_unary("rsqrt", "RsqrtBackward0", "rsqrt", "result", (g, r) =>
  g.mul(-0.5).mul(r.pow(3)),
);
/** In-place {@link rsqrt}. */
export const rsqrt_ = rsqrt.inplace;

/**
 * floor, ceil, round, trunc: integer inputs come back as a copy with their dtype; bool is
 * refused as PyTorch's kernel dispatch refuses it. The gradient is zero.
 */
function rounding(name: string, node: string, op: UnaryOp): OpFn<[x: Tensor]> {
  return defineOp({
    name,
    node,
    forward: (ctx, x: Tensor) => {
      if (x.dtype.name === "bool") throw kernel_not_implemented(`${name}_vml_cpu`, x.dtype);
      return unary_kernel(ctx, op, x, x.dtype);
    },
    // self: zeros_like(grad)
    backward: (_ctx, grad) => [zeros_like_grad(grad)],
  });
}
/** Rounds each element down. Integer tensors come back as a copy; bool is refused. The gradient is zero. */
export const floor: OpFn<[x: Tensor]> = rounding("floor", "FloorBackward0", "floor");
/** In-place {@link floor}. */
export const floor_ = floor.inplace;
/** Rounds each element up. Integer tensors come back as a copy; bool is refused. The gradient is zero. */
export const ceil: OpFn<[x: Tensor]> = rounding("ceil", "CeilBackward0", "ceil");
/** In-place {@link ceil}. */
export const ceil_ = ceil.inplace;
/** Rounds each element toward zero. Integer tensors come back as a copy; bool is refused. */
export const trunc: OpFn<[x: Tensor]> = rounding("trunc", "TruncBackward0", "trunc");
/** In-place {@link trunc}. */
export const trunc_ = trunc.inplace;
/** Alias of {@link trunc}. */
export const fix: OpFn<[x: Tensor]> = trunc;
/** In-place {@link fix}. */
export const fix_ = trunc_;

const round_op: OpFn<[x: Tensor]> = rounding("round", "RoundBackward0", "round");

/** round(x, decimals): PyTorch's round.decimals, floating dtypes only. */
const round_decimals_op: OpFn<[x: Tensor, decimals: number]> = defineOp({
  name: "round",
  node: "RoundBackward1",
  forward: (ctx, x: Tensor, decimals: number) => {
    if (!x.dtype.is_floating_point) throw kernel_not_implemented("round_cpu", x.dtype);
    return unary_kernel(ctx, "round_decimals", x, x.dtype, decimals);
  },
  // self: zeros_like(grad)
  backward: (_ctx, grad) => [zeros_like_grad(grad)],
});

export type RoundArgs = [] | [{ decimals?: number }];
/** decimals is keyword-only in PyTorch: only an options object may carry it. */
function round_decimals(args: RoundArgs): number | undefined {
  const o = args[0];
  if (o === undefined) return undefined;
  if (!is_options(o)) throw new TypeError("round() takes 1 positional argument; pass { decimals }");
  for (const k of Object.keys(o)) {
    if (k !== "decimals") throw new TypeError(`round() got an unexpected keyword argument '${k}'`);
  }
  return o.decimals;
}

/** torch.round(input, *, decimals=0): half to even; with `decimals`, PyTorch's scaled rounding. */
export function round(x: Tensor, ...args: RoundArgs): Tensor {
  const d = round_decimals(args);
  return d === undefined ? round_op(x) : round_decimals_op(x, d);
}
/** In-place {@link round}, `{ decimals }` included. */
export function round_(x: Tensor, ...args: RoundArgs): Tensor {
  const d = round_decimals(args);
  return d === undefined ? round_op.inplace(x) : round_decimals_op.inplace(x, d);
}

/** The fractional part, x - trunc(x), of a floating tensor (with x's sign). */
export const frac: OpFn<[x: Tensor]> = defineOp({
  name: "frac",
  node: "FracBackward0",
  forward: (ctx, x: Tensor) => {
    if (!x.dtype.is_floating_point) throw kernel_not_implemented("frac_cpu", x.dtype);
    return unary_kernel(ctx, "frac", x, x.dtype);
  },
  // self: grad
  backward: (_ctx, grad) => [grad],
});
/** In-place {@link frac}. */
export const frac_ = frac.inplace;

/** The op table of this file (src/ops/table.ts): its ops' torch.X functions and Tensor methods. */
export default op_table({
  abs: { fn: abs, variants: "function, method", inplace: abs_, inplace_variants: "function, method" },
  absolute: { fn: absolute, variants: "function, method", inplace: absolute_ },
  ceil: { fn: ceil, variants: "function, method", inplace: ceil_, inplace_variants: "function, method" },
  exp2: { fn: exp2, variants: "function, method", inplace: exp2_, inplace_variants: "function, method" },
  exp: { fn: exp, variants: "function, method", inplace: exp_, inplace_variants: "function, method" },
  expm1: { fn: expm1, variants: "function, method", inplace: expm1_, inplace_variants: "function, method" },
  fix: { fn: fix, variants: "function, method", inplace: fix_, inplace_variants: "function, method" },
  floor: { fn: floor, variants: "function, method", inplace: floor_, inplace_variants: "function, method" },
  frac: { fn: frac, variants: "function, method", inplace: frac_, inplace_variants: "function, method" },
  log10: { fn: log10, variants: "function, method", inplace: log10_, inplace_variants: "function, method" },
  log1p: { fn: log1p, variants: "function, method", inplace: log1p_, inplace_variants: "function, method" },
  log2: { fn: log2, variants: "function, method", inplace: log2_, inplace_variants: "function, method" },
  log: { fn: log, variants: "function, method", inplace: log_, inplace_variants: "function, method" },
  neg: { fn: neg, variants: "function, method", inplace: neg_, inplace_variants: "function, method" },
  negative: {
    fn: negative,
    variants: "function, method",
    inplace: negative_,
    inplace_variants: "function, method",
  },
  positive: { fn: positive, variants: "function, method" },
  reciprocal: {
    fn: reciprocal,
    variants: "function, method",
    inplace: reciprocal_,
    inplace_variants: "function, method",
  },
  round: { fn: round, variants: "function, method", inplace: round_, inplace_variants: "function, method" },
  rsqrt: { fn: rsqrt, variants: "function, method", inplace: rsqrt_, inplace_variants: "function, method" },
  sgn: { fn: sgn, variants: "function, method", inplace: sgn_ },
  sign: { fn: sign, variants: "function, method", inplace: sign_ },
  sqrt: { fn: sqrt, variants: "function, method", inplace: sqrt_, inplace_variants: "function, method" },
  square: {
    fn: square,
    variants: "function, method",
    inplace: square_,
    inplace_variants: "function, method",
  },
  trunc: { fn: trunc, variants: "function, method", inplace: trunc_, inplace_variants: "function, method" },
});
