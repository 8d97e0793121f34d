/**
 * The browser bundle stays within its budget (scripts/bundle_size.ts, which `npm run build`
 * reports): everything, and tensors alone, which also checks that tree shaking drops nn,
 * optim and utils.data from a program that does not use them.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { measure_bundles } from "../../scripts/bundle_size.js";
import { assert_built } from "./built.js";

test("browser bundles (minified, gzip) within budget; tree shaking drops what is unused", async () => {
  assert_built();
  const sizes = Object.fromEntries((await measure_bundles()).map((s) => [s.name, s]));
  for (const s of Object.values(sizes)) {
    assert.ok(
      s.gzip <= s.budget_kib * 1024,
      `${s.name}: ${(s.gzip / 1024).toFixed(1)} KiB gzip > ${s.budget_kib} KiB`,
    );
  }
  assert.ok(
    sizes.tensors.minified < 0.7 * sizes.everything.minified,
    "tensors alone leave nn, optim and data out",
  );
});
