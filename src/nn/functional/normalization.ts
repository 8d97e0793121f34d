/**
 * F.layer_norm, F.rms_norm and F.normalize, over src/ops/layers/normalization.ts. layer_norm records
 * NativeLayerNormBackward0; rms_norm is PyTorch 2.x's composite; normalize is torch/nn/
 * functional.py's `input / norm(input, p, dim, keepdim=True).clamp_min(eps).expand_as(input)`
 * (DivBackward0 over ExpandBackward0, ClampMinBackward0 and LinalgVectorNormBackward0).
 */
import type { Tensor } from "../../tensor/tensor.js";
import { kwargs } from "../../tensor/args.js";
import { layer_norm as layer_norm_op, rms_norm as rms_norm_op } from "../../ops/layers/normalization.js";

type ShapeArg = number | readonly number[];

function shape_of(s: ShapeArg): readonly number[] {
  return typeof s === "number" ? [s] : s;
}

/**
 * Keyword arguments of {@link layer_norm}: the elementwise affine weight and bias, and eps (default 1e-5).
 */
export interface LayerNormOptions {
  weight?: Tensor | null;
  bias?: Tensor | null;
  eps?: number;
}

/** F.layer_norm(input, normalized_shape, weight=None, bias=None, eps=1e-5) */
export function layer_norm(
  input: Tensor,
  normalized_shape: ShapeArg,
  ...args: (Tensor | number | null | undefined | LayerNormOptions)[]
): Tensor {
  const o = kwargs<{ weight: Tensor | null; bias: Tensor | null; eps: number }>("layer_norm", args, [
    "weight",
    "bias",
    "eps",
  ]);
  return layer_norm_op(input, shape_of(normalized_shape), o.weight ?? null, o.bias ?? null, o.eps ?? 1e-5);
}

/**
 * Keyword arguments of {@link rms_norm}: the elementwise weight, and eps (default: the dtype's machine
 * epsilon).
 */
export interface RMSNormOptions {
  weight?: Tensor | null;
  eps?: number | null;
}

/** F.rms_norm(input, normalized_shape, weight=None, eps=None): eps defaults to the dtype's machine epsilon. */
export function rms_norm(
  input: Tensor,
  normalized_shape: ShapeArg,
  ...args: (Tensor | number | null | undefined | RMSNormOptions)[]
): Tensor {
  const o = kwargs<{ weight: Tensor | null; eps: number | null }>("rms_norm", args, ["weight", "eps"]);
  return rms_norm_op(input, shape_of(normalized_shape), o.weight ?? null, o.eps ?? null);
}

/** Keyword arguments of {@link normalize}: p (default 2), dim (default 1) and eps (default 1e-12). */
export interface NormalizeOptions {
  p?: number;
  dim?: number;
  eps?: number;
}

/** F.normalize(input, p=2.0, dim=1, eps=1e-12): input divided by its p-norm along dim (at least eps). */
export function normalize(input: Tensor, ...args: (number | undefined | NormalizeOptions)[]): Tensor {
  const o = kwargs<{ p: number; dim: number; eps: number }>("normalize", args, ["p", "dim", "eps"]);
  const denom = input
    .norm(o.p ?? 2, o.dim ?? 1, true)
    .clamp_min(o.eps ?? 1e-12)
    .expand_as(input);
  return input.div(denom);
}
