/**
 * The wasm backend's matmul kernel: float32 GEMM on the generated SIMD micro-kernel
 * (kernels/gemm.ts), any strides, alpha/beta/addend as the kernel contract says.
 *
 * Each product is staged in chunks that fit a bounded scratch memory: a block of rows of A and
 * a block of columns of B are packed (which absorbs any strides: transposed, sliced, expanded
 * views cost nothing extra) into the panels the micro-kernel reads (by the generated gemm_pack
 * from a plain copy of the memory the operand spans; by JS loops for sparse slices), the tiles
 * run (on the thread pool when the product is large), and the C block is copied out with the
 * epilogue out = alpha * C + beta * addend, computed in doubles and rounded once on store as
 * the js kernel does. Products accumulate in float32 (as PyTorch's BLAS does), not in double as the
 * js reference: see the tolerance in index.ts.
 *
 * Other dtypes (float64, int64, int32), and products too small for packing to pay, run the js
 * kernel.
 */
import type { StridedView } from "../backend.js";
import type { Kernel } from "../kernels.js";
import { matmul as js_matmul } from "../js/gemm.js";
import { DESC, DESC_WORDS, PACK } from "./kernels/gemm.js";
import { DESC_ADDR, HEAP } from "./memory.js";
import { wasm, type Compiled } from "./module.js";
import { run_gemm } from "./pool.js";

/**
 * Cache blocking: a kc x NC slice of B stays in L2, a kc x 8 panel of it in L1. Tiles of
 * MC x NC are small enough that a 512² product has 32 for the threads to share (a thread left
 * alone with a last tile idles the others); larger ones run no faster on one thread.
 */
const KC = 256;
const MC = 64;
const NC = 128;
/**
 * Below this many multiply-adds, or with fewer than 4 rows or columns (a matrix-vector product,
 * which the js kernel runs as dot products and packing would pad to 4), the js kernel is faster.
 */
const MIN_MACS = 8192;
/** Floats of packed operands and C staging a chunk may use (64 MiB); tests lower it. */
export const staging = { chunk_floats: 16 << 20 };

const round4 = (n: number) => (n + 3) & ~3;
/** Packed width of n columns: panels of 8, the last 4 wide when 4 suffice. */
const panel_cols = (n: number) => {
  const r = n & 7;
  return (n & ~7) + (r === 0 ? 0 : r <= 4 ? 4 : 8);
};

export const matmul: Kernel<"matmul"> = (a, b, out, addend = null, alpha = 1, beta = 0) => {
  const [B, M, K] = a.shape;
  const N = b.shape[2];
  const add = beta !== 0 ? addend : null;
  const c =
    a.data instanceof Float32Array &&
    b.data instanceof Float32Array &&
    out.data instanceof Float32Array &&
    M * N * K >= MIN_MACS &&
    M >= 4 &&
    N >= 4
      ? wasm()
      : null;
  if (!c) return js_matmul(a, b, out, addend, alpha, beta);
  // an operand broadcast over the batch with the other's batch laid out as more rows (linear
  // on a 3-d input) is one product with B*M rows
  if (B > 1 && b.strides[0] === 0 && folds(a, M) && folds(out, M) && (!add || folds(add, M))) {
    const flat = (v: StridedView): StridedView => ({ ...v, shape: [1, B * M, v.shape[2]] });
    return matmul(flat(a), { ...b, shape: [1, K, N] }, flat(out), add && flat(add), alpha, beta);
  }
  // chunk sizes within the staging limit: all of N when B's packed panels take at most half
  const limit = staging.chunk_floats;
  const n_chunk = K * panel_cols(N) <= limit / 2 ? N : Math.max(8, (limit / 2 / K) & ~7);
  const np_max = panel_cols(n_chunk);
  const m_chunk = Math.max(4, Math.min(round4(M), ((limit - K * np_max) / (K + np_max)) & ~3));
  if (!c.views.ensure(HEAP + 4 * (m_chunk * K + K * np_max + m_chunk * np_max))) {
    return js_matmul(a, b, out, addend, alpha, beta);
  }
  const single = n_chunk >= N && m_chunk >= M;
  const p: Product = { a, b, out, add, alpha, beta, K };
  for (let t = 0; t < B; t++) {
    for (let j0 = 0; j0 < N; j0 += n_chunk) {
      const nr = Math.min(n_chunk, N - j0);
      for (let i0 = 0; i0 < M; i0 += m_chunk) {
        const mr = Math.min(m_chunk, M - i0);
        // an operand broadcast over the batch is packed once when one chunk holds it all
        const reuse_a = single && t > 0 && a.strides[0] === 0;
        const reuse_b = single && t > 0 && b.strides[0] === 0;
        chunk(c, p, { t, i0, mr, j0, nr }, reuse_a, reuse_b);
      }
    }
  }
};

/** The operands of one matmul call. */
interface Product {
  readonly a: StridedView;
  readonly b: StridedView;
  readonly out: StridedView;
  readonly add: StridedView | null;
  readonly alpha: number;
  readonly beta: number;
  readonly K: number;
}

/** A block of out: rows i0..i0+mr and columns j0..j0+nr of batch t. */
interface Block {
  readonly t: number;
  readonly i0: number;
  readonly mr: number;
  readonly j0: number;
  readonly nr: number;
}

/** True when v's batch dim continues its rows (batch stride = M * row stride). */
function folds(v: StridedView, M: number): boolean {
  return v.strides[0] === M * v.strides[1] || v.shape[0] === 1;
}

/**
 * One block of out: stage its rows of A and columns of B, run the packing and the tiles (on the
 * pool when the product is large), store.
 */
function chunk(c: Compiled, p: Product, blk: Block, reuse_a: boolean, reuse_b: boolean): void {
  const { a, b, K } = p;
  const { t, i0, mr, j0, nr } = blk;
  const mp = round4(mr);
  const np = panel_cols(nr);
  const a_at = HEAP / 4;
  const b_at = a_at + mp * K;
  const c_at = b_at + K * np;
  const d = c.views.i32;
  const w = DESC_ADDR / 4;
  d.fill(0, w, w + DESC_WORDS);
  let stage_at = c_at + mp * np;
  if (!reuse_a) {
    const [sab, sam, sak] = a.strides;
    const a0 = a.offset + t * sab + i0 * sam;
    const span = stage_pack(c, w + DESC.pack_a, a.data, a0, sam, sak, mr, mp, 4, K, a_at, stage_at);
    if (span === 0) pack_a(c.views.f32, a_at, a.data, a0, sam, sak, mr, mp, K);
    stage_at += span;
  }
  if (!reuse_b) {
    const [sbb, sbk, sbn] = b.strides;
    const b0 = b.offset + t * sbb + j0 * sbn;
    if (stage_pack(c, w + DESC.pack_b, b.data, b0, sbn, sbk, nr, np, 8, K, b_at, stage_at) === 0) {
      pack_b(c.views.f32, b_at, b.data, b0, sbk, sbn, nr, np, K);
    }
  }
  const tiles_m = Math.ceil(mp / MC);
  const tiles_n = Math.ceil(np / NC);
  const v = c.views.i32; // stage_pack may have grown the memory
  v[w + DESC.count] = tiles_m * tiles_n;
  v[w + DESC.mp] = mp;
  v[w + DESC.np] = np;
  v[w + DESC.k] = K;
  v[w + DESC.kc] = KC;
  v[w + DESC.mc] = MC;
  v[w + DESC.nc] = NC;
  v[w + DESC.tiles_n] = tiles_n;
  v[w + DESC.a] = a_at * 4;
  v[w + DESC.b] = b_at * 4;
  v[w + DESC.c] = c_at * 4;
  run_gemm(c, 2 * mp * np * K);
  store(c.views.f32, c_at, np, p, blk);
}

/**
 * Stages an operand for gemm_pack: the span of memory its `live` x K elements occupy (from x0,
 * strides s_pan along the panel dim and s_k along K) is copied as it lies into Wasm memory at
 * `stage_at` (one memcpy), and the PACK record at word `rec` says how to lay it out in panels
 * of w at `dst` (float indices), one job per kc slice. Returns the floats staged, or 0, leaving
 * the packing to the js loops, when the span is much larger than the elements (a strided
 * slice) or memory cannot grow to hold it.
 */
function stage_pack(
  c: Compiled,
  rec: number,
  data: Data,
  x0: number,
  s_pan: number,
  s_k: number,
  live: number,
  total: number,
  w: number,
  K: number,
  dst: number,
  stage_at: number,
): number {
  if (s_pan < 0 || s_k < 0) return 0;
  const span = (live - 1) * s_pan + (K - 1) * s_k + 1;
  if (span > 2 * live * K || !c.views.ensure(4 * (stage_at + span))) return 0;
  c.views.f32.set((data as Float32Array).subarray(x0, x0 + span), stage_at);
  const r = c.views.i32;
  r[rec + PACK.jobs] = Math.ceil(K / KC);
  r[rec + PACK.src] = 4 * stage_at;
  r[rec + PACK.s_pan] = 4 * s_pan;
  r[rec + PACK.s_k] = 4 * s_k;
  r[rec + PACK.live] = live;
  r[rec + PACK.total] = total;
  r[rec + PACK.w] = w;
  r[rec + PACK.k] = K;
  r[rec + PACK.dst] = 4 * dst;
  return span;
}

type Data = StridedView["data"];

/**
 * Packs rows [0, mr) of A (row 0 at a0) into panels of 4 rows, kc slice by kc slice: element
 * (i, p) of slice pc goes to base + pc*mp + (i & ~3)*kc + 4*(p - pc) + (i & 3); rows mr..mp
 * are zero.
 */
function pack_a(
  mem: Float32Array,
  base: number,
  ad: Data,
  a0: number,
  sam: number,
  sak: number,
  mr: number,
  mp: number,
  K: number,
) {
  const along_k = Math.abs(sak) <= Math.abs(sam);
  for (let pc = 0; pc < K; pc += KC) {
    const kc = Math.min(KC, K - pc);
    for (let r = 0; r < mp; r += 4) {
      const dst = base + pc * mp + r * kc;
      const live = Math.min(4, mr - r);
      const src = a0 + r * sam + pc * sak;
      if (along_k) {
        for (let i = 0; i < 4; i++) {
          let d = dst + i;
          if (i < live) for (let p = 0, s = src + i * sam; p < kc; p++, s += sak, d += 4) mem[d] = ad[s];
          else for (let p = 0; p < kc; p++, d += 4) mem[d] = 0;
        }
      } else {
        for (let p = 0, d = dst, s = src; p < kc; p++, d += 4, s += sak) {
          for (let i = 0; i < 4; i++) mem[d + i] = i < live ? ad[s + i * sam] : 0;
        }
      }
    }
  }
}

/**
 * Packs columns [0, nr) of B (column 0 at b0) into panels of 8 (the last possibly 4), kc slice
 * by kc slice: element (p, j) of slice pc goes to base + pc*np + (j & ~7)*kc + w*(p - pc) +
 * (j & 7) with w the panel's width; columns nr..np are zero.
 */
function pack_b(
  mem: Float32Array,
  base: number,
  bd: Data,
  b0: number,
  sbk: number,
  sbn: number,
  nr: number,
  np: number,
  K: number,
) {
  const along_n = Math.abs(sbn) <= Math.abs(sbk);
  for (let pc = 0; pc < K; pc += KC) {
    const kc = Math.min(KC, K - pc);
    for (let jc = 0; jc < np; jc += 8) {
      const w = Math.min(8, np - jc);
      const live = Math.min(w, nr - jc);
      const dst = base + pc * np + jc * kc;
      const src = b0 + pc * sbk + jc * sbn;
      if (along_n) {
        for (let p = 0, d = dst, s = src; p < kc; p++, d += w, s += sbk) {
          for (let j = 0; j < w; j++) mem[d + j] = j < live ? bd[s + j * sbn] : 0;
        }
      } else {
        for (let j = 0; j < w; j++) {
          let d = dst + j;
          if (j < live) for (let p = 0, s = src + j * sbn; p < kc; p++, s += sbk, d += w) mem[d] = bd[s];
          else for (let p = 0; p < kc; p++, d += w) mem[d] = 0;
        }
      }
    }
  }
}

/** out block = alpha * C (+ beta * addend), in doubles, rounded once by the store. */
function store(mem: Float32Array, c_at: number, np: number, p: Product, blk: Block) {
  const { out, add, alpha, beta } = p;
  const { t, i0, mr, j0, nr } = blk;
  const [sob, som, son] = out.strides;
  const od = out.data;
  const o0 = out.offset + t * sob + i0 * som + j0 * son;
  if (!add && alpha === 1 && son === 1) {
    // rows back to back in both: one copy
    if (som === np && nr === np) return od.set(mem.subarray(c_at, c_at + mr * np), o0);
    for (let i = 0; i < mr; i++) od.set(mem.subarray(c_at + i * np, c_at + i * np + nr), o0 + i * som);
    return;
  }
  const xd = add ? add.data : od;
  const [sxb, sxm, sxn] = add ? add.strides : [0, 0, 0];
  const x0 = add ? add.offset + t * sxb + i0 * sxm + j0 * sxn : 0;
  for (let i = 0; i < mr; i++) {
    const ci = c_at + i * np;
    const oi = o0 + i * som;
    if (add) {
      const xi = x0 + i * sxm;
      for (let j = 0; j < nr; j++) od[oi + j * son] = alpha * mem[ci + j] + beta * xd[xi + j * sxn];
    } else {
      for (let j = 0; j < nr; j++) od[oi + j * son] = alpha * mem[ci + j];
    }
  }
}
