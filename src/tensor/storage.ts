/**
 * Storage: the typed array a tensor and all its views read and write. It lives on the JS heap,
 * so the garbage collector frees it when the last view is gone: there is no dispose().
 */
import type { DType, TypedArray } from "../dtype.js";

let storages_made = 0;

/** How many storages exist so far: a storage whose `serial` is at least this was made after. */
export function storage_mark(): number {
  return storages_made;
}

export class Storage {
  /**
   * Creation order. The backward engine tells a gradient whose memory a backward function made
   * (nothing else can hold it) from one over memory that existed before the call.
   */
  readonly serial = storages_made++;
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
