/**
 * torch.multinomial against test/golden/data.json (gen_data.py, from PyTorch): with and without
 * replacement, one sample (2.x's fast path), 1-D and 2-D, float32 and float64, with a generator,
 * and the default generator's next values afterwards; errors in PyTorch's wording.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as torch from "../../../src/index.js";
import { decode, load_golden, type EncodedTensor } from "../../helpers/golden.js";
import { check_after, type After } from "../../helpers/draws.js";

interface Case extends After {
  seed: number;
  gen_seed?: number;
  probs: EncodedTensor;
  n: number;
  replacement: boolean;
  out: EncodedTensor;
}
interface Fixture {
  multinomial: Case[];
  multinomial_errors: Record<string, { message: string }>;
}
const G = load_golden<Fixture>("data");
const re = (m: string) => new RegExp(m.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));

test("multinomial draws PyTorch's indices and as many words", () => {
  for (const c of G.multinomial) {
    const label = `seed ${c.seed} n ${c.n} replacement ${c.replacement} gen ${c.gen_seed}`;
    torch.manual_seed(c.seed);
    const g = c.gen_seed === undefined ? null : new torch.Generator().manual_seed(c.gen_seed);
    const probs = decode(c.probs);
    const out = torch.multinomial(probs, c.n, c.replacement, { generator: g });
    assert.equal(out.dtype, torch.int64, label);
    assert.deepEqual(out.shape, c.out.shape, label);
    assert.deepEqual(out.tolist(), decode(c.out).tolist(), label);
    check_after(c, g, label);
  }
});

test("multinomial keyword form and Tensor method agree with the positional form", () => {
  const p = torch.tensor([0.2, 0.5, 0.3]);
  torch.manual_seed(3);
  const a = torch.multinomial(p, 5, true).tolist();
  torch.manual_seed(3);
  const b = torch.multinomial(p, 5, { replacement: true }).tolist();
  torch.manual_seed(3);
  const c = p.multinomial(5, true).tolist();
  assert.deepEqual(a, b);
  assert.deepEqual(a, c);
  // without replacement every index appears once
  const all = torch.multinomial(p, 3).tolist() as number[];
  assert.deepEqual([...all].sort(), [0, 1, 2]);
});

test("multinomial errors use PyTorch's wording", () => {
  const E = G.multinomial_errors;
  assert.throws(() => torch.multinomial(torch.ones(2, 2, 2), 1), re(E.dim.message));
  assert.throws(() => torch.multinomial(torch.ones(3, { dtype: torch.int64 }), 1), re(E.dtype.message));
  assert.throws(() => torch.multinomial(torch.ones(3), 0), re(E.n_sample.message));
  assert.throws(() => torch.multinomial(torch.ones(3), 4), re(E.too_many.message));
  assert.throws(() => torch.multinomial(torch.tensor([1, -1]), 1), re(E.negative.message));
  assert.throws(() => torch.multinomial(torch.zeros(3), 2), re(E.zero_sum.message));
  assert.throws(() => torch.multinomial(torch.tensor([1, -1]), 2, true), re(E.negative_replacement.message));
  assert.throws(() => torch.multinomial(torch.tensor([1, Infinity]), 2, true), re(E.inf_replacement.message));
  assert.throws(() => torch.multinomial(torch.zeros(3), 2, true), re(E.zero_sum_replacement.message));
});
