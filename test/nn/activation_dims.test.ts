/**
 * The activations that work along a dimension or with a second tensor, against PyTorch: glu
 * (halves along dim, GluBackward0), prelu (per-channel weight broadcast over dim 1, gradients
 * of input and weight, PyTorch 2.x's PreluKernelBackward0 over the weight's view), and the
 * softmax family through F (softmax, log_softmax, softmin = softmax(-x) with NegBackward0
 * below it), including the legacy implicit dim and `dtype=`.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as torch from "../../src/index.js";
import { decode, load_golden, type EncodedTensor } from "../helpers/golden.js";

const F = torch.nn.functional;
type E = EncodedTensor;
interface Golden {
  glu: Record<string, { x: E; dim?: number; y: E; node?: string; grad_out?: E; grad?: E }>;
  prelu: Record<string, { x: E; weight: E; y: E; node: string; grad_out: E; grad_x: E; grad_w: E }>;
  softmax: Record<string, unknown> & { x: E; grad_out: E };
}
const golden = load_golden<Golden>("activation");
const close = (a: torch.Tensor, e: E, msg: string) =>
  torch.testing.assert_close(a, decode(e), { equal_nan: true, msg });

for (const [key, c] of Object.entries(golden.glu)) {
  test(`glu ${key}: values${c.grad ? ", node and gradient" : ""}`, () => {
    const x = decode(c.x).requires_grad_(c.grad !== undefined);
    const y = c.dim === undefined ? F.glu(x) : F.glu(x, c.dim);
    close(y, c.y, `glu ${key}`);
    if (!c.grad) return;
    assert.equal(y.grad_fn?.name(), c.node);
    const [g] = torch.autograd.grad(y, x, { grad_outputs: decode(c.grad_out!) });
    close(g!, c.grad, `glu ${key} grad`);
  });
}

test("glu of a non-contiguous input equals glu of its contiguous copy", () => {
  const x = torch.arange(24, { dtype: torch.float64 }).mul(0.3).sub(2).reshape(4, 6).t();
  assert.equal(x.is_contiguous(), false);
  torch.testing.assert_close(F.glu(x, 0), F.glu(x.contiguous(), 0));
});

for (const [key, c] of Object.entries(golden.prelu)) {
  test(`prelu ${key}: values, node, gradients of input and weight`, () => {
    const x = decode(c.x).requires_grad_();
    const w = decode(c.weight).requires_grad_();
    const y = F.prelu(x, w);
    close(y, c.y, `prelu ${key}`);
    assert.equal(y.grad_fn?.name(), c.node);
    const [gx, gw] = torch.autograd.grad(y, [x, w], { grad_outputs: decode(c.grad_out) });
    close(gx!, c.grad_x, `prelu ${key} grad x`);
    close(gw!, c.grad_w, `prelu ${key} grad weight`);
    assert.deepEqual(gw!.shape, w.shape);
  });
}

test("prelu: the weight reaches the node through its reshape when dims differ (2.x graph)", () => {
  const w = torch.tensor([0.1, 0.2, 0.3], { requires_grad: true });
  const y = F.prelu(torch.ones(2, 3), w);
  const [edge] = y.grad_fn!.next_functions.slice(1);
  assert.equal(edge[0]?.name(), "ViewBackward0");
});

type SoftmaxRun = { fn: "softmax" | "log_softmax" | "softmin"; dim: number; y: E; node: string; grad: E };
const sm = golden.softmax;

for (const fn of ["softmax", "log_softmax", "softmin"] as const) {
  for (const dim of [0, 1, -1]) {
    test(`F.${fn}(x, ${dim}): values, node, gradient`, () => {
      const c = sm[`${fn}_${dim}`] as SoftmaxRun;
      const x = decode(sm.x).requires_grad_();
      const y = F[fn](x, dim);
      close(y, c.y, `${fn} ${dim}`);
      assert.equal(y.grad_fn?.name(), c.node);
      const [g] = torch.autograd.grad(y, x, { grad_outputs: decode(sm.grad_out) });
      close(g!, c.grad, `${fn} ${dim} grad`);
    });
  }

  test(`F.${fn}: implicit dim (None) and dtype=`, () => {
    const x = decode(sm.x);
    close(F[fn](x, null), sm[`${fn}_implicit_3d`] as E, `${fn} implicit 3d`);
    close(F[fn](x.select(0, 0)), sm[`${fn}_implicit_2d`] as E, `${fn} implicit 2d`);
    const d = sm[`${fn}_dtype`] as { x: E; y: E };
    const y = F[fn](decode(d.x), 2, { dtype: torch.float64 });
    assert.equal(y.dtype, torch.float64);
    close(y, d.y, `${fn} dtype`);
    const y2 = F[fn](decode(d.x), { dim: 2, dtype: torch.float64 });
    close(y2, d.y, `${fn} dtype (options)`);
  });
}

test("softmin records SoftmaxBackward0 over NegBackward0, as PyTorch composes it", () => {
  const x = torch.tensor([1, 2, 3], { requires_grad: true });
  const y = F.softmin(x, 0);
  assert.equal(y.grad_fn?.name(), "SoftmaxBackward0");
  assert.equal(y.grad_fn?.next_functions[0][0]?.name(), "NegBackward0");
});
