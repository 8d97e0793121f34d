/**
 * Indexing beyond the fixtures: gradcheck/gradgradcheck in float64 for every differentiable
 * indexing op, views sharing storage with PyTorch's strides, index_put_ on non-leaf tensors
 * under autograd, the documented limits, and the argument forms of x.index.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as torch from "../../../src/index.js";
import { leaf } from "../../helpers/leaf.js";

const { gradcheck, gradgradcheck } = torch.autograd;
const long = (v: number[] | number[][]) => torch.tensor(v, { dtype: torch.int64 });

/** Deterministic, distinct float64 leaves (no ties that would make finite differences ambiguous). */
const rand = (shape: number[], seed: number) => leaf(shape, -2, 2, seed);

test("gradcheck: x.index with ints, slices, None, ellipsis, tensors and masks", () => {
  const x = rand([3, 4, 5], 1);
  const mask = torch.tensor([true, false, true, true]);
  const cases: ((t: torch.Tensor) => torch.Tensor)[] = [
    (t) => t.index(1, "1:3"),
    (t) => t.index("::2", null, "...", -1),
    (t) => t.index(long([0, 2, 0]), ":", long([1, 4, 1])),
    (t) =>
      t.index(
        ":",
        long([
          [0, 0],
          [3, 1],
        ]),
      ),
    (t) => t.index(":", mask),
    (t) => t.index(torch.slice(1, null), mask, "::2"),
    (t) => t.index([2, 2, 1]),
  ];
  for (const f of cases) {
    assert.ok(gradcheck(f, [x]));
    assert.ok(gradgradcheck(f, [x]));
  }
});

test("gradcheck: index_put (with and without accumulate) in self and values", () => {
  const x = rand([4, 3], 2);
  const v = rand([3], 3);
  // repeated positions only with accumulate: which duplicate wins otherwise is unspecified
  for (const [acc, idx] of [
    [false, [long([0, 3, 2]), long([1, 1, 2])]],
    [true, [long([0, 0, 2]), long([1, 1, 2])]],
  ] as const) {
    assert.ok(gradcheck((a, b) => torch.index_put(a, idx, b, acc), [x, v]));
    assert.ok(gradgradcheck((a, b) => torch.index_put(a, idx, b, acc), [x, v]));
  }
  const w = rand([4], 4);
  assert.ok(gradcheck((a, b) => a.mul(1).index_put_([null, long([2])], b.reshape(4, 1)), [x, w]));
});

test("gradcheck: index_select, gather, scatter, scatter_add, index_add/copy/fill, take, masked ops", () => {
  const x = rand([3, 4], 5);
  const idx2 = long([
    [2, 0, 1, 0],
    [1, 2, 0, 1],
  ]);
  const src = rand([2, 4], 6);
  const m = torch.tensor([
    [true, false, true, true],
    [false, true, false, false],
    [true, true, false, true],
  ]);
  const checks: [(...t: torch.Tensor[]) => torch.Tensor, torch.Tensor[]][] = [
    [(a) => a.index_select(1, long([3, 0, 3])), [x]],
    [(a) => a.gather(0, idx2), [x]],
    [(a, b) => a.scatter(0, idx2, b), [x, src]],
    [(a) => a.scatter(1, long([[0], [3], [2]]), 1.5), [x]],
    [
      (a, b) =>
        a.scatter_add(
          0,
          long([
            [2, 0, 1, 0],
            [2, 0, 1, 0],
          ]),
          b,
        ),
      [x, src],
    ],
    [(a, b) => a.index_add(0, long([2, 2]), b, { alpha: -2 }), [x, src]],
    [(a, b) => a.index_copy(0, long([2, 0]), b), [x, src]],
    [(a) => a.index_fill(1, long([-1, 0]), 3), [x]],
    [
      (a) =>
        a.take(
          long([
            [0, -1],
            [5, 5],
          ]),
        ),
      [x],
    ],
    [(a) => a.masked_select(m), [x]],
    [(a, b) => a.masked_scatter(m, b.reshape(-1)), [x, src]],
    [(a, b) => a.mul(1).scatter_(0, idx2, b), [x, src]],
    [(a, b) => a.mul(1).index_add_(1, long([0, 0]), b.t().index("1:", ":")), [x, src]],
  ];
  for (const [f, inputs] of checks) {
    assert.ok(gradcheck(f, inputs));
    assert.ok(gradgradcheck(f, inputs));
  }
  const v = rand([], 7);
  assert.ok(gradcheck((a, b) => a.index_fill(0, long([1]), b), [x, v]));
});

test("basic indexing returns views with PyTorch's strides; advanced indexing copies", () => {
  const x = torch.arange(24, { dtype: torch.float32 }).reshape(2, 3, 4);
  const v = x.index(1, "::2", "1:");
  assert.equal(v._storage, x._storage);
  assert.deepEqual(v.shape, [2, 3]);
  assert.deepEqual(v.stride(), [8, 1]);
  assert.equal(v.storage_offset(), 13);
  const w = x.index(null, "...", "::3");
  assert.deepEqual(w.shape, [1, 2, 3, 2]);
  assert.deepEqual(w.stride(), [24, 12, 4, 3]);
  v.fill_(-1);
  assert.equal(x.index(1, 2, 1).item(), -1);
  assert.equal(x.index(1, 1, 1).item(), 17);
  const a = x.index(long([0]));
  assert.notEqual(a._storage, x._storage);
  assert.equal(x.index("...")._storage, x._storage);
  assert.equal(x.index("...").grad_fn, null);
  // the slice string forms and torch.slice agree, Python's slice(stop) included
  const same = (p: torch.Tensor, q: torch.Tensor) => assert.deepEqual(p.tolist(), q.tolist());
  same(x.index(":", torch.slice(2)), x.index(":", ":2"));
  same(x.index(":", torch.slice(null, null, 2)), x.index(":", "::2"));
  same(x.index("-1:", torch.slice(-3, null)), x.index("1:", "-3:"));
  assert.throws(() => torch.slice(1.5), TypeError);
  assert.throws(() => x.index("1:2:3:4"), TypeError);
  assert.throws(() => x.index(1.5), TypeError);
  assert.throws(() => x.index("::0"), /slice step cannot be zero/);
});

test("index_put_ on a non-leaf records IndexPutBackward0; slice assignment records CopySlices; leaves are refused", () => {
  const w = torch.ones(4, { requires_grad: true });
  const y = w.mul(2);
  y.index_put_([long([1, 3])], torch.tensor([5, 6]));
  assert.equal(y.grad_fn?.name(), "IndexPutBackward0");
  y.sum().backward();
  assert.deepEqual(w.grad?.tolist(), [2, 0, 2, 0]);
  assert.throws(
    () => w.index_put_([long([0])], torch.tensor([1])),
    /a leaf Variable that requires grad is being used in an in-place operation/,
  );
  // x[1:] = 0 on a non-leaf writes into a view: PyTorch's CopySlices rebases x's history
  const u = torch.ones(4, { requires_grad: true });
  const h = u.mul(2);
  h.index_put_(["1:"], 0);
  assert.equal(h.grad_fn?.name(), "CopySlices");
  h.sum().backward();
  assert.deepEqual(u.grad?.tolist(), [2, 0, 0, 0]);
  // without autograd, assigning through ints and slices writes into x
  const x = torch.zeros(2, 3);
  const before = x._version;
  x.index_put_([1, "1:"], torch.tensor([7, 8]));
  assert.deepEqual(x.tolist(), [
    [0, 0, 0],
    [0, 7, 8],
  ]);
  assert.ok(x._version > before);
  torch.no_grad(() => w.index_put_(["..."], 3));
  assert.deepEqual(w.tolist(), [3, 3, 3, 3]);
});

test("scatter_ and friends write in place and return self", () => {
  const x = torch.zeros(3);
  assert.equal(x.scatter_(0, long([2]), 4), x);
  assert.equal(x.scatter_add_(0, long([2, 2]), torch.tensor([1, 1])), x);
  assert.equal(x.index_add_(0, long([0]), torch.tensor([3]), { alpha: 2 }), x);
  assert.equal(x.index_fill_(0, long([1]), -1), x);
  assert.equal(x.index_copy_(0, long([1]), torch.tensor([9])), x);
  assert.equal(x.masked_scatter_(torch.tensor([false, false, true]), torch.tensor([0.5])), x);
  assert.deepEqual(x.tolist(), [6, 9, 0.5]);
  const [r, c] = torch.nonzero(torch.eye(2), { as_tuple: true });
  assert.deepEqual(
    [r.tolist(), c.tolist()],
    [
      [0, 1],
      [0, 1],
    ],
  );
});

test("gather, take and masked_select save self: changing it in place fails backward", () => {
  // derivatives.yaml saves self for these (PyTorch's error, checked by the fuzzer too)
  const modified =
    /one of the variables needed for gradient computation has been modified by an inplace operation/;
  const i64 = torch.int64;
  const cases: [string, (a: torch.Tensor) => torch.Tensor][] = [
    ["gather", (a) => a.gather(0, torch.tensor([1, 0], { dtype: i64 }))],
    ["take", (a) => torch.take(a, torch.tensor([1], { dtype: i64 }))],
    ["masked_select", (a) => a.masked_select(torch.tensor([true, false]))],
  ];
  for (const [name, op] of cases) {
    const x = torch.tensor([1, 2], { requires_grad: true });
    const a = x.mul(1);
    const y = op(a);
    a.add_(1);
    assert.throws(() => y.sum().backward(), modified, name);
  }
});

test("an index out of bounds is not checked when the result is empty", () => {
  // PyTorch's kernel checks each index as it reads it
  const x = torch.zeros(3, 0, 4);
  const idx = torch.tensor([3, -4], { dtype: torch.int64 });
  assert.deepEqual(x.index(null, null, idx).shape, [1, 1, 2, 0, 4]);
  assert.throws(() => torch.zeros(3, 2).index(idx), /index 3 is out of bounds for dimension 0 with size 3$/);
});
