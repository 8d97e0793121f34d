/**
 * torch.Generator and the default generator: an MT19937 engine, the 64-bit seed it was given,
 * and the one cached Box–Muller value of the scalar normal path (pytorch-rng.md §1, §3.2).
 *
 * get_state()/set_state() use PyTorch's 5056-byte layout (CPUGeneratorImplState, little-endian):
 *   0 u64 seed | 8 i32 left | 12 i32 seeded | 16 u64 next | 24 624 x u64 state words |
 *   5016 f64 normal_x, normal_y, normal_rho | 5040 i32 normal_is_valid | (4 bytes padding) |
 *   5048 f32 float normal | 5052 bool float normal valid | (3 bytes padding)
 * so a state saved by torch.get_rng_state() in Python restores here and the other way round.
 * The 5048-byte legacy layout (older PyTorch) is accepted by set_state as PyTorch does.
 *
 * seed() here is the only place in torch-ts allowed a non-deterministic source.
 */
import { DTYPES, int32, type DType } from "../dtype.js";
import type { Tensor } from "../tensor/tensor.js";
import { empty_tensor } from "../tensor/make.js";
import { check_cpu } from "../device.js";
import { MERSENNE_STATE_N, MT19937 } from "./mt19937.js";

/** PyTorch's seed of a fresh torch.Generator() (c10::detail::default_rng_seed_val). */
export const DEFAULT_RNG_SEED = 67280421310721n;
const STATE_SIZE = 5056;
const LEGACY_STATE_SIZE = 5048;
const U64_MASK = (1n << 64n) - 1n;

/**
 * The dtype of state tensors: uint8 (torch.ByteTensor) when torch-ts has it, else int32
 * holding the byte values 0..255 (docs/differences.md).
 */
function byte_dtype(): DType {
  // looked up among the dtypes there are (not as a named import, which bundlers flag as missing)
  return DTYPES.find((d) => String(d.name) === "uint8") ?? int32;
}

/** A seed as PyTorch's manual_seed reads it: an integer in [-2^63, 2^64), taken mod 2^64. */
export function seed_to_u64(seed: number | bigint): bigint {
  let s: bigint;
  if (typeof seed === "bigint") s = seed;
  else {
    if (!Number.isInteger(seed)) {
      throw new TypeError(`manual_seed expected a long, but got ${Number.isNaN(seed) ? "nan" : "float"}`);
    }
    s = BigInt(seed);
  }
  if (s < -(1n << 63n) || s > U64_MASK) throw new RangeError("Overflow when unpacking long");
  return s & U64_MASK;
}

/** 53 non-deterministic bits, so the seed survives the round trip through a JS number. */
function nondeterministic_seed(): number {
  const w = new Uint32Array(2);
  const c = (globalThis as { crypto?: { getRandomValues?(a: Uint32Array): Uint32Array } }).crypto;
  if (c?.getRandomValues) c.getRandomValues(w);
  else {
    // no Web Crypto: the only other permitted source of non-determinism in torch-ts
    w[0] = Math.floor(Math.random() * 2 ** 32);
    w[1] = Math.floor(Math.random() * 2 ** 32);
  }
  return (w[0] & 0x1fffff) * 2 ** 32 + w[1];
}

export class Generator {
  /** PyTorch's name for this class, which bundlers cannot rename (src/names.ts). */
  static readonly __name__: string = "Generator";
  /** @internal the twister */
  _engine = new MT19937();
  /** @internal the seed as PyTorch stores it (u64) */
  _seed: bigint = DEFAULT_RNG_SEED;
  /** @internal the second value of the last Box–Muller pair of the scalar normal path */
  _next_double_normal: number | null = null;
  /** @internal never set on CPU; kept so get_state/set_state round-trip PyTorch's bytes */
  _next_float_normal: number | null = null;

  constructor(device?: string | { device?: string }) {
    const d = typeof device === "object" ? device.device : device;
    if (d !== undefined) check_cpu(d, "Generator");
    this.manual_seed(DEFAULT_RNG_SEED);
  }

  get device(): string {
    return "cpu";
  }

  /** Seeds the generator (only the low 32 bits reach the twister, as in PyTorch); returns it. */
  manual_seed(seed: number | bigint): this {
    const s = seed_to_u64(seed);
    this._seed = s;
    this._engine.seed(Number(s & 0xffffffffn));
    this._next_double_normal = null;
    this._next_float_normal = null;
    return this;
  }

  /** Seeds from a non-deterministic source and returns that seed. */
  seed(): number {
    const s = nondeterministic_seed();
    this.manual_seed(s);
    return s;
  }

  /** The 64-bit seed last given (exact below 2^53; larger ones come back as the nearest double). */
  initial_seed(): number {
    return Number(this._seed);
  }

  /** The generator's state as PyTorch's 5056-byte torch.ByteTensor layout. */
  get_state(): Tensor {
    const bytes = new Uint8Array(STATE_SIZE);
    const v = new DataView(bytes.buffer);
    const e = this._engine;
    v.setBigUint64(0, this._seed, true);
    v.setInt32(8, e.left, true);
    v.setInt32(12, 1, true);
    v.setBigUint64(16, BigInt(e.next), true);
    for (let i = 0; i < MERSENNE_STATE_N; i++) v.setUint32(24 + 8 * i, e.state[i], true);
    if (this._next_double_normal !== null) {
      v.setFloat64(5024, this._next_double_normal, true);
      v.setInt32(5040, 1, true);
    }
    if (this._next_float_normal !== null) {
      v.setFloat32(5048, this._next_float_normal, true);
      bytes[5052] = 1;
    }
    const t = empty_tensor([STATE_SIZE], byte_dtype());
    t._storage.data.set(bytes);
    return t;
  }

  /** Restores a state from get_state() (or torch.get_rng_state() bytes); returns the generator. */
  set_state(new_state: Tensor): this {
    if (new_state.dtype !== byte_dtype()) throw new TypeError("RNG state must be a torch.ByteTensor");
    const n = new_state.numel();
    if (n !== STATE_SIZE && n !== LEGACY_STATE_SIZE) {
      throw new Error(
        `Expected either a CPUGeneratorImplStateLegacy of size ${LEGACY_STATE_SIZE} or a CPUGeneratorImplState of size ${STATE_SIZE} but found the input RNG state size to be ${n}`,
      );
    }
    const src = new_state.contiguous();
    const data = src._storage.data;
    const buf = new Uint8Array(n);
    for (let i = 0; i < n; i++) buf[i] = data[src._offset + i];
    const v = new DataView(buf.buffer);
    const left = v.getInt32(8, true);
    const seeded = v.getInt32(12, true);
    const next = v.getBigUint64(16, true);
    if (seeded === 0 || left <= 0 || left > MERSENNE_STATE_N || next > BigInt(MERSENNE_STATE_N)) {
      throw new Error("Invalid mt19937 state");
    }
    let double_normal: number | null = null;
    let float_normal: number | null = null;
    if (v.getInt32(5040, true) !== 0) {
      if (n === STATE_SIZE) double_normal = v.getFloat64(5024, true);
      else {
        // legacy layout: the cached value is rebuilt from (normal_x, normal_rho), sin branch
        const theta = 2.0 * Math.PI * v.getFloat64(5016, true);
        double_normal = v.getFloat64(5032, true) * Math.sin(theta);
      }
    }
    if (n === STATE_SIZE && buf[5052] !== 0) float_normal = v.getFloat32(5048, true);
    const e = this._engine;
    for (let i = 0; i < MERSENNE_STATE_N; i++) e.state[i] = v.getUint32(24 + 8 * i, true);
    e.left = left;
    e.next = Number(next);
    this._seed = v.getBigUint64(0, true);
    this._next_double_normal = double_normal;
    this._next_float_normal = float_normal;
    return this;
  }

  /** One 32-bit word of the stream (what every sampler draws from). */
  random(): number {
    return this._engine.random();
  }
  /** Two words as an unsigned 64-bit value, the first one high (e.g. DataLoader's base seed). */
  random64(): bigint {
    return this._engine.random64();
  }

  get [Symbol.toStringTag](): string {
    return "Generator";
  }
}

/** torch.default_generator: what every sampler uses when no `generator` is given. */
export const default_generator = new Generator();

/** The generator a sampler draws from. */
export function resolve_generator(generator?: Generator | null): Generator {
  return generator ?? default_generator;
}

/** torch.manual_seed(seed): seeds the default generator and returns it. */
export function manual_seed(seed: number | bigint): Generator {
  // torch.manual_seed does int(seed) first, so 1.5 seeds like 1
  return default_generator.manual_seed(typeof seed === "number" ? Math.trunc(seed) : seed);
}

/** torch.seed(): seeds the default generator non-deterministically and returns the seed. */
export function seed(): number {
  return default_generator.seed();
}

/** torch.initial_seed() */
export function initial_seed(): number {
  return default_generator.initial_seed();
}

/** torch.get_rng_state() */
export function get_rng_state(): Tensor {
  return default_generator.get_state();
}

/** torch.set_rng_state(new_state) */
export function set_rng_state(new_state: Tensor): void {
  default_generator.set_state(new_state);
}
