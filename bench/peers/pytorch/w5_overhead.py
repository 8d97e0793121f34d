"""W5 overhead, PyTorch side: the same measurements as bench/workloads/w5_overhead.ts."""
import torch

from timing import median_us, report, setup_threads

setup_threads()
a = torch.tensor([1.0, 2.0, 3.0])
b = torch.tensor([4.0, 5.0, 6.0])
w5a_add_us = median_us(100_000, lambda: a + b)

xw = torch.tensor([0.0, 1.0, 2.0])
yw = torch.tensor([10.0, 12.0, 14.0])
w = torch.zeros(1, requires_grad=True)
bias = torch.zeros(1, requires_grad=True)


def fwd_bwd():
    (xw * w + bias - yw).pow(2).mean().backward()
    w.grad = None
    bias.grad = None


loss_fwd_bwd_us = median_us(20_000, fwd_bwd)

n = 1_000_000
x, y, z = torch.randn(n), torch.randn(n), torch.randn(n)
us = median_us(300, lambda: x * y + z)
report({"w5a_add_us": w5a_add_us, "loss_fwd_bwd_us": loss_fwd_bwd_us, "w5b_gbps": 16 * n / us / 1e3})
