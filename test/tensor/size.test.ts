/**
 * torch.Size (src/tensor/size.ts): what x.size() returns prints as PyTorch's torch.Size in
 * template strings, String() and Node's console.log, and stays an array; torch.Size exists.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { inspect } from "node:util";
import * as torch from "../../src/index.js";

test("x.size() prints as torch.Size([3, 28, 28]) and is an array", () => {
  const s = torch.zeros(3, 28, 28).size();
  // eslint-disable-next-line @typescript-eslint/restrict-template-expressions -- what a template string prints is the point
  assert.equal(`${s}`, "torch.Size([3, 28, 28])");
  assert.equal(String(s), "torch.Size([3, 28, 28])");
  assert.equal(inspect(s), "torch.Size([3, 28, 28])");
  assert.equal(inspect({ size: s }), "{ size: torch.Size([3, 28, 28]) }");
  assert.ok(Array.isArray(s));
  assert.ok(s instanceof torch.Size);
  assert.equal(s.length, 3);
  assert.equal(s[1], 28);
  const [c, h, w] = s;
  assert.deepEqual([c, h, w], [3, 28, 28]);
  assert.deepEqual([...s], [3, 28, 28]);
  assert.equal(s.numel(), 3 * 28 * 28);
  assert.equal(String(s.slice(1)), "torch.Size([28, 28])");
  assert.equal(String(torch.tensor(1).size()), "torch.Size([])");
  assert.equal(torch.zeros(2, 5).size(1), 5);
  // each call gives the caller its own
  assert.notEqual(torch.zeros(2).size(), torch.zeros(2).size());
});

test("torch.Size as PyTorch's constructor, with its type error", () => {
  const s = new torch.Size([2, 3]);
  assert.equal(String(s), "torch.Size([2, 3])");
  assert.equal(String(new torch.Size()), "torch.Size([])");
  assert.equal(torch.zeros(s).dim(), 2);
  assert.throws(() => new torch.Size([2.5]), /torch.Size\(\) takes an iterable of 'int' \(got 2.5\)/);
});

test("Size is read-only in its type, and usable where a shape is", () => {
  const s: torch.Size = torch.ones(4, 2).size();
  const as_shape: readonly number[] = s;
  assert.equal(torch.ones(as_shape).numel(), 8);
  // @ts-expect-error: a Size is immutable, as PyTorch's tuple
  s[0] = 1;
});
