/**
 * nn.Embedding, F.embedding, F.one_hot, nn.LayerNorm / F.layer_norm, nn.RMSNorm / F.rms_norm and
 * F.normalize against PyTorch (test/golden/gen_nn_layers.py): values, gradients and graphs with
 * recorded weights, max_norm's in-place renormalisation, padding rows without gradient, errors,
 * and gradcheck in float64.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as torch from "../../src/index.js";
import { decode, load_golden, type EncodedTensor } from "../helpers/golden.js";
import { build, check_forward, type FwdCase } from "./layers_helpers.js";

const { nn } = torch;
const F = nn.functional;
type Tensor = torch.Tensor;

interface EmbeddingCase extends FwdCase {
  kwargs: Record<string, number | boolean>;
  weight_after: EncodedTensor;
}
interface NormCase extends FwdCase {
  normalized_shape: number[];
  eps: number | null;
}
interface NormalizeCase extends FwdCase {
  kwargs: { p?: number; dim?: number; eps?: number };
}
interface Err {
  type: string;
  message: string;
}

const G = load_golden<{
  embedding: EmbeddingCase[];
  layer_norm: NormCase[];
  rms_norm: NormCase[];
  normalize: NormalizeCase[];
  one_hot: [EncodedTensor, number, EncodedTensor][];
  errors: Record<string, Err>;
}>("nn_layers");

for (const c of G.embedding) {
  test(`F.embedding: ${c.name}`, () => {
    // args are [indices, weight]
    check_forward(c, (i, w) => F.embedding(i as Tensor, w as Tensor, c.kwargs));
    const w = build(c.args[1]) as Tensor;
    F.embedding(build(c.args[0]) as Tensor, w.detach(), c.kwargs);
    torch.testing.assert_close(w.detach(), decode(c.weight_after), { msg: "weight after (max_norm renorm)" });
  });
}

test("nn.Embedding: padding row zeroed at init and without gradient; from_pretrained", () => {
  torch.manual_seed(0);
  const e = new nn.Embedding(10, 3, { padding_idx: 0 });
  assert.deepEqual(e.weight.select(0, 0).tolist(), [0, 0, 0]);
  const idx = torch.tensor(
    [
      [0, 2],
      [0, 5],
    ],
    { dtype: torch.int64 },
  );
  e(idx).sum().backward();
  const g = e.weight.grad as Tensor;
  assert.deepEqual(g.select(0, 0).tolist(), [0, 0, 0]);
  assert.deepEqual(g.select(0, 2).tolist(), [1, 1, 1]);
  assert.equal(e(idx).grad_fn?.name(), "EmbeddingBackward0");
  const w = torch.tensor([
    [1, 2],
    [3, 4],
  ]);
  const p = nn.Embedding.from_pretrained(w);
  assert.equal(p.weight.requires_grad, false);
  assert.equal(String(p), "Embedding(2, 2)");
  assert.deepEqual(p(torch.tensor([1], { dtype: torch.int64 })).tolist(), [[3, 4]]);
  const q = nn.Embedding.from_pretrained(w, { freeze: false, padding_idx: -1 });
  assert.equal(q.weight.requires_grad, true);
  assert.equal(q.padding_idx, 1);
  // PyTorch's positional form: from_pretrained(embeddings, freeze, padding_idx)
  const r = nn.Embedding.from_pretrained(w, false, 0);
  assert.equal(r.weight.requires_grad, true);
  assert.equal(r.padding_idx, 0);
  assert.throws(
    () => nn.Embedding.from_pretrained(w, { frozen: true } as never),
    /unexpected keyword argument 'frozen'/,
  );
});

test("nn.Embedding with max_norm renormalises looked-up rows in place", () => {
  const c = G.embedding.find((k) => k.name === "max_norm") as EmbeddingCase;
  const w = build(c.args[1]) as Tensor;
  const e = nn.Embedding.from_pretrained(w.detach().clone(), { freeze: false, max_norm: 1 });
  const out = e(build(c.args[0]) as Tensor);
  torch.testing.assert_close(out.detach(), decode(c.out));
  torch.testing.assert_close(e.weight.detach(), decode(c.weight_after));
  assert.equal(String(e), "Embedding(6, 3, max_norm=1)"); // a JS 1 is a Python int: PyTorch prints max_norm=1
});

test("F.one_hot", () => {
  for (const [x, n, expected] of G.one_hot) {
    const out = F.one_hot(decode(x), n);
    assert.equal(out.dtype, torch.int64);
    assert.deepEqual(out.shape, expected.shape);
    assert.deepEqual(out.tolist(), decode(expected).tolist());
  }
});

for (const c of G.layer_norm) {
  test(`F.layer_norm: ${c.name}`, () => {
    check_forward(c, (x, w, b) => F.layer_norm(x as Tensor, c.normalized_shape, w, b, c.eps ?? 1e-5), {
      rtol: 1e-5,
      atol: 1e-5,
    });
  });
}

test("nn.LayerNorm: init, forward with loaded weights, no affine, bias=false", () => {
  const ln = new nn.LayerNorm(4);
  assert.deepEqual(ln.weight?.tolist(), [1, 1, 1, 1]);
  assert.deepEqual(ln.bias?.tolist(), [0, 0, 0, 0]);
  const c = G.layer_norm[0];
  const [x, w, b] = c.args.map(build) as Tensor[];
  ln.load_state_dict({ weight: w.detach(), bias: b.detach() });
  const y = ln(x);
  assert.equal(y.grad_fn?.name(), "NativeLayerNormBackward0");
  torch.testing.assert_close(y, decode(c.out), { rtol: 1e-5, atol: 1e-5 });
  const plain = new nn.LayerNorm([2, 5], { elementwise_affine: false });
  assert.deepEqual([...plain.parameters()], []);
  const nb = new nn.LayerNorm(4, { bias: false, dtype: torch.float64 });
  assert.deepEqual([...nb.state_dict().keys()], ["weight"]);
  assert.equal(nb.weight?.dtype, torch.float64);
  const [out, mean, rstd] = torch.native_layer_norm(x.detach(), [4], null, null, 1e-5);
  assert.deepEqual(mean.shape, [3, 1]);
  assert.deepEqual(rstd.shape, [3, 1]);
  assert.deepEqual(out.shape, [3, 4]);
});

for (const c of G.rms_norm) {
  test(`F.rms_norm (2.x composite): ${c.name}`, () => {
    check_forward(c, (x, w) => F.rms_norm(x as Tensor, c.normalized_shape, w, c.eps), {
      rtol: 1e-5,
      atol: 1e-5,
    });
  });
}

test("nn.RMSNorm: weight of ones, eps=None uses the dtype's epsilon", () => {
  const m = new nn.RMSNorm([3, 4]);
  assert.deepEqual(m.weight?.shape, [3, 4]);
  assert.ok((m.weight?.tolist() as number[][]).flat().every((v) => v === 1));
  const c = G.rms_norm[1];
  const [x, w] = c.args.map(build) as Tensor[];
  const mod = new nn.RMSNorm([3, 4], { eps: 1e-5 });
  mod.load_state_dict({ weight: w.detach() });
  torch.testing.assert_close(mod(x), decode(c.out), { rtol: 1e-5, atol: 1e-5 });
  const noaffine = new nn.RMSNorm(5, { elementwise_affine: false });
  const c2 = G.rms_norm[2];
  torch.testing.assert_close(noaffine(build(c2.args[0]) as Tensor), decode(c2.out), {
    rtol: 1e-5,
    atol: 1e-5,
  });
});

for (const c of G.normalize) {
  test(`F.normalize: ${c.name}`, () => {
    check_forward(c, (x) => F.normalize(x as Tensor, c.kwargs), { rtol: 1e-5, atol: 1e-5 });
  });
}

test("gradcheck in float64: embedding (weight), layer_norm, rms_norm, normalize", () => {
  const r = (...s: number[]) => torch.randn(s, { dtype: torch.float64, requires_grad: true });
  const idx = torch.tensor(
    [
      [1, 0, 3],
      [3, 3, 2],
    ],
    { dtype: torch.int64 },
  );
  const { gradcheck, gradgradcheck } = torch.autograd;
  assert.ok(gradcheck((w) => F.embedding(idx, w), [r(5, 2)]));
  // (padding_idx and scale_grad_by_freq deliberately depart from the true derivative, as in PyTorch)
  assert.ok(gradcheck((w) => F.embedding(idx.t(), w), [r(4, 3)]));
  assert.ok(gradcheck((x, w, b) => F.layer_norm(x, [4], w, b), [r(3, 4), r(4), r(4)]));
  assert.ok(gradcheck((x, w, b) => F.layer_norm(x, [2, 3], w, b), [r(2, 2, 3), r(2, 3), r(2, 3)]));
  assert.ok(gradcheck((x) => F.layer_norm(x, [5]), [r(2, 5)]));
  assert.ok(gradgradcheck((x, w, b) => F.layer_norm(x, [4], w, b), [r(3, 4), r(4), r(4)]));
  assert.ok(gradcheck((x, w) => F.rms_norm(x, [4], w), [r(3, 4), r(4)]));
  assert.ok(gradcheck((x) => F.rms_norm(x, [2, 3], null, 1e-3), [r(2, 2, 3)]));
  assert.ok(gradcheck((x) => F.normalize(x), [r(3, 4)]));
  assert.ok(gradcheck((x) => F.normalize(x, { p: 3, dim: 0 }), [r(3, 4)]));
  assert.ok(gradgradcheck((w) => F.embedding(idx, w), [r(5, 2)]));
});

const E = G.errors;
function throws_like(fn: () => unknown, key: string): void {
  const expected = E[key];
  assert.ok(expected, key);
  const re = new RegExp(expected.message.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  assert.throws(fn, re, key);
}

test("errors: PyTorch's messages", () => {
  const z = (...s: number[]) => torch.zeros(s);
  const long = (v: number[]) => torch.tensor(v, { dtype: torch.int64 });
  throws_like(() => F.embedding(long([0, 10]), z(10, 3)), "embedding index");
  throws_like(() => F.embedding(long([-1]), z(10, 3)), "embedding negative index");
  throws_like(() => F.embedding(torch.tensor([1]), z(10, 3)), "embedding float index");
  throws_like(() => new nn.Embedding(10, 3, { padding_idx: 10 }), "embedding padding_idx");
  throws_like(() => new nn.Embedding(10, 3, { padding_idx: -11 }), "embedding padding_idx negative");
  throws_like(() => nn.Embedding.from_pretrained(z(4)), "from_pretrained 1-D");
  throws_like(() => F.layer_norm(z(2, 3), [4]), "layer_norm shape");
  throws_like(() => F.layer_norm(z(2, 4), [4], z(3)), "layer_norm weight");
  throws_like(() => F.layer_norm(z(2, 4), [4], null, z(2)), "layer_norm bias");
  throws_like(() => F.layer_norm(z(2, 3, 4), [2, 4]), "layer_norm 2-D shape");
  throws_like(() => F.one_hot(torch.tensor([1])), "one_hot float");
  throws_like(() => F.one_hot(long([-1, 2])), "one_hot negative");
  throws_like(() => F.one_hot(long([1, 3]), 3), "one_hot too large");
  throws_like(() => F.one_hot(torch.tensor([], { dtype: torch.int64 })), "one_hot empty");
});
