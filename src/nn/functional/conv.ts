/**
 * torch.nn.functional's convolutions and poolings: conv1d and conv2d are torch's (src/ops/conv/);
 * avg_pool2d is F's only; max_pool1d and max_pool2d add return_indices, and takes stride=None for "the kernel size", as PyTorch's
 * Python wrapper does.
 */
import type { Tensor } from "../../tensor/tensor.js";
import {
  max_pool1d_parts,
  max_pool2d_parts,
  pool_options,
  POOL_KEYS,
  type MaxPoolOptions,
} from "../../ops/conv/pooling.js";
import type { IntOrTuple } from "../../ops/conv/window_args.js";

export { conv1d, conv2d, type ConvOptions } from "../../ops/conv/convolution.js";
export { avg_pool2d, type AvgPoolOptions } from "../../ops/conv/avg_pool.js";
export type { MaxPoolOptions } from "../../ops/conv/pooling.js";

/** F.max_pool2d's arguments after the input: positionally, then one options object. */
type PoolArgs = [
  kernel_size?: IntOrTuple | MaxPoolOptions,
  ...rest: (IntOrTuple | boolean | null | MaxPoolOptions | undefined)[],
];

/**
 * F.max_pool2d(input, kernel_size, stride=None, padding=0, dilation=1, ceil_mode=false,
 * return_indices=false): the max of each window (torch.max_pool2d), or [values, indices] with
 * return_indices (indices into each H * W plane, int64).
 */
export function max_pool2d(
  input: Tensor,
  kernel_size: IntOrTuple,
  options: MaxPoolOptions & { return_indices: true },
): [Tensor, Tensor];
export function max_pool2d(input: Tensor, ...args: PoolArgs): Tensor;
export function max_pool2d(input: Tensor, ...args: PoolArgs): Tensor | [Tensor, Tensor] {
  const o = pool_options("max_pool2d", input, args, POOL_KEYS);
  const parts = max_pool2d_parts(input, o);
  return o.return_indices ? parts : parts[0];
}

/** F.max_pool2d_with_indices(input, kernel_size, ...): F.max_pool2d's [values, indices] (return_indices is ignored). */
export function max_pool2d_with_indices(input: Tensor, ...args: PoolArgs): [Tensor, Tensor] {
  return max_pool2d_parts(input, pool_options("max_pool2d_with_indices", input, args, POOL_KEYS));
}

/**
 * F.max_pool1d(input, kernel_size, stride=None, padding=0, dilation=1, ceil_mode=false,
 * return_indices=false): the max of each window along the last dim, or [values, indices].
 */
export function max_pool1d(
  input: Tensor,
  kernel_size: IntOrTuple,
  options: MaxPoolOptions & { return_indices: true },
): [Tensor, Tensor];
export function max_pool1d(input: Tensor, ...args: PoolArgs): Tensor;
export function max_pool1d(input: Tensor, ...args: PoolArgs): Tensor | [Tensor, Tensor] {
  const o = pool_options("max_pool1d", input, args, POOL_KEYS);
  const parts = max_pool1d_parts(input, o);
  return o.return_indices ? parts : parts[0];
}
