/**
 * torch.nn.init against PyTorch (test/golden/gen_init.py): every initialiser's values after
 * manual_seed (bit for bit where the samplers are exact), the generator's state afterwards, the
 * generator= keyword, statistics of large fills, calculate_gain, fans and error messages.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as torch from "../../src/index.js";
import { decode, load_golden, type EncodedTensor } from "../helpers/golden.js";

const init = torch.nn.init;
type Tensor = torch.Tensor;

interface InitCase {
  name: string;
  fn: string;
  shape: number[];
  dtype: string;
  args: (number | string)[];
  kwargs: Record<string, number | string>;
  seed: number;
  out: EncodedTensor;
  after: EncodedTensor;
}
interface GenCase {
  fn: string;
  shape: number[];
  gen_seed: number;
  kwargs: Record<string, number>;
  out: EncodedTensor;
}
interface StatCase {
  name: string;
  fn: string;
  shape: number[];
  kwargs: Record<string, string>;
  mean: number;
  std: number;
  min: number;
  max: number;
}
interface Err {
  type: string;
  message: string;
}

const G = load_golden<{
  exact: InitCase[];
  approx: InitCase[];
  generator: GenCase[];
  stats: StatCase[];
  gains: [string, number | null, number][];
  fans: [number[], [number, number]][];
  errors: Record<string, Err>;
}>("init");

const DTYPES: Record<string, torch.DType> = { float32: torch.float32, float64: torch.float64 };
type InitFn = (t: Tensor, ...args: unknown[]) => Tensor;

function call(c: { fn: string; args?: unknown[]; kwargs: Record<string, unknown> }, t: Tensor): Tensor {
  const fn = (init as unknown as Record<string, InitFn>)[c.fn];
  const args = [...(c.args ?? [])];
  if (Object.keys(c.kwargs).length) args.push(c.kwargs);
  return fn(t, ...args);
}

for (const c of G.exact) {
  test(`init.${c.fn}: ${c.name} (exact)`, (t) => {
    t.mock.method(console, "warn", () => undefined);
    torch.manual_seed(c.seed);
    const x = torch.full(c.shape, 7, { dtype: DTYPES[c.dtype] });
    const r = call(c, x);
    assert.equal(r, x, "returns the tensor itself");
    torch.testing.assert_close(x, decode(c.out), { rtol: 0, atol: 0 });
    torch.testing.assert_close(torch.rand(2), decode(c.after), { rtol: 0, atol: 0, msg: "generator state" });
  });
}

for (const c of G.approx) {
  test(`init.${c.fn}: ${c.name} (to rounding)`, () => {
    torch.manual_seed(c.seed);
    const x = torch.empty(c.shape, { dtype: DTYPES[c.dtype] });
    call(c, x);
    // float32 QR / erfinv compute in float in PyTorch, in double here
    const tol = c.dtype === "float32" ? { rtol: 1e-5, atol: 1e-6 } : { rtol: 1e-12, atol: 1e-12 };
    torch.testing.assert_close(x, decode(c.out), tol);
    torch.testing.assert_close(torch.rand(2), decode(c.after), { rtol: 0, atol: 0, msg: "generator state" });
  });
}

test("init under a parameter that requires grad: no graph, no error", () => {
  const p = new torch.nn.Parameter(torch.empty(3, 4));
  init.kaiming_uniform_(p, { a: Math.sqrt(5) });
  init.trunc_normal_(p);
  init.orthogonal_(p);
  init.xavier_normal_(p);
  init.zeros_(p);
  assert.equal(p.grad_fn, null);
  assert.ok(p.requires_grad);
});

test("generator= keyword draws from that generator, not the default one", () => {
  for (const c of G.generator) {
    torch.manual_seed(0);
    const before = torch.rand(2);
    torch.manual_seed(0);
    const g = new torch.Generator().manual_seed(c.gen_seed);
    const x = call({ fn: c.fn, kwargs: { ...c.kwargs, generator: g } }, torch.empty(c.shape));
    torch.testing.assert_close(x, decode(c.out), { rtol: 0, atol: 0, msg: c.fn });
    torch.testing.assert_close(torch.rand(2), before, {
      rtol: 0,
      atol: 0,
      msg: "default generator untouched",
    });
  }
});

for (const c of G.stats) {
  test(`init.${c.fn}: statistics of ${c.name}`, () => {
    torch.manual_seed(0);
    const x = call(c, torch.empty(c.shape)).to(torch.float64);
    const close = (a: number, b: number, what: string) =>
      assert.ok(Math.abs(a - b) <= 1e-6, `${what}: ${a} vs ${b}`);
    close(x.mean().item() as number, c.mean, "mean");
    close(x.std().item() as number, c.std, "std");
    close(x.min().item() as number, c.min, "min");
    close(x.max().item() as number, c.max, "max");
  });
}

test("orthogonal_: rows (or columns) are orthonormal, scaled by gain", () => {
  for (const [shape, gain] of [
    [[3, 5], 1],
    [[6, 3], 2],
    [[4, 2, 3], 0.5],
  ] as [number[], number][]) {
    const w = init.orthogonal_(torch.empty(shape, { dtype: torch.float64 }), gain).reshape(shape[0], -1);
    const [r, c] = w.shape;
    const gram = r < c ? w.matmul(w.t()) : w.t().matmul(w);
    torch.testing.assert_close(gram, torch.eye(Math.min(r, c), { dtype: torch.float64 }).mul(gain * gain), {
      atol: 1e-12,
      rtol: 0,
    });
  }
});

test("calculate_gain for every nonlinearity", () => {
  for (const [nl, param, expected] of G.gains) assert.equal(init.calculate_gain(nl, param), expected, nl);
});

test("_calculate_fan_in_and_fan_out", () => {
  for (const [shape, fans] of G.fans)
    assert.deepEqual(init._calculate_fan_in_and_fan_out(torch.empty(shape)), fans);
});

test("errors: PyTorch's messages", () => {
  const e = (...s: number[]) => torch.empty(s);
  const cases: Record<string, () => unknown> = {
    "fan 1-D": () => init._calculate_fan_in_and_fan_out(e(3)),
    "xavier 1-D": () => init.xavier_uniform_(e(3)),
    "kaiming mode": () => init.kaiming_uniform_(e(3, 4), { mode: "fan_avg" }),
    "gain unknown": () => init.calculate_gain("swish"),
    "gain bool param": () => init.calculate_gain("leaky_relu", true),
    "eye 3-D": () => init.eye_(e(2, 2, 2)),
    "dirac 2-D": () => init.dirac_(e(2, 3)),
    "dirac groups": () => init.dirac_(e(5, 2, 3), 2),
    "orthogonal 1-D": () => init.orthogonal_(e(4)),
    "sparse 3-D": () => init.sparse_(e(2, 3, 4), 0.5),
  };
  for (const [k, fn] of Object.entries(cases)) {
    const msg = G.errors[k].message.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    assert.throws(fn, new RegExp(msg), k);
  }
});
