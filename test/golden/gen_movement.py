"""Views, joining and shaping ops: values, shapes, strides, storage offsets, whether the
result is a view, grad_fn names, input gradients for a fixed grad_output, and errors.

A case names an op, its inputs and arguments; each input is a base tensor plus a "prep" list of
view steps (transpose, narrow, expand, ...) applied after the base is made a leaf, so inputs can
be non-contiguous and gradients are recorded for the bases. The tests replay the same recipes.

PyTorch 2.x differences applied here (PyTorch 1.13 runs this script):
- reshape/flatten of a contiguous input is a plain view in 2.x (ViewBackward0); 1.13 says
  ReshapeAliasBackward0, which 2.x keeps only for non-contiguous inputs that can be viewed.
- squeeze with a list of dims exists in 2.x only (SqueezeBackward2); it is emulated here.
- narrow's start check and tril/triu's dimension check use 2.x's messages.
"""
import torch

from common import error_of, write

DT = {
    "float32": torch.float32,
    "float64": torch.float64,
    "int64": torch.int64,
    "int32": torch.int32,
    "bool": torch.bool,
}


def base_tensor(shape, dtype):
    n = 1
    for s in shape:
        n *= s
    v = torch.arange(n, dtype=torch.float64)
    if dtype == "bool":
        t = (v % 3) == 1
    elif dtype in ("int64", "int32"):
        t = (v * 3 - 5).to(DT[dtype])
    else:
        t = (v * 0.5 - 1.25).to(DT[dtype])
    return t.reshape(shape)


def inp(shape, dtype="float32", *prep):
    return {"base": base_tensor(shape, dtype), "prep": [list(p) for p in prep]}


# the view steps the tests replay (test/op_db/golden/movement.ts apply_prep), each a Tensor method
PREP_STEPS = {"t", "transpose", "permute", "narrow", "select", "expand", "unsqueeze"}


def apply_prep(t, prep):
    for name, *args in prep:
        if name not in PREP_STEPS:
            raise ValueError(name)
        t = getattr(t, name)(*args)
    return t


def squeeze_dims(x, dims):
    """2.x's squeeze(dims): drops each listed dim of size 1 (emulated on 1.13)."""
    nd = max(x.dim(), 1)
    for d in sorted({d % nd for d in dims}, reverse=True):
        x = x.squeeze(d)
    return x


OPS = {
    "view": lambda xs, *a, **k: xs[0].view(*a, **k),
    "reshape": lambda xs, *a, **k: xs[0].reshape(*a, **k),
    "view_as": lambda xs: xs[0].view_as(xs[1]),
    "reshape_as": lambda xs: xs[0].reshape_as(xs[1]),
    "expand": lambda xs, *a: xs[0].expand(*a),
    "expand_as": lambda xs: xs[0].expand_as(xs[1]),
    "permute": lambda xs, *a: xs[0].permute(*a),
    "transpose": lambda xs, *a: xs[0].transpose(*a),
    "swapaxes": lambda xs, *a: xs[0].swapaxes(*a),
    "t": lambda xs: xs[0].t(),
    "T": lambda xs: xs[0].T,
    "mT": lambda xs: xs[0].mT,
    "squeeze": lambda xs, *a: xs[0].squeeze(*a),
    "unsqueeze": lambda xs, *a: xs[0].unsqueeze(*a),
    "flatten": lambda xs, *a, **k: xs[0].flatten(*a, **k),
    "unflatten": lambda xs, *a: xs[0].unflatten(*a),
    "narrow": lambda xs, *a: xs[0].narrow(*a),
    "select": lambda xs, *a: xs[0].select(*a),
    "movedim": lambda xs, *a: xs[0].movedim(*a),
    "moveaxis": lambda xs, *a: xs[0].moveaxis(*a),
    "diagonal": lambda xs, *a, **k: xs[0].diagonal(*a, **k),
    "as_strided": lambda xs, *a: xs[0].as_strided(*a),
    "contiguous": lambda xs: xs[0].contiguous(),
    "clone": lambda xs: xs[0].clone(),
    "unbind": lambda xs, *a: list(xs[0].unbind(*a)),
    "split": lambda xs, *a, **k: list(xs[0].split(*a, **k)),
    "chunk": lambda xs, *a, **k: list(xs[0].chunk(*a, **k)),
    "tensor_split": lambda xs, *a, **k: list(xs[0].tensor_split(*a, **k)),
    "hsplit": lambda xs, *a: list(torch.hsplit(xs[0], *a)),
    "vsplit": lambda xs, *a: list(torch.vsplit(xs[0], *a)),
    "cat": lambda xs, *a, **k: torch.cat(xs, *a, **k),
    "concat": lambda xs, *a, **k: torch.concat(xs, *a, **k),
    "stack": lambda xs, *a, **k: torch.stack(xs, *a, **k),
    "hstack": lambda xs: torch.hstack(xs),
    "vstack": lambda xs: torch.vstack(xs),
    "dstack": lambda xs: torch.dstack(xs),
    "flip": lambda xs, *a: xs[0].flip(*a),
    "fliplr": lambda xs: torch.fliplr(xs[0]),
    "flipud": lambda xs: torch.flipud(xs[0]),
    "roll": lambda xs, *a, **k: xs[0].roll(*a, **k),
    "tril": lambda xs, *a, **k: xs[0].tril(*a, **k),
    "triu": lambda xs, *a, **k: xs[0].triu(*a, **k),
    "repeat": lambda xs, *a: xs[0].repeat(*a),
    "tile": lambda xs, *a: xs[0].tile(*a),
    "atleast_1d": lambda xs: torch.atleast_1d(xs[0]),
    "atleast_2d": lambda xs: torch.atleast_2d(xs[0]),
    "atleast_3d": lambda xs: torch.atleast_3d(xs[0]),
    "diag_embed": lambda xs, *a, **k: torch.diag_embed(xs[0], *a, **k),
    "diag": lambda xs, *a: torch.diag(xs[0], *a),
}


def squeeze_list(xs, dims):
    return squeeze_dims(xs[0], dims)


def gout_for(t):
    n = t.numel()
    return (torch.arange(n, dtype=torch.float64) * 0.25 - 0.5).reshape(t.shape).to(t.dtype)


def is_view_of(out, x):
    base = x._base if x._base is not None else x
    return out._base is base


def run(op, inputs, args=(), kwargs=None, skip_grads=(), node_override=None):
    kwargs = kwargs or {}
    bases = [s["base"].clone() for s in inputs]
    for b in bases:
        if b.dtype.is_floating_point:
            b.requires_grad_(True)
    xs = [apply_prep(b, s["prep"]) for b, s in zip(bases, inputs)]
    fn = squeeze_list if op == "squeeze_dims" else OPS[op]
    out = fn(xs, *args, **kwargs)
    multi = isinstance(out, list)
    outs = out if multi else [out]
    case = {
        "op": op,
        "inputs": inputs,
        "args": list(args),
        "kwargs": kwargs,
        "out": outs if multi else out,
        "strides": [list(o.stride()) for o in outs],
        "offsets": [o.storage_offset() for o in outs],
        "view": [is_view_of(o, xs[0]) for o in outs],
        "same": [o is xs[0] for o in outs],
        "nodes": [o.grad_fn.name() if o.grad_fn is not None else None for o in outs],
    }
    if node_override:
        case["nodes"] = [node_override(n) for n in case["nodes"]]
    if any(b.requires_grad for b in bases) and any(o.requires_grad for o in outs):
        pairs = [(o, gout_for(o)) for i, o in enumerate(outs) if o.requires_grad and i not in skip_grads]
        case["gouts"] = [gout_for(o) if (o.requires_grad and i not in skip_grads) else None for i, o in enumerate(outs)]
        torch.autograd.backward([p[0] for p in pairs], [p[1] for p in pairs])
        case["grads"] = [b.grad for b in bases]
    return case


def view_2x(name):
    # 2.x: reshape/flatten of a contiguous tensor calls view
    return "ViewBackward0" if name == "ReshapeAliasBackward0" else name


def err(op, inputs, args=(), kwargs=None, override=None):
    kwargs = kwargs or {}
    xs = [apply_prep(s["base"].clone(), s["prep"]) for s in inputs]
    fn = OPS[op]
    e = error_of(lambda: fn(xs, *args, **kwargs))
    if op == "narrow" and "Dimension out of range" in e["message"]:
        # 2.x checks narrow's start with its own message
        size = xs[0].shape[args[0]]
        e["message"] = f"start out of range (expected to be in range of [{-size}, {size}], but got {args[1]})"
    if override:
        e = {"type": "RuntimeError", "message": override}
    return {"op": op, "inputs": inputs, "args": list(args), "kwargs": kwargs, "error": e}


def view_cases():
    c = []
    x23 = inp([2, 3])
    xt = inp([3, 2], "float32", ["t"])  # [2, 3] transposed
    c.append(run("view", [x23], [3, 2]))
    c.append(run("view", [x23], [-1]))
    c.append(run("view", [x23], [[1, -1, 3]]))
    c.append(run("view", [inp([4, 3], "float32", ["narrow", 1, 0, 2])], [2, 2, 2]))
    c.append(run("view", [inp([2, 3, 4], "float32", ["transpose", 1, 2])], [2, 2, 2, 3]))
    c.append(run("view", [inp([], "float32")], [1, 1]))
    c.append(run("view", [inp([0, 3], "float32")], [3, 0]))
    c.append(run("view", [inp([2, 3], "int64")], [6]))
    c.append(run("view", [inp([2, 3], "bool")], [3, -1]))
    c.append(run("view", [inp([2, 1, 3], "float32", ["expand", 2, 4, 3])], [2, 4, 1, 3]))
    c.append(run("reshape", [x23], [3, 2], node_override=view_2x))
    c.append(run("reshape", [xt], [6]))  # copy: UnsafeViewBackward0 over CloneBackward0
    c.append(run("reshape", [xt], [[3, 2]]))
    c.append(run("reshape", [inp([4, 3], "float32", ["narrow", 1, 0, 2])], [2, 2, 2]))  # viewable, non-contiguous
    c.append(run("reshape", [inp([2, 3], "int32", ["t"])], [-1]))
    c.append(run("reshape", [inp([1, 3], "float32", ["expand", 4, 3])], [12]))
    c.append(run("view_as", [x23, inp([3, 2])]))
    c.append(run("reshape_as", [xt, inp([3, 2])]))
    c.append(run("expand", [inp([3, 1])], [3, 4]))
    c.append(run("expand", [inp([3, 1])], [2, -1, 4]))
    c.append(run("expand", [inp([3], "int64")], [[2, 3]]))
    c.append(run("expand", [inp([], "float32")], [2, 2]))
    c.append(run("expand", [inp([1, 3], "float32", ["t"])], [3, 5]))
    c.append(run("expand_as", [inp([1, 3]), inp([2, 3])]))
    c.append(run("permute", [inp([2, 3, 4])], [2, 0, 1]))
    c.append(run("permute", [inp([2, 3, 4])], [[-1, 0, -2]]))
    c.append(run("permute", [inp([2, 3], "bool", ["t"])], [1, 0]))
    c.append(run("transpose", [inp([2, 3, 4])], [0, -1]))
    c.append(run("transpose", [inp([2, 3])], [1, 1]))
    c.append(run("swapaxes", [inp([2, 3, 4], "int32")], [2, 1]))
    c.append(run("t", [x23]))
    c.append(run("t", [inp([3])]))
    c.append(run("t", [xt]))
    c.append(run("T", [inp([2, 3, 4])]))
    c.append(run("T", [x23]))
    c.append(run("mT", [inp([2, 3, 4])]))
    c.append(run("squeeze", [inp([2, 1, 3, 1])]))
    c.append(run("squeeze", [inp([2, 1, 3, 1])], [1]))
    c.append(run("squeeze", [inp([2, 1, 3, 1])], [-1]))
    c.append(run("squeeze", [inp([2, 1, 3, 1])], [0]))  # size 2: unchanged view
    c.append(run("squeeze", [inp([], "float32")]))
    c.append(run("squeeze", [inp([1, 3], "float32", ["t"])]))
    # 2.x: squeeze(dims) takes a list and records SqueezeBackward2
    sq = run("squeeze_dims", [inp([2, 1, 3, 1])], [[1, -1, 0]], node_override=lambda n: "SqueezeBackward2")
    sq["op"] = "squeeze"
    c.append(sq)
    c.append(run("unsqueeze", [x23], [0]))
    c.append(run("unsqueeze", [x23], [-1]))
    c.append(run("unsqueeze", [xt], [1]))
    c.append(run("unsqueeze", [inp([], "int64")], [0]))
    c.append(run("flatten", [inp([2, 3, 4])], node_override=view_2x))
    c.append(run("flatten", [inp([2, 3, 4])], [1], node_override=view_2x))
    c.append(run("flatten", [inp([2, 3, 4])], [0, -2], node_override=view_2x))
    c.append(run("flatten", [inp([2, 3, 4], "float32", ["transpose", 0, 2])], [1]))  # copies
    c.append(run("flatten", [inp([2, 3, 4])], [1, 1]))  # returns self
    c.append(run("flatten", [inp([], "float32")], node_override=view_2x))
    c.append(run("flatten", [inp([2, 3], "bool")], node_override=view_2x))
    c.append(run("unflatten", [inp([2, 12])], [1, [3, 4]]))
    c.append(run("unflatten", [inp([2, 12])], [-1, [2, -1, 3]]))
    c.append(run("unflatten", [inp([6, 2], "float32", ["t"])], [0, [1, 2]]))
    c.append(run("narrow", [x23], [1, 1, 2]))
    c.append(run("narrow", [x23], [-1, -2, 1]))
    c.append(run("narrow", [xt], [0, 1, 1]))
    c.append(run("narrow", [inp([4], "int64")], [0, 4, 0]))
    c.append(run("select", [x23], [1, -1]))
    c.append(run("select", [xt], [0, 1]))
    c.append(run("select", [inp([3], "bool")], [0, 2]))
    c.append(run("movedim", [inp([2, 3, 4])], [0, 2]))
    c.append(run("movedim", [inp([2, 3, 4])], [[0, 1], [2, 0]]))
    c.append(run("moveaxis", [inp([2, 3, 4])], [-1, 0]))
    c.append(run("movedim", [inp([])], [0, -1]))
    c.append(run("diagonal", [inp([3, 4])]))
    c.append(run("diagonal", [inp([3, 4])], [1]))
    c.append(run("diagonal", [inp([3, 4])], [-1]))
    c.append(run("diagonal", [inp([2, 3, 4])], [0, 2, 0]))
    c.append(run("diagonal", [inp([3, 4])], [5]))
    c.append(run("diagonal", [inp([3, 4], "float32", ["t"])], [], {"offset": 1, "dim1": 1, "dim2": 0}))
    c.append(run("as_strided", [inp([3, 4])], [[2, 2], [1, 2]]))
    c.append(run("as_strided", [inp([3, 4])], [[2, 2], [4, 1], 5]))
    c.append(run("as_strided", [inp([3, 4])], [[3, 3], [1, 1]]))  # overlapping output
    c.append(run("as_strided", [inp([4, 3], "float32", ["t"])], [[2, 3], [1, 3], 1]))  # transposed input
    c.append(run("as_strided", [inp([4, 3], "float32", ["narrow", 0, 1, 2])], [[2, 2], [3, 1]]))  # offset input
    c.append(run("as_strided", [inp([3, 4], "float32", ["narrow", 1, 1, 2])], [[4], [2], 1]))  # gaps in input
    c.append(run("as_strided", [inp([2, 3])], [[3], [0]]))
    c.append(run("contiguous", [x23]))
    c.append(run("contiguous", [xt]))
    return c


def joining_cases():
    c = []
    a = inp([2, 3])
    b = inp([2, 2])
    c.append(run("cat", [a, inp([1, 3])]))
    c.append(run("cat", [a, b], [1]))
    c.append(run("cat", [a, b, a], [-1]))
    c.append(run("cat", [a, inp([3, 2], "float32", ["t"])], [], {"dim": 0}))
    c.append(run("cat", [inp([2, 3], "int64"), inp([1, 3], "int32")]))
    c.append(run("cat", [inp([2, 3], "int32"), inp([1, 3], "float32")]))
    c.append(run("cat", [inp([2], "bool"), inp([1], "bool")]))
    c.append(run("cat", [inp([2], "bool"), inp([1], "int64")]))
    c.append(run("cat", [inp([2, 3], "float32"), inp([0], "float64"), inp([1, 3], "float32")]))  # legacy skip
    c.append(run("cat", [inp([0], "float32"), inp([2, 3], "float32")], [1]))
    c.append(run("cat", [inp([0, 3]), inp([2, 3])]))
    c.append(run("cat", [inp([1, 3], "float32", ["expand", 2, 3]), a]))
    c.append(run("cat", [a]))
    c.append(run("concat", [a, b], [1]))
    c.append(run("stack", [a, a]))
    c.append(run("stack", [a, inp([3, 2], "float32", ["t"])], [2]))
    c.append(run("stack", [a, a], [-1]))
    c.append(run("stack", [inp([], "float32"), inp([], "float32")]))
    c.append(run("stack", [inp([3], "int64"), inp([3], "float32")], [], {"dim": 1}))
    c.append(run("hstack", [inp([2]), inp([3])]))
    c.append(run("hstack", [a, b]))
    c.append(run("hstack", [inp([]), inp([2])]))
    c.append(run("vstack", [inp([3]), a]))
    c.append(run("dstack", [inp([3]), inp([3])]))
    c.append(run("atleast_1d", [inp([])], node_override=view_2x))
    c.append(run("atleast_2d", [inp([3])]))
    c.append(run("atleast_3d", [inp([2, 3])]))
    c.append(run("unbind", [a]))
    c.append(run("unbind", [a], [1], skip_grads=(1,)))
    c.append(run("unbind", [inp([3, 2], "float32", ["t"])], [-1]))
    c.append(run("unbind", [inp([2, 3], "int64")], [1]))
    c.append(run("split", [inp([5, 2])], [2]))
    c.append(run("split", [inp([5, 2])], [2], skip_grads=(0,)))
    c.append(run("split", [inp([2, 5])], [[1, 3, 1], 1]))
    c.append(run("split", [inp([2, 5])], [[4, 1]], {"dim": -1}, skip_grads=(1,)))
    c.append(run("split", [inp([5, 2], "float32", ["t"])], [3, 1]))
    c.append(run("split", [inp([3], "int64")], [5]))
    c.append(run("split", [inp([4, 2])], [[0, 4]]))
    c.append(run("chunk", [inp([5, 2])], [3]))
    c.append(run("chunk", [inp([2, 6])], [4, 1]))
    c.append(run("chunk", [inp([2, 6])], [2], {"dim": -1}))
    c.append(run("tensor_split", [inp([7, 2])], [3]))
    c.append(run("tensor_split", [inp([2, 7])], [[1, 5, -1], 1]))
    c.append(run("tensor_split", [inp([2, 7])], [[4, 2, 9]], {"dim": 1}))
    c.append(run("tensor_split", [inp([3])], [5]))
    c.append(run("hsplit", [inp([2, 6])], [3]))
    c.append(run("hsplit", [inp([2, 6])], [[1, 4]]))
    c.append(run("vsplit", [inp([4, 2])], [2]))
    return c


def shaping_cases():
    c = []
    a = inp([2, 3])
    c.append(run("flip", [a], [0]))
    c.append(run("flip", [inp([2, 3, 4])], [[0, -1]]))
    c.append(run("flip", [inp([3, 2], "float32", ["t"])], [[0, 1]]))
    c.append(run("flip", [inp([2, 3], "int64")], [[1]]))
    c.append(run("flip", [inp([3], "bool")], [[0]]))
    c.append(run("flip", [inp([])], [[0]]))
    c.append(run("fliplr", [a]))
    c.append(run("flipud", [inp([3, 2], "int32")]))
    c.append(run("roll", [inp([2, 3])], [1]))
    c.append(run("roll", [inp([2, 3])], [-1, 1]))
    c.append(run("roll", [inp([2, 3])], [[1, 2], [0, 1]]))
    c.append(run("roll", [inp([3, 4], "float32", ["t"])], [5, 0]))
    c.append(run("roll", [inp([2, 3], "int64")], [], {"shifts": 2, "dims": -1}))
    c.append(run("roll", [inp([3, 2], "float32", ["t"])], [2]))  # flattened, non-contiguous
    c.append(run("tril", [inp([3, 4])]))
    c.append(run("tril", [inp([3, 4])], [1]))
    c.append(run("tril", [inp([2, 3, 3])], [-1]))
    c.append(run("tril", [inp([4, 3], "float32", ["t"])], [], {"diagonal": 0}))
    c.append(run("triu", [inp([3, 4])]))
    c.append(run("triu", [inp([3, 4], "int64")], [-1]))
    c.append(run("triu", [inp([3, 3], "bool")], [1]))
    c.append(run("triu", [inp([2, 3, 4])], [2]))
    c.append(run("repeat", [inp([2, 3])], [2, 1]))
    c.append(run("repeat", [inp([3])], [2, 2]))
    c.append(run("repeat", [inp([2, 3])], [[1, 2, 2]]))
    c.append(run("repeat", [inp([3, 2], "float32", ["t"])], [2, 2]))
    c.append(run("repeat", [inp([2], "bool")], [3]))
    c.append(run("repeat", [inp([2, 3])], [0, 1]))
    c.append(run("tile", [inp([2, 3])], [[2]]))
    c.append(run("tile", [inp([3], "int32")], [[2, 2]]))
    c.append(run("diag_embed", [inp([2, 3])]))
    c.append(run("diag_embed", [inp([3])], [1]))
    c.append(run("diag_embed", [inp([2, 3])], [-1, 0, 2]))
    # 2.x: diag is composite: diag_embed for a vector, diagonal_copy for a matrix
    c.append(run("diag", [inp([3])], node_override=lambda n: "DiagEmbedBackward0"))
    c.append(run("diag", [inp([3], "int64")], [-1]))
    c.append(run("diag", [inp([3, 4])], [1], node_override=lambda n: "DiagonalBackward0_copy"))
    c.append(run("diag", [inp([4, 3], "float32", ["t"])], node_override=lambda n: "DiagonalBackward0_copy"))
    return c


def error_cases():
    x = inp([2, 3])
    xt = inp([3, 2], "float32", ["t"])
    e = [
        err("view", [xt], [6]),
        err("view", [x], [-1, -1]),
        err("view", [x], [4, -1]),
        err("view", [x], [-2, 3]),
        err("view", [x], [4]),
        err("view", [inp([0])], [0, -1]),
        err("reshape", [x], [5]),
        err("permute", [x], [0]),
        err("permute", [x], [0, 0]),
        err("permute", [x], [0, 2]),
        err("expand", [x], [3]),
        err("expand", [x], [3, 3]),
        err("expand", [x], [-1, 2, 3]),
        err("t", [inp([2, 2, 2])]),
        err("transpose", [x], [0, 2]),
        err("squeeze", [x], [2]),
        err("unsqueeze", [x], [3]),
        err("flatten", [x], [1, 0]),
        err("unflatten", [x], [1, [2, 2]]),
        err("unflatten", [x], [1, []]),
        err("movedim", [x], [[0, 1], [0]]),
        err("movedim", [x], [[0, 0], [0, 1]]),
        err("narrow", [x], [1, 2, 2]),
        err("narrow", [x], [1, 4, 0]),
        err("select", [x], [1, 3]),
        err("select", [inp([])], [0, 0]),
        err("as_strided", [x], [[3, 3], [3, 1]]),
        err("diagonal", [x], [0, 0, 0]),
        err("cat", [x, inp([3, 3])], [1]),
        err("cat", [x, inp([3])], [1]),
        err("cat", []),
        err("cat", [x, x], [2]),
        err("cat", [inp([]), inp([])]),
        err("stack", [x, inp([2, 4])]),
        err("stack", []),
        err("stack", [x, x], [3]),
        err("hstack", []),
        err("unbind", [inp([2, 2, 2])], [3]),
        err("unbind", [inp([])], [0]),
        err("split", [x], [[1, 1], 1]),
        err("split", [x], [0, 1]),
        err("split", [x], [-1, 1]),
        err("chunk", [x], [0, 1]),
        err("chunk", [inp([])], [2]),
        err("tensor_split", [x], [0, 1]),
        err("hsplit", [inp([2, 5])], [2]),
        err("repeat", [x], [2]),
        err("repeat", [x], [-1, 1]),
        err("diag_embed", [x], [0, 1, -2]),
        err("flipud", [inp([])]),
        err("diag", [inp([2, 2, 2])], override="diag(): Supports 1D or 2D tensors. Got 3D"),
        err("roll", [x], [[1, 2], [0]]),
        err("roll", [x], [1, [0, 1]]),
        err("flip", [x], [[0, 0]]),
        err("fliplr", [inp([3])]),
        err("tril", [inp([3])], override="tril: input tensor must have at least 2 dimensions"),
        err("triu", [inp([])], override="triu: input tensor must have at least 2 dimensions"),
    ]
    return e


def stride_cases():
    """Layout facts: strides, is_contiguous (size-1 dims, empty tensors) and view strides."""
    out = []
    for shape, stride in [
        ([2, 3], [3, 1]),
        ([2, 3], [1, 2]),
        ([3, 1], [1, 1]),
        ([1, 3], [1, 1]),
        ([1, 3], [7, 1]),
        ([0, 3], [1, 5]),
        ([2, 0], [1, 1]),
        ([], []),
        ([2, 1, 3], [3, 9, 1]),
        ([2, 3], [0, 1]),
    ]:
        st = torch.empty(64).as_strided(shape, stride)
        out.append({"shape": shape, "stride": stride, "is_contiguous": st.is_contiguous()})
    views = []
    for shape, stride, new in [
        ([2, 3], [3, 1], [3, 2]),
        ([2, 3], [1, 2], [6]),
        ([2, 3], [1, 2], [2, 3, 1]),
        ([4, 2], [3, 1], [2, 2, 2]),
        ([2, 3, 4], [12, 1, 3], [2, 3, 2, 2]),
        ([2, 3, 4], [12, 1, 3], [6, 4]),
        ([0, 3], [3, 1], [3, 0]),
        ([0, 3], [1, 5], [0, 3]),
        ([], [], [1, 1]),
        ([1, 3], [9, 2], [3, 1]),
        ([2, 1, 3], [3, 9, 1], [6]),
        ([3, 2], [0, 1], [6]),
        ([3, 2], [0, 1], [3, 2, 1]),
    ]:
        base = torch.empty(64).as_strided(shape, stride)
        try:
            v = base.view(new)
            res = list(v.stride())
        except RuntimeError:
            res = None
        views.append({"shape": shape, "stride": stride, "new": new, "result": res})
    contig = [{"shape": s, "stride": list(torch.empty(s).stride())} for s in [[2, 3, 4], [2, 0, 3], [0], [], [1, 1]]]
    return {"is_contiguous": out, "view_strides": views, "contiguous_strides": contig}


def main():
    write(
        "movement",
        {
            "views": view_cases(),
            "joining": joining_cases(),
            "shaping": shaping_cases(),
            "errors": error_cases(),
            "layout": stride_cases(),
        },
    )
