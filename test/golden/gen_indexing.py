"""Indexing: x[...] (torch-ts x.index(...)), x[...] = v and index_put_, index_select, gather,
scatter(_add), index_add/fill/copy, masked_select/scatter, take, nonzero, argwhere.

Cases are data for a table-driven test. An index is written as torch-ts writes it: ints,
"a:b:c" strings for slices, None, "...", booleans, tensors, nested lists. Inputs are made
non-contiguous by a named layout applied to a base tensor on both sides ("t": transpose of
the first and last dims, "step": every other row, "expand": a broadcast row). Gradients are
taken with a fixed grad_output (0.5 * arange + 1 in the output's shape) and recorded for the
base tensors, which are the leaves.
"""
import torch

from common import error_of, write

FLOAT = (torch.float32, torch.float64)
ALL = (torch.float32, torch.float64, torch.int64, torch.int32, torch.bool)


def py_index(item):
    if isinstance(item, str):
        if item == "...":
            return Ellipsis
        parts = [int(p) if p.strip() else None for p in item.split(":")]
        return slice(*parts)
    if isinstance(item, torch.Tensor) and item.dtype == torch.int32:
        # PyTorch 2.x indexes with int32 tensors as with int64 ones; 1.13 refuses them
        return item.long()
    return item


def py_indices(items):
    conv = [py_index(i) for i in items]
    return conv[0] if len(conv) == 1 else tuple(conv)


def layout(base, name):
    if name == "t":
        return base.transpose(0, -1)
    if name == "step":
        return base[::2]
    if name == "expand":
        return base.expand(3, *base.shape[1:])
    return base


def grad_output(out):
    return (torch.arange(out.numel(), dtype=torch.float64) * 0.5 + 1).reshape(out.shape).to(out.dtype)


def make(shape, dtype, seed):
    g = torch.Generator().manual_seed(seed)
    if dtype == torch.bool:
        return torch.rand(shape, generator=g) > 0.5
    if dtype.is_floating_point:
        return torch.randn(shape, generator=g).to(dtype)
    return torch.randint(-5, 10, shape, generator=g).to(dtype)


def long(v):
    return torch.tensor(v, dtype=torch.int64)


# ---------------------------------------------------------------- x[...]


def getitem_case(base, idx, lay="", expect=None):
    """expect: a function computing the PyTorch 2.x result where 1.13 differs."""
    case = {"base": base, "layout": lay, "index": idx}
    b = base.detach().clone().requires_grad_(base.dtype.is_floating_point)
    x = layout(b, lay)
    out = expect(x) if expect else x[py_indices(idx)]
    case["out"] = out
    if out.requires_grad:
        case["node"] = out.grad_fn.name()
        out.backward(grad_output(out))
        case["grad"] = b.grad
    return case


def getitem_cases():
    x = make((2, 3, 4), torch.float32, 1)
    m23 = torch.tensor([[True, False, True], [False, True, True]])
    idx = [
        [1], [-1], [":", "1:3"], ["::2"], ["...", 1], ["...", -1], [None], [None, "...", None], ["..."],
        [0, "-2:", "::3"], [1, 2, 3], ["1:", ":", "1::2"], ["5:"], ["-10:2"],
        [[0, 1]], [[1, 1, 0]],
        [long([[0, 1], [1, 0]])], [long([-1, 0])], [long(1)], [long([0, 0, 1])],
        [torch.tensor([0, 1], dtype=torch.int32), ":", long([1, 3])],
        [long([1, 0]), 0, long([2, 3])],
        [":", long([0, 2]), long([1, 3])],
        [":", long([[0], [2]]), long([1, 3])],
        [long([[0], [1]]), long([[0, 2]])],
        [m23], [":", torch.tensor([True, False, True])], ["...", torch.tensor([True, False, False, True])],
        [torch.tensor([True, False])], [True], [False], [0, True, 1], [torch.tensor(True)],
        [0, None, long([[0, 1]]), None, "1:3"],
        [[True, False]], ["0:2", "0:3"], ["0:2"], [long([]).reshape(0)],
        [long([1]), "1:3", None],
    ]
    cases = [getitem_case(x, i) for i in idx]
    # PyTorch 2.x: a mask covers mask.dim() dims, so x[m, 0] indexes the last dim with 0
    # (1.13 advanced the dim by one only and raised); the 2.x result is x[:, :, 0][m].
    cases.append(getitem_case(x, [m23, 0], expect=lambda t: t[:, :, 0][m23]))
    # non-contiguous inputs
    for lay, i in [
        ("t", [1]), ("t", [":", long([2, 0])]), ("t", [long([3, 0]), "...", long([1])]), ("step", ["...", 2]),
        ("step", [long([0, 0])]), ("expand", [long([2, 0]), 1]), ("t", [torch.tensor([True, False, True, True])]),
    ]:
        cases.append(getitem_case(make((1, 3, 4), torch.float32, 26) if lay == "expand" else x, i, lay))
    # every dtype
    for dt in ALL:
        y = make((3, 4), dt, 2)
        for i in [[1, "1:"], [long([2, 0, 2])], [":", torch.tensor([True, False, True, False])], ["::2", long([-1])]]:
            cases.append(getitem_case(y, i))
    return cases


def getitem_errors():
    x = torch.zeros(2, 3, 4)
    m = torch.tensor([True, False, True])
    errs = {
        "int_oob": ([5], lambda: x[5]),
        "int_oob_neg": ([-3], lambda: x[-3]),
        "int_oob_dim1": ([":", 3], lambda: x[:, 3]),
        "int_oob_none": ([None, 5], lambda: x[None, 5]),
        "int_oob_ellipsis": ([0, "...", 9], lambda: x[0, ..., 9]),
        "too_many": ([0, 0, 0, 0], lambda: x[0, 0, 0, 0]),
        "too_many_mask": ([torch.zeros(2, 3, 4, dtype=torch.bool), 0], lambda: x[torch.zeros(2, 3, 4, dtype=torch.bool), 0]),
        "tensor_oob": ([long([5])], lambda: x[long([5])]),
        "tensor_oob_neg": ([":", long([-5])], lambda: x[:, long([-5])]),
        "tensor_oob_second": ([long([0]), long([3])], lambda: x[long([0]), long([3])]),
        "mask_shape": ([m], lambda: x[m]),
        "mask_shape_dim1": ([":", torch.tensor([True, False])], lambda: x[:, torch.tensor([True, False])]),
        "negative_step": (["::-1"], lambda: x[::-1]),
        "broadcast": ([long([0, 1]), long([0, 1, 2])], lambda: x[long([0, 1]), long([0, 1, 2])]),
        "float_index": ([torch.tensor([0.0])], lambda: x[torch.tensor([0.0])]),
    }
    out = {}
    for k, (idx, fn) in errs.items():
        e = error_of(fn)
        if k == "float_index":
            # PyTorch 2.x accepts int32 indices and says so in this message
            e["message"] = "tensors used as indices must be long, int, byte or bool tensors"
        out[k] = {"index": idx, "error": e}
    return out


# ---------------------------------------------------------------- x[...] = v, index_put_


def setitem_case(base, idx, values, accumulate=False, tensor_form=False, grads=False):
    case = {"base": base, "index": idx, "values": values, "accumulate": accumulate}
    b = base.detach().clone().requires_grad_(grads)
    v = values.detach().clone().requires_grad_(grads) if isinstance(values, torch.Tensor) else values
    x = b * 1 if grads else b.clone()
    if tensor_form:
        x = x.index_put_(tuple(i if i is not None else None for i in idx), v, accumulate=accumulate)
    else:
        assert not accumulate
        x[py_indices(idx)] = v
    case["out"] = x
    if grads:
        case["node"] = x.grad_fn.name()
        x.backward(grad_output(x))
        case["grad"] = b.grad
        case["values_grad"] = v.grad
    return case


def setitem_cases():
    x = make((3, 4), torch.float32, 3)
    cases = [
        setitem_case(x, [long([0, 2])], make((2, 4), torch.float32, 4), tensor_form=True, grads=True),
        setitem_case(x, [long([0, 2]), long([1, 1])], torch.tensor([5.0, 6.0]), tensor_form=True, grads=True),
        setitem_case(x, [long([0, 0, 2]), long([1, 1, 3])], torch.tensor([5.0, 6.0, 7.0]), True, True, True),
        setitem_case(x, [long([1, 1])], torch.tensor([1.0, 2.0, 3.0, 4.0]), True, True, True),
        setitem_case(x, [x > 0], torch.tensor(9.0), tensor_form=True, grads=True),
        setitem_case(x, [long([[0], [1]]), long([[1, 2]])], torch.tensor([[1.0, 2.0], [3.0, 4.0]]), False, True, True),
        setitem_case(x, [1], torch.tensor([1.0, 2.0, 3.0, 4.0])),
        setitem_case(x, ["1:", 2], 7.0),
        setitem_case(x, ["...", "::2"], torch.tensor([[1.0, 2.0]])),
        setitem_case(x, [0, long([3, 1])], torch.tensor([8.0, 9.0])),
        setitem_case(x, [":", torch.tensor([True, False, False, True])], -1.0),
        setitem_case(x, [[0, 1]], torch.tensor([[[1.0, 2.0, 3.0, 4.0]]])),
        setitem_case(x, [-1], torch.ones(1, 1, 4)),
    ]
    # None in the tensor form is a whole dim (PyTorch's C++ index_put_ with an undefined tensor);
    # the Python equivalent is x[:, idx] = v
    c = setitem_case(x, [":", long([0, 3])], torch.tensor([1.0, 2.0]))
    c["index"] = [None, long([0, 3])]
    cases.append(c)
    for dt in ALL:
        y = make((3, 4), dt, 5)
        v = make((2,), dt, 6)
        cases.append(setitem_case(y, [long([2, 0]), long([1, 3])], v, tensor_form=True))
        if dt != torch.bool:
            cases.append(setitem_case(y, [long([2, 2]), long([1, 1])], v, True, True))
        cases.append(setitem_case(y, ["1:", 0], v))
    return cases


def setitem_errors():
    x = torch.zeros(3)
    return {
        "dtype": {"index": [long([1])], "values": torch.ones(1, dtype=torch.float64),
                  "error": error_of(lambda: x.index_put_((long([1]),), torch.ones(1, dtype=torch.float64)))},
        "shape": {"index": [long([0, 1])], "values": torch.ones(3),
                  "error": error_of(lambda: x.index_put_((long([0, 1]),), torch.ones(3)))},
        "oob": {"index": [long([5])], "values": torch.ones(1),
                "error": error_of(lambda: x.index_put_((long([5]),), torch.ones(1)))},
        "too_many": {"index": [long([0]), long([0])], "values": torch.ones(1),
                     "error": error_of(lambda: x.index_put_((long([0]), long([0])), torch.ones(1)))},
    }


# ---------------------------------------------------------------- dim-wise ops


def op_case(op, args, kwargs=None, diff=(), layouts=None, method=None):
    """Calls torch.<op>(*args, **kwargs) (or args[0].clone().<method>(...) for in-place forms).
    args may hold tensors; positions in `diff` require grad (their base tensors get .grad)."""
    kwargs = kwargs or {}
    layouts = layouts or {}
    case = {"op": op, "method": method, "args": args, "kwargs": kwargs, "diff": list(diff), "layouts": layouts}
    bases, call = [], []
    for i, a in enumerate(args):
        if isinstance(a, torch.Tensor):
            b = a.detach().clone().requires_grad_(i in diff)
            bases.append(b)
            t = layout(b, layouts.get(str(i), ""))
            if op in ("masked_select", "masked_scatter") and i == 0 and layouts:
                # 1.13's masked_scatter_ (and so masked_select's backward) fills a non-contiguous
                # tensor in memory order; PyTorch 2.x iterates in logical order, which a
                # contiguous input gives here with the same values and gradients
                t = t.contiguous()
            call.append(t)
        else:
            bases.append(None)
            call.append(a)
    if method:
        out = getattr(call[0].clone(), method)(*call[1:], **kwargs)
    else:
        out = getattr(torch, op)(*call, **kwargs)
    case["out"] = list(out) if isinstance(out, tuple) else out
    if isinstance(out, torch.Tensor) and out.requires_grad:
        case["node"] = out.grad_fn.name()
        out.backward(grad_output(out))
        case["grads"] = [bases[i].grad for i in diff]
    return case


def dim_op_cases():
    cases = []
    x = make((3, 4), torch.float32, 7)
    for dt in ALL:
        y = make((3, 4), dt, 8)
        cases.append(op_case("index_select", [y, 0, long([2, 0, 2])], diff=[0] if dt in FLOAT else []))
        cases.append(op_case("index_select", [y, -1, torch.tensor([3, 1], dtype=torch.int32)], diff=[0] if dt in FLOAT else []))
        cases.append(op_case("gather", [y, 1, long([[0, 0], [3, 1], [2, 2]])], diff=[0] if dt in FLOAT else []))
        cases.append(op_case("gather", [y, 0, long([[0, 2, 1, 0]])], diff=[0] if dt in FLOAT else []))
        cases.append(op_case("take", [y, long([[0, -1], [5, 5]])], diff=[0] if dt in FLOAT else []))
        cases.append(op_case("masked_select", [y, torch.tensor([True, False, True, True])], diff=[0] if dt in FLOAT else []))
        cases.append(op_case("nonzero", [y]))
        cases.append(op_case("nonzero", [y], {"as_tuple": True}))
        cases.append(op_case("argwhere", [y]))
        src = make((2, 4), dt, 9)
        d = [0, 3] if dt in FLOAT else []
        cases.append(op_case("scatter", [y, 0, long([[2, 0, 1, 0], [1, 2, 0, 1]]), src], diff=d))
        cases.append(op_case("scatter_add", [y, 0, long([[2, 0, 1, 0], [2, 0, 0, 1]]), src], diff=d))
        cases.append(op_case("index_add", [y, 0, long([2, 2]), src], diff=d))
        cases.append(op_case("index_copy", [y, 0, long([2, 0]), src], diff=d))
        cases.append(op_case("index_fill", [y, 1, long([-1, 0]), True if dt == torch.bool else 7], diff=[0] if dt in FLOAT else []))
        cases.append(op_case("masked_scatter", [y, torch.tensor([[True, False, True, False]]), make((8,), dt, 10)], diff=d[:1] + [2] if d else []))
        if dt != torch.bool:
            cases.append(op_case("scatter", [y, 1, long([[0, 0], [1, 3], [0, 0]]), src[:, :2].clone() if False else make((3, 2), dt, 11)], {"reduce": "add"}))
            cases.append(op_case("scatter", [y, 1, long([[0, 0], [1, 3], [0, 0]]), make((3, 2), dt, 11)], {"reduce": "multiply"}))
            cases.append(op_case("scatter", [y, 1, long([[0], [3], [2]]), 5]))
            cases.append(op_case("index_add", [y, 1, torch.tensor([0, 0], dtype=torch.int32), make((3, 2), dt, 12)], {"alpha": 2}))
    # floats only: derivatives through scalar values, in-place forms, non-contiguous inputs
    cases.append(op_case("scatter", [x, 1, long([[0], [3], [2]]), 2.5], diff=[0]))
    cases.append(op_case("scatter", [x, 0, long([[1, 0]]), make((1, 2), torch.float32, 13)], diff=[0, 3], method="scatter_"))
    cases.append(op_case("scatter_add", [x, 1, long([[0, 0, 0]] * 3), make((3, 3), torch.float32, 14)], diff=[0, 3], method="scatter_add_"))
    cases.append(op_case("index_add", [x, 0, long([0, 0, 1]), make((3, 4), torch.float32, 15)], {"alpha": -1.5}, diff=[0, 3]))
    cases.append(op_case("index_add", [x, 0, long([0, 0, 1]), make((3, 4), torch.float32, 15)], {"alpha": 2}, diff=[0, 3], method="index_add_"))
    cases.append(op_case("index_fill", [x, 0, long([1]), -2.0], diff=[0], method="index_fill_"))
    cases.append(op_case("index_copy", [x, 1, long([3, 0]), make((3, 2), torch.float32, 16)], diff=[0, 3], method="index_copy_"))
    cases.append(op_case("masked_scatter", [x, x > 0, make((12,), torch.float32, 17)], diff=[0, 2], method="masked_scatter_"))
    cases.append(op_case("masked_select", [x, torch.tensor([[True], [False], [True]])], diff=[0]))
    cases.append(op_case("masked_select", [make((4,), torch.float32, 18), torch.tensor([[True, False, True, True], [False, False, True, False]])], diff=[0]))
    cases.append(op_case("masked_scatter", [make((4,), torch.float32, 19), torch.tensor([[True, False, True, True], [False, False, True, False]]), make((6,), torch.float32, 20)], diff=[0, 2]))
    cases.append(op_case("index_put", [x, [long([0, 0]), long([1, 1])], torch.tensor([1.0, 2.0]), True], diff=[0, 2]))
    cases.append(op_case("index_put", [x, [long([2, 0])], torch.tensor([1.0, 2.0, 3.0, 4.0])], diff=[0, 2]))
    t = make((4, 3), torch.float32, 21)
    for op, args, d in [
        ("index_select", [t, 1, long([2, 0, 2])], [0]),
        ("gather", [t, 1, long([[0, 2], [1, 1], [2, 0]])], [0]),
        ("take", [t, long([0, 5, 11])], [0]),
        ("masked_select", [t, torch.tensor([True, False, True, True])], [0]),
        ("scatter", [t, 1, long([[0, 2], [1, 1], [2, 0]]), make((3, 2), torch.float32, 22)], [0, 3]),
        ("index_add", [t, 1, long([1, 1]), make((3, 2), torch.float32, 23)], [0, 3]),
        ("nonzero", [t > 0], []),
    ]:
        cases.append(op_case(op, args, diff=d, layouts={"0": "t"}))
    cases.append(op_case("gather", [make((6, 2), torch.float32, 24), 0, long([[1, 2], [0, 0]])], diff=[0], layouts={"0": "step"}))
    cases.append(op_case("index_select", [make((1, 4), torch.float32, 25), 0, long([2, 0])], diff=[0], layouts={"0": "expand"}))
    cases.append(op_case("index_select", [x, 1, long(2)], diff=[0]))
    return cases


def dim_op_errors():
    z = torch.arange(3.0)
    i = long([5])
    e = {
        "gather_oob": ("gather", [z, 0, i]),
        "gather_neg": ("gather", [z, 0, long([-1])]),
        "gather_dtype": ("gather", [z, 0, torch.tensor([0], dtype=torch.int32)]),
        "gather_dims": ("gather", [z, 0, long([[0]])]),
        "gather_size": ("gather", [torch.zeros(2, 3), 0, torch.zeros(2, 5, dtype=torch.long)]),
        "scatter_oob": ("scatter", [z, 0, i, 1.0]),
        "scatter_neg": ("scatter", [z, 0, long([-1]), 1.0]),
        "scatter_dtype": ("scatter", [z, 0, long([0]), torch.ones(1, dtype=torch.float64)]),
        "scatter_index_dtype": ("scatter", [z, 0, torch.tensor([0], dtype=torch.int32), 1.0]),
        "scatter_size": ("scatter", [torch.zeros(2, 3), 0, torch.zeros(2, 5, dtype=torch.long), torch.ones(2, 3)]),
        "scatter_dims": ("scatter", [torch.zeros(2, 3), 0, torch.zeros(3, dtype=torch.long), 1.0]),
        "scatter_add_oob": ("scatter_add", [z, 0, i, torch.ones(1)]),
        "index_select_oob": ("index_select", [z, 0, i]),
        "index_select_neg": ("index_select", [z, 0, long([-1])]),
        "index_select_2d": ("index_select", [z, 0, long([[0]])]),
        "index_select_dtype": ("index_select", [z, 0, torch.tensor([0.0])]),
        "index_add_oob": ("index_add", [z, 0, i, torch.ones(1)]),
        "index_add_count": ("index_add", [z, 0, long([0]), torch.ones(2)]),
        "index_add_dtype": ("index_add", [z, 0, long([0]), torch.ones(1, dtype=torch.float64)]),
        "index_add_index_dtype": ("index_add", [z, 0, torch.tensor([0.0]), torch.ones(1)]),
        "index_fill_oob": ("index_fill", [z, 0, i, 1.0]),
        "index_fill_dtype": ("index_fill", [z, 0, torch.tensor([0], dtype=torch.int32), 1.0]),
        "index_copy_oob": ("index_copy", [z, 0, i, torch.ones(1)]),
        "index_copy_neg": ("index_copy", [z, 0, long([-1]), torch.ones(1)]),
        "take_oob": ("take", [z, i]),
        "take_dtype": ("take", [z, torch.tensor([0], dtype=torch.int32)]),
        "masked_select_shape": ("masked_select", [z, torch.tensor([True, False])]),
        "masked_scatter_few": ("masked_scatter", [z, torch.tensor([True, True, False]), torch.ones(1)]),
        "masked_scatter_dtype": ("masked_scatter", [z, torch.tensor([True, True, False]), torch.ones(3, dtype=torch.float64)]),
    }
    out = {k: {"op": op, "args": args, "error": error_of(lambda: getattr(torch, op)(*args))} for k, (op, args) in e.items()}
    out["scatter_reduce_arg"] = {"op": "scatter", "args": [z, 0, long([0]), 1.0], "kwargs": {"reduce": "max"},
                                 "error": error_of(lambda: torch.scatter(z, 0, long([0]), 1.0, reduce="max"))}
    out["masked_select_int_mask"] = {"op": "masked_select", "args": [z, long([1, 0, 1])],
                                     # PyTorch 2.x accepts only bool masks here
                                     "error": {"type": "RuntimeError", "message": "masked_select: expected BoolTensor for mask"}}
    w = torch.ones(3, requires_grad=True)
    out["scatter_reduce_backward"] = {
        "error": error_of(lambda: torch.scatter(w, 0, long([0]), 2.0, reduce="add").sum().backward()),
        "node": torch.scatter(w, 0, long([0]), 2.0, reduce="add").grad_fn.name(),
    }
    return out


def main():
    write("indexing", {
        "getitem": getitem_cases(),
        "getitem_errors": getitem_errors(),
        "setitem": setitem_cases(),
        "setitem_errors": setitem_errors(),
        "ops": dim_op_cases(),
        "op_errors": dim_op_errors(),
    })
