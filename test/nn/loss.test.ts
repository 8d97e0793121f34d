/**
 * Every loss of torch.nn.functional against PyTorch (test/golden/gen_loss.py): values, the
 * gradients of the input (and of the target, where PyTorch differentiates it) after backward
 * with a fixed grad_output, the grad_fn and its next_functions, and the error messages. Also
 * the walkthrough's first batch through nn.MSELoss, printed as PyTorch prints it.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as torch from "../../src/index.js";
import { decode, is_encoded_tensor, load_golden, type EncodedTensor } from "../helpers/golden.js";

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
  error?: { type: string; message: string };
}

const CASES = load_golden<Case[]>("loss");

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
function fn_of(name: string): LossFn {
  const f = (F as unknown as Record<string, LossFn | undefined>)[name];
  if (!f) throw new Error(`no F.${name}`);
  return f;
}

function call(c: Case): { out: Tensor; leaves: (Tensor | null)[] } {
  const { leaves, vals } = build(c.args);
  const kw = Object.keys(c.kwargs).length ? [kwargs_of(c.kwargs)] : [];
  return { out: fn_of(c.fn)(...vals, ...kw), leaves };
}

function label(c: Case, i: number): string {
  const dt = c.args.find(is_tensor_arg)?.tensor.dtype ?? "";
  return `#${i} ${c.fn} ${dt} ${JSON.stringify(c.kwargs).slice(0, 80)}`;
}

function errors_of(c: Case): RegExp {
  const e = c.error;
  assert.ok(e);
  return new RegExp(e.message.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
}

const value_cases = CASES.map((c, i) => [c, i] as const).filter(([c]) => c.out && c.fn !== "walkthrough");
const error_cases = CASES.map((c, i) => [c, i] as const).filter(([c]) => c.error);

test("loss values, gradients and graph nodes match PyTorch", async (t) => {
  for (const [c, i] of value_cases) {
    await t.test(label(c, i), () => {
      const { out, leaves } = call(c);
      const expected = decode(c.out as EncodedTensor);
      torch.testing.assert_close(out, expected, { msg: label(c, i), equal_nan: true });
      assert.equal(out.grad_fn?.name() ?? null, c.node ?? null, "node");
      const next = out.grad_fn ? out.grad_fn.next_functions.map(([n]) => n?.name() ?? null) : [];
      assert.deepEqual(next, c.next ?? [], "next_functions");
      if (!out.requires_grad) return;
      out.backward(decode(c.grad_out as EncodedTensor));
      (c.grads ?? []).forEach((g, k) => {
        const leaf = leaves[k];
        if (g === null) {
          assert.ok(leaf === null || leaf.grad === null, `arg ${k} should get no grad`);
          return;
        }
        assert.ok(leaf?.grad, `arg ${k} has no grad`);
        torch.testing.assert_close(leaf.grad, decode(g), { msg: `${label(c, i)} grad of arg ${k}` });
      });
    });
  }
});

test("loss errors are PyTorch's", async (t) => {
  for (const [c, i] of error_cases) {
    await t.test(label(c, i), () => {
      assert.throws(() => call(c), errors_of(c));
    });
  }
});

test("walkthrough: nn.MSELoss on the first batch prints PyTorch's repr", () => {
  const c = CASES.find((x) => x.fn === "walkthrough") as unknown as {
    x: EncodedTensor;
    y: EncodedTensor;
    repr: string;
    out: EncodedTensor;
    w_grad: EncodedTensor;
  };
  const w = torch.zeros(1).requires_grad_(true);
  const criterion = new torch.nn.MSELoss();
  const loss = criterion(decode(c.x).mul(w), decode(c.y));
  assert.equal(String(loss), c.repr);
  torch.testing.assert_close(loss, decode(c.out));
  loss.backward();
  torch.testing.assert_close(w.grad as Tensor, decode(c.w_grad));
});
