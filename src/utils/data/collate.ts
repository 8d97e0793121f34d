/**
 * default_collate (torch/utils/data/_utils/collate.py): turns a list of samples into a batch,
 * by the type of the first sample, as PyTorch's: tensors are stacked along a new first dim;
 * numbers become one tensor (int64 when every number is an integer, as a batch of Python ints,
 * else float64, as Python floats: JS cannot tell `1` from `1.0`); booleans a bool tensor;
 * strings stay a list; arrays (PyTorch's tuples and lists) are collated position by position
 * and objects (PyTorch's dicts) key by key.
 */
import { Tensor } from "../../tensor/tensor.js";
import { tensor } from "../../tensor/factory.js";
import { bool, float64, int64 } from "../../dtype.js";
import { stack } from "../../ops/shape/join_split.js";
import { class_name } from "../../names.js";

/** The type default_collate makes of a batch of T: tensors and scalars become tensors. */
export type Collated<T> = T extends Tensor | number | boolean
  ? Tensor
  : T extends string
    ? string[]
    : T extends readonly unknown[]
      ? { [K in keyof T]: Collated<T[K]> }
      : T extends object
        ? { [K in keyof T]: Collated<T[K]> }
        : unknown;

/**
 * Stacks a list of samples into a batch, as PyTorch's: tensors are stacked along a new dim 0, numbers and
 * booleans become a tensor (float64 for floats, int64 for integers), and arrays and objects are collated
 * field by field.
 */
export function default_collate<T>(batch: readonly T[]): Collated<T>;
export function default_collate(batch: readonly unknown[]): unknown {
  if (batch.length === 0) throw new RangeError("list index out of range");
  const elem = batch[0];
  if (elem instanceof Tensor) return stack(batch as Tensor[], 0);
  if (typeof elem === "number") {
    const nums = batch as number[];
    return tensor(nums, { dtype: nums.every((v) => Number.isInteger(v)) ? int64 : float64 });
  }
  if (typeof elem === "boolean") return tensor(batch as boolean[], { dtype: bool });
  if (typeof elem === "string") return batch.slice();
  if (Array.isArray(elem)) {
    const n = elem.length;
    if (batch.some((b) => !Array.isArray(b) || b.length !== n)) {
      throw new Error("each element in list of batch should be of equal size");
    }
    return elem.map((_, i) => default_collate(batch.map((b) => (b as unknown[])[i])));
  }
  if (typeof elem === "object" && elem !== null && Object.getPrototypeOf(elem) === Object.prototype) {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(elem)) {
      out[k] = default_collate(batch.map((b) => (b as Record<string, unknown>)[k]));
    }
    return out;
  }
  const type = elem === null ? "null" : typeof elem === "object" ? class_name(elem) : typeof elem;
  throw new TypeError(
    `default_collate: batch must contain tensors, numbers, booleans, strings, arrays or objects; found ${type}`,
  );
}

/** What the loader applies to single samples when batch_size is null: samples pass as they are. */
export function default_convert<T>(sample: T): T {
  return sample;
}
