/**
 * Samplers and random_split against test/golden/data.json (gen_data.py, from PyTorch): the
 * indices of two epochs (three for some) and the generators' next rand values afterwards.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as torch from "../../../src/index.js";
import { load_golden } from "../../helpers/golden.js";
import { check_after } from "../../helpers/draws.js";

const {
  TensorDataset,
  DataLoader,
  RandomSampler,
  SequentialSampler,
  SubsetRandomSampler,
  WeightedRandomSampler,
  BatchSampler,
  random_split,
} = torch.utils.data;

type Sampler = Iterable<number | number[]> & { len(): number };
interface SamplerCase {
  name: string;
  seed: number;
  gen_seed: number | null;
  len: number;
  epochs: unknown[][];
  default_next: number[];
  gen_next?: number[];
}
interface SplitCase {
  seed: number;
  n: number;
  lengths: number[];
  gen_seed: number | null;
  indices: number[][];
  values: number[][];
  default_next: number[];
  gen_next?: number[];
}
interface Fixture {
  samplers: SamplerCase[];
  sampler_errors: Record<string, { message: string }>;
  split: SplitCase[];
  split_errors: Record<string, { message: string }>;
}
const G = load_golden<Fixture>("data");
const W = [0.1, 0.9, 0.4, 0.0, 2.5];
const ds10 = new TensorDataset(torch.arange(10));
const ds5 = new TensorDataset(torch.arange(5));
const re = (m: string) => new RegExp(m.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));

const MAKERS: Record<string, (g: torch.Generator | null) => Sampler> = {
  random: (g) => new RandomSampler(ds10, { generator: g }),
  random_num_samples: (g) => new RandomSampler(ds10, { num_samples: 25, generator: g }),
  random_replacement: (g) => new RandomSampler(ds5, { replacement: true, num_samples: 70, generator: g }),
  random_replacement_default: (g) => new RandomSampler(ds10, { replacement: true, generator: g }),
  subset: (g) => new SubsetRandomSampler([10, 20, 30, 40, 50, 60], { generator: g }),
  weighted: (g) => new WeightedRandomSampler(W, 20, true, { generator: g }),
  weighted_no_replacement: (g) => new WeightedRandomSampler(W, 4, false, { generator: g }),
  weighted_one: (g) => new WeightedRandomSampler(W, 1, true, { generator: g }),
  sequential: () => new SequentialSampler(ds5),
  batch: (g) => new BatchSampler(new RandomSampler(ds10, { generator: g }), 3, false),
  batch_drop_last: (g) => new BatchSampler(new RandomSampler(ds10, { generator: g }), 3, true),
  loader_sampler: () => {
    const dl = new DataLoader(new TensorDataset(torch.arange(10).mul(10)), {
      batch_size: 2,
      sampler: new SubsetRandomSampler([1, 3, 5, 7, 9]),
    });
    return loader_sampler(dl);
  },
  loader_batch_sampler: () => {
    const dl = new DataLoader(new TensorDataset(torch.arange(7).mul(10)), {
      batch_sampler: new BatchSampler(new SequentialSampler({ len: () => 7 }), 3, true),
    });
    return loader_sampler(dl);
  },
};

/** The same samplers built with PyTorch's positional parameters. */
const POSITIONAL: Record<string, (g: torch.Generator | null) => Sampler> = {
  random: (g) => new RandomSampler(ds10, false, null, g),
  random_num_samples: (g) => new RandomSampler(ds10, false, 25, g),
  random_replacement: (g) => new RandomSampler(ds5, true, 70, g),
  random_replacement_default: (g) => new RandomSampler(ds10, true, { generator: g }),
  subset: (g) => new SubsetRandomSampler([10, 20, 30, 40, 50, 60], g),
  weighted: (g) => new WeightedRandomSampler(W, 20, true, g),
  weighted_no_replacement: (g) => new WeightedRandomSampler(W, 4, { replacement: false, generator: g }),
};

/** A loader seen as a sampler of its batches' first tensors, for the shared case runner. */
function loader_sampler(dl: InstanceType<typeof DataLoader<torch.Tensor[]>>): Sampler {
  return {
    len: () => dl.len(),
    *[Symbol.iterator]() {
      for (const [xb] of dl) yield xb.tolist() as number[];
    },
  };
}

function run_case(c: SamplerCase, make: (g: torch.Generator | null) => Sampler, label: string): void {
  torch.manual_seed(c.seed);
  const g = c.gen_seed === null ? null : new torch.Generator().manual_seed(c.gen_seed);
  const s = make(g);
  assert.equal(s.len(), c.len, label);
  c.epochs.forEach((expected, e) => assert.deepEqual([...s], expected, `${label}: epoch ${e + 1}`));
  check_after(c, g, label);
}

test("samplers give PyTorch's indices and take the same draws", () => {
  for (const c of G.samplers) {
    const make = MAKERS[c.name];
    assert.ok(make, `no maker for ${c.name}`);
    run_case(c, make, `${c.name} seed ${c.seed} gen ${c.gen_seed}`);
  }
});

test("samplers built with PyTorch's positional parameters give the same", () => {
  const cases = G.samplers.filter((c) => c.name in POSITIONAL);
  assert.equal(new Set(cases.map((c) => c.name)).size, Object.keys(POSITIONAL).length);
  for (const c of cases)
    run_case(c, POSITIONAL[c.name], `positional ${c.name} seed ${c.seed} gen ${c.gen_seed}`);
  assert.throws(() => new RandomSampler(ds10, { replacment: true } as never), /unexpected keyword argument/);
});

test("sampler argument errors use PyTorch's wording", () => {
  const E = G.sampler_errors;
  assert.throws(() => new RandomSampler(ds10, { num_samples: 0 }), re(E.num_samples.message));
  assert.throws(() => new RandomSampler(new TensorDataset(torch.zeros(0))), /num_samples=0/);
  assert.throws(() => new WeightedRandomSampler(W, 0), re(E.weighted_num_samples.message));
  assert.throws(() => new WeightedRandomSampler(torch.ones(1, 2), 2), re(E.weighted_shape.message));
  assert.throws(() => new BatchSampler(new SequentialSampler(ds10), 0, false), re(E.batch_size.message));
});

test("random_split with lengths and fractions matches PyTorch's subsets and draws", () => {
  for (const c of G.split) {
    const label = `seed ${c.seed} lengths ${c.lengths.join(",")} gen ${c.gen_seed}`;
    torch.manual_seed(c.seed);
    const g = c.gen_seed === null ? null : new torch.Generator().manual_seed(c.gen_seed);
    const ds = new TensorDataset(torch.arange(c.n));
    const parts = g === null ? random_split(ds, c.lengths) : random_split(ds, c.lengths, g);
    assert.deepEqual(
      parts.map((p) => p.indices),
      c.indices,
      label,
    );
    assert.deepEqual(
      parts.map((p) => Array.from({ length: p.len() }, (_, i) => p.getitem(i)[0].item())),
      c.values,
      label,
    );
    check_after(c, g, label);
  }
  // the keyword form
  const g = new torch.Generator().manual_seed(42);
  const g2 = new torch.Generator().manual_seed(42);
  const a = random_split(ds10, [0.5, 0.5], { generator: g });
  const b = random_split(ds10, [0.5, 0.5], g2);
  assert.deepEqual(
    a.map((p) => p.indices),
    b.map((p) => p.indices),
  );
});

test("random_split errors use PyTorch's wording", () => {
  const ds = new TensorDataset(torch.arange(5));
  assert.throws(() => random_split(ds, [2, 2]), re(G.split_errors.sum.message));
  assert.throws(() => random_split(ds, [1.5, -0.5]), re(G.split_errors.fraction.message));
});
