/**
 * backward() without retain_graph frees what the graph kept for it, as PyTorch does: keeping a
 * loss (`losses.push(loss)`) must not keep the step's activations alive. Checked with weak
 * references and the collector (exposed through V8's flag, as `npm test` runs without
 * --expose-gc); retain_graph keeps them, which shows the check can fail.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import * as torch from "../../src/index.js";

setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;

/** Collects garbage after the current job, when weak targets dereferenced in it may go. */
async function collect(): Promise<void> {
  for (let i = 0; i < 3; i++) {
    await new Promise((r) => setTimeout(r, 0));
    gc();
  }
}

/** One step of a small MLP; the activations are reachable only from the graph. */
function step(w1: torch.Tensor, w2: torch.Tensor): { loss: torch.Tensor; refs: WeakRef<torch.Tensor>[] } {
  const x = torch.randn(64, 16);
  const h = x.matmul(w1);
  const a = h.tanh();
  const o = a.matmul(w2).sin();
  const loss = o.pow(2).mean();
  return { loss, refs: [h, a, o].map((t) => new WeakRef(t)) };
}

test("backward frees the activations a kept loss would otherwise hold", async () => {
  const w1 = torch.randn(16, 32, { requires_grad: true });
  const w2 = torch.randn(32, 4, { requires_grad: true });
  const losses: torch.Tensor[] = [];
  const refs: WeakRef<torch.Tensor>[] = [];
  for (let i = 0; i < 3; i++) {
    const s = step(w1, w2);
    s.loss.backward();
    losses.push(s.loss);
    refs.push(...s.refs);
  }
  await collect();
  assert.equal(refs.filter((r) => r.deref() !== undefined).length, 0, "activations still alive");
  assert.ok(
    losses.every((l) => l.grad_fn !== null),
    "the losses keep their (freed) graphs",
  );
  assert.throws(() => losses[0].backward(), /Trying to backward through the graph a second time/);
});

test("retain_graph keeps them, and a second backward then runs", async () => {
  const w1 = torch.randn(16, 32, { requires_grad: true });
  const w2 = torch.randn(32, 4, { requires_grad: true });
  const s = step(w1, w2);
  s.loss.backward(null, { retain_graph: true });
  await collect();
  assert.ok(
    s.refs.some((r) => r.deref() !== undefined),
    "the retained graph keeps its saved activations",
  );
  const g = (w1.grad as torch.Tensor).clone();
  s.loss.backward();
  torch.testing.assert_close(w1.grad as torch.Tensor, g.mul(2));
});
