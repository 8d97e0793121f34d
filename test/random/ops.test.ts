/**
 * The sampling ops' errors (PyTorch's wording, from test/golden/rng.json), graph nodes and
 * gradients, argument forms, and speed.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as torch from "../../src/index.js";
import { dropout, feature_dropout } from "../../src/ops/random/samplers.js";
import { load_golden } from "../helpers/golden.js";

interface Fixture {
  errors: Record<string, { type: string; message: string }>;
  names: Record<string, { grad_fn?: string | null; grad?: { data: number[] }; requires_grad?: boolean }>;
  misc: Record<string, number | string>;
}
const G = load_golden<Fixture>("rng");

const BYTE = torch.get_rng_state().dtype;
const ERRORS: Record<string, () => unknown> = {
  "rand int": () => torch.rand(3, { dtype: torch.int64 }),
  "randn int": () => torch.randn(3, { dtype: torch.int64 }),
  "uniform from>to": () => torch.zeros(3).uniform_(2, 1),
  "uniform span": () => torch.zeros(3).uniform_(-3e38, 3e38),
  "normal_ int": () => torch.zeros(3, { dtype: torch.int32 }).normal_(),
  "normal_ std<0": () => torch.zeros(3).normal_(0, -1),
  "normal std tensor<0": () => torch.normal(torch.zeros(3), torch.tensor([1, -1, 1])),
  "bernoulli_ p": () => torch.zeros(3).bernoulli_(1.5),
  "bernoulli probs": () => torch.bernoulli(torch.tensor([0.5, 1.5])),
  "bernoulli int probs": () => torch.bernoulli(torch.tensor([0, 1], { dtype: torch.int64 })),
  "randint low>=high": () => torch.randint(5, 5, [3]),
  "randint int32 oob": () => torch.randint(0, 2 ** 40, [3], { dtype: torch.int32 }),
  "random_ from>=to": () => torch.zeros(3).random_(5, 3),
  "random_ bool oob": () => torch.zeros(3, { dtype: torch.bool }).random_(0, 3),
  "random_ full int32": () => torch.zeros(3, { dtype: torch.int32 }).random_(-(2 ** 63), null),
  "random_ float from": () => torch.zeros(3).random_(2 ** 30, null),
  "dropout p": () => dropout(torch.zeros(3), 1.5),
  "feature dropout 1d": () => feature_dropout(torch.zeros(3), 0.5, true),
  "seed overflow": () => torch.manual_seed(2n ** 64n),
  "generator seed float": () => new torch.Generator().manual_seed(1.5),
  "set_state size": () => torch.set_rng_state(torch.zeros(10, { dtype: BYTE })),
  "set_state dtype": () => torch.set_rng_state(torch.zeros(5056)),
  expanded: () => torch.zeros(1).expand(3).normal_(),
  "leaf requires grad": () => torch.zeros(3, { requires_grad: true }).normal_(),
  "exponential int": () => torch.zeros(3, { dtype: torch.int64 }).exponential_(),
  "exponential lambda": () => torch.zeros(3).exponential_(0),
};

test("every recorded PyTorch error is raised with PyTorch's message", () => {
  assert.deepEqual(Object.keys(ERRORS).sort(), Object.keys(G.errors).sort());
  for (const [name, fn] of Object.entries(ERRORS)) {
    const want = G.errors[name].message;
    assert.throws(
      fn,
      (e: Error) => e.message.length > 10 && (want.startsWith(e.message) || e.message.startsWith(want)),
      `${name}: expected ${JSON.stringify(want)}`,
    );
    if (G.errors[name].type === "TypeError") assert.throws(fn, TypeError, name);
  }
});

test("in-place samplers on a tensor that requires grad record PyTorch's node, with a zero gradient", () => {
  const cases: Record<string, (t: torch.Tensor) => unknown> = {
    normal_: (t) => t.normal_(),
    uniform_: (t) => t.uniform_(),
    random_from_to: (t) => t.random_(0, 3),
    random_to: (t) => t.random_(3),
    random: (t) => t.random_(),
    bernoulli_scalar: (t) => t.bernoulli_(0.5),
    bernoulli_tensor: (t) => t.bernoulli_(torch.full([3], 0.5)),
    exponential_: (t) => t.exponential_(),
  };
  for (const [name, f] of Object.entries(cases)) {
    const x = torch.randn(3, { requires_grad: true });
    const y = x.mul(1);
    f(y);
    assert.equal(y.grad_fn?.name(), G.names[name].grad_fn, name);
    y.backward(torch.ones(3));
    assert.deepEqual(x.grad!.tolist(), G.names[name].grad!.data, name);
  }
});

test("normal with tensor arguments, bernoulli and dropout: node names", () => {
  const m = torch.rand(3, { requires_grad: true });
  const s = torch.rand(3, { requires_grad: true });
  assert.equal(torch.normal(m, 1.0).grad_fn?.name(), G.names.normal_tensor_float.grad_fn);
  assert.equal(torch.normal(0.0, s).grad_fn?.name(), G.names.normal_float_tensor.grad_fn);
  assert.equal(torch.normal(m, s).grad_fn?.name(), G.names.normal_tensor_tensor.grad_fn);
  assert.equal(torch.bernoulli(m).grad_fn?.name(), G.names.bernoulli_probs.grad_fn);
  assert.equal(torch.bernoulli(m, 0.3).grad_fn, G.names.bernoulli_input_p.grad_fn);
  assert.equal(dropout(m, 0.5).grad_fn?.name(), G.names.dropout.grad_fn);
  assert.equal(
    torch.rand(2, { requires_grad: true }).requires_grad,
    G.names["rand requires_grad"].requires_grad,
  );
  // normal's tensor arguments get zero gradients, as derivatives.yaml says
  torch.normal(m, s).sum().backward();
  assert.deepEqual(m.grad!.tolist(), [0, 0, 0]);
  assert.deepEqual(s.grad!.tolist(), [0, 0, 0]);
});

test("gradcheck through dropout in float64 (the mask is fixed by reseeding)", () => {
  const x = torch.randn(4, 3, { dtype: torch.float64, requires_grad: true });
  const f = (t: torch.Tensor) => {
    torch.manual_seed(3);
    return dropout(t, 0.4);
  };
  assert.ok(torch.autograd.gradcheck(f, [x]));
  const y = torch.randn(2, 3, 2, { dtype: torch.float64, requires_grad: true });
  assert.ok(
    torch.autograd.gradcheck(
      (t: torch.Tensor) => {
        torch.manual_seed(5);
        return feature_dropout(t, 0.5);
      },
      [y],
    ),
  );
});

test("dropout: p = 0 and eval return the input itself and draw nothing; p = 1 draws nothing", () => {
  const x = torch.randn(5);
  torch.manual_seed(0);
  assert.equal(dropout(x, 0), x);
  assert.equal(dropout(x, 0.5, false), x);
  assert.deepEqual(dropout(x, 1).tolist(), x.mul(0).tolist());
  const after = torch.rand(3).tolist();
  torch.manual_seed(0);
  assert.deepEqual(torch.rand(3).tolist(), after);
  // in place
  const y = torch.ones(6);
  torch.manual_seed(0);
  const r = dropout(y, 0.5, true, true);
  assert.equal(r, y);
  torch.manual_seed(0);
  assert.deepEqual(y.tolist(), dropout(torch.ones(6), 0.5).tolist());
});

test("argument forms: keywords, varargs and array shapes, generator option", () => {
  const g = new torch.Generator().manual_seed(7);
  const a = torch.rand([2, 3], { generator: g }).tolist();
  g.manual_seed(7);
  assert.deepEqual(torch.rand(2, 3, { generator: g }).tolist(), a);
  torch.manual_seed(1);
  const u = torch.empty(4).uniform_(-2, 3).tolist();
  torch.manual_seed(1);
  assert.deepEqual(torch.empty(4).uniform_({ from: -2, to: 3 }).tolist(), u);
  torch.manual_seed(1);
  assert.deepEqual(torch.empty(4).uniform_(-2, { to: 3 }).tolist(), u);
  torch.manual_seed(2);
  const n = torch.empty(4).normal_(1, 2).tolist();
  torch.manual_seed(2);
  assert.deepEqual(torch.empty(4).normal_({ std: 2, mean: 1 }).tolist(), n);
  torch.manual_seed(3);
  const ri = torch.randint(10, [5]).tolist();
  torch.manual_seed(3);
  assert.deepEqual(torch.randint(0, 10, [5]).tolist(), ri);
  torch.manual_seed(3);
  assert.deepEqual(torch.empty(5, { dtype: torch.int64 }).random_({ to: 10 }).tolist(), ri);
  torch.manual_seed(3);
  assert.deepEqual(torch.empty(5, { dtype: torch.int64 }).random_(0, 10).tolist(), ri);
  assert.equal(torch.randint(0, 3, [2], { dtype: torch.float32 }).dtype, torch.float32);
  assert.equal(torch.randperm(4, { dtype: torch.int32 }).dtype, torch.int32);
  assert.equal(torch.randn(2, { requires_grad: true }).requires_grad, true);
  // a draw from another generator leaves the default stream alone
  torch.manual_seed(4);
  const d = torch.rand(3).tolist();
  torch.manual_seed(4);
  torch.randn(100, { generator: new torch.Generator() });
  assert.deepEqual(torch.rand(3).tolist(), d);
  assert.throws(() => torch.normal(0, 1), /size/);
});

test("speed: 1e6 float32 uniforms well under 100 ms", () => {
  torch.rand(1000); // warm up
  let best = Infinity;
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    torch.rand(1_000_000);
    best = Math.min(best, performance.now() - t0);
  }
  assert.ok(best < 100, `rand(1e6) took ${best.toFixed(1)} ms`);
});

test("a refused in-place sampler does not advance the generator", () => {
  torch.manual_seed(0);
  const want = torch.rand(3).tolist();
  torch.manual_seed(0);
  assert.throws(() => torch.zeros(3, { requires_grad: true }).uniform_(), /leaf Variable/);
  assert.throws(() => torch.zeros(3).bernoulli_(2), /bernoulli_ expects p/);
  assert.deepEqual(torch.rand(3).tolist(), want);
});
