/**
 * The `matmul` kernel on the system BLAS: out [B, M, N] = beta * addend + alpha * (a @ b), for
 * float32 through cblas_sgemm and float64 (and int64, which shares Float64Array) through
 * cblas_dgemm; every other case (int32, mixed arrays, alpha 0, K 0) runs the reference kernel.
 *
 * Strides are mapped onto what BLAS can address instead of copied: a matrix whose elements lie
 * row-major with unit column stride is passed as is, one whose rows have unit stride (a
 * transposed view) is passed with the transposition flag, and the leading dimension absorbs
 * padding between rows (a slice). A transposed output is computed as out^T = b^T @ a^T. Only
 * a layout BLAS cannot express (expanded dims, steps in both dims) is copied to a contiguous
 * buffer first, as is an operand sharing memory with the output. A batch whose right operand
 * is shared by all batches (stride 0, as a weight under a batched input) becomes one GEMM with
 * B * M rows when the left operand and the output allow it.
 *
 * The addend is written into out first and BLAS scales it by beta (C = alpha * A @ B + beta * C).
 */
import type { StridedView } from "../backend.js";
import type { Kernel } from "../kernels.js";
import { NO_TRANS, ROW_MAJOR, TRANS, type BlasLibrary, type Gemm } from "./library.js";

type FloatArray = Float32Array | Float64Array;
type View = StridedView<FloatArray>;

/** One operand of a row-major GEMM problem: op(X) for batch t starts at offset + t * batch. */
interface Operand {
  readonly data: FloatArray;
  readonly offset: number;
  readonly batch: number;
  readonly trans: number;
  readonly ld: number;
}

/**
 * How BLAS reads a [rows, cols] matrix with strides (sr, sc): as stored (row-major, unit column
 * stride) or transposed (unit row stride), with its leading dimension; null when neither holds.
 * A dim of size 1 has no meaningful stride, so it never disqualifies a layout.
 */
export function layout(rows: number, cols: number, sr: number, sc: number): [number, number] | null {
  if ((sc === 1 || cols === 1) && (rows === 1 || sr >= Math.max(1, cols))) {
    return [NO_TRANS, rows === 1 ? Math.max(1, cols) : sr];
  }
  if ((sr === 1 || rows === 1) && (cols === 1 || sc >= Math.max(1, rows))) {
    return [TRANS, cols === 1 ? Math.max(1, rows) : sc];
  }
  return null;
}

/** A fresh contiguous [B, R, C] array of x's type (one matrix when x is broadcast over the batch). */
function fresh(x: View): View {
  const [B, R, C] = x.shape;
  const nb = x.strides[0] === 0 ? 1 : B;
  const data = new (x.data.constructor as Float32ArrayConstructor | Float64ArrayConstructor)(nb * R * C);
  return { data, dtype: x.dtype, shape: x.shape, strides: [nb === 1 ? 0 : R * C, C, 1], offset: 0 };
}

/** A fresh contiguous copy of x. */
function contiguous(x: View): View {
  const [B, R, C] = x.shape;
  const [sb, sr, sc] = x.strides;
  const nb = sb === 0 ? 1 : B;
  const copy = fresh(x);
  const data = copy.data;
  let o = 0;
  for (let t = 0; t < nb; t++) {
    for (let i = 0; i < R; i++) {
      const row = x.offset + t * sb + i * sr;
      for (let j = 0; j < C; j++) data[o++] = x.data[row + j * sc];
    }
  }
  return copy;
}

/** dst = src elementwise over dst's [B, M, N] shape (src broadcast to it). */
function copy_into(src: View, dst: View): void {
  const [B, M, N] = dst.shape;
  const [xb, xm, xn] = src.strides;
  const [ob, om, on] = dst.strides;
  for (let t = 0; t < B; t++) {
    for (let i = 0; i < M; i++) {
      const x = src.offset + t * xb + i * xm;
      const o = dst.offset + t * ob + i * om;
      // a row broadcast along it (a bias added per output channel) is one fill
      if (xn === 0 && on === 1) dst.data.fill(src.data[x], o, o + N);
      else for (let j = 0; j < N; j++) dst.data[o + j * on] = src.data[x + j * xn];
    }
  }
}

function same_view(x: View, y: View): boolean {
  return (
    x.data === y.data &&
    x.offset === y.offset &&
    x.strides.every((s, d) => s === y.strides[d] || x.shape[d] === 1)
  );
}

/** x as a BLAS operand of shape [rows, cols] with strides (sr, sc); readable() made it expressible. */
function operand(x: View, rows: number, cols: number, sr: number, sc: number, sb: number): Operand {
  const [trans, ld] = layout(rows, cols, sr, sc)!;
  return { data: x.data, offset: x.offset, batch: sb, trans, ld };
}

/** A view BLAS can read: x itself, or a contiguous copy when its layout is not expressible. */
function readable(x: View, out: View): View {
  const [, R, C] = x.shape;
  const aliased = x.data === out.data;
  return aliased || !layout(R, C, x.strides[1], x.strides[2]) ? contiguous(x) : x;
}

/** The matmul kernel over `blas`, running `reference` for what BLAS does not cover. */
export function blas_matmul(blas: BlasLibrary, reference: Kernel<"matmul">): Kernel<"matmul"> {
  return function matmul(a, b, out, addend = null, alpha = 1, beta = 0) {
    const [B, M, K] = a.shape;
    const N = b.shape[2];
    if (B === 0 || M === 0 || N === 0) return;
    const add = beta !== 0 ? addend : null;
    const cls = out.data.constructor;
    const gemm = cls === Float32Array ? blas.sgemm : cls === Float64Array ? blas.dgemm : null;
    if (
      gemm === null ||
      K === 0 ||
      alpha === 0 || // BLAS skips a @ b entirely, so NaN and inf in it would not propagate
      a.data.constructor !== cls ||
      b.data.constructor !== cls ||
      (add !== null && add.data.constructor !== cls)
    ) {
      reference(a, b, out, addend, alpha, beta);
      return;
    }
    run(gemm as Gemm<FloatArray>, a as View, b as View, out as View, add as View | null, alpha, beta);
  };
}

function run(
  gemm: Gemm<FloatArray>,
  a: View,
  b: View,
  out: View,
  add: View | null,
  alpha: number,
  beta: number,
) {
  const [B, M, K] = a.shape;
  const N = b.shape[2];
  // operands are settled before out is written, since out may share their memory
  const av = readable(a, out);
  const bv = readable(b, out);
  const xv = add && !same_view(add, out) && add.data === out.data ? contiguous(add) : add;
  const c_layout = layout(M, N, out.strides[1], out.strides[2]);
  const cv = c_layout ? out : fresh(out); // copied into out at the end
  if (xv && xv !== cv) copy_into(xv, cv);
  const bz = add ? beta : 0;

  // the row-major problem C = op(P) @ op(Q): out itself, or out^T = b^T @ a^T when out is transposed
  const transposed = layout(M, N, cv.strides[1], cv.strides[2])![0] === TRANS;
  let m = M;
  let n = N;
  let P: Operand;
  let Q: Operand;
  if (!transposed) {
    P = operand(av, M, K, av.strides[1], av.strides[2], av.strides[0]);
    Q = operand(bv, K, N, bv.strides[1], bv.strides[2], bv.strides[0]);
  } else {
    [m, n] = [N, M];
    P = operand(bv, N, K, bv.strides[2], bv.strides[1], bv.strides[0]);
    Q = operand(av, K, M, av.strides[2], av.strides[1], av.strides[0]);
  }
  const [cb, cr, cc] = cv.strides;
  const ldc = layout(m, n, transposed ? cc : cr, transposed ? cr : cc)![1];
  let batches = B;
  // a batch over a shared right operand stacks into one taller product
  if (B > 1 && Q.batch === 0 && P.trans === NO_TRANS && P.batch === m * P.ld && cb === m * ldc) {
    m *= B;
    batches = 1;
  }
  for (let t = 0; t < batches; t++) {
    gemm(
      ROW_MAJOR,
      P.trans,
      Q.trans,
      m,
      n,
      K,
      alpha,
      at(P.data, P.offset + t * P.batch),
      P.ld,
      at(Q.data, Q.offset + t * Q.batch),
      Q.ld,
      bz,
      at(cv.data, cv.offset + t * cb),
      ldc,
    );
  }
  if (cv !== out) copy_into(cv, out);
}

/** The array from element `offset` on: the array itself at 0, else a view (no copy). */
function at(data: FloatArray, offset: number): FloatArray {
  return offset === 0 ? data : data.subarray(offset);
}
