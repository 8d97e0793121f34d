/**
 * Reads test/golden/reduction.json (gen_reduction.py) for the op table: reductions, scans and
 * softmax on the same (possibly strided) inputs and arguments as PyTorch, checking values,
 * dtypes, the grad_fn name and the input's gradient for a fixed grad_output; and the errors.
 */
import assert from "node:assert/strict";
import * as torch from "../../../src/index.js";
import { vector_norm } from "../../../src/ops/reduce/stats.js";
import { decode, is_encoded_tensor, load_golden, type EncodedTensor } from "../../helpers/golden.js";
import { expect_error, type GoldenCase, type PyError } from "./case.js";

type View = [string, ...unknown[]];
interface Input {
  base: EncodedTensor;
  views: View[];
}
interface Call {
  op: string;
  fn: "method" | "torch";
  input: Input;
  args: unknown[];
  kwargs: Record<string, unknown>;
}
interface Case extends Call {
  out: EncodedTensor | EncodedTensor[];
  tuple: boolean;
  node?: string;
  grad_out?: EncodedTensor[];
  grad?: EncodedTensor | null;
}
interface ErrorCase extends Call {
  error: PyError;
}

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

function call_args(c: Call): unknown[] {
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
  // torch.linalg.vector_norm: recorded by the generator as a reduction
  vector_norm: vector_norm as AnyFn,
};

function run(c: Call, x: torch.Tensor) {
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

function label(c: Call): string {
  const views = c.input.views.map((v) => v[0]).join("+");
  const args = c.args.map((a) => (is_encoded_tensor(a) ? `tensor${JSON.stringify(a.shape)}` : a));
  return `${c.fn === "torch" ? "torch." : "x."}${c.op}(${JSON.stringify(args)}, ${JSON.stringify(c.kwargs)}) on ${c.input.base.dtype}${JSON.stringify(c.input.base.shape)}${views ? ` ${views}` : ""}`;
}

function check_case(c: Case): void {
  const has_grad = c.grad !== undefined && c.grad !== null;
  const { leaf, x } = build(c.input, has_grad);
  const outs = outputs(run(c, x), c.tuple);
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
}

/** Every case of reduction.json: `cases` (values, node, gradient) and `errors`. */
export function reduction_cases(): GoldenCase[] {
  const golden = load_golden<{ cases: Case[]; errors: ErrorCase[] }>("reduction");
  return [
    ...golden.cases.map((c, i): GoldenCase => ({
      id: `reduction/cases/${i}`,
      check: label(c),
      op: c.op,
      kind: "value",
      run: () => check_case(c),
    })),
    ...golden.errors.map((e, i): GoldenCase => ({
      id: `reduction/errors/${i}`,
      check: label(e),
      op: e.op,
      kind: "error",
      // the key part: PyTorch's message up to any trailing hint
      run: () =>
        expect_error(() => run(e, build(e.input, false).x), e.error, label(e), { split: ". Specify" }),
    })),
  ];
}
