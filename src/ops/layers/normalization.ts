/**
 * Layer normalisations: native_layer_norm (PyTorch's own node, NativeLayerNormBackward0, with its
 * mean and rstd outputs), layer_norm (its first output), and rms_norm, which PyTorch 2.x composes
 * from pow, mean, add_, rsqrt and mul (aten/src/ATen/native/layer_norm.cpp), so its graph shows
 * those nodes and no RmsNorm node.
 *
 * The forward is the backend's layer_norm kernel: each row's moments and the normalised values in
 * double, rounded once into the result, so float32 results can differ from PyTorch's float32 Welford moments in the last bit.
 */
import { kernels } from "../../backends/index.js";
import type { StridedView } from "../../backends/backend.js";
import { is_grad_enabled } from "../../autograd/grad_mode.js";
import { float32, type DType } from "../../dtype.js";
import { fmt_shape, numel, shapes_equal } from "../../shape.js";
import { empty_tensor } from "../../tensor/make.js";
import type { Tensor } from "../../tensor/tensor.js";
import { check_float_kernel } from "../kernel_checks.js";
import { defineMultiOp, type Grad } from "../../autograd/define.js";
import { op_table } from "../table.js";

function check_layer_norm_inputs(
  input: Tensor,
  normalized_shape: readonly number[],
  weight: Tensor | null,
  bias: Tensor | null,
): void {
  const ns = fmt_shape(normalized_shape);
  if (normalized_shape.length < 1) {
    throw new Error(
      `Expected normalized_shape to be at least 1-dimensional, i.e., containing at least one element, but got normalized_shape = ${ns}`,
    );
  }
  if (weight && !shapes_equal(weight.shape, normalized_shape)) {
    throw new Error(
      `Expected weight to be of same shape as normalized_shape, but got weight of shape ${fmt_shape(weight.shape)} and normalized_shape = ${ns}`,
    );
  }
  if (bias && !shapes_equal(bias.shape, normalized_shape)) {
    throw new Error(
      `Expected bias to be of same shape as normalized_shape, but got bias of shape ${fmt_shape(bias.shape)} and normalized_shape = ${ns}`,
    );
  }
  const k = normalized_shape.length;
  const tail = input.shape.slice(input.dim() - k);
  if (input.dim() < k || !shapes_equal(tail, normalized_shape)) {
    throw new Error(
      `Given normalized_shape=${ns}, expected input with shape [*${normalized_shape.map((s) => `, ${s}`).join("")}], but got input of size${fmt_shape(input.shape)}`,
    );
  }
}

/** t (of normalized_shape) as the kernel's [N] vector view. */
function vector(t: Tensor): StridedView {
  const v = t.contiguous()._view();
  return { data: v.data, dtype: v.dtype, shape: [t.numel()], strides: [1], offset: v.offset };
}

/** The trailing dims a normalisation reduces over, and the leading (batch) dims. */
function split_dims(ndim: number, k: number): { norm: number[]; batch: number[] } {
  const norm: number[] = [];
  const batch: number[] = [];
  for (let i = 0; i < ndim; i++) (i < ndim - k ? batch : norm).push(i);
  return { norm, batch };
}

const native_layer_norm_op = defineMultiOp({
  name: "native_layer_norm",
  node: "NativeLayerNormBackward0",
  differentiable: [0, 2, 3],
  forward(
    ctx,
    input: Tensor,
    normalized_shape: readonly number[],
    weight: Tensor | null,
    bias: Tensor | null,
    eps: number,
  ) {
    check_layer_norm_inputs(input, normalized_shape, weight, bias);
    check_float_kernel("LayerNormKernelImpl", input.dtype);
    const dtype: DType = input.dtype;
    const N = numel(normalized_shape);
    const axis = input.dim() - normalized_shape.length;
    const M = N === 0 ? 0 : input.numel() / N;
    const stat_shape = input.shape.map((s, i) => (i < axis ? s : 1));
    const out = empty_tensor(input.shape, dtype);
    const mean = empty_tensor(stat_shape, dtype);
    const rstd = empty_tensor(stat_shape, dtype);
    // eps is a float for float32 inputs (T_ACC), a double for float64
    const e = dtype === float32 ? Math.fround(eps) : eps;
    const x = input.contiguous()._view();
    kernels().layer_norm(
      { data: x.data, dtype: x.dtype, shape: [M, N], strides: [N, 1], offset: x.offset },
      weight ? vector(weight) : null,
      bias ? vector(bias) : null,
      e,
      out._view(),
      mean._view(),
      rstd._view(),
    );
    // as derivatives.yaml: one formula reads input, weight and bias, so all are saved (and
    // version-checked), whichever need grad
    ctx.save(input, mean, rstd);
    if (weight) ctx.save(weight);
    if (bias) ctx.save(bias);
    return [out, mean, rstd];
  },
  // native_layer_norm_backward, written in tensor ops so that create_graph works:
  // xhat = (x - mean) * rstd; g = grad * weight;
  // input: rstd * (g - mean(g) - xhat * mean(g * xhat)); weight: sum(grad * xhat); bias: sum(grad)
  backward(ctx, grads): Grad[] {
    const grad = grads[0];
    if (!grad) return [null, null, null];
    const [x, saved_mean, saved_rstd, saved_w] = ctx.saved;
    const [, normalized_shape, w_arg, , eps] = ctx.args;
    const weight = w_arg ? saved_w : null;
    const { norm, batch } = split_dims(x.dim(), normalized_shape.length);
    let mean: Tensor;
    let rstd: Tensor;
    if (is_grad_enabled()) {
      // create_graph: the statistics must be functions of x for the second derivative
      mean = x.mean(norm, true);
      rstd = x.sub(mean).square().mean(norm, true).add(eps).rsqrt();
    } else {
      mean = saved_mean.detach();
      rstd = saved_rstd.detach();
    }
    const xhat = x.sub(mean).mul(rstd);
    const [need_x, need_w, need_b] = ctx.needs_input_grad;
    const sum_batch = (t: Tensor) => (batch.length ? t.sum(batch) : t);
    let gx: Tensor | null = null;
    if (need_x) {
      const g = weight ? grad.mul(weight) : grad;
      gx = g
        .sub(g.mean(norm, true))
        .sub(xhat.mul(g.mul(xhat).mean(norm, true)))
        .mul(rstd);
    }
    const gw = need_w ? sum_batch(grad.mul(xhat)) : null;
    const gb = need_b ? sum_batch(grad) : null;
    return [gx, gw, gb];
  },
});

/** torch.native_layer_norm(input, normalized_shape, weight, bias, eps): [output, mean, rstd]. */
export function native_layer_norm(
  input: Tensor,
  normalized_shape: readonly number[],
  weight: Tensor | null,
  bias: Tensor | null,
  eps: number,
): [Tensor, Tensor, Tensor] {
  const [out, mean, rstd] = native_layer_norm_op(input, normalized_shape, weight, bias, eps);
  return [out, mean, rstd];
}

/** torch.layer_norm(input, normalized_shape, weight=None, bias=None, eps=1e-5): output only. */
export function layer_norm(
  input: Tensor,
  normalized_shape: readonly number[],
  weight: Tensor | null = null,
  bias: Tensor | null = null,
  eps = 1e-5,
): Tensor {
  return native_layer_norm_op(input, normalized_shape, weight, bias, eps)[0];
}

/** numeric_limits<T>::epsilon() of a float dtype: rms_norm's eps when none is given. */
export function finfo_eps(dtype: DType): number {
  return dtype === float32 ? 1.1920928955078125e-7 : 2.220446049250313e-16;
}

/**
 * torch.rms_norm(input, normalized_shape, weight=None, eps=None), composed as PyTorch 2.x does:
 * `input * rsqrt(input.pow(2).mean(dims, keepdim=True).add_(eps))`, then `* weight`.
 */
export function rms_norm(
  input: Tensor,
  normalized_shape: readonly number[],
  weight: Tensor | null = null,
  eps: number | null = null,
): Tensor {
  check_layer_norm_inputs(input, normalized_shape, weight, null);
  check_float_kernel("rms_norm", input.dtype);
  const { norm } = split_dims(input.dim(), normalized_shape.length);
  // eps_val is a scalar_t: rounded to float for float32 inputs
  const e = eps ?? finfo_eps(input.dtype);
  const eps_val = input.dtype === float32 ? Math.fround(e) : e;
  const rsqrt_input = input.pow(2).mean(norm, true).add_(eps_val).rsqrt();
  const result = input.mul(rsqrt_input);
  return weight ? result.mul(weight) : result;
}

/** The op table of this file (src/ops/table.ts): its ops' torch.X functions and Tensor methods. */
export default op_table({
  layer_norm: { fn: layer_norm, variants: "function" },
  native_layer_norm: { fn: native_layer_norm, variants: "function" },
  rms_norm: { fn: rms_norm, variants: "function" },
});
