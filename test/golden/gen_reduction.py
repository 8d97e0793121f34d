"""Reductions, scans and softmax: values, gradients (from a fixed grad_output), grad_fn names
and error messages, for float32/float64/int64/bool inputs, contiguous and strided.

A case is {op, fn, input, args, kwargs, out, grad_out, grad, node}: `fn` is "method" (x.op(...))
or "torch" (torch.op(x, ...)); `input` is a contiguous base tensor plus the view transforms
applied to it (so the test rebuilds the same strides); `grad` is the base leaf's gradient after
backward of the floating outputs with `grad_out`.

PyTorch 2.x differences applied here (this runs on 1.13):
- torch.norm / Tensor.norm dispatch to torch.linalg.vector_norm in 2.x, so their node is
  LinalgVectorNormBackward0 (1.13 records NormBackward1); norm cases are computed with
  linalg.vector_norm and recorded under the 2.x name.
- nanmean's error on integer input says "floating point or complex dtype" in 2.x.
- all/any take a list of dims in 2.x (2.2+); 1.13 does not, so those forms are tested in TS
  against the equivalent chain of single-dim reductions instead of a fixture.
"""
import math

import torch

from common import error_of, write

DT = {"float32": torch.float32, "float64": torch.float64, "int64": torch.int64, "bool": torch.bool}


def apply_views(base, views):
    x = base
    for v in views:
        if v[0] == "t":
            x = x.t()
        elif v[0] == "narrow":
            x = x.narrow(v[1], v[2], v[3])
        elif v[0] == "expand":
            x = x.expand(*v[1])
        elif v[0] == "as_strided":
            x = x.as_strided(v[1], v[2], v[3])
        else:
            raise ValueError(v)
    return x


def py_kwargs(kw):
    return {k: (DT[v[6:]] if isinstance(v, str) and v.startswith("torch.") else v) for k, v in kw.items()}


def py_args(args):
    return [float(a) if a in ("inf", "-inf") else a for a in args]


TORCH_FNS = {"vector_norm": torch.linalg.vector_norm, "norm": torch.linalg.vector_norm}


def call(op, fn, x, args, kwargs):
    a, kw = py_args(args), py_kwargs(kwargs)
    if op == "norm":
        # 2.x: torch.norm(x, p, dim, keepdim) == linalg.vector_norm(x, p, dim, keepdim)
        p = a[0] if a else "fro"
        p = 2 if p == "fro" else p
        dim = a[1] if len(a) > 1 else kw.get("dim")
        keepdim = a[2] if len(a) > 2 else kw.get("keepdim", False)
        return torch.linalg.vector_norm(x, p, dim, keepdim, dtype=kw.get("dtype"))
    if fn == "method":
        return getattr(x, op)(*a, **kw)
    f = TORCH_FNS.get(op) or getattr(torch, op)
    return f(x, *a, **kw)


def outputs(r):
    if isinstance(r, torch.Tensor):
        return [r]
    return list(r)


def case(op, base, args=(), kwargs=None, views=(), fn="method", grad=True):
    kwargs = kwargs or {}
    leaf = base.clone()
    diff = grad and leaf.dtype.is_floating_point
    if diff:
        leaf.requires_grad_(True)
    x = apply_views(leaf, views)
    r = call(op, fn, x, list(args), kwargs)
    outs = outputs(r)
    c = {
        "op": op,
        "fn": fn,
        "input": {"base": base, "views": [list(v) for v in views]},
        "args": list(args),
        "kwargs": kwargs,
        "out": outs if not isinstance(r, torch.Tensor) else r,
        "tuple": not isinstance(r, torch.Tensor),
    }
    if diff:
        fl = [o for o in outs if o.dtype.is_floating_point and o.requires_grad]
        gos = [torch.randn(o.shape, dtype=o.dtype) for o in fl]
        if fl:
            c["node"] = fl[0].grad_fn.name()
            if op == "norm":
                c["node"] = "LinalgVectorNormBackward0"  # 2.x name, see header
            torch.autograd.backward(fl, gos)
            c["grad_out"] = gos
            c["grad"] = leaf.grad
    return c


def main():
    cases = []
    add = cases.append
    f32 = torch.randn(3, 4)
    f64 = torch.randn(2, 3, 4, dtype=torch.float64)
    i64 = torch.randint(-5, 6, (3, 4))
    bo = torch.randint(0, 2, (3, 4)).bool()
    nan = torch.randn(3, 4)
    nan[0, 1] = math.nan
    nan[2, 0] = math.nan
    nan[2, 3] = math.nan
    base43 = torch.randn(4, 3)  # transposed to [3, 4]
    base46 = torch.randn(4, 6)  # every other column: [4, 3] with strides [6, 2]
    strided = ("as_strided", [4, 3], [6, 2], 1)
    base31 = torch.randn(3, 1)  # expanded to [3, 4]
    ties = torch.tensor([[1.0, 3.0, 3.0, 0.0], [2.0, 2.0, 2.0, 2.0], [-1.0, 5.0, -1.0, 5.0]], dtype=torch.float64)
    zeros = torch.tensor([[1.5, 0.0, 2.0, -1.0], [0.0, 0.0, 3.0, 2.0], [2.0, 3.0, 4.0, 0.5]], dtype=torch.float64)
    big = torch.tensor([[1000.0, 1001.0, 1002.0], [-1000.0, -1002.0, -1001.0]])
    scalar = torch.tensor(2.5)

    # sum / mean / nansum / nanmean
    for args in [(), (1,), (-1, True), ([0, 1],), ([0, -1], True), ([],)]:
        add(case("sum", f32, args))
    add(case("sum", f64, ([0, 2],)))
    add(case("sum", f32, (1,), {"dtype": "torch.float64"}))
    add(case("sum", f32, (), {"dim": 0, "keepdim": True}))
    add(case("sum", i64, ()))
    add(case("sum", i64, (0,)))
    add(case("sum", bo, (1,)))
    add(case("sum", f32, (0,), views=[("t",)]))
    add(case("sum", base46, (1,), views=[strided]))
    add(case("sum", base31, (0,), views=[("expand", [3, 4])]))
    add(case("sum", scalar, ()))
    add(case("sum", scalar, (0, True)))
    add(case("sum", nan, (1,)))
    for args in [(), (0,), ([0, 1], True), (-1,)]:
        add(case("mean", f32, args))
    add(case("mean", f64, (1,)))
    add(case("mean", i64, (), {"dtype": "torch.float64"}))
    add(case("mean", base43, (1,), views=[("t",)]))
    add(case("mean", base31, (1,), views=[("expand", [3, 4])]))
    for op in ["nansum", "nanmean"]:
        for args in [(), (1,), (0, True)]:
            add(case(op, nan, args))
    add(case("nansum", i64, (1,)))

    # prod
    for args in [(), (1,), (0, True), (-1,)]:
        add(case("prod", f32, args))
    add(case("prod", zeros, ()))
    add(case("prod", zeros, (1,)))
    add(case("prod", zeros, (0, True)))
    add(case("prod", zeros[2:], ()))  # one zero in the whole tensor
    add(case("prod", i64, ()))
    add(case("prod", i64, (1,)))
    add(case("prod", bo, (1,)))
    add(case("prod", f32, (1,), {"dtype": "torch.float64"}))
    add(case("prod", base43, (0,), views=[("t",)]))

    # max / min: all, with dim (named tuple), NaN, ties, ints, bools
    for op in ["max", "min"]:
        add(case(op, f32, ()))
        add(case(op, f32, (1,)))
        add(case(op, f32, (0, True)))
        add(case(op, f32, (), {"dim": -1, "keepdim": True}))
        add(case(op, ties, ()))
        add(case(op, ties, (1,)))
        add(case(op, nan, ()))
        add(case(op, nan, (1,)))
        add(case(op, i64, ()))
        add(case(op, i64, (1,)))
        add(case(op, bo, ()))
        add(case(op, base43, (1,), views=[("t",)]))
        add(case(op, scalar, (0,)))
    # elementwise max(input, other) / min(input, other): ties split the gradient in half
    other = f32.clone()
    other[0] = torch.randn(4)
    other[1, 2] = f32[1, 2] + 1
    for op in ["max", "min"]:
        add(case(op, f32, (other,)))
        add(case(op, f32, (torch.randn(4),)))
    for op in ["amax", "amin"]:
        for args in [(), (1,), ([0, 1],), (-1, True)]:
            add(case(op, f32, args))
        add(case(op, ties, ()))
        add(case(op, ties, (1,)))
        add(case(op, ties, ([0, 1], True)))
        add(case(op, nan, (1,)))
        add(case(op, i64, (0,)))
        add(case(op, base46, (0,), views=[strided]))
    for op in ["argmax", "argmin"]:
        for args in [(), (1,), (0, True), (None, True)]:
            add(case(op, f32, args))
        add(case(op, ties, (1,)))
        add(case(op, nan, (1,)))
        add(case(op, nan, ()))
        add(case(op, i64, (0,)))
        add(case(op, base43, (1,), views=[("t",)]))

    # var / std and their _mean forms
    for op in ["var", "std"]:
        add(case(op, f32, ()))
        add(case(op, f32, (1,)))
        add(case(op, f32, (1, False)))
        add(case(op, f32, (False,)))
        add(case(op, f32, ([0, 1], True, True)))
        add(case(op, f32, (0,), {"correction": 0}))
        add(case(op, f32, (), {"dim": 1, "correction": 2, "keepdim": True}))
        add(case(op, f64, ([0, 2],)))
        add(case(op, base43, (0,), views=[("t",)]))
        add(case(op, f32, (1,), {"unbiased": False, "keepdim": True}))
    for op in ["var_mean", "std_mean"]:
        add(case(op, f32, (), fn="torch"))
        add(case(op, f32, (1,), fn="torch"))
        add(case(op, f64, (0,), {"correction": 0, "keepdim": True}, fn="torch"))
        add(case(op, f32, (1, False), fn="torch"))

    # norm (p = fro, 1, 2, inf, -inf, 0, 3, 0.5) and linalg.vector_norm
    for args in [(), ("fro",), (1,), (2, 1), (1, 1), ("inf",), ("-inf", 1), (3, 1, True), (0.5,), (0,), ("fro", [0, 1])]:
        add(case("norm", f32, args))
    add(case("norm", f64, (2, [1, 2])))
    add(case("norm", base43, (2, 0), views=[("t",)]))
    add(case("norm", ties, ("inf", 1)))
    add(case("norm", f32, (2, 1), {"dtype": "torch.float64"}))
    add(case("vector_norm", f32, (1,), {"dtype": "torch.float64"}, fn="torch"))
    for args in [(), (1,), ("inf",), (2, 1, True), (3, [0, 1])]:
        add(case("vector_norm", f32, args, fn="torch"))

    # logsumexp
    for args in [(1,), ([0, 1],), (0, True), (-1,)]:
        add(case("logsumexp", f32, args))
    add(case("logsumexp", big, (1,)))
    add(case("logsumexp", f64, (2,)))
    add(case("logsumexp", i64, (1,)))
    add(case("logsumexp", torch.tensor([[-math.inf, -math.inf], [0.0, -math.inf]]), (1,)))
    add(case("logsumexp", base31, (1,), views=[("expand", [3, 4])]))

    # scans
    for op in ["cumsum", "cumprod"]:
        add(case(op, f32, (0,)))
        add(case(op, f32, (1,)))
        add(case(op, f64, (-1,)))
        add(case(op, i64, (1,)))
        add(case(op, bo, (1,)))
        add(case(op, f32, (1,), {"dtype": "torch.float64"}))
        add(case(op, base43, (1,), views=[("t",)]))
        add(case(op, base46, (0,), views=[strided]))
        add(case(op, scalar, (0,)))
    add(case("cumprod", zeros, (1,)))
    add(case("cumprod", zeros, (0,)))
    for op in ["cummax", "cummin"]:
        add(case(op, f32, (1,)))
        add(case(op, f32, (0,)))
        add(case(op, ties, (1,)))
        add(case(op, nan, (1,)))
        add(case(op, i64, (1,)))
        add(case(op, base43, (0,), views=[("t",)]))

    # all / any / count_nonzero
    for op in ["all", "any"]:
        for x in [bo, f32, i64, zeros]:
            add(case(op, x, ()))
            add(case(op, x, (1,)))
            add(case(op, x, (0, True)))
        add(case(op, bo, (0,), views=[("t",)]))
    for x in [bo, zeros, i64]:
        add(case("count_nonzero", x, ()))
        add(case("count_nonzero", x, (1,)))
        add(case("count_nonzero", x, ([0, 1],)))

    # softmax / log_softmax
    for op in ["softmax", "log_softmax"]:
        add(case(op, f32, (1,)))
        add(case(op, f32, (0,)))
        add(case(op, f32, (-1,)))
        add(case(op, f64, (1,)))
        add(case(op, big, (1,)))
        add(case(op, big, (0,)))
        add(case(op, f32, (1,), {"dtype": "torch.float64"}))
        add(case(op, i64, (1,), {"dtype": "torch.float32"}))
        add(case(op, base43, (1,), views=[("t",)]))
        add(case(op, torch.tensor([[0.0, -math.inf, 1.0], [-math.inf, -math.inf, 2.0]]), (1,)))
        add(case(op, scalar, (0,)))

    errors = []
    e = errors.append

    def err(op, base, args=(), kwargs=None, fn="method"):
        kwargs = kwargs or {}
        msg = error_of(lambda: call(op, fn, base, list(args), kwargs))
        e({"op": op, "fn": fn, "input": {"base": base, "views": []}, "args": list(args), "kwargs": kwargs, "error": msg})

    z23 = torch.zeros(2, 3)
    for op in ["sum", "mean", "prod", "max", "amax", "argmax", "std", "logsumexp", "cumsum", "softmax", "all"]:
        err(op, z23, (2,))
    err("sum", z23, ([0, 0],))
    err("amax", z23, ([1, -1],))
    err("max", torch.zeros(0))
    err("min", torch.zeros(0))
    err("max", torch.zeros(0, 3), (0,))
    err("amax", torch.zeros(0, 3), (0,))
    err("amax", torch.zeros(0))
    err("argmax", torch.zeros(0))
    err("argmin", torch.zeros(0, 3), (0,))
    err("mean", i64)
    err("mean", bo, (0,))
    err("mean", f32, (), {"dtype": "torch.int64"})
    err("nanmean", i64)
    # 2.x words it "floating point or complex dtype" (1.13: "floating point dtype")
    errors[-1]["error"]["message"] = errors[-1]["error"]["message"].replace(
        "floating point dtype", "floating point or complex dtype"
    )
    err("std", i64)
    err("var", i64, (0,))
    err("vector_norm", i64, (), fn="torch")
    err("softmax", i64, (1,))
    err("log_softmax", i64, (0,))
    err("argmax", bo)

    write("reduction", {"cases": cases, "errors": errors})


if __name__ == "__main__":
    main()
