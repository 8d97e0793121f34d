/**
 * Samplers (torch/utils/data/sampler.py): iterables of dataset indices. They are lazy
 * generators, like PyTorch's, so random draws happen at the same moments: RandomSampler draws
 * its seed at the first index (not when iteration starts) and its last, discarded randperm
 * when it is exhausted; SubsetRandomSampler and WeightedRandomSampler draw at the first index.
 * That keeps the default generator's stream equal to PyTorch's across epochs
 * (pytorch-rng.md §5, §8).
 */
import type { Tensor } from "../../tensor/tensor.js";
import { Generator, default_generator } from "../../random/generator.js";
import { randint, randperm } from "../../ops/random/samplers.js";
import { multinomial } from "../../ops/random/multinomial.js";
import { tensor } from "../../tensor/factory.js";
import { kwargs } from "../../tensor/args.js";
import { float64 } from "../../dtype.js";
import { class_name } from "../../names.js";

/** Anything with a length: a map-style dataset, a sampler. */
export interface Sized {
  /** The length, Python's `len(x)`. */
  len(): number;
}

/** The base of samplers: an iterable of indices (or of index lists, for batch samplers). */
export abstract class Sampler<T = number> implements Iterable<T> {
  /** PyTorch's name for this class, which bundlers cannot rename (src/names.ts). */
  static readonly __name__: string = "Sampler";
  /** The indices of one epoch (or batches of indices, for a batch sampler). */
  abstract [Symbol.iterator](): Iterator<T>;
  /** The number of indices per epoch; throws for samplers without one, as PyTorch's TypeError. */
  len(): number {
    throw new TypeError(`object of type '${class_name(this)}' has no len()`);
  }
}

function check_positive_int(name: string, v: unknown): void {
  if (typeof v !== "number" || !Number.isInteger(v) || v <= 0) {
    throw new Error(`${name} should be a positive integer value, but got ${name}=${String(v)}`);
  }
}

function check_bool(name: string, v: unknown, error: new (m: string) => Error = Error): void {
  if (typeof v !== "boolean")
    throw new error(`${name} should be a boolean value, but got ${name}=${String(v)}`);
}

/** 0, 1, ..., len(data_source) - 1. */
export class SequentialSampler extends Sampler<number> {
  static override readonly __name__: string = "SequentialSampler";
  constructor(readonly data_source: Sized) {
    super();
  }
  /** 0, 1, ..., len(data_source) - 1. */
  *[Symbol.iterator](): Iterator<number> {
    const n = this.data_source.len();
    for (let i = 0; i < n; i++) yield i;
  }
  /** len(data_source). */
  override len(): number {
    return this.data_source.len();
  }
}

/**
 * Keyword arguments of {@link RandomSampler}: sampling with replacement, how many samples per epoch, and
 * the generator (a fresh seed from the default generator when null).
 */
export interface RandomSamplerOptions {
  replacement?: boolean;
  num_samples?: number | null;
  generator?: Generator | null;
}

/**
 * Random indices: a permutation per len(data_source) samples (the last one cut short), or with
 * replacement, randint draws in chunks of 32. Without a generator, a private one is seeded at
 * the first index from a 63-bit draw of the default generator, as PyTorch does.
 */
export class RandomSampler extends Sampler<number> {
  static override readonly __name__: string = "RandomSampler";
  readonly replacement: boolean;
  readonly generator: Generator | null;
  private readonly _num_samples: number | null;
  /** RandomSampler(data_source, replacement=False, num_samples=None, generator=None) */
  constructor(
    readonly data_source: Sized,
    ...args: (boolean | number | Generator | null | undefined | RandomSamplerOptions)[]
  ) {
    super();
    const options = kwargs<Required<RandomSamplerOptions>>("RandomSampler", args, [
      "replacement",
      "num_samples",
      "generator",
    ]);
    this.replacement = options.replacement ?? false;
    this.generator = options.generator ?? null;
    this._num_samples = options.num_samples ?? null;
    check_bool("replacement", this.replacement, TypeError);
    check_positive_int("num_samples", this.num_samples);
  }
  /** The samples per iteration: num_samples if given, else len(data_source) (read each time). */
  get num_samples(): number {
    return this._num_samples ?? this.data_source.len();
  }
  /**
   * One epoch of random indices: a permutation, or independent draws with replacement; the same sequence as
   * PyTorch's for the same generator state.
   */
  *[Symbol.iterator](): Iterator<number> {
    const n = this.data_source.len();
    let generator = this.generator;
    if (generator === null) {
      // seed = int(torch.empty((), dtype=torch.int64).random_().item())
      const seed = default_generator.random64() & 0x7fffffffffffffffn;
      generator = new Generator().manual_seed(seed);
    }
    const total = this.num_samples;
    if (this.replacement) {
      for (let i = 0; i < Math.floor(total / 32); i++) {
        yield* randint(n, [32], { generator }).tolist() as number[];
      }
      yield* randint(n, [total % 32], { generator }).tolist() as number[];
    } else {
      for (let i = 0; i < Math.floor(total / n); i++) yield* randperm(n, { generator }).tolist() as number[];
      // drawn even when total % n is 0, once the permutations above are used up
      yield* (randperm(n, { generator }).tolist() as number[]).slice(0, total % n);
    }
  }
  /** num_samples. */
  override len(): number {
    return this.num_samples;
  }
}

/** The given indices in a random order: randperm(len(indices)), drawn at the first index. */
export class SubsetRandomSampler extends Sampler<number> {
  static override readonly __name__: string = "SubsetRandomSampler";
  readonly generator: Generator | null;
  /** SubsetRandomSampler(indices, generator=None) */
  constructor(
    readonly indices: readonly number[],
    ...args: [generator?: Generator | null] | [options: { generator?: Generator | null }]
  ) {
    super();
    this.generator =
      kwargs<{ generator: Generator | null }>("SubsetRandomSampler", args, ["generator"]).generator ?? null;
  }
  /** The given indices in a random order. */
  *[Symbol.iterator](): Iterator<number> {
    const perm = randperm(this.indices.length, { generator: this.generator }).tolist() as number[];
    for (const i of perm) yield this.indices[i];
  }
  /** The number of indices. */
  override len(): number {
    return this.indices.length;
  }
}

/**
 * Indices 0..len(weights)-1 drawn with probabilities proportional to `weights` (made float64
 * as PyTorch does): torch.multinomial(weights, num_samples, replacement, generator).
 */
export class WeightedRandomSampler extends Sampler<number> {
  static override readonly __name__: string = "WeightedRandomSampler";
  readonly weights: Tensor;
  readonly num_samples: number;
  readonly replacement: boolean;
  readonly generator: Generator | null;
  /** WeightedRandomSampler(weights, num_samples, replacement=True, generator=None) */
  constructor(
    weights: Tensor | readonly number[],
    num_samples: number,
    ...args: (
      boolean | Generator | null | undefined | { replacement?: boolean; generator?: Generator | null }
    )[]
  ) {
    super();
    const options = kwargs<{ replacement: boolean; generator: Generator | null }>(
      "WeightedRandomSampler",
      args,
      ["replacement", "generator"],
    );
    const replacement = options.replacement ?? true;
    check_positive_int("num_samples", num_samples);
    check_bool("replacement", replacement);
    // torch.as_tensor(weights, dtype=torch.double)
    const w = Array.isArray(weights) ? tensor(weights as number[], { dtype: float64 }) : (weights as Tensor);
    if (w.dim() !== 1) {
      throw new Error(`weights should be a 1d sequence but given weights have shape (${w.shape.join(", ")})`);
    }
    this.weights = w.to(float64);
    this.num_samples = num_samples;
    this.replacement = replacement;
    this.generator = options.generator ?? null;
  }
  /** num_samples indices drawn with probabilities proportional to weights (torch.multinomial). */
  *[Symbol.iterator](): Iterator<number> {
    const idx = multinomial(this.weights, this.num_samples, this.replacement, { generator: this.generator });
    yield* idx.tolist() as number[];
  }
  /** num_samples. */
  override len(): number {
    return this.num_samples;
  }
}

/** Groups a sampler's indices into lists of batch_size (the last one shorter unless drop_last). */
export class BatchSampler extends Sampler<number[]> {
  static override readonly __name__: string = "BatchSampler";
  constructor(
    readonly sampler: Iterable<number>,
    readonly batch_size: number,
    readonly drop_last: boolean,
  ) {
    super();
    check_positive_int("batch_size", batch_size);
    check_bool("drop_last", drop_last);
  }
  /** The sampler's indices grouped into lists of batch_size (the last one shorter unless drop_last). */
  *[Symbol.iterator](): Iterator<number[]> {
    // like PyTorch's, this pulls one index past the last full batch, which is what makes an
    // exhausted RandomSampler draw its final randperm
    let batch: number[] = [];
    for (const idx of this.sampler) {
      batch.push(idx);
      if (batch.length === this.batch_size) {
        yield batch;
        batch = [];
      }
    }
    if (batch.length > 0 && !this.drop_last) yield batch;
  }
  /** The number of batches per epoch. */
  override len(): number {
    const n = sized_len(this.sampler);
    return this.drop_last ? Math.floor(n / this.batch_size) : Math.ceil(n / this.batch_size);
  }
}

/** len(x) for a sampler or dataset: its len() method, or the length of an array. */
export function sized_len(s: unknown): number {
  if (Array.isArray(s)) return s.length;
  const len = (s as Partial<Sized> | null)?.len;
  if (typeof len !== "function") {
    throw new TypeError(`object of type '${(s as object)?.constructor?.name ?? typeof s}' has no len()`);
  }
  return len.call(s);
}
