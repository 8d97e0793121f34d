/**
 * Module arity: calling a module with more positional arguments than its forward declares is
 * refused with Python's message (read from forward's signature); a forward with a rest or
 * defaulted parameter keeps accepting what it declares.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as torch from "../../src/index.js";

const { nn } = torch;
const call = (f: unknown, ...args: unknown[]) => (f as (...a: unknown[]) => unknown)(...args);
const x = () => torch.ones(2);

test("modules with a rest or defaulted forward keep accepting what they declare", () => {
  class Any extends nn.Module {
    forward(...xs: torch.Tensor[]) {
      return xs.length;
    }
  }
  class Opt extends nn.Module {
    forward(a: torch.Tensor, b: torch.Tensor | null = null, c = 1) {
      return b === null ? c : 2;
    }
  }
  assert.equal(new Any()(x(), x(), x()), 3);
  assert.equal(new Opt()(x(), null, 5), 5);
  assert.throws(
    () => call(new Opt(), x(), null, 5, 6),
    /^TypeError: Opt\.forward\(\) takes 4 positional arguments but 5 were given$/,
  );
});
