/**
 * Work buffers that kernels borrow for the length of one call (GEMM panels, row accumulators)
 * and give back when done. A borrowed buffer is never handed out twice, so a kernel that runs
 * while another is between borrow and give_back (a re-entrant call, a kernel calling a
 * kernel) gets its own memory; the buffers given back are reused, so a training loop does not
 * allocate per product.
 */

/** Buffers given back, kept for reuse (a few: a call borrows at most three). */
const free: Float64Array[] = [];
const KEEP = 8;

/** A Float64Array of at least n elements, with unspecified contents, for this call only. */
export function borrow(n: number): Float64Array {
  let best = -1;
  for (let i = 0; i < free.length; i++) {
    if (free[i].length >= n && (best < 0 || free[i].length < free[best].length)) best = i;
  }
  if (best < 0) return new Float64Array(Math.max(n, 16));
  const b = free[best];
  free[best] = free[free.length - 1];
  free.pop();
  return b;
}

/** Returns a borrowed buffer; a smaller one is dropped when the pool is full. */
export function give_back(b: Float64Array): void {
  if (free.length < KEEP) {
    free.push(b);
    return;
  }
  let small = 0;
  for (let i = 1; i < free.length; i++) if (free[i].length < free[small].length) small = i;
  if (free[small].length < b.length) free[small] = b;
}
