"""Fixtures for the gradients at the corners where PyTorch picks a subgradient or a convention
(ties of max/min/sort/topk, zeros of norm/abs/relu/sqrt/prod, clamp at its bounds, pow at 0,
duplicate indices, -inf rows of logsumexp, nan_to_num): x, y = fn(x) and the gradient of
y.sum(). Read by test/ops/subgradients.test.ts.
"""
import torch

from common import write


def f(*v):
    return torch.tensor(v)


def idx(*v):
    return torch.tensor(v, dtype=torch.int64)


# gradients at the corners where PyTorch picks a subgradient or convention: ties of max/min
# (all-reduce splits evenly, dim-reduce picks one), zeros of norm/abs/relu/prod, clamp at its
# bounds, pow at 0, duplicates in index/gather, -inf rows of logsumexp
GRAD_EDGES = {
    "max_all_tie": (f(3.0, 1.0, 3.0, 2.0), lambda x: x.max()),
    "min_all_tie": (f(1.0, 1.0, 3.0, 1.0), lambda x: x.min()),
    "max_dim_tie": (f(3.0, 3.0, 1.0, 2.0), lambda x: x.reshape(2, 2).max(1)[0]),
    "amax_tie": (f(3.0, 3.0, 1.0, 2.0, 2.0, 2.0), lambda x: x.reshape(2, 3).amax(1)),
    "maximum_tie": (f(1.0, 2.0, 3.0), lambda x: torch.maximum(x, f(1.0, 0.0, 3.0))),
    "norm_zero": (f(0.0, 0.0, 0.0), lambda x: x.norm()),
    "norm1_zero": (f(0.0, 1.0, -2.0), lambda x: x.norm(1)),
    "norm_inf_tie": (f(2.0, -2.0, 1.0), lambda x: x.norm(float("inf"))),
    "abs_relu_zero": (f(0.0, -1.0, 2.0), lambda x: x.abs() + x.relu()),
    "clamp_bounds": (f(0.0, 1.0, 0.5, 2.0), lambda x: x.clamp(0, 1)),
    "sqrt_zero": (f(0.0, 4.0), lambda x: x.sqrt()),
    "prod_one_zero": (f(2.0, 0.0, 3.0), lambda x: x.prod()),
    "prod_two_zeros": (f(0.0, 0.0, 3.0), lambda x: x.prod()),
    "cumprod_zeros": (f(2.0, 0.0, 3.0, 0.0, 5.0), lambda x: x.cumprod(0)),
    "pow_zero_base": (f(0.0, 0.0, 2.0), lambda x: x.pow(f(0.0, 2.0, 0.0))),
    "pow_scalar_zero": (f(0.0, 1.5), lambda x: x.pow(0)),
    "logsumexp_ninf": (f(float("-inf"), float("-inf"), 1.0, 2.0), lambda x: x.reshape(2, 2).logsumexp(1)),
    "index_dup": (f(1.0, 2.0, 3.0), lambda x: x[idx(0, 0, 2)] * f(1.0, 2.0, 3.0)),
    "gather_dup": (f(1.0, 2.0, 3.0), lambda x: x.gather(0, idx(2, 2, 0)) * f(1.0, 2.0, 3.0)),
    "sort_tie": (f(2.0, 1.0, 2.0), lambda x: x.sort()[0] * f(1.0, 2.0, 3.0)),
    "topk_tie": (f(2.0, 1.0, 2.0), lambda x: x.topk(2)[0] * f(1.0, 5.0)),
    "remainder_divisor": (f(1.5, 2.5, -3.5), lambda x: torch.remainder(f(5.0, -7.0, 4.0), x)),
    "nan_to_num": (f(float("nan"), float("inf"), 1.0), lambda x: x.nan_to_num()),
}


def grad_edges():
    out = {}
    for key, (x0, fn) in GRAD_EDGES.items():
        x = x0.clone().requires_grad_()
        y = fn(x)
        y.sum().backward()
        out[key] = {"x": x0, "y": y, "dx": x.grad}
    return out


def main():
    write("subgradients", grad_edges())


if __name__ == "__main__":
    main()
