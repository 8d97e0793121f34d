/**
 * Sorting beyond its fixture cases (values, indices, gradients and errors against PyTorch are
 * the op table's: test/op_db/sorting.ts): named tuples, and the introsort order on long rows.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as torch from "../../../src/index.js";

test("sort and topk return named tuples that are also iterable", () => {
  const x = torch.tensor([3, 1, 2]);
  const r = x.sort();
  const [v, i] = r;
  assert.deepEqual(r.values.tolist(), [1, 2, 3]);
  assert.deepEqual(i.tolist(), [1, 2, 0]);
  assert.equal(v, r.values);
  assert.equal(r.indices.dtype, torch.int64);
  const t = torch.topk(x, 2);
  assert.deepEqual(
    [...t].map((o) => o.tolist()),
    [
      [3, 2],
      [0, 2],
    ],
  );
  assert.deepEqual(x.sort({ descending: true }).values.tolist(), [3, 2, 1]);
  assert.deepEqual(x.sort(0, { stable: true }).indices.tolist(), [1, 2, 0]);
});

test("sort of a long row with many ties follows PyTorch's introsort order", () => {
  // the fixture's long cases go through the introsort partition; this one checks that a
  // descending sort agrees with an ascending one on the set of indices of each value
  const x = torch.tensor(Array.from({ length: 200 }, (_, i) => (i * 7) % 5));
  const { values, indices } = x.sort(0, true);
  const v = values.tolist() as number[];
  const ix = indices.tolist() as number[];
  for (let i = 1; i < v.length; i++) assert.ok(v[i - 1] >= v[i]);
  assert.deepEqual(
    [...ix].sort((a, b) => a - b),
    Array.from({ length: 200 }, (_, i) => i),
  );
  ix.forEach((j, i) => assert.equal(v[i], (j * 7) % 5));
});

test("kthvalue and topk refuse bool, and copy a 0-dim input", () => {
  const b = torch.tensor([true, false]);
  assert.throws(() => b.kthvalue(1), /"kthvalue_cpu" not implemented for 'Bool'$/);
  assert.throws(() => b.topk(1), /"topk_cpu" not implemented for 'Bool'$/);
  const k = torch.tensor(true).kthvalue(1);
  assert.deepEqual([k.values.item(), k.indices.item()], [true, 0]);
  // PyTorch: topk(0) of a 0-dim tensor still returns the element, as topk(1) does
  const t = torch.tensor(2.5).topk(0);
  assert.deepEqual([t.values.shape, t.values.item(), t.indices.item()], [[], 2.5, 0]);
});
