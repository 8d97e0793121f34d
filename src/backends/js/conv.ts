/**
 * Reference kernels of the sliding-window ops (convolution, pooling) over [N, C, H, W] views:
 * im2col lays each window's elements out as columns so a convolution becomes one GEMM, col2im
 * sums columns back into an image (im2col's adjoint: a convolution's input gradient), and the
 * max pooling pair writes each window's max with its index, then scatters gradients back
 * through those indices.
 *
 * A window at output position (oy, ox) reads input row oy * stride - padding + ky * dilation
 * (and likewise for columns); positions outside the input read zero (im2col) or are skipped
 * (pooling, col2im).
 */
import type { Kernel } from "../kernels.js";
import type { Window2d } from "../window_kernels.js";
import type { StridedView } from "../backend.js";

/** The first and one-past-last output index whose tap `k` lands inside [0, size). */
function valid_range(out_size: number, size: number, k: number, w: Window2d, dim: 0 | 1): [number, number] {
  const s = w.stride[dim];
  const shift = k * w.dilation[dim] - w.padding[dim];
  // oy * s + shift in [0, size)  <=>  oy in [ceil(-shift / s), ceil((size - shift) / s))
  const lo = Math.max(0, Math.ceil(-shift / s));
  const hi = Math.min(out_size, Math.max(lo, Math.ceil((size - shift) / s)));
  return [lo, hi];
}

/**
 * Visits every (n, c, ky, kx) tap plane: `fn` gets the base offsets of the image plane and of the
 * column plane, and the valid output ranges for that tap.
 */
function each_tap(
  image: StridedView,
  cols: StridedView,
  w: Window2d,
  fn: (img: number, col: number, ky: number, kx: number, ys: [number, number], xs: [number, number]) => void,
): void {
  const [N, C, H, W] = image.shape;
  const [kh, kw] = w.kernel;
  const OH = cols.shape[4];
  const OW = cols.shape[5];
  const is = image.strides;
  const cs = cols.strides;
  for (let ky = 0; ky < kh; ky++) {
    const ys = valid_range(OH, H, ky, w, 0);
    for (let kx = 0; kx < kw; kx++) {
      const xs = valid_range(OW, W, kx, w, 1);
      for (let n = 0; n < N; n++) {
        for (let c = 0; c < C; c++) {
          fn(
            image.offset + n * is[0] + c * is[1],
            cols.offset + n * cs[0] + c * cs[1] + ky * cs[2] + kx * cs[3],
            ky,
            kx,
            ys,
            xs,
          );
        }
      }
    }
  }
}

export const im2col: Kernel<"im2col"> = (x, w, out) => {
  const xd = x.data;
  const od = out.data;
  const [sh, sw] = w.stride;
  const [dh, dw] = w.dilation;
  const [ph, pw] = w.padding;
  const OH = out.shape[4];
  const OW = out.shape[5];
  const [xs0, xs1] = [x.strides[2], x.strides[3]];
  const [os0, os1] = [out.strides[4], out.strides[5]];
  each_tap(x, out, w, (img, col, ky, kx, [y0, y1], [x0, x1]) => {
    for (let oy = 0; oy < OH; oy++) {
      const orow = col + oy * os0;
      if (oy < y0 || oy >= y1) {
        for (let ox = 0; ox < OW; ox++) od[orow + ox * os1] = 0;
        continue;
      }
      const irow = img + (oy * sh - ph + ky * dh) * xs0 + (kx * dw - pw) * xs1;
      for (let ox = 0; ox < x0; ox++) od[orow + ox * os1] = 0;
      if (os1 === 1 && sw * xs1 === 1) {
        const d = irow - orow;
        for (let ox = x0; ox < x1; ox++) od[orow + ox] = xd[d + orow + ox];
      } else {
        const step = sw * xs1;
        for (let ox = x0; ox < x1; ox++) od[orow + ox * os1] = xd[irow + ox * step];
      }
      for (let ox = x1; ox < OW; ox++) od[orow + ox * os1] = 0;
    }
  });
};

export const col2im: Kernel<"col2im"> = (cols, w, out) => {
  const cd = cols.data;
  const od = out.data;
  const [N, C, H, W] = out.shape;
  const os = out.strides;
  for (let n = 0; n < N; n++) {
    for (let c = 0; c < C; c++) {
      const base = out.offset + n * os[0] + c * os[1];
      for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) od[base + y * os[2] + x * os[3]] = 0;
    }
  }
  const [sh, sw] = w.stride;
  const [dh, dw] = w.dilation;
  const [ph, pw] = w.padding;
  const [cs0, cs1] = [cols.strides[4], cols.strides[5]];
  each_tap(out, cols, w, (img, col, ky, kx, [y0, y1], [x0, x1]) => {
    const step = sw * os[3];
    for (let oy = y0; oy < y1; oy++) {
      const crow = col + oy * cs0;
      const irow = img + (oy * sh - ph + ky * dh) * os[2] + (kx * dw - pw) * os[3];
      for (let ox = x0; ox < x1; ox++) od[irow + ox * step] += cd[crow + ox * cs1];
    }
  });
};

/**
 * PyTorch's CPU max pooling order: each window scans rows then columns from its first tap
 * inside the input; a value replaces the max when greater or NaN (so ties keep the first
 * index, and the last NaN wins); an all -inf window keeps its first tap's index.
 */
export const max_pool2d: Kernel<"max_pool2d"> = (x, w, out, indices) => {
  const xd = x.data;
  const od = out.data;
  const id = indices.data;
  const [N, C, H, W] = x.shape;
  const OH = out.shape[2];
  const OW = out.shape[3];
  const [kh, kw] = w.kernel;
  const [sh, sw] = w.stride;
  const [dh, dw] = w.dilation;
  const [ph, pw] = w.padding;
  const xs = x.strides;
  const os = out.strides;
  const is = indices.strides;
  for (let n = 0; n < N; n++) {
    for (let c = 0; c < C; c++) {
      const xb = x.offset + n * xs[0] + c * xs[1];
      const ob = out.offset + n * os[0] + c * os[1];
      const ib = indices.offset + n * is[0] + c * is[1];
      for (let oy = 0; oy < OH; oy++) {
        let y0 = oy * sh - ph;
        const y1 = Math.min(y0 + (kh - 1) * dh + 1, H);
        while (y0 < 0) y0 += dh;
        for (let ox = 0; ox < OW; ox++) {
          let x0 = ox * sw - pw;
          const x1 = Math.min(x0 + (kw - 1) * dw + 1, W);
          while (x0 < 0) x0 += dw;
          let max_index = y0 * W + x0;
          let max = -Infinity;
          for (let y = y0; y < y1; y += dh) {
            const row = xb + y * xs[2];
            for (let xx = x0; xx < x1; xx += dw) {
              const v = xd[row + xx * xs[3]];
              if (v > max || v !== v) {
                max = v;
                max_index = y * W + xx;
              }
            }
          }
          od[ob + oy * os[2] + ox * os[3]] = max;
          id[ib + oy * is[2] + ox * is[3]] = max_index;
        }
      }
    }
  }
};

export const max_pool2d_backward: Kernel<"max_pool2d_backward"> = (grad, indices, out) => {
  const gd = grad.data;
  const id = indices.data;
  const od = out.data;
  const [N, C, H, W] = out.shape;
  const OH = grad.shape[2];
  const OW = grad.shape[3];
  const gs = grad.strides;
  const is = indices.strides;
  const os = out.strides;
  for (let n = 0; n < N; n++) {
    for (let c = 0; c < C; c++) {
      const gb = grad.offset + n * gs[0] + c * gs[1];
      const ib = indices.offset + n * is[0] + c * is[1];
      const ob = out.offset + n * os[0] + c * os[1];
      for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) od[ob + y * os[2] + x * os[3]] = 0;
      for (let oy = 0; oy < OH; oy++) {
        for (let ox = 0; ox < OW; ox++) {
          const k = id[ib + oy * is[2] + ox * is[3]];
          const y = Math.floor(k / W);
          od[ob + y * os[2] + (k - y * W) * os[3]] += gd[gb + oy * gs[2] + ox * gs[3]];
        }
      }
    }
  }
};
