/**
 * Joining and splitting beyond their fixture cases (those are the op table's: test/op_db/shape.ts,
 * stacking.ts): keyword dims and promotion, shared split nodes, edges per input, gradcheck and
 * double backward.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as torch from "../../../src/index.js";
import { leaf } from "../../helpers/leaf.js";

const f64 = (...shape: number[]) => leaf(shape);

test("cat takes dim as a keyword and promotes types across the list", () => {
  const a = torch.tensor([1, 2], { dtype: torch.int32 });
  const b = torch.tensor([true]);
  const c = torch.cat([a, b], { dim: 0 });
  assert.equal(c.dtype, torch.int32);
  assert.deepEqual(c.tolist(), [1, 2, 1]);
  assert.equal(torch.cat([a, torch.tensor([0.5])]).dtype, torch.float32);
});

test("split pieces share one SplitBackward0 node and are views of the input", () => {
  const x = f64(5, 2);
  const [p, q, r] = x.split(2);
  assert.equal(p.grad_fn, q.grad_fn);
  assert.equal(q.grad_fn, r.grad_fn);
  assert.deepEqual([p._output_nr, q._output_nr, r._output_nr], [0, 1, 2]);
  assert.equal(p.grad_fn?.next_functions.length, 1);
  const t = torch.arange(6).reshape(3, 2);
  t.unbind(0)[1].fill_(-1);
  assert.deepEqual(t.tolist(), [
    [0, 1],
    [-1, -1],
    [4, 5],
  ]);
});

test("cat and stack record one edge per input tensor", () => {
  const a = f64(2);
  const b = torch.ones([3], { dtype: torch.float64 });
  const c = f64(1);
  const y = torch.cat([a, b, c]);
  const edges = y.grad_fn?.next_functions ?? [];
  assert.equal(edges.length, 3);
  assert.equal(edges[0][0]?.name(), "AccumulateGrad");
  assert.equal(edges[1][0], null);
  y.backward(torch.arange(6, { dtype: torch.float64 }));
  assert.deepEqual(a.grad?.tolist(), [0, 1]);
  assert.deepEqual(c.grad?.tolist(), [5]);
});

test("gradcheck in float64 for joining and splitting ops", () => {
  const checks: [string, (...xs: torch.Tensor[]) => torch.Tensor | torch.Tensor[], number[][]][] = [
    [
      "cat",
      (a, b) => torch.cat([a, b], 1),
      [
        [2, 3],
        [2, 2],
      ],
    ],
    [
      "cat with a transposed input",
      (a, b) => torch.cat([a.t(), b]),
      [
        [3, 2],
        [1, 3],
      ],
    ],
    [
      "stack",
      (a, b) => torch.stack([a, b], -1),
      [
        [2, 3],
        [2, 3],
      ],
    ],
    ["hstack", (a, b) => torch.hstack([a, b]), [[3], [2]]],
    ["vstack", (a, b) => torch.vstack([a, b]), [[3], [2, 3]]],
    [
      "dstack",
      (a, b) => torch.dstack([a, b]),
      [
        [2, 3],
        [2, 3],
      ],
    ],
    ["split", (a) => a.split(2), [[5, 2]]],
    ["split_with_sizes", (a) => a.split([1, 3, 1], 1), [[2, 5]]],
    ["chunk", (a) => a.chunk(3, -1), [[2, 7]]],
    ["unbind", (a) => a.unbind(1), [[2, 3]]],
    ["tensor_split", (a) => a.tensor_split([1, 4], 1), [[2, 6]]],
    ["hsplit", (a) => torch.hsplit(a, 2), [[2, 4]]],
    ["vsplit", (a) => torch.vsplit(a, [1]), [[3, 2]]],
  ];
  for (const [name, fn, shapes] of checks) {
    assert.ok(
      torch.autograd.gradcheck(
        fn,
        shapes.map((s) => f64(...s)),
      ),
      name,
    );
  }
});

test("double backward through cat, stack, split and unbind", () => {
  assert.ok(torch.autograd.gradgradcheck((a, b) => torch.cat([a, b]).pow(2), [f64(2, 2), f64(1, 2)]));
  assert.ok(torch.autograd.gradgradcheck((a, b) => torch.stack([a, b], 1).pow(2), [f64(3), f64(3)]));
  assert.ok(torch.autograd.gradgradcheck((a) => a.split(2)[1].pow(2), [f64(5)]));
  assert.ok(torch.autograd.gradgradcheck((a) => a.unbind(0)[0].pow(2), [f64(2, 2)]));
});

test("cat of only 1-D empty tensors leaves dim unchecked (PyTorch's legacy rule)", () => {
  assert.deepEqual(torch.cat([torch.zeros(0), torch.zeros(0)], 1).shape, [0]);
  assert.deepEqual(torch.cat([torch.zeros(0), torch.zeros(2, 3)], 1).shape, [2, 3]);
});
