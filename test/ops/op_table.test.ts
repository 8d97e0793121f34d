/**
 * The op table (src/ops/table.ts) against what users reach: every row with the `function`
 * variant is `torch.X` (the same function), every row with the `method` variant is a Tensor
 * method that calls it with the tensor first, every in-place form returns its tensor, and no
 * op is exported from torch without a row. The typed calls at the end are checked by `tsc`.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as torch from "../../src/index.js";
import * as ops from "../../src/ops/index.js";
import { all_ops, names_of } from "../../src/ops/table.js";

const rows = all_ops();
const torch_ns = torch as unknown as Record<string, unknown>;
const ops_ns = ops as unknown as Record<string, unknown>;
const proto = torch.Tensor.prototype as unknown as Record<string, unknown>;

test("op table: every family file declares a table", () => {
  // one row per public op; a family whose table went missing would drop hundreds of methods
  assert.ok(rows.size > 200, `only ${rows.size} rows`);
  for (const name of [
    "add",
    "sum",
    "view",
    "cat",
    "matmul",
    "sort",
    "rand",
    "index_select",
    "softmax",
    "where",
  ]) {
    assert.ok(rows.has(name), `no row for ${name}`);
  }
});

test("op table: the torch namespace and Tensor methods cover every row", () => {
  for (const [name, row] of rows) {
    for (const [public_name, fn, variants] of names_of(name, row)) {
      if (variants.includes("function")) {
        assert.equal(torch_ns[public_name], fn, `torch.${public_name} is not the table's function`);
      } else {
        assert.equal(
          torch_ns[public_name],
          undefined,
          `torch.${public_name} exported, but its row says method only`,
        );
      }
      // function-only rows may still be methods the class itself holds (detach, numel)
      if (variants.includes("method"))
        assert.equal(typeof proto[public_name], "function", `Tensor.${public_name} is missing`);
    }
  }
});

test("op table: every op torch exports has a row", () => {
  const functions = new Set<string>();
  for (const [name, row] of rows) {
    for (const [public_name, , variants] of names_of(name, row))
      if (variants.includes("function")) functions.add(public_name);
  }
  for (const [name, value] of Object.entries(torch_ns)) {
    if (typeof value !== "function" || ops_ns[name] !== value) continue;
    assert.ok(
      functions.has(name),
      `torch.${name} comes from src/ops but has no table row with the function variant`,
    );
  }
});

test("op table: a method calls its function with the tensor first; in-place forms return their tensor", () => {
  const x = torch.tensor([
    [1.5, -2.0],
    [0.25, 4.0],
  ]);
  const y = torch.tensor([0.5, 2.0]);
  assert.deepEqual(x.add(y, { alpha: 2 }).tolist(), torch.add(x, y, { alpha: 2 }).tolist());
  assert.deepEqual(x.sum(1, { keepdim: true }).tolist(), [[-0.5], [4.25]]);
  assert.deepEqual(x.clamp(0, 1).tolist(), [
    [1, 0],
    [0.25, 1],
  ]);
  // Tensor.where(condition, other) is torch.where(condition, self, other)
  assert.deepEqual(x.where(x.gt(0), y).tolist(), [
    [1.5, 2.0],
    [0.25, 4.0],
  ]);
  const z = x.clone();
  assert.equal(z.mul_(2), z);
  assert.equal(z.exp_(), z);
  assert.equal(z.zero_(), z);
  assert.deepEqual(z.tolist(), [
    [0, 0],
    [0, 0],
  ]);
  // more than four arguments go through the long path
  const w = torch.zeros(2, 3);
  assert.deepEqual(w.new_zeros(1).add(1).tolist(), [1]);
  assert.deepEqual(torch.ones(2, 3, 4, 5, 6).permute(4, 3, 2, 1, 0).shape, [6, 5, 4, 3, 2]);
});

test("op table: methods are typed from the rows (checked by tsc)", () => {
  const x = torch.ones(2, 3);
  const s: torch.Tensor = x.add(x).sum(1, { keepdim: true });
  const m: torch.ValuesIndices = x.max(1);
  const v: torch.Tensor = x.max();
  const nz: torch.Tensor[] = x.nonzero({ as_tuple: true });
  const p = new torch.nn.Parameter(torch.zeros(2));
  const same: torch.nn.Parameter = p.detach().requires_grad_(false) === p ? p : p;
  torch.no_grad(() => {
    const q: torch.nn.Parameter = p.add_(1);
    assert.equal(q, p);
  });
  // @ts-expect-error: add takes a tensor or a number
  assert.throws(() => x.add("1"));
  assert.deepEqual([s.shape, m.values.shape, v.shape, nz.length, same.shape], [[2, 1], [2], [], 2, [2]]);
});
