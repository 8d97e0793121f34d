/**
 * torch.Size: a tensor's sizes as `x.size()` gives them. It is a real array (an Array
 * subclass: indexing, length, spread, destructuring and array methods all work) that prints as
 * PyTorch prints it, `torch.Size([3, 28, 28])`, in template strings, String() and Node's
 * console.log. It is typed read-only, as PyTorch's Size is an immutable tuple.
 *
 * `x.shape` stays a plain array (docs/differences.md): V8 runs its array fast paths (for-of,
 * spread, map, slice) only on arrays whose prototype is Array.prototype, and ops read shapes
 * on every call, so a Size there multiplied the per-op time several times over.
 *
 * Strict deep equality (node:assert's deepStrictEqual) compares prototypes, so compare a Size
 * with a plain array through a copy: `assert.deepStrictEqual([...x.size()], [2, 3])`.
 */
import { torch_size } from "../format.js";

/** A Size as users see it: read-only sizes with PyTorch's printing and numel(). */
export interface Size extends ReadonlyArray<number> {
  /** The number of elements a tensor of these sizes holds (torch.Size.numel). */
  numel(): number;
}

export interface SizeConstructor {
  /** torch.Size(sizes): `new torch.Size([3, 28, 28])`. */
  new (sizes?: Iterable<number>): Size;
  readonly prototype: Size;
}

const SizeClass = class Size extends Array<number> {
  /** PyTorch's name for this class, which bundlers cannot rename (src/names.ts). */
  static readonly __name__: string = "Size";

  // Array methods that derive a new array (slice, map, filter, concat) build it as
  // `new Size(length)`, so a number is a length, as for Array (and `x.size().slice(1)` is a
  // Size, as PyTorch's `x.size()[1:]`); users pass the sizes themselves.
  constructor(sizes?: number | Iterable<number>) {
    if (typeof sizes === "number") {
      super(sizes);
    } else {
      super();
      if (sizes !== undefined) {
        for (const s of sizes) {
          if (!Number.isInteger(s))
            throw new TypeError(`torch.Size() takes an iterable of 'int' (got ${String(s)})`);
          this.push(s);
        }
      }
    }
  }

  numel(): number {
    let n = 1;
    for (let i = 0; i < this.length; i++) n *= this[i];
    return n;
  }

  override toString(): string {
    return torch_size(this);
  }

  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return this.toString();
  }
};

/** torch.Size: `new torch.Size([3, 28, 28])`, what `x.size()` and `x.shape` give. */
export const Size = SizeClass as unknown as SizeConstructor;

/** @internal a new Size with the same sizes (what size() returns, so callers own it). */
export function copy_size(shape: readonly number[]): Size {
  const n = shape.length;
  const s = new SizeClass(n);
  for (let i = 0; i < n; i++) s[i] = shape[i];
  return s;
}
