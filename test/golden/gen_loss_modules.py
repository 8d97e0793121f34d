"""Fixtures for the loss modules built with PyTorch's keyword options (the module form, not F.*):
the forward value and the gradients of the inputs after backward with a fixed grad_output, so
the module path must pass each option through.
"""

import torch
import torch.nn as nn

from common import enc, write


def loss_case(cls, kwargs, inputs, rg):
    """inputs: tensors; rg: which of them require grad."""
    leaves = [t.clone().detach().requires_grad_(r) for t, r in zip(inputs, rg)]
    m = getattr(nn, cls)(**kwargs)
    out = m(*leaves)
    go = torch.tensor(0.75, dtype=out.dtype) if out.dim() == 0 else torch.linspace(-1, 1, out.numel(), dtype=out.dtype).reshape(out.shape)
    out.backward(go)
    return {
        "cls": cls,
        "kwargs": kwargs,
        "inputs": inputs,
        "rg": rg,
        "repr": repr(m),
        "out": out.detach(),
        "grad_out": go,
        "grads": [l.grad if r else None for l, r in zip(leaves, rg)],
        "node": out.grad_fn.name(),
    }


def loss_modules():
    torch.manual_seed(0)
    x = torch.randn(4, 5, dtype=torch.float64)
    t = torch.randn(4, 5, dtype=torch.float64)
    idx = torch.tensor([1, 0, 4, 2])
    w = torch.rand(5, dtype=torch.float64) + 0.5
    p = torch.rand(4, 5, dtype=torch.float64) * 0.9 + 0.05
    y01 = torch.rand(4, 5, dtype=torch.float64)
    a, b, n = (torch.randn(4, 3, dtype=torch.float64) for _ in range(3))
    pm = torch.tensor([1.0, -1.0, 1.0, -1.0], dtype=torch.float64)
    var = torch.rand(4, 5, dtype=torch.float64) + 0.1
    counts = torch.randint(0, 5, (4, 5)).double()
    xk = torch.randn(2, 5, 3, dtype=torch.float64)
    tk = torch.tensor([[1, 4, -100], [0, 2, 3]])
    cases = [
        loss_case("MSELoss", {"reduction": "sum"}, [x, t], [True, True]),
        loss_case("L1Loss", {"reduction": "none"}, [x, t], [True, False]),
        loss_case("SmoothL1Loss", {"beta": 0.4, "reduction": "sum"}, [x, t], [True, True]),
        loss_case("HuberLoss", {"delta": 0.3}, [x, t], [True, True]),
        loss_case("NLLLoss", {"weight": w, "ignore_index": 4, "reduction": "mean"}, [torch.log_softmax(x, 1), idx], [True, False]),
        loss_case("CrossEntropyLoss", {"weight": w, "label_smoothing": 0.15}, [x, idx], [True, False]),
        loss_case("CrossEntropyLoss", {"ignore_index": 2, "reduction": "sum"}, [x, idx], [True, False]),
        loss_case("CrossEntropyLoss", {"reduction": "none"}, [xk, tk], [True, False]),
        loss_case("CrossEntropyLoss", {"label_smoothing": 0.2}, [x, torch.softmax(t, 1)], [True, True]),
        loss_case("BCELoss", {"weight": w, "reduction": "sum"}, [p, y01], [True, True]),
        loss_case("BCEWithLogitsLoss", {"pos_weight": w, "reduction": "mean"}, [x, y01], [True, True]),
        loss_case("BCEWithLogitsLoss", {"weight": w, "pos_weight": w * 2, "reduction": "none"}, [x, y01], [True, False]),
        loss_case("KLDivLoss", {"reduction": "batchmean", "log_target": True}, [torch.log_softmax(x, 1), torch.log_softmax(t, 1)], [True, True]),
        loss_case("CosineEmbeddingLoss", {"margin": 0.2, "reduction": "sum"}, [a, b, pm], [True, True, False]),
        loss_case("MarginRankingLoss", {"margin": 0.5}, [a[:, 0].contiguous(), b[:, 0].contiguous(), pm], [True, True, False]),
        loss_case("TripletMarginLoss", {"margin": 0.7, "p": 1.0, "swap": True, "reduction": "none"}, [a, b, n], [True, True, True]),
        loss_case("GaussianNLLLoss", {"full": True, "eps": 0.01, "reduction": "sum"}, [x, t, var], [True, True, True]),
        loss_case("PoissonNLLLoss", {"log_input": False, "full": True, "eps": 0.1}, [p * 3, counts], [True, False]),
        loss_case("PoissonNLLLoss", {"reduction": "none"}, [x, counts], [True, False]),
    ]
    return cases


def main():
    write("loss_modules", {"loss_modules": loss_modules()})


if __name__ == "__main__":
    main()
