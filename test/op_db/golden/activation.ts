/**
 * Reads the `ops` section of test/golden/activation.json (gen_activation.py) for the op table:
 * torch.nn.functional's activations on special inputs (zeros of both signs, every kink,
 * softplus' threshold, saturation, overflow, NaN and inf) in float32 and float64, node names
 * and gradients through a transposed (non-contiguous) view with a fixed grad_output, and the
 * in-place forms (same tensor back, its node and gradient, values without grad). The fixture's
 * argument errors are the op table's error samples; its other sections (integer inputs, glu,
 * prelu, softmax, modules, rrelu) are the area tests' (test/nn/activation*.test.ts).
 */
import assert from "node:assert/strict";
import * as torch from "../../../src/index.js";
import { decode, load_golden, type EncodedTensor } from "../../helpers/golden.js";
import type { GoldenCase } from "./case.js";

const F = torch.nn.functional;
type E = EncodedTensor;
interface GradCase {
  base: E;
  y: E;
  node: string;
  grad: E;
}
interface OpCase {
  fn: string;
  args: number[];
  kwargs: Record<string, unknown>;
  inplace: boolean;
  values_float32: { x: E; y: E };
  values_float64: { x: E; y: E };
  grad_float32: GradCase;
  grad_float64: GradCase;
  grad_out: E;
  inplace_grad?: GradCase;
  inplace_values?: E;
}

const close = (a: torch.Tensor, e: E, msg: string) =>
  torch.testing.assert_close(a, decode(e), { equal_nan: true, msg });

type Fn = (x: torch.Tensor, ...rest: unknown[]) => torch.Tensor;
/** F[fn](x, ...args, {...kwargs, inplace}) as the generator called it. */
function call(c: OpCase, x: torch.Tensor, inplace = false): torch.Tensor {
  const f = (F as unknown as Record<string, Fn>)[c.fn];
  const kw = inplace ? { ...c.kwargs, inplace: true } : c.kwargs;
  return Object.keys(kw).length ? f(x, ...c.args, kw) : f(x, ...c.args);
}

/** The generator's grad run: a [4, 2] leaf, used transposed; gradient of the leaf. */
function run_grad(c: OpCase, g: GradCase, grad_out: torch.Tensor, inplace = false) {
  const base = decode(g.base).requires_grad_();
  let x = base.t();
  if (inplace) x = x.clone();
  const y = call(c, x, inplace);
  if (inplace) assert.equal(y, x, "in place returns its input");
  const [grad] = torch.autograd.grad(y, base, { grad_outputs: grad_out.to(y.dtype) });
  return { y, grad: grad! };
}

function values(key: string, c: OpCase): void {
  for (const v of [c.values_float32, c.values_float64]) {
    const x = decode(v.x);
    const y = call(c, x);
    assert.equal(y.dtype, x.dtype);
    close(y, v.y, `${key} ${x.dtype.toString()}`);
  }
}

function grads(key: string, c: OpCase): void {
  const go = decode(c.grad_out);
  for (const g of [c.grad_float32, c.grad_float64]) {
    const { y, grad } = run_grad(c, g, go);
    assert.equal(y.grad_fn?.name(), g.node);
    close(y, g.y, `${key} y`);
    close(grad, g.grad, `${key} grad`);
  }
}

function inplace(key: string, c: OpCase): void {
  const g = c.inplace_grad!;
  const { y, grad } = run_grad(c, g, decode(c.grad_out), true);
  assert.equal(y.grad_fn?.name(), g.node);
  close(y, g.y, `${key}_ y`);
  close(grad, g.grad, `${key}_ grad`);
  const x = decode(c.values_float32.x);
  const v0 = x._version;
  const r = call(c, x, true);
  assert.equal(r, x);
  assert.ok(x._version > v0, "version bumped");
  close(x, c.inplace_values!, `${key}_ values`);
}

/** Every case of activation.json's `ops`: values, node and gradient, in place. */
export function activation_cases(): GoldenCase[] {
  const { ops } = load_golden<{ ops: Record<string, OpCase> }>("activation");
  return Object.entries(ops).flatMap(([key, c]): GoldenCase[] => {
    const at = { id: `activation/ops/${key}`, op: c.fn, kind: "value" } as const;
    return [
      { ...at, check: "values on special inputs", run: () => values(key, c) },
      { ...at, check: "node and gradient through a transposed view", run: () => grads(key, c) },
      ...(c.inplace ? [{ ...at, check: "inplace=True", run: () => inplace(key, c) }] : []),
    ];
  });
}
