/**
 * The `sgd_step` kernel on the BLAS's level-1 routines: PyTorch's `_single_tensor_sgd` is a
 * chain of in-place passes (`buf.mul_(momentum).add_(grad, alpha=1 - dampening)`,
 * `param.add_(buf, alpha=-lr)`), and each is one BLAS call over a dense parameter: `scal` for
 * the multiply, `axpy` for the adds. The vector kernels of axpy fuse each multiply-add as
 * PyTorch's add-with-alpha kernel does (OpenBLAS on x86-64 with FMA), so the results are the
 * reference's bits; a library whose vector axpy rounds the product first would differ by 1 ulp
 * where they differ at all.
 *
 * Parameters in other configurations (maximize, weight decay, nesterov, strided or aliased
 * views, small tensors, scalars BLAS would special-case) go to the reference kernel.
 */
import { float32, float64 } from "../../dtype.js";
import type { StridedView } from "../backend.js";
import type { Kernel } from "../kernels.js";
import type { BlasLibrary, Level1 } from "./library.js";
import { fma32, fma64 } from "../../fma.js";

type FloatArray = Float32Array | Float64Array;

/** Below this many elements a parameter's update is cheaper in JS than three foreign calls. */
const MIN_BLAS_ELEMENTS = 4096;
/**
 * Elements per call: small enough that the library runs each call on one thread (OpenBLAS
 * splits larger vectors between threads at arbitrary points), a multiple of VECTOR.
 */
const BLOCK = 8192;
/**
 * The vector kernels fuse each multiply-add; the scalar loop that finishes a vector whose length
 * is not a multiple of the vector width may not. Calls cover whole multiples of this, and the
 * rest is computed here as the reference does.
 */
const VECTOR = 64;

/** Whether v's elements are its array's elements offset..offset+n-1 in row-major order. */
function is_contiguous(v: StridedView): boolean {
  let expected = 1;
  for (let d = v.shape.length - 1; d >= 0; d--) {
    if (v.shape[d] !== 1 && v.strides[d] !== expected) return false;
    expected *= v.shape[d];
  }
  return true;
}

function numel(v: StridedView): number {
  let n = 1;
  for (const s of v.shape) n *= s;
  return n;
}

/** v's elements as an array view (no copy). */
function window(v: StridedView, n: number): FloatArray {
  return (v.data as FloatArray).subarray(v.offset, v.offset + n);
}

/** The sgd_step kernel over `blas`, running `reference` for what it does not cover. */
export function blas_sgd_step(blas: BlasLibrary, reference: Kernel<"sgd_step">): Kernel<"sgd_step"> {
  return function sgd_step(params, grads, momentum_buffers, init, o) {
    const with_momentum = o.momentum !== 0;
    const plain = !o.maximize && o.weight_decay === 0 && !o.nesterov;
    const rest: number[] = [];
    for (let k = 0; k < params.length; k++) {
      const p = params[k];
      const g = grads[k];
      const b = with_momentum ? momentum_buffers[k] : null;
      const f32 = p.dtype === float32;
      const lib = (f32 ? blas.s1 : p.dtype === float64 ? blas.d1 : null) as Level1<FloatArray> | null;
      const r = f32 ? Math.fround : (x: number) => x;
      // the scalars as the chain's ops convert them; 0 is special-cased by BLAS (no NaN propagation)
      const step = r(-o.lr);
      const m = r(o.momentum);
      const keep = r(1 - o.dampening);
      const n = numel(p);
      const views = b ? [p, g, b] : [p, g];
      if (
        !plain ||
        lib === null ||
        n < MIN_BLAS_ELEMENTS ||
        step === 0 ||
        (b !== null && (m === 0 || keep === 0)) ||
        views.some((v) => v.dtype !== p.dtype || !is_contiguous(v)) ||
        p.data === g.data ||
        (b !== null && (b.data === p.data || b.data === g.data))
      ) {
        rest.push(k);
        continue;
      }
      const fma = f32 ? fma32 : fma64;
      const pw = window(p, n);
      const gw = window(g, n);
      const bw = b && window(b, n);
      const first = init[k] ?? false;
      if (bw && first) bw.set(gw); // buf = clone(grad): the first step takes it undamped
      for (let start = 0; start < n; start += BLOCK) {
        const len = Math.min(BLOCK, n - start);
        const body = len - (len % VECTOR);
        const pc = pw.subarray(start, start + body);
        const gc = gw.subarray(start, start + body);
        const bc = bw && bw.subarray(start, start + body);
        if (body > 0) {
          if (bc && !first) {
            lib.scal(body, m, bc, 1);
            lib.axpy(body, keep, gc, 1, bc, 1);
          }
          lib.axpy(body, step, bc ?? gc, 1, pc, 1);
        }
        // the few elements past the last full vector, as the reference computes them
        for (let i = start + body; i < start + len; i++) {
          let d = gw[i];
          if (bw) {
            if (!first) bw[i] = keep === 1 ? r(r(bw[i] * m) + d) : fma(keep, d, r(bw[i] * m));
            d = bw[i];
          }
          pw[i] = fma(step, d, pw[i]);
        }
      }
    }
    if (rest.length) {
      reference(
        rest.map((k) => params[k]),
        rest.map((k) => grads[k]),
        with_momentum ? rest.map((k) => momentum_buffers[k]) : [],
        rest.map((k) => init[k] ?? false),
        o,
      );
    }
  };
}
