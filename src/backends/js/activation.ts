/**
 * Reference kernels of torch.nn's activation functions, one scalar function each, with
 * PyTorch's formulas as its CPU kernels write them (aten/src/ATen/native/cpu/Activation.cpp):
 * the same branch conditions, so NaN, -0 and the thresholds land on the same side. They are
 * part of the UNARY table in unary.ts; parameters arrive in p0..p2. Also the kernels of two
 * activations that are not one-input maps: threshold_backward (ReLU's and threshold's
 * gradient) and rrelu's training forward.
 */
import type { ActivationOp, Kernel } from "../kernels.js";
import { float32 } from "../../dtype.js";
import { fma64 } from "../../fma.js";
import { is_dense, rows, run_step, view_numel } from "./iter.js";
import { erf } from "./special.js";

type Unary = (x: number, p0: number, p1: number, p2: number) => number;

const SQRT1_2 = Math.SQRT1_2;

/**
 * gelu's tanh approximation constants as ATen writes them, shared with its derivative (in the
 * gelu op): kBeta = M_SQRT2 * M_2_SQRTPI * 0.5 = sqrt(2 / pi), kKappa = 0.044715.
 */
export const GELU_BETA = Math.SQRT2 * (2 / Math.sqrt(Math.PI)) * 0.5;
export const GELU_KAPPA = 0.044715;

/** std::min / std::max as C++ defines them: (b < a) ? b : a, so a NaN first argument survives. */
const cmin = (a: number, b: number): number => (b < a ? b : a);
const cmax = (a: number, b: number): number => (a < b ? b : a);

/** min(max(x + 3, 0), 6): hardsigmoid's and hardswish's ramp, NaN kept */
const ramp6 = (x: number): number => cmin(cmax(x + 3, 0), 6);

export const ACTIVATION: Record<ActivationOp, Unary> = {
  leaky_relu: (x, slope) => (x > 0 ? x : x * slope),
  elu: (x, alpha, scale, input_scale) => (x <= 0 ? Math.expm1(x * input_scale) * alpha * scale : x * scale),
  gelu: (x) => x * 0.5 * (1 + erf(x * SQRT1_2)),
  gelu_tanh: (x) => 0.5 * x * (1 + Math.tanh(GELU_BETA * (x + GELU_KAPPA * x * x * x))),
  silu: (x) => x / (1 + Math.exp(-x)),
  // x * tanh(softplus(x)); exp overflowing to inf gives tanh(inf) = 1, so large x map to x
  mish: (x) => x * Math.tanh(Math.log1p(Math.exp(x))),
  hardsigmoid: (x) => ramp6(x) / 6,
  hardswish: (x) => (x * ramp6(x)) / 6,
  softplus: (x, beta, threshold) => (x * beta > threshold ? x : Math.log1p(Math.exp(x * beta)) / beta),
  threshold: (x, th, value) => (x <= th ? value : x),
  // min(x, 0) - log1p(exp(-|x|)): no overflow for either sign
  log_sigmoid: (x) => cmin(x, 0) - Math.log1p(Math.exp(-Math.abs(x))),
  // a * 0 in the middle keeps a NaN input NaN, as ATen writes it
  softshrink: (x, l) => (x > l ? x - l : x < -l ? x + l : x * 0),
  hardshrink: (x, l) => (x >= -l && x <= l ? 0 : x),
};

/**
 * rrelu's training forward (PyTorch's _rrelu_with_noise_train): a slope drawn per element
 * <= 0, in row-major order, rounded to noise's type on store and multiplied into out.
 */
export const rrelu_with_noise: Kernel<"rrelu_with_noise"> = (x, lower, span, uniform, out, noise) => {
  const n = view_numel(x);
  const xd = x.data;
  const od = out.data;
  const nd = noise.data;
  for (let i = 0, xi = x.offset, oi = out.offset, ni = noise.offset; i < n; i++, xi++, oi++, ni++) {
    const v = xd[xi];
    if (v <= 0) {
      nd[ni] = fma64(uniform(), span, lower);
      od[oi] = v * nd[ni];
    } else {
      nd[ni] = 1;
      od[oi] = v;
    }
  }
};

/**
 * threshold_backward (ATen's threshold_kernel with value 0 and other = grad): the comparison is
 * `self <= threshold`, so a NaN self keeps its gradient, as in PyTorch. One pass and one store
 * per element, where a mask and a where() took two passes and a bool tensor.
 */
export const threshold_backward: Kernel<"threshold_backward"> = (grad, self, threshold, out) => {
  const gd = grad.data;
  const sd = self.data;
  const od = out.data;
  const sg = run_step(grad);
  const ss = run_step(self);
  if (sg >= 0 && ss >= 0 && is_dense(out)) {
    const n = view_numel(out);
    const go = grad.offset;
    const so = self.offset;
    const oo = out.offset;
    if (sg === 1 && ss === 1) {
      if (grad.dtype === float32 && out.dtype === float32) {
        // float32: the select as a bit mask on the gradient's bits (0 or all ones), without a
        // branch per element (one that random signs mispredict half the time); a zeroed
        // element is +0, as the reference writes it
        const gi = new Int32Array(gd.buffer, gd.byteOffset + go * 4, n);
        const oi = new Int32Array(od.buffer, od.byteOffset + oo * 4, n);
        for (let i = 0; i < n; i++) oi[i] = gi[i] & (+(sd[so + i] <= threshold) - 1);
        return;
      }
      // the common case (both dense): one index per operand, no per-step additions
      for (let i = 0; i < n; i++) od[oo + i] = sd[so + i] <= threshold ? 0 : gd[go + i];
      return;
    }
    for (let i = 0, ig = go, is = so; i < n; i++, ig += sg, is += ss) {
      od[oo + i] = sd[is] <= threshold ? 0 : gd[ig];
    }
    return;
  }
  const it = rows(out.shape, [grad, self, out]);
  const [jg, js, jo] = it.inner;
  for (let r = 0; r < it.count; r++, it.next()) {
    let ig = it.start[0];
    let is = it.start[1];
    let io = it.start[2];
    for (let i = 0; i < it.n; i++, ig += jg, is += js, io += jo) od[io] = sd[is] <= threshold ? 0 : gd[ig];
  }
};
