/**
 * W5 overhead, torch-ts side: (a) `a.add(b)` on 3-element float32 tensors, µs per op (and the walkthrough's loss forward and
 * backward on one batch of 3, µs); (b)
 * `a.mul(b).add(c)` on 10^6-element float32 tensors, GB/s (16 MB moved: three reads, one write).
 */
import { torch } from "./torch.js";
import { median_us, report } from "../timing.js";

const a = torch.tensor([1, 2, 3]);
const b = torch.tensor([4, 5, 6]);
const w5a_add_us = median_us(100_000, () => a.add(b));

// the walkthrough's loss, forward and backward on one batch of 3 (per-op overhead through autograd)
const xw = torch.tensor([0, 1, 2]);
const yw = torch.tensor([10, 12, 14]);
const w = torch.zeros(1, { requires_grad: true });
const bias = torch.zeros(1, { requires_grad: true });
const loss_fwd_bwd_us = median_us(20_000, () => {
  xw.mul(w).add(bias).sub(yw).pow(2).mean().backward();
  w.grad = null;
  bias.grad = null;
});

const n = 1_000_000;
const [x, y, z] = [torch.randn(n), torch.randn(n), torch.randn(n)];
const us = median_us(300, () => x.mul(y).add(z));
report({ w5a_add_us, loss_fwd_bwd_us, w5b_gbps: (16 * n) / us / 1e3, backend: torch.get_backend() });
