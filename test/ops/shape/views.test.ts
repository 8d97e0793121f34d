/**
 * View ops beyond their fixture cases (those are the op table's: test/op_db/views.ts, shape.ts):
 * the shared version counter, reshape's view-or-copy rule, round trips, double backward and
 * gradcheck in float64.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as torch from "../../../src/index.js";
import { leaf } from "../../helpers/leaf.js";

const f64 = (...shape: number[]) => leaf(shape);

test("views share the version counter: an in-place write through a view is seen by autograd", () => {
  const w = f64(2, 3);
  const a = torch.ones([2, 3], { dtype: torch.float64 });
  const z = w.mul(a); // saves a
  const v = a.t().unsqueeze(0);
  assert.equal(v._version, a._version);
  v.mul_(3);
  assert.equal(a._version, 1);
  assert.deepEqual(a.tolist(), [
    [3, 3, 3],
    [3, 3, 3],
  ]);
  assert.throws(() => z.sum().backward(), /modified by an inplace operation/);
});

test("reshape returns a view when it can and an owned copy otherwise", () => {
  const x = torch.arange(6).reshape(2, 3);
  const t = x.t();
  const r = t.reshape(6);
  assert.notEqual(r._storage, x._storage);
  assert.equal(r._base, null);
  assert.deepEqual(r.tolist(), [0, 3, 1, 4, 2, 5]);
  const v = x.reshape(3, 2);
  assert.equal(v._storage, x._storage);
});

test("squeeze/unsqueeze/flatten round trips", () => {
  const x = torch.arange(24).reshape(2, 1, 3, 4);
  assert.deepEqual(x.squeeze(1).unsqueeze(1).shape, [2, 1, 3, 4]);
  assert.deepEqual(x.flatten(2).unflatten(2, [3, 4]).tolist(), x.tolist());
  assert.deepEqual(x.movedim(0, -1).movedim(-1, 0).tolist(), x.tolist());
  assert.deepEqual(x.permute(3, 2, 1, 0).T.tolist(), x.tolist());
});

test("mT refuses a vector", () => {
  assert.throws(
    () => torch.arange(3).mT,
    /tensor\.mT is only supported on matrices or batches of matrices\. Got 1-D tensor\./,
  );
});

test("double backward through select and narrow and diagonal", () => {
  for (const fn of [
    (t: torch.Tensor) => t.select(1, -1).pow(2),
    (t: torch.Tensor) => t.narrow(0, 1, 2).pow(2),
    (t: torch.Tensor) => t.diagonal(1).pow(2),
    (t: torch.Tensor) => t.as_strided([2, 2], [1, 3], 1).pow(2),
  ]) {
    assert.ok(torch.autograd.gradgradcheck(fn, [f64(3, 4)]));
  }
});

test("gradcheck in float64 for every view op", () => {
  const checks: [string, (x: torch.Tensor) => torch.Tensor, number[]][] = [
    ["view", (x) => x.view(4, 3), [3, 4]],
    ["view of a slice", (x) => x.narrow(0, 1, 2).view(2, 2, 2), [3, 4]],
    ["reshape (copy)", (x) => x.t().reshape(12), [3, 4]],
    ["reshape (alias)", (x) => x.narrow(1, 0, 2).reshape(6), [3, 4]],
    ["expand", (x) => x.expand(2, 3, 4), [3, 1]],
    ["permute", (x) => x.permute(2, 0, 1), [2, 3, 2]],
    ["transpose", (x) => x.transpose(0, -1), [2, 3, 2]],
    ["t", (x) => x.t(), [3, 4]],
    ["T", (x) => x.T, [2, 3, 2]],
    ["mT", (x) => x.mT, [2, 3, 2]],
    ["squeeze", (x) => x.squeeze(), [3, 1, 2]],
    ["squeeze(dim)", (x) => x.squeeze(1), [3, 1, 2]],
    ["squeeze(dims)", (x) => x.squeeze([1, 3]), [3, 1, 2, 1]],
    ["unsqueeze", (x) => x.unsqueeze(1), [3, 2]],
    ["flatten", (x) => x.flatten(1), [2, 3, 2]],
    ["unflatten", (x) => x.unflatten(1, [2, 2]), [3, 4]],
    ["narrow", (x) => x.narrow(1, 1, 2), [3, 4]],
    ["select", (x) => x.select(0, 2), [3, 4]],
    ["movedim", (x) => x.movedim([0, 1], [2, 0]), [2, 3, 2]],
    ["diagonal", (x) => x.diagonal(-1), [3, 4]],
    ["as_strided", (x) => x.as_strided([3, 3], [1, 1]), [3, 4]],
    ["as_strided of a transpose", (x) => x.t().as_strided([2, 3], [1, 3], 1), [4, 3]],
    ["as_strided of an expand", (x) => x.expand(3, 4).as_strided([2, 2], [1, 1]), [1, 4]],
    ["contiguous", (x) => x.t().contiguous(), [3, 4]],
  ];
  for (const [name, fn, shape] of checks) {
    assert.ok(torch.autograd.gradcheck(fn, [f64(...shape)]), name);
  }
});
