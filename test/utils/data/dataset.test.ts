/**
 * Datasets and default_collate against test/golden/data.json (gen_data.py, from PyTorch):
 * TensorDataset rows, Subset, ConcatDataset (negative indices, `+`), the "Size mismatch between
 * tensors" refusal of the walkthrough's 9-input/8-target listing, and default_collate of
 * numbers, booleans, strings, tensors, arrays and objects.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as torch from "../../../src/index.js";
import { decode, is_encoded_tensor, load_golden, type EncodedTensor } from "../../helpers/golden.js";

const { TensorDataset, Subset, ConcatDataset, default_collate } = torch.utils.data;

interface Fixture {
  dataset: {
    x: EncodedTensor;
    y: EncodedTensor;
    item: EncodedTensor[];
    item_neg: EncodedTensor[];
    len: number;
    subset: EncodedTensor[][];
    subset_neg: EncodedTensor[];
    concat_len: number;
    concat_cumulative: number[];
    concat_items: number[];
    concat_neg: number;
    concat_add: number[];
  };
  dataset_errors: Record<string, { message: string }>;
  collate: Record<string, { batch: unknown[]; out: unknown }>;
  collate_errors: Record<string, { message: string }>;
}
const G = load_golden<Fixture>("data");
const D = G.dataset;
const re = (m: string) => new RegExp(m.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));

function assert_rows(got: torch.Tensor[], expected: EncodedTensor[], label: string): void {
  assert.equal(got.length, expected.length, label);
  got.forEach((t, i) => torch.testing.assert_close(t, decode(expected[i]), { msg: label }));
}

test("TensorDataset, Subset and ConcatDataset index as PyTorch's", () => {
  const td = new TensorDataset(decode(D.x), decode(D.y));
  assert.equal(td.len(), D.len);
  assert_rows(td.getitem(4), D.item, "td[4]");
  assert_rows(td.getitem(-1), D.item_neg, "td[-1]");
  const sub = new Subset(td, [5, 0, 3]);
  D.subset.forEach((row, i) => assert_rows(sub.getitem(i), row, `sub[${i}]`));
  assert_rows(sub.getitem(-1), D.subset_neg, "sub[-1]");

  const cat = new ConcatDataset([
    new TensorDataset(torch.arange(3)),
    new TensorDataset(torch.arange(10, 14)),
  ]);
  assert.equal(cat.len(), D.concat_len);
  assert.deepEqual(cat.cumulative_sizes, D.concat_cumulative);
  assert.deepEqual(
    Array.from({ length: cat.len() }, (_, i) => cat.getitem(i)[0].item()),
    D.concat_items,
  );
  assert.equal(cat.getitem(-2)[0].item(), D.concat_neg);
  const added = new TensorDataset(torch.arange(2)).add(new TensorDataset(torch.arange(5, 7)));
  assert.deepEqual(
    Array.from({ length: added.len() }, (_, i) => added.getitem(i)[0].item()),
    D.concat_add,
  );
});

test("dataset errors: the walkthrough's 9 inputs and 8 targets are refused before training", () => {
  const E = G.dataset_errors;
  assert.throws(() => new TensorDataset(torch.arange(9), torch.arange(8)), re(E.size_mismatch.message));
  assert.throws(() => new TensorDataset(torch.arange(9), torch.arange(8)), /9 and 8/);
  const cat = new ConcatDataset([
    new TensorDataset(torch.arange(3)),
    new TensorDataset(torch.arange(10, 14)),
  ]);
  assert.throws(() => cat.getitem(-8), re(E.concat_neg.message));
  assert.throws(() => new ConcatDataset([]), re(E.concat_empty.message));
});

/** The fixture's batch: tensors decoded, everything else as JSON gave it. */
function decode_tree(v: unknown): unknown {
  if (is_encoded_tensor(v)) return decode(v);
  if (Array.isArray(v)) return v.map(decode_tree);
  if (typeof v === "object" && v !== null) {
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, decode_tree(x)]));
  }
  return v;
}

function assert_tree(got: unknown, expected: unknown, label: string): void {
  if (is_encoded_tensor(expected)) {
    assert.ok(got instanceof torch.Tensor, `${label}: a tensor`);
    torch.testing.assert_close(got, decode(expected), { msg: label });
    assert.equal(String(got.dtype), `torch.${expected.dtype}`, label);
  } else if (Array.isArray(expected)) {
    assert.ok(Array.isArray(got), `${label}: an array`);
    assert.equal(got.length, expected.length, label);
    expected.forEach((e, i) => assert_tree(got[i], e, `${label}[${i}]`));
  } else if (typeof expected === "object" && expected !== null) {
    assert.deepEqual(Object.keys(got as object), Object.keys(expected), label);
    for (const [k, e] of Object.entries(expected))
      assert_tree((got as Record<string, unknown>)[k], e, `${label}.${k}`);
  } else {
    assert.equal(got, expected, label);
  }
}

test("default_collate batches as PyTorch's", () => {
  for (const [name, c] of Object.entries(G.collate)) {
    assert_tree(default_collate(decode_tree(c.batch) as unknown[]), c.out, name);
  }
});

test("default_collate errors use PyTorch's wording", () => {
  assert.throws(() => default_collate([[1, 2], [3]]), re(G.collate_errors.unequal.message));
  assert.throws(() => default_collate([torch.ones(2), torch.ones(3)]), re(G.collate_errors.stack.message));
  assert.throws(() => default_collate([null]), /default_collate: batch must contain/);
});
