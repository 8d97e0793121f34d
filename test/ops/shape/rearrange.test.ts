/**
 * Flips, rolls, triangles and repeats beyond their fixture cases (those are the op table's:
 * test/op_db/shape.ts, stacking.ts): in-place tril_/triu_, roll's forms, gradcheck, and
 * fractional arguments refused.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as torch from "../../../src/index.js";
import { leaf } from "../../helpers/leaf.js";

const f64 = (...shape: number[]) => leaf(shape);

test("tril_ and triu_ work in place", () => {
  const x = torch.ones(3, 3);
  assert.equal(x.tril_(-1), x);
  assert.deepEqual(x.tolist(), [
    [0, 0, 0],
    [1, 0, 0],
    [1, 1, 0],
  ]);
  const y = torch.ones([2, 3], { dtype: torch.int64 }).triu_({ diagonal: 1 });
  assert.deepEqual(y.tolist(), [
    [0, 1, 1],
    [0, 0, 1],
  ]);
});

test("roll without dims rolls the flattened tensor; with a list it rolls each dim", () => {
  const x = torch.arange(6).reshape(2, 3);
  assert.deepEqual(x.roll(1).tolist(), [
    [5, 0, 1],
    [2, 3, 4],
  ]);
  assert.deepEqual(x.roll([1, -1], [0, 1]).tolist(), [
    [4, 5, 3],
    [1, 2, 0],
  ]);
  assert.throws(() => x.roll([]), /`shifts` required/);
});

test("gradcheck in float64 for shaping ops", () => {
  const checks: [string, (x: torch.Tensor) => torch.Tensor, number[]][] = [
    ["flip", (x) => x.flip(0, 2), [2, 3, 2]],
    ["fliplr", (x) => torch.fliplr(x), [3, 2]],
    ["roll", (x) => x.roll([1, -2], [0, 1]), [3, 4]],
    ["roll flattened", (x) => x.t().roll(5), [3, 4]],
    ["tril", (x) => x.tril(-1), [2, 3, 3]],
    ["triu", (x) => x.triu(1), [3, 4]],
    ["repeat", (x) => x.repeat(2, 1, 3), [2, 2]],
    ["repeat of a transpose", (x) => x.t().repeat(2, 2), [3, 2]],
    ["tile", (x) => x.tile([2]), [2, 3]],
    ["diag_embed", (x) => torch.diag_embed(x, 1), [2, 3]],
    ["diag of a vector", (x) => torch.diag(x, -1), [3]],
    ["diag of a matrix", (x) => x.diag(1), [3, 4]],
  ];
  for (const [name, fn, shape] of checks) {
    assert.ok(torch.autograd.gradcheck(fn, [f64(...shape)]), name);
  }
  assert.ok(torch.autograd.gradgradcheck((x) => x.repeat(2, 1).pow(2), [f64(2, 2)]));
  assert.ok(torch.autograd.gradgradcheck((x) => x.flip(0).roll(1).tril().pow(2), [f64(3, 3)]));
});

test("a fractional number where an int is due is a TypeError, never a fractional view", () => {
  // a port's `n / 2` where Python wrote `n // 2`: PyTorch's argument parser refuses the float
  const x = torch.arange(12, { dtype: torch.float32 }).reshape(3, 4);
  const calls: [string, () => unknown][] = [
    ["narrow(): argument 'start' (position 2) must be int", () => x.narrow(0, 0.5, 1)],
    ["narrow(): argument 'length' (position 3) must be int", () => x.narrow(0, 0, 1.5)],
    [
      "as_strided(): argument 'stride' (position 2) must be tuple of ints",
      () => x.as_strided([2, 2], [1.5, 1]),
    ],
    ["as_strided(): argument 'storage_offset' (position 3) must be int", () => x.as_strided([2], [1], 0.5)],
    ["repeat(): argument 'repeats' (position 1) must be tuple of ints", () => x.repeat(1.5, 1)],
    ["tile(): argument 'dims' (position 1) must be tuple of ints", () => x.tile([1, 1.5])],
    ["roll(): argument 'shifts' (position 1) must be tuple of ints", () => x.roll(1.5, 0)],
    ["tril(): argument 'diagonal' (position 1) must be int", () => x.tril(0.5)],
    ["diagonal(): argument 'offset' (position 1) must be int", () => x.diagonal(0.5)],
    ["diag_embed(): argument 'offset' (position 1) must be int", () => torch.diag_embed(x, 0.5)],
    ["split(): argument 'split_size' (position 1) must be int", () => x.split(1.5)],
    [
      "split_with_sizes(): argument 'split_sizes' (position 1) must be tuple of ints",
      () => x.split([1.5, 1.5]),
    ],
    ["chunk(): argument 'chunks' (position 1) must be int", () => x.chunk(1.5)],
    ["tensor_split(): argument 'sections' (position 1) must be int", () => x.tensor_split(1.5)],
    ["tensor_split(): argument 'indices' (position 1) must be tuple of ints", () => x.tensor_split([1.5])],
    [
      "embedding(): argument 'padding_idx' (position 3) must be int",
      () => torch.embedding(x, torch.tensor([1], { dtype: torch.int64 }), 0.5),
    ],
  ];
  for (const [message, f] of calls) {
    assert.throws(f, (e: unknown) => e instanceof TypeError && e.message.startsWith(message), message);
  }
});

test("roll: an empty tensor is copied before its dims are checked; a 0-dim one has none", () => {
  assert.deepEqual(torch.zeros(4, 0).roll(2, 3).shape, [4, 0]);
  assert.throws(() => torch.tensor(1).roll(1, -1), /Dimension specified as -1 but tensor has no dimensions$/);
});
