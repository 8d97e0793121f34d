"""Memory overlap in index and scatter writes, and writes into expanded tensors: the programs of
test/tensor/overlap.test.ts, one per case name, run in PyTorch.

- refused: index_put_, index_add_, index_copy_, index_fill_ (its index), scatter_, scatter_add_
  refuse an index or source sharing any element with the written tensor (ATen's
  assert_no_overlap), even the whole tensor.
- allowed: what PyTorch does not check: index_fill_'s and masked_fill_'s tensor value,
  masked_scatter_'s source and mask, index_put_ with one mask and a one-element value (it goes
  to masked_fill_), inputs too irregular to judge (not dense), copy_ from itself.
- expanded: index_put_ and masked_fill_ write an expanded tensor (PyTorch warns, then writes
  through to the shared elements); under autograd the backward of such a write is refused.

PyTorch 2.x keeps these checks as 1.13 has them (structured meta functions call the same
assert_no_overlap).
"""
import warnings

import torch

from common import error_of, write

warnings.filterwarnings("ignore")  # "Use of index_put_ on expanded tensors is deprecated"


def m():
    return torch.arange(6.0).reshape(2, 3)


def err(fn):
    return {"error": error_of(fn)}


def refused():
    cases = {}
    i0 = torch.tensor([0])
    cases["index_put_value"] = err(lambda: (lambda a: a.index_put_((i0,), a[1]))(m()))
    cases["index_put_same_row"] = err(lambda: (lambda a: a.index_put_((i0,), a[0]))(m()))
    cases["index_put_accumulate"] = err(lambda: (lambda a: a.index_put_((i0,), a[1], accumulate=True))(m()))
    cases["index_put_index_is_self"] = err(lambda: (lambda a: a.index_put_((a,), torch.tensor(5)))(torch.arange(3)))
    cases["index_add_source"] = err(lambda: (lambda a: a.index_add_(0, i0, a[1:]))(m()))
    cases["index_add_index_is_self"] = err(
        lambda: (lambda a: a.index_add_(0, a, torch.ones(3, dtype=torch.long)))(torch.arange(3))
    )
    cases["index_copy_source"] = err(lambda: (lambda a: a.index_copy_(0, i0, a[1:]))(m()))
    cases["index_fill_index_is_self"] = err(lambda: (lambda a: a.index_fill_(0, a[:1], 7))(torch.arange(3)))
    cases["scatter_src"] = err(lambda: (lambda a: a.scatter_(0, torch.tensor([[0, 0, 0]]), a[1:]))(m()))
    cases["scatter_index_is_self"] = err(
        lambda: (lambda a: a.scatter_(0, a, torch.ones(3, dtype=torch.long)))(torch.arange(3))
    )
    cases["scatter_add_src"] = err(lambda: (lambda a: a.scatter_add_(0, torch.tensor([[0, 0, 0]]), a[1:]))(m()))
    # refused under autograd too, and nothing is written
    a = m().requires_grad_().clone()
    cases["index_add_grad"] = err(lambda: a.index_add_(0, i0, a[1:]))
    cases["index_add_grad"]["value"] = a
    return cases


def allowed():
    cases = {}
    a = m()
    a.index_fill_(0, torch.tensor([0]), a[1, 0])
    cases["index_fill_value"] = a
    a = m()
    a.masked_fill_(torch.tensor([True, False, False]), a[1, 0])
    cases["masked_fill_value"] = a
    a = m()
    a.masked_scatter_(torch.tensor([True, False, False]), a[1])
    cases["masked_scatter_source"] = a
    b = torch.tensor([True, False])
    b.index_put_((b,), torch.tensor(False))
    cases["index_put_mask_is_self"] = b
    a = m()
    a[:, :2].index_put_((torch.tensor([0]),), a[1, 1:])  # a[:, :2] is not dense: not judged
    cases["index_put_irregular"] = a
    a = m()
    e = a[0].expand(2, 3)
    e.copy_(e)
    cases["copy_self_expanded"] = a
    return cases


def expanded():
    cases = {}
    a = torch.tensor([[1.0, 2.0, 3.0]])
    e = a.expand(3, 3)
    e.index_put_((torch.tensor([1]),), torch.tensor([7.0, 8.0, 9.0]))
    cases["index_put"] = {"base": a, "value": e}
    a = torch.tensor([[1.0, 2.0, 3.0]])
    e = a.expand(2, 3)
    e.masked_fill_(torch.tensor([[True, False, False], [False, False, True]]), -1.0)
    cases["masked_fill"] = {"base": a, "value": e}

    # under autograd the write is recorded (CopySlices over the expanded view's base), but its
    # backward cannot write the gradient through the expanded geometry: PyTorch's error
    x = torch.tensor([[1.0, 2.0, 3.0]], dtype=torch.float64, requires_grad=True)
    w = torch.tensor([7.0, 8.0, 9.0], dtype=torch.float64, requires_grad=True)
    e = x.mul(1).expand(3, 3)
    e.index_put_((torch.tensor([1]),), w)
    cases["index_put_grad"] = {"value": e, "node": e.grad_fn.name()}
    cases["index_put_grad"].update(err(lambda: e.sum().backward()))
    return cases


def main():
    write("overlap", {"refused": refused(), "allowed": allowed(), "expanded": expanded()})
