/**
 * Reference kernels of the sliding-window ops (convolution, pooling) over [N, C, H, W] views:
 * im2col lays each window's elements out as columns so a convolution becomes one GEMM, col2im
 * sums columns back into an image (im2col's adjoint: a convolution's input gradient), and the
 * max pooling pair writes each window's max with its index, then scatters gradients back
 * through those indices.
 *
 * A window at output position (oy, ox) reads input row oy * stride - padding + ky * dilation
 * (and likewise for columns); positions outside the input read zero (im2col) or are skipped
 * (pooling, col2im). The loops keep strides in locals: these kernels run per training step.
 */
import type { StridedView } from "../backend.js";
import type { Kernel } from "../kernels.js";
import type { Window2d } from "../window_kernels.js";

/** The first and one-past-last output index whose tap `k` lands inside [0, size). */
function valid_range(out_size: number, size: number, k: number, w: Window2d, dim: 0 | 1): [number, number] {
  const s = w.stride[dim];
  const shift = k * w.dilation[dim] - w.padding[dim];
  // oy * s + shift in [0, size)  <=>  oy in [ceil(-shift / s), ceil((size - shift) / s))
  const lo = Math.min(out_size, Math.max(0, Math.ceil(-shift / s)));
  const hi = Math.min(out_size, Math.max(lo, Math.ceil((size - shift) / s)));
  return [lo, hi];
}

export const im2col: Kernel<"im2col"> = (x, w, out) => {
  const xd = x.data;
  const od = out.data;
  const [N, C, H, W] = x.shape;
  const [kh, kw] = w.kernel;
  const [sh, sw] = w.stride;
  const [dh, dw] = w.dilation;
  const [ph, pw] = w.padding;
  const OH = out.shape[4];
  const OW = out.shape[5];
  const [xn, xc, xh, xw] = x.strides;
  const [on, oc, oky, okx, oh, ow] = out.strides;
  const step = sw * xw;
  for (let ky = 0; ky < kh; ky++) {
    const [y0, y1] = valid_range(OH, H, ky, w, 0);
    for (let kx = 0; kx < kw; kx++) {
      const [x0, x1] = valid_range(OW, W, kx, w, 1);
      const shift_x = (kx * dw - pw) * xw;
      for (let n = 0; n < N; n++) {
        for (let c = 0; c < C; c++) {
          const img = x.offset + n * xn + c * xc + shift_x;
          const col = out.offset + n * on + c * oc + ky * oky + kx * okx;
          for (let oy = 0; oy < OH; oy++) {
            const orow = col + oy * oh;
            if (oy < y0 || oy >= y1) {
              for (let ox = 0; ox < OW; ox++) od[orow + ox * ow] = 0;
              continue;
            }
            const irow = img + (oy * sh - ph + ky * dh) * xh;
            if (ow === 1) {
              for (let ox = 0; ox < x0; ox++) od[orow + ox] = 0;
              for (let ox = x0; ox < x1; ox++) od[orow + ox] = xd[irow + ox * step];
              for (let ox = x1; ox < OW; ox++) od[orow + ox] = 0;
            } else {
              for (let ox = 0; ox < x0; ox++) od[orow + ox * ow] = 0;
              for (let ox = x0; ox < x1; ox++) od[orow + ox * ow] = xd[irow + ox * step];
              for (let ox = x1; ox < OW; ox++) od[orow + ox * ow] = 0;
            }
          }
        }
      }
    }
  }
};

export const col2im: Kernel<"col2im"> = (cols, w, out) => {
  const cd = cols.data;
  const od = out.data;
  const [N, C, H, W] = out.shape;
  const [kh, kw] = w.kernel;
  const [sh, sw] = w.stride;
  const [dh, dw] = w.dilation;
  const [ph, pw] = w.padding;
  const OH = cols.shape[4];
  const OW = cols.shape[5];
  const [xn, xc, xh, xw] = out.strides;
  const [cn, cc, cky, ckx, ch, cw] = cols.strides;
  if (xw === 1 && xh === W && xc === H * W && xn === C * H * W) od.fill(0, out.offset, out.offset + N * xn);
  else {
    for (let n = 0; n < N; n++) {
      for (let c = 0; c < C; c++) {
        const base = out.offset + n * xn + c * xc;
        for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) od[base + y * xh + x * xw] = 0;
      }
    }
  }
  const step = sw * xw;
  const unit = step === 1 && cw === 1;
  // added in the order n, c, ky, kx, oy, ox (the contract's order)
  for (let n = 0; n < N; n++) {
    for (let c = 0; c < C; c++) {
      for (let ky = 0; ky < kh; ky++) {
        const [y0, y1] = valid_range(OH, H, ky, w, 0);
        for (let kx = 0; kx < kw; kx++) {
          const [x0, x1] = valid_range(OW, W, kx, w, 1);
          const img = out.offset + n * xn + c * xc + (kx * dw - pw) * xw;
          const col = cols.offset + n * cn + c * cc + ky * cky + kx * ckx;
          for (let oy = y0; oy < y1; oy++) {
            const crow = col + oy * ch;
            const irow = img + (oy * sh - ph + ky * dh) * xh;
            if (unit) for (let ox = x0; ox < x1; ox++) od[irow + ox] += cd[crow + ox];
            else for (let ox = x0; ox < x1; ox++) od[irow + ox * step] += cd[crow + ox * cw];
          }
        }
      }
    }
  }
};

/**
 * max_pool2d where every window lies inside the input (no padding, dilation 1) and input rows
 * are dense: no clipping per window, so only the scan itself remains (the reference's order
 * and comparison: a tap replaces the max when greater or NaN).
 */
function max_pool_inside(
  x: StridedView,
  out: StridedView,
  indices: StridedView,
  kh: number,
  kw: number,
  sh: number,
  sw: number,
): void {
  const xd = x.data;
  const od = out.data;
  const id = indices.data;
  const [N, C, , W] = x.shape;
  const OH = out.shape[2];
  const OW = out.shape[3];
  const [xn, xc, xh] = x.strides;
  const [on, oc, oh, ow] = out.strides;
  const [jn, jc, jh, jw] = indices.strides;
  for (let n = 0; n < N; n++) {
    for (let c = 0; c < C; c++) {
      const xb = x.offset + n * xn + c * xc;
      const ob = out.offset + n * on + c * oc;
      const ib = indices.offset + n * jn + c * jc;
      for (let oy = 0; oy < OH; oy++) {
        const y0 = oy * sh;
        for (let ox = 0; ox < OW; ox++) {
          const x0 = ox * sw;
          let max = xd[xb + y0 * xh + x0];
          let max_index = y0 * W + x0;
          for (let ky = 0; ky < kh; ky++) {
            const row = xb + (y0 + ky) * xh + x0;
            const irow = (y0 + ky) * W + x0;
            for (let kx = ky === 0 ? 1 : 0; kx < kw; kx++) {
              const v = xd[row + kx];
              if (v > max || v !== v) {
                max = v;
                max_index = irow + kx;
              }
            }
          }
          od[ob + oy * oh + ox * ow] = max;
          id[ib + oy * jh + ox * jw] = max_index;
        }
      }
    }
  }
}

/** max_pool_inside for the common 2 x 2 window, written out: the four taps in scan order. */
function max_pool_2x2(x: StridedView, out: StridedView, indices: StridedView, sh: number, sw: number): void {
  const xd = x.data;
  const od = out.data;
  const id = indices.data;
  const [N, C, , W] = x.shape;
  const OH = out.shape[2];
  const OW = out.shape[3];
  const [xn, xc, xh] = x.strides;
  const [on, oc, oh, ow] = out.strides;
  const [jn, jc, jh, jw] = indices.strides;
  for (let n = 0; n < N; n++) {
    for (let c = 0; c < C; c++) {
      const xb = x.offset + n * xn + c * xc;
      const ob = out.offset + n * on + c * oc;
      const ib = indices.offset + n * jn + c * jc;
      for (let oy = 0; oy < OH; oy++) {
        const r0 = xb + oy * sh * xh;
        const r1 = r0 + xh;
        const i0 = oy * sh * W;
        const i1 = i0 + W;
        let o = ob + oy * oh;
        let j = ib + oy * jh;
        for (let x0 = 0, end = OW * sw; x0 < end; x0 += sw, o += ow, j += jw) {
          // the first tap starts the max (as -inf then any value, or NaN, replacing it)
          let max = xd[r0 + x0];
          let k = i0 + x0;
          let v = xd[r0 + x0 + 1];
          if (v > max || v !== v) {
            max = v;
            k = i0 + x0 + 1;
          }
          v = xd[r1 + x0];
          if (v > max || v !== v) {
            max = v;
            k = i1 + x0;
          }
          v = xd[r1 + x0 + 1];
          if (v > max || v !== v) {
            max = v;
            k = i1 + x0 + 1;
          }
          od[o] = max;
          id[j] = k;
        }
      }
    }
  }
}

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
  const [xn, xc, xh, xw] = x.strides;
  const [on, oc, oh, ow] = out.strides;
  const [jn, jc, jh, jw] = indices.strides;
  if (
    ph === 0 &&
    pw === 0 &&
    dh === 1 &&
    dw === 1 &&
    xw === 1 &&
    (OH - 1) * sh + kh <= H &&
    (OW - 1) * sw + kw <= W
  ) {
    if (kh === 2 && kw === 2) max_pool_2x2(x, out, indices, sh, sw);
    else max_pool_inside(x, out, indices, kh, kw, sh, sw);
    return;
  }
  for (let n = 0; n < N; n++) {
    for (let c = 0; c < C; c++) {
      const xb = x.offset + n * xn + c * xc;
      const ob = out.offset + n * on + c * oc;
      const ib = indices.offset + n * jn + c * jc;
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
            const row = xb + y * xh;
            for (let xx = x0; xx < x1; xx += dw) {
              const v = xd[row + xx * xw];
              if (v > max || v !== v) {
                max = v;
                max_index = y * W + xx;
              }
            }
          }
          od[ob + oy * oh + ox * ow] = max;
          id[ib + oy * jh + ox * jw] = max_index;
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
  const [gn, gc, gh, gw] = grad.strides;
  const [jn, jc, jh, jw] = indices.strides;
  const [xn, xc, xh, xw] = out.strides;
  const dense = xw === 1 && xh === W;
  const L = OH * OW;
  if (dense && xc === H * W && xn === C * H * W && gw === 1 && gh === OW && jw === 1 && jh === OW) {
    // contiguous image and dense planes: one fill, then one flat scatter per plane
    od.fill(0, out.offset, out.offset + N * xn);
    for (let n = 0; n < N; n++) {
      for (let c = 0; c < C; c++) {
        const gb = grad.offset + n * gn + c * gc;
        const ib = indices.offset + n * jn + c * jc;
        const ob = out.offset + n * xn + c * xc;
        for (let i = 0; i < L; i++) od[ob + id[ib + i]] += gd[gb + i];
      }
    }
    return;
  }
  for (let n = 0; n < N; n++) {
    for (let c = 0; c < C; c++) {
      const gb = grad.offset + n * gn + c * gc;
      const ib = indices.offset + n * jn + c * jc;
      const ob = out.offset + n * xn + c * xc;
      for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) od[ob + y * xh + x * xw] = 0;
      for (let oy = 0; oy < OH; oy++) {
        for (let ox = 0; ox < OW; ox++) {
          const k = id[ib + oy * jh + ox * jw];
          const g = gd[gb + oy * gh + ox * gw];
          if (dense) od[ob + k] += g;
          else {
            const y = Math.floor(k / W);
            od[ob + y * xh + (k - y * W) * xw] += g;
          }
        }
      }
    }
  }
};
