import { test } from "node:test";
import assert from "node:assert/strict";
import * as torch from "../../src/index.js";

test("torch.Generator() works with and without new (API.md writes torch.Generator().manual_seed(s))", () => {
  const g = torch.Generator().manual_seed(42);
  const h = new torch.Generator().manual_seed(42);
  assert.ok(g instanceof torch.Generator);
  assert.ok(h instanceof torch.Generator);
  // pytorch-rng.md §10: manual_seed(42); rand(3)
  const expected = [0.8822692632675171, 0.9150039553642273, 0.38286375999450684];
  assert.deepEqual(torch.rand(3, { generator: g }).tolist(), expected);
  assert.deepEqual(torch.rand(3, { generator: h }).tolist(), expected);
});
