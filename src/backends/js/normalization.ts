/**
 * Reference moments and layer normalisation, in doubles and rounded once on store (PyTorch's
 * CPU kernels accumulate float32 in double too, with Welford's method; two passes here give the
 * same value or one a rounding away).
 *
 * - var_mean: per output, the mean of the reduced elements (summed in row-major order of the
 *   reduced dims, as `reduce` sums), then the sum of squared deviations from it, in the same
 *   order, over max(n - correction, 0); the standard deviation is its square root.
 * - layer_norm: per row of a dense [M, N] input, mean and rstd = 1 / sqrt(var + eps) (biased),
 *   and y = (x - mean) * rstd, times weight and plus bias where given, all in double.
 */
import type { Kernel } from "../kernels.js";
import { split_dims, walk_offsets } from "./reduce.js";

export const var_mean: Kernel<"var_mean"> = (x, dims, correction, std, out, mean) => {
  const xd = x.data;
  const { outer_shape, outer_strides, inner_shape, inner_strides } = split_dims(x, dims);
  const outer = walk_offsets(outer_shape, outer_strides);
  const inner = walk_offsets(inner_shape, inner_strides);
  const n = inner.length;
  const dof = Math.max(n - correction, 0);
  for (let o = 0; o < outer.length; o++) {
    const base = x.offset + outer[o];
    let s = 0;
    for (let r = 0; r < n; r++) s += xd[base + inner[r]];
    const mu = s / n;
    let ss = 0;
    for (let r = 0; r < n; r++) {
      const c = xd[base + inner[r]] - mu;
      ss += c * c;
    }
    const v = ss / dof;
    out.data[out.offset + o] = std ? Math.sqrt(v) : v;
    if (mean) mean.data[mean.offset + o] = mu;
  }
};

export const layer_norm: Kernel<"layer_norm"> = (x, weight, bias, eps, out, mean, rstd) => {
  const [M, N] = x.shape;
  const xd = x.data;
  const od = out.data;
  for (let r = 0; r < M; r++) {
    const base = x.offset + r * N;
    let s = 0;
    for (let j = 0; j < N; j++) s += xd[base + j];
    const mu = s / N;
    let v = 0;
    for (let j = 0; j < N; j++) {
      const c = xd[base + j] - mu;
      v += c * c;
    }
    const rs = 1 / Math.sqrt(v / N + eps);
    mean.data[mean.offset + r] = mu;
    rstd.data[rstd.offset + r] = rs;
    const o = out.offset + r * N;
    for (let j = 0; j < N; j++) {
      let y = (xd[base + j] - mu) * rs;
      if (weight) y *= weight.data[weight.offset + j * weight.strides[0]];
      if (bias) y += bias.data[bias.offset + j * bias.strides[0]];
      od[o + j] = y;
    }
  }
};
