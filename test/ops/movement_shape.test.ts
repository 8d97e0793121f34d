import { test } from "node:test";
import assert from "node:assert/strict";
import * as torch from "../../src/index.js";
import { G, check_case, check_error, f64 } from "./movement_cases.js";

const OPS = new Set(G.shaping.map((c) => c.op));

test("flip, roll, tril/triu, repeat, tile, diag_embed match PyTorch", () => {
  for (const c of G.shaping) check_case(c);
});

test("errors of shaping ops have PyTorch's wording", () => {
  const cases = G.errors.filter((c) => OPS.has(c.op));
  assert.ok(cases.length >= 10);
  for (const c of cases) check_error(c);
});

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
