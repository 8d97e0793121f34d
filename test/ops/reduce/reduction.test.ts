/**
 * Reductions, scans and softmax against PyTorch (test/golden/gen_reduction.py): every case
 * rebuilds the same (possibly strided) input, calls the op with the same arguments, and checks
 * values, dtypes, the grad_fn name and the input's gradient for a fixed grad_output.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as torch from "../../../src/index.js";
import { vector_norm } from "../../../src/ops/reduce/stats.js";
import { decode, is_encoded_tensor, load_golden, type EncodedTensor } from "../../helpers/golden.js";

type View = [string, ...unknown[]];
interface Input {
  base: EncodedTensor;
  views: View[];
}
interface Case {
  op: string;
  fn: "method" | "torch";
  input: Input;
  args: unknown[];
  kwargs: Record<string, unknown>;
  out: EncodedTensor | EncodedTensor[];
  tuple: boolean;
  node?: string;
  grad_out?: EncodedTensor[];
  grad?: EncodedTensor | null;
}
interface ErrorCase {
  op: string;
  fn: "method" | "torch";
  input: Input;
  args: unknown[];
  kwargs: Record<string, unknown>;
  error: { type: string; message: string };
}

const golden = load_golden<{ cases: Case[]; errors: ErrorCase[] }>("reduction");

const DTYPES: Record<string, torch.DType> = {
  "torch.float32": torch.float32,
  "torch.float64": torch.float64,
  "torch.int64": torch.int64,
  "torch.bool": torch.bool,
};

function arg(v: unknown): unknown {
  if (is_encoded_tensor(v)) return decode(v);
  if (v === "inf") return Infinity;
  if (v === "-inf") return -Infinity;
  if (typeof v === "string" && v in DTYPES) return DTYPES[v];
  return v;
}

function call_args(c: { args: unknown[]; kwargs: Record<string, unknown> }): unknown[] {
  const args = c.args.map(arg);
  const keys = Object.keys(c.kwargs);
  if (keys.length) args.push(Object.fromEntries(keys.map((k) => [k, arg(c.kwargs[k])])));
  return args;
}

function build(input: Input, requires_grad: boolean): { leaf: torch.Tensor; x: torch.Tensor } {
  const leaf = decode(input.base);
  if (requires_grad) leaf.requires_grad_(true);
  let x = leaf;
  for (const [kind, ...a] of input.views) {
    if (kind === "t") x = x.t();
    else if (kind === "narrow") x = x.narrow(a[0] as number, a[1] as number, a[2] as number);
    else if (kind === "expand") x = x.expand(a[0] as number[]);
    else if (kind === "as_strided") x = x.as_strided(a[0] as number[], a[1] as number[], a[2] as number);
    else throw new Error(`unknown view ${kind}`);
  }
  return { leaf, x };
}

type AnyFn = (...a: unknown[]) => unknown;
const TORCH_FNS: Record<string, AnyFn> = {
  var_mean: torch.var_mean as AnyFn,
  std_mean: torch.std_mean as AnyFn,
  vector_norm: vector_norm as AnyFn,
};

function run(
  c: { op: string; fn: string; args: unknown[]; kwargs: Record<string, unknown> },
  x: torch.Tensor,
) {
  const args = call_args(c);
  if (c.fn === "torch") return TORCH_FNS[c.op](x, ...args);
  const method = (x as unknown as Record<string, AnyFn>)[c.op];
  assert.equal(typeof method, "function", `Tensor.${c.op} is missing`);
  return method.apply(x, args);
}

function outputs(r: unknown, tuple: boolean): torch.Tensor[] {
  if (!tuple) {
    assert.ok(r instanceof torch.Tensor);
    return [r];
  }
  return Array.from(r as Iterable<torch.Tensor>);
}

function label(c: Case | ErrorCase): string {
  const views = c.input.views.map((v) => v[0]).join("+");
  const args = c.args.map((a) => (is_encoded_tensor(a) ? `tensor${JSON.stringify(a.shape)}` : a));
  return `${c.fn === "torch" ? "torch." : "x."}${c.op}(${JSON.stringify(args)}, ${JSON.stringify(c.kwargs)}) on ${c.input.base.dtype}${JSON.stringify(c.input.base.shape)}${views ? ` ${views}` : ""}`;
}

for (const c of golden.cases) {
  test(`golden ${label(c)}`, () => {
    const has_grad = c.grad !== undefined && c.grad !== null;
    const { leaf, x } = build(c.input, has_grad);
    const result = run(c, x);
    const outs = outputs(result, c.tuple);
    const expected = c.tuple ? (c.out as EncodedTensor[]) : [c.out as EncodedTensor];
    assert.equal(outs.length, expected.length);
    outs.forEach((o, i) =>
      torch.testing.assert_close(o, decode(expected[i]), { equal_nan: true, msg: `output ${i}` }),
    );
    if (!has_grad) return;
    const diff = outs.filter((o) => o.dtype.is_floating_point && o.requires_grad);
    assert.equal(diff[0]?.grad_fn?.name(), c.node);
    torch.autograd.backward(
      diff,
      (c.grad_out ?? []).map((g) => decode(g)),
    );
    torch.testing.assert_close(leaf.grad!, decode(c.grad!), { equal_nan: true, msg: "grad" });
  });
}

const ERROR_CLASS: Record<string, ErrorConstructor> = {
  RuntimeError: Error,
  IndexError: RangeError,
  TypeError: TypeError,
};

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

for (const e of golden.errors) {
  test(`error ${label(e)}`, () => {
    const { x } = build(e.input, false);
    assert.throws(
      () => run(e, x),
      (err: unknown) => {
        assert.ok(err instanceof ERROR_CLASS[e.error.type], `expected ${e.error.type}, got ${String(err)}`);
        // the key part: PyTorch's message up to any trailing hint
        const key = e.error.message.split(". Specify")[0];
        assert.match(err.message, new RegExp(escape(key)));
        return true;
      },
    );
  });
}

test("reductions PyTorch computes without its kernel: empty or single-element cases", () => {
  const bool = torch.bool;
  // argmax/argmin of bool: no kernel for an empty result or a dim of size 1
  assert.deepEqual(torch.zeros([0, 3], { dtype: bool }).argmax(1).shape, [0]);
  assert.deepEqual(torch.zeros([2, 1], { dtype: bool }).argmin(1).tolist(), [0, 0]);
  assert.throws(
    () => torch.zeros([2, 3], { dtype: bool }).argmax(1),
    /"argmax_cpu" not implemented for 'Bool'$/,
  );
  assert.throws(() => torch.tensor(true).argmax(), /"argmax_cpu" not implemented for 'Bool'$/);
  // cummax checks dim only when there is a scan to run; its backward checks it on a 0-dim input
  const x = torch.tensor(0.5, { requires_grad: true });
  const c = x.cummax(1);
  assert.deepEqual([c.values.item(), c.indices.item()], [0.5, 0]);
  assert.throws(
    () => c.values.backward(),
    /Dimension out of range \(expected to be in range of \[-1, 0\], but got 1\)$/,
  );
  assert.deepEqual(torch.zeros(0, 3).cummin(5).values.shape, [0, 3]);
  // softmax of an empty integer tensor is empty, as PyTorch returns before its dtype dispatch
  const e = torch.zeros([0, 3], { dtype: torch.int64 });
  assert.deepEqual([e.softmax(1).shape, e.log_softmax(0).dtype], [[0, 3], torch.int64]);
  assert.throws(() => torch.ones(2, { dtype: torch.int64 }).softmax(0), /not implemented for 'Long'/);
});
