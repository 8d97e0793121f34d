"""Argument checks: PyTorch's errors for bad arguments, and clamp with a NaN bound.

Each case records the exception type and message PyTorch gives for one bad call; the table test
(test/tensor/argument_errors.test.ts) asserts torch-ts's error against it: the same message
where torch-ts words it as PyTorch, and otherwise the same facts (function, argument, type).

PyTorch 2.x vs the installed 1.13:
- the `.grad` setter's messages were reworded in 2.x (python_variable.cpp): "attempting to
  assign a gradient of size '[1]' to a tensor of size '[2]'. Please ensure that the gradient and
  the tensor are the same size" and "attempting to assign a gradient with dtype 'double' to a
  tensor with dtype 'float'. Please ensure that the gradient and the tensor have the same
  dtype"; 1.13 says "assigned grad has data of a different size / type". The 2.x text is
  written below in place of 1.13's.
- clamp with a NaN bound (test/ops/pointwise/clamp_nan.test.ts) is the same in both (one NaN
  bound keeps the input, a NaN bound next to another bound gives NaN; the 2.x source:
  TensorCompare.cpp clamp_out).
"""
import torch
import torch.nn as nn
import torch.nn.functional as F

from common import enc, error_of, write


def grad_assign(g):
    p = torch.ones(2, requires_grad=True)
    p.grad = g


def hook_result(result):
    a = torch.ones(3, requires_grad=True)
    b = a * 2
    b.register_hook(lambda g: result)
    b.sum().backward()


def errors():
    x = torch.ones(2)
    leaf = torch.ones(1, requires_grad=True)
    return {
        # unknown keyword arguments
        "zeros_kw": error_of(lambda: torch.zeros(2, dtpye=torch.int64)),
        "tensor_kw": error_of(lambda: torch.tensor([1.0], requires_gard=True)),
        "ones_kw": error_of(lambda: torch.ones(2, foo=1)),
        "empty_kw": error_of(lambda: torch.empty(2, foo=1)),
        "full_kw": error_of(lambda: torch.full((2,), 1.0, foo=1)),
        "rand_kw": error_of(lambda: torch.rand(2, foo=1)),
        "randn_kw": error_of(lambda: torch.randn(2, foo=1)),
        "randint_kw": error_of(lambda: torch.randint(0, 5, (2,), foo=1)),
        "arange_kw": error_of(lambda: torch.arange(5, foo=1)),
        "linspace_kw": error_of(lambda: torch.linspace(0, 1, 5, foo=1)),
        "eye_kw": error_of(lambda: torch.eye(2, foo=1)),
        "zeros_like_kw": error_of(lambda: torch.zeros_like(x, foo=1)),
        "ones_like_kw": error_of(lambda: torch.ones_like(x, foo=1)),
        "full_like_kw": error_of(lambda: torch.full_like(x, 1.0, foo=1)),
        "rand_like_kw": error_of(lambda: torch.rand_like(x, foo=1)),
        "randn_like_kw": error_of(lambda: torch.randn_like(x, foo=1)),
        "to_kw": error_of(lambda: x.to(torch.float64, foo=1)),
        "backward_kw": error_of(lambda: leaf.sum().backward(foo=1)),
        "grad_kw": error_of(lambda: torch.autograd.grad(leaf.sum(), [leaf], foo=1)),
        "clip_grad_norm_kw": error_of(lambda: nn.utils.clip_grad_norm_([leaf], 1.0, foo=1)),
        "add_kw": error_of(lambda: x.add(x, alhpa=2)),
        "sum_kw": error_of(lambda: x.sum(0, keepdm=True)),
        "sgd_kw": error_of(lambda: torch.optim.SGD([nn.Parameter(torch.ones(1))], lr=0.1, momentun=0.9)),
        "linear_ctor_kw": error_of(lambda: nn.Linear(2, 2, bias_=False)),
        "dropout_kw": error_of(lambda: F.dropout(x, prob=0.5)),
        # a size is required
        "randn_no_size": error_of(lambda: torch.randn()),
        "zeros_no_size": error_of(lambda: torch.zeros()),
        # wrong argument types
        "add_str": error_of(lambda: x.add("1")),
        "add_none": error_of(lambda: x.add(None)),
        "mul_list": error_of(lambda: x.mul([1, 2])),
        "pow_str": error_of(lambda: x.pow("2")),
        "sum_str": error_of(lambda: x.sum("1")),
        "clamp_str": error_of(lambda: x.clamp("0", 1)),
        "dropout_str": error_of(lambda: F.dropout(x, "0.5")),
        "sgd_lr_str": error_of(lambda: torch.optim.SGD([nn.Parameter(torch.ones(1))], lr="0.1")),
        "zeros_dtype_str": error_of(lambda: torch.zeros(2, dtype="float64")),
        # modules
        "linear_no_input": error_of(lambda: nn.Linear(2, 2)()),
        "linear_extra": error_of(lambda: nn.Linear(2, 2)(x, x)),
        "mse_no_target": error_of(lambda: nn.MSELoss()(x)),
        # devices
        "tensor_to_cuda": error_of(lambda: x.to("cuda")),
        "module_to_cuda": error_of(lambda: nn.Linear(2, 2).to("cuda")),
        # grad mode without a function (Python: the context manager called as a decorator)
        "no_grad_no_fn": error_of(lambda: torch.no_grad()()),
        # .grad setter (2.x wording, see the module docstring)
        "grad_set_list": error_of(lambda: grad_assign([1.0, 2.0])),
        "grad_set_size": {
            "type": "RuntimeError",
            "message": "attempting to assign a gradient of size '[1]' to a tensor of size '[2]'. Please ensure that the gradient and the tensor are the same size",
        },
        "grad_set_dtype": {
            "type": "RuntimeError",
            "message": "attempting to assign a gradient with dtype 'double' to a tensor with dtype 'float'. Please ensure that the gradient and the tensor have the same dtype",
        },
        # hooks returning a gradient of another size or dtype
        "hook_size": error_of(lambda: hook_result(torch.ones(2))),
        "hook_dtype": error_of(lambda: hook_result(torch.ones(3, dtype=torch.float64))),
    }


def check_1_13_grad_setter():
    """The 1.13 messages the 2.x text replaces (kept so a regeneration shows the difference)."""
    return {
        "size": error_of(lambda: grad_assign(torch.ones(1)))["message"],
        "dtype": error_of(lambda: grad_assign(torch.ones(2, dtype=torch.float64)))["message"],
    }


def clamp_nan():
    x = torch.tensor([1.0, -2.0, float("nan"), 3.0])
    nan = float("nan")
    cases = []
    for name, kw in [
        ("min", {"min": nan}),
        ("max", {"max": nan}),
        ("min_max", {"min": nan, "max": 2.0}),
        ("max_min", {"min": 0.0, "max": nan}),
    ]:
        leaf = x.clone().requires_grad_()
        y = leaf.clamp(**kw)
        y.sum().backward()
        cases.append({"name": name, "kwargs": kw, "input": x, "out": y, "grad": leaf.grad})
    for name, fn in [("clamp_min", lambda t: t.clamp_min(nan)), ("clamp_max", lambda t: t.clamp_max(nan))]:
        leaf = x.clone().requires_grad_()
        y = fn(leaf)
        y.sum().backward()
        cases.append({"name": name, "kwargs": {}, "input": x, "out": y, "grad": leaf.grad})
    return cases


def main():
    write("arguments", {"errors": errors(), "grad_setter_1_13": check_1_13_grad_setter(), "clamp_nan": enc(clamp_nan())})
