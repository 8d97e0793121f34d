/**
 * The differential fuzzer (a developer tool, run on demand where PyTorch is installed):
 * draws random programs (generate.ts), runs them here and in PyTorch (torch_runner.py), and
 * prints every mismatch grouped by kind and op, with the smallest program of each group.
 *
 *   npx tsx test/fuzz/run.ts [--n 10000] [--seed 1] [--save] [--python /usr/bin/python3]
 *
 * --save writes programs that agree with PyTorch (up to five per final op, errors apart) with
 * PyTorch's outcomes to test/fuzz/cases.json, which test/fuzz/replay.test.ts replays in CI.
 * A difference that is deliberate is listed, with its reason, in known.ts and docs/differences.md.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { compare, type Mismatch } from "./compare.js";
import { generate } from "./generate.js";
import { known } from "./known.js";
import { run_program, type Outcome, type Program, type Recorded } from "./program.js";

const argv = process.argv.slice(2);
const opt = (name: string, dflt: string) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : dflt;
};
const N = Number(opt("n", "2000"));
const SEED = Number(opt("seed", "1"));
const PYTHON = opt("python", process.env.PYTHON ?? "python3");
const HERE = fileURLToPath(new URL(".", import.meta.url));

const programs: Program[] = [];
for (let i = 0; i < N; i++) programs.push(generate(SEED * 1_000_003 + i, 3 + (i % 6)));
const ours = programs.map(run_program);

const dir = mkdtempSync(join(tmpdir(), "fuzz-"));
writeFileSync(join(dir, "programs.json"), JSON.stringify(programs));
execFileSync(
  PYTHON,
  [join(HERE, "torch_runner.py"), join(dir, "programs.json"), join(dir, "outcomes.json")],
  { stdio: "inherit" },
);
const theirs = JSON.parse(readFileSync(join(dir, "outcomes.json"), "utf8")) as Outcome[];

interface Group {
  mismatch: Mismatch;
  count: number;
  example: number;
}
const groups = new Map<string, Group>();
let explained = 0;
let failing = 0;
const reasons = new Map<string, number>();
programs.forEach((p, i) => {
  const ms = compare(p, ours[i], theirs[i]).filter((m) => {
    const why = known(m, p, ours[i], theirs[i]);
    if (why) {
      explained++;
      reasons.set(why, (reasons.get(why) ?? 0) + 1);
    }
    return !why;
  });
  if (ms.length) failing++;
  for (const m of ms) {
    const key = `${m.kind} ${m.op}`;
    const g = groups.get(key);
    if (!g) groups.set(key, { mismatch: m, count: 1, example: i });
    else {
      g.count++;
      if (programs[i].steps.length < programs[g.example].steps.length) [g.example, g.mismatch] = [i, m];
    }
  }
});

console.log(`${N} programs, ${failing} with unexplained mismatches, ${explained} known differences`);
for (const [why, n] of reasons) console.log(`  ${n} x ${why}`);
for (const [key, g] of [...groups].sort((a, b) => b[1].count - a[1].count)) {
  console.log(
    `\n${key}: ${g.count}\n  ${g.mismatch.detail}\n  program ${g.example}: ${JSON.stringify(programs[g.example])}`,
  );
}

if (argv.includes("--save")) {
  // Programs that agree with PyTorch, up to five per final op, as fixtures CI replays: each
  // one pins down a behaviour (values, errors, gradients) that must not drift. Mismatches are
  // printed above; once fixed, a run with --save keeps them too.
  const per_op = new Map<string, number>();
  const keep: number[] = [];
  programs.forEach((p, i) => {
    if (compare(p, ours[i], theirs[i]).some((m) => !known(m, p, ours[i], theirs[i]))) return;
    const last = p.steps[p.steps.length - 1];
    const op = `${last.call === "input" ? "input" : last.op!}${ours[i].error ? " (error)" : ""}`;
    if ((per_op.get(op) ?? 0) >= 5) return;
    per_op.set(op, (per_op.get(op) ?? 0) + 1);
    keep.push(i);
  });
  // layouts only matter to known differences: kept only where one was met, to keep the file small
  const strip = (r: Recorded): Recorded => ({ ...r, strides: undefined });
  const cases = keep.map((i) => {
    const torch = theirs[i];
    if (compare(programs[i], ours[i], torch).length) return { program: programs[i], torch };
    return {
      program: programs[i],
      torch: { ...torch, steps: torch.steps.map(strip), finals: torch.finals.map(strip) },
    };
  });
  writeFileSync(join(HERE, "cases.json"), JSON.stringify(cases) + "\n");
  console.log(`saved ${cases.length} cases to test/fuzz/cases.json`);
}
