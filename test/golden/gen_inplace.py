"""Fixtures for the in-place view ops (t_, transpose_, swapaxes_, swapdims_, squeeze_, unsqueeze_,
as_strided_) and the in-place scans cumsum_/cumprod_, and PyTorch's errors for them.

Each case records the input, the result's values and layout (shape, stride, storage offset),
how far the version counter moved, and for floating inputs the grad_fn name and the input's
gradient for a fixed grad_output, the in-place op applied to a non-leaf (x * 1).

PyTorch 2.x differences applied here (PyTorch 1.13 runs this script):
- 2.x's derivatives.yaml has squeeze.dims, so squeeze_'s nodes are numbered after it:
  squeeze_() is SqueezeBackward3 and squeeze_(dim) SqueezeBackward4 (1.13: 2 and 3).
"""
import torch

from common import error_of, write


def base(shape, dtype):
    n = 1
    for s in shape:
        n *= s
    v = torch.arange(n, dtype=torch.float64)
    if dtype == torch.bool:
        t = (v % 3) == 1
    elif dtype in (torch.int64, torch.int32):
        t = (v * 3 - 5).to(dtype)
    else:
        t = (v * 0.5 - 1.25).to(dtype)
    return t.reshape(shape)


def prepared(t, prep):
    if prep == "t":
        return t.t()
    if prep == "narrow":
        return t.narrow(-1, 1, t.shape[-1] - 1)
    return t


NODE_2X = {"SqueezeBackward2": "SqueezeBackward3", "SqueezeBackward3": "SqueezeBackward4"}


def run_inplace(name, args, shape, dtype, prep=None):
    """name_(*args) on a fresh input; for floats also on a non-leaf, with its gradient."""
    x = prepared(base(shape, dtype), prep)
    inp = x.clone() if prep is None else x
    v0 = x._version
    out = getattr(x, name)(*args)
    case = {
        "op": name,
        "args": list(args),
        "shape": list(shape),
        "dtype": str(dtype).split(".")[1],
        "prep": prep,
        "input": inp if prep is None else None,
        "y": out.clone(),
        "out_shape": list(out.shape),
        "stride": list(out.stride()),
        "offset": out.storage_offset(),
        "version_delta": x._version - v0,
        "same": out is x,
    }
    if dtype.is_floating_point:
        leaf = prepared(base(shape, dtype), prep).detach().requires_grad_()
        y = leaf * 1
        y = getattr(y, name)(*args)
        g = torch.linspace(-1, 2, y.numel(), dtype=dtype).reshape(y.shape)
        y.backward(g)
        node = y.grad_fn.name()
        case["node"] = NODE_2X.get(node, node)
        case["grad_output"] = g
        case["dx"] = leaf.grad
    return case


def views():
    f32, f64, i64, b = torch.float32, torch.float64, torch.int64, torch.bool
    return [
        run_inplace("t_", [], [2, 3], f32),
        run_inplace("t_", [], [2, 3], f32, "narrow"),
        run_inplace("t_", [], [3], f64),
        run_inplace("t_", [], [2, 3], i64),
        run_inplace("transpose_", [0, 1], [2, 3], f32),
        run_inplace("transpose_", [0, -1], [2, 3, 4], f64),
        run_inplace("transpose_", [1, 0], [3, 4], f32, "t"),
        run_inplace("transpose_", [0, 1], [2, 2], b),
        run_inplace("swapaxes_", [0, 2], [2, 1, 3], f32),
        run_inplace("swapdims_", [1, 0], [2, 3], f64),
        run_inplace("squeeze_", [], [2, 1, 3, 1], f32),
        run_inplace("squeeze_", [1], [2, 1, 3], f32),
        run_inplace("squeeze_", [0], [2, 3], f64),
        run_inplace("squeeze_", [-1], [3, 1], i64, "t"),
        run_inplace("unsqueeze_", [0], [2, 3], f32),
        run_inplace("unsqueeze_", [-1], [2, 3], f64, "t"),
        run_inplace("unsqueeze_", [1], [2, 3], f32, "narrow"),
        run_inplace("unsqueeze_", [0], [3], b),
        run_inplace("as_strided_", [[2, 2], [1, 2], 1], [2, 3], f32),
        run_inplace("as_strided_", [[3], [2]], [2, 3], f64),
        run_inplace("as_strided_", [[2, 2], [3, 1]], [2, 3], i64),
    ]


def scans():
    cases = []
    for name in ("cumsum_", "cumprod_"):
        for dtype in (torch.float32, torch.float64, torch.int64, torch.int32):
            cases.append(run_inplace(name, [1], [2, 3], dtype))
        cases.append(run_inplace(name, [0], [3, 2], torch.float32, "t"))
        cases.append(run_inplace(name, [-1], [2, 4], torch.float64, "narrow"))
        cases.append(run_inplace(name, [0], [4], torch.float64))
    # cumprod_ through a zero (the gradient's special path)
    x = torch.tensor([[2.0, 0.0, 3.0, -1.5], [0.5, 1.5, 0.0, 0.0]], dtype=torch.float64, requires_grad=True)
    y = x * 1
    y.cumprod_(1)
    g = torch.linspace(-1, 2, 8, dtype=torch.float64).reshape(2, 4)
    y.backward(g)
    cases.append(
        {
            "op": "cumprod_",
            "args": [1],
            "zeros": True,
            "x": x.detach(),
            "y": y.detach(),
            "node": y.grad_fn.name(),
            "grad_output": g,
            "dx": x.grad,
        }
    )
    return cases


def errors():
    def leaf(name, *args):
        x = torch.zeros(2, 3, requires_grad=True)
        return error_of(lambda: getattr(x, name)(*args))

    def view_of_leaf():
        x = torch.zeros(2, 3, requires_grad=True)
        v = x[0]
        return error_of(lambda: v.unsqueeze_(0))

    return {
        "t_leaf": leaf("t_"),
        "transpose_leaf": leaf("transpose_", 0, 1),
        "squeeze_leaf": leaf("squeeze_"),
        "unsqueeze_leaf": leaf("unsqueeze_", 0),
        "as_strided_leaf": leaf("as_strided_", [3], [1]),
        "cumsum_leaf": leaf("cumsum_", 0),
        "unsqueeze_view_of_leaf": view_of_leaf(),
        "t_3d": error_of(lambda: torch.zeros(2, 2, 2).t_()),
        "transpose_range": error_of(lambda: torch.zeros(2, 3).transpose_(0, 2)),
        "unsqueeze_range": error_of(lambda: torch.zeros(2, 3).unsqueeze_(3)),
    }


def main():
    write("inplace", {"views": views(), "scans": scans(), "errors": errors()})


if __name__ == "__main__":
    main()
