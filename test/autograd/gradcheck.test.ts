/**
 * gradcheck and gradgradcheck themselves: every differentiable op's test leans on them, so they
 * must pass a right gradient, catch a wrong one (first and second order), and refuse inputs
 * they cannot check, as PyTorch's do.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as torch from "../../src/index.js";
import { load_golden } from "../helpers/golden.js";
import { leaf } from "../helpers/leaf.js";

const G = load_golden<{ gradcheck_errors: Record<string, { message: string }> }>("autograd");
const f64 = (data: number[]) => torch.tensor(data, { dtype: torch.float64, requires_grad: true });

/** x * x with a backward that is off by `scale` (1: right). */
function square_with(scale: number) {
  return class extends torch.autograd.Function {
    static override forward(ctx: torch.autograd.FunctionCtx, t: torch.Tensor) {
      ctx.save_for_backward(t);
      return t.mul(t);
    }
    static override backward(ctx: torch.autograd.FunctionCtx, g: torch.Tensor) {
      const [t] = ctx.saved_tensors;
      return g.mul(t).mul(2 * scale);
    }
  };
}

test("gradcheck passes a right gradient, on strided inputs too", () => {
  const x = f64([0.3, -1.2, 0.8]);
  assert.equal(
    torch.autograd.gradcheck((t) => square_with(1).apply(t), [x]),
    true,
  );
  const m = torch
    .tensor(
      [
        [0.5, -0.25],
        [1.5, 2],
      ],
      { dtype: torch.float64 },
    )
    .t()
    .requires_grad_();
  assert.equal(
    torch.autograd.gradcheck((t) => t.exp().mul(t), [m]),
    true,
  );
});

test("gradcheck catches a wrong gradient: throws, or returns false when asked", () => {
  const x = f64([0.3, -1.2, 0.8]);
  const Wrong = square_with(1.01);
  assert.throws(() => torch.autograd.gradcheck((t) => Wrong.apply(t), [x]), /Jacobian mismatch/);
  assert.equal(
    torch.autograd.gradcheck((t) => Wrong.apply(t), [x], { raise_exception: false }),
    false,
  );
});

test("gradcheck catches a gradient that never reaches the input", () => {
  const x = f64([0.3, -1.2]);
  assert.throws(
    () => torch.autograd.gradcheck((t) => t.detach().mul(t.detach()).add(t.mul(0)), [x]),
    /Jacobian/,
  );
  assert.throws(() => torch.autograd.gradcheck((t) => t.exp().detach(), [x]), /Jacobian/);
});

test("gradgradcheck catches a backward that is right only to first order", () => {
  // d/dt (t*t) = 2t, written with t detached: the first derivative is right, its own
  // derivative (2) is lost
  class Detached extends torch.autograd.Function {
    static override forward(ctx: torch.autograd.FunctionCtx, t: torch.Tensor) {
      ctx.save_for_backward(t);
      return t.mul(t);
    }
    static override backward(ctx: torch.autograd.FunctionCtx, g: torch.Tensor) {
      const [t] = ctx.saved_tensors;
      return g.mul(t.detach()).mul(2);
    }
  }
  const x = f64([0.3, -1.2]);
  assert.equal(
    torch.autograd.gradcheck((t) => Detached.apply(t), [x]),
    true,
  );
  assert.throws(() => torch.autograd.gradgradcheck((t) => Detached.apply(t), [x]), /Jacobian mismatch/);
  assert.equal(
    torch.autograd.gradgradcheck((t) => square_with(1).apply(t), [x]),
    true,
  );
});

test("gradcheck refuses inputs it cannot check, with PyTorch's messages", () => {
  const E = G.gradcheck_errors;
  assert.throws(() => torch.autograd.gradcheck((t) => t.mul(2), [torch.ones(2, { dtype: torch.float64 })]), {
    message: E.no_input.message,
  });
  const expanded = torch.ones(1, { dtype: torch.float64 }).expand(3).requires_grad_();
  assert.throws(() => torch.autograd.gradcheck((t) => t.mul(2), [expanded]), { message: E.stride0.message });
  assert.throws(
    () => torch.autograd.gradcheck((t) => t.mul(2), [torch.ones(2, { requires_grad: true })]),
    /must be float64/,
  );
});

test("a gradcheck failure is detected (the checker can fail)", () => {
  const wrong = (a: torch.Tensor) => torch.where(a.gt(0), a, a.detach());
  assert.throws(() => torch.autograd.gradcheck(wrong, [leaf([4])]));
});
