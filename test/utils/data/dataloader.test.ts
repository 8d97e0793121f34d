/**
 * DataLoader against test/golden/data.json (gen_data.py, from PyTorch): batch orders over three
 * epochs with and without a generator, drop_last, no shuffle, explicit samplers, and the next
 * torch.rand values afterwards, which equal PyTorch's only if torch-ts drew exactly as many
 * words from each generator at the same moments (pytorch-rng.md §8).
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as torch from "../../../src/index.js";
import { load_golden, decode, type EncodedTensor } from "../../helpers/golden.js";
import { check_after, type After } from "../../helpers/draws.js";

const { TensorDataset, DataLoader, Dataset, IterableDataset, SequentialSampler, BatchSampler } =
  torch.utils.data;

interface LoaderCase extends After {
  seed: number;
  gen_seed: number | null;
  n: number;
  batch_size: number;
  drop_last: boolean;
  shuffle: boolean;
  len: number;
  epochs: number[][][];
}
interface Fixture {
  loader: LoaderCase[];
  partial: {
    iter_only: After;
    one_batch: After & { first: number[] };
    not_exhausted: After & { batches: number[][] };
  };
  dataset: { x: EncodedTensor; y: EncodedTensor };
  loads: { pairs: [EncodedTensor, EncodedTensor][]; no_batch: [EncodedTensor, EncodedTensor][] };
  loader_errors: Record<string, { message: string }>;
}
const G = load_golden<Fixture>("data");

type Make = (ds: InstanceType<typeof TensorDataset>, c: LoaderCase, g: torch.Generator | null) => DL;
type DL = InstanceType<typeof DataLoader<torch.Tensor[]>>;
const FORMS: [string, Make][] = [
  [
    "keywords",
    (ds, c, g) =>
      new DataLoader(ds, {
        batch_size: c.batch_size,
        shuffle: c.shuffle,
        drop_last: c.drop_last,
        generator: g,
      }),
  ],
  // PyTorch's positional order: batch_size, shuffle, sampler, batch_sampler, num_workers,
  // collate_fn, pin_memory, drop_last, timeout, worker_init_fn, multiprocessing_context, generator
  [
    "positional",
    (ds, c, g) =>
      new DataLoader(ds, c.batch_size, c.shuffle, null, null, 0, null, false, c.drop_last, 0, null, null, g),
  ],
  [
    "mixed",
    (ds, c, g) => new DataLoader(ds, c.batch_size, c.shuffle, { drop_last: c.drop_last, generator: g }),
  ],
];

test("DataLoader epochs over TensorDataset(arange(n)) match PyTorch, draws included", () => {
  for (const [form, make] of FORMS) {
    for (const c of G.loader) {
      run_loader_case(
        c,
        make,
        `${form}: seed ${c.seed} n ${c.n} bs ${c.batch_size} drop_last ${c.drop_last} shuffle ${c.shuffle} gen ${c.gen_seed}`,
      );
    }
  }
  const td = new TensorDataset(torch.arange(3));
  assert.throws(
    () => new DataLoader(td, { batchsize: 2 } as never),
    /unexpected keyword argument 'batchsize'/,
  );
  assert.throws(() => new DataLoader(td, 2, { batch_size: 2 }), /multiple values for argument 'batch_size'/);
  assert.throws(
    () => new DataLoader(td, { multiprocessing_context: "spawn" }),
    /multiprocessing_context can only be used with multi-process loading/,
  );
});

function run_loader_case(c: LoaderCase, make: Make, label: string): void {
  torch.manual_seed(c.seed);
  const g = c.gen_seed === null ? null : new torch.Generator().manual_seed(c.gen_seed);
  const loader = make(new TensorDataset(torch.arange(c.n)), c, g);
  assert.equal(loader.len(), c.len, label);
  for (const [e, expected] of c.epochs.entries()) {
    const got: number[][] = [];
    for (const [xb] of loader) {
      assert.equal(xb.dtype, torch.int64);
      got.push(xb.tolist() as number[]);
    }
    assert.deepEqual(got, expected, `${label}: epoch ${e + 1}`);
  }
  check_after(c, g, label);
}

test("DataLoader draw timing: base seed at iteration start, sampler seed at the first batch", () => {
  const make = () => new DataLoader(new TensorDataset(torch.arange(10)), { batch_size: 4, shuffle: true });
  torch.manual_seed(0);
  make()[Symbol.iterator]();
  check_after(G.partial.iter_only, null, "iter only");

  torch.manual_seed(0);
  const it = make()[Symbol.iterator]();
  const first = it.next();
  assert.equal(first.done, false);
  assert.deepEqual(first.value[0].tolist(), G.partial.one_batch.first);
  check_after(G.partial.one_batch, null, "one batch");

  // all three batches taken, the sampler not yet exhausted: no final randperm yet
  torch.manual_seed(0);
  const it3 = make()[Symbol.iterator]();
  const got = [0, 1, 2].map(() => (it3.next().value as torch.Tensor[])[0].tolist());
  assert.deepEqual(got, G.partial.not_exhausted.batches);
  check_after(G.partial.not_exhausted, null, "not exhausted");
});

test("DataLoader collates (tensor, int) samples and passes samples through with batch_size null", () => {
  class Pairs extends Dataset<[torch.Tensor, number]> {
    override len() {
      return 5;
    }
    getitem(i: number): [torch.Tensor, number] {
      return [torch.tensor([i, i / 2]), i * 3];
    }
  }
  const pairs = [...new DataLoader(new Pairs(), { batch_size: 2 })];
  assert.equal(pairs.length, G.loads.pairs.length);
  pairs.forEach(([x, label], i) => {
    torch.testing.assert_close(x, decode(G.loads.pairs[i][0]));
    torch.testing.assert_close(label, decode(G.loads.pairs[i][1]));
    assert.equal(label.dtype, torch.int64);
  });

  const td = new TensorDataset(decode(G.dataset.x), decode(G.dataset.y));
  const rows = [...new DataLoader(td, { batch_size: null })];
  assert.equal(rows.length, G.loads.no_batch.length);
  rows.forEach((row, i) => {
    torch.testing.assert_close(row[0], decode(G.loads.no_batch[i][0]));
    torch.testing.assert_close(row[1], decode(G.loads.no_batch[i][1]));
  });
});

test("DataLoader over a TensorDataset that requires grad stacks rows (StackBackward0), as default_collate", () => {
  const x = torch.arange(6, { dtype: torch.float32 }).reshape(3, 2).requires_grad_();
  const [xb] = [...new DataLoader(new TensorDataset(x), { batch_size: 2 })][0];
  assert.equal(xb.grad_fn?.name(), "StackBackward0");
  xb.sum().backward();
  torch.testing.assert_close(
    x.grad!,
    torch.tensor([
      [1, 1],
      [1, 1],
      [0, 0],
    ]),
  );
});

test("DataLoader with a collate_fn, an IterableDataset, and drop_last on an IterableDataset", () => {
  const td = new TensorDataset(torch.arange(5));
  const sums = [
    ...new DataLoader(td, {
      batch_size: 2,
      collate_fn: (b) => b.reduce((a, [t]) => a + (t.item() as number), 0),
    }),
  ];
  assert.deepEqual(sums, [1, 5, 4]);

  class Count extends IterableDataset<number> {
    constructor(readonly n: number) {
      super();
    }
    *[Symbol.iterator]() {
      for (let i = 0; i < this.n; i++) yield i;
    }
    len() {
      return this.n;
    }
  }
  const batches = [...new DataLoader(new Count(7), { batch_size: 3 })].map((b) => b.tolist());
  assert.deepEqual(batches, [[0, 1, 2], [3, 4, 5], [6]]);
  const dl = new DataLoader(new Count(7), { batch_size: 3, drop_last: true });
  assert.equal(dl.len(), 2);
  assert.deepEqual(
    [...dl].map((b) => b.tolist()),
    [
      [0, 1, 2],
      [3, 4, 5],
    ],
  );
  assert.throws(
    () => new DataLoader(new Count(3), { shuffle: true }),
    /expected unspecified shuffle option, but got shuffle=True/,
  );
});

test("DataLoader option errors use PyTorch's wording", () => {
  const td = new TensorDataset(decode(G.dataset.x), decode(G.dataset.y));
  const E = G.loader_errors;
  const re = (m: string) => new RegExp(m.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  assert.throws(
    () => new DataLoader(td, { sampler: new SequentialSampler(td), shuffle: true }),
    re(E.sampler_shuffle.message),
  );
  assert.throws(
    () =>
      new DataLoader(td, {
        batch_size: 2,
        batch_sampler: new BatchSampler(new SequentialSampler(td), 2, false),
      }),
    re(E.batch_sampler.message),
  );
  assert.throws(
    () => new DataLoader(td, { batch_size: null, drop_last: true }),
    re(E.none_drop_last.message),
  );
  assert.throws(() => new DataLoader(td, { num_workers: -1 }), re(E.num_workers.message));
});

test("DataLoader's TensorDataset batches are fresh tensors equal to stacking the rows, any layout", () => {
  // contiguous, offset (a narrow), transposed (not contiguous), int64 and a 0-row batch edge
  const base = torch.arange(40, { dtype: torch.float32 }).reshape(10, 4);
  const tensors = [
    base,
    base.narrow(0, 1, 7).narrow(1, 1, 3).contiguous().narrow(0, 2, 5),
    torch.arange(10, { dtype: torch.int64 }),
    torch.arange(20, { dtype: torch.float64 }).reshape(2, 10).t(),
  ];
  for (const t of tensors) {
    const n = t.shape[0];
    const ds = new TensorDataset(t, t.mul(2));
    for (const make of [
      () => ({ batch_size: 3 }),
      () => ({ batch_size: 3, drop_last: true }),
      () => ({ batch_size: 4, shuffle: true, generator: torch.Generator().manual_seed(1) }),
      () => ({ batch_size: 3, sampler: [4 % n, 0, n - 1, 1] }),
    ]) {
      const order = [...new DataLoader(ds, make())];
      const stacked = [...new DataLoader(ds, { ...make(), collate_fn: (b: torch.Tensor[][]) => b })];
      assert.equal(order.length, stacked.length);
      order.forEach(([xb, yb], i) => {
        const rows = stacked[i];
        assert.equal(xb.is_contiguous(), true);
        assert.deepEqual(xb.tolist(), torch.stack(rows.map((r) => r[0])).tolist());
        assert.deepEqual(yb.tolist(), torch.stack(rows.map((r) => r[1])).tolist());
        assert.equal(xb.dtype, t.dtype);
        // a fresh tensor: writing it leaves the dataset as it was
        const before = t.tolist();
        xb.zero_();
        assert.deepEqual(t.tolist(), before);
      });
    }
  }
});

test("DataLoader reads the dataset's length at the first batch, and batches in order as BatchSampler", () => {
  const t = torch.arange(7);
  const ds = new TensorDataset(t);
  const loader = new DataLoader(ds, { batch_size: 3 });
  const it = loader[Symbol.iterator]();
  ds.tensors[0] = torch.arange(5); // replaced before the first batch: the epoch sees 5 rows
  const got = [];
  for (let r = it.next(); !r.done; r = it.next()) got.push(r.value[0].tolist());
  assert.deepEqual(got, [
    [0, 1, 2],
    [3, 4],
  ]);
  assert.deepEqual(
    [...new DataLoader(new TensorDataset(torch.arange(7)), { batch_size: 3, drop_last: true })].map(([b]) =>
      b.tolist(),
    ),
    [
      [0, 1, 2],
      [3, 4, 5],
    ],
  );
});
