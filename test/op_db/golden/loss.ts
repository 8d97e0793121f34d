/**
 * Reads test/golden/loss.json (gen_loss.py) for the op table: every loss of
 * torch.nn.functional, its value, the gradients of the input (and of the target, where PyTorch
 * differentiates it) after backward with a fixed grad_output, the grad_fn and its
 * next_functions; and the errors (the message PyTorch gave, found in ours). The module cases and
 * the walkthrough's batch are test/nn/loss_modules.test.ts's and test/nn/loss.test.ts's.
 */
import assert from "node:assert/strict";
import * as torch from "../../../src/index.js";
import { decode, is_encoded_tensor, load_golden, type EncodedTensor } from "../../helpers/golden.js";
import { expect_error, type GoldenCase, type PyError } from "./case.js";

type Tensor = torch.Tensor;
const F = torch.nn.functional;

interface TensorArg {
  tensor: EncodedTensor;
  t: boolean;
  rg: boolean;
}
type Arg = TensorArg | number | boolean | null;
interface Case {
  fn: string;
  args: Arg[];
  kwargs: Record<string, unknown>;
  out?: EncodedTensor;
  grad_out?: EncodedTensor;
  grads?: (EncodedTensor | null)[];
  node?: string | null;
  next?: (string | null)[];
  error?: PyError;
}

function is_tensor_arg(a: Arg): a is TensorArg {
  return typeof a === "object" && a !== null && "tensor" in a;
}

function build(args: Arg[]): { leaves: (Tensor | null)[]; vals: unknown[] } {
  const leaves: (Tensor | null)[] = [];
  const vals: unknown[] = [];
  for (const a of args) {
    if (is_tensor_arg(a)) {
      const leaf = decode(a.tensor);
      if (a.rg) leaf.requires_grad_(true);
      leaves.push(leaf);
      vals.push(a.t ? leaf.t() : leaf);
    } else {
      leaves.push(null);
      vals.push(a);
    }
  }
  return { leaves, vals };
}

function kwargs_of(kw: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(kw)) {
    if (is_tensor_arg(v as Arg)) out[k] = build([v as Arg]).vals[0];
    else out[k] = is_encoded_tensor(v) ? decode(v) : v;
  }
  return out;
}

type LossFn = (...args: unknown[]) => Tensor;
function call(c: Case): { out: Tensor; leaves: (Tensor | null)[] } {
  const f = (F as unknown as Record<string, LossFn | undefined>)[c.fn];
  if (!f) throw new Error(`no F.${c.fn}`);
  const { leaves, vals } = build(c.args);
  const kw = Object.keys(c.kwargs).length ? [kwargs_of(c.kwargs)] : [];
  return { out: f(...vals, ...kw), leaves };
}

function label(c: Case): string {
  const dt = (c.args ?? []).find(is_tensor_arg)?.tensor.dtype ?? "";
  return `${c.fn} ${dt} ${JSON.stringify(c.kwargs).slice(0, 80)}`;
}

function check_case(c: Case): void {
  const { out, leaves } = call(c);
  torch.testing.assert_close(out, decode(c.out!), { msg: label(c), equal_nan: true });
  assert.equal(out.grad_fn?.name() ?? null, c.node ?? null, "node");
  const next = out.grad_fn ? out.grad_fn.next_functions.map(([n]) => n?.name() ?? null) : [];
  assert.deepEqual(next, c.next ?? [], "next_functions");
  if (!out.requires_grad) return;
  out.backward(decode(c.grad_out!));
  (c.grads ?? []).forEach((g, k) => {
    const leaf = leaves[k];
    if (g === null) {
      assert.ok(leaf === null || leaf.grad === null, `arg ${k} should get no grad`);
      return;
    }
    assert.ok(leaf?.grad, `arg ${k} has no grad`);
    torch.testing.assert_close(leaf.grad, decode(g), { msg: `${label(c)} grad of arg ${k}` });
  });
}

/** The loss cases of loss.json (values and errors), by the F.* function they call. */
export function loss_cases(): GoldenCase[] {
  return load_golden<Case[]>("loss").flatMap((c, i): GoldenCase[] => {
    if (c.fn === "module" || c.fn === "walkthrough") return [];
    const at = { id: `loss/${i}`, check: label(c), op: c.fn };
    const err = c.error;
    if (err)
      return [
        { ...at, kind: "error", run: () => expect_error(() => call(c), err, label(c), { contains: true }) },
      ];
    return [{ ...at, kind: "value", run: () => check_case(c) }];
  });
}
