/**
 * A storage's bytes as a file holds them (little-endian, every element of the storage, as
 * PyTorch writes it), yielded in pieces: views of the tensor's own memory for float32, float64,
 * int32 and bool, and 8 MiB conversions for int64 (doubles in torch-ts), so saving never holds
 * a second copy of a large storage.
 */
import { int64 } from "../dtype.js";
import type { Storage } from "../tensor/storage.js";
import { bytes_of, encode_int64 } from "./storage_types.js";

const PIECE = 1 << 20; // elements per int64 conversion
const VIEW = 1 << 30; // bytes per view: Node writes at most 2 GiB per call

export function* storage_bytes(s: Storage): Generator<Uint8Array> {
  const a = s.data;
  if (s.dtype === int64) {
    for (let i = 0; i < a.length; i += PIECE)
      yield encode_int64(a as Float64Array, i, Math.min(PIECE, a.length - i));
    return;
  }
  const all = bytes_of(a);
  if (all.length === 0) return;
  for (let i = 0; i < all.length; i += VIEW) yield all.subarray(i, Math.min(all.length, i + VIEW));
}
