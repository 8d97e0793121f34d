/**
 * Call forms PyTorch code uses: backward's options where the gradient goes (`y.backward({
 * retain_graph: true })`), unknown keys refused; `const P3 = Fn.apply; P3(x)` for a custom
 * autograd.Function.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as torch from "../../src/index.js";

test("backward takes its options where the gradient goes", () => {
  const a = torch.tensor([1, 2], { requires_grad: true });
  const y = a.mul(a).sum();
  y.backward({ retain_graph: true });
  y.backward();
  assert.deepEqual(a.grad?.tolist(), [4, 8]);
  const z = a.mul(3);
  z.backward({ gradient: torch.tensor([1, 0]) });
  assert.deepEqual(a.grad?.tolist(), [7, 8]);
  assert.throws(
    () => y.backward(torch.tensor(1), { retain_grahp: true } as never),
    /unexpected keyword argument 'retain_grahp'/,
  );
});

test("autograd.Function.apply works detached from its class (PyTorch's `P3 = Fn.apply`)", () => {
  class Cube extends torch.autograd.Function {
    static forward(ctx: torch.autograd.FunctionCtx, t: torch.Tensor) {
      ctx.save_for_backward(t);
      return t.pow(3);
    }
    static backward(ctx: torch.autograd.FunctionCtx, g: torch.Tensor) {
      const [t] = ctx.saved_tensors;
      return g.mul(t.pow(2)).mul(3);
    }
  }
  // TypeScript cannot carry `this: typeof Cube` onto a detached static method: the cast says what JS does
  // eslint-disable-next-line @typescript-eslint/unbound-method -- detaching apply is what is tested
  const P3 = Cube.apply as unknown as (t: torch.Tensor) => torch.Tensor;
  const t = torch.tensor([1, 2], { requires_grad: true });
  P3(t).sum().backward();
  assert.deepEqual(t.grad?.tolist(), [3, 12]);
  // eslint-disable-next-line @typescript-eslint/unbound-method -- the same bound function each time
  assert.equal(Cube.apply, P3, "one bound function per class");
});
