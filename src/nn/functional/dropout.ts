/**
 * F.dropout and its relatives, with torch/nn/functional.py's argument handling (p checked with a
 * ValueError-worded Error, the dimension rules of dropout1d/2d/3d) over src/ops/layers/dropout.ts.
 * The masks are PyTorch's: after the same manual_seed, the same elements are dropped
 * (bernoulli_(1 - p) in element order; one draw per (N, C) pair for the feature variants).
 *
 * alpha_dropout and feature_alpha_dropout are written here because PyTorch's are too (aten's
 * `_dropout_impl` with alpha_dropout=true): keep with probability 1 - p, then
 * `input * (noise * a) + b` with `a = 1 / sqrt((alpha^2 p + 1)(1 - p))` and
 * `b = (noise - 1) * alpha * a + alpha * a * p`, each step rounded in the input's dtype.
 */
import type { Tensor } from "../../tensor/tensor.js";
import { kwargs } from "../../tensor/args.js";
import { empty, zeros } from "../../tensor/factory.js";
import { check_dropout_p, dropout as dropout_op, feature_dropout } from "../../ops/layers/dropout.js";

/**
 * Keyword arguments of the dropout functions: p (default 0.5), training (default true) and inplace (default
 * false).
 */
export interface DropoutOptions {
  p?: number;
  training?: boolean;
  inplace?: boolean;
}
type DropoutArgs = (number | boolean | undefined | DropoutOptions)[];

/** (p=0.5, training, inplace=False), p checked; training defaults to True except for alpha dropout. */
function parse(
  name: string,
  args: DropoutArgs,
  training_default = true,
): { p: number; training: boolean; inplace: boolean } {
  const o = kwargs<{ p: number; training: boolean; inplace: boolean }>(name, args, [
    "p",
    "training",
    "inplace",
  ]);
  const p = o.p ?? 0.5;
  check_dropout_p(p, true);
  return { p, training: o.training ?? training_default, inplace: o.inplace ?? false };
}

/** F.dropout(input, p=0.5, training=True, inplace=False) */
export function dropout(input: Tensor, ...args: DropoutArgs): Tensor {
  const { p, training, inplace } = parse("dropout", args);
  return dropout_op(input, p, training, inplace);
}

/** feature_dropout of an input given a batch dim of one when it has none. */
function batched_feature_dropout(
  input: Tensor,
  batched: boolean,
  p: number,
  training: boolean,
  inplace: boolean,
) {
  if (batched) return feature_dropout(input, p, training, inplace);
  // in place, PyTorch unsqueeze_s the input and squeeze_s it back: writing through a view of it
  // leaves the same values and shape
  const r = feature_dropout(input.unsqueeze(0), p, training, inplace);
  return inplace ? input : r.squeeze(0);
}

/** F.dropout1d(input, p=0.5, training=True, inplace=False): whole channels of (N, C, L) or (C, L). */
export function dropout1d(input: Tensor, ...args: DropoutArgs): Tensor {
  const { p, training, inplace } = parse("dropout1d", args);
  const d = input.dim();
  if (d !== 2 && d !== 3) {
    throw new Error(
      `dropout1d: Expected 2D or 3D input, but received a ${d}D input. Note that dropout1d exists to provide channel-wise dropout on inputs with 1 spatial dimension, a channel dimension, and an optional batch dimension (i.e. 2D or 3D inputs).`,
    );
  }
  return batched_feature_dropout(input, d === 3, p, training, inplace);
}

/**
 * F.dropout2d(input, p=0.5, training=True, inplace=False): whole channels of (N, C, H, W). As in
 * PyTorch, a 3-D input is taken as (N, C, L) (channel-wise 1-D dropout), with a warning.
 */
export function dropout2d(input: Tensor, ...args: DropoutArgs): Tensor {
  const { p, training, inplace } = parse("dropout2d", args);
  const d = input.dim();
  if (d !== 3 && d !== 4) {
    console.warn(
      `dropout2d: Received a ${d}-D input to dropout2d, which is deprecated and will result in an error in a future release. To retain the behavior and silence this warning, please use dropout instead. Note that dropout2d exists to provide channel-wise dropout on inputs with 2 spatial dimensions, a channel dimension, and an optional batch dimension (i.e. 3D or 4D inputs).`,
    );
  }
  if (d === 3) {
    console.warn(
      "dropout2d: Received a 3D input to dropout2d and assuming that channel-wise 1D dropout behavior is desired - input is interpreted as shape (N, C, L), where C is the channel dim. This behavior will change in a future release to interpret the input as one without a batch dimension, i.e. shape (C, H, W). To maintain the 1D channel-wise dropout behavior, please switch to using dropout1d instead.",
    );
  }
  return feature_dropout(input, p, training, inplace);
}

/** F.dropout3d(input, p=0.5, training=True, inplace=False): whole channels of (N, C, D, H, W) or (C, D, H, W). */
export function dropout3d(input: Tensor, ...args: DropoutArgs): Tensor {
  const { p, training, inplace } = parse("dropout3d", args);
  const d = input.dim();
  if (d !== 4 && d !== 5) {
    console.warn(
      `dropout3d: Received a ${d}-D input to dropout3d, which is deprecated and will result in an error in a future release. To retain the behavior and silence this warning, please use dropout instead. Note that dropout3d exists to provide channel-wise dropout on inputs with 3 spatial dimensions, a channel dimension, and an optional batch dimension (i.e. 4D or 5D inputs).`,
    );
  }
  return batched_feature_dropout(input, d === 5, p, training, inplace);
}

// SELU's alpha as aten's alpha_dropout spells it
const ALPHA = 1.7580993408473766;

function alpha_dropout_impl(
  input: Tensor,
  p: number,
  training: boolean,
  inplace: boolean,
  feature: boolean,
): Tensor {
  if (p === 0 || !training || input.numel() === 0) return input;
  const zero = zeros([], { dtype: input.dtype });
  if (p === 1) return inplace ? input.mul_(zero) : input.mul(zero);
  if (feature && input.dim() < 2)
    throw new Error("Feature dropout requires at least 2 dimensions in the input");
  const shape = feature ? input.shape.map((s, i) => (i < 2 ? s : 1)) : input.shape;
  const noise = empty(shape, { dtype: input.dtype });
  noise.bernoulli_(1 - p);
  const a = 1 / Math.sqrt((ALPHA * ALPHA * p + 1) * (1 - p));
  const b = noise
    .add(-1)
    .mul_(ALPHA * a)
    .add_(ALPHA * a * p);
  noise.mul_(a);
  return (inplace ? input.mul_(noise) : input.mul(noise)).add_(b);
}

/** F.alpha_dropout(input, p=0.5, training=False, inplace=False): dropout that keeps SELU's mean and variance. */
export function alpha_dropout(input: Tensor, ...args: DropoutArgs): Tensor {
  const { p, training, inplace } = parse("alpha_dropout", args, false);
  return alpha_dropout_impl(input, p, training, inplace, false);
}

/** F.feature_alpha_dropout(input, p=0.5, training=False, inplace=False): alpha dropout of whole channels. */
export function feature_alpha_dropout(input: Tensor, ...args: DropoutArgs): Tensor {
  const { p, training, inplace } = parse("feature_alpha_dropout", args, false);
  return alpha_dropout_impl(input, p, training, inplace, true);
}
