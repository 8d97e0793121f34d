/**
 * A JS array as the DataLoader's dataset, as PyTorch takes a Python list
 * (anything with __getitem__ and __len__): PyTorch's shuffled order and draws, and the default
 * collate of (tensor, int) pairs and of objects holding numbers and arrays
 * (test/golden/gen_data_list.py).
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as torch from "../../../src/index.js";
import { decode, load_golden, type EncodedTensor } from "../../helpers/golden.js";

const { DataLoader } = torch.utils.data;
type E = EncodedTensor;
interface ListLoader {
  pairs: [E, number][];
  len: number;
  epochs: [E, E][][];
  after: E;
  dicts: { x: number; y: number[] }[];
  dict_batches: { x: E; y: E[] }[];
}
const L = load_golden<{ list_loader: ListLoader }>("data_list").list_loader;

const same = (a: torch.Tensor, e: E, msg: string) => {
  assert.equal(a.dtype, decode(e).dtype, `${msg}: dtype`);
  assert.deepEqual(a.tolist(), decode(e).tolist(), msg);
};

test("DataLoader over an array of [tensor, int] pairs shuffles and collates as PyTorch's over a list", () => {
  torch.manual_seed(2);
  const pairs = L.pairs.map(([x, i]) => [decode(x), i] as [torch.Tensor, number]);
  const dl = new DataLoader(pairs, { batch_size: 3, shuffle: true });
  assert.equal(dl.len(), L.len);
  assert.equal(dl.dataset, pairs);
  for (const [e, epoch] of L.epochs.entries()) {
    const got = [...dl];
    assert.equal(got.length, epoch.length);
    got.forEach(([x, y], b) => {
      same(x, epoch[b][0], `epoch ${e} batch ${b} x`);
      same(y, epoch[b][1], `epoch ${e} batch ${b} y`);
    });
  }
  assert.deepEqual(torch.rand(3).tolist(), decode(L.after).tolist());
});

test("DataLoader over an array of objects collates each field (numbers and arrays)", () => {
  const dl = new DataLoader(L.dicts, { batch_size: 2, drop_last: true });
  const got = [...dl];
  assert.equal(got.length, L.dict_batches.length);
  got.forEach((b, i) => {
    same(b.x, L.dict_batches[i].x, `batch ${i} x`);
    b.y.forEach((t, j) => same(t, L.dict_batches[i].y[j], `batch ${i} y[${j}]`));
  });
});

test("an array dataset indexes like a list: negative indices count from the end, others are refused", () => {
  const dl = new DataLoader([10, 20, 30], { sampler: [-1, 0], batch_size: 2 });
  assert.deepEqual(
    [...dl].map((b) => b.tolist()),
    [[30, 10]],
  );
  const bad = new DataLoader([10, 20, 30], { sampler: [3] });
  assert.throws(() => [...bad], /list index out of range/);
});
