/**
 * Runs examples/walkthrough.ts (what `npm start` runs) and checks what it prints against
 * test/golden/walkthrough.json (gen_walkthrough.py: the same program in PyTorch): every batch's
 * gradients before and after zero_grad, loss repr, gradients and updated parameters to 4
 * decimals, the first epoch's table, the backward graph's nodes and edges, the convergence every
 * 50 epochs and after 300, and the refusal of the listing's 8 targets for 9 inputs.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { load_golden } from "./helpers/golden.js";

interface Batch {
  x: number[];
  y: number[];
  grad_before: (number | null)[];
  grad_after_zero_grad: (number | null)[];
  loss: number;
  loss_repr: string;
  grad: number[];
  weight: number;
  bias: number;
}
interface Fixture {
  batches: Batch[];
  backward_graph: { name: string; next: (string | null)[] }[];
  progress: { epoch: number; weight: number; bias: number; loss: number }[];
  final: { weight: number; bias: number };
  size_mismatch: { message: string };
}
const G = load_golden<Fixture>("walkthrough");
const SCRIPT = fileURLToPath(new URL("../examples/walkthrough.ts", import.meta.url));
const output = execFileSync(process.execPath, ["--import", "tsx", SCRIPT], { encoding: "utf8" });
const lines = output.split("\n");

const f4 = (v: number | null) => (v === null ? "null" : v.toFixed(4));
/** PyTorch prints 1.0 for a float; the example prints JS numbers: compare as numbers. */
const list = (v: number[]) => `[${v.join(", ")}]`;
function find(ls: string[], prefix: string): string {
  const l = ls.find((s) => s.trim().startsWith(prefix));
  assert.ok(l !== undefined, `a line starting with "${prefix}"`);
  return l.trim();
}

test("walkthrough: the listing's 8 targets for 9 inputs are refused with PyTorch's message", () => {
  const l = find(lines, "the listing's 8 targets for 9 inputs:");
  assert.match(l, new RegExp(G.size_mismatch.message));
});

test("walkthrough: every batch matches PyTorch to 4 decimals", () => {
  assert.equal(G.batches.length, 3);
  G.batches.forEach((b, i) => {
    const ls = lines.slice(lines.findIndex((l) => l.startsWith(`batch ${i + 1}:`)));
    assert.equal(ls[0], `batch ${i + 1}: xb = ${list(b.x)}, yb = ${list(b.y)}`);
    assert.equal(
      find(ls, "gradients before the update:"),
      `gradients before the update: dl/dw = ${f4(b.grad_before[0])}, dl/db = ${f4(b.grad_before[1])}`,
    );
    assert.equal(
      find(ls, "after optimizer.zero_grad():"),
      `after optimizer.zero_grad(): dl/dw = ${f4(b.grad_after_zero_grad[0])}, dl/db = ${f4(b.grad_after_zero_grad[1])}`,
    );
    // the loss prints exactly as PyTorch's repr
    assert.equal(find(ls, "loss ="), `loss = ${b.loss_repr}`);
    assert.equal(find(ls, "gradients:"), `gradients: dl/dw = ${f4(b.grad[0])}, dl/db = ${f4(b.grad[1])}`);
    assert.equal(find(ls, "updated:"), `updated: w = ${f4(b.weight)}, b = ${f4(b.bias)}`);
  });
});

test("walkthrough: the first epoch's table is walkthrough.md's, from PyTorch's values", () => {
  const start = lines.indexOf("| batch | dl/dw | dl/db | w after | b after | loss |");
  assert.ok(start >= 0);
  G.batches.forEach((b, i) => {
    assert.equal(
      lines[start + 2 + i],
      `| ${i + 1} | ${f4(b.grad[0])} | ${f4(b.grad[1])} | ${f4(b.weight)} | ${f4(b.bias)} | ${f4(b.loss)} |`,
    );
  });
});

test("walkthrough: the backward graph has PyTorch's nodes and edges", () => {
  const start = lines.findIndex((l) => l.includes("backward graph"));
  assert.ok(start >= 0);
  // tree lines: the name starts after the drawing characters; the depth is its indent / 4
  const nodes: { name: string; depth: number; children: string[] }[] = [];
  const stack: { name: string; depth: number; children: string[] }[] = [];
  for (const l of lines.slice(start + 1)) {
    const m = /^( {4}(?:[│ ] {3}|[├└]── )*)(\S.*)$/.exec(l);
    if (!m || l.trim() === "") break;
    const depth = Math.floor((m[1].length - 4) / 4);
    const name = m[2].replace(/ \(.*\)$/, "");
    while (stack.length > depth) stack.pop();
    if (stack.length) stack[stack.length - 1].children.push(name);
    const node = { name, depth, children: [] as string[] };
    if (name !== "null") nodes.push(node);
    stack.push(node);
  }
  const expected = G.backward_graph.map((n) => ({
    // 1.13 and 2.x name the C++ leaf node torch::autograd::AccumulateGrad; torch-ts: AccumulateGrad
    name: n.name.replace("torch::autograd::", ""),
    children: n.next.map((c) => (c === null ? "null" : c.replace("torch::autograd::", ""))),
  }));
  assert.deepEqual(
    nodes.map((n) => ({ name: n.name, children: n.children })),
    expected,
  );
  assert.ok(lines.some((l) => l.includes("AccumulateGrad (weight)")));
  assert.ok(lines.some((l) => l.includes("AccumulateGrad (bias)")));
});

test("walkthrough: training converges as PyTorch's (every 50 epochs and after 300)", () => {
  for (const p of G.progress) {
    const l = find(lines, `epoch ${p.epoch}:`);
    assert.equal(l, `epoch ${p.epoch}: w = ${f4(p.weight)}, b = ${f4(p.bias)}, loss = ${p.loss.toFixed(6)}`);
  }
  const m = /^after 300 epochs: w = (\S+), b = (\S+) /.exec(find(lines, "after 300 epochs:"));
  assert.ok(m);
  assert.ok(Math.abs(Number(m[1]) - G.final.weight) <= 5e-5, `w ${m[1]} vs ${G.final.weight}`);
  assert.ok(Math.abs(Number(m[2]) - G.final.bias) <= 5e-5, `b ${m[2]} vs ${G.final.bias}`);
  // walkthrough.md's numbers
  assert.equal(m[1], "2.00505");
  assert.equal(m[2], "9.96400");
});
