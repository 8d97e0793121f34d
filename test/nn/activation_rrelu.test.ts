/**
 * rrelu against PyTorch: after the same manual_seed, training mode draws the same slopes
 * (float32 and float64, default and custom bounds), leaves the generator in the same state,
 * and gives grad * noise; eval mode is leaky_relu at the mean slope; the in-place form's node;
 * nn.RReLU's repr and train/eval switch; PyTorch's errors.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as torch from "../../src/index.js";
import { decode, load_golden, type EncodedTensor } from "../helpers/golden.js";

const F = torch.nn.functional;
type E = EncodedTensor;
type Err = { message: string };
interface Run {
  lower: number;
  upper: number;
  x: E;
  y: E;
  node: string;
  grad: E;
  after: E;
}
interface Golden {
  rrelu: Record<string, Run> & {
    grad_out: E;
    repr: string[];
    bounds_error: Err;
    int_train_error: Err;
    int_eval_error: Err;
  };
}
const r = load_golden<Golden>("activation").rrelu;
const close = (a: torch.Tensor, e: E, msg: string) => torch.testing.assert_close(a, decode(e), { msg });
const escape = (s: string) => new RegExp(s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));

for (const dtype of ["float32", "float64"]) {
  for (const key of ["default", "range"]) {
    test(`rrelu training (${key}, ${dtype}): PyTorch's draws, gradient and generator state`, () => {
      const c = r[`train_${key}_${dtype}`];
      torch.manual_seed(7);
      const x = decode(c.x).requires_grad_();
      const y = F.rrelu(x, c.lower, c.upper, true);
      close(y, c.y, "values");
      assert.equal(y.grad_fn?.name(), c.node);
      const [g] = torch.autograd.grad(y, x, { grad_outputs: decode(r.grad_out).to(x.dtype) });
      close(g!, c.grad, "grad");
      close(torch.rand(2, { dtype: x.dtype }), c.after, "generator state after the draws");
    });
  }

  test(`rrelu eval (${dtype}): leaky_relu at the mean slope`, () => {
    const c = r[`eval_${dtype}`];
    const x = decode(c.x).requires_grad_();
    const y = F.rrelu(x, { lower: 0.1, upper: 0.3 });
    close(y, c.y, "values");
    assert.equal(y.grad_fn?.name(), c.node);
    const [g] = torch.autograd.grad(y, x, { grad_outputs: decode(r.grad_out).to(x.dtype) });
    close(g!, c.grad, "grad");
  });
}

test("rrelu in place while training: RreluWithNoiseBackward1, same draws and gradient", () => {
  const c = r.train_inplace;
  torch.manual_seed(7);
  const base = decode(c.x).requires_grad_();
  const x = base.clone();
  const y = F.rrelu(x, { training: true, inplace: true });
  assert.equal(y, x);
  close(y, c.y, "values");
  assert.equal(y.grad_fn?.name(), c.node);
  const [g] = torch.autograd.grad(y, base, { grad_outputs: decode(r.grad_out) });
  close(g!, c.grad, "grad");
});

test("nn.RReLU: repr, and random slopes only in training mode", () => {
  assert.equal(String(new torch.nn.RReLU()), r.repr[0]);
  assert.equal(String(new torch.nn.RReLU(0.1, 0.3, true)), r.repr[1]);
  const m = new torch.nn.RReLU(0.1, 0.3);
  const x = torch.full([50], -1);
  const train = m(x);
  assert.ok(new Set(train.tolist() as number[]).size > 1, "training draws distinct slopes");
  m.eval();
  torch.testing.assert_close(m(x), torch.full([50], -0.2));
});

test("rrelu errors as PyTorch", () => {
  assert.throws(() => F.rrelu(torch.zeros(3), 0.5, 0.2, true), escape(r.bounds_error.message));
  const xi = torch.tensor([1, 2], { dtype: torch.int64 });
  assert.throws(() => F.rrelu(xi, { training: true }), escape(r.int_train_error.message));
  assert.throws(() => F.rrelu(xi), escape(r.int_eval_error.message));
});
