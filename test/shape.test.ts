import { test } from "node:test";
import assert from "node:assert/strict";
import * as torch from "../src/index.js";
import { contiguous_strides, infer_size, is_contiguous, view_strides } from "../src/shape.js";
import { G } from "./op_db/golden/movement.js";

test("the layout fixture has cases for every check below", () => {
  for (const list of [G.layout.is_contiguous, G.layout.view_strides, G.layout.contiguous_strides]) {
    assert.ok(list.length > 0);
  }
});

test("is_contiguous follows PyTorch: size-1 dims take any stride, empty tensors are contiguous", () => {
  for (const c of G.layout.is_contiguous) {
    assert.equal(is_contiguous(c.shape, c.stride), c.is_contiguous, JSON.stringify(c));
    const t = torch.empty(64).as_strided(c.shape, c.stride);
    assert.equal(t.is_contiguous(), c.is_contiguous, JSON.stringify(c));
  }
});

test("view strides are ATen's computeStride", () => {
  for (const c of G.layout.view_strides) {
    assert.deepEqual(view_strides(c.shape, c.stride, c.new), c.result, JSON.stringify(c));
  }
});

test("contiguous strides as PyTorch lays out new tensors", () => {
  for (const c of G.layout.contiguous_strides) {
    assert.deepEqual(contiguous_strides(c.shape), c.stride);
    assert.deepEqual(torch.empty(c.shape).stride(), c.stride);
  }
});

test("infer_size resolves -1 and words errors as PyTorch", () => {
  assert.deepEqual(infer_size([2, -1], 6), [2, 3]);
  assert.deepEqual(infer_size([3, 0], 0), [3, 0]);
  assert.throws(
    () => infer_size([0, -1, 2], 0),
    /cannot reshape tensor of 0 elements into shape \[0, -1, 2\]/,
  );
  assert.throws(() => infer_size([-1, 4], 6), /shape '\[-1, 4\]' is invalid for input of size 6/);
  assert.throws(() => infer_size([-1, -1], 6), /only one dimension can be inferred/);
});
