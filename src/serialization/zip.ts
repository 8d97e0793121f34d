/**
 * The zip container of a `.pt` file, read and written by hand: PyTorch stores its records
 * uncompressed, so the format is a few fixed headers around raw bytes.
 *
 * Reading trusts only the central directory for sizes and CRCs (local headers written by
 * PyTorch hold zeros there) and checks every length and offset against the file's size before
 * anything is allocated. Writing follows the layout that PyTorch 1.13 loads with
 * `weights_only=True`: stored records, each record's data at a multiple of 64 bytes (an `FB`
 * extra field pads it, as PyTorch's own writer does), zip64 fields only where a size or offset
 * needs them, or everywhere when forced (which the tests use to cover the zip64 paths).
 */
import { ensure, fail } from "./errors.js";
import type { Source } from "./io.js";

const U32 = 0xffffffff;
const U16 = 0xffff;
const ALIGN = 64;

export interface ZipRecord {
  name: string;
  method: number;
  crc: number;
  compressed_size: number;
  size: number;
  header_offset: number;
}

const utf8 = new TextDecoder("utf-8", { fatal: true });
const encoder = new TextEncoder();

function u64(v: DataView, at: number, what: string): number {
  const big = v.getBigUint64(at, true);
  ensure(big <= BigInt(Number.MAX_SAFE_INTEGER), `zip64 ${what} ${big} is too large`);
  return Number(big);
}

/** The records listed in the central directory, by name. */
export async function read_directory(src: Source): Promise<Map<string, ZipRecord>> {
  const size = src.size;
  ensure(size >= 22, `not a zip file: ${size} bytes is shorter than an end-of-directory record`);
  const tail_len = Math.min(size, 22 + U16);
  const tail_start = size - tail_len;
  const tail = await src.read(tail_start, tail_len);
  const tv = new DataView(tail.buffer, tail.byteOffset, tail.byteLength);
  let eocd = -1;
  for (let i = tail_len - 22; i >= 0; i--) {
    if (tv.getUint32(i, true) === 0x06054b50 && i + 22 + tv.getUint16(i + 20, true) <= tail_len) {
      eocd = i;
      break;
    }
  }
  ensure(eocd >= 0, "zip end-of-directory record not found (truncated file?)");
  const eocd_pos = tail_start + eocd;
  let count = tv.getUint16(eocd + 10, true);
  let cd_size = tv.getUint32(eocd + 12, true);
  let cd_offset = tv.getUint32(eocd + 16, true);
  ensure(
    tv.getUint16(eocd + 4, true) === 0 && tv.getUint16(eocd + 6, true) === 0,
    "multi-disk zip files are not supported",
  );
  let cd_end = eocd_pos;
  if (eocd_pos >= 20) {
    const loc = await src.read(eocd_pos - 20, 20);
    const lv = new DataView(loc.buffer, loc.byteOffset, 20);
    if (lv.getUint32(0, true) === 0x07064b50) {
      const z_off = u64(lv, 8, "end record offset");
      ensure(z_off + 56 <= eocd_pos - 20, `zip64 end record offset ${z_off} is past the end of the file`);
      const z = await src.read(z_off, 56);
      const zv = new DataView(z.buffer, z.byteOffset, 56);
      ensure(zv.getUint32(0, true) === 0x06064b50, "zip64 end record signature is wrong");
      count = u64(zv, 32, "entry count");
      cd_size = u64(zv, 40, "directory size");
      cd_offset = u64(zv, 48, "directory offset");
      cd_end = z_off;
    }
  }
  ensure(
    cd_offset + cd_size <= cd_end,
    `zip central directory (${cd_size} bytes at ${cd_offset}) runs past the end of the file`,
  );
  ensure(count * 46 <= cd_size, `zip directory claims ${count} entries in ${cd_size} bytes`);
  const cd = await src.read(cd_offset, cd_size);
  const v = new DataView(cd.buffer, cd.byteOffset, cd.byteLength);
  const records = new Map<string, ZipRecord>();
  let p = 0;
  for (let i = 0; i < count; i++) {
    ensure(p + 46 <= cd_size && v.getUint32(p, true) === 0x02014b50, `zip directory entry ${i} is damaged`);
    const flags = v.getUint16(p + 8, true);
    const method = v.getUint16(p + 10, true);
    const name_len = v.getUint16(p + 28, true);
    const extra_len = v.getUint16(p + 30, true);
    const comment_len = v.getUint16(p + 32, true);
    const end = p + 46 + name_len + extra_len + comment_len;
    ensure(end <= cd_size, `zip directory entry ${i} runs past the directory`);
    let name: string;
    try {
      name = utf8.decode(cd.subarray(p + 46, p + 46 + name_len));
    } catch {
      fail(`zip directory entry ${i} has a name that is not UTF-8`);
    }
    ensure((flags & 1) === 0, `zip record ${name} is encrypted`);
    ensure(
      method === 0 || method === 8,
      `zip record ${name} uses compression method ${method} (only stored and deflate are read)`,
    );
    let csize = v.getUint32(p + 20, true);
    let usize = v.getUint32(p + 24, true);
    let offset = v.getUint32(p + 42, true);
    // zip64 extra: the fields that overflowed, in the order size, compressed size, offset
    for (let e = p + 46 + name_len; e + 4 <= p + 46 + name_len + extra_len;) {
      const id = v.getUint16(e, true);
      const len = v.getUint16(e + 2, true);
      ensure(e + 4 + len <= p + 46 + name_len + extra_len, `zip record ${name} has a damaged extra field`);
      if (id === 1) {
        let q = e + 4;
        const take = (what: string) => {
          ensure(q + 8 <= e + 4 + len, `zip record ${name}: zip64 field ${what} is missing`);
          const x = u64(v, q, what);
          q += 8;
          return x;
        };
        if (usize === U32) usize = take("size");
        if (csize === U32) csize = take("compressed size");
        if (offset === U32) offset = take("header offset");
      }
      e += 4 + len;
    }
    ensure(!records.has(name), `zip record ${name} appears twice`);
    ensure(
      offset + 30 + csize <= cd_offset,
      `zip record ${name} (${csize} bytes at ${offset}) runs past the data area`,
    );
    if (method === 0)
      ensure(csize === usize, `zip record ${name}: stored size ${csize} differs from size ${usize}`);
    // deflate expands at most 1032:1; a larger claim would make the reader allocate for nothing
    else
      ensure(
        usize <= 1032 * csize + 64,
        `zip record ${name} claims ${usize} bytes from ${csize} deflated bytes`,
      );
    records.set(name, {
      name,
      method,
      crc: v.getUint32(p + 16, true),
      compressed_size: csize,
      size: usize,
      header_offset: offset,
    });
    p = end;
  }
  return records;
}

/** Where a record's bytes start: after its local header, whose lengths may differ from the directory's. */
export async function data_offset(src: Source, rec: ZipRecord): Promise<number> {
  const h = await src.read(rec.header_offset, 30);
  const hv = new DataView(h.buffer, h.byteOffset, 30);
  ensure(hv.getUint32(0, true) === 0x04034b50, `zip record ${rec.name}: local header signature is wrong`);
  const start = rec.header_offset + 30 + hv.getUint16(26, true) + hv.getUint16(28, true);
  ensure(start + rec.compressed_size <= src.size, `zip record ${rec.name} runs past the end of the file`);
  return start;
}

// ------------------------------------------------------------------------------ writing

export interface WriteRecord {
  name: string;
  size: number;
  crc: number;
}

export interface ZipLayout {
  /** per record: the local header, then the record's data */
  headers: Uint8Array[];
  /** the central directory and end records */
  trailer: Uint8Array;
  total: number;
}

class Writer {
  private bytes: Uint8Array;
  private v: DataView;
  pos = 0;
  constructor(n: number) {
    this.bytes = new Uint8Array(n);
    this.v = new DataView(this.bytes.buffer);
  }
  u16(x: number): this {
    this.v.setUint16(this.pos, x, true);
    this.pos += 2;
    return this;
  }
  u32(x: number): this {
    this.v.setUint32(this.pos, x, true);
    this.pos += 4;
    return this;
  }
  u64(x: number): this {
    this.v.setBigUint64(this.pos, BigInt(x), true);
    this.pos += 8;
    return this;
  }
  raw(b: Uint8Array): this {
    this.bytes.set(b, this.pos);
    this.pos += b.length;
    return this;
  }
  done(): Uint8Array {
    return this.bytes.subarray(0, this.pos);
  }
}

/**
 * The headers around records of known sizes and CRCs, laid out from offset 0. The caller
 * writes headers[i] then record i's data for each record, then the trailer.
 */
export function zip_layout(records: readonly WriteRecord[], force_zip64 = false): ZipLayout {
  const headers: Uint8Array[] = [];
  const central: { name: Uint8Array; rec: WriteRecord; offset: number }[] = [];
  let pos = 0;
  for (const rec of records) {
    const name = encoder.encode(rec.name);
    const z64 = force_zip64 || rec.size >= U32 || pos >= U32;
    const start = pos + 30 + name.length + (z64 ? 20 : 0) + 4;
    const pad = (ALIGN - (start % ALIGN)) % ALIGN;
    const w = new Writer(30 + name.length + 24 + pad);
    w.u32(0x04034b50)
      .u16(z64 ? 45 : 20)
      .u16(0)
      .u16(0)
      .u16(0)
      .u16(0)
      .u32(rec.crc);
    w.u32(z64 ? U32 : rec.size)
      .u32(z64 ? U32 : rec.size)
      .u16(name.length)
      .u16((z64 ? 20 : 0) + 4 + pad);
    w.raw(name);
    if (z64) w.u16(1).u16(16).u64(rec.size).u64(rec.size);
    w.u16(0x4246).u16(pad).raw(new Uint8Array(pad).fill(0x5a)); // "FB", then "Z" x pad
    const h = w.done();
    headers.push(h);
    central.push({ name, rec, offset: pos });
    pos += h.length + rec.size;
  }
  const cd_offset = pos;
  const cw = new Writer(central.reduce((n, c) => n + 46 + c.name.length + 28, 0) + 56 + 20 + 22);
  for (const { name, rec, offset } of central) {
    const big_size = force_zip64 || rec.size >= U32;
    const big_off = force_zip64 || offset >= U32;
    const vals = [...(big_size ? [rec.size, rec.size] : []), ...(big_off ? [offset] : [])];
    const need = vals.length ? 45 : 20;
    cw.u32(0x02014b50).u16(need).u16(need).u16(0).u16(0).u16(0).u16(0).u32(rec.crc);
    cw.u32(big_size ? U32 : rec.size)
      .u32(big_size ? U32 : rec.size)
      .u16(name.length);
    cw.u16(vals.length ? 4 + 8 * vals.length : 0)
      .u16(0)
      .u16(0)
      .u16(0)
      .u32(0)
      .u32(big_off ? U32 : offset);
    cw.raw(name);
    if (vals.length) {
      cw.u16(1).u16(8 * vals.length);
      for (const x of vals) cw.u64(x);
    }
  }
  const cd_size = cw.pos;
  const n = central.length;
  if (force_zip64 || cd_offset >= U32 || n >= U16) {
    const z_off = cd_offset + cd_size;
    cw.u32(0x06064b50).u64(44).u16(45).u16(45).u32(0).u32(0).u64(n).u64(n).u64(cd_size).u64(cd_offset);
    cw.u32(0x07064b50).u32(0).u64(z_off).u32(1);
    const count = force_zip64 ? U16 : Math.min(n, U16);
    cw.u32(0x06054b50).u16(0).u16(0).u16(count).u16(count);
    cw.u32(force_zip64 ? U32 : Math.min(cd_size, U32))
      .u32(force_zip64 ? U32 : Math.min(cd_offset, U32))
      .u16(0);
  } else {
    cw.u32(0x06054b50).u16(0).u16(0).u16(n).u16(n).u32(cd_size).u32(cd_offset).u16(0);
  }
  const trailer = cw.done();
  return { headers, trailer, total: cd_offset + trailer.length };
}
