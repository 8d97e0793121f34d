/**
 * torch-ts and PyTorch reading each other's checkpoints (test/golden/gen_serialization.py):
 * torch.save still writes the committed files byte for byte, PyTorch 1.13 loaded them with
 * weights_only=True (all but the files holding Python floats, which 1.13 refuses) and read the
 * values torch-ts reads; the round-trip example's losses are PyTorch's, both ways; and a model
 * trained and saved by PyTorch gives PyTorch's outputs in torch-ts.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import * as torch from "../../src/index.js";
import { load_golden } from "../helpers/golden.js";
import { data, make_model } from "../../examples/checkpoint_roundtrip.js";
import { fixture_files } from "./fixture_files.js";
import { Comparer } from "./expected.js";

interface Golden {
  reads: Record<string, { weights_only: string; value: unknown }>;
  roundtrip: {
    pytorch_losses: number[];
    continued_from_torch_ts: number[];
    step: number;
    model_10_forward: number[];
  };
}
const G = load_golden<Golden>("serialization");
const DIR = fileURLToPath(new URL("../fixtures/serialization/", import.meta.url));

const close = (actual: number[], expected: number[], what: string) =>
  torch.testing.assert_close(torch.tensor(actual), torch.tensor(expected), { msg: what });

test("torch.save writes the committed files byte for byte", () => {
  const files = fixture_files();
  assert.deepEqual(Object.keys(files).sort(), Object.keys(G.reads).sort());
  for (const [name, bytes] of Object.entries(files)) {
    assert.deepEqual(
      Buffer.from(bytes),
      readFileSync(DIR + name),
      `${name} changed: run write_fixtures.ts, then gen_serialization.py`,
    );
  }
});

for (const name of Object.keys(G.reads)) {
  test(`PyTorch 1.13 read ${name} as torch-ts reads it`, async () => {
    const { weights_only, value } = G.reads[name];
    if (name.startsWith("values")) assert.equal(weights_only, "ok");
    else assert.match(weights_only, /Unsupported operand 71/); // 1.13 refuses floats; 2.x reads them
    new Comparer().check(await torch.load(DIR + name), value);
  });
}

test("round trip: torch-ts' 5 steps are PyTorch's, PyTorch continues from them, torch-ts continues PyTorch's", () => {
  const R = G.roundtrip;
  const script = fileURLToPath(new URL("../../examples/checkpoint_roundtrip.ts", import.meta.url));
  const out = execFileSync(process.execPath, ["--import", "tsx", script], { encoding: "utf8" });
  const losses = (prefix: string) => {
    const line = out.split("\n").find((l) => l.startsWith(prefix));
    assert.ok(line, `no line starting "${prefix}" in:\n${out}`);
    return line
      .slice(line.indexOf(":") + 1)
      .trim()
      .split(" ")
      .map(Number);
  };
  close(losses("torch-ts steps 1-5"), R.pytorch_losses.slice(0, 5), "torch-ts steps 1-5");
  assert.equal(R.step, 5);
  close(R.continued_from_torch_ts, R.pytorch_losses.slice(5, 10), "PyTorch continuing torch-ts' checkpoint");
  close(
    losses("continued PyTorch's checkpoint (step 10)"),
    R.pytorch_losses.slice(10, 15),
    "torch-ts continuing PyTorch's",
  );
});

test("a model trained and saved by PyTorch gives PyTorch's outputs", async () => {
  const model = make_model();
  model.load_state_dict(await torch.load<torch.nn.StateDict>(DIR + "pytorch_model.pt"));
  const [x] = data();
  close(model(x).reshape(-1).tolist() as number[], G.roundtrip.model_10_forward, "forward");
});
