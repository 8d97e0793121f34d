/** Timing helpers: warm up, then the median of several timed rounds, in µs per call. */
export function median_us(calls: number, fn: () => unknown, rounds = 7): number {
  for (let i = 0; i < Math.min(calls, 2000); i++) fn();
  const per_round = Math.max(1, Math.floor(calls / rounds));
  const samples: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < per_round; i++) fn();
    samples.push(Number(process.hrtime.bigint() - t0) / 1e3 / per_round);
  }
  samples.sort((p, q) => p - q);
  return samples[Math.floor(samples.length / 2)];
}
