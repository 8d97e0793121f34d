/**
 * Fuzz: 12000 mutations (bit flips, byte stores, truncations, u16/u32/u64 length fields set to
 * extreme values, inserted and deleted bytes) of valid files: every checkpoint vector, files
 * torch-ts writes (plain and forced zip64), the legacy file, and safetensors. Half the .pt
 * cases mutate data.pkl and rebuild the zip with correct CRCs, so the pickle machine itself
 * sees the damage instead of the CRC check. Every outcome must be a clean load or one of our
 * errors; a load may not build more tensor memory than 4 bytes per file byte (the widest
 * widening, uint8 to int32), and the process's memory stays bounded. Seeded, so reproducible.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import * as torch from "../../src/index.js";
import * as safetensors from "../../src/serialization/safetensors.js";
import { SerializationError } from "../../src/serialization/index.js";
import { bytes_source } from "../../src/serialization/io.js";
import { data_offset, read_directory } from "../../src/serialization/zip.js";
import { zip_of } from "./craft.js";

const DIR = fileURLToPath(new URL("../fixtures/checkpoints/", import.meta.url));
const CASES = 12000;

/** mulberry32: a small seeded generator */
function rng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function mutate(src: Uint8Array, r: () => number): Uint8Array {
  const int = (n: number) => Math.floor(r() * n);
  let b = src.slice();
  const n = 1 + int(3);
  for (let k = 0; k < n && b.length > 0; k++) {
    const at = int(b.length);
    const v = new DataView(b.buffer);
    switch (int(7)) {
      case 0:
        b[at] ^= 1 << int(8);
        break;
      case 1:
        b[at] = [0, 0xff, 0x7f, 0x80, int(256)][int(5)];
        break;
      case 2:
        b = b.slice(0, int(b.length));
        break;
      case 3:
        if (at + 4 <= b.length)
          v.setUint32(at, [0xffffffff, 0x7fffffff, 0x80000000, int(2 ** 32), 0][int(5)], true);
        break;
      case 4:
        if (at + 2 <= b.length) v.setUint16(at, [0xffff, 0, int(65536)][int(3)], true);
        break;
      case 5:
        if (at + 8 <= b.length)
          v.setBigUint64(at, [2n ** 64n - 1n, 2n ** 53n, BigInt(int(2 ** 31))][int(3)], true);
        break;
      case 6: {
        const cut = 1 + int(8);
        b =
          r() < 0.5
            ? new Uint8Array([...b.subarray(0, at), ...b.subarray(at + cut)])
            : new Uint8Array([
                ...b.subarray(0, at),
                ...new Uint8Array(cut).fill(int(256)),
                ...b.subarray(at),
              ]);
      }
    }
  }
  return b;
}

/** A .pt file's records, in directory order (for rebuilding it around a mutated data.pkl). */
async function records(file: Uint8Array): Promise<[string, Uint8Array][]> {
  const src = bytes_source(file);
  const out: [string, Uint8Array][] = [];
  for (const rec of (await read_directory(src)).values()) {
    const start = await data_offset(src, rec);
    out.push([rec.name, file.subarray(start, start + rec.size)]);
  }
  return out;
}

function tensor_bytes(v: unknown, seen = new Set<unknown>()): number {
  if (typeof v !== "object" || v === null || seen.has(v)) return 0;
  seen.add(v);
  if (v instanceof torch.Tensor) return v._storage.data.byteLength;
  const items =
    v instanceof Map ? [...v.keys(), ...v.values()] : v instanceof Set ? [...v] : Object.values(v);
  return items.reduce((n: number, x) => n + tensor_bytes(x, seen), 0);
}

test(`fuzz: ${CASES} mutated files load cleanly or fail with our errors, within bounded memory`, async () => {
  const pt: Uint8Array[] = [
    "model_state_dict.pt",
    "adam_state_dict.pt",
    "mixed.pt",
    "noncontiguous.pt",
    "handwritten.pt",
    "tiny.pt",
    "handwritten_floats.pt",
    "extra_records.pt",
    "hostile_posix_system.pt",
  ].map((f) => new Uint8Array(readFileSync(DIR + f)));
  const mixed = {
    a: torch.arange(6).view(2, 3).t(),
    b: torch.tensor([1, 2], { dtype: torch.int64 }),
    c: [1, 0.5, "x"],
    d: new Map([["k", torch.ones(1)]]),
  };
  pt.push(torch.save(mixed), torch.save(mixed, { _force_zip64: true }));
  const legacy = new Uint8Array(readFileSync(DIR + "legacy_format.pt"));
  const st = [
    new Uint8Array(readFileSync(DIR + "small.safetensors")),
    safetensors.save({ w: torch.ones(3, 2), i: torch.tensor([7], { dtype: torch.int64 }) }),
  ];
  const pt_records = await Promise.all(pt.map(records));
  const r = rng(20240611);
  const outcomes = { loaded: 0, refused: 0 };
  const rss0 = process.memoryUsage().rss;
  for (let i = 0; i < CASES; i++) {
    const pick = r();
    let bytes: Uint8Array;
    let load: (b: Uint8Array) => Promise<unknown> = (b) => torch.load(b);
    if (pick < 0.4) {
      const recs = pt_records[Math.floor(r() * pt.length)].slice();
      recs[0] = [recs[0][0], mutate(recs[0][1], r)]; // data.pkl, CRC made right again
      bytes = zip_of(recs);
    } else if (pick < 0.8) bytes = mutate(pt[Math.floor(r() * pt.length)], r);
    else if (pick < 0.9) bytes = mutate(legacy, r);
    else {
      bytes = mutate(st[Math.floor(r() * st.length)], r);
      load = (b) => safetensors.load(b);
    }
    try {
      const v = await load(bytes);
      outcomes.loaded++;
      assert.ok(
        tensor_bytes(v) <= 4 * bytes.length,
        `case ${i}: ${tensor_bytes(v)} tensor bytes from a ${bytes.length}-byte file`,
      );
    } catch (e) {
      if (!(e instanceof SerializationError))
        throw new Error(`case ${i}: not one of our errors: ${String(e)}`, { cause: e });
      outcomes.refused++;
    }
  }
  assert.equal(outcomes.loaded + outcomes.refused, CASES);
  assert.ok(outcomes.loaded > 100 && outcomes.refused > 100, JSON.stringify(outcomes));
  assert.ok(process.memoryUsage().rss - rss0 < 512 * 2 ** 20, "memory grew by more than 512 MiB");
});
