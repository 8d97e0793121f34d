/**
 * torch.load's readers: the zip format (PyTorch >= 1.6) and the legacy stream (older files).
 * Both unpickle first, with each storage the pickle names allocated once its record is known to
 * hold enough bytes, then fill the storages. In the zip format each storage record streams from
 * the source straight into its tensor's memory (native dtypes) or through small conversion
 * chunks, with its CRC-32 checked on the way, so a file of any size is read with one copy of
 * its tensors in memory. Legacy files are read whole (they predate multi-GiB checkpoints).
 */
import { Storage } from "../tensor/storage.js";
import { crc32 } from "./crc32.js";
import { ensure, fail } from "./errors.js";
import type { Source } from "./io.js";
import { bytes_of, decode_into, loadable, type Decode, type FileDType } from "./storage_types.js";
import { TorchHost, type StorageProvider } from "./torch_globals.js";
import { Unpickler } from "./unpickler.js";
import { data_offset, read_directory, type ZipRecord } from "./zip.js";

/** Conversion and CRC work in pieces of this many bytes. */
const CHUNK = 16 << 20;

interface Pending {
  fd: FileDType;
  numel: number;
  storage: Storage;
  decode: Decode;
}

/**
 * One torch-ts storage per key, allocated only after `check(fd, numel)` accepted it and while
 * all storages together fit in the file (records may overlap in a hostile zip).
 */
class Storages implements StorageProvider {
  readonly pending = new Map<string, Pending>();
  private total = 0;
  constructor(
    private readonly file_size: number,
    private readonly check: (key: string, fd: FileDType, numel: number) => void,
  ) {}
  storage(key: string, fd: FileDType, numel: number): Storage {
    const had = this.pending.get(key);
    if (had) {
      ensure(
        had.fd === fd && had.numel === numel,
        `storage ${key} is used as ${had.numel} ${had.fd.name} and as ${numel} ${fd.name}`,
      );
      return had.storage;
    }
    const { dtype, decode } = loadable(fd, `storage ${key}`);
    this.check(key, fd, numel);
    this.total += numel * fd.itemsize;
    ensure(this.total <= this.file_size, `the storages need more bytes (${this.total}) than the file holds`);
    const storage = new Storage(new dtype.array(numel), dtype);
    this.pending.set(key, { fd, numel, storage, decode });
    return storage;
  }
}

async function inflate(src: Source, rec: ZipRecord, start: number): Promise<Uint8Array> {
  const packed = await src.read(start, rec.compressed_size);
  const out = new Uint8Array(rec.size);
  let at = 0;
  try {
    const stream = new Blob([packed.slice()]).stream().pipeThrough(new DecompressionStream("deflate-raw"));
    const reader = stream.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      const chunk = value as Uint8Array;
      if (at + chunk.length > out.length) {
        await reader.cancel();
        fail(`zip record ${rec.name} inflates past its declared ${rec.size} bytes`);
      }
      out.set(chunk, at);
      at += chunk.length;
    }
  } catch (e) {
    if (e instanceof Error && e.name === "SerializationError") throw e;
    fail(`zip record ${rec.name}: deflate data is damaged`);
  }
  ensure(at === rec.size, `zip record ${rec.name} inflates to ${at} bytes, not ${rec.size}`);
  return out;
}

function check_crc(rec: ZipRecord, crc: number): void {
  // a stored CRC of 0 means "not computed" (PyTorch 2.x can save without CRCs)
  ensure(
    rec.crc === 0 || rec.crc === crc,
    `zip record ${rec.name} fails its CRC-32 check: the file is damaged`,
  );
}

/** A whole (small) record: data.pkl, version, byteorder. */
async function read_record(src: Source, rec: ZipRecord): Promise<Uint8Array> {
  const start = await data_offset(src, rec);
  const data = rec.method === 8 ? await inflate(src, rec, start) : (await src.read(start, rec.size)).slice();
  check_crc(rec, crc32(data));
  return data;
}

async function fill_from_record(src: Source, rec: ZipRecord, p: Pending): Promise<void> {
  const start = await data_offset(src, rec);
  const need = p.numel * p.fd.itemsize;
  const arr = p.storage.data;
  if (rec.method === 8) {
    const all = await inflate(src, rec, start);
    check_crc(rec, crc32(all));
    decode_into(p.decode, all.subarray(0, need), arr, 0);
    return;
  }
  let crc = 0;
  if (p.decode === "native") {
    const target = bytes_of(arr);
    for (let at = 0; at < need; at += CHUNK) {
      const piece = target.subarray(at, Math.min(need, at + CHUNK));
      await src.read_into(start + at, piece);
      crc = crc32(piece, crc);
    }
  } else {
    const step = CHUNK - (CHUNK % p.fd.itemsize);
    for (let at = 0; at < need; at += step) {
      const piece = await src.read(start + at, Math.min(step, need - at));
      crc = crc32(piece, crc);
      decode_into(p.decode, piece, arr, at / p.fd.itemsize);
    }
  }
  // bytes past what the storage needs (PyTorch loads longer records) still count for the CRC
  for (let at = need; at < rec.size; at += CHUNK)
    crc = crc32(await src.read(start + at, Math.min(CHUNK, rec.size - at)), crc);
  check_crc(rec, crc);
}

export async function load_zip(src: Source): Promise<unknown> {
  const records = await read_directory(src);
  ensure(records.size > 0, "zip file has no records");
  const first = records.keys().next().value as string;
  const slash = first.indexOf("/");
  ensure(slash > 0, `file in archive is not in a subdirectory: ${first}`);
  const folder = first.slice(0, slash + 1);
  for (const name of records.keys())
    ensure(name.startsWith(folder), `file in archive is not in a subdirectory ${folder}: ${name}`);
  const rec = (name: string) => records.get(folder + name);
  ensure(
    !rec("constants.pkl"),
    "this is a TorchScript archive (torch.jit.save), which torch.load does not read",
  );
  const version_rec = rec("version") ?? rec(".data/version");
  ensure(version_rec !== undefined, `the archive has no ${folder}version record`);
  ensure(version_rec.size <= 16, "the version record is too long");
  const version = new TextDecoder().decode(await read_record(src, version_rec)).trim();
  ensure(
    /^[0-9]+$/.test(version) && +version >= 1 && +version <= 10,
    `unsupported checkpoint version '${version}' (1 to 10 are read)`,
  );
  const order = rec("byteorder");
  if (order) {
    ensure(order.size <= 16, "the byteorder record is too long");
    const b = new TextDecoder().decode(await read_record(src, order));
    ensure(b === "little", `byteorder '${b}': torch-ts reads little-endian checkpoints only`);
  }
  const pkl_rec = rec("data.pkl");
  ensure(pkl_rec !== undefined, `the archive has no ${folder}data.pkl record`);
  const pkl = await read_record(src, pkl_rec);

  const storage_rec = new Map<string, ZipRecord>();
  const storages = new Storages(src.size, (key, fd, numel) => {
    const r = rec(`data/${key}`);
    ensure(r !== undefined, `storage record ${folder}data/${key} not found`);
    const need = numel * fd.itemsize;
    ensure(
      r.size >= need,
      `storage record ${r.name} has ${r.size} bytes, but its tensors need ${numel} ${fd.name} elements (${need} bytes)`,
    );
    storage_rec.set(key, r);
  });
  const u = new Unpickler(pkl, new TorchHost(storages), `${folder}data.pkl`);
  const value = u.finalize(u.load());
  for (const [key, p] of storages.pending) await fill_from_record(src, storage_rec.get(key) as ZipRecord, p);
  return value;
}

const LEGACY_MAGIC = 0x1950a86a20f9469cfc6cn;

export async function load_legacy(src: Source): Promise<unknown> {
  const bytes = await src.read(0, src.size);
  const no_storages: StorageProvider = { storage: () => fail("legacy header pickles may not name storages") };
  let pos = 0;
  const next = (provider: StorageProvider, what: string) => {
    const u = new Unpickler(bytes, new TorchHost(provider), what, pos);
    const v = u.finalize(u.load());
    pos = u.end;
    return v;
  };
  ensure(
    next(no_storages, "legacy magic number") === LEGACY_MAGIC,
    "not a legacy PyTorch file: wrong magic number",
  );
  const protocol = next(no_storages, "legacy protocol version");
  ensure(protocol === 1001, `legacy protocol version ${String(protocol)} is not supported (1001 is)`);
  const info = next(no_storages, "legacy sys_info") as { little_endian?: unknown } | null;
  ensure(
    info !== null && typeof info === "object" && info.little_endian === true,
    "legacy file is not little-endian",
  );
  const storages = new Storages(bytes.length, (key, fd, numel) => {
    ensure(
      numel * fd.itemsize <= bytes.length,
      `legacy storage ${key} claims ${numel} ${fd.name} elements, more than the file holds`,
    );
  });
  const value = next(storages, "legacy data pickle");
  const keys = next(no_storages, "legacy storage keys");
  ensure(
    Array.isArray(keys) && keys.every((k) => typeof k === "string"),
    "legacy storage key list is not a list of strings",
  );
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const seen = new Set<string>();
  for (const key of keys) {
    const p = storages.pending.get(key);
    ensure(
      p !== undefined && !seen.has(key),
      `legacy storage ${key} is listed but no tensor uses it (or listed twice)`,
    );
    seen.add(key);
    ensure(pos + 8 <= bytes.length, `legacy storage ${key}: file ends before its size`);
    const count = Number(v.getBigInt64(pos, true));
    ensure(count === p.numel, `legacy storage ${key} holds ${count} elements, its tensors say ${p.numel}`);
    pos += 8;
    const n = count * p.fd.itemsize;
    ensure(pos + n <= bytes.length, `legacy storage ${key}: file ends inside its data`);
    decode_into(p.decode, bytes.subarray(pos, pos + n), p.storage.data, 0);
    pos += n;
  }
  ensure(seen.size === storages.pending.size, "legacy file is missing the data of a storage its tensors use");
  return value;
}
