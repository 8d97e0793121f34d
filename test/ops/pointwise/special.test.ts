/**
 * The js kernel's erf, erfc and erfinv against PyTorch's float64 values on a dense grid (they
 * must agree to a few ulps: JS has no Math.erf), gradcheck of clamp's tensor bounds, and
 * behaviour the fixtures cannot show (positive returns its input, round's keyword-only
 * decimals, keywords given as an options object). The unary ops' gradchecks are in test/op_db.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as torch from "../../../src/index.js";
import { decode, load_golden, type EncodedTensor } from "../../helpers/golden.js";

type E = EncodedTensor;
const special = load_golden<{ special: { x: E; erf: E; erfc: E; u: E; erfinv: E } }>("pointwise").special;

test("erf, erfc and erfinv match PyTorch's float64 to a few ulps", () => {
  const x = decode(special.x);
  const tight = { rtol: 4e-16, atol: 1e-300 };
  torch.testing.assert_close(torch.erf(x), decode(special.erf), { ...tight, msg: "erf" });
  torch.testing.assert_close(torch.erfc(x), decode(special.erfc), { ...tight, msg: "erfc" });
  const u = decode(special.u);
  torch.testing.assert_close(torch.erfinv(u), decode(special.erfinv), {
    rtol: 1e-15,
    atol: 1e-300,
    msg: "erfinv",
  });
});

type T = torch.Tensor;
const f64 = (v: number[], shape = [2, 3]) =>
  torch.tensor(v, { dtype: torch.float64 }).reshape(shape).requires_grad_();

test("gradcheck: clamp with tensor bounds, in the input and both bounds", () => {
  const x = f64([-1.7, -0.6, 0.3, 0.8, 1.4, 2.1, -0.2, 0.45], [2, 4]);
  const lo = f64([-1.0, -0.3, 0.5, 0.0], [4]);
  const hi = f64([1.0, 0.6], [2, 1]);
  assert.ok(torch.autograd.gradcheck((a, b, c) => torch.clamp(a, b, c), [x, lo, hi]));
  assert.ok(torch.autograd.gradcheck((a, b) => torch.clamp_min(a, b), [x, lo]));
  assert.ok(torch.autograd.gradcheck((a, c) => torch.clamp_max(a, c), [x, hi]));
});

test("positive returns its input itself and refuses bool", () => {
  const x = torch.tensor([1, -2]);
  assert.equal(torch.positive(x), x);
  assert.equal(x.positive(), x);
  assert.throws(
    () => torch.positive(torch.tensor([true])),
    /The `\+` operator, on a bool tensor is not supported/,
  );
});

test("round: decimals is keyword-only, and half-to-even at every scale", () => {
  const x = torch.tensor([0.5, 1.5, 2.5, -0.5, -2.5], { dtype: torch.float64 });
  assert.deepEqual(x.round().tolist(), [0, 2, 2, -0, -2]);
  assert.equal(x.round({ decimals: 1 }).grad_fn, null);
  const r = torch.tensor([1.25, 1.35], { dtype: torch.float64, requires_grad: true }).round({ decimals: 1 });
  assert.equal(r.grad_fn?.name(), "RoundBackward1");
  assert.throws(() => torch.round(x, 2 as unknown as { decimals: number }), TypeError);
});

test("in-place ops on a leaf that requires grad are refused", () => {
  const x = torch.tensor([0.5, 1], { requires_grad: true });
  assert.throws(() => x.sqrt_(), /a leaf Variable that requires grad is being used in an in-place operation/);
  assert.throws(() => x.clamp_(0, 1), /a leaf Variable that requires grad/);
});

test("sigmoid's backward uses its saved result: modifying it in place is detected", () => {
  const x = torch.tensor([0.5, 1], { requires_grad: true });
  const y = x.sigmoid();
  y.mul_(2);
  assert.throws(() => y.sum().backward(), /modified by an inplace operation/);
});

test("torch.* activations and bernoulli take PyTorch's keywords as an options object, as positionally", () => {
  const x = torch.tensor([-2, -0.5, 0.25, 0.75, 3]);
  const same = (a: T, b: T, msg: string) => torch.testing.assert_close(a, b, { rtol: 0, atol: 0, msg });
  same(torch.celu(x, { alpha: 2 }), torch.celu(x, 2), "celu");
  same(torch.celu_(x.clone(), { alpha: 0.5 }), torch.celu(x, 0.5), "celu_");
  same(torch.threshold(x, { threshold: 0.3, value: 9 }), torch.threshold(x, 0.3, 9), "threshold");
  same(torch.threshold(x, 0.3, { value: 9 }), torch.threshold(x, 0.3, 9), "threshold, value by name");
  same(torch.threshold_(x.clone(), { threshold: 0.3, value: 9 }), torch.threshold(x, 0.3, 9), "threshold_");
  same(torch.hardshrink(x, { lambd: 1 }), torch.hardshrink(x, 1), "hardshrink");
  same(x.hardshrink({ lambd: 1 }), x.hardshrink(1), "Tensor.hardshrink");
  same(torch.rrelu(x, { lower: 0.2, upper: 0.4 }), torch.rrelu(x, 0.2, 0.4), "rrelu (eval)");
  const g = () => torch.Generator().manual_seed(5);
  same(
    torch.rrelu(x, 0.1, { upper: 0.3, training: true, generator: g() }),
    torch.rrelu(x, 0.1, 0.3, true, g()),
    "rrelu (training, seeded)",
  );
  const z = torch.zeros(8);
  same(
    torch.bernoulli(z, { p: 0.4, generator: g() }),
    torch.bernoulli(z, 0.4, { generator: g() }),
    "bernoulli, p by name",
  );
  same(
    z.bernoulli({ p: 0.4, generator: g() }),
    torch.bernoulli(z, 0.4, { generator: g() }),
    "Tensor.bernoulli",
  );
  assert.throws(() => torch.celu(x, { alpha: 1, beta: 2 } as never), /unexpected keyword argument 'beta'/);
  assert.throws(() => torch.threshold(x, { threshold: 0.3 }), /missing required arguments/);
});
