/**
 * Runs each benchmark for torch-ts and for PyTorch (when the Python named by $PYTHON, python3 by
 * default, has torch) in the same run, and prints medians with the ratio torch-ts / PyTorch
 * (below 1: torch-ts is faster).
 * Usage: npm run bench, or PYTHON=path/to/python npm run bench
 */
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

function run_json(cmd: string, args: string[]): Record<string, number> | null {
  try {
    const out = execFileSync(cmd, args, { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] });
    return JSON.parse(out.trim().split("\n").pop() ?? "null") as Record<string, number>;
  } catch {
    return null;
  }
}

const tsx = (f: string) => run_json(process.execPath, ["--import", "tsx", here(f)]);
const python = process.env.PYTHON ?? "python3";
const py = (f: string) => run_json(python, [here(f)]);
const workloads = ["overhead", "w1_walkthrough_sgd", "w2_mlp_train"];
const merged = (results: (Record<string, number> | null)[]) =>
  Object.assign({}, ...results) as Record<string, number>;
const ours = merged(workloads.map((w) => tsx(`./workloads/${w}.ts`)));
const peer = py("./peers/pytorch/overhead.py");
const torch = peer ? merged([peer, ...workloads.slice(1).map((w) => py(`./peers/pytorch/${w}.py`))]) : null;
for (const key of ["add_us", "w1_step_us", "w2_step_ms"]) {
  if (ours[key] === undefined) throw new Error(`a torch-ts workload failed (no ${key})`);
}

console.log(`${"workload".padEnd(40)}torch-ts      PyTorch    ratio`);
for (const [key, label] of [
  ["add_us", "add, 3 elements (µs)"],
  ["loss_fwd_bwd_us", "walkthrough fwd+bwd (µs)"],
  ["w1_step_us", "W1 SGD step, nn+optim+DataLoader (µs)"],
  ["w2_step_ms", "W2 MLP 784-256-10 train step (ms)"],
] as const) {
  const t = torch?.[key];
  const o = ours[key];
  console.log(
    `${label.padEnd(40)}${o.toFixed(2).padStart(8)}${t === undefined ? "         n/a" : t.toFixed(2).padStart(13)}${t === undefined ? "" : (o / t).toFixed(2).padStart(9)}`,
  );
}
if (!torch) console.log(`(PyTorch not found in ${python}: apt-get install python3-torch, or set PYTHON)`);
