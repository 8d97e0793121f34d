"""Optimizers RMSprop, Adagrad, Adadelta, ASGD, Rprop and LBFGS: parameter trajectories over many
steps, the state (names, dtypes, values) at a resume point, defaults, and constructor errors.

The problem for the first five: float32 parameters W [3, 2] and b [2] (recorded), fixed data
X [4, 3], Y [4, 2] (recorded) and the smooth loss
    loss = ((X @ W + b - Y) ** 2).mean() + 0.1 * (W ** 4).mean()
(negated in the `maximize` cases, so they still descend). Each case records W and b after every
step and the gradients PyTorch computed before it, so a test can also drive the update rule
alone with PyTorch's gradients and expect every bit. The test runs the same steps, and also resumes from a state_dict taken after `resume_at`
steps in a new optimizer, which must continue on the same trajectory.

LBFGS minimises an extended Rosenbrock function of x = cat(p1, p2) (p1 [3], p2 [2]) in float64
(PyTorch's own LBFGS tests use float64: the line search mixes Python floats with 0-dim tensors,
so in float32 its scalar arithmetic is partly float32), with several step(closure) calls.

PyTorch 2.x differences applied here (this runs on 1.13):
- The update rules are 2.x's `_single_tensor_*` functions (the CPU default, foreach=False),
  ported below in PyTorch ops. They equal 1.13's except centered RMSprop, whose gradient average
  is `grad_avg.lerp_(grad, 1 - alpha)` in 2.x (1.13: `mul_(alpha).add_(grad, alpha=1 - alpha)`);
  every other case is cross-checked against 1.13's torch.optim class step by step.
- `state["step"]` is a float32 0-dim tensor in 2.x for all five (1.13: a Python int for
  RMSprop, Adadelta and Rprop).
- param_groups carry 2.x's extra flags (foreach, differentiable, capturable, fused).
- LBFGS checks lr in 2.x ("Invalid learning rate: -1"); 1.13 does not, so that message is
  written out from 2.x.
"""
import copy

import torch

from common import enc, error_of, write

F32 = torch.float32
STEPS = 15
RESUME_AT = 6


# ---------------------------------------------------------------- the 2.x update rules


def rmsprop_2x(p, grad, state, g):
    lr, alpha, eps, wd, momentum = g["lr"], g["alpha"], g["eps"], g["weight_decay"], g["momentum"]
    if len(state) == 0:
        state["step"] = torch.zeros((), dtype=F32)
        state["square_avg"] = torch.zeros_like(p)
        if momentum > 0:
            state["momentum_buffer"] = torch.zeros_like(p)
        if g["centered"]:
            state["grad_avg"] = torch.zeros_like(p)
    grad = grad if not g["maximize"] else -grad
    square_avg = state["square_avg"]
    state["step"] += 1
    if wd != 0:
        grad = grad.add(p, alpha=wd)
    square_avg.mul_(alpha).addcmul_(grad, grad, value=1 - alpha)
    if g["centered"]:
        grad_avg = state["grad_avg"]
        grad_avg.lerp_(grad, 1 - alpha)
        avg = square_avg.addcmul(grad_avg, grad_avg, value=-1).sqrt_()
    else:
        avg = square_avg.sqrt()
    avg = avg.add_(eps)
    if momentum > 0:
        buf = state["momentum_buffer"]
        buf.mul_(momentum).addcdiv_(grad, avg)
        p.add_(buf, alpha=-lr)
    else:
        p.addcdiv_(grad, avg, value=-lr)


def adagrad_init_2x(p, state, g):
    # 2.x (and 1.13) create Adagrad's state in the constructor
    state["step"] = torch.tensor(0.0, dtype=F32)
    state["sum"] = torch.full_like(p, g["initial_accumulator_value"])


def adagrad_2x(p, grad, state, g):
    state["step"] += 1
    step = state["step"].item()
    grad = grad if not g["maximize"] else -grad
    if g["weight_decay"] != 0:
        grad = grad.add(p, alpha=g["weight_decay"])
    clr = g["lr"] / (1 + (step - 1) * g["lr_decay"])
    state["sum"].addcmul_(grad, grad, value=1)
    std = state["sum"].sqrt().add_(g["eps"])
    p.addcdiv_(grad, std, value=-clr)


def adadelta_2x(p, grad, state, g):
    lr, rho, eps = g["lr"], g["rho"], g["eps"]
    if len(state) == 0:
        state["step"] = torch.zeros((), dtype=F32)
        state["square_avg"] = torch.zeros_like(p)
        state["acc_delta"] = torch.zeros_like(p)
    square_avg, acc_delta = state["square_avg"], state["acc_delta"]
    state["step"] += 1
    grad = grad if not g["maximize"] else -grad
    if g["weight_decay"] != 0:
        grad = grad.add(p, alpha=g["weight_decay"])
    square_avg.mul_(rho).addcmul_(grad, grad, value=1 - rho)
    std = square_avg.add(eps).sqrt_()
    delta = acc_delta.add(eps).sqrt_()
    delta.div_(std).mul_(grad)
    acc_delta.mul_(rho).addcmul_(delta, delta, value=1 - rho)
    p.add_(delta, alpha=-lr)


def asgd_2x(p, grad, state, g):
    lr, lambd, alpha, t0 = g["lr"], g["lambd"], g["alpha"], g["t0"]
    if len(state) == 0:
        state["step"] = torch.zeros((), dtype=F32)
        state["eta"] = torch.tensor(lr, dtype=F32)
        state["mu"] = torch.ones((), dtype=F32)
        state["ax"] = torch.zeros_like(p)
    grad = grad if not g["maximize"] else -grad
    mu, ax, eta, step_t = state["mu"], state["ax"], state["eta"], state["step"]
    step_t += 1
    step = step_t.item()
    if g["weight_decay"] != 0:
        grad = grad.add(p, alpha=g["weight_decay"])
    eta_value = eta.item()
    p.mul_(1 - lambd * eta_value)
    p.add_(grad, alpha=-eta_value)
    if mu.item() != 1:
        ax.add_(p.sub(ax).mul(mu))
    else:
        ax.copy_(p)
    eta.copy_(torch.tensor(lr / ((1 + lambd * lr * step) ** alpha)))
    mu.copy_(torch.tensor(1 / max(1, step - t0)))


def rprop_2x(p, grad, state, g):
    etaminus, etaplus = g["etas"]
    step_size_min, step_size_max = g["step_sizes"]
    if len(state) == 0:
        state["step"] = torch.zeros((), dtype=F32)
        state["prev"] = torch.zeros_like(p)
        state["step_size"] = torch.full_like(grad, g["lr"])
    grad = grad if not g["maximize"] else -grad
    prev, step_size = state["prev"], state["step_size"]
    state["step"] += 1
    sign = grad.mul(prev).sign()
    sign[sign.gt(0)] = etaplus
    sign[sign.lt(0)] = etaminus
    sign[sign.eq(0)] = 1
    step_size.mul_(sign).clamp_(step_size_min, step_size_max)
    grad = grad.clone()
    grad[sign.eq(etaminus)] = 0
    p.addcmul_(grad.sign(), step_size, value=-1)
    prev.copy_(grad)


FLAGS = {"foreach": None, "maximize": False, "differentiable": False}
OPTIMIZERS = {
    "RMSprop": (
        torch.optim.RMSprop,
        rmsprop_2x,
        None,
        dict(lr=1e-2, alpha=0.99, eps=1e-8, weight_decay=0, momentum=0, centered=False, capturable=False, **FLAGS),
    ),
    "Adagrad": (
        torch.optim.Adagrad,
        adagrad_2x,
        adagrad_init_2x,
        dict(lr=1e-2, lr_decay=0, weight_decay=0, initial_accumulator_value=0, eps=1e-10, **FLAGS, fused=None),
    ),
    "Adadelta": (
        torch.optim.Adadelta,
        adadelta_2x,
        None,
        dict(lr=1.0, rho=0.9, eps=1e-6, weight_decay=0, **FLAGS, capturable=False),
    ),
    "ASGD": (
        torch.optim.ASGD,
        asgd_2x,
        None,
        dict(lr=1e-2, lambd=1e-4, alpha=0.75, t0=1e6, weight_decay=0, **FLAGS, capturable=False),
    ),
    "Rprop": (
        torch.optim.Rprop,
        rprop_2x,
        None,
        dict(lr=1e-2, etas=(0.5, 1.2), step_sizes=(1e-6, 50), capturable=False, **FLAGS),
    ),
}
# options 1.13's classes do not know
ONLY_2X = {"capturable", "fused"}


def problem():
    g = torch.Generator().manual_seed(7)
    X = torch.randn(4, 3, generator=g)
    Y = torch.randn(4, 2, generator=g)
    W = torch.randn(3, 2, generator=g) * 0.5
    b = torch.randn(2, generator=g) * 0.5
    return X, Y, W, b


def loss_fn(X, Y, W, b, sign):
    loss = ((X.matmul(W) + b - Y) ** 2).mean() + 0.1 * (W**4).mean()
    return loss if sign > 0 else -loss


def run_ported(name, options):
    """Trajectory of the 2.x rule, plus the state (2.x format) after RESUME_AT steps."""
    _, rule, init, defaults = OPTIMIZERS[name]
    group = {**defaults, **options}
    X, Y, W0, b0 = problem()
    params = [W0.clone().requires_grad_(True), b0.clone().requires_grad_(True)]
    states = [{} for _ in params]
    if init:
        for p, s in zip(params, states):
            init(p, s, group)
    sign = -1 if group["maximize"] else 1
    traj, losses, grads, resume_state = [], [], [], None
    for i in range(STEPS):
        for p in params:
            p.grad = None
        loss = loss_fn(X, Y, *params, sign)
        loss.backward()
        losses.append(loss.item())
        grads.append([p.grad.clone() for p in params])
        with torch.no_grad():
            for p, s in zip(params, states):
                rule(p, p.grad, s, group)
        traj.append([p.detach().clone() for p in params])
        if i + 1 == RESUME_AT:
            resume_state = copy.deepcopy(states)
    return traj, losses, grads, resume_state, group


def run_torch(name, options):
    """1.13's class on the same problem (the cross-check)."""
    cls = OPTIMIZERS[name][0]
    X, Y, W0, b0 = problem()
    params = [W0.clone().requires_grad_(True), b0.clone().requires_grad_(True)]
    opt = cls(params, **{k: v for k, v in options.items() if k not in ONLY_2X})
    sign = -1 if options.get("maximize") else 1
    traj = []
    for _ in range(STEPS):
        opt.zero_grad()
        loss_fn(X, Y, *params, sign).backward()
        opt.step()
        traj.append([p.detach().clone() for p in params])
    return traj


CASES = {
    "RMSprop": [
        {},
        {"momentum": 0.9, "centered": True, "weight_decay": 0.1},
        {"alpha": 0.9, "eps": 1e-6, "lr": 0.03, "maximize": True},
        {"momentum": 0.5, "lr": 0.02},
        {"centered": True},
    ],
    "Adagrad": [
        {},
        {"lr_decay": 0.01, "initial_accumulator_value": 0.1, "weight_decay": 0.05, "eps": 1e-8, "lr": 0.1},
        {"lr": 0.05, "maximize": True},
    ],
    "Adadelta": [
        {},
        {"rho": 0.8, "eps": 1e-5, "weight_decay": 0.1},
        {"lr": 0.5, "maximize": True},
    ],
    "ASGD": [
        {},
        {"lambd": 1e-3, "alpha": 0.5, "t0": 5, "weight_decay": 0.1, "lr": 0.05},
        {"t0": 3, "lr": 0.1, "maximize": True},
    ],
    "Rprop": [
        {},
        {"etas": (0.3, 1.5), "step_sizes": (1e-3, 0.05), "lr": 0.05},
        {"lr": 0.02, "maximize": True},
    ],
}


def trajectory_cases():
    out = []
    for name, option_sets in CASES.items():
        for options in option_sets:
            traj, losses, grads, resume_state, group = run_ported(name, options)
            if not (name == "RMSprop" and options.get("centered")):
                ref = run_torch(name, options)
                for a, b in zip(traj, ref):
                    for x, y in zip(a, b):
                        assert torch.equal(x, y), (name, options)
            out.append(
                {
                    "optimizer": name,
                    "options": {k: list(v) if isinstance(v, tuple) else v for k, v in options.items()},
                    "param_group": {k: list(v) if isinstance(v, tuple) else v for k, v in group.items()},
                    "steps": traj,
                    "losses": losses,
                    "grads": grads,
                    "resume_at": RESUME_AT,
                    "resume_state": resume_state,
                }
            )
    return out


# ---------------------------------------------------------------- LBFGS


def rosenbrock(p1, p2):
    x = torch.cat([p1, p2])
    return (100 * (x[1:] - x[:-1] ** 2) ** 2 + (1 - x[:-1]) ** 2).sum()


LBFGS_START = ([-1.2, 1.0, -1.2], [1.0, -0.5])
LBFGS_CASES = [
    ({"line_search_fn": "strong_wolfe"}, torch.float64, 5),
    ({"line_search_fn": "strong_wolfe", "history_size": 3, "max_iter": 8}, torch.float64, 6),
    ({"line_search_fn": "strong_wolfe", "lr": 0.5, "max_iter": 4, "max_eval": 6}, torch.float64, 6),
    ({"lr": 0.02, "max_iter": 10, "history_size": 5}, torch.float64, 5),
    ({"lr": 0.05, "max_iter": 6, "tolerance_change": 1e-4}, torch.float64, 5),
    ({"lr": 0.02, "max_iter": 10, "history_size": 5}, torch.float32, 4),
]
LBFGS_RESUME_AT = 2


def lbfgs_case(options, dtype, nsteps):
    p1 = torch.tensor(LBFGS_START[0], dtype=dtype, requires_grad=True)
    p2 = torch.tensor(LBFGS_START[1], dtype=dtype, requires_grad=True)
    opt = torch.optim.LBFGS([p1, p2], **options)
    calls = [0]

    def closure():
        calls[0] += 1
        opt.zero_grad()
        loss = rosenbrock(p1, p2)
        loss.backward()
        return loss

    steps, returned, state_after, resume_state = [], [], [], None
    for i in range(nsteps):
        returned.append(opt.step(closure).item())
        steps.append([p1.detach().clone(), p2.detach().clone()])
        st = opt.state[p1]
        state_after.append({"func_evals": st["func_evals"], "n_iter": st["n_iter"], "closure_calls": calls[0]})
        if i + 1 == LBFGS_RESUME_AT:
            resume_state = copy.deepcopy(opt.state_dict()["state"][0])
    group = {k: v for k, v in opt.param_groups[0].items() if k != "params"}
    return {
        "options": options,
        "dtype": "float64" if dtype == torch.float64 else "float32",
        "start": [torch.tensor(s, dtype=dtype) for s in LBFGS_START],
        "steps": steps,
        "returned": returned,
        "state_after": state_after,
        "resume_at": LBFGS_RESUME_AT,
        "resume_state": {k: v for k, v in resume_state.items() if k != "al"},
        "param_group": group,
    }


def cubic_cases():
    """torch.optim.lbfgs._cubic_interpolate with float64 0-dim slopes, as LBFGS calls it."""
    from torch.optim.lbfgs import _cubic_interpolate

    out = []
    for args, bounds in [
        ((0.0, 1.0, -2.0, 3.0, 4.0, 4.0), None),
        ((0.0, 1.0, -2.0, 3.0, 4.0, 4.0), (0.5, 0.8)),
        ((2.0, 0.3, 0.5, 0.5, 0.7, -1.5), None),
        ((0.0, 5.0, -10.0, 1.0, 2.0, -1.0), (1.01, 10.0)),
        ((0.0, 1.0, 1.0, 1.0, 0.0, 1.0), None),
        ((1.0, 3.0, -0.25, 0.2, 3.5, -3.0), None),
    ]:
        x1, f1, g1, x2, f2, g2 = args
        g1, g2 = torch.tensor(g1, dtype=torch.float64), torch.tensor(g2, dtype=torch.float64)
        res = float(_cubic_interpolate(x1, f1, g1, x2, f2, g2, bounds=bounds))
        out.append({"args": list(args), "bounds": list(bounds) if bounds else None, "out": res})
    return out


# ---------------------------------------------------------------- errors


def errors():
    p = [torch.zeros(2, requires_grad=True)]
    out = []

    def case(name, options, fn):
        e = error_of(fn)
        out.append({"optimizer": name, "options": options, **e})

    for name, options in [
        ("RMSprop", {"lr": -1}),
        ("RMSprop", {"eps": -1e-8}),
        ("RMSprop", {"momentum": -0.5}),
        ("RMSprop", {"weight_decay": -0.1}),
        ("RMSprop", {"alpha": -0.5}),
        ("Adagrad", {"lr": -0.5}),
        ("Adagrad", {"lr_decay": -1}),
        ("Adagrad", {"weight_decay": -1}),
        ("Adagrad", {"initial_accumulator_value": -1}),
        ("Adagrad", {"eps": -1}),
        ("Adadelta", {"lr": -1}),
        ("Adadelta", {"rho": 1.5}),
        ("Adadelta", {"eps": -1}),
        ("Adadelta", {"weight_decay": -1}),
        ("ASGD", {"lr": -1}),
        ("ASGD", {"weight_decay": -1}),
        ("Rprop", {"lr": -1}),
        ("Rprop", {"etas": (1.5, 1.2)}),
        ("Rprop", {"etas": (0.5, 0.9)}),
    ]:
        cls = getattr(torch.optim, name)
        case(name, {k: list(v) if isinstance(v, tuple) else v for k, v in options.items()}, lambda: cls(p, **options))
    # 2.x checks LBFGS's lr; 1.13 does not
    out.append({"optimizer": "LBFGS", "options": {"lr": -1}, "type": "ValueError", "message": "Invalid learning rate: -1"})
    case(
        "LBFGS",
        {"groups": 2},
        lambda: torch.optim.LBFGS([{"params": [torch.zeros(1, requires_grad=True)]}, {"params": p}]),
    )
    q = torch.zeros(2, requires_grad=True)

    def no_closure():
        torch.optim.LBFGS([q]).step()

    case("LBFGS", {"step": "no closure"}, no_closure)

    def bad_search():
        opt = torch.optim.LBFGS([q], line_search_fn="backtracking")

        def closure():
            opt.zero_grad()
            loss = ((q - 1) ** 2).sum()
            loss.backward()
            return loss

        opt.step(closure)

    case("LBFGS", {"line_search_fn": "backtracking"}, bad_search)
    return out


def defaults():
    p = [torch.zeros(2, requires_grad=True)]
    out = {}
    for name, (cls, _, _, d) in OPTIMIZERS.items():
        # 2.x's defaults; those 1.13 also has must agree
        group = {k: v for k, v in cls(p).param_groups[0].items() if k != "params"}
        assert all(group[k] == v for k, v in d.items() if k in group), (name, group)
        out[name] = {k: list(v) if isinstance(v, tuple) else v for k, v in d.items()}
    out["LBFGS"] = {k: v for k, v in torch.optim.LBFGS(p).param_groups[0].items() if k != "params"}
    return out


def main():
    X, Y, W, b = problem()
    write(
        "optim_b",
        {
            "problem": {"X": X, "Y": Y, "W": W, "b": b},
            "trajectories": trajectory_cases(),
            "lbfgs": [lbfgs_case(*c) for c in LBFGS_CASES],
            "cubic_interpolate": cubic_cases(),
            "errors": errors(),
            "defaults": defaults(),
        },
    )


if __name__ == "__main__":
    main()
