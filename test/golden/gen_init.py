"""torch.nn.init: values after manual_seed (exact where the samplers are), statistics of large
fills, calculate_gain, fans, and error messages.

Each case names the init function, the tensor's shape and dtype, its arguments (positional
after the tensor, then keyword), the seed, the result, and the next torch.rand(2) of the default
generator (so the number of words an init consumed is checked too).

PyTorch 2.x differences applied here (this generator runs 1.13):
- 2.x init functions take `generator=`; 1.13's do not. The `generator` cases run 2.x's bodies
  (the same `tensor.uniform_/normal_(..., generator=g)` calls) by hand, in `with_generator`.
"""
import math

import torch
import torch.nn.init as init

from common import enc, error_of, write

DT = {"float32": torch.float32, "float64": torch.float64}


def exact_cases():
    specs = [
        # name, fn, shape, dtype, args, kwargs, seed
        ("uniform_ default", "uniform_", [3, 5], "float32", [], {}, 0),
        ("uniform_ range", "uniform_", [3, 5], "float32", [-0.5, 2.0], {}, 1),
        ("uniform_ float64", "uniform_", [4, 3], "float64", [-1.0, 1.0], {}, 2),
        ("normal_ vector path", "normal_", [4, 5], "float32", [0.3, 1.7], {}, 0),
        ("normal_ scalar path", "normal_", [3, 2], "float32", [], {"std": 2.0}, 3),
        ("normal_ tail block", "normal_", [19], "float32", [1.0, 0.5], {}, 4),
        ("constant_", "constant_", [2, 3], "float32", [0.25], {}, 0),
        ("ones_", "ones_", [2, 2], "float64", [], {}, 0),
        ("zeros_", "zeros_", [3], "float32", [], {}, 0),
        ("eye_ 3x5", "eye_", [3, 5], "float32", [], {}, 0),
        ("eye_ 4x2", "eye_", [4, 2], "float64", [], {}, 0),
        ("dirac_ 3-D", "dirac_", [4, 2, 3], "float32", [], {}, 0),
        ("dirac_ 4-D groups", "dirac_", [6, 2, 3, 3], "float32", [2], {}, 0),
        ("dirac_ 5-D", "dirac_", [2, 3, 1, 2, 3], "float32", [], {}, 0),
        ("xavier_uniform_", "xavier_uniform_", [4, 6], "float32", [], {}, 0),
        ("xavier_uniform_ gain conv", "xavier_uniform_", [3, 2, 3, 3], "float32", [], {"gain": 1.4}, 5),
        ("xavier_uniform_ float64", "xavier_uniform_", [5, 3], "float64", [2.0], {}, 6),
        ("xavier_normal_", "xavier_normal_", [5, 4], "float32", [], {}, 7),
        ("xavier_normal_ small", "xavier_normal_", [3, 2], "float32", [0.5], {}, 8),
        ("kaiming_uniform_ default", "kaiming_uniform_", [6, 4], "float32", [], {}, 0),
        ("kaiming_uniform_ a=sqrt(5)", "kaiming_uniform_", [3, 4], "float32", [], {"a": math.sqrt(5)}, 0),
        ("kaiming_uniform_ fan_out relu", "kaiming_uniform_", [4, 3, 2, 2], "float32", [],
         {"a": 0.1, "mode": "fan_out", "nonlinearity": "relu"}, 9),
        ("kaiming_uniform_ tanh float64", "kaiming_uniform_", [5, 7], "float64", [0, "fan_in", "tanh"], {}, 10),
        ("kaiming_uniform_ leaky 0.2 FAN_OUT", "kaiming_uniform_", [3, 8], "float32", [0.2, "FAN_OUT"], {}, 11),
        ("kaiming_normal_", "kaiming_normal_", [6, 4], "float32", [], {}, 12),
        ("kaiming_normal_ fan_out relu", "kaiming_normal_", [8, 2, 3], "float32", [],
         {"mode": "fan_out", "nonlinearity": "relu"}, 13),
        ("kaiming_normal_ scalar path selu", "kaiming_normal_", [2, 5], "float32", [], {"nonlinearity": "selu"}, 14),
        ("kaiming_uniform_ zero-element", "kaiming_uniform_", [0, 3], "float32", [], {}, 15),
        ("sparse_", "sparse_", [6, 4], "float32", [0.5], {}, 16),
        ("sparse_ std", "sparse_", [5, 3], "float32", [0.3], {"std": 1.0}, 17),
    ]
    cases = []
    for name, fn, shape, dtype, args, kwargs, seed in specs:
        torch.manual_seed(seed)
        t = torch.empty(shape, dtype=DT[dtype]).fill_(7.0)
        out = getattr(init, fn)(t, *args, **kwargs)
        assert out is t
        cases.append({
            "name": name, "fn": fn, "shape": shape, "dtype": dtype, "args": args, "kwargs": kwargs,
            "seed": seed, "out": enc(t), "after": enc(torch.rand(2)),
        })
    return cases


def approx_cases():
    """Values PyTorch computes with libm/LAPACK in the tensor's dtype: compared with a tolerance."""
    specs = [
        ("normal_ float64 vector path", "normal_", [4, 5], "float64", [0.0, 2.0], {}, 0),
        ("trunc_normal_ default", "trunc_normal_", [5, 4], "float32", [], {}, 0),
        ("trunc_normal_ shifted", "trunc_normal_", [30], "float32", [], {"mean": 1.0, "std": 2.0, "a": -1.0, "b": 3.0}, 1),
        ("trunc_normal_ float64", "trunc_normal_", [3, 4], "float64", [0.5, 0.2], {}, 2),
        ("orthogonal_ wide", "orthogonal_", [3, 5], "float32", [], {}, 0),
        ("orthogonal_ tall", "orthogonal_", [6, 3], "float32", [], {}, 1),
        ("orthogonal_ 3-D gain", "orthogonal_", [4, 2, 3], "float32", [2.0], {}, 2),
        ("orthogonal_ float64 square", "orthogonal_", [4, 4], "float64", [], {}, 3),
        ("orthogonal_ small scalar path", "orthogonal_", [2, 3], "float32", [], {}, 4),
    ]
    cases = []
    for name, fn, shape, dtype, args, kwargs, seed in specs:
        torch.manual_seed(seed)
        t = torch.empty(shape, dtype=DT[dtype])
        getattr(init, fn)(t, *args, **kwargs)
        cases.append({
            "name": name, "fn": fn, "shape": shape, "dtype": dtype, "args": args, "kwargs": kwargs,
            "seed": seed, "out": enc(t), "after": enc(torch.rand(2)),
        })
    return cases


def with_generator():
    """2.x's generator= keyword, run as 2.x's init.py does (1.13 lacks the keyword)."""
    cases = []
    g = torch.Generator().manual_seed(5)
    t = torch.empty(4, 3)
    gain = math.sqrt(2.0 / (1 + 0.0 ** 2))
    bound = math.sqrt(3.0) * (gain / math.sqrt(3))
    t.uniform_(-bound, bound, generator=g)
    cases.append({"fn": "kaiming_uniform_", "shape": [4, 3], "gen_seed": 5, "kwargs": {}, "out": enc(t)})
    g = torch.Generator().manual_seed(6)
    t = torch.empty(5, 4)
    std = 1.0 * math.sqrt(2.0 / (4 + 5))
    t.normal_(0, std, generator=g)
    cases.append({"fn": "xavier_normal_", "shape": [5, 4], "gen_seed": 6, "kwargs": {}, "out": enc(t)})
    g = torch.Generator().manual_seed(7)
    t = torch.empty(3, 3)
    t.uniform_(-0.1, 0.1, generator=g)
    cases.append({"fn": "uniform_", "shape": [3, 3], "gen_seed": 7, "kwargs": {"a": -0.1, "b": 0.1}, "out": enc(t)})
    return cases


def stats():
    cases = []
    for name, fn, shape, args, kwargs in [
        ("xavier_uniform_ 300x400", "xavier_uniform_", [300, 400], [], {}),
        ("kaiming_normal_ 256x512 relu", "kaiming_normal_", [256, 512], [], {"nonlinearity": "relu"}),
        ("trunc_normal_ 20000", "trunc_normal_", [20000], [], {}),
        ("orthogonal_ 64x32", "orthogonal_", [64, 32], [], {}),
    ]:
        torch.manual_seed(0)
        t = getattr(init, fn)(torch.empty(shape), *args, **kwargs)
        t64 = t.double()
        cases.append({
            "name": name, "fn": fn, "shape": shape, "args": args, "kwargs": kwargs,
            "mean": t64.mean().item(), "std": t64.std().item(), "min": t64.min().item(), "max": t64.max().item(),
        })
    return cases


def gains():
    out = []
    for nl, param in [
        ("linear", None), ("conv1d", None), ("conv2d", None), ("conv3d", None), ("conv_transpose1d", None),
        ("conv_transpose2d", None), ("conv_transpose3d", None), ("sigmoid", None), ("tanh", None),
        ("relu", None), ("leaky_relu", None), ("leaky_relu", 0.2), ("leaky_relu", math.sqrt(5)),
        ("leaky_relu", 0), ("leaky_relu", 3), ("selu", None),
    ]:
        out.append([nl, param, init.calculate_gain(nl, param)])
    return out


def fans():
    return [[s, list(init._calculate_fan_in_and_fan_out(torch.empty(s)))] for s in
            ([3, 4], [8, 3, 5], [16, 4, 3, 3], [2, 3, 2, 2, 2], [0, 5])]


def errors():
    e = torch.empty
    cases = {
        "fan 1-D": lambda: init._calculate_fan_in_and_fan_out(e(3)),
        "xavier 1-D": lambda: init.xavier_uniform_(e(3)),
        "kaiming mode": lambda: init.kaiming_uniform_(e(3, 4), mode="fan_avg"),
        "gain unknown": lambda: init.calculate_gain("swish"),
        "gain bool param": lambda: init.calculate_gain("leaky_relu", True),
        "eye 3-D": lambda: init.eye_(e(2, 2, 2)),
        "dirac 2-D": lambda: init.dirac_(e(2, 3)),
        "dirac groups": lambda: init.dirac_(e(5, 2, 3), 2),
        "orthogonal 1-D": lambda: init.orthogonal_(e(4)),
        "sparse 3-D": lambda: init.sparse_(e(2, 3, 4), 0.5),
    }
    return {k: error_of(v) for k, v in cases.items()}


def main():
    write("init", {
        "exact": exact_cases(),
        "approx": approx_cases(),
        "generator": with_generator(),
        "stats": stats(),
        "gains": gains(),
        "fans": fans(),
        "errors": errors(),
    })


if __name__ == "__main__":
    torch.manual_seed(0)
    main()
