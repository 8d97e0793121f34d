/**
 * Reads the dim-wise ops of test/golden/indexing.json (gen_indexing.py) for the op table:
 * gather, scatter, index_select, index_add/copy/fill, take, masked ops, nonzero and argwhere,
 * for every dtype, on transposed, strided and expanded operands: values, grad_fn names and
 * gradients, and their errors (`op_errors` recorded with inputs). Subscripting (x[...] and
 * x[...] = v) and scatter(reduce)'s backward refusal are test/ops/indexing/indexing.test.ts's.
 */
import assert from "node:assert/strict";
import * as torch from "../../../src/index.js";
import { decode, is_encoded_tensor, load_golden, type EncodedTensor } from "../../helpers/golden.js";
import { expect_error, type GoldenCase, type PyError } from "./case.js";

type Raw = unknown;
interface OpCase {
  op: string;
  method: string | null;
  args: Raw[];
  kwargs: Record<string, unknown>;
  diff: number[];
  layouts: Record<string, string>;
  out: EncodedTensor | EncodedTensor[];
  node?: string;
  grads?: EncodedTensor[];
}
interface ErrorCase {
  op?: string;
  args?: Raw[];
  kwargs?: Record<string, unknown>;
  error: PyError;
}

/** Fixture values back into JS: encoded tensors decoded, lists kept (index lists stay lists). */
function dec(v: Raw): unknown {
  if (is_encoded_tensor(v)) return decode(v);
  if (Array.isArray(v)) return v.map(dec);
  return v;
}
const T = (v: Raw) => dec(v) as torch.Tensor;

function layout(t: torch.Tensor, name: string | undefined): torch.Tensor {
  if (name === "t") return t.transpose(0, -1);
  if (name === "step") return t.index("::2");
  if (name === "expand") return t.expand([3, ...t.shape.slice(1)]);
  return t;
}

function grad_output(out: torch.Tensor): torch.Tensor {
  return torch.arange(out.numel(), { dtype: torch.float64 }).mul(0.5).add(1).reshape(out.shape).to(out.dtype);
}

const close = (a: torch.Tensor, e: torch.Tensor, msg: string) => torch.testing.assert_close(a, e, { msg });

type AnyFn = (...a: unknown[]) => unknown;
function call_op(
  c: { op: string; method?: string | null; kwargs?: Record<string, unknown> },
  args: unknown[],
): unknown {
  const kw = c.kwargs && Object.keys(c.kwargs).length ? [c.kwargs] : [];
  if (c.method) {
    const self = (args[0] as torch.Tensor).clone();
    return (self as unknown as Record<string, AnyFn>)[c.method].call(self, ...args.slice(1), ...kw);
  }
  return (torch as unknown as Record<string, AnyFn>)[c.op](...args, ...kw);
}

function label(c: OpCase): string {
  const args = c.args.map((a) =>
    is_encoded_tensor(a) ? `${a.dtype}${JSON.stringify(a.shape)}` : JSON.stringify(a),
  );
  return `${c.method ?? c.op}(${args.join(", ")}) ${JSON.stringify(c.kwargs)}`;
}

function check_case(c: OpCase): void {
  const what = label(c);
  const bases = c.args.map((a) => dec(a));
  c.diff.forEach((i) => (bases[i] as torch.Tensor).requires_grad_(true));
  const args = bases.map((b, i) => (b instanceof torch.Tensor ? layout(b, c.layouts[String(i)]) : b));
  const out = call_op(c, args);
  if (Array.isArray(c.out)) {
    const outs = out as torch.Tensor[];
    assert.equal(outs.length, c.out.length, what);
    c.out.forEach((e, i) => close(outs[i], T(e), `${what}[${i}]`));
    return;
  }
  const o = out as torch.Tensor;
  close(o, T(c.out), what);
  if (c.node) {
    assert.equal(o.grad_fn?.name(), c.node, what);
    o.backward(grad_output(o));
    c.diff.forEach((p, k) =>
      close((bases[p] as torch.Tensor).grad as torch.Tensor, T(c.grads?.[k]), `${what} grad ${p}`),
    );
  } else {
    assert.equal(o.grad_fn, null, what);
  }
}

/** Every case of indexing.json's `ops`, and the `op_errors` recorded with their inputs. */
export function indexing_cases(): GoldenCase[] {
  const G = load_golden<{ ops: OpCase[]; op_errors: Record<string, ErrorCase> }>("indexing");
  const values = G.ops.map((c, i): GoldenCase => ({
    id: `indexing/ops/${i}`,
    check: label(c),
    op: c.op,
    kind: "value",
    run: () => check_case(c),
  }));
  const errors = Object.entries(G.op_errors).flatMap(([k, c]): GoldenCase[] => {
    const { op, args } = c;
    if (!op || !args) return [];
    const run = () => expect_error(() => call_op({ op, kwargs: c.kwargs }, args.map(dec)), c.error, k);
    return [{ id: `indexing/op_errors/${k}`, op, kind: "error", run }];
  });
  return [...values, ...errors];
}
