/**
 * In-place writes against views and saved tensors (issue 8), against PyTorch's results and
 * errors from test/golden/gen_inplace_views.py: each case here runs the program of the
 * generator's function of the same name.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as torch from "../../src/index.js";
import { close_to as close, load_golden, throws_as } from "../helpers/golden.js";

type Case = Record<string, unknown> & { error?: { message: string } };
const G = load_golden<Record<string, Record<string, Case>>>("inplace_views");
const f64 = torch.float64;
const i64 = torch.int64;
const t = (v: number | number[] | number[][], rg = false) =>
  torch.tensor(v, { dtype: f64, requires_grad: rg });
/** PyTorch's Python API prefixes C++-only nodes with their namespace. */
const node_name = (n: unknown) => String(n).replace("torch::autograd::", "");

// ------------------------------------------------------------------ untracked intermediates

test("in-place on embedding's output keeps the weight's gradient", () => {
  const c = G.untracked.embedding_mul_;
  const e = new torch.nn.Embedding(5, 3).double();
  torch.no_grad(() => e.weight.copy_(torch.arange(15).reshape(5, 3).div(10).sub(0.7)));
  const x = e.forward(
    torch.tensor(
      [
        [1, 2],
        [3, 1],
      ],
      { dtype: i64 },
    ),
  );
  x.mul_(2);
  x.pow(2).sum().backward();
  close(e.weight.grad, c.grad, "weight.grad");
  assert.equal(x.grad_fn?.name(), c.node);
});

test("in-place on kthvalue's values keeps the input's gradient", () => {
  const c = G.untracked.kthvalue_relu_;
  const x = t(
    [
      [1, 5, -3],
      [4, -2, 6],
    ],
    true,
  );
  const v = x.kthvalue(2, 1).values;
  v.relu_();
  v.sum().backward();
  close(x.grad, c.grad, "x.grad");
  assert.equal(v.grad_fn?.name(), c.node);
});

test("in-place on bilinear's output keeps every gradient", () => {
  const c = G.untracked.bilinear_mul_;
  const a = t(
    [
      [1, 2],
      [3, -1],
    ],
    true,
  );
  const b = t(
    [
      [0.5, -1, 2],
      [1, 1, -2],
    ],
    true,
  );
  const w = t(
    [
      [
        [1, 0, 2],
        [0.5, -1, 1],
      ],
    ] as unknown as number[][],
    true,
  );
  const y = torch.nn.functional.bilinear(a, b, w);
  y.mul_(3);
  y.sum().backward();
  const grads = c.grads as unknown[];
  close(a.grad, grads[0], "a.grad");
  close(b.grad, grads[1], "b.grad");
  close(w.grad, grads[2], "w.grad");
});

// ------------------------------------------------------------------ stale views

test("a view's history follows an in-place write into its base", () => {
  const c = G.stale.base_written;
  const x = t([1, 2, 3], true);
  const a = x.mul(1);
  const v = a.index("0:2");
  a.mul_(2);
  const node = v.grad_fn;
  assert.equal(node?.name(), c.node);
  assert.equal(node?.next_functions[0][0]?.name(), c.next);
  v.sum().backward();
  close(x.grad, c.grad, "x.grad");
});

test("a view's history follows an in-place write into a sibling view", () => {
  const c = G.stale.sibling_written;
  const x = t([1, 2, 3], true);
  const a = x.mul(1);
  const v = a.index("0:2");
  a.index("1:3").mul_(10);
  const node = v.grad_fn;
  assert.equal(node?.name(), c.node);
  assert.equal(node?.next_functions[0][0]?.name(), node_name(c.next));
  assert.equal(a.grad_fn?.name(), node_name(c.base_node));
  v.sum().backward();
  close(x.grad, c.grad, "x.grad");
});

test("a view of a base without grad requires grad once the base is written from a grad input", () => {
  const c = G.stale.no_grad_base;
  const w = t([1, 2, 3], true);
  const buf = torch.zeros(3, { dtype: f64 });
  const v = buf.index("0:2");
  assert.equal(v.requires_grad, c.before);
  buf.add_(w);
  assert.equal(v.requires_grad, c.after);
  assert.equal(v.grad_fn?.name(), c.node);
  v.mul(t([3, 5]))
    .sum()
    .backward();
  close(w.grad, c.grad, "w.grad");
});

test("a view of a view, and a base laid out transposed", () => {
  let c = G.stale.view_of_view;
  let x = t([1, 2, 3, 4], true);
  const a = x.reshape(2, 2).mul(1);
  const v = a.t().index(0);
  a.index(1).mul_(3);
  v.mul(t([1, 10]))
    .sum()
    .backward();
  close(x.grad, c.grad, "x.grad");
  close(v.detach(), c.value, "v");

  c = G.stale.strided_base;
  x = t([1, 2, 3, 4, 5, 6], true);
  const b = x.reshape(2, 3).t().clone();
  assert.deepEqual(b.stride(), c.stride);
  b.index(1).mul_(t([2, 3]));
  assert.equal(b.grad_fn?.name(), node_name(c.node));
  b.mul(
    t([
      [1, 2],
      [3, 4],
      [5, 6],
    ]),
  )
    .sum()
    .backward();
  close(x.grad, c.grad, "x.grad");
});

// ------------------------------------------------------------------ saved tensors

test("a saved weight that needs no grad is version-checked (layer_norm, binary_cross_entropy)", () => {
  throws_as(G.saved.layer_norm_weight, () => {
    const x = t(
      [
        [1, 2],
        [3, 5],
      ],
      true,
    );
    const w = t([1.5, -0.5]);
    const y = torch.nn.functional.layer_norm(x, [2], w);
    w.mul_(-1);
    y.sum().backward();
  });
  throws_as(G.saved.bce_weight, () => {
    const p = t([0.2, 0.7], true);
    const w = t([1, 2]);
    const y = torch.nn.functional.binary_cross_entropy(p, t([0, 1]), w);
    w.add_(1);
    y.backward();
  });
  throws_as(G.saved.mul_other, () => {
    const x = t([1, 2], true);
    const k = t([3, 4]);
    const y = x.mul(k);
    k.add_(1);
    y.sum().backward();
  });
});

test("saved indices are version-checked (embedding, gather)", () => {
  throws_as(G.saved.embedding_indices, () => {
    const w = t(
      [
        [1, 2],
        [3, 4],
        [5, 6],
      ],
      true,
    );
    const idx = torch.tensor([0, 2], { dtype: i64 });
    const y = torch.nn.functional.embedding(idx, w);
    idx.add_(0);
    y.sum().backward();
  });
  throws_as(G.saved.gather_index, () => {
    const x = t(
      [
        [1, 2],
        [3, 4],
      ],
      true,
    );
    const idx = torch.tensor([[1], [0]], { dtype: i64 });
    const y = x.gather(1, idx);
    idx.zero_();
    y.sum().backward();
  });
  throws_as(G.saved.pow_result, () => {
    const x = t([1.5, 2], true);
    const y = x.pow(t([2, 3]));
    y.mul_(2);
    y.sum().backward();
  });
  throws_as(G.saved.pow_scalar_base_result, () => {
    const y = torch.pow(2, t([1.5, 2], true));
    y.mul_(2);
    y.sum().backward();
  });
});

test("what PyTorch does not save may change after forward (var's output, div by a number, copysign, hypot)", () => {
  let x = t(
    [
      [1, 2, 4],
      [3, 3.5, 8],
    ],
    true,
  );
  const y = x.var(1, { keepdim: true });
  y.add_(1e-5);
  y.sum().backward();
  close(x.grad, G.saved.var_output.grad, "var: x.grad");

  x = t([0.5, -1], true);
  const b = x.mul(1);
  const q = b.div(2);
  b.tanh_();
  q.sum().backward();
  close(x.grad, G.saved.div_number.grad, "div: x.grad");

  let c = G.saved.copysign_self;
  const s = t([1, -2, 0]);
  let o = t([-1, 1, -1], true);
  const r = torch.copysign(s, o);
  s.mul_(2);
  r.sum().backward();
  close(o.grad, c.grad, "copysign: other.grad");
  close(r.detach(), c.value, "copysign");

  c = G.saved.hypot_other;
  const h = t([3, 1]);
  o = t([4, 1], true);
  const z = torch.hypot(h, o);
  h.mul_(2);
  z.sum().backward();
  close(o.grad, c.grad, "hypot: other.grad");
});

// ------------------------------------------------------------------ refused writes

test("in-place through a view of a leaf that is itself a view is refused", () => {
  const x = torch.tensor([1, 2, 3, 4]).reshape(2, 2).requires_grad_();
  throws_as(G.refused.view_of_leaf_view, () => x.index(0).mul_(10));
  throws_as(G.refused.leaf_view, () => x.mul_(10));
});

test("outputs of split, chunk and unbind (and their views) cannot be written in place", () => {
  const y = torch.ones(4, { requires_grad: true }).clone();
  throws_as(G.refused.split_out, () => y.split(2)[0].mul_(2));
  throws_as(G.refused.chunk_out, () => y.chunk(2)[1].add_(1));
  throws_as(G.refused.unbind_out, () => y.reshape(2, 2).unbind(1)[0].mul_(2));
  throws_as(G.refused.split_view_out, () => y.split(2)[0].index("0:1").mul_(2));
  const w = torch.ones(2, { requires_grad: true });
  throws_as(G.refused.split_no_grad_input, () => torch.ones(4).split(2)[0].mul_(w));
});

test("views made in no_grad mode cannot be rebased, directly or through their base", () => {
  const y = torch.ones(4, { requires_grad: true }).clone();
  throws_as(G.refused.no_grad_view, () => {
    const v = torch.no_grad(() => y.index("0:2"));
    v.mul_(2);
  });
  throws_as(G.refused.no_grad_view_indirect, () => {
    const z = torch.ones(4, { requires_grad: true }).clone();
    const v = torch.no_grad(() => z.index("0:2"));
    z.mul_(2);
    return v.grad_fn;
  });
});

test("a custom Function's view output cannot be written in place", () => {
  class Ident extends torch.autograd.Function {
    static override forward(_ctx: torch.autograd.FunctionCtx, a: torch.Tensor): torch.Tensor {
      return a;
    }
    static override backward(_ctx: torch.autograd.FunctionCtx, g: torch.Tensor): torch.Tensor {
      return g;
    }
  }
  const y = torch.ones(4, { requires_grad: true });
  throws_as(G.refused.custom_function_out, () => Ident.apply(y.mul(1)).mul_(2));
});

test("writes into self-overlapping tensors are refused; fills are allowed", () => {
  const R = G.refused;
  throws_as(R.expanded_add_, () => torch.ones(1).expand(3).add_(1));
  throws_as(R.expanded_copy_, () => torch.ones(1).expand(3).copy_(torch.ones(3)));
  throws_as(R.expanded_uniform_, () => torch.ones(1).expand(3).uniform_());
  close(torch.ones(1).expand(3).fill_(2), R.expanded_fill_.value, "fill_");
  const m = torch.arange(4, { dtype: torch.float32 }).reshape(2, 2);
  throws_as(R.transposed_input, () => m.add_(m.t()));
  let q = torch.arange(4, { dtype: torch.float32 });
  throws_as(R.shifted_input, () => q.index("1:").mul_(q.index(":-1")));
  throws_as(R.shifted_copy, () => q.index("1:").copy_(q.index(":-1")));
  assert.deepEqual(q.tolist(), [0, 1, 2, 3], "a refused write changes nothing");
  q = torch.arange(4, { dtype: torch.float32 });
  q.add_(q.index(":"));
  close(q, R.same_view_input.value, "x.add_(x[:])");
  q = torch.arange(4, { dtype: torch.float32 });
  q.index("::2").add_(q.index("1::2"));
  close(q, R.interleaved_input.value, "x[::2].add_(x[1::2])");
});

test("a refused write under autograd leaves the graph unchanged", () => {
  const x = torch.ones(3, { requires_grad: true });
  const e = x.mul(1).index("0:1").expand(3);
  assert.throws(() => e.mul_(2), /more than one element of the written-to tensor/);
});

// ------------------------------------------------------------------ valid input

test("empty views at the end of their storage go through every kernel", () => {
  const V = G.valid;
  const a = torch.ones(2).index("2:");
  assert.deepEqual(torch.stack([a, a]).shape, V.stack_empty_end.shape);
  assert.deepEqual(torch.cat([a, a, torch.ones(1)]).shape, V.cat_empty_end.shape);
  const b = torch.ones(2, 3).index("2:");
  const E = V.empty_end_ops as Record<string, unknown>;
  close(b.sum(0), E.sum, "sum");
  assert.deepEqual(b.clone().shape, E.clone);
  assert.deepEqual(b.t().contiguous().shape, E.t);
  assert.deepEqual(b.mul(2).shape, E.mul);
  assert.deepEqual(torch.where(b.gt(0), b, b).shape, E.where);
  assert.deepEqual(b.amax(1).shape, E.max);
  assert.deepEqual(b.index_select(1, torch.tensor([0, 2], { dtype: i64 })).shape, E.index_select);
  assert.deepEqual(b.cumsum(1).shape, E.cumsum);
});

test("masked_select on a 0-dim tensor differentiates", () => {
  const c = G.valid.masked_select_0dim;
  let x = t(3, true);
  x.masked_select(torch.tensor(true)).sum().backward();
  close(x.grad, c.grad, "grad");
  x = t(3, true);
  x.masked_select(torch.tensor([false, true]))
    .sum()
    .backward();
  close(x.grad, c.grad_broadcast, "grad (broadcast mask)");
});

// ------------------------------------------------------------------ freed graph

test("a second backward fails where PyTorch freed saved values, and runs where it saved none", () => {
  throws_as(G.freed.exp_twice, () => {
    const x = t([1, 2], true);
    const y = x.exp().sum();
    y.backward();
    y.backward();
  });
  const x = t([1, 2], true);
  const y = x.add(1).sum();
  y.backward();
  y.backward();
  close(x.grad, G.freed.add_twice.grad, "x.grad");
});
