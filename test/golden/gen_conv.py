"""Convolutions and max pooling: F.conv1d, F.conv2d, F.max_pool1d, F.max_pool2d (with
return_indices), F.max_pool2d_with_indices and the modules nn.Conv1d, nn.Conv2d, nn.MaxPool1d
and nn.MaxPool2d.

`ops` records, per call, the arguments (tensors as views, so transposed inputs are rebuilt
exactly), the keyword arguments, the result (and max pooling's indices), the gradients of every
argument that requires grad under a fixed grad_output, the grad_fn's name, or PyTorch's error.
Max pooling cases include NaN, infinities and ties (integer-valued inputs), whose index order is
PyTorch's. `modules` records each module's weights after torch.manual_seed(s), its repr, and its
output and gradients on one input.

PyTorch 2.x differences applied here (this generator runs 1.13):
- conv: a dilation below 1 is refused with "dilation should be greater than zero" (1.13: "non-
  positive dilation is not supported"), in 2.x's check_shape_forward.
- max_pool2d: padding above half the effective kernel is refused by pooling_output_shape with
  "pad should be at most half of effective kernel size, but got pad=2, kernel_size=2 and
  dilation=1" (1.13: "pad should be at most half of kernel size, but got pad=2 and kernel_size=2").
- avg_pool2d of a 2-D input: 1.13 raises an IndexError from a size lookup, 2.x's meta function
  "non-empty 3D or 4D (batch mode) tensor expected for input".
- nn.Conv*d's "Invalid padding string" and "padding_mode must be one of" messages print a Python
  set, whose order changes from run to run: the recorded text is written in one fixed order.
"""
import torch
import torch.nn.functional as F

from common import Arg, enc, error_of, write


def R(*shape, dtype=torch.float64, rg=True):
    t = (torch.rand(shape, dtype=torch.float64) * 4 - 2).round(decimals=3)
    return Arg(t.to(dtype), rg)


def T(a):
    """A non-contiguous argument with a's values: the transpose of a contiguous base, transposed back."""
    return Arg(a.t.transpose(-2, -1).contiguous().transpose(-2, -1), a.rg)


FNS = {
    "conv1d": F.conv1d,
    "conv2d": F.conv2d,
    "max_pool2d": F.max_pool2d,
    "max_pool2d_with_indices": F.max_pool2d_with_indices,
    "max_pool1d": F.max_pool1d,
    "avg_pool2d": F.avg_pool2d,
}


def run(fn, args, kwargs):
    built = [a.build() if isinstance(a, Arg) else a for a in args]
    return built, FNS[fn](*built, **kwargs)


def case(fn, args, kwargs=None):
    kwargs = kwargs or {}
    c = {
        "fn": fn,
        "args": [a.encode() if isinstance(a, Arg) else a for a in args],
        "kwargs": kwargs,
    }
    built, res = run(fn, args, kwargs)
    out = res[0] if isinstance(res, tuple) else res
    c["out"] = enc(out)
    if isinstance(res, tuple):
        c["indices"] = enc(res[1])
    c["node"] = type(out.grad_fn).__name__ if out.grad_fn is not None else None
    if out.requires_grad:
        g = (torch.rand(out.shape, dtype=torch.float64) * 2 - 1).round(decimals=3).to(out.dtype)
        out.backward(g)
        c["grad_out"] = enc(g)
        c["grads"] = [enc(b.grad) if isinstance(b, torch.Tensor) and b.grad is not None else None for b in built]
    return c


def err(fn, args, kwargs=None, message=None):
    kwargs = kwargs or {}
    c = {"fn": fn, "args": [a.encode() if isinstance(a, Arg) else a for a in args], "kwargs": kwargs}
    c["error"] = error_of(lambda: run(fn, args, kwargs))
    if message is not None:  # 2.x's error (module docstring)
        c["error"] = {"type": "RuntimeError", "message": message}
    return c


def conv_cases():
    out = []
    f32 = torch.float32
    # conv2d: shapes, strides, paddings, dilations, groups, bias, dtypes, layouts
    for dtype in (torch.float64, f32):
        out.append(case("conv2d", [R(2, 3, 6, 5, dtype=dtype), R(4, 3, 3, 3, dtype=dtype), R(4, dtype=dtype)]))
        out.append(case("conv2d", [R(2, 3, 6, 5, dtype=dtype), R(4, 3, 3, 2, dtype=dtype)], {"stride": 2, "padding": 1}))
        out.append(case("conv2d", [R(1, 4, 7, 7, dtype=dtype), R(6, 2, 3, 3, dtype=dtype), R(6, dtype=dtype)],
                        {"stride": (2, 1), "padding": (1, 2), "dilation": (2, 1), "groups": 2}))
    out.append(case("conv2d", [R(2, 4, 5, 6), R(4, 1, 3, 3), R(4)], {"groups": 4, "padding": 1}))  # depthwise
    out.append(case("conv2d", [R(2, 3, 5, 5), R(2, 3, 1, 1)]))  # 1x1
    out.append(case("conv2d", [R(3, 5, 5), R(2, 3, 3, 3), R(2)], {"padding": 1}))  # unbatched
    out.append(case("conv2d", [R(1, 2, 5, 6), R(3, 2, 3, 3), R(3)], {"padding": "same"}))
    out.append(case("conv2d", [R(1, 2, 5, 6), R(3, 2, 2, 4), R(3)], {"padding": "same"}))  # even kernel
    out.append(case("conv2d", [R(1, 2, 6, 6), R(3, 2, 2, 3)], {"padding": "same", "dilation": (3, 2)}))
    out.append(case("conv2d", [R(1, 2, 5, 6), R(3, 2, 3, 3), R(3)], {"padding": "valid", "stride": 3}))
    out.append(case("conv2d", [T(R(2, 3, 5, 6)), R(2, 3, 2, 2), R(2)], {"stride": 2}))  # non-contiguous input
    out.append(case("conv2d", [R(2, 3, 5, 6), T(R(2, 3, 2, 2)), R(2)], {"padding": (0, 1)}))  # non-contiguous weight
    out.append(case("conv2d", [R(2, 2, 4, 4, rg=False), R(3, 2, 3, 3), R(3, rg=False)], {"stride": (1, 2)}))
    out.append(case("conv2d", [R(0, 2, 4, 4), R(3, 2, 3, 3), R(3)]))  # empty batch
    out.append(case("conv2d", [R(2, 3, 4, 4), R(2, 3, 3, 3), R(2)], {"padding": [1], "stride": [2]}))
    # conv1d
    for dtype in (torch.float64, f32):
        out.append(case("conv1d", [R(2, 3, 9, dtype=dtype), R(4, 3, 3, dtype=dtype), R(4, dtype=dtype)],
                        {"stride": 2, "padding": 1, "dilation": 2}))
    out.append(case("conv1d", [R(4, 7), R(6, 2, 2)], {"groups": 2, "padding": "same"}))
    out.append(case("conv1d", [R(2, 4, 8), R(4, 4, 3)], {"padding": "valid"}))
    return out


def conv_errors():
    x, w = R(2, 4, 5, 5), R(6, 4, 3, 3)
    return [
        err("conv2d", [R(2, 4, 5), w]),
        err("conv2d", [R(4, 5), w]),
        err("conv2d", [R(1, 2, 4, 5, 5), w]),
        err("conv2d", [x, R(6, 4, 3)]),
        err("conv2d", [x, R(6, 3, 3, 3)]),
        err("conv2d", [x, R(6, 2, 3, 3)], {"groups": 3}),
        err("conv2d", [x, R(6, 2, 3, 3), R(5)], {"groups": 2}),
        err("conv2d", [x, R(5, 2, 3, 3)], {"groups": 2}),
        err("conv2d", [x, R(0, 4, 3, 3)]),
        err("conv2d", [x, R(6, 4, 7, 7)]),
        err("conv2d", [x, R(6, 4, 4, 4)], {"dilation": 2}),
        err("conv2d", [x, w], {"stride": 0}),
        err("conv2d", [x, w], {"padding": -1}),
        err("conv2d", [x, w], {"dilation": 0}, "dilation should be greater than zero"),
        err("conv2d", [x, w], {"groups": 0}),
        err("conv2d", [x, w], {"stride": 2, "padding": "same"}),
        err("conv2d", [x, w], {"padding": "foo"}),
        err("conv2d", [x, w], {"stride": (1, 1, 1)}),
        err("conv2d", [x, w], {"padding": (1, 1, 1)}),
        err("conv2d", [x, w, R(6, 1)]),
        err("conv2d", [x, R(6, 4, 3, 3, dtype=torch.float32)]),
        err("conv1d", [R(2, 4), R(6, 4, 3)]),
        err("conv1d", [R(2, 4, 5), R(6, 4, 3)], {"stride": (1, 1)}),
    ]


def I(*shape, lo=-2, hi=3, rg=True):
    """Integer-valued floats: many ties, so the index order is tested."""
    return Arg(torch.randint(lo, hi, shape).to(torch.float64), rg)


def special(*shape):
    t = (torch.rand(shape, dtype=torch.float64) * 4 - 2).round(decimals=2)
    flat = t.view(-1)
    flat[1] = float("nan")
    flat[5] = float("inf")
    flat[6] = float("-inf")
    flat[9] = float("nan")
    flat[10] = float("nan")
    flat[-1] = float("-inf")
    flat[-2] = float("-inf")
    return Arg(t, True)


def pool_cases():
    out = []
    ri = {"return_indices": True}
    out.append(case("max_pool2d", [R(2, 3, 6, 6), 2], ri))
    out.append(case("max_pool2d", [R(2, 3, 6, 6, dtype=torch.float32), 2], ri))
    out.append(case("max_pool2d", [R(1, 2, 7, 8), 3], {"stride": 2, "padding": 1, **ri}))
    out.append(case("max_pool2d", [R(1, 2, 7, 8), (3, 2)], {"stride": (2, 3), "padding": (1, 0), "ceil_mode": True, **ri}))
    out.append(case("max_pool2d", [R(1, 2, 9, 9), 3], {"stride": 2, "dilation": 2, "padding": 1, **ri}))
    out.append(case("max_pool2d", [R(1, 1, 5, 5), 2], {"stride": 2, "ceil_mode": True, **ri}))
    out.append(case("max_pool2d", [R(1, 1, 6, 6), 3], {"stride": 2, "padding": 1, "ceil_mode": True, **ri}))
    out.append(case("max_pool2d", [R(1, 1, 4, 4), 2], {"stride": 3, "padding": 1, "ceil_mode": True, **ri}))
    out.append(case("max_pool2d", [R(3, 5, 5), 2], {"stride": 1, **ri}))  # unbatched
    out.append(case("max_pool2d", [I(2, 2, 6, 6), 3], {"stride": 1, **ri}))  # ties
    out.append(case("max_pool2d", [I(1, 2, 6, 6), 2], {"stride": 2, "padding": 1, **ri}))  # ties with padding
    out.append(case("max_pool2d", [special(2, 2, 4, 4), 2], ri))  # NaN, inf
    out.append(case("max_pool2d", [special(1, 2, 5, 5), 3], {"stride": 1, "padding": 1, **ri}))
    out.append(case("max_pool2d", [Arg(torch.full((1, 1, 3, 3), float("-inf"), dtype=torch.float64), True), 2],
                    {"stride": 1, "padding": 1, **ri}))  # all -inf windows
    # the 2x2 / windows-inside fast paths: ties, NaN and all -inf windows without padding
    out.append(case("max_pool2d", [I(2, 2, 6, 6), 2], ri))
    out.append(case("max_pool2d", [I(1, 2, 6, 7, lo=-1, hi=1), 3], {"stride": 2, **ri}))
    out.append(case("max_pool2d", [Arg(torch.full((1, 2, 4, 4), float("-inf"), dtype=torch.float64), True), 2], ri))
    out.append(case("max_pool2d", [Arg(special(2, 2, 4, 6).t.float(), True), 2], ri))
    out.append(case("max_pool2d", [T(R(2, 2, 5, 6)), 2]))  # non-contiguous
    out.append(case("max_pool2d", [R(0, 2, 4, 4), 2, None, 0, 1, False, True]))  # positional, empty batch
    out.append(case("max_pool2d", [R(2, 2, 4, 4), [2]], {"stride": [1]}))
    out.append(case("max_pool1d", [R(2, 3, 9), 3], {"stride": 2, "padding": 1, "return_indices": True}))
    out.append(case("max_pool1d", [I(2, 10), 2], {"stride": 1, "dilation": 2, "ceil_mode": True, "return_indices": True}))
    out.append(case("max_pool1d", [special(2, 2, 8), 3], {"stride": 2, "ceil_mode": True, "return_indices": True}))
    out.append(case("max_pool1d", [R(1, 2, 7), [2]]))
    out.append(case("max_pool2d_with_indices", [R(2, 2, 5, 5), 3], {"stride": 2, "padding": 1, "ceil_mode": True}))
    return out


def avg_cases():
    out = []
    out.append(case("avg_pool2d", [R(2, 3, 6, 6), 2]))
    out.append(case("avg_pool2d", [R(2, 3, 6, 6, dtype=torch.float32), 3], {"stride": 2, "padding": 1}))
    for include in (True, False):
        out.append(case("avg_pool2d", [R(1, 2, 5, 5), 3], {"stride": 2, "padding": 1, "ceil_mode": True, "count_include_pad": include}))
        out.append(case("avg_pool2d", [R(1, 2, 6, 7), (3, 2)], {"stride": (2, 3), "padding": (1, 1), "ceil_mode": True, "count_include_pad": include}))
    out.append(case("avg_pool2d", [R(1, 1, 4, 4), 2], {"stride": 3, "padding": 1, "ceil_mode": True, "count_include_pad": False}))
    out.append(case("avg_pool2d", [R(2, 5, 5), 2], {"stride": 1, "divisor_override": 3}))  # unbatched
    out.append(case("avg_pool2d", [T(R(2, 2, 5, 6)), [2]], {"padding": [1], "divisor_override": 2}))
    out.append(case("avg_pool2d", [special(1, 2, 4, 4), 2]))
    return out


def avg_errors():
    x = R(2, 4, 5, 5)
    return [
        err("avg_pool2d", [x, 2], {"divisor_override": 0}),
        err("avg_pool2d", [x, 2], {"padding": 2}, "pad should be at most half of effective kernel size, but got pad=2, kernel_size=2 and dilation=1"),
        # 1.13 raises an IndexError from a size lookup; 2.x's meta function checks the rank first
        err("avg_pool2d", [R(5, 5), 2], None, "non-empty 3D or 4D (batch mode) tensor expected for input"),
        err("avg_pool2d", [x, (1, 2, 3)]),
        err("avg_pool2d", [x, 2], {"stride": 0}),
        err("avg_pool2d", [x, 7]),
    ]


def pool_errors():
    x = R(2, 4, 5, 5)
    return [
        err("max_pool2d", [x, 2], {"padding": 2}, "pad should be at most half of effective kernel size, but got pad=2, kernel_size=2 and dilation=1"),
        err("max_pool2d", [x, 0]),
        err("max_pool2d", [x, 2], {"stride": 0}),
        err("max_pool2d", [x, 2], {"dilation": 0}),
        err("max_pool2d", [R(5, 5), 2]),
        err("max_pool2d", [R(1, 1, 1, 5, 5), 2]),
        err("max_pool2d", [R(1, 1, 2, 2), 3]),
        err("max_pool2d", [R(1, 1, 2, 2), (1, 2, 3)]),
        err("max_pool2d", [R(1, 1, 2, 2), 2], {"stride": (1, 2, 3)}),
        err("max_pool2d", [R(1, 1, 2, 2), 2], {"padding": (1, 0, 0)}),
        err("max_pool2d", [R(1, 1, 2, 2), 2], {"dilation": (1, 1, 1)}),
        err("max_pool2d", [R(1, 0, 4, 4), 2]),
        err("max_pool2d", [Arg(torch.ones(1, 1, 4, 4, dtype=torch.int64)), 2]),
        err("max_pool1d", [R(9), 2]),
        err("max_pool1d", [R(1, 1, 1, 9), 2]),
        err("max_pool1d", [R(2, 3, 9), (2, 2)]),
        err("max_pool1d", [R(2, 3, 9), 20]),
        err("max_pool1d", [R(2, 3, 9), 2], {"padding": 2}, "pad should be at most half of effective kernel size, but got pad=2, kernel_size=2 and dilation=1"),
    ]


def module_case(cls, args, kwargs, seed, x_shape, dtype=torch.float32):
    torch.manual_seed(seed)
    m = getattr(torch.nn, cls)(*args, **kwargs)
    if dtype != torch.float32:
        m = m.to(dtype)
    x = (torch.rand(x_shape, dtype=torch.float64) * 2 - 1).round(decimals=3).to(dtype).requires_grad_()
    y = m(x)
    out = y[0] if isinstance(y, tuple) else y
    g = (torch.rand(out.shape, dtype=torch.float64) * 2 - 1).round(decimals=3).to(dtype)
    out.backward(g)
    return {
        "cls": cls,
        "args": list(args),
        "kwargs": kwargs,
        "seed": seed,
        "repr": repr(m),
        "params": {k: enc(v) for k, v in m.named_parameters()},
        "x": enc(x),
        "out": enc(out),
        "indices": enc(y[1]) if isinstance(y, tuple) else None,
        "grad_out": enc(g),
        "grad_x": enc(x.grad),
        "grads": {k: enc(v.grad) for k, v in m.named_parameters()},
    }


def module_cases():
    return [
        module_case("Conv2d", [1, 8, 3], {"padding": 1}, 0, (2, 1, 6, 6)),
        module_case("Conv2d", [8, 16, 3], {"padding": 1}, 1, (2, 8, 5, 5)),
        module_case("Conv2d", [4, 6, (3, 2)], {"stride": 2, "padding": 1, "dilation": 2, "groups": 2, "bias": False}, 2, (1, 4, 7, 7)),
        module_case("Conv2d", [2, 3, 3], {"padding": "same", "padding_mode": "reflect"}, 3, (1, 2, 5, 5)),
        module_case("Conv2d", [2, 3, 2], {"padding": 1, "padding_mode": "replicate"}, 4, (1, 2, 4, 5)),
        module_case("Conv2d", [2, 2, 3], {"padding": (1, 2), "padding_mode": "circular", "stride": 2}, 5, (2, 2, 5, 5)),
        module_case("Conv2d", [2, 4, 3], {"padding": "valid"}, 6, (2, 5, 5)),
        module_case("Conv1d", [3, 4, 3], {"stride": 2, "padding": 1}, 7, (2, 3, 8)),
        module_case("Conv1d", [2, 2, 4], {"padding": "same", "padding_mode": "reflect", "dilation": 1}, 8, (1, 2, 7)),
        module_case("MaxPool2d", [2], {}, 0, (1, 2, 4, 4)),
        module_case("MaxPool1d", [3], {"stride": 2, "padding": 1, "return_indices": True}, 0, (2, 3, 9)),
        module_case("MaxPool1d", [(3,)], {"stride": 1, "dilation": 2, "ceil_mode": True}, 0, (3, 9)),
        module_case("AvgPool2d", [2], {}, 0, (1, 2, 4, 4)),
        module_case("AvgPool2d", [3], {"stride": 2, "padding": 1, "ceil_mode": True, "count_include_pad": False, "divisor_override": None}, 0, (2, 2, 6, 6)),
        module_case("MaxPool2d", [(2, 3)], {"stride": 1, "padding": 1, "dilation": 2, "ceil_mode": True, "return_indices": True}, 0, (1, 2, 6, 6)),
    ]


def module_errors():
    def mk(*a, **k):
        return lambda: torch.nn.Conv2d(*a, **k)

    fixed = {
        "padding_mode": "padding_mode must be one of {'zeros', 'reflect', 'replicate', 'circular'}, but got padding_mode='foo'",
        "bar": "Invalid padding string 'bar', should be one of {'valid', 'same'}",
    }
    cases = [
        ([4, 6, 3], {"groups": 4}, None),
        ([4, 6, 3], {"groups": 0}, None),
        ([3, 6, 3], {"groups": 2}, None),
        ([4, 6, 3], {"padding_mode": "foo"}, fixed["padding_mode"]),
        ([4, 6, 3], {"padding": "same", "stride": 2}, None),
        ([4, 6, 3], {"padding": "bar"}, fixed["bar"]),
    ]
    out = []
    for a, k, msg in cases:
        e = error_of(mk(*a, **k))
        if msg is not None:
            e["message"] = msg
        out.append({"args": a, "kwargs": k, "error": e})
    return out


def main():
    ops = conv_cases() + conv_errors() + pool_cases() + pool_errors() + avg_cases() + avg_errors()
    write("conv", {"ops": ops, "modules": module_cases(), "module_errors": module_errors()})
