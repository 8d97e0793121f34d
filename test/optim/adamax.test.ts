/**
 * optim.Adamax against PyTorch 2.x trajectories (test/golden/gen_optim_a.py): defaults and the
 * option combinations the generator records, state_dict and resuming (from our state_dict and
 * from PyTorch's); and PyTorch's constructor errors.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as torch from "../../src/index.js";
import { cases_of, check_case, golden } from "./optim_a_cases.js";

for (const c of cases_of("Adamax")) test(`Adamax ${c.name}`, () => check_case(c));

test("Adamax constructor errors are PyTorch's", () => {
  const w = torch.zeros(2, { requires_grad: true });
  const errs = golden.errors.filter((e) => e.optim === "Adamax");
  assert.ok(errs.length >= 5);
  for (const e of errs)
    assert.throws(() => new torch.optim.Adamax([w], e.options), { message: e.error.message });
});
