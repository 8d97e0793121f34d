"""W3 gemm, PyTorch side: the same measurements as bench/workloads/w3_gemm.ts."""
import torch

from timing import median_us, report, setup_threads

setup_threads()
out = {}
with torch.no_grad():
    for n in (128, 512, 1024):
        a, b = torch.randn(n, n), torch.randn(n, n)
        calls = max(4, round(1e10 / n**3))
        us = median_us(calls, lambda: a @ b, 5)
        out[f"w3_gflops_{n}"] = 2 * n**3 / us / 1e3
report(out)
