/**
 * Type promotion against PyTorch (test/golden/gen_binary.py): torch.promote_types over every
 * dtype pair, and torch.result_type plus the dtype each binary op actually returns (or the
 * error it raises) for every pair of operand kinds: a 1-d tensor and a zero-dim tensor of each
 * dtype, and a JS integer, non-integer and boolean (Python's int, float and bool).
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as torch from "../src/index.js";
import { load_golden } from "./helpers/golden.js";

type Operand =
  { kind: "tensor" | "zerodim"; dtype: string } | { kind: "int" | "float" | "bool"; value: number | boolean };
type Outcome = string | { error: string };
interface Row {
  a: Operand;
  b: Operand;
  result_type: Outcome;
  ops: Record<string, Outcome>;
}
interface DefaultRow {
  a: Operand;
  b: Operand;
  result_type: string;
  div: Outcome;
  atan2: Outcome;
}
const golden = load_golden<{
  promote_types: [string, string, string][];
  promotion: Row[];
  promotion_default_float64: DefaultRow[];
}>("binary");

const DTYPES: Record<string, torch.DType> = {
  bool: torch.bool,
  int32: torch.int32,
  int64: torch.int64,
  float32: torch.float32,
  float64: torch.float64,
};

type Value = torch.Tensor | number | boolean;

function operand(o: Operand): Value {
  if ("value" in o) return o.value;
  const dtype = DTYPES[o.dtype];
  const vals = o.dtype === "bool" ? [true, true] : [1, 2];
  return o.kind === "tensor" ? torch.tensor(vals, { dtype }) : torch.tensor(vals[0], { dtype });
}

const T = (v: Value): torch.Tensor => v as torch.Tensor;
const OPS: Record<string, (a: Value, b: Value) => torch.Tensor> = {
  add: (a, b) => torch.add(a, b),
  sub: (a, b) => torch.sub(a, b),
  mul: (a, b) => torch.mul(a, b),
  div: (a, b) => torch.div(a, b),
  div_floor: (a, b) => torch.div(a, b, { rounding_mode: "floor" }),
  floor_divide: (a, b) => torch.floor_divide(a, b),
  remainder: (a, b) => torch.remainder(a, b),
  fmod: (a, b) => torch.fmod(a, b),
  pow: (a, b) => torch.pow(a, b),
  atan2: (a, b) => torch.atan2(T(a), T(b)),
  maximum: (a, b) => torch.maximum(T(a), T(b)),
  fmax: (a, b) => torch.fmax(T(a), T(b)),
  hypot: (a, b) => torch.hypot(T(a), T(b)),
  copysign: (a, b) => torch.copysign(T(a), b),
  xlogy: (a, b) => torch.xlogy(a, b),
  float_power: (a, b) => torch.float_power(a, b),
  eq: (a, b) => torch.eq(T(a), b),
  lt: (a, b) => torch.lt(T(a), b),
  logical_and: (a, b) => torch.logical_and(T(a), T(b)),
  bitwise_and: (a, b) => torch.bitwise_and(T(a), b),
  where: (a, b) => torch.where(torch.tensor([true, false]), a, b),
  add_: (a, b) => T(a).clone().add_(b),
  mul_: (a, b) => T(a).clone().mul_(b),
};

function outcome(fn: () => torch.Tensor | torch.DType): Outcome {
  try {
    const r = fn();
    return r instanceof torch.DType ? r.name : r.dtype.name;
  } catch (e) {
    return { error: (e as Error).message };
  }
}

/** Python's argument parser refusing a scalar in the first position: TS signatures say it. */
function is_binding_error(o: Outcome): boolean {
  return (
    typeof o !== "string" &&
    /argument 'input' \(position 1\)|received an invalid combination of arguments/.test(o.error)
  );
}

const describe_operand = (o: Operand) =>
  "dtype" in o ? `${o.kind}(${o.dtype})` : `${o.kind}(${String(o.value)})`;

test("promote_types over every pair of dtypes", () => {
  assert.equal(golden.promote_types.length, 25);
  assert.ok(golden.promotion.length > 0 && golden.promotion_default_float64.length > 0);
  for (const [a, b, r] of golden.promote_types) {
    assert.equal(torch.promote_types(DTYPES[a], DTYPES[b]).name, r, `promote_types(${a}, ${b})`);
  }
});

for (const row of golden.promotion) {
  const name = `${describe_operand(row.a)} with ${describe_operand(row.b)}`;
  test(`result_type and op dtypes: ${name}`, () => {
    const a = operand(row.a);
    const b = operand(row.b);
    assert.deepEqual(
      outcome(() => torch.result_type(a, b)),
      row.result_type,
      "result_type",
    );
    for (const [op, expected] of Object.entries(row.ops)) {
      if (is_binding_error(expected)) continue;
      assert.deepEqual(
        outcome(() => OPS[op](a, b)),
        expected,
        op,
      );
    }
  });
}

test("with a float64 default dtype, integer tensors and float scalars promote to float64", () => {
  torch.set_default_dtype(torch.float64);
  try {
    for (const row of golden.promotion_default_float64) {
      const a = operand(row.a);
      const b = operand(row.b);
      const name = `${describe_operand(row.a)} with ${describe_operand(row.b)}`;
      assert.equal(torch.result_type(a, b).name, row.result_type, `result_type ${name}`);
      assert.deepEqual(
        outcome(() => OPS.div(a, b)),
        row.div,
        `div ${name}`,
      );
      assert.deepEqual(
        outcome(() => OPS.atan2(a, b)),
        row.atan2,
        `atan2 ${name}`,
      );
    }
  } finally {
    torch.set_default_dtype(torch.float32);
  }
});

test("fills convert their value as c10's checked_convert does (PyTorch's overflow errors)", () => {
  const overflow = (type: string) =>
    new RegExp(`value cannot be converted to type ${type} without overflow$`);
  const z = (dtype: torch.DType) => torch.zeros(2, { dtype });
  assert.throws(() => z(torch.int64).fill_(NaN), overflow("int64_t"));
  assert.throws(() => z(torch.int64).fill_(1e30), overflow("int64_t"));
  assert.throws(() => z(torch.int32).fill_(2 ** 31), overflow("int"));
  assert.throws(() => z(torch.int32).fill_(2147483647.9), overflow("int"));
  assert.throws(() => z(torch.float32).fill_(1e39), overflow("float"));
  assert.throws(() => z(torch.int64).masked_fill(torch.tensor(false), -Infinity), overflow("int64_t"));
  assert.throws(
    () => z(torch.int64).index_fill_(0, torch.tensor([0], { dtype: torch.int64 }), NaN),
    overflow("int64_t"),
  );
  assert.throws(
    () => z(torch.int64).scatter_(0, torch.tensor([0], { dtype: torch.int64 }), NaN),
    overflow("int64_t"),
  );
  // in range, infinities for floats, and anything for bool are fine
  assert.deepEqual(z(torch.int64).fill_(-(2 ** 63)).dtype, torch.int64);
  assert.deepEqual(
    z(torch.int32)
      .fill_(-(2 ** 31))
      .tolist(),
    [-(2 ** 31), -(2 ** 31)],
  );
  assert.deepEqual(z(torch.float32).fill_(Infinity).tolist(), [Infinity, Infinity]);
  assert.deepEqual(z(torch.bool).fill_(NaN).tolist(), [true, true]);
});
