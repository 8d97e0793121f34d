/**
 * Timing helpers: warm up, then the median of several timed rounds, in µs per call. `calls` is
 * the most calls to make in all; slow workloads (a large product on a slow backend) make fewer,
 * so that a measurement takes about WARM_MS + rounds * ROUND_MS whatever the speed.
 */
const WARM_MS = 500;
const ROUND_MS = 300;

export function median_us(calls: number, fn: () => unknown, rounds = 7): number {
  const now = () => Number(process.hrtime.bigint()) / 1e3;
  let t0 = now();
  fn();
  const first = now() - t0;
  const warm = Math.min(calls, 2000, Math.ceil((WARM_MS * 1e3) / Math.max(first, 1)));
  t0 = now();
  for (let i = 0; i < warm; i++) fn();
  const each = (now() - t0) / Math.max(warm, 1);
  const per_round = Math.max(
    1,
    Math.min(Math.floor(calls / rounds), Math.ceil((ROUND_MS * 1e3) / Math.max(each, 0.01))),
  );
  const samples: number[] = [];
  for (let r = 0; r < rounds; r++) {
    t0 = now();
    for (let i = 0; i < per_round; i++) fn();
    samples.push((now() - t0) / per_round);
  }
  samples.sort((p, q) => p - q);
  return samples[Math.floor(samples.length / 2)];
}

/** This process's peak resident memory so far, in MiB (the kernel's max RSS). */
export function peak_rss_mb(): number {
  return process.resourceUsage().maxRSS / 1024;
}

/** Prints a workload's one JSON line: its measurements, the backend that ran, its peak memory. */
export function report(values: Record<string, number | string>): void {
  console.log(JSON.stringify({ ...values, rss_mb: peak_rss_mb() }));
}
