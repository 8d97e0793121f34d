/**
 * The 32-bit Mersenne Twister (MT19937) exactly as PyTorch's CPU generator runs it
 * (aten/src/ATen/core/MT19937RNGEngine.h): textbook `init_genrand` seeding, a full twist of the
 * 624-word state when `left` runs out, and the standard tempering. `left` and `next` follow
 * PyTorch's bookkeeping so that torch.get_rng_state() bytes match: after seeding left = 1,
 * next = 0, and the first word triggers the twist.
 *
 * Every sampler takes its words through `random()` (one word) or `random64()` (two words, the
 * first one the HIGH half); nothing else reads the state.
 */

export const MERSENNE_STATE_N = 624;
const M = 397;
const MATRIX_A = 0x9908b0df;
const UMASK = 0x80000000;
const LMASK = 0x7fffffff;

export class MT19937 {
  /** the 624 state words */
  readonly state = new Uint32Array(MERSENNE_STATE_N);
  /** words left before the next twist, plus one (PyTorch's `left_`) */
  left = 1;
  /** index of the next word to temper (PyTorch's `next_`) */
  next = 0;

  constructor(seed = 5489) {
    this.seed(seed);
  }

  /** init_genrand with the low 32 bits of `seed` (a uint32 number). */
  seed(seed: number): void {
    const s = this.state;
    s[0] = seed >>> 0;
    for (let i = 1; i < MERSENNE_STATE_N; i++) {
      const x = s[i - 1];
      s[i] = (Math.imul(1812433253, x ^ (x >>> 30)) + i) >>> 0;
    }
    this.left = 1;
    this.next = 0;
  }

  /** Regenerates all 624 words (PyTorch's next_state). */
  private twist(): void {
    const s = this.state;
    let k = 0;
    for (; k < MERSENNE_STATE_N - M; k++) {
      const y = (s[k] & UMASK) | (s[k + 1] & LMASK);
      s[k] = s[k + M] ^ (y >>> 1) ^ (s[k + 1] & 1 ? MATRIX_A : 0);
    }
    for (; k < MERSENNE_STATE_N - 1; k++) {
      const y = (s[k] & UMASK) | (s[k + 1] & LMASK);
      s[k] = s[k + M - MERSENNE_STATE_N] ^ (y >>> 1) ^ (s[k + 1] & 1 ? MATRIX_A : 0);
    }
    const y = (s[k] & UMASK) | (s[0] & LMASK);
    s[k] = s[M - 1] ^ (y >>> 1) ^ (s[0] & 1 ? MATRIX_A : 0);
    this.left = MERSENNE_STATE_N;
    this.next = 0;
  }

  /** One tempered 32-bit word, as a non-negative number. */
  random(): number {
    if (--this.left === 0) this.twist();
    let y = this.state[this.next++];
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y >>> 0;
  }

  /** Two words as a 64-bit value: (first << 32) | second. BigInt: only for 64-bit ranges. */
  random64(): bigint {
    const hi = this.random();
    const lo = this.random();
    return (BigInt(hi) << 32n) | BigInt(lo);
  }

  /** Whether a state read back from bytes is one PyTorch would accept (mt19937::is_valid). */
  is_valid(): boolean {
    return this.left > 0 && this.left <= MERSENNE_STATE_N && this.next <= MERSENNE_STATE_N;
  }
}
