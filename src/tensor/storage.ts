/**
 * Storage: the typed array a tensor and all its views read and write. It lives on the JS heap,
 * so the garbage collector frees it when the last view is gone: there is no dispose().
 */
import type { DType, TypedArray } from "../dtype.js";

export class Storage {
  constructor(
    readonly data: TypedArray,
    readonly dtype: DType,
  ) {}
  get length(): number {
    return this.data.length;
  }
}

/**
 * Counts in-place writes. Views and detach() share their base's counter, so autograd can tell
 * when a tensor it saved for backward was modified through any alias.
 */
export interface VersionCounter {
  version: number;
}
