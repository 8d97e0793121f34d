/**
 * Binary and ternary ops against PyTorch (test/golden/gen_binary.py): values, dtypes, grad_fn
 * names, gradients under a fixed grad_output, and error messages, for every case the generator
 * recorded (float32/float64/int/bool paths, broadcasting, transposed, sliced and expanded
 * inputs, scalars on either side, in-place forms).
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as torch from "../../../src/index.js";
import {
  decode,
  load_golden,
  type EncodedTensor,
  decode_view,
  type EncodedView,
} from "../../helpers/golden.js";

type TensorArg = EncodedView;
type Arg = TensorArg | { scalar: number | boolean | string } | null;
interface Case {
  name: string;
  op: string;
  call?: "torch" | "method";
  args?: Arg[];
  kwargs?: Record<string, unknown>;
  clone_self?: boolean;
  out?: EncodedTensor | boolean;
  error?: { type: string; message: string };
  grad_fn?: string | null;
  next?: [string | null, number][];
  gout?: EncodedTensor;
  grads?: (EncodedTensor | null)[];
  backward_error?: string;
}

const golden = load_golden<{ cases: Case[] }>("binary");

function scalar(v: number | boolean | string): number | boolean {
  if (v === "nan") return NaN;
  if (v === "inf") return Infinity;
  if (v === "-inf") return -Infinity;
  return v as number | boolean;
}

function build(a: Arg): torch.Tensor | number | boolean | null {
  if (a === null) return null;
  if ("scalar" in a) return scalar(a.scalar);
  return decode_view(a);
}

type Fn = (...args: unknown[]) => unknown;

function call(c: Case, args: unknown[]): unknown {
  const kw = c.kwargs && Object.keys(c.kwargs).length > 0 ? [c.kwargs] : [];
  const xs = [...args];
  if (c.clone_self) xs[0] = (xs[0] as torch.Tensor).clone();
  if ((c.call ?? "torch") === "torch") {
    const fn = (torch as unknown as Record<string, Fn | undefined>)[c.op];
    assert.ok(fn, `torch.${c.op} is missing`);
    return fn(...xs, ...kw);
  }
  const self = xs[0] as Record<string, Fn | undefined>;
  const method = self[c.op];
  assert.ok(method, `Tensor.${c.op} is missing`);
  return method.call(self, ...xs.slice(1), ...kw);
}

function check_case(c: Case): void {
  const args = (c.args ?? []).map(build);
  if (c.error) {
    const expected = c.error.message;
    assert.throws(
      () => call(c, args),
      (e: Error) => {
        assert.equal(e.message, expected);
        return true;
      },
    );
    return;
  }
  const out = call(c, args);
  if (typeof c.out === "boolean") {
    assert.equal(out, c.out);
    return;
  }
  assert.ok(out instanceof torch.Tensor, "expected a tensor result");
  torch.testing.assert_close(out, decode(c.out as EncodedTensor), { equal_nan: true, msg: "value" });
  // C++-only nodes (AccumulateGrad, NotImplemented) have no "torch::autograd::" prefix here
  const strip = (n: string | null) => (n === null ? null : n.replace("torch::autograd::", ""));
  assert.equal(out.grad_fn?.name() ?? null, strip(c.grad_fn ?? null), "grad_fn");
  if (c.next) {
    const expected = c.next.map(([n, i]) => [strip(n), i]);
    const actual = out.grad_fn!.next_functions.map(([n, i]) => [n?.name() ?? null, i]);
    assert.deepEqual(actual, expected, "next_functions");
  }
  if (!c.gout) return;
  if (c.backward_error) {
    // an in-place op's refusal names the out-of-place op (aten::floor_divide, not floor_divide_)
    assert.throws(() => out.backward(decode(c.gout!)), {
      message: c.backward_error.replace("_ is not", " is not"),
    });
    return;
  }
  out.backward(decode(c.gout));
  (c.grads ?? []).forEach((g, i) => {
    const a = args[i];
    if (g === null) {
      if (a instanceof torch.Tensor) assert.equal(a.grad, null, `grad ${i} should be None`);
      return;
    }
    assert.ok(a instanceof torch.Tensor && a.grad, `grad ${i} missing`);
    torch.testing.assert_close(a.grad, decode(g), { equal_nan: true, msg: `grad ${i}` });
  });
}

for (const c of golden.cases) {
  if (c.op === "adam_trajectory") continue;
  test(`${c.name}: ${c.op}`, () => check_case(c));
}

test("addcmul_ in the Adam pattern matches PyTorch's float32 trajectory bit for bit", () => {
  const expected = golden.cases.find((c) => c.name === "addcmul_adam_trajectory")!;
  const v = torch.zeros(5);
  let g = torch.tensor([0.1, -0.2, 0.3, 1e-3, -5.0]);
  for (let i = 0; i < 50; i++) {
    v.mul_(0.999).addcmul_(g, g, { value: 1 - 0.999 });
    g = g.mul(1.01);
  }
  torch.testing.assert_close(v, decode(expected.out as EncodedTensor), { rtol: 0, atol: 0 });
});

test("pow's exponent gradient is 0 where base == 0 and exponent >= 0 (not NaN from log 0)", () => {
  const base = torch.tensor([0, 0, 0, 2], { dtype: torch.float64, requires_grad: true });
  const exp = torch.tensor([0, 1, 2, 0.5], { dtype: torch.float64, requires_grad: true });
  base.pow(exp).sum().backward();
  const g = exp.grad!.tolist() as number[];
  assert.deepEqual(g.slice(0, 3), [0, 0, 0]);
  assert.ok(Math.abs(g[3] - Math.SQRT2 * Math.LN2) < 1e-12);
});

test("integer division by zero is refused only when there is something to divide", () => {
  const e = torch.zeros(0, { dtype: torch.int64 });
  assert.deepEqual(e.fmod(torch.tensor(false)).shape, [0]);
  assert.deepEqual(e.div(0, { rounding_mode: "floor" }).shape, [0]);
  assert.throws(() => torch.ones(2, { dtype: torch.int64 }).fmod(torch.tensor(false)), /ZeroDivisionError$/);
});

test("copysign saves its result even when only other needs grad, as PyTorch's codegen does", () => {
  const a = torch.tensor([1, -2]);
  const b = torch.tensor([-1, 1], { requires_grad: true });
  const r = torch.copysign(a, b);
  r.mul_(2);
  assert.throws(
    () => r.sum().backward(),
    /one of the variables needed for gradient computation has been modified by an inplace operation/,
  );
});
