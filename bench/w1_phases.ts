/**
 * W1 by phase: the walkthrough's training step (bench/workloads/w1_walkthrough_sgd.ts) split into
 * batching, forward, backward, step and zero_grad, each phase's wall µs per step, and the
 * process's CPU µs per step (user + system, all threads: a backend that wakes threads for tiny
 * work shows CPU time above wall time). Usage: TORCH_TS_BACKEND=wasm tsx bench/w1_phases.ts; its
 * PyTorch twin is bench/peers/pytorch/w1_phases.py.
 */
import { torch } from "./workloads/torch.js";
import { walkthrough } from "./workloads/w1_setup.js";

const { loader, model, criterion, optimizer } = walkthrough();

const phases = ["batching", "forward", "backward", "step", "zero_grad"] as const;
const now = () => performance.now() * 1e3;

function run(epochs: number): { wall: number[]; cpu: number; total: number; steps: number } {
  const wall = phases.map(() => 0);
  let steps = 0;
  const c0 = process.cpuUsage();
  const t0 = now();
  for (let e = 0; e < epochs; e++) {
    const it = loader[Symbol.iterator]();
    for (;;) {
      let t = now();
      const r = it.next();
      wall[0] += now() - t;
      if (r.done) break;
      const [xb, yb] = r.value;
      t = now();
      const loss = criterion(model(xb), yb);
      wall[1] += now() - t;
      t = now();
      loss.backward();
      wall[2] += now() - t;
      t = now();
      optimizer.step();
      wall[3] += now() - t;
      t = now();
      optimizer.zero_grad();
      wall[4] += now() - t;
      steps++;
    }
  }
  const total = now() - t0;
  const c = process.cpuUsage(c0);
  return { wall: wall.map((w) => w / steps), cpu: (c.user + c.system) / steps, total: total / steps, steps };
}

run(2000);
const rounds = [1, 2, 3, 4, 5].map(() => run(3000));
rounds.sort((a, b) => a.total - b.total);
const m = rounds[2];
const out: Record<string, string | number> = { backend: torch.get_backend() };
phases.forEach((p, i) => (out[p] = +m.wall[i].toFixed(2)));
out.step_wall = +m.total.toFixed(2);
out.step_cpu = +m.cpu.toFixed(2);
console.log(JSON.stringify(out));
