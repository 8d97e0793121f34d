/**
 * The shape checks CI runs (`npm run check:shape`): every source file within the line budget
 * (short files named for what they hold) unless the allow-list below says why not; no import
 * cycle among src files except the one that is inherent (tensor/tensor.ts imports the ops its
 * methods run, and the ops make Tensors); and docs/architecture.md's map of src/ matching the
 * tree (every folder listed, every file listed on its folder's line, nothing listed that is gone).
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const BUDGET = 400;
/** Files allowed past the budget, and why. Keep it short: split a file rather than add to it. */
const ALLOWED: Record<string, string> = {
  "src/nn/module.ts":
    "nn.Module is one class (registration, traversal, state_dict, hooks, repr), as PyTorch's",
  "src/autograd/define.ts": "defineOp and its in-place machinery are one unit every op goes through",
  "src/ops/shape/views.ts": "the primitive views and their backwards share the view bookkeeping",
  "src/nn/modules/container.ts": "Sequential, ModuleList and ModuleDict, one family of containers",
  "src/ops/shape/join_split.ts": "cat/stack and split/chunk/unbind, inverse pairs kept side by side",
  "src/ops/random/samplers.ts": "every public sampler over the one draw path, with PyTorch's argument forms",
  "src/optim/lr_scheduler/cyclic.ts":
    "CyclicLR and OneCycleLR; over by their options' docs (OneCycleLR may move out)",
};
/** The cycle every program has: the Tensor class imports the ops its methods and helpers use. */
const CYCLE_ROOT = "src/tensor/tensor.ts";

const problems: string[] = [];

function walk(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (name.endsWith(".ts")) out.push(relative(root, p));
  }
  return out;
}
const files = walk(join(root, "src"));

// ---- file length
for (const f of files) {
  const lines = readFileSync(join(root, f), "utf8").split("\n").length - 1;
  if (lines > BUDGET && !(f in ALLOWED)) {
    problems.push(
      `${f}: ${lines} lines, over the ${BUDGET}-line budget (split it, or add it to ALLOWED with a reason)`,
    );
  }
}
for (const f of Object.keys(ALLOWED))
  if (!files.includes(f)) problems.push(`ALLOWED lists ${f}, which does not exist`);

// ---- import cycles (value imports only: `import type` has no run-time order)
const graph = new Map<string, string[]>();
for (const f of files) {
  const text = readFileSync(join(root, f), "utf8");
  const deps: string[] = [];
  for (const m of text.matchAll(/^(import|export)\s+(type\s+)?[^;]*?from\s+"(\.[^"]+)"/gms)) {
    if (m[2] || f === CYCLE_ROOT) continue;
    deps.push(relative(root, resolve(dirname(join(root, f)), m[3].replace(/\.js$/, ".ts"))));
  }
  graph.set(f, deps);
}
const state = new Map<string, "open" | "done">();
function visit(f: string, path: string[]): void {
  if (state.get(f) === "done") return;
  if (state.get(f) === "open") {
    problems.push(`import cycle: ${[...path.slice(path.indexOf(f)), f].join(" -> ")}`);
    return;
  }
  state.set(f, "open");
  for (const d of graph.get(f) ?? []) visit(d, [...path, f]);
  state.set(f, "done");
}
for (const f of files) visit(f, []);

// ---- docs/architecture.md's map of src/
const doc = readFileSync(join(root, "docs/architecture.md"), "utf8");
const block = /```text\n(src\/[\s\S]*?)```/.exec(doc);
if (!block) {
  problems.push("docs/architecture.md: no ```text block starting with src/ (the map of the tree)");
} else {
  const listed = new Map<string, string>(); // folder -> its text
  let current = "";
  for (const line of block[1].split("\n")) {
    const m = /^(src\/(?:[\w.]+\/)*)\s/.exec(line + " ");
    if (m) {
      current = m[1].replace(/\/$/, "");
      listed.set(current, (listed.get(current) ?? "") + line.slice(m[1].length));
    } else if (current) listed.set(current, listed.get(current) + " " + line);
  }
  const folders = new Set(files.map((f) => dirname(f)));
  for (const d of folders)
    if (!listed.has(d)) problems.push(`docs/architecture.md: folder ${d}/ is not listed`);
  for (const [d, text] of listed) {
    if (!folders.has(d)) problems.push(`docs/architecture.md: lists ${d}/, which has no source files`);
    const names = new Set([...text.matchAll(/\b([\w]+\.ts)\b/g)].map((m) => m[1]));
    for (const n of names)
      if (!files.includes(`${d}/${n}`)) problems.push(`docs/architecture.md: ${d}/${n} does not exist`);
    for (const f of files)
      if (dirname(f) === d && !names.has(f.slice(d.length + 1))) {
        problems.push(`docs/architecture.md: ${f} is not listed on ${d}/'s line`);
      }
  }
}

if (problems.length > 0) {
  console.error(problems.join("\n"));
  process.exit(1);
}
console.log(
  `shape ok: ${files.length} files, each within ${BUDGET} lines or allowed; no import cycle beyond Tensor<->ops; architecture.md matches src/`,
);
