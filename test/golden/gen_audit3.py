"""Audit of issue 3 (the training stack): cases that the per-area generators leave out.

- loss_modules: every loss module built with PyTorch's keyword options (the module form, not
  F.*), its forward value and the gradients of its inputs after backward with a fixed
  grad_output; the module path must pass each option through.
- train: a Sequential MLP with Dropout, initialised after manual_seed, trained for a few steps
  with CrossEntropyLoss(label_smoothing), SGD (nesterov, weight_decay), clip_grad_norm_ and
  StepLR: losses, total norms, learning rates and the final parameters, so that the pieces are
  checked working together (Dropout masks drawn between the steps included).

PyTorch 2.x vs the installed 1.13: label smoothing differs only when targets are ignored with
reduction='mean' (not the case here); SGD, StepLR, clip_grad_norm_ and the draws are the same.
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


def train():
    torch.manual_seed(1)
    model = nn.Sequential(nn.Linear(5, 8), nn.Tanh(), nn.Dropout(0.2), nn.Linear(8, 3))
    init = {k: v.clone() for k, v in model.state_dict().items()}
    X = torch.randn(6, 5)
    y = torch.tensor([0, 2, 1, 1, 0, 2])
    crit = nn.CrossEntropyLoss(label_smoothing=0.1)
    opt = torch.optim.SGD(model.parameters(), lr=0.2, momentum=0.9, nesterov=True, weight_decay=1e-3)
    sched = torch.optim.lr_scheduler.StepLR(opt, step_size=3, gamma=0.5)
    losses, norms, lrs = [], [], []
    for _ in range(8):
        opt.zero_grad()
        loss = crit(model(X), y)
        loss.backward()
        norms.append(nn.utils.clip_grad_norm_(model.parameters(), max_norm=0.35).item())
        opt.step()
        sched.step()
        losses.append(loss.item())
        lrs.append(sched.get_last_lr()[0])
    model.eval()
    return {
        "init": init,
        "X": X,
        "y": y,
        "losses": losses,
        "norms": norms,
        "lrs": lrs,
        "final": model.state_dict(),
        "eval_out": model(X).detach(),
        "after": torch.rand(3),
    }


def list_loader():
    """A Python list as the dataset (PyTorch's DataLoader takes any object with __getitem__)."""
    from torch.utils.data import DataLoader

    torch.manual_seed(2)
    pairs = [[torch.tensor([float(i), -0.5 * i]), i] for i in range(7)]
    dl = DataLoader(pairs, batch_size=3, shuffle=True)
    epochs = [[[x, y] for x, y in dl] for _ in range(2)]
    out = {"pairs": pairs, "len": len(dl), "epochs": epochs, "after": torch.rand(3)}
    dicts = [{"x": i * 0.5 + 0.25, "y": [i, i + 1]} for i in range(5)]
    out["dicts"] = dicts
    out["dict_batches"] = [b for b in DataLoader(dicts, batch_size=2, drop_last=True)]
    return out


def main():
    write("audit3", {"loss_modules": loss_modules(), "train": train(), "list_loader": list_loader()})


if __name__ == "__main__":
    main()
