/**
 * The optimizers' two paths agree bit for bit: `foreach: false` (PyTorch's single-tensor chain
 * of in-place ops, itself checked against PyTorch's trajectories in sgd/adam tests) and the
 * default kernel path (`sgd_step` / `adam_step` over the group). Every option combination, in
 * float32 and float64, with a transposed parameter (the kernels' strided loop), a parameter
 * whose gradient is sometimes missing (skipped, so Adam's step counts differ per parameter)
 * and gradients spanning many magnitudes, so a rounding placed differently would show.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as torch from "../../src/index.js";

type Tensor = torch.Tensor;
const { optim } = torch;

/** Three parameters: contiguous, transposed, and a 0-dim one; same values for every call. */
function make_params(dtype: torch.DType): Tensor[] {
  torch.manual_seed(7);
  return [
    torch.randn(4, 5, { dtype }).requires_grad_(),
    torch.randn(3, 6, { dtype }).t().detach().requires_grad_(),
    torch.randn([], { dtype }).requires_grad_(),
  ];
}

/** The gradients of step k: varied magnitudes; the last parameter gets none every third step. */
function set_grads(params: Tensor[], k: number): void {
  const g = torch.Generator().manual_seed(100 + k);
  params.forEach((p, i) => {
    const scale = torch.randn(p.shape, { generator: g, dtype: p.dtype }).mul(3).exp();
    // a fresh gradient in the parameter's layout, as the engine gives it
    p.grad = torch.randn(p.shape, { generator: g, dtype: p.dtype }).mul(scale).add(p.detach()).mul(1);
    if (i === 2 && k % 3 === 1) p.grad = null;
  });
}

function run(make: (params: Tensor[]) => torch.optim.Optimizer, dtype: torch.DType) {
  const params = make_params(dtype);
  const opt = make(params);
  for (let k = 0; k < 7; k++) {
    set_grads(params, k);
    opt.step();
  }
  return { params, state: params.map((p) => opt.state.get(p) ?? {}) };
}

function assert_same(a: ReturnType<typeof run>, b: ReturnType<typeof run>, label: string): void {
  a.params.forEach((p, i) => {
    assert.ok(torch.equal(p.detach(), b.params[i].detach()), `${label}: param ${i}`);
    const sa = a.state[i];
    const sb = b.state[i];
    assert.deepEqual(Object.keys(sa), Object.keys(sb), `${label}: state keys of ${i}`);
    for (const key of Object.keys(sa)) {
      const x = sa[key];
      const y = sb[key];
      if (x instanceof torch.Tensor && y instanceof torch.Tensor) {
        assert.equal(x.dtype, y.dtype, `${label}: ${key} of ${i}`);
        assert.ok(torch.equal(x, y), `${label}: ${key} of ${i}`);
      } else assert.equal(x, y, `${label}: ${key} of ${i}`);
    }
  });
}

const SGD_OPTIONS: Record<string, unknown>[] = [];
for (const momentum of [0, 0.9, 1])
  for (const dampening of [0, 0.25])
    for (const weight_decay of [0, 0.1, 1])
      for (const nesterov of [false, true])
        for (const maximize of [false, true]) {
          if (nesterov && (momentum === 0 || dampening !== 0)) continue;
          SGD_OPTIONS.push({ lr: 0.05, momentum, dampening, weight_decay, nesterov, maximize });
        }

const ADAM_OPTIONS: Record<string, unknown>[] = [];
for (const betas of [
  [0.9, 0.999],
  [0.3, 0.6],
])
  for (const weight_decay of [0, 0.05, 1])
    for (const amsgrad of [false, true])
      for (const maximize of [false, true])
        ADAM_OPTIONS.push({ lr: 0.01, betas, weight_decay, amsgrad, maximize });

for (const dtype of [torch.float32, torch.float64]) {
  test(`SGD: the kernel path gives the single-tensor path's bits (${dtype.toString()})`, () => {
    for (const o of SGD_OPTIONS) {
      const single = run((p) => new optim.SGD(p, { ...o, foreach: false }), dtype);
      for (const foreach of [null, true]) {
        assert_same(
          single,
          run((p) => new optim.SGD(p, { ...o, foreach }), dtype),
          JSON.stringify(o),
        );
      }
    }
  });

  for (const Cls of [optim.Adam, optim.AdamW]) {
    test(`${Cls.name}: the kernel path gives the single-tensor path's bits (${dtype.toString()})`, () => {
      for (const o of ADAM_OPTIONS) {
        const single = run((p) => new Cls(p, { ...o, foreach: false }), dtype);
        assert_same(
          single,
          run((p) => new Cls(p, o), dtype),
          JSON.stringify(o),
        );
      }
    });
  }
}

test("the kernel path leaves gradients alone and bumps the versions of what it writes", () => {
  const [w] = make_params(torch.float32);
  const opt = new optim.SGD([w], { lr: 0.1, momentum: 0.9, nesterov: true });
  set_grads([w], 0);
  const grad = (w.grad as Tensor).clone();
  const v0 = w._version;
  opt.step();
  opt.step();
  assert.ok(torch.equal(w.grad as Tensor, grad));
  assert.equal(w._version, v0 + 2);
  const buf = opt.state.get(w)?.momentum_buffer as Tensor;
  assert.deepEqual(buf._strides, w._strides);
});

test("a parameter of another dtype takes the single-tensor path and its errors", () => {
  // a float gradient for an integer parameter: PyTorch's add_ refuses the cast (the .grad setter
  // refuses it first, as PyTorch 2.x's; the field is set directly to reach the optimizer)
  const w = torch.zeros(3, { dtype: torch.int64 });
  w._grad = torch.ones(3);
  const opt = new optim.SGD([w], { lr: 0.5 });
  assert.throws(() => opt.step(), {
    message: "result type Float can't be cast to the desired output type Long",
  });
});
