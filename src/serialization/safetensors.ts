/**
 * safetensors, as the Python package's `safetensors.torch` module: `save(tensors, metadata?)`
 * gives bytes, `load(bytes)` the tensors; `save_file` / `load_file` do the same with a path
 * (Node; the file's tensors stream from and to disk). Import it as `torch-ts/safetensors`.
 *
 * The format: a u64 header length N, N bytes of JSON naming each tensor's dtype, shape and
 * byte range in the data that follows, then the data. The reader checks what upstream's does:
 * N at most 100 MB, known dtypes, ranges that tile the data exactly in order and match each
 * shape, and that the file ends where the data does; so nothing is allocated beyond the file.
 * The writer is upstream's: tensors by dtype alignment (largest first) then name, compact JSON
 * with `__metadata__` first, header padded with spaces to a multiple of 8. As upstream's torch
 * helpers, it refuses tensors that share memory and non-contiguous ones.
 *
 * @module torch-ts/safetensors
 */
import { int64 } from "../dtype.js";
import { Tensor } from "../tensor/tensor.js";
import { Storage } from "../tensor/storage.js";
import { contiguous_strides } from "../shape.js";
import { ensure, fail } from "./errors.js";
import { bytes_source, file_sink, file_source, type Sink, type Source } from "./io.js";
import { BY_ST, bytes_of, decode_into, encode_int64, file_dtype_of, loadable } from "./storage_types.js";

/** Tensors by name, as a record or a Map (in the Map's order). */
export type Tensors = Record<string, Tensor> | Map<string, Tensor>;

const MAX_HEADER = 100_000_000;
const CHUNK = 16 << 20;
/** upstream's dtype order; a larger index sorts first (alignment, then width) */
const ORDER = [
  "BOOL",
  "F4",
  "F6_E2M3",
  "F6_E3M2",
  "U8",
  "I8",
  "F8_E5M2",
  "F8_E4M3",
  "F8_E8M0",
  "F8_E4M3FNUZ",
  "F8_E5M2FNUZ",
  "I16",
  "U16",
  "F16",
  "BF16",
  "I32",
  "U32",
  "F32",
  "C64",
  "F64",
  "I64",
  "U64",
];

interface Entry {
  name: string;
  tensor: Tensor;
  st: string;
  begin: number;
  end: number;
}

function plan(
  tensors: Tensors,
  metadata?: Record<string, string> | null,
): { header: Uint8Array; entries: Entry[] } {
  const list = tensors instanceof Map ? [...tensors] : Object.entries(tensors);
  const seen = new Map<Storage, string>();
  const entries: Entry[] = [];
  for (const [name, t] of list) {
    if (typeof name !== "string" || !(t instanceof Tensor))
      fail(`safetensors: ${String(name)} is not a tensor`);
    if (!t.is_contiguous()) fail(`safetensors: tensor ${name} is not contiguous; save ${name}.contiguous()`);
    const other = seen.get(t._storage);
    if (other !== undefined) {
      fail(`safetensors: tensors ${other} and ${name} share memory; clone one of them before saving`);
    }
    seen.set(t._storage, name);
    entries.push({ name, tensor: t, st: file_dtype_of(t.dtype).st as string, begin: 0, end: 0 });
  }
  entries.sort(
    (a, b) => ORDER.indexOf(b.st) - ORDER.indexOf(a.st) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0),
  );
  // the JSON is assembled by hand: an object would put integer-like names first
  const parts: string[] = [];
  if (metadata) {
    const meta: string[] = [];
    for (const [k, v] of Object.entries(metadata)) {
      if (typeof v !== "string") fail(`safetensors: metadata ${k} must be a string, got ${typeof v}`);
      meta.push(`${JSON.stringify(k)}:${JSON.stringify(v)}`);
    }
    parts.push(`"__metadata__":{${meta.join(",")}}`);
  }
  let off = 0;
  for (const e of entries) {
    e.begin = off;
    off += e.tensor.numel() * file_dtype_of(e.tensor.dtype).itemsize;
    e.end = off;
    const info = { dtype: e.st, shape: e.tensor.shape, data_offsets: [e.begin, e.end] };
    parts.push(`${JSON.stringify(e.name)}:${JSON.stringify(info)}`);
  }
  const json = new TextEncoder().encode(`{${parts.join(",")}}`);
  const padded = new Uint8Array(json.length + ((8 - (json.length % 8)) % 8)).fill(0x20);
  padded.set(json);
  return { header: padded, entries };
}

function* tensor_bytes(t: Tensor): Generator<Uint8Array> {
  const n = t.numel();
  const a = t._storage.data;
  if (t.dtype === int64) {
    for (let i = 0; i < n; i += CHUNK / 8)
      yield encode_int64(a as Float64Array, t._offset + i, Math.min(CHUNK / 8, n - i));
  } else if (n > 0) yield bytes_of(a, t._offset, n);
}

function* pieces(tensors: Tensors, metadata?: Record<string, string> | null): Generator<Uint8Array> {
  const { header, entries } = plan(tensors, metadata);
  const len = new Uint8Array(8);
  new DataView(len.buffer).setBigUint64(0, BigInt(header.length), true);
  yield len;
  yield header;
  for (const e of entries) yield* tensor_bytes(e.tensor);
}

/** safetensors.torch.save(tensors, metadata=None): the file's bytes. */
export function save(tensors: Tensors, metadata?: Record<string, string> | null): Uint8Array {
  const parts = [...pieces(tensors, metadata)];
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** safetensors.torch.save_file(tensors, filename, metadata=None), streaming each tensor to disk (Node). */
export async function save_file(
  tensors: Tensors,
  filename: string,
  metadata?: Record<string, string> | null,
): Promise<void> {
  const it = pieces(tensors, metadata); // plans (and checks) before the file is created
  const first = it.next();
  const sink: Sink = await file_sink(filename);
  try {
    if (!first.done) await sink.write(first.value);
    for (const p of it) await sink.write(p);
  } finally {
    await sink.close();
  }
}

interface HeaderEntry {
  dtype: string;
  shape: number[];
  data_offsets: [number, number];
}

async function read(src: Source): Promise<Record<string, Tensor>> {
  ensure(src.size >= 8, `safetensors: ${src.size} bytes is too short for a header length`);
  const lv = await src.read(0, 8);
  const big = new DataView(lv.buffer, lv.byteOffset, 8).getBigUint64(0, true);
  ensure(big <= BigInt(MAX_HEADER), `safetensors: header length ${big} is over the 100 MB limit`);
  const n = Number(big);
  ensure(8 + n <= src.size, `safetensors: header length ${n} runs past the end of the ${src.size}-byte file`);
  let header: unknown;
  try {
    const text = new TextDecoder("utf-8", { fatal: true }).decode(await src.read(8, n));
    ensure(text.startsWith("{"), "safetensors: the header is not a JSON object");
    header = JSON.parse(text);
  } catch (e) {
    if (e instanceof Error && e.name === "SerializationError") throw e;
    fail("safetensors: the header is not valid UTF-8 JSON");
  }
  ensure(
    typeof header === "object" && header !== null && !Array.isArray(header),
    "safetensors: the header is not a JSON object",
  );
  const entries: [string, HeaderEntry][] = [];
  for (const [name, v] of Object.entries(header as Record<string, unknown>)) {
    if (name === "__metadata__") {
      ensure(
        typeof v === "object" && v !== null && Object.values(v).every((x) => typeof x === "string"),
        "safetensors: __metadata__ must map strings to strings",
      );
      continue;
    }
    const e = v as Partial<HeaderEntry> | null;
    const ok_ints = (a: unknown, len?: number) =>
      Array.isArray(a) &&
      (len === undefined || a.length === len) &&
      a.every((x) => Number.isSafeInteger(x) && (x as number) >= 0);
    ensure(
      typeof e === "object" &&
        e !== null &&
        typeof e.dtype === "string" &&
        ok_ints(e.shape) &&
        ok_ints(e.data_offsets, 2),
      `safetensors: tensor ${name} needs dtype, shape and data_offsets`,
    );
    entries.push([name, e as HeaderEntry]);
  }
  entries.sort((a, b) => a[1].data_offsets[0] - b[1].data_offsets[0]);
  const data_start = 8 + n;
  let pos = 0;
  const out: Record<string, Tensor> = {};
  for (const [name, e] of entries) {
    const fd = BY_ST.get(e.dtype);
    ensure(fd !== undefined, `safetensors: tensor ${name} has unknown dtype ${e.dtype}`);
    const { dtype, decode } = loadable(fd, `safetensors: tensor ${name}`);
    const [begin, end] = e.data_offsets;
    ensure(
      begin === pos && end >= begin,
      `safetensors: tensor ${name}'s data_offsets [${begin}, ${end}] do not follow the previous tensor (at ${pos})`,
    );
    const numel = e.shape.reduce((a, b) => a * b, 1);
    ensure(
      Number.isSafeInteger(numel) && numel * fd.itemsize === end - begin,
      `safetensors: tensor ${name} of shape [${e.shape.join(", ")}] ${e.dtype} needs ${numel * fd.itemsize} bytes, data_offsets give ${end - begin}`,
    );
    ensure(data_start + end <= src.size, `safetensors: tensor ${name} runs past the end of the file`);
    pos = end;
    const arr = new dtype.array(numel);
    if (decode === "native") {
      const target = bytes_of(arr);
      for (let at = 0; at < target.length; at += CHUNK) {
        await src.read_into(
          data_start + begin + at,
          target.subarray(at, Math.min(target.length, at + CHUNK)),
        );
      }
    } else {
      const step = CHUNK - (CHUNK % fd.itemsize);
      for (let at = 0; at < end - begin; at += step) {
        decode_into(
          decode,
          await src.read(data_start + begin + at, Math.min(step, end - begin - at)),
          arr,
          at / fd.itemsize,
        );
      }
    }
    const shape = e.shape.slice();
    Object.defineProperty(out, name, {
      value: new Tensor(new Storage(arr, dtype), shape, contiguous_strides(shape), 0, dtype),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  ensure(
    data_start + pos === src.size,
    `safetensors: the file has ${src.size - data_start - pos} bytes past its last tensor`,
  );
  return out;
}

/** safetensors.torch.load(data): the tensors, by name. */
export function load(data: Uint8Array | ArrayBuffer): Promise<Record<string, Tensor>> {
  return read(bytes_source(data instanceof Uint8Array ? data : new Uint8Array(data)));
}

/** safetensors.torch.load_file(filename, device="cpu") (Node): the tensors, read straight from disk. */
export async function load_file(filename: string, device = "cpu"): Promise<Record<string, Tensor>> {
  if (device !== "cpu")
    throw new TypeError(`load_file: device ${device}: torch-ts has only the "cpu" device`);
  const src = await file_source(filename);
  try {
    return await read(src);
  } finally {
    await src.close();
  }
}
