"""Fixtures for the ops an audit of issue 2 found missing or untested: the in-place view ops
(t_, transpose_, swapaxes_, squeeze_, unsqueeze_, as_strided_), cumsum_/cumprod_, type_as, and
the torch.X spellings detach, detach_, numel, fill_, zero_, xlogy_, addmv_.

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


def misc():
    x = base([2, 3], torch.float32)
    xi = base([2, 3], torch.int64)
    a = torch.tensor([0.0, 0.5, 2.0, 0.0], dtype=torch.float64)
    b = torch.tensor([[0.5], [3.0]], dtype=torch.float64).expand(2, 4)[0]
    xl = a.clone().xlogy_(b)
    mat = base([3, 2], torch.float32).t()
    vec = torch.tensor([1.5, -0.5, 2.0])
    s = torch.tensor([0.25, -1.0])
    am = torch.addmv_(s.clone(), mat, vec, beta=0.5, alpha=2.0)
    return {
        "type_as": {
            "x": x,
            "xi": xi,
            "int64": x.type_as(xi),
            "bool": x.type_as(torch.zeros(1, dtype=torch.bool)),
            "float64": xi.type_as(torch.zeros(1, dtype=torch.float64)),
        },
        "numel": [torch.numel(x), torch.numel(torch.zeros(0, 3)), torch.numel(torch.tensor(1.0))],
        "fill_": {"x": x, "y": torch.fill_(x.clone(), 2.5), "yi": torch.fill_(xi.clone(), 7)},
        "zero_": torch.zero_(x.clone().t()),
        "xlogy_": {"a": a, "b": b, "y": xl},
        "addmv_": {"self": s, "mat": mat, "vec": vec, "beta": 0.5, "alpha": 2.0, "y": am},
    }


def fill_nodes():
    """fill_ (scalar and 0-d tensor value), zero_ and copy_ on a non-leaf: node names and the
    gradients to self and to the value (fill_.Tensor's value gets grad.sum())."""
    out = {}
    g = torch.tensor([1.0, 2.0, -0.5])
    for key in ("fill_scalar", "fill_tensor", "zero_", "copy_"):
        x = torch.tensor([0.5, -1.5, 2.0], requires_grad=True)
        v = torch.tensor(1.25, requires_grad=True)
        src = torch.tensor([3.0, -2.0, 0.25], requires_grad=True)
        y = x * 1
        if key == "fill_scalar":
            y.fill_(2.5)
        elif key == "fill_tensor":
            y.fill_(v * 2)
        elif key == "zero_":
            y.zero_()
        else:
            y.copy_(src[:1] * 3)
        (y * g).sum().backward()
        # the Python binding prefixes C++-only nodes with torch::autograd:: (docs/differences.md)
        node = y.grad_fn.name().replace("torch::autograd::", "")
        out[key] = {"node": node, "y": y, "dx": x.grad, "dv": v.grad, "dsrc": src.grad}
    out["grad_output"] = g
    return out


def f(*v):
    return torch.tensor(v)


def idx(*v):
    return torch.tensor(v, dtype=torch.int64)


# gradients at the corners where PyTorch picks a subgradient or convention: ties of max/min
# (all-reduce splits evenly, dim-reduce picks one), zeros of norm/abs/relu/prod, clamp at its
# bounds, pow at 0, duplicates in index/gather, -inf rows of logsumexp
GRAD_EDGES = {
    "max_all_tie": (f(3.0, 1.0, 3.0, 2.0), lambda x: x.max()),
    "min_all_tie": (f(1.0, 1.0, 3.0, 1.0), lambda x: x.min()),
    "max_dim_tie": (f(3.0, 3.0, 1.0, 2.0), lambda x: x.reshape(2, 2).max(1)[0]),
    "amax_tie": (f(3.0, 3.0, 1.0, 2.0, 2.0, 2.0), lambda x: x.reshape(2, 3).amax(1)),
    "maximum_tie": (f(1.0, 2.0, 3.0), lambda x: torch.maximum(x, f(1.0, 0.0, 3.0))),
    "norm_zero": (f(0.0, 0.0, 0.0), lambda x: x.norm()),
    "norm1_zero": (f(0.0, 1.0, -2.0), lambda x: x.norm(1)),
    "norm_inf_tie": (f(2.0, -2.0, 1.0), lambda x: x.norm(float("inf"))),
    "abs_relu_zero": (f(0.0, -1.0, 2.0), lambda x: x.abs() + x.relu()),
    "clamp_bounds": (f(0.0, 1.0, 0.5, 2.0), lambda x: x.clamp(0, 1)),
    "sqrt_zero": (f(0.0, 4.0), lambda x: x.sqrt()),
    "prod_one_zero": (f(2.0, 0.0, 3.0), lambda x: x.prod()),
    "prod_two_zeros": (f(0.0, 0.0, 3.0), lambda x: x.prod()),
    "cumprod_zeros": (f(2.0, 0.0, 3.0, 0.0, 5.0), lambda x: x.cumprod(0)),
    "pow_zero_base": (f(0.0, 0.0, 2.0), lambda x: x.pow(f(0.0, 2.0, 0.0))),
    "pow_scalar_zero": (f(0.0, 1.5), lambda x: x.pow(0)),
    "logsumexp_ninf": (f(float("-inf"), float("-inf"), 1.0, 2.0), lambda x: x.reshape(2, 2).logsumexp(1)),
    "index_dup": (f(1.0, 2.0, 3.0), lambda x: x[idx(0, 0, 2)] * f(1.0, 2.0, 3.0)),
    "gather_dup": (f(1.0, 2.0, 3.0), lambda x: x.gather(0, idx(2, 2, 0)) * f(1.0, 2.0, 3.0)),
    "sort_tie": (f(2.0, 1.0, 2.0), lambda x: x.sort()[0] * f(1.0, 2.0, 3.0)),
    "topk_tie": (f(2.0, 1.0, 2.0), lambda x: x.topk(2)[0] * f(1.0, 5.0)),
    "remainder_divisor": (f(1.5, 2.5, -3.5), lambda x: torch.remainder(f(5.0, -7.0, 4.0), x)),
    "nan_to_num": (f(float("nan"), float("inf"), 1.0), lambda x: x.nan_to_num()),
}


def grad_edges():
    out = {}
    for key, (x0, fn) in GRAD_EDGES.items():
        x = x0.clone().requires_grad_()
        y = fn(x)
        y.sum().backward()
        out[key] = {"x": x0, "y": y, "dx": x.grad}
    return out


def int32_reductions():
    """The int32 dtype path of the reductions and sorting ops (the other generators cover
    float32, float64, int64 and bool): values and dtypes (sums promote to int64, max keeps
    int32), or PyTorch's refusal, on a contiguous and a transposed input."""
    specs = [
        ("sum", [], {}),
        ("sum", [1], {}),
        ("sum", [[0, 1]], {"keepdim": True}),
        ("prod", [], {}),
        ("prod", [0], {}),
        ("mean", [], {}),
        ("max", [], {}),
        ("max", [1], {}),
        ("min", [0], {"keepdim": True}),
        ("amax", [1], {}),
        ("amin", [], {}),
        ("argmax", [], {}),
        ("argmax", [1], {}),
        ("argmin", [0], {"keepdim": True}),
        ("cumsum", [1], {}),
        ("cumprod", [0], {}),
        ("all", [], {}),
        ("any", [1], {}),
        ("count_nonzero", [], {}),
        ("count_nonzero", [0], {}),
        ("std", [], {}),
        ("var", [1], {}),
        ("norm", [], {}),
        ("softmax", [1], {}),
        ("sort", [1], {}),
        ("argsort", [0], {"descending": True}),
        ("topk", [2], {}),
        ("unique", [], {"return_counts": True}),
    ]
    x = torch.tensor([[3, -1, 0, 2], [0, 5, -4, 1], [2, 0, 7, -3]], dtype=torch.int32)
    cases = []
    for prep in (None, "t"):
        xi = x.t() if prep == "t" else x
        for op, args, kwargs in specs:
            case = {"op": op, "args": args, "kwargs": kwargs, "prep": prep}
            try:
                r = getattr(torch, op)(xi, *args, **kwargs)
                case["out"] = list(r) if isinstance(r, tuple) else r
            except RuntimeError:
                case["error"] = error_of(lambda: getattr(torch, op)(xi, *args, **kwargs))
                if op == "norm":
                    # 2.x's torch.norm is linalg.vector_norm, which words the check its own way
                    case["error"]["message"] = (
                        "linalg.vector_norm: Expected a floating point or complex tensor as input. Got Int"
                    )
            cases.append(case)
    return {"x": x, "cases": cases}


def main():
    write(
        "audit2",
        {
            "views": views(),
            "scans": scans(),
            "errors": errors(),
            "misc": misc(),
            "int32": int32_reductions(),
            "fill": fill_nodes(),
            "grad_edges": grad_edges(),
        },
    )


if __name__ == "__main__":
    main()
