"""Golden strings for tensor printing: repr(t) from PyTorch for many dtypes, shapes and values.

Each case records the input tensor, how to view it (transpose, narrow, expand, permute), whether
it requires grad, an op to give it a grad_fn, print options, and repr() of the result. The ops
used (mul by 2, add 1, pow 2, mean of integral values) round exactly once, so torch-ts computes
the same bits and the strings must match exactly.
PyTorch 1.13's torch/_tensor_str.py prints these cases as 2.x does.
"""
import math
import random

import torch

import common

OPS = {
    "mul2": lambda x: x * 2,
    "add1": lambda x: x + 1,
    "pow2": lambda x: x.pow(2),
    "mean": lambda x: x.mean(),
    "neg": lambda x: -x,
}
VIEWS = {
    "t": lambda x, *a: x.t(),
    "transpose": lambda x, *a: x.transpose(*a),
    "narrow": lambda x, *a: x.narrow(*a),
    "expand": lambda x, *a: x.expand(*a),
    "permute": lambda x, *a: x.permute(*a),
}
DTYPES = {"float32": torch.float32, "float64": torch.float64}


def case(name, x, views=(), requires_grad=False, op=None, opts=None, param=False, default_dtype=None):
    """Builds the tensor the way the test will, prints it, and records everything."""
    if default_dtype:
        torch.set_default_dtype(DTYPES[default_dtype])
    try:
        if opts:
            torch.set_printoptions(**opts)
        base = x.detach().clone()
        t = base
        if requires_grad:
            t = t.requires_grad_(True)
        if param:
            t = torch.nn.Parameter(base)
        for v in views:
            t = VIEWS[v[0]](t, *v[1:])
        if op:
            t = OPS[op](t)
        text = repr(t)
    finally:
        torch.set_printoptions(profile="default")
        torch.set_default_dtype(torch.float32)
    c = {"name": name, "input": base, "repr": text}
    if views:
        c["views"] = [list(v) for v in views]
    if requires_grad:
        c["requires_grad"] = True
    if op:
        c["op"] = op
        if t.grad_fn is not None:
            c["grad_fn"] = t.grad_fn.name()
    if opts:
        c["opts"] = opts
    if param:
        c["param"] = True
    if default_dtype:
        c["default_dtype"] = default_dtype
    return c


def T(data, dtype=None):
    return torch.tensor(data, dtype=dtype)


def main():
    g = torch.Generator().manual_seed(0)

    def randn(*shape, dtype=torch.float32, scale=1.0):
        return (torch.randn(*shape, generator=g, dtype=torch.float64) * scale).to(dtype)

    nan, inf = math.nan, math.inf
    cases = [
        # the walkthrough
        case("walkthrough_param", T([0.2667]), requires_grad=True),
        case("walkthrough_loss", T([[100.0], [144.0], [196.0]]).reshape(3), requires_grad=True, op="mean"),
        case("zeros_requires_grad", torch.zeros(1), requires_grad=True),
        # 0-d
        case("scalar_float", T(3.0)),
        case("scalar_frac", T(3.25)),
        case("scalar_zero", T(0.0)),
        case("scalar_negzero", T(-0.0)),
        case("scalar_nan", T(nan)),
        case("scalar_inf", T(-inf)),
        case("scalar_small", T(1e-10)),
        case("scalar_big", T(123456789.0)),
        case("scalar_f64", T(2.5, torch.float64)),
        case("scalar_int64", T(5, torch.int64)),
        case("scalar_int32", T(-7, torch.int32)),
        case("scalar_bool", T(True)),
        case("scalar_grad", T(146.66667), requires_grad=True, op="mul2"),
        # 1-d floats
        case("int_valued", T([1.0, 2.0, 3.0])),
        case("int_valued_neg", T([-1.0, 20.0, 300.0])),
        case("int_valued_sci_ratio", T([1.0, 2000.0])),
        case("int_valued_sci_big", T([1.0e9, 3.0])),
        case("int_valued_1e8", T([1.0e8, 5.0e7], torch.float64)),
        case("frac", T([0.5, 1.25, -3.125])),
        case("randn5", randn(5)),
        case("randn5_f64", randn(5, dtype=torch.float64)),
        case("small_min", T([1e-5, 0.5, 1.0])),
        case("min_1e-4", T([1e-4, 0.5], torch.float64)),
        case("ratio_just_below", T([1.5, 1499.0], torch.float64)),
        case("ratio_just_above", T([1.5, 1501.0], torch.float64)),
        case("wide_range", T([1e-8, 1.0, 1e8, -1e12])),
        case("wide_range_f64", T([1e-300, 1.0, 1e300], torch.float64)),
        case("huge_exp", T([1.5e-45, 3.4e38])),
        case("nan_inf", T([nan, inf, -inf])),
        case("nan_with_ints", T([1.0, nan, 2.0])),
        case("inf_with_frac", T([0.5, inf, -2.25])),
        case("inf_with_sci", T([1e-6, -inf, nan, 5.0])),
        case("all_zero", torch.zeros(4)),
        case("neg_zero", T([-0.0, 0.0, 1.0])),
        case("neg_zero_frac", T([-0.0, 1.5])),
        case("neg_zero_sci", T([-0.0, 1e-7])),
        case("ties_fixed", T([0.03125, -0.03125, 0.09375, 0.15625], torch.float64)),
        case("ties_sci", T([12344.5, 12345.5, 1e-5], torch.float64)),
        case("round_up_carry", T([9.99996, 0.5], torch.float64)),
        case("sci_round_carry", T([9.99996e-6, 1.0], torch.float64)),
        case("neg_rounds_to_zero", T([-0.00004, 1.0], torch.float64), opts={"sci_mode": False}),
        case("wrap_1d", randn(30)),
        case("wrap_1d_f64", randn(25, dtype=torch.float64, scale=100)),
        case("wrap_int_valued", torch.arange(40, dtype=torch.float32)),
        case("wrap_sci", randn(20, scale=1e-5)),
        # integer and bool
        case("int64", T([0, -1, 123456789012], torch.int64)),
        case("int64_arange", torch.arange(10)),
        case("int32", T([[1, -20], [300, 4]], torch.int32)),
        case("int64_wrap", torch.arange(-30, 30, 2)),
        case("bool_1d", T([True, False, True])),
        case("bool_all_true", T([True, True])),
        case("bool_2d", T([[True, False], [False, False]])),
        case("bool_wrap", torch.arange(20) % 3 == 0),
        # 2-d and more
        case("randn_3x4", randn(3, 4)),
        case("randn_3x4_f64", randn(3, 4, dtype=torch.float64)),
        case("randn_2x3x4", randn(2, 3, 4)),
        case("randn_2x2x2x2", randn(2, 2, 2, 2, scale=10)),
        case("randn_2x1x3x1x2", randn(2, 1, 3, 1, 2)),
        case("wide_rows", randn(3, 20)),
        case("wide_rows_3d", randn(2, 2, 15, scale=1000)),
        case("col", randn(4, 1)),
        case("row", randn(1, 4)),
        case("eye", torch.eye(3)),
        case("int_3d", torch.arange(24).reshape(2, 3, 4)),
        case("int32_3d", torch.arange(-12, 12, dtype=torch.int32).reshape(2, 3, 4) * 1000),
        case("bool_3d", (torch.arange(12) % 2 == 0).reshape(2, 2, 3)),
        # views
        case("transposed", randn(3, 4), views=[("t",)]),
        case("narrowed", randn(4, 6), views=[("narrow", 1, 1, 3)]),
        case("expanded", randn(3, 1), views=[("expand", 3, 4)]),
        case("permuted", randn(2, 3, 4), views=[("permute", 2, 0, 1)]),
        case("transposed_int", torch.arange(12).reshape(3, 4), views=[("transpose", 0, 1)]),
        # summarisation
        case("summarize_1d", randn(1001)),
        case("summarize_1d_int", torch.arange(2000)),
        case("summarize_2d", randn(40, 30)),
        case("summarize_3d_int", torch.arange(1500).reshape(10, 10, 15)),
        case("summarize_sci_hidden", torch.cat([T([1e-9]), torch.arange(1, 1100, dtype=torch.float32)])),
        case("summarize_bool", torch.arange(1200).reshape(40, 30) % 7 == 0),
        case("summarize_short_dim", torch.arange(1010).reshape(2, 505)),
        # empty
        case("empty_1d", torch.zeros(0)),
        case("empty_2d", torch.zeros(0, 3)),
        case("empty_3d", torch.zeros(2, 0, 3)),
        case("empty_int64", torch.zeros(0, dtype=torch.int64)),
        case("empty_bool", torch.zeros(0, 2, dtype=torch.bool)),
        case("empty_f64", torch.zeros(0, dtype=torch.float64)),
        case("empty_int32", torch.zeros(3, 0, dtype=torch.int32)),
        case("empty_requires_grad", torch.zeros(0, 4), requires_grad=True),
        # suffixes
        case("f64_requires_grad", randn(3, dtype=torch.float64), requires_grad=True),
        case("f64_grad_fn", randn(2, 2, dtype=torch.float64), requires_grad=True, op="mul2"),
        case("grad_fn_add", randn(4), requires_grad=True, op="add1"),
        case("grad_fn_pow", randn(2, 3), requires_grad=True, op="pow2"),
        case("grad_fn_neg", randn(3), requires_grad=True, op="neg"),
        case("suffix_wraps", randn(8, dtype=torch.float64, scale=1000), requires_grad=True, op="mul2"),
        case("suffix_wraps_2d", randn(2, 6, dtype=torch.float64), requires_grad=True),
        case("suffix_wraps_long_line", randn(9, dtype=torch.float64, scale=1e-7)),
        case("view_of_grad", randn(3, 4), requires_grad=True, views=[("t",)]),
        # nn.Parameter
        case("param", randn(2, 3), param=True),
        case("param_zeros", torch.zeros(1), param=True),
        case("param_f64", randn(3, dtype=torch.float64), param=True),
        # default dtype float64: float32 now shows its dtype
        case("default_f64_float32", randn(3), default_dtype="float64"),
        case("default_f64_float64", randn(3, dtype=torch.float64), default_dtype="float64"),
        case("default_f64_empty_f32", torch.zeros(0), default_dtype="float64"),
        # print options
        case("precision2", randn(5), opts={"precision": 2}),
        case("precision8_f64", randn(4, dtype=torch.float64), opts={"precision": 8}),
        case("precision0", T([0.5, 1.5, 2.5, 3.25]), opts={"precision": 0}),
        case("precision0_sci", T([0.5, 1.5e6, 2.5e-3]), opts={"precision": 0}),
        case("threshold5", torch.arange(10), opts={"threshold": 5}),
        case("threshold5_float", randn(4, 4), opts={"threshold": 5}),
        case("threshold5_edge1", randn(4, 5, 6), opts={"threshold": 5, "edgeitems": 1}),
        case("edgeitems2", randn(3, 3, 3), opts={"threshold": 10, "edgeitems": 2}),
        case("linewidth40", randn(12), opts={"linewidth": 40}),
        case("linewidth120", randn(3, 25), opts={"linewidth": 120}),
        case("linewidth_tiny", randn(4), opts={"linewidth": 5}),
        case("sci_mode_true", T([1.0, 2.5, 100.0]), opts={"sci_mode": True}),
        case("sci_mode_true_int_valued", T([1.0, 2.0, 100.0]), opts={"sci_mode": True}),
        case("sci_mode_false", T([1e-6, 1.0, 1e9], torch.float64), opts={"sci_mode": False}),
        case("sci_mode_false_int", T([1.0, 1e10]), opts={"sci_mode": False}),
        case("sci_mode_true_zeros", torch.zeros(3), opts={"sci_mode": True}),
        case("profile_short", randn(3, 5), opts={"profile": "short"}),
        case("profile_full", torch.arange(1200), opts={"profile": "full"}),
        case("profile_short_summarize", torch.arange(1200.0), opts={"profile": "short"}),
    ]
    common.write("repr", {"cases": cases, "floats": float_formats()})


def float_formats():
    """Python's "{:.Nf}" and "{:.Ne}" of values that stress rounding: ties, carries, extremes."""
    rng = random.Random(1)
    values = [0.5, 1.5, 2.5, -2.5, 0.125, 0.375, -0.03125, 12344.5, 9.99995, 0.00015, 1e-5, 1e21, 1e22,
              123456789012345680000.0, 5e-324, 1.7976931348623157e308, 2.0**-1074 * 3, 0.0, -0.0]
    values += [rng.uniform(-1, 1) * 10 ** rng.randint(-30, 30) for _ in range(300)]
    # dyadic values with few bits: exact ties at many precisions
    values += [rng.randint(-2**12, 2**12) / 2**rng.randint(1, 12) for _ in range(200)]
    out = []
    for v in values:
        p = rng.randint(0, 8)
        out.append([v, p, f"{v:.{p}f}", f"{v:.{p}e}"])
    return out
