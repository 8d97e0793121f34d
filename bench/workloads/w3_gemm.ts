/** W3 gemm, torch-ts side: `A @ B`, square float32, n = 128, 512, 1024, no autograd. GFLOP/s. */
import { torch } from "./torch.js";
import { median_us, report } from "../timing.js";

const out: Record<string, number | string> = { backend: torch.get_backend() };
for (const n of [128, 512, 1024]) {
  const a = torch.randn(n, n);
  const b = torch.randn(n, n);
  // about 0.3 s of work per size whatever the speed: fewer calls for the larger products
  const calls = Math.max(8, Math.round(3e10 / n ** 3));
  const us = torch.no_grad(() => median_us(calls, () => a.matmul(b), 5));
  out[`w3_gflops_${n}`] = (2 * n ** 3) / us / 1e3;
}
report(out);
