/**
 * Runs the benchmark workloads (docs of the shared definitions: W1-W5 and the Quickstart epoch)
 * for torch-ts on every backend this machine has, and in the same run for PyTorch and TF.js (cpu
 * and wasm), each workload in its own process, and prints one Markdown table: medians, the time
 * ratio torch-ts / PyTorch per backend (below 1: torch-ts is faster), and each process's peak
 * resident memory.
 *
 * Usage: npm run bench [-- W2 W3 ...] (a subset by id). PYTHON names the Python with torch
 * (default: the first of python3 and the system's that imports it); BENCH_THREADS the thread
 * count of every library (default: torch-ts's, the machine's cores). TF.js runs when bench's own
 * dev dependencies are installed (npm --prefix bench install, which `npm run bench` does).
 */
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { availableParallelism, cpus, loadavg } from "node:os";
import { fileURLToPath } from "node:url";
import * as torch from "../dist/index.js";

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

interface Row {
  id: string;
  label: string;
  file: string;
  key: string;
  /** "time": lower is better; "rate": higher is better (GFLOP/s, GB/s). */
  kind: "time" | "rate";
  /** torch-ts cannot run it yet: the reason, shown in its cells. */
  missing?: string;
}

const ROWS: Row[] = [
  {
    id: "W1",
    label: "W1 walkthrough SGD step (µs)",
    file: "w1_walkthrough_sgd",
    key: "w1_step_us",
    kind: "time",
  },
  {
    id: "W1",
    label: "W1 whole run, 3000 epochs from cold (µs/step)",
    file: "w1_walkthrough_sgd",
    key: "w1_run_us",
    kind: "time",
  },
  {
    id: "W2",
    label: "W2 MLP 784-256-10 train step (ms)",
    file: "w2_mlp_train",
    key: "w2_step_ms",
    kind: "time",
  },
  { id: "W3", label: "W3 sgemm n=128 (GFLOP/s)", file: "w3_gemm", key: "w3_gflops_128", kind: "rate" },
  { id: "W3", label: "W3 sgemm n=512 (GFLOP/s)", file: "w3_gemm", key: "w3_gflops_512", kind: "rate" },
  { id: "W3", label: "W3 sgemm n=1024 (GFLOP/s)", file: "w3_gemm", key: "w3_gflops_1024", kind: "rate" },
  {
    id: "W4",
    label: "W4 small CNN train step (ms)",
    file: "w4_cnn_train",
    key: "w4_step_ms",
    kind: "time",
  },
  { id: "W5", label: "W5a add, 3 elements (µs)", file: "w5_overhead", key: "w5a_add_us", kind: "time" },
  {
    id: "W5",
    label: "walkthrough loss fwd+bwd (µs)",
    file: "w5_overhead",
    key: "loss_fwd_bwd_us",
    kind: "time",
  },
  { id: "W5", label: "W5b a*b+c, 10^6 floats (GB/s)", file: "w5_overhead", key: "w5b_gbps", kind: "rate" },
  {
    id: "QS",
    label: "Quickstart MLP epoch, 938 steps (s)",
    file: "quickstart_epoch",
    key: "quickstart_epoch_s",
    kind: "time",
  },
];

type Result = Record<string, number> | null;
interface Runner {
  name: string;
  run(file: string): Result;
}

const threads = process.env.BENCH_THREADS ?? String(torch.get_num_threads());

/** Runs a workload process; its last stdout line is its JSON result (null when it failed). */
function run_json(cmd: string, args: string[], env: Record<string, string>): Result {
  const r = spawnSync(cmd, args, {
    encoding: "utf8",
    env: { ...process.env, BENCH_THREADS: threads, ...env },
    maxBuffer: 1 << 26,
  });
  const last = r.stdout?.trim().split("\n").pop() ?? "";
  if (r.status !== 0 || !last.startsWith("{")) {
    const errors = (r.stderr ?? "").split("\n").filter((l) => /^\s*\w*Error\b/.test(l));
    const why = errors.pop()?.trim() ?? `exit ${r.status}`;
    console.error(`  ${cmd} ${args.at(-1)}: failed (${why.slice(0, 200)})`);
    return null;
  }
  return JSON.parse(last) as Record<string, number>;
}

function find_python(): string | null {
  const candidates = process.env.PYTHON ? [process.env.PYTHON] : ["python3", "/usr/bin/python3"];
  for (const py of candidates) {
    try {
      execFileSync(py, ["-c", "import torch"], { stdio: "ignore" });
      return py;
    } catch {
      // not this one
    }
  }
  return null;
}

const tsx = (path: string, env: Record<string, string>) =>
  run_json(process.execPath, ["--import", "tsx", here(path)], env);

const runners: Runner[] = torch.list_backends().map((b) => ({
  name: `torch-ts ${b}`,
  run: (file) =>
    existsSync(here(`./workloads/${file}.ts`))
      ? tsx(`./workloads/${file}.ts`, { TORCH_TS_BACKEND: b })
      : null,
}));
const ours = runners.length;
const python = find_python();
if (python) {
  runners.push({
    name: "PyTorch",
    run: (file) => run_json(python, [here(`./peers/pytorch/${file}.py`)], {}),
  });
} else {
  console.error("PyTorch not found (apt-get install python3-torch, or set PYTHON): its column is empty");
}
if (existsSync(here("./node_modules/@tensorflow/tfjs"))) {
  for (const b of ["cpu", "wasm"]) {
    runners.push({ name: `TF.js ${b}`, run: (file) => tsx(`./peers/tfjs/${file}.ts`, { TFJS_BACKEND: b }) });
  }
} else {
  console.error("TF.js not installed (npm --prefix bench install): its columns are empty");
}

const wanted = process.argv.slice(2);
const rows = ROWS.filter((r) => wanted.length === 0 || wanted.includes(r.id));
const files = [...new Set(rows.map((r) => r.file))];
const results = new Map<string, Result>();
for (const file of files) {
  for (const [i, runner] of runners.entries()) {
    const row = rows.find((r) => r.file === file)!;
    console.error(`${file}: ${runner.name}`);
    results.set(`${runner.name}/${file}`, i < ours && row.missing ? null : runner.run(file));
  }
}

const fmt = (v: number | undefined) =>
  v === undefined
    ? ""
    : v >= 100
      ? v.toFixed(0)
      : v >= 10
        ? v.toFixed(1)
        : v >= 1
          ? v.toFixed(2)
          : v.toPrecision(2);
const pytorch = runners.find((r) => r.name === "PyTorch");
const ratio_heads = runners.slice(0, ours).map((r) => `${r.name.replace("torch-ts ", "")} / PyTorch`);
const lines = [
  `| workload | ${runners.map((r) => r.name).join(" | ")} | ${ratio_heads.join(" | ")} |`,
  `|---|${runners.map(() => "---:").join("|")}|${ratio_heads.map(() => "---:").join("|")}|`,
];
for (const row of rows) {
  const cells = runners.map((r, i) => {
    if (i < ours && row.missing) return `cannot run (${row.missing})`;
    const res = results.get(`${r.name}/${row.file}`);
    return res === null ? "failed (stderr above)" : fmt(res?.[row.key]);
  });
  const peer = pytorch && results.get(`PyTorch/${row.file}`)?.[row.key];
  const ratios = runners.slice(0, ours).map((r) => {
    const v = results.get(`${r.name}/${row.file}`)?.[row.key];
    if (v === undefined || !peer) return "";
    return (row.kind === "time" ? v / peer : peer / v).toFixed(2);
  });
  lines.push(`| ${row.label} | ${cells.join(" | ")} | ${ratios.join(" | ")} |`);
}
lines.push(
  "",
  `| peak RSS (MiB) | ${runners.map((r) => r.name).join(" | ")} |`,
  `|---|${runners.map(() => "---:").join("|")}|`,
);
for (const file of files) {
  const rss = runners.map((r) => fmt(results.get(`${r.name}/${file}`)?.rss_mb));
  lines.push(`| ${file} | ${rss.join(" | ")} |`);
}
const cpu = cpus()[0]?.model ?? "unknown CPU";
console.log(
  `${cpu}, ${availableParallelism()} cores, ${threads} thread(s) per library, load average ${loadavg()[0].toFixed(1)}; ` +
    `torch-ts backends: ${torch.list_backends().join(", ")} (blas: ${torch.backends.info().details.blas ?? "none"})\n`,
);
console.log(lines.join("\n"));
console.log(
  "\nratios are times (torch-ts / PyTorch; for GFLOP/s and GB/s, PyTorch's rate / torch-ts's): below 1 is faster",
);
