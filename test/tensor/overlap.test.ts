/**
 * Memory overlap in index and scatter writes and writes into expanded tensors, against
 * PyTorch's errors and values (test/golden/overlap.json from gen_overlap.py): each case runs the
 * program of the generator's case of the same name.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as torch from "../../src/index.js";
import { close_to as close, load_golden, throws_as } from "../helpers/golden.js";

type Case = Record<string, unknown> & { error?: { message: string } };
const G = load_golden<Record<string, Record<string, Case>>>("overlap");
const i64 = torch.int64;
const m = () => torch.arange(6, { dtype: torch.float32 }).reshape(2, 3);
const idx = (v: number[]) => torch.tensor(v, { dtype: i64 });

test("index and scatter writes refuse an index or source sharing memory with self", () => {
  const R = G.refused;
  const i0 = idx([0]);
  throws_as(R.index_put_value, () => ((a) => a.index_put_([i0], a.index(1)))(m()));
  throws_as(R.index_put_same_row, () => ((a) => a.index_put_([i0], a.index(0)))(m()));
  throws_as(R.index_put_accumulate, () => ((a) => a.index_put_([i0], a.index(1), true))(m()));
  throws_as(R.index_put_index_is_self, () =>
    ((a) => a.index_put_([a], torch.tensor(5, { dtype: i64 })))(torch.arange(3)),
  );
  throws_as(R.index_add_source, () => ((a) => a.index_add_(0, i0, a.index("1:")))(m()));
  throws_as(R.index_add_index_is_self, () =>
    ((a) => a.index_add_(0, a, torch.ones(3, { dtype: i64 })))(torch.arange(3)),
  );
  throws_as(R.index_copy_source, () => ((a) => a.index_copy_(0, i0, a.index("1:")))(m()));
  throws_as(R.index_fill_index_is_self, () => ((a) => a.index_fill_(0, a.index(":1"), 7))(torch.arange(3)));
  throws_as(R.scatter_src, () => ((a) => a.scatter_(0, idx([0, 0, 0]).reshape(1, 3), a.index("1:")))(m()));
  throws_as(R.scatter_index_is_self, () =>
    ((a) => a.scatter_(0, a, torch.ones(3, { dtype: i64 })))(torch.arange(3)),
  );
  throws_as(R.scatter_add_src, () =>
    ((a) => a.scatter_add_(0, idx([0, 0, 0]).reshape(1, 3), a.index("1:")))(m()),
  );
  const a = m().requires_grad_().clone();
  throws_as(R.index_add_grad, () => a.index_add_(0, i0, a.index("1:")));
  close(a, R.index_add_grad.value, "a refused write changes nothing");
  assert.equal(a.grad_fn?.name(), "CloneBackward0");
});

test("what PyTorch does not check for overlap is written", () => {
  const A = G.allowed;
  let a = m();
  a.index_fill_(0, idx([0]), a.index(1, 0));
  close(a, A.index_fill_value, "index_fill_ with a value aliasing self");
  a = m();
  a.masked_fill_(torch.tensor([true, false, false]), a.index(1, 0));
  close(a, A.masked_fill_value, "masked_fill_ with a value aliasing self");
  a = m();
  a.masked_scatter_(torch.tensor([true, false, false]), a.index(1));
  close(a, A.masked_scatter_source, "masked_scatter_ from a row of self");
  const b = torch.tensor([true, false]);
  b.index_put_([b], torch.tensor(false));
  close(b, A.index_put_mask_is_self, "index_put_ with self as its mask");
  a = m();
  a.index(":", ":2").index_put_([idx([0])], a.index(1, "1:"));
  close(a, A.index_put_irregular, "an overlap too irregular to judge");
  a = m();
  const e = a.index(0).expand(2, 3);
  e.copy_(e);
  close(a, A.copy_self_expanded, "copy_ of an expanded tensor from itself");
});

test("index_put_ and masked_fill_ write through an expanded tensor", () => {
  const E = G.expanded;
  let a = torch.tensor([[1, 2, 3]]);
  let e = a.expand(3, 3);
  e.index_put_([idx([1])], torch.tensor([7, 8, 9]));
  close(a, E.index_put.base, "index_put_ base");
  close(e, E.index_put.value, "index_put_ value");
  a = torch.tensor([[1, 2, 3]]);
  e = a.expand(2, 3);
  e.masked_fill_(
    torch.tensor([
      [true, false, false],
      [false, false, true],
    ]),
    -1,
  );
  close(a, E.masked_fill.base, "masked_fill_ base");
  close(e, E.masked_fill.value, "masked_fill_ value");

  const c = E.index_put_grad;
  const x = torch.tensor([[1, 2, 3]], { dtype: torch.float64, requires_grad: true });
  const w = torch.tensor([7, 8, 9], { dtype: torch.float64, requires_grad: true });
  e = x.mul(1).expand(3, 3);
  e.index_put_([idx([1])], w);
  close(e, c.value, "recorded index_put_ value");
  assert.equal(e.grad_fn?.name(), c.node);
  throws_as(c, () => e.sum().backward());
});
