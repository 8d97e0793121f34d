/**
 * Replays the differential fuzzer's saved programs (test/fuzz/cases.json, written by
 * `npx tsx test/fuzz/run.ts --save` where PyTorch is installed) and checks that torch-ts still
 * agrees with the outcomes PyTorch recorded: values, dtypes, shapes, requires_grad, node names,
 * errors and gradients. A deliberate difference must be listed in known.ts with its reason.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { compare } from "./compare.js";
import { known } from "./known.js";
import { run_program, type Outcome, type Program } from "./program.js";

const cases = JSON.parse(readFileSync(new URL("./cases.json", import.meta.url), "utf8")) as {
  program: Program;
  torch: Outcome;
}[];

test("the fuzzer's saved programs are there", () => {
  assert.ok(cases.length >= 100, `${cases.length} cases`);
});

test("torch-ts agrees with PyTorch on every saved fuzz program", () => {
  const failures: string[] = [];
  cases.forEach(({ program, torch }, i) => {
    const ours = run_program(program);
    const ms = compare(program, ours, torch).filter((m) => !known(m, program, ours, torch));
    for (const m of ms)
      failures.push(`case ${i}: ${m.kind} ${m.op}: ${m.detail}\n  ${JSON.stringify(program)}`);
  });
  assert.deepEqual(failures, []);
});
