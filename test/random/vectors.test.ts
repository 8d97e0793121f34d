/**
 * The test vectors of shared/docs/pytorch-rng.md §10 (real torch 1.13 output), checked exactly:
 * float32 values by their bit patterns, float64 values by theirs, integers by value.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as torch from "../../src/index.js";
import { dropout } from "../../src/ops/random/samplers.js";
import { MT19937 } from "../../src/random/mt19937.js";

function bits32(x: number): string {
  const v = new DataView(new ArrayBuffer(4));
  v.setFloat32(0, x);
  return v.getUint32(0).toString(16).padStart(8, "0");
}
function bits64(x: number): string {
  const v = new DataView(new ArrayBuffer(8));
  v.setFloat64(0, x);
  return v.getBigUint64(0).toString(16).padStart(16, "0");
}
function values(t: torch.Tensor): number[] {
  return (t.reshape(-1).tolist() as (number | boolean)[]).map(Number);
}
/** the stored values are float32 and have the given bit patterns */
function eq32(t: torch.Tensor, hex: string[]): void {
  const v = values(t);
  assert.equal(v.length, hex.length);
  v.forEach((x, i) => assert.equal(Math.fround(x), x, `element ${i} is not a float32`));
  assert.deepEqual(v.map(bits32), hex);
}
function eq64(t: torch.Tensor, hex: string[]): void {
  assert.deepEqual(values(t).map(bits64), hex);
}

test("engine: seed 0, seed 42 and the reference seed 5489", () => {
  const e = new MT19937(0);
  assert.deepEqual(
    Array.from({ length: 6 }, () => e.random()),
    [2357136044, 2546248239, 3071714933, 3626093760, 2588848963, 3684848379],
  );
  e.seed(42);
  assert.deepEqual(
    Array.from({ length: 3 }, () => e.random()),
    [1608637542, 3421126067, 4083286876],
  );
  e.seed(5489);
  assert.equal(e.random(), 3499211612);
});

test("rand float32 and float64", () => {
  torch.manual_seed(0);
  eq32(torch.rand(5), ["3efe1558", "3f44aa2f", "3db533a8", "3e073300", "3e9d6686"]);
  torch.manual_seed(42);
  eq32(torch.rand(3), ["3f61dc66", "3f6a3db3", "3ec406b8"]);
  torch.manual_seed(0);
  eq64(torch.rand(3, { dtype: torch.float64 }), ["3fef0aac97c4aa2f", "3fe6a675d821ccc0", "3fdd6687b744a5f6"]);
});

test("uniform_ is a fused multiply-add in the dtype", () => {
  torch.manual_seed(1);
  eq32(torch.empty(4).uniform_(-0.5, 2.0), ["3fb2712e", "3e4b092e", "3f01f6de", "3fab195a"]);
  torch.manual_seed(1);
  eq64(torch.empty(3, { dtype: torch.float64 }).uniform_(-0.5, 2.0), [
    "bfd63b42039a7b69",
    "3faf6e054d632b40",
    "3fb5ebee8fff46b4",
  ]);
});

test("randn: scalar path, AVX2 vector path, tail refill, float64", () => {
  torch.manual_seed(0);
  eq32(torch.randn(5), ["3fc53f5c", "be963c50", "c00b7149", "3f1184b6", "bf8ad1a1"]);
  torch.manual_seed(0);
  eq64(torch.randn(3, { dtype: torch.float64 }), [
    "3ff8a7eb8902be3a",
    "bfd2c78a087c6fea",
    "c0016e2920a70ee5",
  ]);
  torch.manual_seed(0);
  const r16 = torch.randn(16);
  eq32(r16.narrow(0, 0, 3), ["bf901b85", "bf93808a", "be804bd6"]);
  eq32(r16.narrow(0, 8, 2), ["3ea50138", "bfa1b4f4"]);
  torch.manual_seed(0);
  const r17 = torch.randn(17);
  eq32(r17.narrow(0, 0, 3), ["bf901b85", "bfd91446", "3f111004"]);
  torch.manual_seed(0);
  const r20 = values(torch.randn(20, { dtype: torch.float64 }).narrow(0, 0, 3));
  // float64 normals go through Math.log/cos/sin: within a few ulps of glibc's (docs/differences.md)
  const want = [-2.310411800234176, -0.3732508612577643, -1.0608166785462863];
  r20.forEach((x, i) =>
    assert.ok(Math.abs(x - want[i]) <= 4 * Number.EPSILON * Math.abs(want[i]), `${x} vs ${want[i]}`),
  );
  torch.manual_seed(0);
  eq32(torch.empty(16).normal_(0.3, 1.7).narrow(0, 0, 3), ["bfce952f", "bfd45a85", "be0101d8"]);
  torch.manual_seed(0);
  eq32(torch.empty(3).normal_(0.3, 1.7), ["403adc42", "be4b99de", "c059da2f"]);
});

test("the Box–Muller cache carries over between calls", () => {
  torch.manual_seed(0);
  torch.randn(3);
  eq32(torch.randn(3), ["3f1184b6", "bf8ad1a1", "bfb3052d"]);
  torch.manual_seed(0);
  const six = values(torch.randn(6));
  torch.manual_seed(0);
  assert.deepEqual([...values(torch.randn(3)), ...values(torch.randn(3))], six);
});

test("randint, 32- and 64-bit draws; randperm; random_ on int64", () => {
  torch.manual_seed(0);
  const r = torch.randint(0, 10, [8]);
  assert.equal(r.dtype, torch.int64);
  assert.deepEqual(values(r), [4, 9, 3, 0, 3, 9, 7, 3]);
  torch.manual_seed(0);
  assert.deepEqual(values(torch.randint(0, 2 ** 40, [3])), [741280623151, 506137267392, 291447657211]);
  torch.manual_seed(0);
  assert.deepEqual(values(torch.randperm(10)), [4, 1, 7, 5, 3, 9, 0, 8, 6, 2]);
  torch.manual_seed(0);
  const z = torch.empty([], { dtype: torch.int64 });
  // int64 values above 2^53 are stored as the nearest double
  assert.equal(z.random_().item(), Number(900450186894289455n));
  assert.equal(z.random_().item(), Number(3969543146641149120n));
});

test("bernoulli with float32 probabilities and with a scalar p; dropout", () => {
  torch.manual_seed(0);
  assert.deepEqual(values(torch.bernoulli(torch.full([10], 0.5))), [1, 0, 1, 1, 1, 0, 1, 0, 1, 0]);
  torch.manual_seed(0);
  assert.deepEqual(values(torch.empty(10).bernoulli_(0.5)), [0, 0, 1, 0, 0, 0, 1, 1, 0, 1]);
  torch.manual_seed(0);
  assert.deepEqual(values(dropout(torch.ones(10), 0.5)), [0, 0, 2, 0, 0, 0, 2, 2, 0, 2]);
  torch.manual_seed(0);
  eq32(dropout(torch.ones(2), 0.021), ["3f82bee4", "3f82bee4"]);
});

test("seeds 2^32 and -1 reach the twister as their low 32 bits", () => {
  torch.manual_seed(0);
  const a = values(torch.rand(4));
  torch.manual_seed(2 ** 32);
  assert.deepEqual(values(torch.rand(4)), a);
  torch.manual_seed(4294967295);
  const b = values(torch.rand(4));
  torch.manual_seed(-1);
  assert.deepEqual(values(torch.rand(4)), b);
  assert.notDeepEqual(a, b);
});
