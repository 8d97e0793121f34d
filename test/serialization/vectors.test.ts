/**
 * torch.load and safetensors against the checkpoint test vectors (test/fixtures/checkpoints,
 * made by PyTorch 1.13 and a reference writer; expected.json records what torch.load returned):
 * every vector loads to the recorded value, the hostile pickle is refused naming posix.system,
 * tiny.pt and the upstream safetensors vector are written byte for byte, and the model
 * checkpoint gives PyTorch's forward pass.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import * as torch from "../../src/index.js";
import * as safetensors from "../../src/serialization/safetensors.js";
import { UnpicklingError } from "../../src/serialization/index.js";
import { Comparer } from "./expected.js";

const DIR = fileURLToPath(new URL("../fixtures/checkpoints/", import.meta.url));
const read = (name: string) => readFileSync(DIR + name);

interface FileInfo {
  value?: unknown;
  format: string;
  header?: Record<string, { dtype: string; shape: number[]; data_offsets: [number, number] }>;
  records?: { name: string; data_offset: number; size: number; crc32: number }[];
  forward?: { x: number[][]; y: number[][] };
}
const EXPECTED = JSON.parse(readFileSync(DIR + "expected.json", "utf8")) as {
  files: Record<string, FileInfo>;
};
const PT_FILES = Object.keys(EXPECTED.files).filter(
  (f) => f.endsWith(".pt") && f !== "hostile_posix_system.pt",
);

test("the fixture folder holds every vector expected.json describes", () => {
  for (const f of Object.keys(EXPECTED.files)) assert.ok(read(f).length > 0, f);
  assert.equal(PT_FILES.length, 9);
});

for (const name of PT_FILES) {
  test(`torch.load(${name}) returns what PyTorch's torch.load returned`, async () => {
    const info = EXPECTED.files[name];
    const bytes = read(name);
    new Comparer().check(await torch.load(bytes), info.value);
    // the other source kinds give the same value
    new Comparer().check(
      await torch.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length)),
      info.value,
    );
    new Comparer().check(await torch.load(new Blob([bytes])), info.value);
    new Comparer().check(await torch.load(DIR + name, { map_location: "cpu" }), info.value);
  });
}

test("views of one storage share memory after loading (mixed.pt)", async () => {
  const v = await torch.load<Record<string, torch.Tensor>>(read("mixed.pt"));
  v.base.fill_(7);
  assert.deepEqual(v.view_2x3.tolist(), [
    [7, 7, 7],
    [7, 7, 7],
  ]);
});

test("the hostile pickle is refused, naming posix.system", async () => {
  await assert.rejects(torch.load(read("hostile_posix_system.pt")), (e: Error) => {
    assert.ok(e instanceof UnpicklingError);
    assert.match(e.message, /unsupported global posix\.system/);
    return true;
  });
});

test("tiny.pt is written byte for byte", () => {
  const ours = torch.save({ w: torch.tensor([1, 2]) });
  assert.deepEqual(Buffer.from(ours), read("tiny.pt"));
  // and its records sit where PyTorch's reference put them
  const recs = EXPECTED.files["tiny.pt"].records!;
  assert.deepEqual(
    recs.map((r) => r.data_offset),
    [64, 256, 320, 384],
  );
});

test("model_state_dict.pt loads into the same architecture and gives PyTorch's outputs", async () => {
  const model = new torch.nn.Sequential(
    new torch.nn.Linear(3, 4),
    new torch.nn.ReLU(),
    new torch.nn.Linear(4, 2),
  );
  const sd = await torch.load<torch.nn.StateDict>(DIR + "model_state_dict.pt");
  const r = model.load_state_dict(sd);
  assert.deepEqual([r.missing_keys, r.unexpected_keys], [[], []]);
  const { x, y } = EXPECTED.files["model_state_dict.pt"].forward!;
  torch.testing.assert_close(model.forward(torch.tensor(x)), torch.tensor(y));
});

test("adam_state_dict.pt loads into optimizer.load_state_dict", async () => {
  const model = new torch.nn.Sequential(
    new torch.nn.Linear(3, 4),
    new torch.nn.ReLU(),
    new torch.nn.Linear(4, 2),
  );
  const opt = new torch.optim.Adam(model.parameters(), { lr: 0.5 });
  opt.load_state_dict(await torch.load<torch.optim.OptimizerStateDict>(DIR + "adam_state_dict.pt"));
  assert.equal(opt.param_groups[0].lr, 0.01);
  assert.deepEqual(opt.param_groups[0].betas, [0.9, 0.999]);
  const p0 = opt.param_groups[0].params[0];
  const s = opt.state.get(p0) as { step: torch.Tensor; exp_avg: torch.Tensor };
  assert.equal(s.step.item(), 2);
  assert.deepEqual(s.exp_avg.shape, [4, 3]);
});

test("safetensors vectors load with their header's dtypes, shapes and values", async () => {
  const up = await safetensors.load(read("upstream_vector.safetensors"));
  assert.deepEqual(Object.keys(up), ["attn0"]);
  assert.deepEqual(up.attn0.shape, EXPECTED.files["upstream_vector.safetensors"].header!.attn0.shape);
  assert.deepEqual(up.attn0.reshape(-1).tolist(), [0, 1, 2, 3, 4, 5]);

  const small = await safetensors.load_file(DIR + "small.safetensors");
  const header = EXPECTED.files["small.safetensors"].header!;
  assert.deepEqual(
    Object.keys(small).sort(),
    Object.keys(header)
      .filter((k) => k !== "__metadata__")
      .sort(),
  );
  for (const [k, h] of Object.entries(header)) {
    if (k !== "__metadata__") assert.deepEqual(small[k].shape, h.shape, k);
  }
  // the generator's inputs: I64 2^40+1, F32 [0.5, -0.5], F16 [1.5, -0.25] (as float32), BOOL [1, 0, 1]
  assert.equal(small["a.steps"].dtype, torch.int64);
  assert.equal(small["a.steps"].item(), 2 ** 40 + 1);
  assert.deepEqual(small["b.bias"].tolist(), [0.5, -0.5]);
  assert.equal(small["a.half"].dtype, torch.float32);
  assert.deepEqual(small["a.half"].tolist(), [1.5, -0.25]);
  assert.deepEqual(small["a.mask"].tolist(), [true, false, true]);
});

test("safetensors writer reproduces the upstream vector byte for byte", () => {
  const t = torch.arange(6, { dtype: torch.float32 }).view(1, 1, 2, 3);
  assert.deepEqual(Buffer.from(safetensors.save({ attn0: t })), read("upstream_vector.safetensors"));
  // a Map (what state_dict() returns) works as well
  assert.deepEqual(
    Buffer.from(safetensors.save(new Map([["attn0", t]]))),
    read("upstream_vector.safetensors"),
  );
});

test("a checkpoint re-zipped by Python's zipfile with deflate (no alignment, no descriptors) loads", async () => {
  // test/fixtures/zipfile/mixed_deflated.pt: mixed.pt's records written by zipfile.ZIP_DEFLATED
  const file = fileURLToPath(new URL("../fixtures/zipfile/mixed_deflated.pt", import.meta.url));
  const bytes = readFileSync(file);
  assert.equal(bytes.readUInt16LE(8), 8); // the first record is deflated
  new Comparer().check(await torch.load(file), EXPECTED.files["mixed.pt"].value);
});

test("a module's state_dict carries PyTorch's _metadata, and saves as PyTorch's file does", async () => {
  torch.manual_seed(0);
  const model = new torch.nn.Sequential(
    new torch.nn.Linear(3, 4),
    new torch.nn.ReLU(),
    new torch.nn.Linear(4, 2),
  );
  const ours = model.state_dict();
  const theirs = await torch.load<torch.nn.StateDict>(DIR + "model_state_dict.pt");
  assert.deepEqual([...ours._metadata!], [...theirs._metadata!]);
  const back = await torch.load<torch.nn.StateDict>(torch.save(ours));
  assert.deepEqual([...back._metadata!], [...theirs._metadata!]);
});
