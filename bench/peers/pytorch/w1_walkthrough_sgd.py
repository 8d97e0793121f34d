"""W1 walkthrough-sgd, PyTorch side: the same program as bench/workloads/w1_walkthrough_sgd.ts."""
import time

from timing import median_us, report, setup_threads
from w1_setup import walkthrough

setup_threads()
loader, model, criterion, optimizer = walkthrough()


def epoch():
    for xb, yb in loader:
        optimizer.zero_grad()
        criterion(model(xb), yb).backward()
        optimizer.step()


xb, yb = next(iter(loader))
criterion(model(xb), yb).backward()
optimizer.step()
assert abs(model.weight.item() - 0.26667) < 1e-5 and abs(model.bias.item() - 0.24) < 1e-5

# the walkthrough's 3000 epochs from a cold start; an epoch is 3 optimizer steps
t0 = time.perf_counter()
for _ in range(3000):
    epoch()
w1_run_us = (time.perf_counter() - t0) * 1e6 / 9000

# then the steady state: 3000 epochs in 5 rounds after a warm-up
report({"w1_step_us": median_us(3000, epoch, 5) / 3, "w1_run_us": w1_run_us})
