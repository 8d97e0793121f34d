"""In-place writes against views and saved tensors (issue 8): the programs of
test/autograd/inplace_views.test.ts, one per case name, run in PyTorch. Each records the
gradients, node names, values or the error PyTorch gives.

- untracked: an in-place op on the output of an op whose forward returns a view of an
  intermediate (embedding, kthvalue, bilinear's _trilinear) keeps the op's gradient.
- stale: a view taken before an in-place write into its base or a sibling view gets its
  grad_fn regenerated (AsStridedBackward0 over CopySlices).
- hooks: tensor hooks on a view whose grad_fn is regenerated.
- saved: every saved input is version-checked; what derivatives.yaml does not save is not.
- refused: view+inplace errors (view of a leaf, multi-output views, no_grad views, custom
  Function outputs) and memory-overlap errors.
- valid: inputs PyTorch accepts (empty views at the end of a storage, masked_select on 0-dim).
- freed: a second backward without retain_graph.

PyTorch 2.x and the installed 1.13 agree on every case here (the view+inplace messages come
from the same handle_view_on_rebase; 2.x adds a wording only for views of views made in
no_grad mode, not used here).
"""
import torch
import torch.nn.functional as F

from common import error_of, write


def t(v, rg=False):
    return torch.tensor(v, dtype=torch.float64, requires_grad=rg)


def err(fn):
    return {"error": error_of(fn)}


def untracked():
    cases = {}
    e = torch.nn.Embedding(5, 3).double()
    with torch.no_grad():
        e.weight.copy_(torch.arange(15.0).reshape(5, 3) / 10 - 0.7)
    x = e(torch.tensor([[1, 2], [3, 1]]))
    x.mul_(2)
    x.pow(2).sum().backward()
    cases["embedding_mul_"] = {"grad": e.weight.grad, "node": x.grad_fn.name()}

    x = t([[1.0, 5.0, -3.0], [4.0, -2.0, 6.0]], True)
    v = x.kthvalue(2, 1).values
    v.relu_()
    v.sum().backward()
    cases["kthvalue_relu_"] = {"grad": x.grad, "node": v.grad_fn.name()}

    a = t([[1.0, 2.0], [3.0, -1.0]], True)
    b = t([[0.5, -1.0, 2.0], [1.0, 1.0, -2.0]], True)
    w = t([[[1.0, 0.0, 2.0], [0.5, -1.0, 1.0]]], True)
    y = F.bilinear(a, b, w)
    y.mul_(3)
    y.sum().backward()
    cases["bilinear_mul_"] = {"grads": [a.grad, b.grad, w.grad], "node": y.grad_fn.name()}
    return cases


def stale():
    cases = {}
    x = t([1.0, 2.0, 3.0], True)
    a = x.mul(1)
    v = a[0:2]
    a.mul_(2)
    node = v.grad_fn
    v.sum().backward()
    cases["base_written"] = {"grad": x.grad, "node": node.name(), "next": node.next_functions[0][0].name()}

    x = t([1.0, 2.0, 3.0], True)
    a = x.mul(1)
    v = a[0:2]
    a[1:3].mul_(10)
    node = v.grad_fn
    v.sum().backward()
    cases["sibling_written"] = {
        "grad": x.grad,
        "node": node.name(),
        "next": node.next_functions[0][0].name(),
        "base_node": a.grad_fn.name(),
    }

    w = t([1.0, 2.0, 3.0], True)
    buf = torch.zeros(3, dtype=torch.float64)
    v = buf[0:2]
    before = v.requires_grad
    buf.add_(w)
    after = v.requires_grad
    node = v.grad_fn.name()
    (v * t([3.0, 5.0])).sum().backward()
    cases["no_grad_base"] = {"before": before, "after": after, "node": node, "grad": w.grad}

    x = t([1.0, 2.0, 3.0, 4.0], True)
    a = x.reshape(2, 2).mul(1)
    v = a.t()[0]
    a[1].mul_(3)
    (v * t([1.0, 10.0])).sum().backward()
    cases["view_of_view"] = {"grad": x.grad, "value": v.detach()}

    x = t([1.0, 2.0, 3.0, 4.0, 5.0, 6.0], True)
    c = x.reshape(2, 3).t().clone()  # a base laid out transposed (dense, not contiguous)
    c[1].mul_(t([2.0, 3.0]))
    (c * t([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]])).sum().backward()
    cases["strided_base"] = {"grad": x.grad, "stride": list(c.stride()), "node": c.grad_fn.name()}

    # a leaf that is itself a view (reshape, then requires_grad_): its views' base is the tensor
    # it views, which needs no grad; regenerated, their node still exists but leads nowhere
    y = torch.tensor([1.0, 2.0, 3.0, 4.0], dtype=torch.float64).reshape(2, 2).requires_grad_()
    w = y.t()
    with torch.no_grad():
        y.mul_(2)
    (w * 3).sum().backward()
    cases["leaf_view_base"] = {
        "requires_grad": w.requires_grad,
        "node": w.grad_fn.name(),
        "next": w.grad_fn.next_functions[0][0],
        "grad": y.grad,
    }
    return cases


def hooks():
    """Tensor hooks on a view whose grad_fn is regenerated: a hook registered before the
    regeneration stays with the old node (it does not fire), one registered after fires;
    retain_grad follows the tensor (2.x's update_tensor_hooks_on_new_gradfn; 1.13 agrees)."""
    cases = {}

    def run(write, hook_after=False, modify=None):
        x = t([1.0, 2.0, 3.0], True)
        a = x.mul(1)
        v = a[0:2]
        seen = []
        hook = (lambda g: seen.append(g.clone())) if modify is None else modify
        if not hook_after:
            v.register_hook(hook)
        write(a, v)
        if hook_after:
            v.register_hook(hook)
        (v * t([3.0, 5.0])).sum().backward()
        return {"fired": len(seen), "seen": seen[0] if seen else None, "grad": x.grad}

    cases["base_written"] = run(lambda a, v: a.mul_(2))
    cases["after_regeneration"] = run(lambda a, v: a.mul_(2), hook_after=True)
    cases["sibling_written"] = run(lambda a, v: a[1:3].mul_(10))
    cases["view_written"] = run(lambda a, v: v.mul_(2))
    cases["returns_grad"] = run(lambda a, v: a.mul_(2), modify=lambda g: g * 10)
    x = t([1.0, 2.0, 3.0], True)
    a = x.mul(1)
    v = a[0:2]
    v.retain_grad()
    a.mul_(2)
    (v * t([3.0, 5.0])).sum().backward()
    cases["retain_grad"] = {"view_grad": v.grad, "grad": x.grad}
    return cases


def saved():
    cases = {}

    def layer_norm():
        x = t([[1.0, 2.0], [3.0, 5.0]], True)
        w = t([1.5, -0.5])
        y = F.layer_norm(x, [2], w)
        w.mul_(-1)
        y.sum().backward()

    cases["layer_norm_weight"] = err(layer_norm)

    def bce_weight():
        p = t([0.2, 0.7], True)
        w = t([1.0, 2.0])
        y = F.binary_cross_entropy(p, t([0.0, 1.0]), weight=w)
        w.add_(1)
        y.backward()

    cases["bce_weight"] = err(bce_weight)

    def embedding_indices():
        wt = t([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]], True)
        idx = torch.tensor([0, 2])
        y = F.embedding(idx, wt)
        idx.add_(0)
        y.sum().backward()

    cases["embedding_indices"] = err(embedding_indices)

    def gather_index():
        x = t([[1.0, 2.0], [3.0, 4.0]], True)
        idx = torch.tensor([[1], [0]])
        y = x.gather(1, idx)
        idx.zero_()
        y.sum().backward()

    cases["gather_index"] = err(gather_index)

    # pow with a tensor exponent saves its result even when only the base needs a gradient
    def pow_result():
        x = t([1.5, 2.0], True)
        y = x.pow(t([2.0, 3.0]))
        y.mul_(2)
        y.sum().backward()

    cases["pow_result"] = err(pow_result)

    def pow_scalar_base_result():
        e = t([1.5, 2.0], True)
        y = torch.pow(2.0, e)
        y.mul_(2)
        y.sum().backward()

    cases["pow_scalar_base_result"] = err(pow_scalar_base_result)

    def mul_other():
        x = t([1.0, 2.0], True)
        c = t([3.0, 4.0])
        y = x * c
        c.add_(1)
        y.sum().backward()

    cases["mul_other"] = err(mul_other)

    # what PyTorch does not save is free to change
    x = t([[1.0, 2.0, 4.0], [3.0, 3.5, 8.0]], True)
    y = x.var(1, keepdim=True)
    y.add_(1e-5)
    y.sum().backward()
    cases["var_output"] = {"grad": x.grad}

    a = t([0.5, -1.0], True)
    y = a.mul(1).div(2)
    b = a.mul(1)
    y2 = b.div(2)
    b.tanh_()
    y2.sum().backward()
    cases["div_number"] = {"grad": a.grad}

    a = t([1.0, -2.0, 0.0])
    b = t([-1.0, 1.0, -1.0], True)
    y = torch.copysign(a, b)
    a.mul_(2)
    y.sum().backward()
    cases["copysign_self"] = {"grad": b.grad, "value": y.detach()}

    a = t([3.0, 1.0])
    b = t([4.0, 1.0], True)
    y = torch.hypot(a, b)
    c = b.detach()  # shares b's version counter; b needs grad, so b is saved
    a.mul_(2)
    y.sum().backward()
    cases["hypot_other"] = {"grad": b.grad, "c": c}
    return cases


def refused():
    cases = {}
    x = torch.tensor([1.0, 2.0, 3.0, 4.0]).reshape(2, 2).requires_grad_()
    cases["view_of_leaf_view"] = err(lambda: x[0].mul_(10))
    cases["leaf_view"] = err(lambda: x.mul_(10))
    y = torch.ones(4, requires_grad=True).clone()
    cases["split_out"] = err(lambda: y.split(2)[0].mul_(2))
    cases["chunk_out"] = err(lambda: y.chunk(2)[1].add_(1))
    cases["unbind_out"] = err(lambda: y.reshape(2, 2).unbind(1)[0].mul_(2))
    cases["split_view_out"] = err(lambda: y.split(2)[0][0:1].mul_(2))
    w = torch.ones(2, requires_grad=True)
    cases["split_no_grad_input"] = err(lambda: torch.ones(4).split(2)[0].mul_(w))

    def no_grad_view():
        with torch.no_grad():
            v = y[0:2]
        v.mul_(2)

    cases["no_grad_view"] = err(no_grad_view)

    def no_grad_view_indirect():
        z = torch.ones(4, requires_grad=True).clone()
        with torch.no_grad():
            v = z[0:2]
        z.mul_(2)
        return v.grad_fn

    cases["no_grad_view_indirect"] = err(no_grad_view_indirect)

    class Ident(torch.autograd.Function):
        @staticmethod
        def forward(ctx, a):
            return a

        @staticmethod
        def backward(ctx, g):
            return g

    cases["custom_function_out"] = err(lambda: Ident.apply(y.mul(1)).mul_(2))

    cases["expanded_add_"] = err(lambda: torch.ones(1).expand(3).add_(1))
    cases["expanded_copy_"] = err(lambda: torch.ones(1).expand(3).copy_(torch.ones(3)))
    cases["expanded_uniform_"] = err(lambda: torch.ones(1).expand(3).uniform_())
    cases["expanded_fill_"] = {"value": torch.ones(1).expand(3).fill_(2)}
    m = torch.arange(4.0).reshape(2, 2)
    cases["transposed_input"] = err(lambda: m.add_(m.t()))
    q = torch.arange(4.0)
    cases["shifted_input"] = err(lambda: q[1:].mul_(q[:-1]))
    cases["shifted_copy"] = err(lambda: q[1:].copy_(q[:-1]))
    q = torch.arange(4.0)
    q.add_(q[:])
    cases["same_view_input"] = {"value": q}
    q = torch.arange(4.0)
    q[::2].add_(q[1::2])
    cases["interleaved_input"] = {"value": q}
    return cases


def valid():
    cases = {}
    a = torch.ones(2)[2:]
    cases["stack_empty_end"] = {"shape": list(torch.stack([a, a]).shape)}
    cases["cat_empty_end"] = {"shape": list(torch.cat([a, a, torch.ones(1)]).shape)}
    b = torch.ones(2, 3)[2:]
    cases["empty_end_ops"] = {
        "sum": b.sum(0),
        "clone": list(b.clone().shape),
        "t": list(b.t().contiguous().shape),
        "mul": list((b * 2).shape),
        "where": list(torch.where(b > 0, b, b).shape),
        "max": list(b.amax(1).shape),
        "index_select": list(b.index_select(1, torch.tensor([0, 2])).shape),
        "cumsum": list(b.cumsum(1).shape),
    }
    x = t(3.0, True)
    x.masked_select(torch.tensor(True)).sum().backward()
    g1 = x.grad
    x = t(3.0, True)
    x.masked_select(torch.tensor([False, True])).sum().backward()
    cases["masked_select_0dim"] = {"grad": g1, "grad_broadcast": x.grad}
    return cases


def freed():
    cases = {}

    def twice_exp():
        x = t([1.0, 2.0], True)
        y = x.exp().sum()
        y.backward()
        y.backward()

    cases["exp_twice"] = err(twice_exp)
    x = t([1.0, 2.0], True)
    y = (x + 1).sum()
    y.backward()
    y.backward()
    cases["add_twice"] = {"grad": x.grad}
    return cases


def main():
    write(
        "inplace_views",
        {"untracked": untracked(), "stale": stale(), "hooks": hooks(), "saved": saved(), "refused": refused(), "valid": valid(), "freed": freed()},
    )
