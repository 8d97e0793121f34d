/**
 * torch.save then torch.load in torch-ts: every kind of value comes back as it went in (views
 * still share storage, strides kept, Parameters, tuples as frozen arrays, int keys), module and
 * optimizer state dicts resume training on the same numbers, paths, sinks, Blobs and forced
 * zip64 files work, and src/ keeps Node's fs out of a browser bundle.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import * as torch from "../../src/index.js";
import * as safetensors from "../../src/serialization/safetensors.js";
import { ForeignDType, SerializationError } from "../../src/serialization/index.js";

const { nn, optim } = torch;

function sample(): Record<string, unknown> {
  const base = torch.arange(12, { dtype: torch.float32 });
  const meta = new Map<string, unknown>([["w", torch.tensor([1, 2])]]);
  (meta as Map<string, unknown> & { _metadata?: unknown })._metadata = new Map([["", { version: 1 }]]);
  return {
    base,
    view: base.view(3, 4).t(),
    window: base.narrow(0, 2, 5),
    f64: torch.tensor([0.1, -1e300], { dtype: torch.float64 }),
    i64: torch.tensor([1, -2, 2 ** 40, -(2 ** 53)], { dtype: torch.int64 }),
    i32: torch.tensor([[1, -2]], { dtype: torch.int32 }),
    b: torch.tensor([true, false]),
    scalar: torch.tensor(3.25),
    empty: torch.zeros(0, 3),
    grad: torch.ones(2, { requires_grad: true }),
    param: new nn.Parameter(torch.tensor([1, 2])),
    frozen_param: new nn.Parameter(torch.tensor([3]), false),
    numbers: [0, 7, -300, 65536, 2 ** 31, -(2 ** 31) - 1, 2 ** 53 - 1, 0.5, -0, NaN, Infinity, -Infinity],
    big: [2n ** 64n, -(2n ** 70n)],
    text: ["", "héllo ✓"],
    flags: [true, false, null],
    tuple: Object.freeze([1, "two", Object.freeze([3])]),
    int_keys: { 0: "zero", 12: "twelve", name: "n" },
    odd_keys: new Map<unknown, unknown>([
      ["0", "string zero"],
      [Object.freeze([1, 2]), "tuple key"],
    ]),
    ordered: meta,
    set: new Set([1, 2]),
    bytes: new Uint8Array([0, 255, 10]),
    dtypes: [torch.float32, torch.int64, new ForeignDType("float16")],
  };
}

test("save -> load round-trips every kind of value", async () => {
  const v = sample();
  const back = await torch.load<Record<string, unknown>>(torch.save(v));
  const t = (k: string) => back[k] as torch.Tensor;
  assert.deepEqual(t("view").stride(), [1, 4]);
  assert.equal(t("view")._storage, t("base")._storage);
  assert.equal(t("window")._storage, t("base")._storage);
  assert.equal(t("window").storage_offset(), 2);
  for (const k of ["base", "view", "window", "f64", "i64", "i32", "b", "scalar", "empty", "grad", "param"]) {
    const a = v[k] as torch.Tensor;
    assert.equal(t(k).dtype, a.dtype, k);
    assert.deepEqual(t(k).shape, a.shape, k);
    assert.deepEqual(t(k).tolist(), a.tolist(), k);
  }
  assert.equal(t("grad").requires_grad, true);
  assert.ok(t("param") instanceof nn.Parameter && t("param").requires_grad);
  assert.ok(t("frozen_param") instanceof nn.Parameter && !t("frozen_param").requires_grad);
  assert.deepEqual(back.numbers, v.numbers);
  assert.ok(Object.is((back.numbers as number[])[8], -0));
  assert.deepEqual(back.big, v.big);
  assert.deepEqual(back.text, v.text);
  assert.deepEqual(back.flags, v.flags);
  assert.deepEqual(back.tuple, v.tuple);
  assert.ok(Object.isFrozen(back.tuple) && Object.isFrozen((back.tuple as unknown[])[2]));
  assert.deepEqual(back.int_keys, { 0: "zero", 12: "twelve", name: "n" });
  const odd = back.odd_keys as Map<unknown, unknown>;
  assert.ok(odd instanceof Map && odd.get("0") === "string zero");
  assert.deepEqual([...odd.keys()][1], [1, 2]);
  const ordered = back.ordered as Map<string, unknown> & { _metadata?: unknown };
  assert.ok(ordered instanceof Map && ordered.get("w") instanceof torch.Tensor);
  assert.deepEqual(ordered._metadata, new Map([["", { version: 1 }]]));
  assert.deepEqual(back.set, new Set([1, 2]));
  assert.deepEqual(back.bytes, new Uint8Array([0, 255, 10]));
  assert.deepEqual(back.dtypes, [torch.float32, torch.int64, new ForeignDType("float16")]);
});

test("a module's state_dict loads back into the same architecture with the same outputs", async () => {
  torch.manual_seed(0);
  const make = () => new nn.Sequential(new nn.Linear(3, 5), new nn.Tanh(), new nn.Linear(5, 2));
  const a = make();
  const b = make();
  b.load_state_dict(await torch.load(torch.save(a.state_dict())));
  const x = torch.randn(4, 3);
  assert.deepEqual(b(x).tolist(), a(x).tolist());
});

test("an optimizer's state_dict resumes training on the same trajectory", async () => {
  torch.manual_seed(1);
  const x = torch.randn(8, 3);
  const y = torch.randn(8, 1);
  const model = new nn.Linear(3, 1);
  const opt = new optim.Adam(model.parameters(), { lr: 0.05 });
  const step = (m: torch.nn.Linear, o: torch.optim.Optimizer) => {
    o.zero_grad();
    const loss = nn.functional.mse_loss(m(x), y);
    loss.backward();
    o.step();
  };
  for (let i = 0; i < 3; i++) step(model, opt);
  const file = torch.save({ model: model.state_dict(), optimizer: opt.state_dict() });
  const ck = await torch.load<{ model: torch.nn.StateDict; optimizer: torch.optim.OptimizerStateDict }>(file);
  const model2 = new nn.Linear(3, 1);
  const opt2 = new optim.Adam(model2.parameters(), { lr: 0.5 });
  model2.load_state_dict(ck.model);
  opt2.load_state_dict(ck.optimizer);
  for (let i = 0; i < 3; i++) {
    step(model, opt);
    step(model2, opt2);
  }
  assert.deepEqual(model2.weight.tolist(), model.weight.tolist());
  assert.deepEqual(model2.bias!.tolist(), model.bias!.tolist());
});

test("paths, sinks and forced zip64 give the same value; the folder is named after the file", async () => {
  const dir = mkdtempSync(join(tmpdir(), "torch-ts-"));
  try {
    const v = { w: torch.arange(10, { dtype: torch.int64 }), s: "x" };
    const bytes = torch.save(v);
    await torch.save(v, join(dir, "my.model.pt"));
    const file = readFileSync(join(dir, "my.model.pt"));
    assert.ok(file.includes(Buffer.from("my.model/data.pkl")));
    const chunks: Uint8Array[] = [];
    await torch.save(v, { write: (c: Uint8Array) => void chunks.push(c) });
    assert.deepEqual(Buffer.concat(chunks), Buffer.from(bytes));
    const z64 = torch.save(v, { _force_zip64: true });
    assert.ok(Buffer.from(z64).includes(Buffer.from([0x50, 0x4b, 0x06, 0x06])));
    assert.notDeepEqual(z64, bytes);
    for (const src of [bytes, z64, new Uint8Array(file), join(dir, "my.model.pt")]) {
      const back = await torch.load<{ w: torch.Tensor; s: string }>(src);
      assert.deepEqual(back.w.tolist(), v.w.tolist());
      assert.equal(back.s, "x");
    }
    await safetensors.save_file({ a: torch.ones(3) }, join(dir, "a.safetensors"), { k: "v" });
    const st = await safetensors.load_file(join(dir, "a.safetensors"));
    assert.deepEqual(st.a.tolist(), [1, 1, 1]);
  } finally {
    rmSync(dir, { recursive: true });
  }
});

test("records are 64-byte aligned, in PyTorch's order, with version 3", () => {
  const bytes = torch.save({ a: torch.ones(3), b: torch.zeros(2, { dtype: torch.float64 }) });
  const text = Buffer.from(bytes).toString("latin1");
  const names = [
    "archive/data.pkl",
    "archive/byteorder",
    "archive/data/0",
    "archive/data/1",
    "archive/version",
  ];
  let last = -1;
  for (const n of names) {
    const at = text.indexOf(n);
    assert.ok(at > last, n);
    last = at;
  }
  // the first record's data starts at 64
  assert.equal(bytes[64], 0x80);
});

test("what torch.save refuses, and torch.load's options", async () => {
  assert.throws(() => torch.save(new nn.Linear(1, 1)), /cannot save a Linear.*state_dict/);
  const loop: unknown[] = [];
  loop.push(loop);
  assert.throws(() => torch.save(loop), SerializationError);
  assert.throws(() => torch.save({ f: () => 1 }), /cannot save a function at \[f\]/);
  assert.throws(() => torch.save(1, { _use_new_zipfile_serialization: false }), /zip format/);
  const ok = torch.save(1);
  await assert.rejects(torch.load(ok, { weights_only: false }), /weights_only=false does not exist/);
  await assert.rejects(torch.load(ok, { map_location: "cuda:0" }), /only the "cpu" device/);
  assert.equal(await torch.load(ok, "cpu"), 1);
  assert.equal(await torch.load(ok, { map_location: { "cuda:0": "cpu" } }), 1);
});

test("src/ reaches Node built-ins only at run time (node_fs's dynamic import, process.getBuiltinModule), so browser bundles stay clean", () => {
  const root = fileURLToPath(new URL("../../src/", import.meta.url));
  const files = readdirSync(root, { recursive: true })
    .map(String)
    .filter((f) => f.endsWith(".ts"));
  assert.ok(files.length > 50);
  for (const f of files) {
    const text = readFileSync(join(root, f), "utf8");
    assert.doesNotMatch(text, /from\s+["']node:|(?<![\w$])require\(|import\(\s*["']node:/, f);
  }
});
