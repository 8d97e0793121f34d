/**
 * The arguments of to(): Tensor.to and Module.to read them with one parser (ops/convert/
 * convert.ts), so both refuse a device other than the cpu, an unknown key and a value of the
 * wrong type with the same message; Module.to has no `copy`, as PyTorch's.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as torch from "../../../src/index.js";

const { nn } = torch;
/** A call made through `never`: the mistakes below are exactly what the types would refuse. */
const bad = <T>(v: unknown) => v as T;

test("tensor.to and module.to refuse a device other than the cpu with the same error", () => {
  const x = torch.ones(2);
  const m = new nn.Linear(2, 2);
  const cuda = /^to: device 'cuda' is not available: torch-ts runs on the cpu$/;
  for (const run of [
    () => x.to("cuda"),
    () => m.to("cuda"),
    () => x.to({ device: "cuda" }),
    () => m.to({ device: torch.device("cuda") }),
    () => x.to("cuda", torch.float64),
  ]) {
    assert.throws(run, (e: Error) => e.constructor === Error && cuda.test(e.message));
  }
});

test("to() names a value of the wrong type, for tensors and modules alike", () => {
  const x = torch.ones(2);
  const m = new nn.Linear(2, 2);
  for (const run of [() => x.to({ dtype: bad("float64") }), () => m.to({ dtype: bad("float64") })]) {
    assert.throws(run, { name: "TypeError", message: "to(): argument 'dtype' must be torch.dtype, not str" });
  }
  assert.throws(() => x.to({ device: bad(0) }), {
    name: "TypeError",
    message: "to(): argument 'device' must be torch.device, not int",
  });
  assert.throws(() => x.to({ copy: bad(1) }), {
    name: "TypeError",
    message: "to(): argument 'copy' must be bool, not int",
  });
  assert.throws(
    () => x.to(torch.float64, bad<never>(torch.float32)),
    /^TypeError: to\(\) received an invalid combination of arguments: argument 2 is torch\.dtype;/,
  );
  assert.throws(() => x.to(torch.float64, { dtype: torch.float32 }), /multiple values for argument 'dtype'/);
});

test("unknown keys: Module.to has no copy; both refuse a misspelt key", () => {
  const x = torch.ones(2);
  const m = new nn.Linear(2, 2);
  assert.throws(() => m.to({ copy: true }), /^TypeError: to\(\) got an unexpected keyword argument 'copy'$/);
  assert.throws(
    () => x.to({ dtpye: torch.float64 } as never),
    /^TypeError: to\(\) got an unexpected keyword argument 'dtpye'$/,
  );
  assert.throws(
    () => m.to({ dtpye: torch.float64 } as never),
    /^TypeError: to\(\) got an unexpected keyword argument 'dtpye'$/,
  );
});

test("the forms that work keep working", () => {
  const x = torch.ones(2);
  assert.equal(x.to(torch.float32), x);
  assert.equal(x.to(torch.float64).dtype, torch.float64);
  assert.notEqual(x.to({ copy: true }), x);
  assert.equal(x.to({ non_blocking: true }), x);
  const m = new nn.Linear(2, 2);
  assert.equal(m.to(torch.float64, { non_blocking: false }), m);
  assert.equal(m.weight.dtype, torch.float64);
  assert.equal(m.to(torch.zeros(1)).weight.dtype, torch.float32);
});
