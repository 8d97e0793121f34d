/**
 * Timing helpers: warm up, then the median of several timed rounds, in µs per call. `calls` is
 * the most calls per measurement; slow workloads (a large product on a slow backend) make fewer,
 * so that a measurement takes about WARM_MS + rounds * ROUND_MS whatever the speed.
 *
 * The warm-up runs for WARM_MS of wall time, not for a count estimated from the first call: a
 * first call is slow in every JIT-compiled runtime (V8 compiles a hot function only after
 * thousands of calls), so a count derived from it would stop warming long before the code is
 * optimized, and the rounds would time the compiler. PyTorch's side warms up the same way.
 */
const WARM_MS = 500;
const ROUND_MS = 300;

export function median_us(calls: number, fn: () => unknown, rounds = 7): number {
  const now = () => Number(process.hrtime.bigint()) / 1e3;
  let t0 = now();
  fn();
  const first = now() - t0;
  let warm = 0;
  t0 = now();
  do {
    fn();
    warm++;
  } while (now() - t0 < WARM_MS * 1e3 - first);
  const each = (now() - t0) / warm;
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
