/**
 * DataLoader (torch/utils/data/dataloader.py): sampler -> batch sampler -> fetch -> collate,
 * iterated with `for ... of`. Loading runs in the calling thread (num_workers is accepted and
 * has no effect, see docs/differences.md); the random stream is PyTorch's all the same:
 * starting an iteration draws the 63-bit base seed PyTorch draws for its workers, from
 * `generator` or the default generator, even with shuffle off, and the samplers draw lazily
 * (./sampler.ts).
 *
 * A TensorDataset batched by the default collate is fetched as PyTorch 2.x's fetcher does with
 * `__getitems__`: one index_select per tensor (one copy of the slice when the rows are in order)
 * instead of stacking rows one by one: the same values, far fewer allocations. It is used only where nothing can tell the
 * difference (no tensor requires grad, getitem not overridden). With the default samplers in
 * order (no shuffle), batches come from a plain iterator rather than three nested generators.
 */
import type { Tensor } from "../../tensor/tensor.js";
import { is_contiguous } from "../../shape.js";
import { default_generator, type Generator } from "../../random/generator.js";
import { tensor } from "../../tensor/factory.js";
import { kwargs } from "../../tensor/args.js";
import { int64 } from "../../dtype.js";
import { index_select } from "../../ops/indexing/subscript.js";
import { IterableDataset, TensorDataset } from "./dataset.js";
import { BatchSampler, RandomSampler, SequentialSampler, sized_len } from "./sampler.js";
import { default_collate, default_convert, type Collated } from "./collate.js";
import { class_name } from "../../names.js";
import { py_str } from "../../format.js";

/** A map-style dataset as the loader reads it: PyTorch only needs `__getitem__` (and `__len__`). */
export interface MapDataset<T> {
  /** The sample at index (PyTorch's `__getitem__`). */
  getitem(index: number): T;
  /** The number of samples (PyTorch's `__len__`), needed by the default samplers. */
  len?(): number;
}

/** A JS array is a map-style dataset, as a Python list is: `DataLoader([[x0, y0], [x1, y1]])`. */
function array_dataset<T>(items: readonly T[]): MapDataset<T> & { len(): number } {
  return {
    getitem: (i) => {
      const j = i < 0 ? i + items.length : i;
      if (!Number.isInteger(j) || j < 0 || j >= items.length) throw new RangeError("list index out of range");
      return items[j];
    },
    len: () => items.length,
  };
}

/**
 * Keyword arguments of {@link DataLoader}, with PyTorch's names and defaults (batch_size 1, shuffle false,
 * drop_last false). Loading runs in the calling thread: num_workers and the other worker options are
 * accepted and have no effect.
 */
export interface DataLoaderOptions<T, B> {
  batch_size?: number | null;
  shuffle?: boolean | null;
  sampler?: Iterable<number> | null;
  batch_sampler?: Iterable<number[]> | null;
  num_workers?: number;
  /**
   * Makes a batch from a list of samples (default: {@link default_collate}; with `batch_size: null`, each
   * sample is converted alone).
   */
  collate_fn?: ((batch: T[]) => B) | null;
  pin_memory?: boolean;
  drop_last?: boolean;
  timeout?: number;
  /** Accepted for compatibility; there are no workers to run it on. */
  worker_init_fn?: ((worker_id: number) => void) | null;
  multiprocessing_context?: string | object | null;
  generator?: Generator | null;
  persistent_workers?: boolean;
}

/** DataLoader's parameters after the dataset, in PyTorch's positional order. */
const LOADER_ARGS = [
  "batch_size",
  "shuffle",
  "sampler",
  "batch_sampler",
  "num_workers",
  "collate_fn",
  "pin_memory",
  "drop_last",
  "timeout",
  "worker_init_fn",
  "multiprocessing_context",
  "generator",
  "persistent_workers",
] as const;

type LoaderArg<T, B> = DataLoaderOptions<T, B>[keyof DataLoaderOptions<T, B>];
export type DatasetLike<T> = MapDataset<T> | IterableDataset<T> | readonly T[];

/**
 * T is the sample type, B the batch type, D the dataset's own type, so `loader.dataset` keeps
 * it (`loader.dataset.tensors` of a TensorDataset needs no cast).
 */
export class DataLoader<
  T = unknown,
  B = Collated<T>,
  D extends DatasetLike<T> = DatasetLike<T>,
> implements Iterable<B> {
  /** PyTorch's name for this class, which bundlers cannot rename (src/names.ts). */
  static readonly __name__: string = "DataLoader";
  readonly dataset: D;
  readonly batch_size: number | null;
  readonly drop_last: boolean;
  readonly sampler: Iterable<number> | null;
  readonly batch_sampler: Iterable<number[]> | null;
  readonly generator: Generator | null;
  /** The collate_fn given, or null for the default. */
  readonly collate_fn: ((batch: T[]) => B) | null;
  readonly num_workers: number;
  readonly persistent_workers: boolean;
  private _base_seed_drawn = false;
  /** Where samples are fetched from: the dataset, or an array seen as one. */
  private readonly _fetch: MapDataset<T> | IterableDataset<T>;

  /**
   * new DataLoader(dataset, batch_size=1, shuffle=false, sampler, batch_sampler, num_workers,
   * collate_fn, pin_memory, drop_last, timeout, worker_init_fn, multiprocessing_context,
   * generator, {persistent_workers}): PyTorch's parameters, positionally or as options.
   */
  constructor(dataset: D & DatasetLike<T>, options?: DataLoaderOptions<T, B>);
  constructor(dataset: D & DatasetLike<T>, batch_size: number | null, options?: DataLoaderOptions<T, B>);
  constructor(
    dataset: D & DatasetLike<T>,
    batch_size: number | null,
    shuffle: boolean | null,
    options?: DataLoaderOptions<T, B>,
  );
  constructor(dataset: D & DatasetLike<T>, ...args: (LoaderArg<T, B> | DataLoaderOptions<T, B>)[]);
  constructor(dataset: D & DatasetLike<T>, ...args: (LoaderArg<T, B> | DataLoaderOptions<T, B>)[]) {
    const options = kwargs<Required<DataLoaderOptions<T, B>>>("DataLoader", args, [...LOADER_ARGS]);
    if ((options.multiprocessing_context ?? null) !== null && (options.num_workers ?? 0) === 0) {
      throw new Error(
        `multiprocessing_context can only be used with multi-process loading (num_workers > 0), but got num_workers=0`,
      );
    }
    this.dataset = dataset;
    this._fetch = is_array(dataset) ? array_dataset(dataset) : dataset;
    const shuffle = options.shuffle ?? false;
    let batch_size = options.batch_size === undefined ? 1 : options.batch_size;
    let drop_last = options.drop_last ?? false;
    const sampler = options.sampler ?? null;
    const batch_sampler = options.batch_sampler ?? null;
    this.generator = options.generator ?? null;
    this.num_workers = options.num_workers ?? 0;
    this.persistent_workers = options.persistent_workers ?? false;
    if (this.num_workers < 0) {
      throw new Error(
        "num_workers option should be non-negative; use num_workers=0 to disable multiprocessing.",
      );
    }
    if ((options.timeout ?? 0) < 0) throw new Error("timeout option should be non-negative");
    if (this.persistent_workers && this.num_workers === 0) {
      throw new Error("persistent_workers option needs num_workers > 0");
    }
    if (dataset instanceof IterableDataset) {
      if (options.shuffle !== undefined && options.shuffle !== null && options.shuffle !== false) {
        throw new Error(
          `DataLoader with IterableDataset: expected unspecified shuffle option, but got shuffle=${py_str(shuffle)}`,
        );
      }
      if (sampler !== null) {
        throw new Error(
          `DataLoader with IterableDataset: expected unspecified sampler option, but got sampler=${describe(sampler)}`,
        );
      }
      if (batch_sampler !== null) {
        throw new Error(
          `DataLoader with IterableDataset: expected unspecified batch_sampler option, but got batch_sampler=${describe(batch_sampler)}`,
        );
      }
    }
    if (sampler !== null && shuffle) throw new Error("sampler option is mutually exclusive with shuffle");
    if (batch_sampler !== null) {
      if (batch_size !== 1 || shuffle || sampler !== null || drop_last) {
        throw new Error(
          "batch_sampler option is mutually exclusive with batch_size, shuffle, sampler, and drop_last",
        );
      }
      batch_size = null;
      drop_last = false;
    } else if (batch_size === null && drop_last) {
      throw new Error(
        "batch_size=None option disables auto-batching and is mutually exclusive with drop_last",
      );
    }
    this.batch_size = batch_size;
    this.drop_last = drop_last;
    if (dataset instanceof IterableDataset) {
      this.sampler = null;
      this.batch_sampler = null;
    } else {
      const sized = this._fetch as { len(): number };
      this.sampler =
        sampler ??
        (shuffle ? new RandomSampler(sized, { generator: this.generator }) : new SequentialSampler(sized));
      this.batch_sampler =
        batch_sampler ?? (batch_size !== null ? new BatchSampler(this.sampler, batch_size, drop_last) : null);
    }
    this.collate_fn = options.collate_fn ?? null;
  }

  /** The number of batches per epoch (of samples when batch_size is null): PyTorch's len(loader). */
  len(): number {
    if (this.dataset instanceof IterableDataset) {
      let length = sized_len(this.dataset);
      if (this.batch_size !== null) {
        length = this.drop_last ? Math.floor(length / this.batch_size) : Math.ceil(length / this.batch_size);
      }
      return length;
    }
    return sized_len(this.batch_sampler ?? this.sampler);
  }

  /**
   * Starts an epoch: draws the workers' base seed now (PyTorch draws it in iter(loader)), then
   * returns the lazy iterator of batches.
   */
  [Symbol.iterator](): Iterator<B> {
    if (!(this.persistent_workers && this.num_workers > 0 && this._base_seed_drawn)) {
      // torch.empty((), dtype=torch.int64).random_(generator=loader.generator): the value only
      // seeds workers, the draw keeps the stream PyTorch's
      (this.generator ?? default_generator).random64();
      this._base_seed_drawn = true;
    }
    const bs = this.batch_sampler;
    if (
      this.collate_fn === null &&
      bs !== null &&
      bs.constructor === BatchSampler &&
      (bs as BatchSampler).sampler.constructor === SequentialSampler
    ) {
      return new InOrderBatches(this._fetch as MapDataset<T>, bs) as unknown as Iterator<B>;
    }
    return this.batches();
  }

  private *batches(): IterableIterator<B> {
    const ds = this._fetch;
    const collate = (this.collate_fn ?? default_collate) as (b: T[]) => B;
    const convert = (this.collate_fn ?? default_convert) as (s: T) => B;
    if (ds instanceof IterableDataset) {
      if (this.batch_size === null) {
        for (const s of ds) yield convert(s);
        return;
      }
      let batch: T[] = [];
      for (const s of ds) {
        batch.push(s);
        if (batch.length === this.batch_size) {
          yield collate(batch);
          batch = [];
        }
      }
      if (batch.length > 0 && !this.drop_last) yield collate(batch);
      return;
    }
    if (this.batch_sampler) {
      const fast = this.collate_fn === null && is_plain_tensor_dataset(ds);
      for (const indices of this.batch_sampler) {
        if (fast) yield gather_rows((ds as unknown as TensorDataset).tensors, indices) as B;
        else yield collate(indices.map((i) => ds.getitem(i)));
      }
      return;
    }
    for (const i of this.sampler as Iterable<number>) yield convert(ds.getitem(i));
  }
}

function is_array<T>(v: DatasetLike<T>): v is readonly T[] {
  return Array.isArray(v);
}

/** How an option object is named in an error: its class. */
function describe(v: object): string {
  return `<${class_name(v)} object>`;
}

/** A TensorDataset whose rows default_collate would stack, and nothing records a graph. */
function is_plain_tensor_dataset(ds: MapDataset<unknown>): boolean {
  return (
    ds instanceof TensorDataset &&
    ds.getitem === TensorDataset.prototype.getitem &&
    ds.tensors.length > 0 &&
    ds.tensors.every((t) => !t.requires_grad)
  );
}

/** One batch of a TensorDataset: each tensor's rows at `indices`, as default_collate stacks them. */
function gather_rows(tensors: readonly Tensor[], indices: readonly number[]): Tensor[] {
  const n = tensors[0].shape[0];
  const idx = tensor(
    indices.map((i) => {
      if (!Number.isInteger(i) || i < -n || i >= n) {
        throw new RangeError(`index ${i} is out of bounds for dimension 0 with size ${n}`);
      }
      return i < 0 ? i + n : i;
    }),
    { dtype: int64 },
  );
  return tensors.map((t) => index_select(t, 0, idx));
}

/**
 * An epoch of a map-style dataset through the default BatchSampler over a SequentialSampler and
 * the default collate, in order: what `batches()` yields, without its generators. Like them it
 * reads the dataset's length and checks the fast path at the first batch.
 */
class InOrderBatches<T> implements IterableIterator<unknown> {
  private next_row = 0;
  private n = -1;
  private fast = false;
  constructor(
    private readonly ds: MapDataset<T>,
    private readonly sampler: BatchSampler,
  ) {}
  [Symbol.iterator](): this {
    return this;
  }
  next(): IteratorResult<unknown> {
    if (this.n < 0) {
      this.n = (this.sampler.sampler as SequentialSampler).data_source.len();
      this.fast = is_plain_tensor_dataset(this.ds);
    }
    const from = this.next_row;
    const size = this.sampler.batch_size;
    if (from >= this.n || (this.sampler.drop_last && from + size > this.n)) {
      this.next_row = this.n;
      return { done: true, value: undefined };
    }
    const to = Math.min(from + size, this.n);
    this.next_row = to;
    if (this.fast) {
      const tensors = (this.ds as unknown as TensorDataset).tensors;
      const out: Tensor[] = [];
      for (const t of tensors) {
        // rows from..to of a contiguous tensor are one run: a copy of that slice is the batch
        // (clone keeps the slice's contiguous layout, as stacking gives)
        if (is_contiguous(t.shape, t._strides)) out.push(t.narrow(0, from, to - from).clone());
        else out.push(gather_rows([t], range(from, to))[0]);
      }
      return { done: false, value: out };
    }
    const samples: T[] = [];
    for (let i = from; i < to; i++) samples.push(this.ds.getitem(i));
    return { done: false, value: default_collate(samples) };
  }
}

function range(from: number, to: number): number[] {
  const r: number[] = [];
  for (let i = from; i < to; i++) r.push(i);
  return r;
}
