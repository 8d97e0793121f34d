/**
 * Trigonometric, hyperbolic and special functions of one tensor (sin ... atanh, sigmoid,
 * logit, erf, erfc, erfinv, deg2rad, rad2deg). All are floating functions: integer and bool
 * inputs promote to the default float. Each backward is derivatives.yaml's formula, written in
 * tensor ops so it can itself be differentiated; the comment above each op quotes it.
 */
import type { Tensor } from "../../tensor/tensor.js";
import { kwargs } from "../../tensor/args.js";
import { defineOp, type OpFn } from "../../autograd/define.js";
import { rsqrt } from "./arithmetic.js";
import {
  float_dtype,
  float_unary,
  mask,
  mask_not,
  mask_or,
  masked_grad,
  unary_kernel,
} from "./unary_kernel.js";
import { op_table } from "../table.js";

// self: grad * self.cos()
/** Sine (radians), elementwise, in a floating dtype. */
export const sin: OpFn<[x: Tensor]> = float_unary("sin", "SinBackward0", "sin", "self", (g, x) =>
  g.mul(cos(x)),
);
/** In-place {@link sin}. */
export const sin_ = sin.inplace;
// self: grad * -self.sin()
/** Cosine (radians), elementwise, in a floating dtype. */
export const cos: OpFn<[x: Tensor]> = float_unary("cos", "CosBackward0", "cos", "self", (g, x) =>
  g.mul(sin(x).neg()),
);
/** In-place {@link cos}. */
export const cos_ = cos.inplace;
// self: grad * (1 + result.pow(2))
/** Tangent (radians), elementwise, in a floating dtype. */
export const tan: OpFn<[x: Tensor]> = float_unary("tan", "TanBackward0", "tan", "result", (g, r) =>
  g.mul(r.mul(r).add(1)),
);
/** In-place {@link tan}. */
export const tan_ = tan.inplace;

/** 1 - x^2, as derivatives.yaml writes it for asin/acos (-self * self + 1). */
const one_minus_sq = (x: Tensor): Tensor => x.neg().mul(x).add(1);

// self: grad * (-self * self + 1).rsqrt()
/** Arcsine, elementwise, in radians (NaN outside [-1, 1]). */
export const asin: OpFn<[x: Tensor]> = float_unary("asin", "AsinBackward0", "asin", "self", (g, x) =>
  g.mul(rsqrt(one_minus_sq(x))),
);
/** In-place {@link asin}. */
export const asin_ = asin.inplace;
// self: grad * -((-self * self + 1).rsqrt())
/** Arccosine, elementwise, in radians (NaN outside [-1, 1]). */
export const acos: OpFn<[x: Tensor]> = float_unary("acos", "AcosBackward0", "acos", "self", (g, x) =>
  g.mul(rsqrt(one_minus_sq(x)).neg()),
);
/** In-place {@link acos}. */
export const acos_ = acos.inplace;
// self: grad / (self * self + 1)
/** Arctangent, elementwise, in radians. */
export const atan: OpFn<[x: Tensor]> = float_unary("atan", "AtanBackward0", "atan", "self", (g, x) =>
  g.div(x.mul(x).add(1)),
);
/** In-place {@link atan}. */
export const atan_ = atan.inplace;
/** Alias of {@link asin}. */
export const arcsin: OpFn<[x: Tensor]> = asin;
/** In-place {@link arcsin}. */
export const arcsin_ = asin_;
/** Alias of {@link acos}. */
export const arccos: OpFn<[x: Tensor]> = acos;
/** In-place {@link arccos}. */
export const arccos_ = acos_;
/** Alias of {@link atan}. */
export const arctan: OpFn<[x: Tensor]> = atan;
/** In-place {@link arctan}. */
export const arctan_ = atan_;

// self: grad * self.cosh()
/** Hyperbolic sine, elementwise, in a floating dtype. */
export const sinh: OpFn<[x: Tensor]> = float_unary("sinh", "SinhBackward0", "sinh", "self", (g, x) =>
  g.mul(cosh(x)),
);
/** In-place {@link sinh}. */
export const sinh_ = sinh.inplace;
// self: grad * self.sinh()
/** Hyperbolic cosine, elementwise, in a floating dtype. */
export const cosh: OpFn<[x: Tensor]> = float_unary("cosh", "CoshBackward0", "cosh", "self", (g, x) =>
  g.mul(sinh(x)),
);
/** In-place {@link cosh}. */
export const cosh_ = cosh.inplace;
// self: tanh_backward(grad, result) = grad * (1 - result^2)
/** Hyperbolic tangent, elementwise, in a floating dtype. */
export const tanh: OpFn<[x: Tensor]> = float_unary("tanh", "TanhBackward0", "tanh", "result", (g, r) =>
  g.mul(r.mul(r).neg().add(1)),
);
/** In-place {@link tanh}. */
export const tanh_ = tanh.inplace;
// self: grad * (self.pow(2) + 1).rsqrt()
/** Inverse hyperbolic sine, elementwise. */
export const asinh: OpFn<[x: Tensor]> = float_unary("asinh", "AsinhBackward0", "asinh", "self", (g, x) =>
  g.mul(rsqrt(x.mul(x).add(1))),
);
/** In-place {@link asinh}. */
export const asinh_ = asinh.inplace;
// self: grad * (self.pow(2) - 1).rsqrt()
/** Inverse hyperbolic cosine, elementwise (NaN below 1). */
export const acosh: OpFn<[x: Tensor]> = float_unary("acosh", "AcoshBackward0", "acosh", "self", (g, x) =>
  g.mul(rsqrt(x.mul(x).sub(1))),
);
/** In-place {@link acosh}. */
export const acosh_ = acosh.inplace;
// self: grad * 1 / (1 - self.pow(2))
/** Inverse hyperbolic tangent, elementwise (NaN outside [-1, 1], infinite at ±1). */
export const atanh: OpFn<[x: Tensor]> = float_unary("atanh", "AtanhBackward0", "atanh", "self", (g, x) =>
  g.div(x.mul(x).neg().add(1)),
);
/** In-place {@link atanh}. */
export const atanh_ = atanh.inplace;
/** Alias of {@link asinh}. */
export const arcsinh: OpFn<[x: Tensor]> = asinh;
/** In-place {@link arcsinh}. */
export const arcsinh_ = asinh_;
/** Alias of {@link acosh}. */
export const arccosh: OpFn<[x: Tensor]> = acosh;
/** In-place {@link arccosh}. */
export const arccosh_ = acosh_;
/** Alias of {@link atanh}. */
export const arctanh: OpFn<[x: Tensor]> = atanh;
/** In-place {@link arctanh}. */
export const arctanh_ = atanh_;

// self: sigmoid_backward(grad, result) = grad * (1 - result) * result
/** The logistic function 1 / (1 + e^-x), elementwise, in a floating dtype. */
export const sigmoid: OpFn<[x: Tensor]> = float_unary(
  "sigmoid",
  "SigmoidBackward0",
  "sigmoid",
  "result",
  (g, r) => g.mul(r.neg().add(1)).mul(r),
);
/** In-place {@link sigmoid}. */
export const sigmoid_ = sigmoid.inplace;

const TWO_OVER_SQRT_PI = 2 / Math.sqrt(Math.PI);
// self: 2.0 / sqrt(M_PI) * exp(-(self.pow(2))) * grad
/** The Gauss error function, elementwise. */
export const erf: OpFn<[x: Tensor]> = float_unary("erf", "ErfBackward0", "erf", "self", (g, x) =>
  g.mul(x.mul(x).neg().exp().mul(TWO_OVER_SQRT_PI)),
);
/** In-place {@link erf}. */
export const erf_ = erf.inplace;
// self: -2.0 / sqrt(M_PI) * exp(-(self.pow(2))) * grad
/** 1 - erf(x), accurate where erf(x) is close to 1. */
export const erfc: OpFn<[x: Tensor]> = float_unary("erfc", "ErfcBackward0", "erfc", "self", (g, x) =>
  g.mul(x.mul(x).neg().exp().mul(-TWO_OVER_SQRT_PI)),
);
/** In-place {@link erfc}. */
export const erfc_ = erfc.inplace;
// self: 0.5 * sqrt(M_PI) * exp(self.erfinv().pow(2)) * grad
/** The inverse of {@link erf} on (-1, 1); ±inf at ±1, NaN outside. */
export const erfinv: OpFn<[x: Tensor]> = float_unary(
  "erfinv",
  "ErfinvBackward0",
  "erfinv",
  "self",
  (g, x) => {
    const y = erfinv(x);
    return g.mul(
      y
        .mul(y)
        .exp()
        .mul(0.5 * Math.sqrt(Math.PI)),
    );
  },
);
export const erfinv_ = erfinv.inplace;

// self: grad * M_PI / 180
/** Degrees to radians, elementwise. */
export const deg2rad: OpFn<[x: Tensor]> = float_unary("deg2rad", "Deg2RadBackward0", "deg2rad", "none", (g) =>
  g.mul(Math.PI / 180),
);
/** In-place {@link deg2rad}. */
export const deg2rad_ = deg2rad.inplace;
// self: grad * 180 / M_PI
/** Radians to degrees, elementwise. */
export const rad2deg: OpFn<[x: Tensor]> = float_unary("rad2deg", "Rad2DegBackward0", "rad2deg", "none", (g) =>
  g.mul(180 / Math.PI),
);
/** In-place {@link rad2deg}. */
export const rad2deg_ = rad2deg.inplace;

const logit_op: OpFn<[x: Tensor, eps: number | null]> = defineOp({
  name: "logit",
  node: "LogitBackward0",
  forward: (ctx, x: Tensor, eps: number | null) => {
    ctx.save(x);
    return unary_kernel(ctx, "logit", x, float_dtype(x), eps ?? NaN);
  },
  // self: logit_backward(grad, self, eps): grad / (self * (1 - self)) inside the domain;
  // outside it NaN without eps, 0 (the clamp is flat there) with eps
  backward(ctx, grad) {
    const [x] = ctx.saved;
    const eps = ctx.args[1];
    const lo = eps ?? 0;
    const hi = eps === null ? 1 : 1 - eps;
    // written as "not outside" so that a NaN input keeps its NaN gradient, as in ATen
    const keep = mask_not(mask_or(mask("lt", x, lo), mask("gt", x, hi)));
    return [masked_grad(keep, grad.div(x.mul(x.neg().add(1))), eps === null ? NaN : 0)];
  },
});

export type LogitArgs =
  | [eps?: number | null]
  | [{ eps?: number | null }]
  | [eps: number | null | undefined, options: { eps?: number | null }];
function logit_eps(args: unknown[]): number | null {
  return kwargs<{ eps: number | null }>("logit", args, ["eps"]).eps ?? null;
}

/** torch.logit(input, eps=None): log(p / (1 - p)), p clamped to [eps, 1 - eps] when eps is given. */
export function logit(x: Tensor, ...args: LogitArgs): Tensor {
  return logit_op(x, logit_eps(args));
}
/** In-place {@link logit}. */
export function logit_(x: Tensor, ...args: LogitArgs): Tensor {
  return logit_op.inplace(x, logit_eps(args));
}

/** The op table of this file (src/ops/table.ts): its ops' torch.X functions and Tensor methods. */
export default op_table({
  acos: { fn: acos, variants: "function, method", inplace: acos_, inplace_variants: "function, method" },
  acosh: { fn: acosh, variants: "function, method", inplace: acosh_, inplace_variants: "function, method" },
  arccos: {
    fn: arccos,
    variants: "function, method",
    inplace: arccos_,
    inplace_variants: "function, method",
  },
  arccosh: {
    fn: arccosh,
    variants: "function, method",
    inplace: arccosh_,
    inplace_variants: "function, method",
  },
  arcsin: {
    fn: arcsin,
    variants: "function, method",
    inplace: arcsin_,
    inplace_variants: "function, method",
  },
  arcsinh: {
    fn: arcsinh,
    variants: "function, method",
    inplace: arcsinh_,
    inplace_variants: "function, method",
  },
  arctan: {
    fn: arctan,
    variants: "function, method",
    inplace: arctan_,
    inplace_variants: "function, method",
  },
  arctanh: {
    fn: arctanh,
    variants: "function, method",
    inplace: arctanh_,
    inplace_variants: "function, method",
  },
  asin: { fn: asin, variants: "function, method", inplace: asin_, inplace_variants: "function, method" },
  asinh: { fn: asinh, variants: "function, method", inplace: asinh_, inplace_variants: "function, method" },
  atan: { fn: atan, variants: "function, method", inplace: atan_, inplace_variants: "function, method" },
  atanh: { fn: atanh, variants: "function, method", inplace: atanh_, inplace_variants: "function, method" },
  cos: { fn: cos, variants: "function, method", inplace: cos_, inplace_variants: "function, method" },
  cosh: { fn: cosh, variants: "function, method", inplace: cosh_, inplace_variants: "function, method" },
  deg2rad: {
    fn: deg2rad,
    variants: "function, method",
    inplace: deg2rad_,
    inplace_variants: "function, method",
  },
  erf: { fn: erf, variants: "function, method", inplace: erf_, inplace_variants: "function, method" },
  erfc: { fn: erfc, variants: "function, method", inplace: erfc_, inplace_variants: "function, method" },
  erfinv: { fn: erfinv, variants: "function, method", inplace: erfinv_ },
  logit: { fn: logit, variants: "function, method", inplace: logit_, inplace_variants: "function, method" },
  rad2deg: {
    fn: rad2deg,
    variants: "function, method",
    inplace: rad2deg_,
    inplace_variants: "function, method",
  },
  sigmoid: {
    fn: sigmoid,
    variants: "function, method",
    inplace: sigmoid_,
    inplace_variants: "function, method",
  },
  sin: { fn: sin, variants: "function, method", inplace: sin_, inplace_variants: "function, method" },
  sinh: { fn: sinh, variants: "function, method", inplace: sinh_, inplace_variants: "function, method" },
  tan: { fn: tan, variants: "function, method", inplace: tan_, inplace_variants: "function, method" },
  tanh: { fn: tanh, variants: "function, method", inplace: tanh_, inplace_variants: "function, method" },
});
