import { test } from "node:test";
import assert from "node:assert/strict";
import * as torch from "../../src/index.js";
import { decode, dtype_of, type EncodedTensor, load_golden } from "../helpers/golden.js";

interface MethodCase {
  name: string;
  input: EncodedTensor;
  method: string;
  args: unknown[];
  kwargs?: Record<string, string>;
  out: EncodedTensor;
  in_place?: boolean;
}

interface LayoutCase {
  views: (string | number)[][];
  shape: number[];
  stride: number[];
  storage_offset: number;
  is_contiguous: boolean;
  numel: number;
  dim: number;
  values: EncodedTensor;
}

const golden = load_golden<{ methods: MethodCase[]; layouts: LayoutCase[] }>("factory");

function num(v: number | boolean | string): number {
  return v === "nan" ? NaN : v === "inf" ? Infinity : v === "-inf" ? -Infinity : Number(v);
}

/** Bit-for-bit comparison of dtype, shape and values (NaN and -0 included). */
function assert_same(actual: torch.Tensor, expected: EncodedTensor, name: string): void {
  assert.equal(String(actual.dtype), `torch.${expected.dtype}`, `${name}: dtype`);
  assert.deepEqual(actual.shape, expected.shape, `${name}: shape`);
  const flat = (actual.reshape(-1).tolist() as (number | boolean)[]).map(Number);
  // floats compare bit for bit (-0 and NaN too); integers by value (they have no -0)
  const same = actual.dtype.is_floating_point ? Object.is : (a: number, b: number) => a === b;
  expected.data.forEach((v, i) => {
    if (!same(flat[i], num(v))) assert.fail(`${name}: element ${i} is ${flat[i]}, PyTorch has ${num(v)}`);
  });
}

function arg(v: unknown): unknown {
  if (typeof v === "object" && v !== null && "dtype" in v && !("shape" in v)) {
    return dtype_of((v as { dtype: string }).dtype);
  }
  if (typeof v === "object" && v !== null && "shape" in v) return decode(v as EncodedTensor);
  return typeof v === "string" ? num(v) : v;
}

for (const c of golden.methods) {
  test(`tensor method: ${c.name}`, () => {
    const x = decode(c.input);
    const args = c.args.map(arg);
    if (c.kwargs) args.push(Object.fromEntries(Object.entries(c.kwargs).map(([k, v]) => [k, dtype_of(v)])));
    const method = (x as unknown as Record<string, (...a: unknown[]) => torch.Tensor>)[c.method];
    const r = method.apply(x, args);
    assert_same(r, c.out, c.name);
    if (c.in_place) assert.equal(r, x, `${c.name}: returns self`);
    else assert.notEqual(r._storage, x._storage, `${c.name}: a new tensor`);
  });
}

function apply_view(t: torch.Tensor, [op, ...a]: (string | number)[]): torch.Tensor {
  const n = a as number[];
  switch (op) {
    case "transpose":
      return t.transpose(n[0], n[1]);
    case "narrow":
      return t.narrow(n[0], n[1], n[2]);
    case "select":
      return t.select(n[0], n[1]);
    case "t":
      return t.t();
    case "permute":
      return t.permute(...n);
    case "unsqueeze":
      return t.unsqueeze(n[0]);
    case "expand":
      return t.expand(...n);
    case "view":
      return t.view(...n);
    default:
      throw new Error(`unknown view ${String(op)}`);
  }
}

for (const c of golden.layouts) {
  test(`layout: ${JSON.stringify(c.views)}`, () => {
    let t = torch.arange(24).reshape(2, 3, 4);
    for (const v of c.views) t = apply_view(t, v);
    assert.deepEqual(t.shape, c.shape);
    assert.deepEqual([...t.size()], c.shape);
    assert.deepEqual(t.stride(), c.stride);
    assert.equal(t.storage_offset(), c.storage_offset);
    assert.equal(t.is_contiguous(), c.is_contiguous);
    assert.equal(t.numel(), c.numel);
    assert.equal(t.dim(), c.dim);
    assert.equal(t.ndim, c.dim);
    assert_same(t, c.values, "values");
    if (c.dim > 0) {
      assert.equal(t.size(-1), c.shape[c.dim - 1]);
      assert.equal(t.stride(0), c.stride[0]);
    }
  });
}

test("metadata: dtype names, element sizes, device", () => {
  assert.equal(String(torch.float32), "torch.float32");
  assert.equal(torch.int64.toString(), "torch.int64");
  assert.equal(torch.float, torch.float32);
  assert.equal(torch.double, torch.float64);
  assert.equal(torch.long, torch.int64);
  assert.equal(torch.int, torch.int32);
  const sizes: [torch.DType, number][] = [
    [torch.float32, 4],
    [torch.float64, 8],
    [torch.int64, 8],
    [torch.int32, 4],
    [torch.bool, 1],
  ];
  for (const [dt, n] of sizes) assert.equal(torch.zeros(1, { dtype: dt }).element_size(), n);
  const x = torch.zeros(2, 3);
  assert.equal(x.device, "cpu");
  assert.equal(x.dtype, torch.float32);
  assert.equal(x.size(1), 3);
  assert.throws(
    () => x.size(2),
    /Dimension out of range \(expected to be in range of \[-2, 1\], but got 2\)/,
  );
});

test("item and tolist", () => {
  assert.equal(torch.tensor(2.5).item(), 2.5);
  assert.equal(torch.tensor([[7]], { dtype: torch.int64 }).item(), 7);
  assert.equal(torch.tensor(true).item(), true);
  assert.throws(() => torch.zeros(2).item(), /a Tensor with 2 elements cannot be converted to Scalar/);
  const x = torch.tensor([
    [1, 2.5],
    [3, 4],
  ]);
  assert.deepEqual(x.tolist(), [
    [1, 2.5],
    [3, 4],
  ]);
  assert.deepEqual(x.t().tolist(), [
    [1, 3],
    [2.5, 4],
  ]);
  assert.deepEqual(torch.tensor([true, false]).tolist(), [true, false]);
  assert.equal(torch.tensor(0.1).tolist(), Math.fround(0.1));
});

test("clone is independent; copy_ writes through views", () => {
  const x = torch.tensor([1, 2, 3]);
  const c = x.clone();
  c.fill_(0);
  assert.deepEqual(x.tolist(), [1, 2, 3]);
  assert.notEqual(c._storage, x._storage);
  const m = torch.zeros(2, 3);
  m.select(1, 1).copy_(torch.tensor([5, 6]));
  assert.deepEqual(m.tolist(), [
    [0, 5, 0],
    [0, 6, 0],
  ]);
  m.t().zero_();
  assert.deepEqual(m.tolist(), [
    [0, 0, 0],
    [0, 0, 0],
  ]);
  assert.throws(() => m.copy_(torch.ones(4)), /must match|doesn't match/);
});

test("iteration over dim 0 yields the sub-tensors", () => {
  const x = torch.arange(6).reshape(3, 2);
  const rows = [...x];
  assert.equal(rows.length, 3);
  assert.deepEqual(
    rows.map((r) => r.tolist()),
    [
      [0, 1],
      [2, 3],
      [4, 5],
    ],
  );
  // views: a write through a row is seen in x
  rows[1].fill_(9);
  assert.deepEqual(x.select(0, 1).tolist(), [9, 9]);
  assert.deepEqual(
    [...torch.tensor([1.5, 2.5])].map((t) => t.item()),
    [1.5, 2.5],
  );
  assert.throws(() => [...torch.tensor(1)], /iteration over a 0-d tensor/);
});

test("new_* factories keep the dtype unless told otherwise", () => {
  const x = torch.zeros(2, { dtype: torch.float64, requires_grad: true });
  const z = x.new_zeros([3]);
  assert.equal(z.dtype, torch.float64);
  assert.equal(z.requires_grad, false);
  assert.equal(x.new_ones([1], { requires_grad: true }).requires_grad, true);
  assert.equal(x.new_full([2], 2, { dtype: torch.int32 }).dtype, torch.int32);
  assert.equal(x.new_tensor([true]).dtype, torch.float64);
});

test("new_zeros / new_ones / new_empty take sizes as varargs or an array", () => {
  const x = torch.zeros(1, { dtype: torch.int32 });
  assert.deepEqual(x.new_zeros(2, 3).shape, [2, 3]);
  assert.equal(x.new_zeros(2, 3).dtype, torch.int32);
  assert.deepEqual(x.new_ones([2], { dtype: torch.bool }).tolist(), [true, true]);
  assert.deepEqual(x.new_empty(0, 2).shape, [0, 2]);
});

test("copy_ into an integer tensor from one that requires grad records nothing and checks nothing", () => {
  const w = torch.ones(1, { requires_grad: true });
  const v = torch.zeros(3, { dtype: torch.int64 }).split(1)[0];
  v.copy_(w);
  assert.deepEqual([v.tolist(), v.requires_grad, v.grad_fn], [[1], false, null]);
  // a float one is refused (a multi-output view cannot be written in place)
  assert.throws(
    () => torch.zeros(3).split(1)[0].copy_(w),
    /output of a function that returns multiple views/,
  );
});

test("requires_grad of a view PyTorch refuses to regenerate is read without regenerating", () => {
  const a = torch.ones(4, { requires_grad: true }).clone();
  const v = a.split(2)[0];
  torch.no_grad(() => a.mul_(2));
  assert.equal(v.requires_grad, true);
  assert.throws(() => v.grad_fn, /output of a function that returns multiple views/);
});
