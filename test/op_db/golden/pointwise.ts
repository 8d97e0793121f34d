/**
 * Reads test/golden/pointwise.json (gen_pointwise.py) for the op table: per unary op, values on
 * special inputs in each dtype (or PyTorch's refusal), a non-contiguous input, the in-place form
 * (each dtype and through a view), the grad_fn name and gradient in float64 and float32, and the
 * in-place form's gradient on a non-leaf.
 */
import assert from "node:assert/strict";
import * as torch from "../../../src/index.js";
import { decode, load_golden, type EncodedTensor } from "../../helpers/golden.js";
import { expect_error, type GoldenCase, type PyError } from "./case.js";

type Attempt = { y?: EncodedTensor; error?: PyError };
type DtypeCase = { x: EncodedTensor } & Attempt;
interface OpCase {
  fn: string;
  args: (number | string)[];
  kwargs: Record<string, number | string>;
  has_method: boolean;
  has_inplace: boolean;
  has_torch_inplace: boolean;
  float32: DtypeCase;
  float64: DtypeCase;
  int64: DtypeCase;
  int32: DtypeCase;
  bool: DtypeCase;
  noncontig: { base: EncodedTensor; y: EncodedTensor };
  inplace_noncontig?: EncodedTensor;
  grad?: {
    x: EncodedTensor;
    g: EncodedTensor;
    dx: EncodedTensor | null;
    node: string | null;
    inplace_node?: string;
    inplace_dx?: EncodedTensor;
    dx32?: EncodedTensor;
  };
  [key: `inplace_${string}`]: Attempt | EncodedTensor | undefined;
}

const DTYPES = ["float32", "float64", "int64", "int32", "bool"] as const;

type Fn = (...a: unknown[]) => torch.Tensor;
const num = (v: number | string): number =>
  v === "nan" ? NaN : v === "inf" ? Infinity : v === "-inf" ? -Infinity : Number(v);

function call_args(c: OpCase): unknown[] {
  const args: unknown[] = c.args.map(num);
  const kw = Object.entries(c.kwargs);
  if (kw.length) args.push(Object.fromEntries(kw.map(([k, v]) => [k, num(v)])));
  return args;
}

function torch_fn(name: string): Fn {
  const f = (torch as unknown as Record<string, Fn | undefined>)[name];
  assert.equal(typeof f, "function", `torch.${name} is missing`);
  return f!;
}

function method(x: torch.Tensor, name: string): Fn {
  const m = (x as unknown as Record<string, Fn | undefined>)[name];
  assert.equal(typeof m, "function", `Tensor.${name} is missing`);
  return m!.bind(x);
}

/** assert_close plus the sign of every zero (neg(0) is -0, ceil(-0.5) is -0, ...). */
function check(actual: torch.Tensor, expected: torch.Tensor, msg: string) {
  torch.testing.assert_close(actual, expected, { equal_nan: true, msg });
  if (!expected.dtype.is_floating_point) return;
  const a = actual.reshape(-1).tolist() as number[];
  const e = expected.reshape(-1).tolist() as number[];
  e.forEach((v, i) => {
    if (v === 0) assert.ok(Object.is(a[i], v), `${msg}: sign of zero at ${i}: got ${a[i]}, expected ${v}`);
  });
}

/** PyTorch's message, word for word; for a refused cast, its key part (the type names' spelling is autograd/define.ts's). */
const CAST = {
  expect: (m: string) =>
    m.includes("can't be cast to the desired output type")
      ? /^result type .*(Float|Long) can't be cast to the desired output type .*(Long|Int|Bool)$/
      : m,
};

function values(key: string, c: OpCase): void {
  const f = torch_fn(c.fn);
  for (const dt of DTYPES) {
    const { x, y, error } = c[dt];
    const input = decode(x);
    const msg = `${key}(${dt})`;
    if (error) {
      expect_error(() => f(input, ...call_args(c)), error, msg, CAST);
      continue;
    }
    const expected = decode(y!);
    check(f(input, ...call_args(c)), expected, msg);
    if (c.has_method) check(method(input, c.fn)(...call_args(c)), expected, `${msg} (method)`);
  }
}

function noncontig(key: string, c: OpCase): void {
  const base = decode(c.noncontig.base);
  const view = base.t().narrow(0, 1, 3);
  assert.equal(view.is_contiguous(), false);
  check(torch_fn(c.fn)(view, ...call_args(c)), decode(c.noncontig.y), key);
}

function inplace(key: string, c: OpCase): void {
  for (const dt of DTYPES) {
    const r = c[`inplace_${dt}`] as Attempt;
    const t = decode(c[dt].x).reshape(-1).clone();
    const run = () => method(t, `${c.fn}_`)(...call_args(c));
    if (r.error) {
      expect_error(run, r.error, `${key}_(${dt})`, CAST);
      continue;
    }
    const out = run();
    assert.equal(out, t, "in-place returns self");
    check(t, decode(r.y!), `${key}_(${dt})`);
  }
  const base = decode(c.noncontig.base).clone();
  method(base.t().narrow(0, 1, 3), `${c.fn}_`)(...call_args(c));
  check(base, decode(c.inplace_noncontig!), `${key}_ through a view`);
  if (c.has_torch_inplace) {
    const t = decode(c.noncontig.base).clone();
    assert.equal(torch_fn(`${c.fn}_`)(t, ...call_args(c)), t, `torch.${c.fn}_ returns self`);
  }
}

function grad(key: string, c: OpCase): void {
  const g = c.grad!;
  const x = decode(g.x).requires_grad_();
  const y = torch_fn(c.fn)(x, ...call_args(c));
  assert.equal(y.grad_fn?.name() ?? null, g.node, `${key} grad_fn`);
  if (g.dx) {
    const [dx] = torch.autograd.grad(y, x, { grad_outputs: decode(g.g) });
    check(dx!, decode(g.dx), `${key} grad`);
  }
  if (g.dx32) {
    const x32 = decode(g.x).float().requires_grad_();
    const y32 = torch_fn(c.fn)(x32, ...call_args(c));
    const [dx32] = torch.autograd.grad(y32, x32, { grad_outputs: decode(g.g).float() });
    check(dx32!, decode(g.dx32), `${key} grad float32`);
  }
  if (g.inplace_node) {
    const t = x.mul(1);
    method(t, `${c.fn}_`)(...call_args(c));
    assert.equal(t.grad_fn?.name(), g.inplace_node, `${key}_ grad_fn`);
    const [dxi] = torch.autograd.grad(t, x, { grad_outputs: decode(g.g) });
    check(dxi!, decode(g.inplace_dx!), `${key}_ grad`);
  }
}

/** Every unary op case of the fixture: values by dtype, non-contiguous, in place, gradient. */
export function pointwise_cases(): GoldenCase[] {
  const golden = load_golden<{ ops: Record<string, OpCase> }>("pointwise");
  const out: GoldenCase[] = [];
  for (const [key, c] of Object.entries(golden.ops)) {
    const at = { id: `pointwise/ops/${key}`, op: c.fn, kind: "value" } as const;
    out.push({ ...at, check: "values by dtype", run: () => values(key, c) });
    out.push({ ...at, check: "non-contiguous", run: () => noncontig(key, c) });
    if (c.has_inplace) out.push({ ...at, check: "in place", run: () => inplace(key, c) });
    if (c.grad) out.push({ ...at, check: "grad_fn and gradient", run: () => grad(key, c) });
  }
  return out;
}
