/**
 * Damaged and hostile files, one defect at a time: each is refused with an error that says what
 * is wrong (never a hang, a crash, garbage values or an allocation the file cannot back).
 * PyTorch 1.13 checks neither CRCs nor short storages; torch-ts checks both.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import * as torch from "../../src/index.js";
import * as safetensors from "../../src/serialization/safetensors.js";
import { SerializationError } from "../../src/serialization/index.js";
import { float_tensor_pickle, pickle, pt_of, str, zip_of } from "./craft.js";

const DIR = fileURLToPath(new URL("../fixtures/checkpoints/", import.meta.url));
const tiny = new Uint8Array(readFileSync(DIR + "tiny.pt"));
const f32 = (...v: number[]) => new Uint8Array(new Float32Array(v).buffer);
const enc = new TextEncoder();

async function refused(bytes: Uint8Array, pattern: RegExp): Promise<void> {
  await assert.rejects(torch.load(bytes), (e: Error) => {
    assert.ok(e instanceof SerializationError, `${e.name}: ${e.message}`);
    assert.match(e.message, pattern);
    return true;
  });
}

test("a hand-made file loads (the craft helpers are sound)", async () => {
  const t = await torch.load<torch.Tensor>(pt_of(float_tensor_pickle(3, [3], [1]), { 0: f32(1, 2, 3) }));
  assert.deepEqual(t.tolist(), [1, 2, 3]);
});

test("truncated files", async () => {
  for (const n of [0, 3, 21, 100, 300, tiny.length - 1]) {
    await refused(
      tiny.subarray(0, n),
      /empty|end-of-directory|not a PyTorch checkpoint|past the end|truncated/,
    );
  }
});

test("wrong CRC: a flipped data byte is caught", async () => {
  const bad = tiny.slice();
  bad[320] ^= 1; // first byte of data/0
  await refused(bad, /archive\/data\/0 fails its CRC-32 check/);
  const pkl = tiny.slice();
  pkl[100] ^= 0x20;
  await refused(pkl, /data\.pkl fails its CRC-32 check/);
});

test("storage shorter than the tensor needs, views past the storage, absurd sizes", async () => {
  await refused(
    pt_of(float_tensor_pickle(4, [4], [1]), { 0: f32(1, 2) }),
    /data\/0 has 8 bytes, but its tensors need 4 float32/,
  );
  await refused(
    pt_of(float_tensor_pickle(2, [3], [1]), { 0: f32(1, 2) }),
    /reaches past storage 0 of 2 elements/,
  );
  await refused(pt_of(float_tensor_pickle(2, [2], [1], 1), { 0: f32(1, 2) }), /reaches past storage/);
  await refused(
    pt_of(float_tensor_pickle(2 ** 30, [2 ** 30], [1]), { 0: f32(1, 2) }),
    /needs? .*1073741824 float32/,
  );
  await refused(pt_of(float_tensor_pickle(2, [2], [1]), {}), /storage record archive\/data\/0 not found/);
});

test("container damage: sizes and offsets past the end, no folder, no version, TorchScript, big-endian", async () => {
  // central directory entry of data/0: patch its compressed and plain sizes
  const cd = tiny.slice();
  const at = Buffer.from(cd).indexOf("archive/data/0", 386) - 46;
  new DataView(cd.buffer).setUint32(at + 20, 0x7fffffff, true);
  new DataView(cd.buffer).setUint32(at + 24, 0x7fffffff, true);
  await refused(cd, /archive\/data\/0 .* runs past the data area/);
  const off = tiny.slice();
  new DataView(off.buffer).setUint32(at + 42, 0x7ffffff0, true);
  await refused(off, /runs past the data area/);
  const v = enc.encode("3\n");
  await refused(
    zip_of([
      ["data.pkl", pickle(0x80, 2, 0x4e, 0x2e)],
      ["version", v],
    ]),
    /not in a subdirectory: data\.pkl/,
  );
  await refused(zip_of([["a/data.pkl", pickle(0x80, 2, 0x4e, 0x2e)]]), /no a\/version record/);
  await refused(
    zip_of([
      ["a/data.pkl", pickle(0x80, 2, 0x4e, 0x2e)],
      ["a/version", enc.encode("11")],
    ]),
    /version '11'/,
  );
  await refused(
    zip_of([
      ["a/data.pkl", pickle(0x80, 2, 0x4e, 0x2e)],
      ["a/constants.pkl", v],
      ["a/version", v],
    ]),
    /TorchScript/,
  );
  await refused(
    zip_of([
      ["a/data.pkl", pickle(0x80, 2, 0x4e, 0x2e)],
      ["a/byteorder", enc.encode("big")],
      ["a/version", v],
    ]),
    /byteorder 'big'/,
  );
  await refused(
    zip_of([
      ["a/data.pkl", pickle(0x80, 2, 0x4e, 0x2e)],
      ["b/version", v],
    ]),
    /not in a subdirectory a\/: b\/version/,
  );
  const tar = new Uint8Array(1024);
  tar.set(enc.encode("ustar"), 257);
  await refused(tar, /tar format/);
});

test("hostile pickles: deep nesting, huge lengths, unknown opcodes, missing memo, calls on non-callables", async () => {
  const deep = pickle(
    0x80,
    2,
    ...new Array<number>(3000).fill(0x5d),
    ...new Array<number>(2999).fill(0x61),
    0x2e,
  );
  await refused(pt_of(deep), /nest deeper than 1000 levels/);
  const tuples = pickle(0x80, 2, 0x4e, ...new Array<number>(3000).fill(0x85), 0x2e);
  await refused(pt_of(tuples), /nest deeper/);
  await refused(
    pt_of(pickle(0x80, 2, 0x58, 0xf0, 0xff, 0xff, 0xff, 0x2e)),
    /truncated: 4294967280 bytes wanted/,
  );
  await refused(
    pt_of(pickle(0x80, 2, 0x8d, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f, 0x2e)),
    /truncated/,
  );
  await refused(pt_of(pickle(0x80, 2, 0x49, "1\n", 0x2e)), /unsupported pickle opcode 0x49/);
  await refused(pt_of(pickle(0x80, 2, 0x6a, 0xff, 0xff, 0xff, 0xff, 0x2e)), /memo key 4294967295 is not set/);
  await refused(pt_of(pickle(0x80, 2, str("x"), 0x29, 0x52, 0x2e)), /REDUCE on a string/);
  await refused(pt_of(pickle(0x80, 2, 0x2e)), /stack underflow|STOP with 0 values/);
  await refused(pt_of(pickle(0x80, 2, 0x65, 0x2e)), /no MARK/);
  await refused(pt_of(pickle(0x80, 2, 0x28, 0x4e, 0x2e)), /MARK left open/);
  await refused(
    pt_of(pickle(0x80, 2, "cbuiltins\neval\n", str("1"), 0x85, 0x52, 0x2e)),
    /unsupported global builtins\.eval/,
  );
  await refused(
    pt_of(pickle(0x80, 2, "ctorch._utils\n_rebuild_qtensor\n", 0x2e)),
    /allowed by PyTorch.*not supported by torch-ts/,
  );
  await refused(pt_of(pickle(0x80, 2, 0x29, 0x4e, 0x61, 0x2e)), /APPEND to a list or tuple/);
  await refused(pt_of(pickle(0x80, 2, 0x5d, 0x4e, 0x4e, 0x73, 0x2e)), /SETITEM on a list or tuple/);
  await refused(
    pt_of(pickle(0x80, 2, "ctorch\nFloatStorage\n", 0x2e)),
    /bare torch\.FloatStorage|bare storage/,
  );
});

test("two tensors that disagree about a storage's dtype are refused", async () => {
  const a = float_tensor_pickle(2, [2], [1]);
  const b = Buffer.from(a).toString("latin1").replace("FloatStorage", "IntStorage\n").replace("\n\n", "\n");
  const both = pickle(
    0x80,
    2,
    0x28,
    a.subarray(2, a.length - 1),
    Buffer.from(b, "latin1").subarray(2, b.length - 1),
    0x74,
    0x2e,
  );
  await refused(pt_of(both, { 0: f32(1, 2) }), /storage 0 is used as 2 float32 and as 2 int32/);
});

test("damaged safetensors", async () => {
  const good = safetensors.save({ a: torch.ones(2), b: torch.zeros(1) });
  const st_refused = (b: Uint8Array, re: RegExp) =>
    assert.rejects(safetensors.load(b), (e: Error) => e instanceof SerializationError && re.test(e.message));
  const big = good.slice();
  new DataView(big.buffer).setBigUint64(0, 200_000_000n, true);
  await st_refused(big, /over the 100 MB limit/);
  const past = good.slice();
  new DataView(past.buffer).setBigUint64(0, 5000n, true);
  await st_refused(past, /runs past the end/);
  await st_refused(good.subarray(0, good.length - 1), /runs past the end|needs/);
  await st_refused(new Uint8Array([...good, 0]), /1 bytes past its last tensor/);
  const json = Buffer.from(good).toString("latin1").replace('"data_offsets":[0,8]', '"data_offsets":[0,9]');
  await st_refused(new Uint8Array(Buffer.from(json, "latin1")), /needs 8 bytes, data_offsets give 9/);
  const dtype = Buffer.from(good).toString("latin1").replace('"F32"', '"X32"');
  await st_refused(new Uint8Array(Buffer.from(dtype, "latin1")), /unknown dtype X32/);
  const x = torch.ones(4);
  assert.throws(() => safetensors.save({ a: x, b: x.view(2, 2) }), /share memory/);
  assert.throws(() => safetensors.save({ a: torch.ones(2, 3).t() }), /not contiguous/);
});
