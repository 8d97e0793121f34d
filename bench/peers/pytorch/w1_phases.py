"""W1 by phase, PyTorch side: the twin of bench/w1_phases.ts (wall µs per phase, CPU µs per step)."""
import json
import os
import sys
import time

sys.path.insert(0, os.path.dirname(__file__))
import torch
from torch import nn, optim
from torch.utils.data import DataLoader, TensorDataset

from timing import setup_threads

setup_threads()


class SimpleModel(nn.Module):
    def __init__(self):
        super().__init__()
        self.weight = nn.Parameter(torch.zeros(1))
        self.bias = nn.Parameter(torch.zeros(1))

    def forward(self, xb):
        return xb * self.weight + self.bias


x = torch.arange(0, 9).float()
y = x * 2 + 10
loader = DataLoader(TensorDataset(x, y), batch_size=3)
model = SimpleModel()
criterion = nn.MSELoss()
optimizer = optim.SGD(model.parameters(), lr=0.01)
phases = ["batching", "forward", "backward", "step", "zero_grad"]
now = lambda: time.perf_counter() * 1e6


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
