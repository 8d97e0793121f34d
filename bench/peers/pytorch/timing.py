"""Timing helpers of the PyTorch peers, as bench/timing.ts: warm up, then the median of several
timed rounds, in µs per call, each measurement time-boxed the same way."""
import math
import time


WARM_MS = 500
ROUND_MS = 300


def median_us(calls, fn, rounds=7):
    now = lambda: time.perf_counter_ns() / 1e3  # noqa: E731
    t0 = now()
    fn()
    first = now() - t0
    # warm up for WARM_MS of wall time, as bench/timing.ts does (see there why)
    warm = 0
    t0 = now()
    while True:
        fn()
        warm += 1
        if now() - t0 >= WARM_MS * 1e3 - first:
            break
    each = (now() - t0) / warm
    per_round = max(1, min(calls // rounds, math.ceil(ROUND_MS * 1e3 / max(each, 0.01))))
    samples = []
    for _ in range(rounds):
        t0 = now()
        for _ in range(per_round):
            fn()
        samples.append((now() - t0) / per_round)
    samples.sort()
    return samples[len(samples) // 2]


def setup_threads():
    """Runs PyTorch on the thread count the bench gives (BENCH_THREADS), as torch-ts runs."""
    import os

    import torch

    torch.set_num_threads(int(os.environ.get("BENCH_THREADS", "1")))


def report(values):
    """Prints a workload's one JSON line with this process's peak resident memory (MiB)."""
    import json
    import resource

    values = dict(values, rss_mb=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    print(json.dumps(values))
