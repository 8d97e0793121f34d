/** torch.Generator, the default generator, seeds and the state layout. */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as torch from "../../src/index.js";
import { load_golden } from "../helpers/golden.js";

const G = load_golden<{ misc: Record<string, number | string> }>("rng");

function bytes(t: torch.Tensor): Uint8Array {
  return Uint8Array.from(t.tolist() as number[]);
}

test("seeds: a fresh Generator, initial_seed of positive, > 2^32 and negative seeds", () => {
  assert.equal(new torch.Generator().initial_seed(), G.misc.fresh_generator_initial_seed);
  assert.equal(torch.manual_seed(42).initial_seed(), G.misc.initial_seed_42);
  assert.equal(torch.initial_seed(), 42);
  assert.equal(torch.manual_seed(2 ** 32 + 5).initial_seed(), G.misc.initial_seed_2p32p5);
  // 2^64 - 1 is not a safe integer: it comes back as the nearest double
  assert.equal(torch.manual_seed(-1).initial_seed(), Number(G.misc.initial_seed_minus_1));
  assert.equal(torch.manual_seed(-1n).initial_seed(), Number(BigInt(G.misc.initial_seed_minus_1)));
  // manual_seed returns the default generator; Generator.manual_seed returns itself
  assert.equal(torch.manual_seed(0), torch.default_generator);
  const g = new torch.Generator("cpu");
  assert.equal(g.manual_seed(3), g);
  assert.equal(g.device, "cpu");
  // torch.manual_seed(1.5) seeds like int(1.5)
  torch.manual_seed(1.5);
  assert.equal(torch.initial_seed(), 1);
});

test("torch.seed() seeds non-deterministically and reports the seed", () => {
  const a = torch.seed();
  assert.ok(Number.isSafeInteger(a) && a >= 0);
  assert.equal(torch.initial_seed(), a);
  const x = torch.rand(3).tolist();
  torch.manual_seed(a);
  assert.deepEqual(torch.rand(3).tolist(), x);
  const b = new torch.Generator().seed();
  assert.ok(Number.isSafeInteger(b));
});

test("get_state / set_state round trip, with the normal cache", () => {
  torch.manual_seed(11);
  torch.randn(3); // leaves a cached value
  const s = torch.get_rng_state();
  assert.equal(s.numel(), 5056);
  const v = new DataView(bytes(s).buffer);
  assert.equal(v.getBigUint64(0, true), 11n);
  assert.equal(v.getInt32(8, true), 625 - 4 * 2);
  assert.equal(v.getInt32(12, true), 1);
  assert.equal(Number(v.getBigUint64(16, true)), 8);
  assert.equal(v.getInt32(5040, true), 1);
  const after = torch.randn(5).tolist();
  torch.set_rng_state(s);
  assert.deepEqual(torch.randn(5).tolist(), after);
  // byte-equal after restoring, and a second generator restores to the same stream
  torch.set_rng_state(s);
  assert.deepEqual(bytes(torch.get_rng_state()), bytes(s));
  const g = new torch.Generator().set_state(s);
  assert.deepEqual(torch.randn(5, { generator: g }).tolist(), after);
  assert.equal(g.initial_seed(), 11);
});

test("set_state refuses an invalid twister state, accepts the 5048-byte legacy layout", () => {
  const s = bytes(torch.manual_seed(0).get_state());
  const dtype = torch.get_rng_state().dtype;
  const bad = s.slice();
  new DataView(bad.buffer).setInt32(8, 0, true); // left = 0
  assert.throws(() => torch.set_rng_state(torch.tensor(Array.from(bad), { dtype })), /Invalid mt19937 state/);
  // legacy: the cached value is r * sin(2 pi x) from (normal_x, normal_rho)
  const legacy = s.slice(0, 5048);
  const lv = new DataView(legacy.buffer);
  lv.setFloat64(5016, 0.125, true); // normal_x
  lv.setFloat64(5032, 2.0, true); // normal_rho
  lv.setInt32(5040, 1, true);
  const g = new torch.Generator().set_state(torch.tensor(Array.from(legacy), { dtype }));
  const cached = torch.randn(1, { dtype: torch.float64, generator: g }).item() as number;
  assert.equal(cached, 2.0 * Math.sin(2.0 * Math.PI * 0.125));
  // then the stream continues from the same words as seed 0
  torch.manual_seed(0);
  assert.deepEqual(torch.rand(4, { generator: g }).tolist(), torch.rand(4).tolist());
});

test("generators are independent of each other and of the default one", () => {
  const g1 = new torch.Generator().manual_seed(9);
  const g2 = new torch.Generator().manual_seed(9);
  torch.manual_seed(9);
  const a = torch.randn(20, { generator: g1 }).tolist();
  torch.rand(50);
  assert.deepEqual(torch.randn(20, { generator: g2 }).tolist(), a);
  torch.manual_seed(9);
  assert.deepEqual(torch.randn(20).tolist(), a);
  // manual_seed clears the cached normal
  torch.manual_seed(9);
  const first = torch.randn(1).item();
  torch.manual_seed(9);
  assert.equal(torch.randn(1).item(), first);
});
