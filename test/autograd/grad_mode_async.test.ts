/**
 * Grad mode and async code: no_grad / enable_grad refuse an async function (or one returning a
 * promise) before it can leave the mode wrong across an await, and show the safe pattern;
 * set_grad_enabled takes a bool.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as torch from "../../src/index.js";

test("grad mode is not carried across await: async functions are refused before they run", async () => {
  let ran = false;
  assert.throws(
    () =>
      torch.no_grad(async () => {
        ran = true;
        await Promise.resolve();
      }),
    /torch\.no_grad\(fn\): fn is async .*const out = torch\.no_grad\(\(\) => model\(x\)\); await use\(out\);/,
  );
  assert.equal(ran, false, "an async function is refused without running");
  assert.throws(
    () => torch.enable_grad(() => Promise.resolve(1)),
    /torch\.enable_grad\(fn\): fn is async \(or returned a Promise\)/,
  );
  assert.equal(torch.is_grad_enabled(), true, "the mode is restored");
  // the safe pattern: the synchronous part inside no_grad, awaiting outside it
  const w = torch.ones(2, { requires_grad: true });
  const out = torch.no_grad(() => w.mul(2));
  await Promise.resolve();
  assert.equal(out.requires_grad, false);
  assert.equal(w.mul(2).requires_grad, true);
  assert.throws(() => torch.set_grad_enabled("false" as never), /argument 'mode' must be bool/);
});
