/**
 * torch.multinomial as PyTorch's CPU kernel computes it (aten/src/ATen/native/Distributions.cpp
 * `multinomial_out` and cpu/MultinomialKernel.cpp), so the draws equal PyTorch's for a seed:
 *
 * - without replacement, or a single sample: the exponential-race form of the Gumbel-max trick,
 *   `q = empty_like(p).exponential_(1)`, `q = p / q` (in p's dtype), then `argmax` (one sample)
 *   or `topk(n_sample)` along the last dim. One double uniform (two words) per category.
 * - with replacement (n_sample > 1): per row, the running sum of the weights in the dtype, each
 *   entry divided by the total, the last one forced to 1, then per sample one double uniform
 *   and a binary search for the first cumulative entry >= u. Two words per sample.
 */
import { float32, int64, scalar_type_name } from "../../dtype.js";
import { empty_tensor } from "../../tensor/make.js";
import { check_options } from "../../tensor/args.js";
import type { Tensor } from "../../tensor/tensor.js";
import { resolve_generator, type Generator } from "../../random/generator.js";
import { u53 } from "../../random/sampling.js";
import { exponential_ } from "./samplers.js";
import { op_table } from "../table.js";

/** multinomial's keyword options. */
export interface MultinomialOptions {
  replacement?: boolean;
  generator?: Generator | null;
}

/** 2^24: categories are counted in float32 by PyTorch's kernels */
const FLOAT32_MAX_CONSECUTIVE_INT = 2 ** 24;

/**
 * torch.multinomial(input, num_samples, replacement=False, {generator}): indices (int64) drawn
 * from the categorical distributions given by the (unnormalised, non-negative) weights of each
 * row of a 1-D or 2-D float tensor.
 */
export function multinomial(
  input: Tensor,
  num_samples: number,
  replacement?: boolean | MultinomialOptions,
  options: MultinomialOptions = {},
): Tensor {
  const o = typeof replacement === "object" ? replacement : { ...options, replacement };
  check_options("multinomial", o, ["replacement", "generator"]);
  const with_replacement = o.replacement ?? false;
  const gen = resolve_generator(o.generator);
  if (!(input.dim() > 0 && input.dim() <= 2)) throw new Error("prob_dist must be 1 or 2 dim");
  if (!input.dtype.is_floating_point) {
    throw new Error(
      `multinomial only supports floating-point dtypes for input, got: ${scalar_type_name(input.dtype)}`,
    );
  }
  if (!Number.isInteger(num_samples) || num_samples <= 0)
    throw new Error("cannot sample n_sample <= 0 samples");
  const n_categories = input.shape[input.dim() - 1];
  if (!with_replacement && num_samples > n_categories) {
    throw new Error("cannot sample n_sample > prob_dist.size(-1) samples without replacement");
  }
  if (n_categories > FLOAT32_MAX_CONSECUTIVE_INT) throw new Error("number of categories cannot exceed 2^24");
  const n_dist = input.dim() === 2 ? input.shape[0] : 1;
  const out_shape = input.dim() === 1 ? [num_samples] : [n_dist, num_samples];
  if (n_dist === 0) return empty_tensor(out_shape, int64);
  if (!with_replacement || num_samples === 1) return exponential_race(input, num_samples, gen);
  return with_replacement_draws(input.contiguous(), n_dist, n_categories, num_samples, out_shape, gen);
}

/** The no-replacement path: argmax / topk of p / Exp(1) draws. */
function exponential_race(input: Tensor, num_samples: number, gen: Generator): Tensor {
  const p = input.detach();
  if (!((p.max().item() as number) < Infinity && (p.min().item() as number) >= 0)) {
    throw new Error("probability tensor contains either `inf`, `nan` or element < 0");
  }
  const zero_row = p.dim() === 1 ? p.sum().item() === 0 : (p.sum(1).eq(0).sum().item() as number) > 0;
  if (zero_row) throw new Error("invalid multinomial distribution (sum of probabilities <= 0)");
  const q = exponential_(empty_tensor(p.shape, p.dtype), 1, { generator: gen });
  const ratio = p.div(q);
  if (num_samples === 1) return ratio.argmax(-1, true);
  return ratio.topk(num_samples).indices;
}

/** The with-replacement path: normalised cumulative distribution and a binary search. */
function with_replacement_draws(
  p: Tensor,
  n_dist: number,
  n_categories: number,
  num_samples: number,
  out_shape: number[],
  gen: Generator,
): Tensor {
  const round = p.dtype === float32 ? Math.fround : (v: number) => v;
  const src = p._storage.data;
  const base = p._offset;
  const result = empty_tensor(out_shape, int64);
  const out = result._storage.data;
  const cum = new Float64Array(n_categories);
  for (let i = 0; i < n_dist; i++) {
    let sum = 0;
    for (let j = 0; j < n_categories; j++) {
      const val = src[base + i * n_categories + j];
      // NaN fails this first check too, so PyTorch reports it as "< 0"
      if (!(val >= 0)) {
        throw new Error("invalid multinomial distribution (encountering probability entry < 0)");
      }
      if (!Number.isFinite(val)) {
        throw new Error(
          "invalid multinomial distribution (encountering probability entry = infinity or NaN)",
        );
      }
      sum = round(sum + val);
      cum[j] = sum;
    }
    if (!(sum > 0)) throw new Error("invalid multinomial distribution (sum of probabilities <= 0)");
    for (let j = 0; j < n_categories; j++) cum[j] = round(cum[j] / sum);
    cum[n_categories - 1] = 1;
    for (let s = 0; s < num_samples; s++) {
      const u = u53(gen);
      let left = 0;
      let right = n_categories;
      while (right - left > 0) {
        const mid = left + ((right - left) >> 1);
        if (cum[mid] < u) left = mid + 1;
        else right = mid;
      }
      out[i * num_samples + s] = left;
    }
  }
  return result;
}

/** The op table of this file (src/ops/table.ts): its ops' torch.X functions and Tensor methods. */
export default op_table({
  multinomial: { fn: multinomial, variants: "function, method" },
});
