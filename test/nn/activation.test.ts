/**
 * torch.nn.functional's activations beyond their per-op fixture cases (values, nodes, gradients,
 * in-place forms and argument errors are the op table's: test/op_db/activation.ts): integer
 * inputs, the floating-only refusals of integer and bool inputs, in-place forms that refuse to
 * differentiate, the F.*_ functions and the torch.* / Tensor forms.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as torch from "../../src/index.js";
import { decode, load_golden, type EncodedTensor } from "../helpers/golden.js";

const F = torch.nn.functional;
type E = EncodedTensor;
type Err = { type: string; message: string };
interface Golden {
  ints: Record<string, E>;
  errors: Record<string, Err> & { refused: Record<string, Record<string, Err>> };
}
const golden = load_golden<Golden>("activation");

const close = (a: torch.Tensor, e: E, msg: string) =>
  torch.testing.assert_close(a, decode(e), { equal_nan: true, msg });

type Fn = (x: torch.Tensor, ...rest: unknown[]) => torch.Tensor;

test("integer inputs: relu, relu6, hardtanh and threshold keep the integer type", () => {
  const i = golden.ints;
  const x = decode(i.x);
  const cases: [string, torch.Tensor][] = [
    ["relu", F.relu(x)],
    ["relu6", F.relu6(x)],
    ["hardtanh", F.hardtanh(x)],
    ["hardtanh_frac", F.hardtanh(x, -2.5, 1.5)],
    ["threshold", F.threshold(x, 1, 20)],
    ["threshold_frac", F.threshold(x, 1.5, 2.5)],
    ["relu6_int32", F.relu6(x.to(torch.int32))],
    ["softsign", F.softsign(x)],
    ["tanhshrink", F.tanhshrink(x)],
    ["sigmoid", F.sigmoid(x)],
  ];
  for (const [k, y] of cases) {
    assert.equal(y.dtype, decode(i[k]).dtype, k);
    close(y, i[k], k);
  }
});

/** The key part of PyTorch's message, as a regex on the literal text. */
function like(e: Err): RegExp {
  return new RegExp(e.message.slice(0, 80).replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
}

test("floating-only activations refuse integer and bool inputs with the kernel's name", () => {
  const xi = torch.tensor([-2, 0, 3, 4], { dtype: torch.int64 });
  const xb = torch.tensor([true, false]);
  const fns = F as unknown as Record<string, Fn>;
  for (const [name, errs] of Object.entries(golden.errors.refused)) {
    const extra = name === "softmin" ? [0] : name === "threshold" ? [0, 1] : [];
    if (errs.int64) assert.throws(() => fns[name](xi, ...extra), like(errs.int64), `${name} int64`);
    if (errs.bool) assert.throws(() => fns[name](xb, ...extra), like(errs.bool), `${name} bool`);
  }
});

test("Softmax2d refuses an input that is not 3D or 4D", () => {
  assert.throws(
    () => new torch.nn.Softmax2d()(torch.zeros(3)),
    /^Error: Softmax2d: expected input to be 3D or 4D, got 1D instead$/,
  );
});

test("in-place leaky_relu / elu with a negative slope refuse to differentiate, as PyTorch", () => {
  const e = golden.errors;
  const run = (f: (x: torch.Tensor) => torch.Tensor) => {
    const x = torch.tensor([-1, 2], { requires_grad: true }).clone();
    f(x).sum().backward();
  };
  assert.throws(
    () => run((x) => F.leaky_relu(x, -0.1, { inplace: true })),
    like(e.leaky_relu_inplace_neg_backward),
  );
  assert.throws(() => run((x) => F.elu(x, -0.1, true)), like(e.elu_inplace_neg_backward));
  // without a graph the forward runs
  const x = torch.tensor([-1, 2]);
  F.elu_(x, -0.1);
  torch.testing.assert_close(x, torch.tensor([-0.1 * Math.expm1(-1), 2]));
});

test("F.relu_ / F.elu_ / F.selu_ / F.celu_ / F.leaky_relu_ / F.hardtanh_ / F.threshold_ modify and return the input", () => {
  const mk = () => torch.tensor([-2, -0.5, 0.5, 3]);
  const check = (f: (x: torch.Tensor) => torch.Tensor, g: (x: torch.Tensor) => torch.Tensor) => {
    const x = mk();
    const expected = g(mk());
    assert.equal(f(x), x);
    torch.testing.assert_close(x, expected);
  };
  check(F.relu_, F.relu);
  check(
    (x) => F.elu_(x, 0.5),
    (x) => F.elu(x, 0.5),
  );
  check(F.selu_, F.selu);
  check(
    (x) => F.celu_(x, { alpha: 0.5 }),
    (x) => F.celu(x, 0.5),
  );
  check(
    (x) => F.leaky_relu_(x, 0.3),
    (x) => F.leaky_relu(x, { negative_slope: 0.3 }),
  );
  check(
    (x) => F.hardtanh_(x, -1.5, 2),
    (x) => F.hardtanh(x, { min_val: -1.5, max_val: 2 }),
  );
  check(
    (x) => F.threshold_(x, 0, -7),
    (x) => F.threshold(x, { threshold: 0, value: -7 }),
  );
});

test("torch.selu / celu / threshold / prelu / hardshrink / rrelu and Tensor methods reach the same ops", () => {
  const x = torch.tensor([-2, -0.5, 0.25, 3]);
  torch.testing.assert_close(torch.selu(x), F.selu(x));
  torch.testing.assert_close(torch.celu(x, 0.5), F.celu(x, 0.5));
  torch.testing.assert_close(torch.threshold(x, 0, 9), F.threshold(x, 0, 9));
  torch.testing.assert_close(x.hardshrink(0.3), F.hardshrink(x, 0.3));
  torch.testing.assert_close(torch.hardshrink(x), F.hardshrink(x));
  const w = torch.tensor([0.1]);
  torch.testing.assert_close(x.prelu(w), F.prelu(x, w));
  torch.testing.assert_close(torch.rrelu(x), F.leaky_relu(x, (1 / 8 + 1 / 3) / 2));
  const y = x.clone();
  assert.equal(torch.selu_(y), y);
  torch.testing.assert_close(y, F.selu(x));
});
