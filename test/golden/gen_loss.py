"""Losses of torch.nn.functional: values, input (and target) gradients from a fixed grad_output,
grad_fn names (the node and its next_functions), and error messages.

A case is {fn, args, kwargs, out, grads, node, next}: `args` are the positional arguments, each
either a number or {"tensor": enc, "t": bool, "rg": bool} (the base tensor, whether the op gets
its transpose, whether it requires grad); tensors in `kwargs` are encoded as they are. `grads[i]`
is the gradient of args[i]'s base after backward with `grad_out` (null when it did not require
grad). An error case has `error` instead of out/grads.

PyTorch 2.x differences applied here (this runs on 1.13):
- smooth_l1_loss with beta=0 calls l1_loss in 2.x (F.smooth_l1_loss), so its graph is
  MeanBackward0 over AbsBackward0; such cases are computed with F.l1_loss.
- binary_cross_entropy checks the target's range in 2.x ("all elements of target should be
  between 0 and 1"); 1.13 does not, so that error case is written from 2.x's message.
- triplet_margin_loss's dimension check has 2.x's wording (ATen's loss.cpp).
- cross_entropy with label_smoothing, class indices, no weight and reduction='mean' divides the
  smoothing term by the number of non-ignored targets in 2.x (1.13 by all targets); those cases
  are computed with the 2.x formula written out in PyTorch ops (node AddBackward0 as in 1.13).
"""
import torch
import torch.nn.functional as F

from common import enc, error_of, write

torch.manual_seed(0)
DTYPES = [torch.float32, torch.float64]


def node_name(n):
    return None if n is None else n.name().replace("torch::autograd::", "")


def spec(t, rg=False, transpose=False):
    return {"tensor": t, "t": transpose, "rg": rg}


def build(args):
    """Leaves (requiring grad where asked) and the values the call gets."""
    leaves, vals = [], []
    for a in args:
        if isinstance(a, dict):
            leaf = a["tensor"].clone().detach()
            if a["rg"]:
                leaf.requires_grad_(True)
            leaves.append(leaf)
            vals.append(leaf.t() if a["t"] else leaf)
        else:
            leaves.append(None)
            vals.append(a)
    return leaves, vals


def encode_args(args):
    return [
        {"tensor": enc(a["tensor"]), "t": a["t"], "rg": a["rg"]} if isinstance(a, dict) else a for a in args
    ]


def run(fn, args, kwargs=None, impl=None):
    kwargs = kwargs or {}
    leaves, vals = build(args)
    out = (impl or getattr(F, fn))(*vals, **kwargs)
    if out.dim() == 0:
        grad_out = torch.tensor(0.75, dtype=out.dtype)
    else:
        grad_out = torch.linspace(-1, 1, out.numel(), dtype=out.dtype).reshape(out.shape)
    if out.requires_grad:
        out.backward(grad_out)
    g = out.grad_fn
    return {
        "fn": fn,
        "args": encode_args(args),
        "kwargs": {k: enc(v) for k, v in kwargs.items()},
        "out": enc(out),
        "grad_out": enc(grad_out),
        "grads": [enc(l.grad) if l is not None and l.grad is not None else None for l in leaves],
        "node": node_name(g),
        "next": [node_name(n) for n, _ in g.next_functions] if g is not None else [],
    }


def err(fn, args, kwargs=None, expected=None):
    _, vals = build(args)
    e = expected or error_of(lambda: getattr(F, fn)(*vals, **(kwargs or {})))
    return {"fn": fn, "args": encode_args(args), "kwargs": {k: enc(v) for k, v in (kwargs or {}).items()}, "error": e}


def pointwise_cases(cases):
    for dt in DTYPES:
        x = torch.randn(3, 4, dtype=dt)
        t = torch.randn(3, 4, dtype=dt)
        for fn in ["mse_loss", "l1_loss", "smooth_l1_loss", "huber_loss"]:
            for red in ["mean", "sum", "none"]:
                cases.append(run(fn, [spec(x, True), spec(t, True)], {"reduction": red}))
        # non-contiguous input, broadcast target, options
        xt = torch.randn(4, 3, dtype=dt)
        cases.append(run("mse_loss", [spec(xt, True, True), spec(torch.randn(4, dtype=dt), True)]))
        cases.append(run("l1_loss", [spec(xt, True, True), spec(t, False)], {"reduction": "sum"}))
        big = torch.randn(3, 4, dtype=dt) * 3
        for beta in [0.5, 2.0]:
            cases.append(run("smooth_l1_loss", [spec(big, True), spec(t, True)], {"beta": beta}))
            cases.append(run("huber_loss", [spec(big, True), spec(t, True)], {"delta": beta, "reduction": "sum"}))
        # 2.x: beta=0 is l1_loss
        c = run("smooth_l1_loss", [spec(big, True), spec(t, True)], {"beta": 0.0}, impl=lambda a, b, beta: F.l1_loss(a, b))
        cases.append(c)
    # the walkthrough's first batch: w = b = 0, x = [0, 1, 2], y = 2x + 10
    w = torch.zeros(1, requires_grad=True)
    xb = torch.tensor([[0.0], [1.0], [2.0]])
    yb = torch.tensor([[10.0], [12.0], [14.0]])
    loss = torch.nn.MSELoss()(xb * w, yb)
    loss.backward()
    cases.append({"fn": "walkthrough", "x": enc(xb), "y": enc(yb), "repr": repr(loss), "out": enc(loss), "w_grad": enc(w.grad)})
    # mixed dtypes promote (values only: 1.13's backward of mixed dtypes fails)
    cases.append(run("mse_loss", [spec(torch.randn(3)), spec(torch.randn(3, dtype=torch.float64))]))
    for fn in ["mse_loss", "smooth_l1_loss", "huber_loss", "l1_loss"]:
        cases.append(err(fn, [spec(torch.tensor([1, 2])), spec(torch.tensor([1, 3]))]))
    cases.append(err("mse_loss", [spec(torch.randn(2, 3)), spec(torch.randn(2, 4))]))
    cases.append(err("mse_loss", [spec(torch.randn(2)), spec(torch.randn(2))], {"reduction": "avg"}))
    cases.append(err("smooth_l1_loss", [spec(torch.randn(2)), spec(torch.randn(2))], {"beta": -1.0}))
    cases.append(err("huber_loss", [spec(torch.randn(2)), spec(torch.randn(2))], {"delta": 0.0}))


def ce_smoothing_2x(input, target, weight=None, ignore_index=-100, reduction="mean", label_smoothing=0.0):
    """2.x's cross_entropy_loss_label_smoothing, op for op (1.13's mean without weight differs)."""
    class_dim = 0 if input.dim() == 1 else 1
    logp = F.log_softmax(input, class_dim)
    nll = F.nll_loss(logp, target, weight, ignore_index=ignore_index, reduction=reduction)
    n_classes = logp.size(class_dim)
    if weight is not None:
        shape = [1] * logp.dim()
        shape[class_dim] = weight.size(0)
        smooth = -(logp * weight.view(shape)).sum(class_dim)
    else:
        smooth = -logp.sum(class_dim)
    ignore_mask = target == ignore_index
    smooth = smooth.masked_fill(ignore_mask, 0.0)
    if reduction == "mean":
        if weight is not None:
            ret = smooth.sum() / weight.gather(0, target.masked_select(~ignore_mask).flatten()).sum()
        else:
            ret = smooth.sum() / (~ignore_mask).sum()
    elif reduction == "sum":
        ret = smooth.sum()
    else:
        ret = smooth
    return (1 - label_smoothing) * nll + ret * (label_smoothing / n_classes)


def smoothed_case(args, kw):
    """Values and gradients from the 2.x formula; the graph from PyTorch's own composite, whose
    C++ scalar products record MulBackward1 (the Python formula records MulBackward0)."""
    c = run("cross_entropy", args, kw, impl=ce_smoothing_2x)
    real = run("cross_entropy", args, kw)
    c["node"], c["next"] = real["node"], real["next"]
    return c


def classification_cases(cases):
    for dt in DTYPES:
        x = torch.randn(4, 5, dtype=dt)
        tgt = torch.tensor([1, 0, 4, 2])
        tgt_ign = torch.tensor([1, -100, 4, 2])
        w = torch.rand(5, dtype=dt) + 0.5
        logp = F.log_softmax(torch.randn(4, 5, dtype=dt), 1)
        for red in ["mean", "sum", "none"]:
            cases.append(run("cross_entropy", [spec(x, True), spec(tgt)], {"reduction": red}))
            cases.append(run("nll_loss", [spec(logp, True), spec(tgt_ign)], {"reduction": red, "weight": w}))
            cases.append(run("cross_entropy", [spec(x, True), spec(tgt_ign)], {"reduction": red, "weight": w}))
            # ignore_index = 2 (a real class) and a weight: the mean divides by the kept weights
            cases.append(run("cross_entropy", [spec(x, True), spec(tgt)], {"reduction": red, "ignore_index": 2}))
            # label smoothing, with and without weight and ignored targets (2.x formula)
            for kw in [{}, {"weight": w}]:
                kw = dict(kw, reduction=red, label_smoothing=0.2)
                cases.append(smoothed_case([spec(x, True), spec(tgt_ign)], kw))
            # class probabilities, optionally smoothed and weighted
            probs = torch.softmax(torch.randn(4, 5, dtype=dt), 1)
            cases.append(run("cross_entropy", [spec(x, True), spec(probs, True)], {"reduction": red}))
            cases.append(run("cross_entropy", [spec(x, True), spec(probs)], {"reduction": red, "weight": w, "label_smoothing": 0.1}))
        # non-contiguous logits, unbatched input, all targets ignored (mean is nan)
        cases.append(run("cross_entropy", [spec(torch.randn(5, 4, dtype=dt), True, True), spec(tgt)]))
        cases.append(run("cross_entropy", [spec(torch.randn(5, dtype=dt), True), spec(torch.tensor(3))]))
        cases.append(run("nll_loss", [spec(torch.randn(5, dtype=dt), True), spec(torch.tensor(3))], {"reduction": "none"}))
        cases.append(run("cross_entropy", [spec(torch.randn(5, dtype=dt), True), spec(torch.softmax(torch.randn(5, dtype=dt), 0))]))
        cases.append(run("cross_entropy", [spec(x, True), spec(torch.full((4,), -100))]))
        # K-dim: (N, C, d1) / (N, C, d1, d2) / (N, C, d1, d2, d3), with weights and ignored targets
        for extra in [(3,), (2, 3), (2, 1, 2)]:
            xk = torch.randn(2, 4, *extra, dtype=dt)
            tk = torch.randint(0, 4, (2, *extra))
            tk.view(-1)[1] = -100
            wk = torch.rand(4, dtype=dt) + 0.5
            for red in ["mean", "none"]:
                cases.append(run("cross_entropy", [spec(xk, True), spec(tk)], {"reduction": red, "weight": wk}))
                cases.append(run("nll_loss", [spec(xk, True), spec(tk)], {"reduction": red}))
            kw = {"label_smoothing": 0.3, "weight": wk}
            cases.append(smoothed_case([spec(xk, True), spec(tk)], kw))
            cases.append(run("cross_entropy", [spec(xk, True), spec(torch.softmax(torch.randn(2, 4, *extra, dtype=dt), 1))], {"weight": wk}))
        # binary cross entropy
        p = torch.rand(3, 4, dtype=dt) * 0.98 + 0.01
        y = torch.rand(3, 4, dtype=dt)
        wb = torch.rand(4, dtype=dt)
        logits = torch.randn(3, 4, dtype=dt) * 4
        pw = torch.rand(4, dtype=dt) * 3
        for red in ["mean", "sum", "none"]:
            cases.append(run("binary_cross_entropy", [spec(p, True), spec(y, True)], {"reduction": red}))
            cases.append(run("binary_cross_entropy", [spec(p, True), spec(y, True)], {"reduction": red, "weight": wb}))
            cases.append(run("binary_cross_entropy_with_logits", [spec(logits, True), spec(y, True)], {"reduction": red}))
            cases.append(run("binary_cross_entropy_with_logits", [spec(logits, True), spec(y, True)], {"reduction": red, "weight": wb, "pos_weight": pw}))
        # probabilities of exactly 0 and 1 (log clamped to -100), huge logits (stable)
        cases.append(run("binary_cross_entropy", [spec(torch.tensor([0.0, 1.0, 0.5], dtype=dt), False), spec(torch.tensor([1.0, 0.0, 1.0], dtype=dt))]))
        cases.append(run("binary_cross_entropy_with_logits", [spec(torch.tensor([-200.0, 200.0, 30.0], dtype=dt), True), spec(torch.tensor([1.0, 0.0, 1.0], dtype=dt))]))
        cases.append(run("binary_cross_entropy_with_logits", [spec(logits.t().contiguous(), True, True), spec(y, True)], {"pos_weight": pw}))


def other_cases(cases):
    for dt in DTYPES:
        logq = F.log_softmax(torch.randn(3, 4, dtype=dt), 1)
        p = torch.softmax(torch.randn(3, 4, dtype=dt), 1)
        for red in ["mean", "sum", "none", "batchmean"]:
            cases.append(run("kl_div", [spec(logq, True), spec(p, True)], {"reduction": red}))
            cases.append(run("kl_div", [spec(logq, True), spec(p.log(), True)], {"reduction": red, "log_target": True}))
        a = torch.randn(4, 3, dtype=dt)
        b = torch.randn(4, 3, dtype=dt)
        y = torch.tensor([1.0, -1.0, -1.0, 1.0], dtype=dt)
        for red in ["mean", "sum", "none"]:
            cases.append(run("cosine_embedding_loss", [spec(a, True), spec(b, True), spec(y)], {"reduction": red}))
            cases.append(run("cosine_embedding_loss", [spec(a, True), spec(b, True), spec(y), -0.2], {"reduction": red}))
            cases.append(run("margin_ranking_loss", [spec(a[:, 0].contiguous(), True), spec(b[:, 0].contiguous(), True), spec(y)], {"margin": 0.3, "reduction": red}))
            cases.append(run("triplet_margin_loss", [spec(a, True), spec(b, True), spec(torch.randn(4, 3, dtype=dt), True)], {"reduction": red}))
        cases.append(run("cosine_embedding_loss", [spec(a[0].clone(), True), spec(b[0].clone(), True), spec(torch.tensor(-1.0, dtype=dt))], {"margin": -0.5}))
        cases.append(run("margin_ranking_loss", [spec(a[:, 0].contiguous(), True), spec(b[:, 0].contiguous(), True), spec(y)]))
        n = torch.randn(4, 3, dtype=dt)
        cases.append(run("triplet_margin_loss", [spec(a, True), spec(b, True), spec(n, True)], {"margin": 2.0, "p": 1, "eps": 1e-3, "swap": True}))
        cases.append(run("triplet_margin_loss", [spec(a, True), spec(b, True), spec(n, True), 0.5], {"p": 3.0, "swap": True}))
        cases.append(run("triplet_margin_loss", [spec(a[0].clone(), True), spec(b[0].clone(), True), spec(n[0].clone(), True)]))
        mu = torch.randn(4, 3, dtype=dt)
        tg = torch.randn(4, 3, dtype=dt)
        var = torch.rand(4, 3, dtype=dt) + 0.1
        var.view(-1)[2] = 1e-9  # clamped to eps for the value; the gradient passes the clamp
        for red in ["mean", "sum", "none"]:
            cases.append(run("gaussian_nll_loss", [spec(mu, True), spec(tg, True), spec(var, True)], {"reduction": red}))
        cases.append(run("gaussian_nll_loss", [spec(mu, True), spec(tg, True), spec(torch.rand(4, dtype=dt) + 0.1, True)], {"full": True}))
        cases.append(run("gaussian_nll_loss", [spec(mu, True), spec(tg, True), spec(torch.rand(4, 1, dtype=dt) + 0.1, True), True], {"eps": 0.05}))
        rate = torch.randn(3, 4, dtype=dt)
        counts = torch.tensor([[0, 1, 2, 5], [3, 0, 7, 1], [2, 2, 0, 4]], dtype=dt)
        for red in ["mean", "sum", "none"]:
            cases.append(run("poisson_nll_loss", [spec(rate, True), spec(counts, True)], {"reduction": red}))
            cases.append(run("poisson_nll_loss", [spec(rate.exp(), True), spec(counts + 0.5, True)], {"log_input": False, "full": True, "reduction": red}))
        cases.append(run("poisson_nll_loss", [spec(rate.exp(), True), spec(counts), False, True], {"eps": 0.1}))


def error_cases(cases):
    x = torch.randn(2, 3)
    t = torch.tensor([0, 2])
    cases.append(err("cross_entropy", [spec(torch.randn(2, 3, 4)), spec(torch.randint(0, 3, (2, 3)))]))
    cases.append(err("cross_entropy", [spec(x), spec(torch.tensor([0, 5]))]))
    cases.append(err("nll_loss", [spec(x), spec(torch.tensor([0, 5]))]))
    cases.append(err("nll_loss", [spec(x), spec(torch.tensor([-1, 1]))]))
    cases.append(err("nll_loss", [spec(torch.randn(2, 3, 2, 2)), spec(torch.tensor([[[0, 3], [1, 1]], [[0, 0], [1, 2]]]))]))
    cases.append(err("cross_entropy", [spec(x), spec(torch.tensor([0, 1, 2]))]))
    cases.append(err("cross_entropy", [spec(x), spec(torch.tensor([0.0, 1.0]))]))
    cases.append(err("nll_loss", [spec(x), spec(torch.tensor([0, 1], dtype=torch.int32))]))
    cases.append(err("cross_entropy", [spec(x), spec(torch.zeros(2, 3, dtype=torch.int64))]))
    cases.append(err("cross_entropy", [spec(x), spec(t)], {"label_smoothing": 1.5}))
    cases.append(err("cross_entropy", [spec(x), spec(torch.rand(2, 3))], {"label_smoothing": 1.5}))
    cases.append(err("cross_entropy", [spec(x), spec(torch.rand(2, 3))], {"ignore_index": 1}))
    cases.append(err("cross_entropy", [spec(x), spec(t)], {"weight": torch.rand(2)}))
    cases.append(err("cross_entropy", [spec(x), spec(torch.rand(2, 3))], {"weight": torch.rand(2)}))
    cases.append(err("nll_loss", [spec(x), spec(torch.tensor([[0], [1]]))]))
    cases.append(err("nll_loss", [spec(torch.tensor(1.0)), spec(torch.tensor(0))]))
    cases.append(err("nll_loss", [spec(torch.randn(2, 3, 2, 2)), spec(torch.zeros(2, 2, dtype=torch.int64))]))
    cases.append(err("nll_loss", [spec(torch.randn(2, 3, 2, 2)), spec(torch.zeros(2, 2, 3, dtype=torch.int64))]))
    cases.append(err("cross_entropy", [spec(x), spec(t)], {"reduction": "max"}))
    cases.append(err("binary_cross_entropy", [spec(torch.tensor([0.5, 1.5])), spec(torch.tensor([1.0, 0.0]))]))
    # 2.x checks the target's range too (1.13 does not): the message is 2.x's
    cases.append(err("binary_cross_entropy", [spec(torch.tensor([0.5, 0.5])), spec(torch.tensor([2.0, 0.0]))],
                     expected={"type": "RuntimeError", "message": "all elements of target should be between 0 and 1"}))
    cases.append(err("binary_cross_entropy", [spec(torch.rand(3)), spec(torch.rand(3, 1))]))
    cases.append(err("binary_cross_entropy", [spec(torch.rand(3, 2)), spec(torch.rand(3, 2))], {"weight": torch.rand(3)}))
    c = err("binary_cross_entropy", [spec(torch.rand(3)), spec(torch.rand(3))], {"weight": torch.rand(3, requires_grad=True)})
    c["kwargs"]["weight"] = {"tensor": c["kwargs"]["weight"], "t": False, "rg": True}
    cases.append(c)
    cases.append(err("binary_cross_entropy_with_logits", [spec(torch.rand(3)), spec(torch.rand(3, 1))]))
    cases.append(err("kl_div", [spec(x), spec(x)], {"reduction": "batch"}))
    cases.append(err("cosine_embedding_loss", [spec(x), spec(x), spec(torch.ones(2, 1))]))
    cases.append(err("cosine_embedding_loss", [spec(torch.randn(3)), spec(torch.randn(3)), spec(torch.ones(2))]))
    cases.append(err("cosine_embedding_loss", [spec(x), spec(x), spec(torch.tensor(1.0))]))
    cases.append(err("margin_ranking_loss", [spec(torch.randn(3)), spec(torch.randn(3)), spec(torch.ones(3, 1))]))
    # 2.x words this check differently from 1.13 ("All inputs should have same dimension ...")
    cases.append(err("triplet_margin_loss", [spec(x), spec(x), spec(torch.randn(3))], expected={
        "type": "RuntimeError",
        "message": "The anchor, positive, and negative tensors are expected to have the same number of dimensions, "
                   "but got: anchor 2D, positive 2D, and negative 1D inputs"}))
    cases.append(err("gaussian_nll_loss", [spec(x), spec(x), spec(torch.rand(3))]))
    cases.append(err("gaussian_nll_loss", [spec(x), spec(x), spec(-torch.rand(2, 3))]))
    cases.append(err("gaussian_nll_loss", [spec(x), spec(x), spec(torch.rand(2, 3))], {"reduction": "avg"}))
    cases.append(err("poisson_nll_loss", [spec(x), spec(x)], {"reduction": "avg"}))


def module_cases(cases):
    """repr and state_dict keys of each loss module (weights are buffers; None ones are absent)."""
    w = torch.rand(3)
    mods = {
        "MSELoss": torch.nn.MSELoss(),
        "CrossEntropyLoss": torch.nn.CrossEntropyLoss(w, label_smoothing=0.1),
        "NLLLoss": torch.nn.NLLLoss(),
        "BCEWithLogitsLoss": torch.nn.BCEWithLogitsLoss(pos_weight=w),
        "TripletMarginLoss": torch.nn.TripletMarginLoss(),
        "KLDivLoss": torch.nn.KLDivLoss(reduction="batchmean"),
    }
    for name, m in mods.items():
        cases.append({"fn": "module", "module": name, "repr": repr(m), "keys": list(m.state_dict().keys()),
                      "reduction": m.reduction})


def main():
    cases = []
    pointwise_cases(cases)
    classification_cases(cases)
    other_cases(cases)
    error_cases(cases)
    module_cases(cases)
    write("loss", cases)


if __name__ == "__main__":
    main()
