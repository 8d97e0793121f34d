"""nn layers: Linear, Bilinear, Identity, Flatten/Unflatten, the dropouts, Embedding, LayerNorm,
RMSNorm and their functional forms.

Records initial parameters after manual_seed (exact: the modules' reset_parameters draw
PyTorch's numbers), module reprs, forward values and gradients for fixed inputs (weights are
recorded, not re-drawn), the graph under each result, dropout masks after manual_seed, and
PyTorch's error messages. Tensor arguments are encoded as in gen_linalg (base + view geometry).

PyTorch 2.x differences applied here (this generator runs 1.13):
- F.linear's graph comes from `linear_2x`, a copy of 2.x's at::linear: a contiguous input with a
  1-D bias (any rank but 2) is flattened, addmm'd and viewed back (_flatten_nd_linear); 1.13
  does that for 3-D input only. matmul comes from gen_linalg.matmul_2x.
- reshape of a contiguous tensor records ViewBackward0 in 2.x (1.13: ReshapeAliasBackward0).
- F.normalize: 2.x's Tensor.norm(p, dim) is linalg.vector_norm (LinalgVectorNormBackward0;
  1.13: NormBackward1).
- RMSNorm / F.rms_norm do not exist in 1.13: `rms_norm_2x` is 2.x's composite
  (aten/src/ATen/native/layer_norm.cpp) op for op; nn.RMSNorm's init is ones.
- nn.LayerNorm(bias=False) is 2.1+: built here as elementwise_affine with the bias removed.
"""
import torch
import torch.nn as nn
import torch.nn.functional as F

from common import enc, error_of, write
from gen_linalg import Arg, matmul_2x, walk

DT = {"float32": torch.float32, "float64": torch.float64}
RENAME = {"ReshapeAliasBackward0": "ViewBackward0", "NormBackward1": "LinalgVectorNormBackward0"}


def graph(t):
    return [[RENAME.get(n, n), [[RENAME.get(c, c), i] for c, i in nexts]] for n, nexts in walk(t)]


def R(*shape, dtype=torch.float32, rg=True):
    t = (torch.rand(shape, dtype=torch.float64) * 4 - 2).round(decimals=3)
    return Arg(t.to(dtype), rg)


def grad_out(out):
    return (torch.rand(out.shape, dtype=torch.float64) * 2 - 1).round(decimals=2).to(out.dtype)


def run(fn, args, extra=None):
    """fn(*built args) with a fixed grad_output: values, grads and graph."""
    built = [a.build() if isinstance(a, Arg) else a for a in args]
    out = fn(*built)
    rec = {"args": [a.encode() if isinstance(a, Arg) else None for a in args], "out": enc(out)}
    if extra:
        rec.update(extra)
    if out.requires_grad:
        go = grad_out(out)
        rec["graph"] = graph(out)
        out.backward(go)
        rec["grad_output"] = enc(go)
        rec["grads"] = [enc(b.grad) if isinstance(a, Arg) and a.rg else None for a, b in zip(args, built)]
    return rec


# ------------------------------------------------------------------ 2.x replicas
def linear_2x(input, weight, bias=None):
    d = input.dim()
    if d == 2 and bias is not None:
        return torch.addmm(bias, input, weight.t())
    if bias is not None and input.is_contiguous() and (d == 3 or bias.dim() == 1):
        sizes = list(input.shape)
        flat = 1
        for s in sizes[:-1]:
            flat *= s
        r = torch.addmm(bias, input.view(flat, sizes[-1]), weight.t())
        return r.view(*sizes[:-1], r.shape[1])
    out = matmul_2x(input, weight.t())
    return out.add_(bias) if bias is not None else out


def rms_norm_2x(x, normalized_shape, weight=None, eps=None):
    dims = [x.dim() - i - 1 for i in range(len(normalized_shape))]
    eps_val = torch.finfo(x.dtype).eps if eps is None else eps
    r = torch.rsqrt(x.pow(2).mean(dims, keepdim=True).add_(eps_val))
    result = x.mul(r)
    return result.mul(weight) if weight is not None else result


def normalize_2x(x, p=2.0, dim=1, eps=1e-12):
    denom = torch.linalg.vector_norm(x, p, dim, keepdim=True).clamp_min(eps).expand_as(x)
    return x / denom


# ------------------------------------------------------------------ init and repr
def param_dict(m):
    return {k: enc(v) for k, v in m.named_parameters()}


def init_cases():
    """Each build: [class, positional args, kwargs]; all built in order after one manual_seed."""
    specs = [
        ("Linear 4x3", 0, [["Linear", [4, 3], {}]]),
        ("Linear 1x1", 0, [["Linear", [1, 1], {}]]),
        ("Linear 5x2 no bias", 3, [["Linear", [5, 2], {"bias": False}]]),
        ("Linear 7x6 float64", 1, [["Linear", [7, 6], {"dtype": "float64"}]]),
        ("Linear 33x17", 2, [["Linear", [33, 17], {}]]),
        ("MLP 4-8-2", 42, [["Linear", [4, 8], {}], ["Linear", [8, 2], {}]]),
        ("Bilinear 3,4->2", 0, [["Bilinear", [3, 4, 2], {}]]),
        ("Bilinear 2,3->5 float64 no bias", 5, [["Bilinear", [2, 3, 5], {"bias": False, "dtype": "float64"}]]),
        ("Embedding 10x3", 0, [["Embedding", [10, 3], {}]]),
        ("Embedding 10x3 padding 0", 0, [["Embedding", [10, 3], {"padding_idx": 0}]]),
        ("Embedding 6x4 padding -2", 7, [["Embedding", [6, 4], {"padding_idx": -2}]]),
        ("Embedding 5x2 (scalar path)", 1, [["Embedding", [5, 2], {}]]),
        ("Embedding 9x5 (tail block)", 3, [["Embedding", [9, 5], {}]]),
        ("LayerNorm (2,3)", 0, [["LayerNorm", [[2, 3]], {}]]),
        ("Linear then Embedding", 11, [["Linear", [3, 2], {}], ["Embedding", [4, 4], {}]]),
        # PyTorch's positional parameters after the sizes
        ("Linear 5x2 bias=False positional", 3, [["Linear", [5, 2, False], {}]]),
        ("Bilinear bias=False positional", 5, [["Bilinear", [2, 3, 5, False], {"dtype": "float64"}]]),
        ("Embedding padding_idx positional", 0, [["Embedding", [10, 3, 0], {}]]),
    ]
    cases = []
    for name, seed, builds in specs:
        torch.manual_seed(seed)
        mods = []
        for cls, args, kw in builds:
            k = dict(kw)
            if "dtype" in k:
                k["dtype"] = DT[k["dtype"]]
            mods.append(getattr(nn, cls)(*args, **k))
        cases.append({
            "name": name, "seed": seed, "builds": builds,
            "params": [param_dict(m) for m in mods],
            # the next draw from the default generator: the modules consumed what PyTorch's did
            "after": enc(torch.rand(3)),
        })
    # float64 Embedding draws with the float64 normal path, which JS reproduces to a few ulps
    torch.manual_seed(4)
    cases.append({
        "name": "Embedding 8x4 float64", "seed": 4, "builds": [["Embedding", [8, 4], {"dtype": "float64"}]],
        "params": [param_dict(nn.Embedding(8, 4, dtype=torch.float64))], "after": enc(torch.rand(3)),
        "approx": True,
    })
    return cases


def reprs():
    def rms_repr(shape, eps=None, ea=True):
        return f"RMSNorm({tuple(shape)}, eps={eps}, elementwise_affine={ea})"

    ln_nobias = "LayerNorm((4,), eps=1e-05, elementwise_affine=True)"
    return [
        [["Linear", [4, 3], {}], str(nn.Linear(4, 3))],
        [["Linear", [2, 5], {"bias": False}], str(nn.Linear(2, 5, bias=False))],
        [["Bilinear", [2, 3, 4], {}], str(nn.Bilinear(2, 3, 4))],
        [["Identity", [54], {}], str(nn.Identity(54))],
        [["Flatten", [], {}], str(nn.Flatten())],
        [["Flatten", [0, 2], {}], str(nn.Flatten(0, 2))],
        [["Unflatten", [1, [2, 5]], {}], str(nn.Unflatten(1, (2, 5)))],
        [["Dropout", [], {}], str(nn.Dropout())],
        [["Dropout", [0.2, True], {}], str(nn.Dropout(0.2, True))],
        [["Dropout1d", [0.25], {}], str(nn.Dropout1d(0.25))],
        [["Dropout2d", [], {}], str(nn.Dropout2d())],
        [["Dropout3d", [0.1], {}], str(nn.Dropout3d(0.1))],
        [["AlphaDropout", [0.1], {}], str(nn.AlphaDropout(0.1))],
        [["FeatureAlphaDropout", [], {}], str(nn.FeatureAlphaDropout())],
        [["Embedding", [10, 3], {}], str(nn.Embedding(10, 3))],
        [["Embedding", [10, 3], {"padding_idx": 0}], str(nn.Embedding(10, 3, padding_idx=0))],
        [
            ["Embedding", [10, 3], {"padding_idx": -1, "max_norm": 1.5, "norm_type": 1, "scale_grad_by_freq": True}],
            str(nn.Embedding(10, 3, padding_idx=-1, max_norm=1.5, norm_type=1, scale_grad_by_freq=True)),
        ],
        [["LayerNorm", [4], {}], str(nn.LayerNorm(4))],
        [["LayerNorm", [[2, 3]], {"eps": 1e-6, "elementwise_affine": False}],
         str(nn.LayerNorm([2, 3], eps=1e-6, elementwise_affine=False))],
        [["LayerNorm", [4], {"bias": False}], ln_nobias],
        [["RMSNorm", [4], {}], rms_repr([4])],
        [["RMSNorm", [[2, 3]], {"eps": 1e-5, "elementwise_affine": False}], rms_repr([2, 3], 1e-05, False)],
        [["RMSNorm", [4], {"eps": 1}], rms_repr([4], 1)],
    ] + int_reprs()


def int_reprs():
    """An integral JS number stands for a Python int (docs/differences.md), and reprs print it as
    one: max_norm=1, not 1.0. Built on a forked generator, so the cases after these draw as before."""
    with torch.random.fork_rng():
        return [
            [["Embedding", [6, 3], {"max_norm": 1, "norm_type": 3}], str(nn.Embedding(6, 3, max_norm=1, norm_type=3))],
            [["Dropout", [1], {}], str(nn.Dropout(1))],
            [["Dropout2d", [0], {}], str(nn.Dropout2d(0))],
            [["AlphaDropout", [1], {}], str(nn.AlphaDropout(1))],
            [["LayerNorm", [4], {"eps": 1}], str(nn.LayerNorm(4, eps=1))],
            [["LayerNorm", [4], {"eps": 0}], str(nn.LayerNorm(4, eps=0))],
        ]


# ------------------------------------------------------------------ forward cases
def linear_cases():
    cases = []

    def add(name, x, w, b):
        ref = run(linear_2x, [x, w, b])
        bb = b.build() if b is not None else None
        assert torch.allclose(F.linear(x.build(), w.build(), bb), linear_2x(x.build(), w.build(), bb))
        ref["name"] = name
        cases.append(ref)

    add("2-D with bias", R(2, 4), R(3, 4), R(3))
    add("2-D no bias", R(2, 4), R(3, 4), None)
    add("1-D with bias", R(4), R(3, 4), R(3))
    add("1-D no bias", R(4), R(3, 4), None)
    add("3-D contiguous with bias", R(2, 5, 4), R(3, 4), R(3))
    add("3-D no bias", R(2, 5, 4), R(3, 4), None)
    add("4-D contiguous with bias", R(2, 2, 3, 4), R(3, 4), R(3))
    t = R(5, 2, 4)
    add("3-D transposed with bias", Arg(t.t.transpose(0, 1), True), R(3, 4), R(3))
    add("2-D transposed input with bias", Arg(R(4, 2).t.t(), True), R(3, 4), R(3))
    add("2-D input only requires grad", R(2, 4), R(3, 4, rg=False), R(3, rg=False))
    add("2-D float64", R(3, 4, dtype=torch.float64), R(2, 4, dtype=torch.float64), R(2, dtype=torch.float64))
    add("3-D float64 weight only", R(2, 3, 4, dtype=torch.float64, rg=False), R(2, 4, dtype=torch.float64), None)
    return cases


def bilinear_cases():
    cases = []
    for name, a, b, w, bias in [
        ("2-D with bias", R(2, 3), R(2, 4), R(5, 3, 4), R(5)),
        ("2-D no bias", R(3, 2), R(3, 3), R(2, 2, 3), None),
        ("3-D with bias", R(2, 2, 3), R(2, 2, 4), R(2, 3, 4), R(2)),
        ("float64", R(2, 3, dtype=torch.float64), R(2, 2, dtype=torch.float64), R(4, 3, 2, dtype=torch.float64),
         R(4, dtype=torch.float64)),
    ]:
        ref = run(F.bilinear, [a, b, w, bias])
        ref["name"] = name
        cases.append(ref)
    return cases


def embedding_cases():
    cases = []

    def idx(*vals, shape=None, dtype=torch.int64):
        t = torch.tensor(vals, dtype=dtype)
        return Arg(t.reshape(shape) if shape else t, False)

    for name, ind, w, kw in [
        ("1-D", idx(1, 2, 4, 5, 4, 3, 2, 9), R(10, 3), {}),
        ("2-D indices", idx(1, 2, 4, 5, 4, 3, 2, 9, shape=(2, 4)), R(10, 3), {}),
        ("0-D index", Arg(torch.tensor(3), False), R(5, 2), {}),
        ("int32 indices", idx(0, 4, 4, 1, dtype=torch.int32), R(5, 3), {}),
        ("padding_idx", idx(0, 2, 0, 5, shape=(2, 2)), R(10, 3), {"padding_idx": 0}),
        ("padding_idx negative", idx(0, 9, 9, 5), R(10, 3), {"padding_idx": -1}),
        ("scale_grad_by_freq", idx(1, 1, 1, 2, 3, 3), R(5, 2), {"scale_grad_by_freq": True}),
        ("scale_grad_by_freq padding", idx(1, 1, 0, 2, 0, 3), R(5, 2), {"scale_grad_by_freq": True, "padding_idx": 0}),
        ("max_norm", idx(1, 2, 1, 4), R(6, 3), {"max_norm": 1.0}),
        ("max_norm norm_type 1", idx(0, 3, 5), R(6, 4), {"max_norm": 1.5, "norm_type": 1.0}),
        ("float64", idx(2, 0, 2), R(4, 3, dtype=torch.float64), {}),
        ("transposed indices", Arg(torch.tensor([[1, 2], [3, 0], [4, 4]]).t(), False), R(5, 2), {}),
    ]:
        # F.embedding(max_norm=...) renormalises the weight in place: record the weight after
        rec = run(lambda i, wt: F.embedding(i, wt, **kw), [ind, w])
        rec_w = w.build()
        F.embedding(ind.build(), rec_w.detach(), **kw)
        rec.update({"name": name, "kwargs": kw, "weight_after": enc(rec_w)})
        cases.append(rec)
    return cases


def layer_norm_cases():
    cases = []
    for name, x, shape, w, b, eps in [
        ("2-D affine", R(3, 4), [4], R(4), R(4), 1e-5),
        ("3-D over last two", R(2, 3, 4), [3, 4], R(3, 4), R(3, 4), 1e-5),
        ("no affine", R(2, 5), [5], None, None, 1e-5),
        ("weight only", R(2, 3), [3], R(3), None, 1e-3),
        ("input only requires grad", R(3, 4), [4], R(4, rg=False), R(4, rg=False), 1e-5),
        ("transposed input", Arg(R(4, 3).t.t(), True), [4], R(4), R(4), 1e-5),
        ("float64", R(2, 3, 4, dtype=torch.float64), [4], R(4, dtype=torch.float64), R(4, dtype=torch.float64), 1e-5),
        ("constant rows", Arg(torch.ones(2, 4), True), [4], R(4), R(4), 1e-5),
    ]:
        rec = run(lambda x_, w_, b_: F.layer_norm(x_, shape, w_, b_, eps), [x, w, b])
        rec.update({"name": name, "normalized_shape": shape, "eps": eps})
        cases.append(rec)
    return cases


def rms_norm_cases():
    cases = []
    for name, x, shape, w, eps in [
        ("2-D weight", R(3, 4), [4], R(4), None),
        ("3-D over last two, eps", R(2, 3, 4), [3, 4], R(3, 4), 1e-5),
        ("no weight", R(2, 5), [5], None, None),
        ("float64", R(2, 4, dtype=torch.float64), [4], R(4, dtype=torch.float64), None),
    ]:
        rec = run(lambda x_, w_: rms_norm_2x(x_, shape, w_, eps), [x, w])
        rec.update({"name": name, "normalized_shape": shape, "eps": eps})
        cases.append(rec)
    return cases


def normalize_cases():
    cases = []
    for name, x, kw in [
        ("default", R(3, 4), {}),
        ("p=1 dim=0", R(3, 4), {"p": 1.0, "dim": 0}),
        ("3-D dim=-1", R(2, 3, 4), {"dim": -1}),
        ("eps clamps a zero row", Arg(torch.tensor([[0.0, 0.0], [3.0, 4.0]]), True), {"eps": 0.1}),
        ("float64", R(2, 3, dtype=torch.float64), {"p": 3.0}),
    ]:
        ref = run(lambda x_: normalize_2x(x_, **kw), [x])
        assert torch.allclose(F.normalize(x.build(), **kw), normalize_2x(x.build(), **kw))
        ref.update({"name": name, "kwargs": kw})
        cases.append(ref)
    return cases


# ------------------------------------------------------------------ dropout
def dropout_cases():
    cases = []

    def add(name, fn, seed, x, **kw):
        torch.manual_seed(seed)
        xb = x.detach().clone().requires_grad_(x.dtype.is_floating_point)
        out = getattr(F, fn)(xb, **kw)
        rec = {"name": name, "fn": fn, "seed": seed, "kwargs": kw, "input": enc(x), "out": enc(out),
               "after": enc(torch.rand(2))}
        if out.requires_grad:
            go = grad_out(out)
            out.backward(go)
            rec["grad_output"] = enc(go)
            rec["grad"] = enc(xb.grad)
            rec["node"] = out.grad_fn.name() if out.grad_fn is not None else None
        cases.append(rec)

    x45 = (torch.rand(4, 5, dtype=torch.float64) * 4 - 2).round(decimals=3).float()
    add("dropout p=0.5", "dropout", 0, x45, p=0.5)
    add("dropout p=0.2", "dropout", 1, x45, p=0.2)
    add("dropout p=0.021 (scale rounding)", "dropout", 2, x45, p=0.021)
    add("dropout float64", "dropout", 3, x45.double(), p=0.3)
    add("dropout p=1", "dropout", 4, x45, p=1.0)
    add("dropout p=0", "dropout", 4, x45, p=0.0)
    add("dropout eval", "dropout", 5, x45, p=0.5, training=False)
    x4d = (torch.rand(2, 3, 2, 2, dtype=torch.float64) * 4 - 2).round(decimals=3).float()
    add("dropout2d", "dropout2d", 0, x4d, p=0.5)
    add("dropout2d 3-D input (channel-wise 1-D)", "dropout2d", 1, x4d[0], p=0.4)
    add("dropout1d batched", "dropout1d", 2, x4d[:, :, 0], p=0.5)
    add("dropout1d unbatched", "dropout1d", 3, x4d[0, :, 0], p=0.5)
    x5d = (torch.rand(2, 3, 2, 1, 2, dtype=torch.float64) * 4 - 2).round(decimals=3).float()
    add("dropout3d batched", "dropout3d", 4, x5d, p=0.5)
    add("dropout3d unbatched", "dropout3d", 5, x5d[1], p=0.3)
    add("alpha_dropout", "alpha_dropout", 6, x45, p=0.3, training=True)
    add("alpha_dropout float64", "alpha_dropout", 7, x45.double(), p=0.5, training=True)
    add("alpha_dropout default (eval)", "alpha_dropout", 8, x45, p=0.3)
    add("feature_alpha_dropout", "feature_alpha_dropout", 9, x4d, p=0.5, training=True)
    return cases


def module_modes():
    """nn.Dropout in train and eval mode: eval returns the input and draws nothing."""
    x = torch.ones(3, 4)
    torch.manual_seed(0)
    m = nn.Dropout(0.25)
    train_out = m(x)
    m.eval()
    eval_out = m(x)
    after = torch.rand(2)
    return {"input": enc(x), "train": enc(train_out), "eval": enc(eval_out), "after": enc(after)}


def flatten_cases():
    x = torch.arange(24.0).reshape(2, 3, 4)
    return {
        "input": enc(x),
        "flatten": enc(nn.Flatten()(x)),
        "flatten 0 1": enc(nn.Flatten(0, 1)(x)),
        "unflatten": enc(nn.Unflatten(2, (2, 2))(x)),
        "unflatten -1": enc(nn.Unflatten(1, (-1, 1))(x)),
    }


def one_hot_cases():
    return [
        [enc(torch.tensor([0, 2, 1])), -1, enc(F.one_hot(torch.tensor([0, 2, 1])))],
        [enc(torch.tensor([[0, 2], [1, 0]])), 4, enc(F.one_hot(torch.tensor([[0, 2], [1, 0]]), 4))],
        [enc(torch.tensor(3)), 5, enc(F.one_hot(torch.tensor(3), 5))],
    ]


def errors():
    z = torch.zeros
    e = {
        "linear shape": lambda: F.linear(z(2, 5), z(3, 4), z(3)),
        "linear shape no bias": lambda: F.linear(z(2, 5), z(3, 4)),
        "linear 3-D shape": lambda: nn.Linear(4, 3)(z(2, 2, 5)),
        "linear 0-D": lambda: F.linear(torch.tensor(1.0), z(3, 4)),
        "bilinear in1": lambda: F.bilinear(z(2, 4), z(2, 4), z(5, 3, 4)),
        "bilinear in2": lambda: F.bilinear(z(2, 3), z(2, 5), z(5, 3, 4)),
        "bilinear batch": lambda: F.bilinear(z(2, 3), z(3, 4), z(5, 3, 4)),
        "bilinear dims": lambda: F.bilinear(z(2, 3), z(2, 1, 4), z(5, 3, 4)),
        "bilinear bias": lambda: F.bilinear(z(2, 3), z(2, 4), z(5, 3, 4), z(4)),
        "embedding index": lambda: F.embedding(torch.tensor([0, 10]), z(10, 3)),
        "embedding negative index": lambda: F.embedding(torch.tensor([-1]), z(10, 3)),
        "embedding float index": lambda: F.embedding(torch.tensor([1.0]), z(10, 3)),
        "embedding padding_idx": lambda: nn.Embedding(10, 3, padding_idx=10),
        "embedding padding_idx negative": lambda: nn.Embedding(10, 3, padding_idx=-11),
        "from_pretrained 1-D": lambda: nn.Embedding.from_pretrained(z(4)),
        "layer_norm shape": lambda: F.layer_norm(z(2, 3), [4]),
        "layer_norm weight": lambda: F.layer_norm(z(2, 4), [4], z(3)),
        "layer_norm bias": lambda: F.layer_norm(z(2, 4), [4], None, z(2)),
        "layer_norm 2-D shape": lambda: F.layer_norm(z(2, 3, 4), [2, 4]),
        "dropout p": lambda: F.dropout(z(3), 1.5),
        "Dropout p": lambda: nn.Dropout(-0.1),
        "dropout1d dims": lambda: F.dropout1d(z(2, 3, 4, 5)),
        "one_hot float": lambda: F.one_hot(torch.tensor([1.0])),
        "one_hot negative": lambda: F.one_hot(torch.tensor([-1, 2])),
        "one_hot too large": lambda: F.one_hot(torch.tensor([1, 3]), 3),
        "one_hot empty": lambda: F.one_hot(torch.tensor([], dtype=torch.int64)),
    }
    return {k: error_of(v) for k, v in e.items()}


def positional_reprs():
    """Modules built with PyTorch's positional parameters (last in main: they draw from the generator)."""
    builds = [
        ["Linear", [2, 5, False]],
        ["Bilinear", [2, 3, 4, False]],
        ["LayerNorm", [4, 1e-6, False]],
        ["LayerNorm", [[2, 3], 1e-3]],
        ["Embedding", [10, 3, 0, 1.5, 1, True]],  # norm_type an int, as a JS 1 is
        ["Dropout", [0.3]],
        ["Dropout2d", [0.25, True]],
        ["Flatten", [0]],
    ]
    return [[b, str(getattr(nn, b[0])(*b[1]))] for b in builds]


def main():
    write("nn_layers", {
        "init": init_cases(),
        "repr": reprs(),
        "linear": linear_cases(),
        "bilinear": bilinear_cases(),
        "embedding": embedding_cases(),
        "layer_norm": layer_norm_cases(),
        "rms_norm": rms_norm_cases(),
        "normalize": normalize_cases(),
        "dropout": dropout_cases(),
        "dropout_module": module_modes(),
        "flatten": flatten_cases(),
        "one_hot": one_hot_cases(),
        "errors": errors(),
        "positional_reprs": positional_reprs(),
    })


if __name__ == "__main__":
    torch.manual_seed(0)
    main()
