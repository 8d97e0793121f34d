/**
 * Types that fit how PyTorch code is written, each found while porting PyTorch's tutorials:
 * every case is checked twice, by `tsc` (this file is type-checked by `npm run typecheck`;
 * `@ts-expect-error` lines fail the check if the types stop rejecting them) and at run time.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { inspect } from "node:util";
import * as torch from "../src/index.js";

const { nn } = torch;
const { TensorDataset, DataLoader } = torch.utils.data;

test("new nn.Linear({ in_features, out_features }) alongside the positional form", () => {
  torch.manual_seed(0);
  const a = new nn.Linear({ in_features: 3, out_features: 2 });
  torch.manual_seed(0);
  const b = new nn.Linear(3, 2);
  torch.manual_seed(0);
  const c = new nn.Linear(3, { out_features: 2, bias: false });
  assert.equal(String(a), "Linear(in_features=3, out_features=2, bias=True)");
  assert.equal(String(c), "Linear(in_features=3, out_features=2, bias=False)");
  assert.ok(torch.equal(a.weight, b.weight) && torch.equal(a.weight, c.weight));
  assert.throws(
    // @ts-expect-error: out_features is required
    () => new nn.Linear({ in_features: 3 }),
    /missing 1 required positional argument: 'out_features'/,
  );
  assert.throws(
    // @ts-expect-error: a size is given once
    () => new nn.Linear(3, { in_features: 3, out_features: 2 }),
    /multiple values for argument 'in_features'/,
  );
});

test("Sequential.get(i) is typed from the constructor's modules", () => {
  const model = new nn.Sequential(new nn.Linear(4, 3), new nn.ReLU(), new nn.Linear(3, 1));
  const first: torch.nn.Linear = model.get(0);
  const bias: torch.Tensor | null = model.get(0).bias;
  const act: torch.nn.ReLU = model.get(1);
  assert.equal(first.out_features, 3);
  assert.deepEqual(bias?.shape, [3]);
  assert.equal(act, model.get(-2));
  // @ts-expect-error: position 1 is a ReLU, which has no weight
  assert.equal(model.get(1).weight, undefined);
  // a computed or negative index gives any of its modules
  const any_layer: torch.nn.Linear | torch.nn.ReLU = model.get(-1);
  assert.ok(any_layer instanceof nn.Linear);
  const sliced: torch.nn.Sequential = model.get("1:");
  assert.equal(sliced.len(), 2);
});

test("Tensor.type(dtype) returns a Tensor; type() alone returns the type name", () => {
  const x = torch.tensor([1.5, 2.5]);
  const name: string = x.type();
  const d: torch.Tensor = x.type(torch.float64);
  assert.equal(name, "torch.FloatTensor");
  assert.equal(d.dtype, torch.float64);
  assert.equal(d.type(torch.int64).sum().item(), 3);
});

test("x.to(device) takes 'cpu' and torch.device; torch.device exists", () => {
  const x = torch.ones(2);
  const cpu = torch.device("cpu");
  assert.equal(x.to("cpu"), x);
  assert.equal(x.to(cpu), x);
  assert.equal(x.to(new torch.device("cpu:0")), x);
  assert.equal(x.to("cpu", torch.float64).dtype, torch.float64);
  assert.equal(x.to(cpu, { dtype: torch.int64 }).dtype, torch.int64);
  assert.notEqual(x.to("cpu", { copy: true }), x);
  assert.equal(x.to(torch.zeros(1, { dtype: torch.float64 })).dtype, torch.float64);
  assert.equal(x.to({ device: "cpu", dtype: torch.float64 }).dtype, torch.float64);
  assert.equal(String(cpu), "cpu");
  assert.equal(inspect(torch.device("cuda", 1)), "device(type='cuda', index=1)");
  assert.equal(torch.device("cuda:0").index, 0);
  assert.throws(() => x.to("cuda"), /to: device 'cuda' is not available: torch-ts runs on the cpu/);
  assert.throws(
    () => torch.device("gpu"),
    /Expected one of cpu, cuda, .* device type at start of device string: gpu/,
  );
  assert.throws(() => torch.zeros(2, { device: torch.device("mps") }), /device 'mps' is not available/);
  const model = new nn.Linear(2, 1);
  assert.equal(model.to(torch.device("cpu")), model);
  assert.throws(
    () => model.to(torch.device("cuda")),
    /to: device .cuda. is not available: torch-ts runs on the cpu/,
  );
  // @ts-expect-error: a number is not a device
  assert.throws(() => x.to(0), /invalid combination of arguments/);
});

test("dataloader.dataset keeps its dataset's type", () => {
  const ds = new TensorDataset(torch.arange(6).view(3, 2), torch.arange(3));
  const loader = new DataLoader(ds, { batch_size: 2 });
  const tensors: torch.Tensor[] = loader.dataset.tensors;
  assert.equal(tensors.length, 2);
  assert.equal(loader.dataset, ds);
  for (const [x, y] of loader) {
    const xb: torch.Tensor = x;
    // @ts-expect-error: batches are tensors, not strings
    const s: string = y;
    assert.ok(xb instanceof torch.Tensor && typeof s !== "string");
  }
  const from_array = new DataLoader([1, 2, 3], 2);
  const items: readonly number[] = from_array.dataset;
  assert.deepEqual(items, [1, 2, 3]);
});
