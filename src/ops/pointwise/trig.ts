/**
 * Trigonometric, hyperbolic and special functions of one tensor (sin ... atanh, sigmoid,
 * logit, erf, erfc, erfinv, deg2rad, rad2deg). All are floating functions: integer and bool
 * inputs promote to the default float. Each backward is derivatives.yaml's formula, written in
 * tensor ops so it can itself be differentiated; the comment above each op quotes it.
 */
import type { Tensor } from "../../tensor/tensor.js";
import { kwargs } from "../../tensor/args.js";
import { defineOp } from "../../autograd/define.js";
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

// self: grad * self.cos()
export const sin = float_unary("sin", "SinBackward0", "sin", "self", (g, x) => g.mul(cos(x)));
export const sin_ = sin.inplace;
// self: grad * -self.sin()
export const cos = float_unary("cos", "CosBackward0", "cos", "self", (g, x) => g.mul(sin(x).neg()));
export const cos_ = cos.inplace;
// self: grad * (1 + result.pow(2))
export const tan = float_unary("tan", "TanBackward0", "tan", "result", (g, r) => g.mul(r.mul(r).add(1)));
export const tan_ = tan.inplace;

/** 1 - x^2, as derivatives.yaml writes it for asin/acos (-self * self + 1). */
const one_minus_sq = (x: Tensor): Tensor => x.neg().mul(x).add(1);

// self: grad * (-self * self + 1).rsqrt()
export const asin = float_unary("asin", "AsinBackward0", "asin", "self", (g, x) =>
  g.mul(rsqrt(one_minus_sq(x))),
);
export const asin_ = asin.inplace;
// self: grad * -((-self * self + 1).rsqrt())
export const acos = float_unary("acos", "AcosBackward0", "acos", "self", (g, x) =>
  g.mul(rsqrt(one_minus_sq(x)).neg()),
);
export const acos_ = acos.inplace;
// self: grad / (self * self + 1)
export const atan = float_unary("atan", "AtanBackward0", "atan", "self", (g, x) => g.div(x.mul(x).add(1)));
export const atan_ = atan.inplace;
export const arcsin = asin;
export const arcsin_ = asin_;
export const arccos = acos;
export const arccos_ = acos_;
export const arctan = atan;
export const arctan_ = atan_;

// self: grad * self.cosh()
export const sinh = float_unary("sinh", "SinhBackward0", "sinh", "self", (g, x) => g.mul(cosh(x)));
export const sinh_ = sinh.inplace;
// self: grad * self.sinh()
export const cosh = float_unary("cosh", "CoshBackward0", "cosh", "self", (g, x) => g.mul(sinh(x)));
export const cosh_ = cosh.inplace;
// self: tanh_backward(grad, result) = grad * (1 - result^2)
export const tanh = float_unary("tanh", "TanhBackward0", "tanh", "result", (g, r) =>
  g.mul(r.mul(r).neg().add(1)),
);
export const tanh_ = tanh.inplace;
// self: grad * (self.pow(2) + 1).rsqrt()
export const asinh = float_unary("asinh", "AsinhBackward0", "asinh", "self", (g, x) =>
  g.mul(rsqrt(x.mul(x).add(1))),
);
export const asinh_ = asinh.inplace;
// self: grad * (self.pow(2) - 1).rsqrt()
export const acosh = float_unary("acosh", "AcoshBackward0", "acosh", "self", (g, x) =>
  g.mul(rsqrt(x.mul(x).sub(1))),
);
export const acosh_ = acosh.inplace;
// self: grad * 1 / (1 - self.pow(2))
export const atanh = float_unary("atanh", "AtanhBackward0", "atanh", "self", (g, x) =>
  g.div(x.mul(x).neg().add(1)),
);
export const atanh_ = atanh.inplace;
export const arcsinh = asinh;
export const arcsinh_ = asinh_;
export const arccosh = acosh;
export const arccosh_ = acosh_;
export const arctanh = atanh;
export const arctanh_ = atanh_;

// self: sigmoid_backward(grad, result) = grad * (1 - result) * result
export const sigmoid = float_unary("sigmoid", "SigmoidBackward0", "sigmoid", "result", (g, r) =>
  g.mul(r.neg().add(1)).mul(r),
);
export const sigmoid_ = sigmoid.inplace;

const TWO_OVER_SQRT_PI = 2 / Math.sqrt(Math.PI);
// self: 2.0 / sqrt(M_PI) * exp(-(self.pow(2))) * grad
export const erf = float_unary("erf", "ErfBackward0", "erf", "self", (g, x) =>
  g.mul(x.mul(x).neg().exp().mul(TWO_OVER_SQRT_PI)),
);
export const erf_ = erf.inplace;
// self: -2.0 / sqrt(M_PI) * exp(-(self.pow(2))) * grad
export const erfc = float_unary("erfc", "ErfcBackward0", "erfc", "self", (g, x) =>
  g.mul(x.mul(x).neg().exp().mul(-TWO_OVER_SQRT_PI)),
);
export const erfc_ = erfc.inplace;
// self: 0.5 * sqrt(M_PI) * exp(self.erfinv().pow(2)) * grad
export const erfinv = float_unary("erfinv", "ErfinvBackward0", "erfinv", "self", (g, x) => {
  const y = erfinv(x);
  return g.mul(
    y
      .mul(y)
      .exp()
      .mul(0.5 * Math.sqrt(Math.PI)),
  );
});
export const erfinv_ = erfinv.inplace;

// self: grad * M_PI / 180
export const deg2rad = float_unary("deg2rad", "Deg2RadBackward0", "deg2rad", "none", (g) =>
  g.mul(Math.PI / 180),
);
export const deg2rad_ = deg2rad.inplace;
// self: grad * 180 / M_PI
export const rad2deg = float_unary("rad2deg", "Rad2DegBackward0", "rad2deg", "none", (g) =>
  g.mul(180 / Math.PI),
);
export const rad2deg_ = rad2deg.inplace;

const logit_op = defineOp({
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
export function logit_(x: Tensor, ...args: LogitArgs): Tensor {
  return logit_op.inplace(x, logit_eps(args));
}
