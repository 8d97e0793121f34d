/**
 * The kernel contract's sliding-window kernels (convolution and pooling), merged into
 * KernelSignatures (kernels.ts) and defined by the js reference in src/backends/js/conv.ts.
 * Images are [N, C, H, W] views; columns are [N, C, kh, kw, OH, OW] views of any strides, so an
 * op chooses the column layout its GEMM wants.
 */
import type { StridedView } from "./backend.js";

/**
 * A 2-D sliding window, per spatial dim (height, width): the kernel's size, the stride, the
 * padding before the first element, the dilation. Output sizes come from the output views.
 */
export interface Window2d {
  readonly kernel: readonly [number, number];
  readonly stride: readonly [number, number];
  readonly padding: readonly [number, number];
  readonly dilation: readonly [number, number];
}

export interface WindowKernels {
  /**
   * out[n, c, ky, kx, oy, ox] = x[n, c, oy * sh - ph + ky * dh, ox * sw - pw + kx * dw], zero
   * where that falls outside x.
   */
  im2col(x: StridedView, window: Window2d, out: StridedView): void;
  /**
   * im2col's adjoint: out [N, C, H, W] (overwritten) is the sum of the column entries that read
   * each element, added in the order n, c, ky, kx, oy, ox.
   */
  col2im(cols: StridedView, window: Window2d, out: StridedView): void;
  /**
   * Max pooling of x into out and indices [N, C, OH, OW] (int64 index y * W + x within the
   * plane), in PyTorch's scan order: rows then columns from the window's first tap inside x; a
   * value greater than the max, or NaN, replaces it (ties keep the first index, the last NaN
   * wins; an all -inf window keeps its first tap).
   */
  max_pool2d(x: StridedView, window: Window2d, out: StridedView, indices: StridedView): void;
  /** out [N, C, H, W] (overwritten) = grad [N, C, OH, OW] added at its indices, in row-major order. */
  max_pool2d_backward(grad: StridedView, indices: StridedView, out: StridedView): void;
}
