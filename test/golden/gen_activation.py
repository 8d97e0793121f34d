"""Activations of torch.nn: the functional forms (values on special inputs in float32 and
float64, gradients through a transposed view with a fixed grad_output, grad_fn names, in-place
forms), integer inputs where PyTorch accepts them, dtype and argument errors, and the modules
(reprs, forwards, PReLU's parameter and its gradient).

Each entry of OPS is (case key, F function name, positional args, kwargs, inplace?). The tests
call F[name](x, ...args, kwargs) with the same arguments, so every call is recorded once here.

PyTorch 2.x differences applied here (1.13 is the oracle for the numbers):
- prelu: 2.x reshapes the weight to broadcast and calls _prelu_kernel, so the node is
  PreluKernelBackward0 (1.13: PreluBackward0); the values and gradients are the same.
- softshrink of NaN is NaN in 2.x (its kernel returns `a * 0` inside [-lambd, lambd]; 1.13: 0).
- nn.Softplus declares beta=1.0 and threshold=20.0 as floats in 2.x, so its default repr is
  `Softplus(beta=1.0, threshold=20.0)` (1.13: `Softplus(beta=1, threshold=20)`).
"""
import math

import torch
import torch.nn as nn
import torch.nn.functional as F

from common import error_of, write

nan, inf = math.nan, math.inf

# zeros of both signs, both sides of every kink (0, +-0.5, +-1, +-3, 6), softplus' threshold
# (20) on both sides, sigmoid saturation and exp overflow (+-100, +-1e4), and non-finite values
VALUES = [0.0, -0.0, 1e-8, -1e-8, 0.1, 0.25, -0.25, 0.5, -0.5, 0.75, 1.0, -1.0, 1.5, -2.5,
          3.0, -3.0, 3.5, -3.5, 6.0, 7.5, 19.9, 20.5, -20.5, 30.0, -30.0, 88.0, -88.0, 100.0,
          -100.0, 1e4, -1e4, nan, inf, -inf]
# inputs for gradients, away from every kink; laid out [4, 2] and used transposed ([2, 4])
GRAD_X = [[-2.7, 0.2], [-1.3, 0.7], [-0.6, 1.6], [-0.15, 2.9]]
GRAD_OUT = [[1.0, -0.5, 2.0, 0.25], [1.5, -1.0, 0.75, -2.0]]

OPS = [
    ("relu", "relu", [], {}, True),
    ("relu6", "relu6", [], {}, True),
    ("leaky_relu", "leaky_relu", [], {}, True),
    ("leaky_relu_0.2", "leaky_relu", [0.2], {}, True),
    ("elu", "elu", [], {}, True),
    ("elu_alpha", "elu", [], {"alpha": 0.7}, True),
    ("selu", "selu", [], {}, True),
    ("celu", "celu", [], {}, True),
    ("celu_alpha", "celu", [2.5], {}, True),
    ("gelu", "gelu", [], {}, False),
    ("gelu_tanh", "gelu", [], {"approximate": "tanh"}, False),
    ("silu", "silu", [], {}, True),
    ("mish", "mish", [], {}, True),
    ("sigmoid", "sigmoid", [], {}, False),
    ("tanh", "tanh", [], {}, False),
    ("hardtanh", "hardtanh", [], {}, True),
    ("hardtanh_range", "hardtanh", [-2.5, 1.5], {}, True),
    ("hardsigmoid", "hardsigmoid", [], {}, True),
    ("hardswish", "hardswish", [], {}, True),
    ("softplus", "softplus", [], {}, False),
    ("softplus_beta", "softplus", [2], {"threshold": 5}, False),
    ("softplus_beta_frac", "softplus", [0.5, 4], {}, False),
    ("softsign", "softsign", [], {}, False),
    ("threshold", "threshold", [0.1, 20], {}, True),
    ("threshold_neg", "threshold", [-1.2, -4.5], {}, True),
    ("logsigmoid", "logsigmoid", [], {}, False),
    ("tanhshrink", "tanhshrink", [], {}, False),
    ("softshrink", "softshrink", [], {}, False),
    ("softshrink_lambd", "softshrink", [1.1], {}, False),
    ("hardshrink", "hardshrink", [], {}, False),
    ("hardshrink_lambd", "hardshrink", [], {"lambd": 1.1}, False),
]


def call(fn, x, args, kwargs, inplace=False):
    kw = dict(kwargs)
    if inplace:
        kw["inplace"] = True
    return getattr(F, fn)(x, *args, **kw)


def values_case(fn, args, kwargs, dtype):
    x = torch.tensor(VALUES, dtype=dtype)
    y = call(fn, x, args, kwargs)
    if fn == "softshrink":
        # 2.x's kernel returns `a * 0` between the bounds, so NaN stays NaN (1.13 gave 0)
        y[x.isnan()] = nan
    return {"x": x, "y": y}


def grad_case(fn, args, kwargs, dtype, inplace=False):
    base = torch.tensor(GRAD_X, dtype=dtype, requires_grad=True)
    x = base.t()
    if inplace:
        # in place on a non-leaf: the op writes into x (a clone) and records its node there
        x = x.clone()
    y = call(fn, x, args, kwargs, inplace)
    if inplace:
        assert y is x
    go = torch.tensor(GRAD_OUT, dtype=dtype)
    (g,) = torch.autograd.grad(y, base, go)
    return {"base": base, "y": y, "node": y.grad_fn.name(), "grad": g}


def op_cases():
    out = {}
    for key, fn, args, kwargs, has_inplace in OPS:
        c = {"fn": fn, "args": args, "kwargs": kwargs, "inplace": has_inplace}
        for dt, name in [(torch.float32, "float32"), (torch.float64, "float64")]:
            c[f"values_{name}"] = values_case(fn, args, kwargs, dt)
            c[f"grad_{name}"] = grad_case(fn, args, kwargs, dt)
        c["grad_out"] = torch.tensor(GRAD_OUT)
        if has_inplace:
            c["inplace_grad"] = grad_case(fn, args, kwargs, torch.float32, inplace=True)
            x = torch.tensor(VALUES)
            y = call(fn, x, args, kwargs, inplace=True)
            assert y is x
            c["inplace_values"] = x
        out[key] = c
    return out


def int_cases():
    """Integer inputs where PyTorch computes in the integer type."""
    x = torch.tensor([-9, -3, -2, -1, 0, 1, 2, 3, 5, 7], dtype=torch.int64)
    xi = x.to(torch.int32)
    return {
        "x": x,
        "relu": F.relu(x),
        "relu6": F.relu6(x),
        "hardtanh": F.hardtanh(x),
        "hardtanh_frac": F.hardtanh(x, -2.5, 1.5),
        "threshold": F.threshold(x, 1, 20),
        "threshold_frac": F.threshold(x, 1.5, 2.5),
        "relu6_int32": F.relu6(xi),
        # softsign and tanhshrink compose floating ops: integer inputs promote to float
        "softsign": F.softsign(x),
        "tanhshrink": F.tanhshrink(x),
        "sigmoid": F.sigmoid(x),
    }


def error_cases():
    xi = torch.tensor([-2, 0, 3, 4])
    xb = torch.tensor([True, False])
    refused = {}
    for name in ["leaky_relu", "elu", "selu", "celu", "gelu", "silu", "mish", "hardsigmoid",
                 "hardswish", "softplus", "logsigmoid", "softshrink", "hardshrink", "glu"]:
        refused[name] = {"int64": error_of(lambda: getattr(F, name)(xi)),
                         "bool": error_of(lambda: getattr(F, name)(xb))}
    for name in ["relu", "relu6", "hardtanh", "softsign", "tanhshrink", "softmin"]:
        refused[name] = {"bool": error_of(lambda: getattr(F, name)(xb, 0) if name == "softmin" else getattr(F, name)(xb))}
    refused["threshold"] = {"bool": error_of(lambda: F.threshold(xb, 0, 1))}
    refused["softmin"]["int64"] = error_of(lambda: F.softmin(xi, 0))

    def neg_slope_backward(f):
        x = torch.tensor([-1.0, 2.0], requires_grad=True).clone()
        y = f(x)
        y.sum().backward()

    return {
        "refused": refused,
        "glu_odd": error_of(lambda: F.glu(torch.randn(2, 3), 1)),
        "glu_odd_last": error_of(lambda: F.glu(torch.randn(2, 5))),
        "glu_scalar": error_of(lambda: F.glu(torch.tensor(1.0))),
        "glu_int_odd": error_of(lambda: F.glu(torch.tensor([1, 2, 3]))),
        "softshrink_neg": error_of(lambda: F.softshrink(torch.randn(3), -1)),
        "softshrink_neg_frac": error_of(lambda: F.softshrink(torch.randn(3), -0.25)),
        "celu_zero": error_of(lambda: F.celu(torch.randn(3), 0.0)),
        "gelu_approx": error_of(lambda: F.gelu(torch.randn(3), approximate="foo")),
        "leaky_relu_inplace_neg_backward": error_of(lambda: neg_slope_backward(lambda x: F.leaky_relu(x, -0.1, inplace=True))),
        "elu_inplace_neg_backward": error_of(lambda: neg_slope_backward(lambda x: F.elu(x, -0.1, inplace=True))),
        "relu_inplace_leaf": error_of(lambda: F.relu(torch.tensor([-1.0, 2.0], requires_grad=True), inplace=True)),
        "softmax_dim": error_of(lambda: F.softmax(torch.randn(3), 1)),
        "prelu_mismatch": error_of(lambda: F.prelu(torch.randn(2, 3), torch.tensor([0.1, 0.2]))),
        "prelu_zero_dim": error_of(lambda: F.prelu(torch.tensor(2.0), torch.tensor([0.1, 0.2]))),
        "prelu_weight_2d": error_of(lambda: F.prelu(torch.randn(2, 3), torch.ones(3, 1))),
        "prelu_1d_many": error_of(lambda: F.prelu(torch.randn(3), torch.ones(3))),
        "softmax2d_dim": error_of(lambda: nn.Softmax2d()(torch.randn(3))),
        # 2.x's message (1.13 refused the mixed dtypes with a different text)
        "prelu_dtype": {"type": "RuntimeError", "message": "prelu: Type promoting not supported. Got Float and Double"},
    }


def glu_cases():
    out = {}
    for key, shape, dim in [("last", [2, 6], -1), ("dim0", [4, 3], 0), ("dim1_3d", [2, 4, 3], 1)]:
        n = math.prod(shape)
        base = torch.linspace(-3, 2.5, n, dtype=torch.float64).reshape(shape).requires_grad_()
        y = F.glu(base, dim)
        go = torch.linspace(-1, 1.5, y.numel(), dtype=torch.float64).reshape(y.shape)
        (g,) = torch.autograd.grad(y, base, go)
        out[key] = {"x": base, "dim": dim, "y": y, "node": y.grad_fn.name(), "grad_out": go, "grad": g}
    x32 = torch.tensor([[0.5, -1.0, 3.0, -100.0], [nan, 2.0, 100.0, inf]])
    out["float32"] = {"x": x32, "y": F.glu(x32)}
    return out


def prelu_cases():
    out = {}
    specs = [
        ("channels_2d", [3, 4], [0.1, 0.25, -0.5, 2.0]),
        ("channels_4d", [2, 3, 2, 2], [0.1, -0.3, 0.6]),
        ("one_weight_3d", [2, 3, 2], [0.25]),
        ("one_weight_1d", [5], [0.2]),
        ("scalar_weight", [2, 3], None),
    ]
    for key, shape, w in specs:
        n = math.prod(shape)
        x = torch.linspace(-2.2, 1.9, n, dtype=torch.float64).reshape(shape).requires_grad_()
        weight = (torch.tensor(0.3, dtype=torch.float64) if w is None
                  else torch.tensor(w, dtype=torch.float64)).requires_grad_()
        y = F.prelu(x, weight)
        go = torch.linspace(-1, 2, n, dtype=torch.float64).reshape(shape)
        gx, gw = torch.autograd.grad(y, [x, weight], go)
        out[key] = {"x": x, "weight": weight, "y": y, "node": "PreluKernelBackward0",  # 2.x name
                    "grad_out": go, "grad_x": gx, "grad_w": gw}
    return out


def softmax_cases():
    x = torch.tensor([[[0.5, -1.0, 2.0], [3.0, 0.0, -2.0]], [[1.0, 1.0, 1.0], [-50.0, 50.0, 0.25]]],
                     dtype=torch.float64, requires_grad=True)
    go = torch.linspace(-1, 1.5, 12, dtype=torch.float64).reshape(2, 2, 3)
    out = {"x": x, "grad_out": go}
    for fn in ["softmax", "log_softmax", "softmin"]:
        for dim in [0, 1, -1]:
            y = getattr(F, fn)(x, dim)
            (g,) = torch.autograd.grad(y, x, go)
            out[f"{fn}_{dim}"] = {"fn": fn, "dim": dim, "y": y, "node": y.grad_fn.name(), "grad": g}
        # the legacy implicit dim (None): 0 for 0-, 1- and 3-d inputs, else 1
        out[f"{fn}_implicit_3d"] = getattr(F, fn)(x, None)
        out[f"{fn}_implicit_2d"] = getattr(F, fn)(x[0], None)
        x32 = x.detach().float()
        y = getattr(F, fn)(x32, 2, dtype=torch.float64)
        out[f"{fn}_dtype"] = {"x": x32, "y": y}
    return out


# module constructor calls: (class, args, kwargs). JS cannot tell 2 from 2.0, so integral
# values here are Python ints (the convention: integer JS numbers are Python ints).
MODULES = [
    ("ReLU", [], {}), ("ReLU", [True], {}), ("ReLU6", [], {}), ("ReLU6", [], {"inplace": True}),
    ("LeakyReLU", [], {}), ("LeakyReLU", [0.2, True], {}), ("LeakyReLU", [], {"negative_slope": 1}),
    ("PReLU", [], {}), ("PReLU", [2, 0.1], {}), ("ELU", [], {}), ("ELU", [2, True], {}),
    ("ELU", [], {"alpha": 0.5}), ("SELU", [], {}), ("SELU", [True], {}), ("CELU", [], {}),
    ("CELU", [2, True], {}), ("GELU", [], {}), ("GELU", ["tanh"], {}), ("GELU", [], {"approximate": "tanh"}),
    ("SiLU", [], {}), ("SiLU", [True], {}), ("Mish", [], {}), ("Mish", [True], {}), ("Sigmoid", [], {}),
    ("Tanh", [], {}), ("Hardtanh", [], {}), ("Hardtanh", [-2, 2], {}), ("Hardtanh", [-0.5, 1.5, True], {}),
    ("Hardsigmoid", [], {}), ("Hardsigmoid", [True], {}), ("Hardswish", [True], {}), ("Softplus", [], {}),
    ("Softplus", [2, 10], {}), ("Softplus", [], {"beta": 0.5}), ("Softsign", [], {}), ("Softmax", [], {}),
    ("Softmax", [1], {}), ("Softmax", [], {"dim": -1}), ("LogSoftmax", [1], {}), ("Softmin", [0], {}),
    ("Softmax2d", [], {}), ("Threshold", [0.1, 20], {}), ("Threshold", [0.1, 20.5, True], {}),
    ("GLU", [], {}), ("GLU", [1], {}), ("LogSigmoid", [], {}), ("Tanhshrink", [], {}), ("Softshrink", [], {}),
    ("Softshrink", [1], {}), ("Hardshrink", [], {}), ("Hardshrink", [1e-5], {}), ("LeakyReLU", [2.5e-7], {}),
]
# PyTorch 2.x's Softplus prints float defaults (see the module docstring)
REPR_2X = {"Softplus(beta=1, threshold=20)": "Softplus(beta=1.0, threshold=20.0)",
           "Softplus(beta=0.5, threshold=20)": "Softplus(beta=0.5, threshold=20.0)"}


def module_cases():
    x = torch.tensor([[[[-2.5, -0.7], [0.3, 1.2]], [[4.0, -4.0], [0.05, -0.05]]]])  # (1, 2, 2, 2)
    out = []
    for cls, args, kwargs in MODULES:
        m = getattr(nn, cls)(*args, **kwargs)
        r = repr(m)
        y = m(x.clone())
        out.append({"cls": cls, "args": args, "kwargs": kwargs, "repr": REPR_2X.get(r, r), "y": y})
    return {"modules": out, "x": x}


def prelu_module_case():
    torch.manual_seed(0)
    m = nn.PReLU(3, 0.1)
    x = torch.tensor([[-1.0, 2.0, -3.0], [0.5, -0.25, 4.0]])
    y = m(x)
    y.backward(torch.tensor([[1.0, -2.0, 0.5], [3.0, 1.0, -1.0]]))
    return {"x": x, "weight": m.weight.detach(), "y": y, "weight_grad": m.weight.grad,
            "params": [n for n, _ in m.named_parameters()], "state_dict": list(m.state_dict().keys())}


def rrelu_cases():
    """rrelu's random slopes: the same manual_seed gives the same draws (one per element <= 0)."""
    out = {}
    x_vals = [[-2.0, 0.5, -0.25, 0.0], [3.0, -1.5, -0.0, 7.0], [-4.0, -0.125, 1.0, -9.5]]
    go = torch.linspace(-1, 2, 12).reshape(3, 4)
    for dt, name in [(torch.float32, "float32"), (torch.float64, "float64")]:
        for key, lo, hi in [("default", 1 / 8, 1 / 3), ("range", 0.1, 0.9)]:
            torch.manual_seed(7)
            x = torch.tensor(x_vals, dtype=dt, requires_grad=True)
            y = F.rrelu(x, lo, hi, training=True)
            (g,) = torch.autograd.grad(y, x, go.to(dt))
            after = torch.rand(2, dtype=dt)  # the generator's state after the draws
            out[f"train_{key}_{name}"] = {"lower": lo, "upper": hi, "x": x, "y": y, "node": y.grad_fn.name(),
                                          "grad": g, "after": after}
        x = torch.tensor(x_vals, dtype=dt, requires_grad=True)
        y = F.rrelu(x, 0.1, 0.3)
        (g,) = torch.autograd.grad(y, x, go.to(dt))
        out[f"eval_{name}"] = {"x": x, "y": y, "node": y.grad_fn.name(), "grad": g}
    torch.manual_seed(7)
    base = torch.tensor(x_vals, requires_grad=True)
    x = base.clone()
    y = F.rrelu(x, training=True, inplace=True)
    (g,) = torch.autograd.grad(y, base, go)
    out["train_inplace"] = {"x": base, "y": y, "node": y.grad_fn.name(), "grad": g}
    out["grad_out"] = go
    out["repr"] = [repr(nn.RReLU()), repr(nn.RReLU(0.1, 0.3, True))]
    out["bounds_error"] = error_of(lambda: F.rrelu(torch.randn(3), 0.5, 0.2, training=True))
    out["int_train_error"] = error_of(lambda: F.rrelu(torch.tensor([1, 2]), training=True))
    out["int_eval_error"] = error_of(lambda: F.rrelu(torch.tensor([1, 2])))
    return out


def main():
    cases = {
        "ops": op_cases(),
        "ints": int_cases(),
        "errors": error_cases(),
        "glu": glu_cases(),
        "prelu": prelu_cases(),
        "softmax": softmax_cases(),
        "modules": module_cases(),
        "prelu_module": prelu_module_case(),
        "rrelu": rrelu_cases(),
    }
    write("activation", cases)
