/**
 * Reference batched matrix product on strided views. The loop order (i, p, j) streams rows of
 * b and out, and the row accumulator is a Float64Array, so float32 results round once.
 */
import type { StridedView } from "../backend.js";

export function matmul(a: StridedView, b: StridedView, out: StridedView): void {
  const [B, M, K] = a.shape;
  const N = b.shape[2];
  const [sab, sam, sak] = a.strides;
  const [sbb, sbk, sbn] = b.strides;
  const [sob, som, son] = out.strides;
  const ad = a.data;
  const bd = b.data;
  const od = out.data;
  const acc = new Float64Array(N);
  for (let t = 0; t < B; t++) {
    const a0 = a.offset + t * sab;
    const b0 = b.offset + t * sbb;
    const o0 = out.offset + t * sob;
    for (let i = 0; i < M; i++) {
      acc.fill(0);
      const ai = a0 + i * sam;
      for (let p = 0; p < K; p++) {
        const av = ad[ai + p * sak];
        const bp = b0 + p * sbk;
        if (sbn === 1) for (let j = 0; j < N; j++) acc[j] += av * bd[bp + j];
        else for (let j = 0; j < N; j++) acc[j] += av * bd[bp + j * sbn];
      }
      const oi = o0 + i * som;
      for (let j = 0; j < N; j++) od[oi + j * son] = acc[j];
    }
  }
}
