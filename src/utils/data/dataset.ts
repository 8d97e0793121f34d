/**
 * Datasets (torch/utils/data/dataset.py): the map-style `Dataset` (`len()` and `getitem(i)`,
 * PyTorch's `__len__` and `__getitem__`), `IterableDataset`, and the standard combinators
 * TensorDataset, Subset, ConcatDataset and random_split.
 */
import type { Tensor } from "../../tensor/tensor.js";
import { Generator, default_generator } from "../../random/generator.js";
import { check_options } from "../../tensor/args.js";
import { randperm } from "../../ops/random/samplers.js";
import { class_name } from "../../names.js";

/** A map-style dataset: samples by index. Subclass it and define getitem (and len). */
export abstract class Dataset<T = unknown> {
  /** PyTorch's name for this class, which bundlers cannot rename (src/names.ts). */
  static readonly __name__: string = "Dataset";
  /** The sample at index, PyTorch's `__getitem__` (`dataset[i]`). */
  abstract getitem(index: number): T;
  /** Map-style datasets used by samplers must have a length (PyTorch's `__len__`). */
  len(): number {
    throw new TypeError(`object of type '${class_name(this)}' has no len()`);
  }
  /** `dataset + other` in PyTorch: the two datasets one after the other. */
  add(other: Dataset<T>): ConcatDataset<T> {
    return new ConcatDataset([this, other]);
  }
}

/** A dataset read by iteration (PyTorch's IterableDataset): define [Symbol.iterator]. */
export abstract class IterableDataset<T = unknown> implements Iterable<T> {
  /** PyTorch's name for this class, which bundlers cannot rename (src/names.ts). */
  static readonly __name__: string = "IterableDataset";
  /** The samples, in order, PyTorch's `__iter__`. */
  abstract [Symbol.iterator](): Iterator<T>;
}

/** Samples are the i-th rows of each tensor; all tensors must share their first dimension. */
export class TensorDataset extends Dataset<Tensor[]> {
  static override readonly __name__: string = "TensorDataset";
  readonly tensors: Tensor[];
  constructor(...tensors: Tensor[]) {
    super();
    // PyTorch: assert all(tensors[0].size(0) == tensor.size(0) for tensor in tensors)
    const first = (t: Tensor) => {
      if (t.dim() === 0) throw new Error("TensorDataset: a 0-d tensor has no first dimension to index");
      return t.shape[0];
    };
    if (tensors.length > 0 && tensors.some((t) => first(t) !== first(tensors[0]))) {
      throw new Error(
        `Size mismatch between tensors: the first dimensions are ${tensors.map((t) => t.shape[0]).join(" and ")}, they must be equal`,
      );
    }
    this.tensors = tensors;
  }
  /** `[t[index] for t of tensors]`: one slice of each tensor. */
  getitem(index: number): Tensor[] {
    return this.tensors.map((t) => t.select(0, index));
  }
  override len(): number {
    if (this.tensors.length === 0) throw new Error("TensorDataset of no tensors has no len()");
    return this.tensors[0].shape[0];
  }
}

/** The samples of `dataset` at `indices`, in that order. */
export class Subset<T = unknown> extends Dataset<T> {
  static override readonly __name__: string = "Subset";
  constructor(
    readonly dataset: Dataset<T>,
    readonly indices: readonly number[],
  ) {
    super();
  }
  /** dataset.getitem(indices[index]). */
  getitem(index: number): T {
    // a Python list index: negative counts from the end
    const i = index < 0 ? index + this.indices.length : index;
    if (!Number.isInteger(i) || i < 0 || i >= this.indices.length)
      throw new RangeError("list index out of range");
    return this.dataset.getitem(this.indices[i]);
  }
  override len(): number {
    return this.indices.length;
  }
}

/** Several datasets one after the other. */
export class ConcatDataset<T = unknown> extends Dataset<T> {
  static override readonly __name__: string = "ConcatDataset";
  readonly datasets: Dataset<T>[];
  readonly cumulative_sizes: number[];
  constructor(datasets: Iterable<Dataset<T>>) {
    super();
    this.datasets = [...datasets];
    if (this.datasets.length === 0) throw new Error("datasets should not be an empty iterable");
    for (const d of this.datasets as unknown[]) {
      if (d instanceof IterableDataset) throw new Error("ConcatDataset does not support IterableDataset");
    }
    let acc = 0;
    this.cumulative_sizes = this.datasets.map((d) => (acc += d.len()));
  }
  override len(): number {
    return this.cumulative_sizes[this.cumulative_sizes.length - 1];
  }
  /** The sample at index counting through the datasets in order (negative counts from the end). */
  getitem(index: number): T {
    const n = this.len();
    if (index < 0) {
      if (-index > n) throw new RangeError("absolute value of index should not exceed dataset length");
      index += n;
    }
    // bisect_right over the cumulative sizes, as PyTorch (an index past the end fails in the last dataset)
    let lo = 0;
    let hi = this.cumulative_sizes.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.cumulative_sizes[mid] <= index) lo = mid + 1;
      else hi = mid;
    }
    if (lo === this.datasets.length) throw new RangeError("list index out of range");
    const start = lo === 0 ? 0 : this.cumulative_sizes[lo - 1];
    return this.datasets[lo].getitem(index - start);
  }
}

/** math.isclose(a, b) with Python's default rel_tol=1e-9. */
function is_close(a: number, b: number): boolean {
  return a === b || Math.abs(a - b) <= 1e-9 * Math.max(Math.abs(a), Math.abs(b));
}

/**
 * Splits a dataset into non-overlapping subsets of the given lengths, or of fractions summing
 * to 1 (each floored, the remainder then handed out one by one to the first subsets, as
 * PyTorch does). The order is `randperm(total, generator)`, so it is PyTorch's split for the
 * same seed. `generator` may be given positionally or as `{ generator }`.
 */
export function random_split<T>(
  dataset: Dataset<T>,
  lengths: readonly number[],
  generator: Generator | { generator?: Generator | null } | null = default_generator,
): Subset<T>[] {
  if (generator !== null && !(generator instanceof Generator)) {
    check_options("random_split", generator, ["generator"]);
  }
  const gen = generator instanceof Generator ? generator : (generator?.generator ?? default_generator);
  const n = dataset.len();
  let sizes = lengths.slice();
  const total = lengths.reduce((a, b) => a + b, 0);
  if (is_close(total, 1) && total <= 1) {
    sizes = lengths.map((frac, i) => {
      if (frac < 0 || frac > 1) throw new Error(`Fraction at index ${i} is not between 0 and 1`);
      return Math.floor(n * frac);
    });
    const remainder = n - sizes.reduce((a, b) => a + b, 0);
    for (let i = 0; i < remainder; i++) sizes[i % sizes.length] += 1;
    sizes.forEach((len, i) => {
      if (len === 0)
        console.warn(`Length of split at index ${i} is 0. This might result in an empty dataset.`);
    });
  }
  if (sizes.reduce((a, b) => a + b, 0) !== n) {
    throw new Error("Sum of input lengths does not equal the length of the input dataset!");
  }
  const perm = randperm(n, { generator: gen }).tolist() as number[];
  let offset = 0;
  return sizes.map((len) => {
    const s = new Subset(dataset, perm.slice(offset, offset + len));
    offset += len;
    return s;
  });
}
