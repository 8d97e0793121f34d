/**
 * Batched matrix product on strided views: out = beta * addend + alpha * (a @ b), the one hot
 * kernel of every model (mm, bmm, addmm, matmul, linear all end here).
 *
 * Large products pack both operands into Float64 panels (which also absorbs any strides:
 * transposed, sliced and expanded views cost nothing extra) and run a 4x4 register-blocked
 * micro-kernel: each step loads 4 values of a and 4 of b and does 16 multiply-adds in locals,
 * several times the throughput of a plain row loop in V8. Small or skinny products (a vector, a
 * few rows) take a direct strided loop, where packing would cost more than it saves.
 *
 * Every sum accumulates in a double over the whole K dimension and is rounded once, when it is
 * stored into out's typed array, so float32 results are the correctly accumulated value rounded
 * to float32 (PyTorch's float32 BLAS accumulates in float32; the difference is within
 * assert_close's float32 tolerance). int64 products are exact while they stay below 2^53.
 */
import type { StridedView } from "../backend.js";
import type { Kernel } from "../kernels.js";
import { borrow, give_back } from "./scratch.js";

/**
 * One call's work buffers (borrowed from scratch.ts, so the kernel is re-entrant): the packed
 * panels of a and b, kept across the batch when an operand is broadcast over it, the direct
 * loop's row accumulator, and the micro-kernel's edge tile.
 */
interface Work {
  pack_a: Float64Array | null;
  pack_b: Float64Array | null;
  row_acc: Float64Array | null;
  tile: Float64Array | null;
}

/** Batch t of the product through one of the two loops (the direct one, the packed one). */
type Pass = (
  a: StridedView,
  b: StridedView,
  out: StridedView,
  add: StridedView | null,
  alpha: number,
  beta: number,
  t: number,
  M: number,
  K: number,
  N: number,
  w: Work,
) => void;

/** Below this many multiply-adds, or with fewer than 4 rows or columns, the direct loop wins. */
const SMALL = 4096;

export const matmul: Kernel<"matmul"> = (a, b, out, addend = null, alpha = 1, beta = 0) => {
  const [B, M, K] = a.shape;
  const N = b.shape[2];
  if (B === 0 || M === 0 || N === 0) return;
  const add = beta !== 0 ? addend : null;
  const small = K === 0 || M < 4 || N < 4 || M * N * K < SMALL;
  const w: Work = { pack_a: null, pack_b: null, row_acc: null, tile: null };
  try {
    for (let t = 0; t < B; t++) {
      if (small) direct(a, b, out, add, alpha, beta, t, M, K, N, w);
      else blocked(a, b, out, add, alpha, beta, t, M, K, N, w);
    }
  } finally {
    if (w.pack_a) give_back(w.pack_a);
    if (w.pack_b) give_back(w.pack_b);
    if (w.row_acc) give_back(w.row_acc);
    if (w.tile) give_back(w.tile);
  }
};

/** w's buffer `key` with room for n elements (borrowing a larger one when it has not). */
function room(w: Work, key: "pack_a" | "pack_b" | "row_acc" | "tile", n: number): Float64Array {
  const cur = w[key];
  if (cur && cur.length >= n) return cur;
  if (cur) give_back(cur);
  return (w[key] = borrow(n));
}

/** The epilogue every path shares: alpha * sum (+ beta * addend), rounded once by the store. */
function finish(add: StridedView | null, alpha: number, beta: number, ao: number, acc: number): number {
  const v = alpha === 1 ? acc : alpha * acc;
  return add ? v + beta * add.data[ao] : v;
}

/** i-p-j loop with a Float64 row accumulator: streams rows of b and out. */
const direct: Pass = (a, b, out, add, alpha, beta, t, M, K, N, w) => {
  const [sab, sam, sak] = a.strides;
  const [sbb, sbk, sbn] = b.strides;
  const [sob, som, son] = out.strides;
  const ad = a.data;
  const bd = b.data;
  const od = out.data;
  const a0 = a.offset + t * sab;
  const b0 = b.offset + t * sbb;
  const o0 = out.offset + t * sob;
  if (N === 1) {
    // matrix @ vector: one dot product per row, streaming the row of a
    const xo = add ? add.offset + t * add.strides[0] : 0;
    for (let i = 0; i < M; i++) {
      const s = dot(ad, a0 + i * sam, sak, bd, b0, sbk, K);
      od[o0 + i * som] = finish(add, alpha, beta, add ? xo + i * add.strides[1] : 0, s);
    }
    return;
  }
  const acc = room(w, "row_acc", N);
  for (let i = 0; i < M; i++) {
    acc.fill(0, 0, N);
    const ai = a0 + i * sam;
    for (let p = 0; p < K; p++) {
      const av = ad[ai + p * sak];
      const bp = b0 + p * sbk;
      if (sbn === 1) for (let j = 0; j < N; j++) acc[j] += av * bd[bp + j];
      else for (let j = 0; j < N; j++) acc[j] += av * bd[bp + j * sbn];
    }
    const oi = o0 + i * som;
    if (add) {
      const [, sxm, sxn] = add.strides;
      const xi = add.offset + t * add.strides[0] + i * sxm;
      for (let j = 0; j < N; j++) od[oi + j * son] = finish(add, alpha, beta, xi + j * sxn, acc[j]);
    } else if (alpha === 1) {
      for (let j = 0; j < N; j++) od[oi + j * son] = acc[j];
    } else {
      for (let j = 0; j < N; j++) od[oi + j * son] = alpha * acc[j];
    }
  }
};

/**
 * sum of x[i] * y[i] over n strided elements, in four independent double accumulators (a
 * single running sum is bound by the latency of each add; four keep the FPU busy).
 */
function dot(
  x: StridedView["data"],
  xo: number,
  xs: number,
  y: StridedView["data"],
  yo: number,
  ys: number,
  n: number,
): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let p = 0;
  for (; p + 3 < n; p += 4) {
    const i = xo + p * xs;
    const j = yo + p * ys;
    s0 += x[i] * y[j];
    s1 += x[i + xs] * y[j + ys];
    s2 += x[i + 2 * xs] * y[j + 2 * ys];
    s3 += x[i + 3 * xs] * y[j + 3 * ys];
  }
  for (; p < n; p++) s0 += x[xo + p * xs] * y[yo + p * ys];
  return s0 + s1 + (s2 + s3);
}

/**
 * Packs a (M x K) into panels of 4 rows: panel r holds, for each p, the 4 values
 * a[4r..4r+3][p] side by side, so the micro-kernel reads it sequentially.
 */
function pack_rows(a: StridedView, t: number, M: number, K: number, w: Work): Float64Array {
  const panels = (M + 3) >> 2;
  const ap = room(w, "pack_a", panels * K * 4);
  const [sab, sam, sak] = a.strides;
  const ad = a.data;
  const a0 = a.offset + t * sab;
  for (let i = 0; i < M; i++) {
    const base = (i >> 2) * K * 4 + (i & 3);
    const ai = a0 + i * sam;
    for (let p = 0; p < K; p++) ap[base + p * 4] = ad[ai + p * sak];
  }
  // padding rows of the last panel: zeros, so they compute harmless values that are never stored
  for (let i = M; i < panels * 4; i++) {
    const base = (i >> 2) * K * 4 + (i & 3);
    for (let p = 0; p < K; p++) ap[base + p * 4] = 0;
  }
  return ap;
}

/** Packs b (K x N) into panels of 4 columns: panel q holds b[p][4q..4q+3] for each p. */
function pack_cols(b: StridedView, t: number, K: number, N: number, w: Work): Float64Array {
  const panels = (N + 3) >> 2;
  const bp = room(w, "pack_b", panels * K * 4);
  const [sbb, sbk, sbn] = b.strides;
  const bd = b.data;
  const b0 = b.offset + t * sbb;
  for (let p = 0; p < K; p++) {
    const bk = b0 + p * sbk;
    for (let j = 0; j < N; j++) bp[(j >> 2) * K * 4 + p * 4 + (j & 3)] = bd[bk + j * sbn];
  }
  for (let j = N; j < panels * 4; j++) {
    for (let p = 0; p < K; p++) bp[(j >> 2) * K * 4 + p * 4 + (j & 3)] = 0;
  }
  return bp;
}

const blocked: Pass = (a, b, out, add, alpha, beta, t, M, K, N, w) => {
  // an operand broadcast over the batch (stride 0, as matmul's expanded weights) is packed once
  const ap = t > 0 && a.strides[0] === 0 && w.pack_a ? w.pack_a : pack_rows(a, t, M, K, w);
  const bp = t > 0 && b.strides[0] === 0 && w.pack_b ? w.pack_b : pack_cols(b, t, K, N, w);
  const tile = room(w, "tile", 16);
  const [sob, som, son] = out.strides;
  const od = out.data;
  const o0 = out.offset + t * sob;
  const row_panels = (M + 3) >> 2;
  const col_panels = (N + 3) >> 2;
  const plain = add === null && alpha === 1;
  for (let r = 0; r < row_panels; r++) {
    const abase = r * K * 4;
    const mr = Math.min(4, M - r * 4);
    for (let q = 0; q < col_panels; q++) {
      // prettier-ignore
      let c00 = 0, c01 = 0, c02 = 0, c03 = 0, c10 = 0, c11 = 0, c12 = 0, c13 = 0,
        c20 = 0, c21 = 0, c22 = 0, c23 = 0, c30 = 0, c31 = 0, c32 = 0, c33 = 0;
      let ia = abase;
      let ib = q * K * 4;
      // prettier-ignore
      for (let p = 0; p < K; p++, ia += 4, ib += 4) {
        const a0 = ap[ia], a1 = ap[ia + 1], a2 = ap[ia + 2], a3 = ap[ia + 3];
        const b0 = bp[ib], b1 = bp[ib + 1], b2 = bp[ib + 2], b3 = bp[ib + 3];
        c00 += a0 * b0; c01 += a0 * b1; c02 += a0 * b2; c03 += a0 * b3;
        c10 += a1 * b0; c11 += a1 * b1; c12 += a1 * b2; c13 += a1 * b3;
        c20 += a2 * b0; c21 += a2 * b1; c22 += a2 * b2; c23 += a2 * b3;
        c30 += a3 * b0; c31 += a3 * b1; c32 += a3 * b2; c33 += a3 * b3;
      }
      const nr = Math.min(4, N - q * 4);
      let o = o0 + r * 4 * som + q * 4 * son;
      // prettier-ignore
      if (plain && mr === 4 && nr === 4 && son === 1) {
        od[o] = c00; od[o + 1] = c01; od[o + 2] = c02; od[o + 3] = c03; o += som;
        od[o] = c10; od[o + 1] = c11; od[o + 2] = c12; od[o + 3] = c13; o += som;
        od[o] = c20; od[o + 1] = c21; od[o + 2] = c22; od[o + 3] = c23; o += som;
        od[o] = c30; od[o + 1] = c31; od[o + 2] = c32; od[o + 3] = c33;
        continue;
      }
      // prettier-ignore
      {
        tile[0] = c00; tile[1] = c01; tile[2] = c02; tile[3] = c03;
        tile[4] = c10; tile[5] = c11; tile[6] = c12; tile[7] = c13;
        tile[8] = c20; tile[9] = c21; tile[10] = c22; tile[11] = c23;
        tile[12] = c30; tile[13] = c31; tile[14] = c32; tile[15] = c33;
      }
      const x0 = add ? add.offset + t * add.strides[0] + r * 4 * add.strides[1] + q * 4 * add.strides[2] : 0;
      for (let i = 0; i < mr; i++) {
        for (let j = 0; j < nr; j++) {
          const xo = add ? x0 + i * add.strides[1] + j * add.strides[2] : 0;
          od[o + i * som + j * son] = finish(add, alpha, beta, xo, tile[i * 4 + j]);
        }
      }
    }
  }
};
