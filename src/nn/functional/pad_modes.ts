/**
 * The non-constant paddings a convolution module's padding_mode asks for (reflect, replicate,
 * circular), as index_select along each padded dim: the values and gradients are F.pad's, the
 * graph shows IndexSelectBackward0 where PyTorch shows ReflectionPad2DBackward0 and friends
 * (docs/differences.md). Internal to nn.Conv*d until torch-ts has F.pad.
 */
import { int64 } from "../../dtype.js";
import { from_array } from "../../tensor/make.js";
import type { Tensor } from "../../tensor/tensor.js";
import { index_select } from "../../ops/indexing/index_along_dim.js";

export type PaddingMode = "zeros" | "reflect" | "replicate" | "circular";

/** Where padded position i (from -left) reads, for an input of `size` along the dim. */
function source(mode: PaddingMode, i: number, size: number): number {
  if (i >= 0 && i < size) return i;
  if (mode === "replicate") return i < 0 ? 0 : size - 1;
  if (mode === "circular") return ((i % size) + size) % size;
  return i < 0 ? -i : 2 * (size - 1) - i; // reflect
}

/**
 * F.pad(input, pad, mode) for the three index modes: `pad` is [left, right] per dim, the last
 * dim first (F.pad's order).
 */
export function pad_mode(input: Tensor, pad: readonly number[], mode: PaddingMode): Tensor {
  let out = input;
  for (let k = 0; k < pad.length / 2; k++) {
    const dim = input.dim() - 1 - k;
    const [left, right] = [pad[2 * k], pad[2 * k + 1]];
    if (left === 0 && right === 0) continue;
    const size = input.shape[dim];
    const limit = mode === "reflect" ? size - 1 : size;
    if (left > limit || right > limit || size === 0) {
      throw new Error(
        mode === "circular"
          ? "Padding value causes wrapping around more than once."
          : `Argument #4: Padding size should be less than the corresponding input dimension, but got: padding (${left}, ${right}) at dimension ${dim} of input [${input.shape.join(", ")}]`,
      );
    }
    const idx = new Float64Array(size + left + right);
    for (let i = 0; i < idx.length; i++) idx[i] = source(mode, i - left, size);
    out = index_select(out, dim, from_array(idx, [idx.length], int64));
  }
  return out;
}
