/**
 * Replays test/golden/rng.json (written by gen_rng.py from PyTorch): each case seeds a generator
 * and runs its steps in order, so the values of every sampler, the call sequence sharing one
 * generator, the Box–Muller cache and the state bytes are all checked against PyTorch's.
 * Everything must match bit for bit, except values marked `approx` (float64 normals and
 * exponentials, which go through libm): those within 4 ulp.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import * as torch from "../../src/index.js";
import { dropout, feature_dropout } from "../../src/ops/random/samplers.js";
import { decode, load_golden, type EncodedTensor } from "../helpers/golden.js";

interface Result {
  dtype: string;
  shape: number[];
  approx?: boolean;
  data?: (number | string)[];
  sha256?: string;
  head?: (number | string)[];
}
interface StateResult {
  sha256: string;
  left: number;
  next: number;
  normal_is_valid: number;
  hex?: string;
}
type Step = Record<string, unknown> & { op: string; result: unknown };
interface Case {
  name: string;
  seed: number | null;
  gen: "default" | "new";
  steps: Step[];
}
interface Fixture {
  inputs: Record<string, EncodedTensor>;
  cases: Case[];
}

const G = load_golden<Fixture>("rng");
const INPUTS = Object.fromEntries(Object.entries(G.inputs).map(([k, v]) => [k, decode(v)]));
const DT: Record<string, torch.DType> = {
  float32: torch.float32,
  float64: torch.float64,
  int64: torch.int64,
  int32: torch.int32,
  bool: torch.bool,
};

function num(v: number | string): number {
  if (v === "nan") return NaN;
  if (v === "inf") return Infinity;
  if (v === "-inf") return -Infinity;
  return Number(v);
}

function flat(t: torch.Tensor): number[] {
  return (t.reshape(-1).tolist() as (number | boolean)[]).map(Number);
}

/** the distance in float64 ulps (of the expected value) */
function ulps(a: number, b: number): number {
  if (a === b) return 0;
  const e = Math.max(Math.abs(b), Number.MIN_VALUE);
  const ulp = 2 ** (Math.floor(Math.log2(e)) - 52);
  return Math.abs(a - b) / ulp;
}

function sha256_of(values: number[]): string {
  return createHash("sha256")
    .update(new Uint8Array(Float64Array.from(values).buffer))
    .digest("hex");
}

function check_tensor(t: torch.Tensor, r: Result, where: string): void {
  assert.equal(t.dtype, DT[r.dtype], `${where}: dtype`);
  assert.deepEqual(t.shape, r.shape, `${where}: shape`);
  const got = flat(t);
  if (r.data) {
    const want = r.data.map(num);
    for (let i = 0; i < want.length; i++) {
      if (r.approx) {
        const d = ulps(got[i], want[i]);
        assert.ok(d <= 4, `${where}[${i}]: got ${got[i]}, expected ${want[i]} (${d} ulp apart, tolerance 4)`);
      } else if (!Object.is(got[i], want[i])) {
        assert.fail(`${where}[${i}]: got ${got[i]}, expected ${want[i]} (bit-exact)`);
      }
    }
    return;
  }
  const head = (r.head ?? []).map(num);
  for (let i = 0; i < head.length; i++) {
    if (!Object.is(got[i], head[i])) assert.fail(`${where}[${i}]: got ${got[i]}, expected ${head[i]}`);
  }
  assert.equal(sha256_of(got), r.sha256, `${where}: sha256 of all ${got.length} values`);
}

function input(v: unknown): torch.Tensor | number {
  return typeof v === "string" ? INPUTS[v].clone() : (v as number);
}

function target(s: Step): torch.Tensor {
  const size = s.size as number[];
  const dtype = DT[s.dtype as string];
  switch (s.layout) {
    case "t":
      return torch.empty([...size].reverse(), { dtype }).t();
    case "permute":
      return torch.empty([size[2], size[0], size[1]], { dtype }).permute(1, 2, 0);
    case "slice":
      return torch.empty([size[0], 2 * size[1]], { dtype }).as_strided(size, [2 * size[1], 2], 0);
    default:
      return torch.empty(size, { dtype });
  }
}

function state_bytes(g: torch.Generator): Uint8Array {
  return Uint8Array.from(flat(g.get_state()));
}

function run(s: Step, gen: torch.Generator | undefined, saved: torch.Tensor[], where: string): void {
  const o = { generator: gen };
  const dtype = DT[s.dtype as string];
  const r = s.result as Result;
  const g = gen ?? torch.default_generator;
  const n = (k: string) => s[k] as number;
  switch (s.op) {
    case "rand":
      return check_tensor(torch.rand(s.size as number[], { dtype, ...o }), r, where);
    case "randn":
      return check_tensor(torch.randn(s.size as number[], { dtype, ...o }), r, where);
    case "uniform_":
      return check_tensor(target(s).uniform_(n("from"), n("to"), o), r, where);
    case "normal_":
      return check_tensor(target(s).normal_(n("mean"), n("std"), o), r, where);
    case "normal":
      return check_tensor(torch.normal(n("mean"), n("std"), s.size as number[], { dtype, ...o }), r, where);
    case "normal_tensor":
      return check_tensor(torch.normal(input(s.mean), input(s.std), o), r, where);
    case "randint":
      return check_tensor(torch.randint(n("low"), n("high"), s.size as number[], { dtype, ...o }), r, where);
    case "randperm":
      return check_tensor(torch.randperm(n("n"), { dtype, ...o }), r, where);
    case "random_":
      return check_tensor(target(s).random_(...(s.args as (number | null)[]), o), r, where);
    case "bernoulli":
      return check_tensor(torch.bernoulli(input(s.probs) as torch.Tensor, o), r, where);
    case "bernoulli_p":
      return check_tensor(torch.bernoulli(input(s.input) as torch.Tensor, n("p"), o), r, where);
    case "bernoulli_":
      return check_tensor(target(s).bernoulli_(input(s.p), o), r, where);
    case "exponential_":
      return check_tensor(target(s).exponential_(n("lambd"), o), r, where);
    case "rand_like":
      return check_tensor(torch.rand_like(torch.empty(s.size as number[], { dtype })), r, where);
    case "randn_like":
      return check_tensor(torch.randn_like(torch.empty(s.size as number[], { dtype })), r, where);
    case "randint_like": {
      const [a, b] = s.args as number[];
      const like = torch.empty(s.size as number[], { dtype });
      return check_tensor(
        b === undefined ? torch.randint_like(like, a) : torch.randint_like(like, a, b),
        r,
        where,
      );
    }
    case "dropout":
    case "feature_dropout": {
      const res = s.result as { out: Result; grad_fn: string | null; grad?: Result };
      const x = (input(s.input) as torch.Tensor).requires_grad_(true);
      const fn = s.op === "dropout" ? dropout : feature_dropout;
      const y = fn(x, n("p"), s.training as boolean);
      check_tensor(y, res.out, where);
      assert.equal(y.grad_fn?.name() ?? null, res.grad_fn, `${where}: grad_fn`);
      if (res.grad) {
        y.backward(torch.ones_like(y));
        check_tensor(x.grad!, res.grad, `${where} grad`);
      }
      return;
    }
    case "get_state": {
      const want = s.result as StateResult;
      const bytes = state_bytes(g);
      if (want.hex) assert.equal(Buffer.from(bytes).toString("hex"), want.hex, `${where}: state bytes`);
      const v = new DataView(bytes.buffer);
      assert.equal(v.getInt32(8, true), want.left, `${where}: left`);
      assert.equal(Number(v.getBigUint64(16, true)), want.next, `${where}: next`);
      assert.equal(v.getInt32(5040, true), want.normal_is_valid, `${where}: normal_is_valid`);
      assert.equal(createHash("sha256").update(bytes).digest("hex"), want.sha256, `${where}: state sha256`);
      return;
    }
    case "save_state":
      saved.push(g.get_state());
      return;
    case "restore_state":
      g.set_state(saved[saved.length - 1]);
      return;
    case "manual_seed":
      g.manual_seed(n("seed"));
      return;
    default:
      throw new Error(`unknown step ${s.op}`);
  }
}

test("rng fixture: it has cases, each with steps", () => {
  assert.ok(G.cases.length > 0);
  for (const c of G.cases) assert.ok(c.steps.length > 0, c.name);
});

for (const c of G.cases) {
  test(`rng fixture: ${c.name}`, () => {
    let gen: torch.Generator | undefined;
    if (c.gen === "default") torch.manual_seed(c.seed!);
    else {
      gen = new torch.Generator();
      if (c.seed !== null) gen.manual_seed(c.seed);
    }
    const saved: torch.Tensor[] = [];
    c.steps.forEach((s, i) =>
      run(s, gen, saved, `${c.name}, step ${i} (${s.op} ${JSON.stringify(s.size ?? s.n ?? "")})`),
    );
  });
}

test("rng fixture: the PyTorch state bytes load into a generator and continue its stream", () => {
  const rt = G.cases.find((c) => c.name === "state round trip")!;
  // step 2: the state after manual_seed(0); randn(1) (cache valid), from torch.get_rng_state()
  const hex = (rt.steps[2].result as StateResult).hex!;
  const state = torch.tensor(Array.from(Buffer.from(hex, "hex")), { dtype: torch.get_rng_state().dtype });
  const g = new torch.Generator().set_state(state);
  // step 4 drew randn(5) from exactly that state in PyTorch
  check_tensor(torch.randn(5, { generator: g }), rt.steps[4].result as Result, "randn(5) after set_state");
  assert.equal(Buffer.from(state_bytes(new torch.Generator().set_state(state))).toString("hex"), hex);
});
