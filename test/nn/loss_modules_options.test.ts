/**
 * Every loss module built with PyTorch's keyword options (weight, ignore_index,
 * label_smoothing, pos_weight, log_target, margin, p, swap, full, eps, log_input, reduction)
 * gives PyTorch's value, node and input gradients (test/golden/gen_loss_modules.py), so each option
 * reaches the functional through the module.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as torch from "../../src/index.js";
import { decode, is_encoded_tensor, load_golden, type EncodedTensor } from "../helpers/golden.js";

type E = EncodedTensor;
interface LossCase {
  cls: string;
  kwargs: Record<string, unknown>;
  inputs: E[];
  rg: boolean[];
  repr: string;
  out: E;
  grad_out: E;
  grads: (E | null)[];
  node: string;
}
const G = load_golden<{ loss_modules: LossCase[] }>("loss_modules");

type Ctor = new (
  options: Record<string, unknown>,
) => torch.nn.Module & ((...x: torch.Tensor[]) => torch.Tensor);

for (const c of G.loss_modules) {
  test(`nn.${c.cls}(${JSON.stringify(Object.keys(c.kwargs))}): value, node and gradients`, () => {
    const cls = (torch.nn as unknown as Record<string, Ctor>)[c.cls];
    const kw = Object.fromEntries(
      Object.entries(c.kwargs).map(([k, v]) => [k, is_encoded_tensor(v) ? decode(v) : v]),
    );
    const m = new cls(kw);
    assert.equal(String(m), c.repr);
    const leaves = c.inputs.map((t, i) => decode(t).requires_grad_(c.rg[i]));
    const out = m(...leaves);
    torch.testing.assert_close(out.detach(), decode(c.out));
    assert.equal(out.grad_fn?.name(), c.node);
    out.backward(decode(c.grad_out));
    c.grads.forEach((g, i) => {
      if (g === null) assert.equal(leaves[i].grad, null, `input ${i} has no grad`);
      else
        torch.testing.assert_close(leaves[i].grad as torch.Tensor, decode(g), { msg: `grad of input ${i}` });
    });
  });
}
