"""W1 by phase, PyTorch side: the twin of bench/w1_phases.ts (wall µs per phase, CPU µs per step)."""
import json
import time

from timing import setup_threads
from w1_setup import walkthrough

setup_threads()
loader, model, criterion, optimizer = walkthrough()
phases = ["batching", "forward", "backward", "step", "zero_grad"]
now = lambda: time.perf_counter() * 1e6  # noqa: E731


def run(epochs):
    wall = [0.0] * 5
    steps = 0
    c0 = time.process_time()
    t0 = now()
    for _ in range(epochs):
        it = iter(loader)
        while True:
            t = now()
            try:
                xb, yb = next(it)
            except StopIteration:
                wall[0] += now() - t
                break
            wall[0] += now() - t
            t = now()
            loss = criterion(model(xb), yb)
            wall[1] += now() - t
            t = now()
            loss.backward()
            wall[2] += now() - t
            t = now()
            optimizer.step()
            wall[3] += now() - t
            t = now()
            optimizer.zero_grad()
            wall[4] += now() - t
            steps += 1
    total = now() - t0
    cpu = (time.process_time() - c0) * 1e6
    return [w / steps for w in wall], cpu / steps, total / steps


run(300)
rounds = sorted((run(600) for _ in range(5)), key=lambda r: r[2])
wall, cpu, total = rounds[2]
out = {"backend": "pytorch", **{p: round(w, 2) for p, w in zip(phases, wall)}}
out["step_wall"] = round(total, 2)
out["step_cpu"] = round(cpu, 2)
print(json.dumps(out))
