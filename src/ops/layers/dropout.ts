/**
 * Dropout as PyTorch runs it on the CPU (aten/src/ATen/native/Dropout.cpp, `_dropout_impl`):
 * noise = bernoulli_(1 - p) on a tensor shaped like the input (two words per element), scaled
 * by dividing by 1 - p in the input's dtype, then `input * noise`. So the scale is
 * f32(1 / f32(1 - p)) for float32, a dropped element is `x * 0` (-0.0 for a negative x, NaN for
 * inf/NaN), and the graph node is MulBackward0 (PyTorch 2.x takes the fused native_dropout
 * only on CUDA/XPU/lazy devices, so CPU dropout records MulBackward0 there too).
 * p = 0, eval mode and empty inputs return the input itself and draw nothing; p = 1 multiplies
 * by a zero scalar and draws nothing.
 *
 * nn.functional.dropout / nn.Dropout wrap `dropout`; Dropout2d/3d wrap `feature_dropout`
 * (one Bernoulli per (N, C) pair, broadcast over the remaining dims).
 */
import { float32 } from "../../dtype.js";
import { empty_tensor, scalar_tensor } from "../../tensor/make.js";
import type { Tensor } from "../../tensor/tensor.js";
import { default_generator } from "../../random/generator.js";
import * as S from "../../random/sampling.js";
import { sample_into } from "../random/sample_into.js";
import { py_number } from "../../format.js";

/**
 * PyTorch's refusal of a dropout probability outside [0, 1]. ATen's check refuses NaN too;
 * Python's (`p < 0 or p > 1`, in F.dropout and the modules' constructors) lets it through.
 */
export function check_dropout_p(p: number, nan_ok = false): void {
  if (p < 0 || p > 1 || (!nan_ok && Number.isNaN(p))) {
    throw new Error(`dropout probability has to be between 0 and 1, but got ${py_number(p)}`);
  }
}

/** noise.bernoulli_(1 - p).div_(1 - p): kept elements hold 1 / (1 - p) in the dtype, dropped 0. */
function make_noise(input: Tensor, shape: readonly number[], p: number): Tensor {
  const noise = empty_tensor(shape, input.dtype);
  const q = 1 - p;
  sample_into(noise, (out) => S.bernoulli_scalar_fill(default_generator, out, q));
  // div_ by the Python float 1 - p computes in the tensor's dtype
  const scale = input.dtype === float32 ? Math.fround(1 / Math.fround(q)) : 1 / q;
  const d = noise._storage.data;
  for (let i = 0; i < d.length; i++) if (d[i] !== 0) d[i] = scale;
  return noise;
}

function apply(input: Tensor, noise: Tensor, inplace: boolean): Tensor {
  return inplace ? input.mul_(noise) : input.mul(noise);
}

/** F.dropout(input, p=0.5, training=true, inplace=false) */
export function dropout(input: Tensor, p = 0.5, training = true, inplace = false): Tensor {
  check_dropout_p(p);
  if (p === 0 || !training || input.numel() === 0) return input;
  if (p === 1) return apply(input, scalar_tensor(0, input.dtype), inplace);
  if (!input.dtype.is_floating_point) throw new Error(`dropout: expected a floating point input`);
  return apply(input, make_noise(input, input.shape, p), inplace);
}

/** torch.feature_dropout: F.dropout2d/3d's core, one draw per (N, C) pair. */
export function feature_dropout(input: Tensor, p = 0.5, training = true, inplace = false): Tensor {
  check_dropout_p(p);
  if (p === 0 || !training || input.numel() === 0) return input;
  if (p === 1) return apply(input, scalar_tensor(0, input.dtype), inplace);
  if (input.dim() < 2) throw new Error("Feature dropout requires at least 2 dimensions in the input");
  const shape = input.shape.map((s, i) => (i < 2 ? s : 1));
  return apply(input, make_noise(input, shape, p), inplace);
}
