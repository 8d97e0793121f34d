/**
 * torch.save and torch.load: PyTorch's `.pt` checkpoints, both ways.
 *
 * `torch.save(obj)` returns the file's bytes; `await torch.save(obj, path_or_sink)` writes
 * them (Node paths stream each storage to disk from the tensor's memory). The file is the zip
 * format PyTorch 1.13 and 2.x load, with `weights_only=True` too (pickler.ts says which values
 * need 2.x). `await torch.load(f)` reads a path, bytes, an ArrayBuffer or a Blob written by
 * PyTorch (zip or legacy format) or torch-ts; it always loads as PyTorch's `weights_only=True`
 * does: an allow-list, never code named in a file.
 */
import { ensure, fail } from "./errors.js";
import {
  blob_source,
  bytes_source,
  BytesSink,
  file_sink,
  file_source,
  user_sink,
  type Sink,
  type Source,
  type WritableLike,
  type BlobLike,
} from "./io.js";
import { Pickler } from "./pickler.js";
import { load_legacy, load_zip } from "./read_pt.js";
import { crc32 } from "./crc32.js";
import { zip_layout, type WriteRecord } from "./zip.js";
import { storage_bytes } from "./write_storage.js";

export { SerializationError, UnpicklingError } from "./errors.js";
export { ForeignDType, PyComplex } from "./torch_globals.js";

/** What torch.load reads. */
export type LoadSource = string | Uint8Array | ArrayBuffer | BlobLike;
/** Where torch.save writes: a path (Node) or anything with write(chunk). */
export type SaveTarget = string | WritableLike;

export interface LoadOptions {
  /** torch-ts tensors live on the CPU: "cpu", a device map onto "cpu", or a function returning "cpu" */
  map_location?: string | Record<string, string> | null;
  /** always true in torch-ts (PyTorch 2.6's default); false is refused: see docs/differences.md */
  weights_only?: boolean;
}

export interface SaveOptions {
  /** PyTorch's legacy writer is not available: only the zip format (the default since 1.6) is written */
  _use_new_zipfile_serialization?: boolean;
  /** write zip64 records even for a small file (tests of the zip64 paths) */
  _force_zip64?: boolean;
}

const ENC = new TextEncoder();

function check_map_location(m: LoadOptions["map_location"]): void {
  if (m === undefined || m === null) return;
  const targets = typeof m === "string" ? [m] : typeof m === "object" ? Object.values(m) : [m];
  for (const t of targets) {
    if (t !== "cpu" && !(typeof t === "string" && t.startsWith("cpu:"))) {
      throw new TypeError(`torch.load: map_location ${String(t)}: torch-ts has only the "cpu" device`);
    }
  }
}

async function open_source(f: LoadSource): Promise<Source> {
  if (typeof f === "string") return file_source(f);
  if (f instanceof Uint8Array) return bytes_source(f);
  if (f instanceof ArrayBuffer) return bytes_source(new Uint8Array(f));
  if (typeof Blob !== "undefined" && f instanceof Blob) return blob_source(f);
  throw new TypeError(`torch.load: expected a path, Uint8Array, ArrayBuffer or Blob, got ${typeof f}`);
}

/**
 * torch.load(f, { map_location, weights_only }): the object saved in f. State dicts come back
 * as Maps (what Module.state_dict() returns, `_metadata` kept), so
 * `model.load_state_dict(await torch.load("model.pt"))` works; optimizer state dicts as the
 * objects Optimizer.state_dict() returns. The result is typed `any`, as JSON.parse's is: the
 * file decides its type.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function load<T = any>(
  f: LoadSource,
  map_location?: LoadOptions["map_location"] | LoadOptions,
  options: LoadOptions = {},
): Promise<T> {
  const o: LoadOptions =
    typeof map_location === "object" &&
    map_location !== null &&
    ("map_location" in map_location || "weights_only" in map_location)
      ? map_location
      : { ...options, map_location: map_location as LoadOptions["map_location"] };
  if (o.weights_only === false) {
    throw new TypeError(
      "torch.load: weights_only=false does not exist in torch-ts: it would run code named in the file. torch-ts always loads as weights_only=True does",
    );
  }
  check_map_location(o.map_location);
  const src = await open_source(f);
  try {
    ensure(src.size > 0, "torch.load: the file is empty");
    const head = await src.read(0, Math.min(src.size, 512));
    if (head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04)
      return (await load_zip(src)) as T;
    if (head[0] === 0x80 && head[1] === 0x02 && head[2] === 0x8a) return (await load_legacy(src)) as T;
    if (head.length >= 262 && new TextDecoder().decode(head.subarray(257, 262)) === "ustar") {
      fail("torch.load: this is PyTorch's tar format (before 0.4), which torch-ts does not read");
    }
    fail("torch.load: not a PyTorch checkpoint (neither the zip nor the legacy format)");
  } finally {
    await src.close();
  }
}

function archive_name(f: SaveTarget | undefined): string {
  if (typeof f !== "string") return "archive";
  const base = f.split(/[\\/]/).pop() ?? "";
  const dot = base.lastIndexOf(".");
  const name = dot > 0 ? base.slice(0, dot) : base;
  return name || "archive";
}

/**
 * torch.save(obj, f?): with no f, the bytes of the checkpoint; with a path (Node) or a sink,
 * a promise that resolves once every byte is written.
 */
export function save(obj: unknown, options?: SaveOptions): Uint8Array;
export function save(obj: unknown, f: SaveTarget, options?: SaveOptions): Promise<void>;
export function save(
  obj: unknown,
  f?: SaveTarget | SaveOptions,
  options?: SaveOptions,
): Uint8Array | Promise<void>;
export function save(
  obj: unknown,
  f?: SaveTarget | SaveOptions,
  options: SaveOptions = {},
): Uint8Array | Promise<void> {
  let target: SaveTarget | undefined;
  if (
    typeof f === "string" ||
    (typeof f === "object" && f !== null && typeof (f as WritableLike).write === "function")
  ) {
    target = f as SaveTarget;
  } else if (f !== undefined) options = f as SaveOptions;
  if (options._use_new_zipfile_serialization === false) {
    throw new TypeError(
      "torch.save: torch-ts writes only the zip format (_use_new_zipfile_serialization=True)",
    );
  }
  const plan = plan_file(obj, archive_name(target), options._force_zip64 === true);
  if (target === undefined) return emit_bytes(plan);
  return (async () => {
    const sink: Sink = typeof target === "string" ? await file_sink(target) : user_sink(target);
    try {
      await emit(plan, sink);
    } finally {
      await sink.close();
    }
  })();
}

interface Plan {
  records: { rec: WriteRecord; data: () => Iterable<Uint8Array> }[];
  headers: Uint8Array[];
  trailer: Uint8Array;
  total: number;
}

function plan_file(obj: unknown, folder: string, force_zip64: boolean): Plan {
  const p = new Pickler();
  const pkl = p.dumps(obj);
  const small = (name: string, b: Uint8Array): Plan["records"][number] => ({
    rec: { name: `${folder}/${name}`, size: b.length, crc: crc32(b) },
    data: () => [b],
  });
  const records = [small("data.pkl", pkl), small("byteorder", ENC.encode("little"))];
  p.storages.forEach((s, i) => {
    let size = 0;
    let crc = 0;
    for (const chunk of storage_bytes(s)) {
      size += chunk.length;
      crc = crc32(chunk, crc);
    }
    records.push({ rec: { name: `${folder}/data/${i}`, size, crc }, data: () => storage_bytes(s) });
  });
  records.push(small("version", ENC.encode("3\n")));
  const layout = zip_layout(
    records.map((r) => r.rec),
    force_zip64,
  );
  return { records, ...layout };
}

/** Writes the planned file, one storage chunk at a time. */
async function emit(plan: Plan, sink: Sink): Promise<void> {
  for (let i = 0; i < plan.records.length; i++) {
    await sink.write(plan.headers[i]);
    for (const chunk of plan.records[i].data()) await sink.write(chunk);
  }
  await sink.write(plan.trailer);
}

function emit_bytes(plan: Plan): Uint8Array {
  const sink = new BytesSink(plan.total);
  for (let i = 0; i < plan.records.length; i++) {
    sink.put(plan.headers[i]);
    for (const chunk of plan.records[i].data()) sink.put(chunk);
  }
  sink.put(plan.trailer);
  return sink.bytes;
}
