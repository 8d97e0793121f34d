"""Runs the differential fuzzer's programs in PyTorch (see program.ts for the format).

Usage: python3 torch_runner.py programs.json outcomes.json
Each outcome records, per step, the result's shape, dtype, values, requires_grad and grad_fn
name, or the error that stopped the program; the final values of every tensor; and the inputs'
gradients after backward() from the sum of the last tensor that requires grad. PyTorch 1.13 runs
it; where 2.x differs, the difference is handled here and commented.
"""
import json
import math
import sys

import warnings

import torch

warnings.filterwarnings("ignore")  # broadcasting losses warn; the fuzzer means to broadcast

DTYPES = {
    "float32": torch.float32,
    "float64": torch.float64,
    "int64": torch.int64,
    "int32": torch.int32,
    "bool": torch.bool,
}
NAMES = {v: k for k, v in DTYPES.items()}


def num(v):
    if isinstance(v, bool):
        return int(v)
    if isinstance(v, float):
        if math.isnan(v):
            return "nan"
        if math.isinf(v):
            return "inf" if v > 0 else "-inf"
    return v


# Node names as PyTorch 2.x gives them: C++ nodes print with their namespace in Python, which
# torch-ts leaves out (docs/differences.md); 2.x added squeeze.dims, which shifted the numbers of
# the in-place squeeze nodes by one. (1.13's reshape of a contiguous tensor records
# ReshapeAliasBackward0, 2.x's ViewBackward0: see `call`.)
RENAMES = {
    "SqueezeBackward2": "SqueezeBackward3",
    "SqueezeBackward3": "SqueezeBackward4",
    # 2.x's torch.norm (so Tensor.norm) calls linalg.vector_norm for a numeric p
    "NormBackward0": "LinalgVectorNormBackward0",
    "NormBackward1": "LinalgVectorNormBackward0",
    "NormBackward2": "LinalgVectorNormBackward0",
}


def node_name(fn):
    if fn is None:
        return None
    name = fn.name().replace("torch::autograd::", "")
    return RENAMES.get(name, name)


def record(t):
    d = t.detach()
    try:
        name = node_name(t.grad_fn)
    except RuntimeError:  # a view whose grad_fn cannot be regenerated: reading it raises
        name = "error"
    if name == "ReshapeAliasBackward0" and getattr(t, "_reshape_2x", False):
        name = "ViewBackward0"
    return {
        "shape": list(d.shape),
        "dtype": NAMES[d.dtype],
        "data": [num(v) for v in d.reshape(-1).tolist()],
        "requires_grad": t.requires_grad,
        "grad_fn": name,
        "strides": list(d.stride()),
    }


def make_tensor(spec):
    dtype = DTYPES[spec["dtype"]]
    data = [v != 0 for v in spec["data"]] if spec["dtype"] == "bool" else spec["data"]
    return torch.tensor(data, dtype=dtype).reshape(spec["shape"]).requires_grad_(spec["requires_grad"])


def resolve(a, tensors):
    if isinstance(a, list):
        return [resolve(x, tensors) for x in a]
    if isinstance(a, dict):
        if "t" in a:
            return tensors[a["t"]]
        if "slice" in a:
            return slice(*a["slice"])
        if "dtype" in a:
            return DTYPES[a["dtype"]]
        if "float" in a:
            return float(a["float"])
    if a == "...":
        return Ellipsis
    return a


def call(step, tensors):
    if step["call"] == "input":
        return make_tensor(step["spec"])
    args = [resolve(a, tensors) for a in step.get("args", [])]
    kwargs = {k: resolve(v, tensors) for k, v in step.get("kwargs", {}).items()}
    op = step["op"]
    if step["call"] == "method":
        self = tensors[step["self"]]
        if op == "index":
            # x.index(a) is x[a], x.index(a, b) is x[a, b] (a lone slice is not a tuple's)
            key = args[0][0] if len(args[0]) == 1 else tuple(args[0])
            out = self[key]
        else:
            out = getattr(self, op)(*args, **kwargs)
    else:
        fn = torch
        for part in op.split("."):
            fn = getattr(fn, part)
        out = fn(*args, **kwargs)
    if "pick" in step:
        out = list(out)[step["pick"]]
    if op in ("reshape", "flatten") and step["call"] == "method" and tensors[step["self"]].is_contiguous():
        # 2.x views a contiguous tensor (ViewBackward0); it keeps _reshape_alias for the other
        # layouts that can be viewed, as 1.13 does for all
        out._reshape_2x = True
    return out
    if not isinstance(out, torch.Tensor):
        raise RuntimeError(f"fuzz: {op} returned no tensor")
    return out


def run(program):
    tensors, steps = [], []
    for i, step in enumerate(program["steps"]):
        try:
            t = call(step, tensors)
        except Exception as e:  # noqa: BLE001 - every PyTorch error is an outcome to compare
            return {"steps": steps, "error": {"step": i, "message": str(e)}, "finals": [], "grads": None,
                    "backward_error": None}
        tensors.append(t)
        steps.append(record(t))
    out = {"steps": steps, "error": None, "finals": [record(t) for t in tensors], "grads": None,
           "backward_error": None}
    if not program["backward"]:
        return out
    leaves = [tensors[i] for i, s in enumerate(program["steps"]) if s["call"] == "input" and s["spec"]["requires_grad"]]
    root = next((t for t in reversed(tensors) if t.requires_grad), None)
    if root is None or not leaves:
        return out
    try:
        root.sum().backward()
    except Exception as e:  # noqa: BLE001
        out["backward_error"] = str(e)
        return out
    out["grads"] = [None if l.grad is None else record(l.grad) for l in leaves]
    return out


if __name__ == "__main__":
    with open(sys.argv[1]) as f:
        programs = json.load(f)
    with open(sys.argv[2], "w") as f:
        json.dump([run(p) for p in programs], f)
