"""Fixtures for the torch.X spellings of Tensor methods: type_as, torch.numel, torch.fill_,
torch.zero_, torch.xlogy_, torch.addmv_, and the nodes and gradients of fill_ (scalar and 0-d
tensor value), zero_ and copy_ on a non-leaf.
"""
import torch

from common import write
from gen_inplace import base


def misc():
    x = base([2, 3], torch.float32)
    xi = base([2, 3], torch.int64)
    a = torch.tensor([0.0, 0.5, 2.0, 0.0], dtype=torch.float64)
    b = torch.tensor([[0.5], [3.0]], dtype=torch.float64).expand(2, 4)[0]
    xl = a.clone().xlogy_(b)
    mat = base([3, 2], torch.float32).t()
    vec = torch.tensor([1.5, -0.5, 2.0])
    s = torch.tensor([0.25, -1.0])
    am = torch.addmv_(s.clone(), mat, vec, beta=0.5, alpha=2.0)
    return {
        "type_as": {
            "x": x,
            "xi": xi,
            "int64": x.type_as(xi),
            "bool": x.type_as(torch.zeros(1, dtype=torch.bool)),
            "float64": xi.type_as(torch.zeros(1, dtype=torch.float64)),
        },
        "numel": [torch.numel(x), torch.numel(torch.zeros(0, 3)), torch.numel(torch.tensor(1.0))],
        "fill_": {"x": x, "y": torch.fill_(x.clone(), 2.5), "yi": torch.fill_(xi.clone(), 7)},
        "zero_": torch.zero_(x.clone().t()),
        "xlogy_": {"a": a, "b": b, "y": xl},
        "addmv_": {"self": s, "mat": mat, "vec": vec, "beta": 0.5, "alpha": 2.0, "y": am},
    }


def fill_nodes():
    """fill_ (scalar and 0-d tensor value), zero_ and copy_ on a non-leaf: node names and the
    gradients to self and to the value (fill_.Tensor's value gets grad.sum())."""
    out = {}
    g = torch.tensor([1.0, 2.0, -0.5])
    for key in ("fill_scalar", "fill_tensor", "zero_", "copy_"):
        x = torch.tensor([0.5, -1.5, 2.0], requires_grad=True)
        v = torch.tensor(1.25, requires_grad=True)
        src = torch.tensor([3.0, -2.0, 0.25], requires_grad=True)
        y = x * 1
        if key == "fill_scalar":
            y.fill_(2.5)
        elif key == "fill_tensor":
            y.fill_(v * 2)
        elif key == "zero_":
            y.zero_()
        else:
            y.copy_(src[:1] * 3)
        (y * g).sum().backward()
        # the Python binding prefixes C++-only nodes with torch::autograd:: (docs/differences.md)
        node = y.grad_fn.name().replace("torch::autograd::", "")
        out[key] = {"node": node, "y": y, "dx": x.grad, "dv": v.grad, "dsrc": src.grad}
    out["grad_output"] = g
    return out


def main():
    write("tensor_functions", {"misc": misc(), "fill": fill_nodes()})


if __name__ == "__main__":
    main()
