/**
 * The in-place view ops (t_, transpose_, swapaxes_,
 * swapdims_, squeeze_, unsqueeze_, as_strided_) and cumsum_/cumprod_, against PyTorch's
 * fixtures (test/golden/gen_inplace.py): values, layout, version counter, grad_fn name and the
 * gradient through a non-leaf; PyTorch's errors; and gradcheck in float64.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as torch from "../../../src/index.js";
import { decode, dtype_of, type EncodedTensor, load_golden } from "../../helpers/golden.js";

interface Case {
  op: string;
  args: unknown[];
  shape: number[];
  dtype: string;
  prep: "t" | "narrow" | null;
  y: EncodedTensor;
  out_shape: number[];
  stride: number[];
  offset: number;
  version_delta: number;
  same: boolean;
  node?: string;
  grad_output?: EncodedTensor;
  dx?: EncodedTensor;
}
interface ZerosCase {
  op: string;
  zeros: true;
  x: EncodedTensor;
  y: EncodedTensor;
  node: string;
  grad_output: EncodedTensor;
  dx: EncodedTensor;
}
interface Err {
  type: string;
  message: string;
}
const G = load_golden<{ views: Case[]; scans: (Case | ZerosCase)[]; errors: Record<string, Err> }>("inplace");

/** The generator's base(): arange-based values per dtype. */
function base(shape: number[], dtype: torch.DType): torch.Tensor {
  const n = shape.reduce((p, s) => p * s, 1);
  const v = torch.arange(n, { dtype: torch.float64 });
  let t: torch.Tensor;
  if (dtype === torch.bool) t = v.remainder(3).eq(1);
  else if (dtype === torch.int64 || dtype === torch.int32) t = v.mul(3).sub(5).to(dtype);
  else t = v.mul(0.5).sub(1.25).to(dtype);
  return t.reshape(shape);
}

function prepared(t: torch.Tensor, prep: Case["prep"]): torch.Tensor {
  if (prep === "t") return t.t();
  if (prep === "narrow") return t.narrow(-1, 1, t.shape[t.shape.length - 1] - 1);
  return t;
}

function call(x: torch.Tensor, op: string, args: unknown[]): torch.Tensor {
  const m = (x as unknown as Record<string, (...a: unknown[]) => torch.Tensor>)[op];
  assert.equal(typeof m, "function", `Tensor.${op} exists`);
  return m.apply(x, args);
}

function label(c: Case): string {
  return `${c.op}(${JSON.stringify(c.args)}) ${c.dtype} [${c.shape.join(",")}]${c.prep ? ` ${c.prep}` : ""}`;
}

for (const c of [...G.views, ...G.scans]) {
  if ("zeros" in c) continue;
  test(`${label(c)}: values, layout, version`, () => {
    const x = prepared(base(c.shape, dtype_of(c.dtype)), c.prep);
    const v0 = x._version;
    const out = call(x, c.op, c.args);
    assert.equal(out, x, "in-place returns self");
    torch.testing.assert_close(out, decode(c.y), { equal_nan: true });
    assert.deepEqual(out.shape, c.out_shape);
    assert.deepEqual(out.stride(), c.stride);
    assert.equal(out.storage_offset(), c.offset);
    assert.equal(x._version - v0, c.version_delta);
  });
  if (c.node !== undefined) {
    test(`${label(c)}: grad_fn and gradient through a non-leaf`, () => {
      const leaf = prepared(base(c.shape, dtype_of(c.dtype)), c.prep)
        .detach()
        .requires_grad_();
      const y = call(leaf.mul(1), c.op, c.args);
      assert.equal(y.grad_fn?.name(), c.node);
      y.backward(decode(c.grad_output!));
      torch.testing.assert_close(leaf.grad!, decode(c.dx!));
    });
  }
}

test("cumprod_ through zeros: values, node and gradient", () => {
  const c = G.scans.find((s): s is ZerosCase => "zeros" in s)!;
  const x = decode(c.x).requires_grad_();
  const y = x.mul(1).cumprod_(1);
  assert.equal(y.grad_fn?.name(), c.node);
  torch.testing.assert_close(y, decode(c.y));
  y.backward(decode(c.grad_output));
  torch.testing.assert_close(x.grad!, decode(c.dx));
});

function escape(s: string): RegExp {
  return new RegExp(s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
}

const ERRORS: Record<string, () => unknown> = {
  t_leaf: () => torch.zeros(2, 3, { requires_grad: true }).t_(),
  transpose_leaf: () => torch.zeros(2, 3, { requires_grad: true }).transpose_(0, 1),
  squeeze_leaf: () => torch.zeros(2, 3, { requires_grad: true }).squeeze_(),
  unsqueeze_leaf: () => torch.zeros(2, 3, { requires_grad: true }).unsqueeze_(0),
  as_strided_leaf: () => torch.zeros(2, 3, { requires_grad: true }).as_strided_([3], [1]),
  cumsum_leaf: () => torch.zeros(2, 3, { requires_grad: true }).cumsum_(0),
  unsqueeze_view_of_leaf: () => torch.zeros(2, 3, { requires_grad: true }).select(0, 0).unsqueeze_(0),
  t_3d: () => torch.zeros(2, 2, 2).t_(),
  transpose_range: () => torch.zeros(2, 3).transpose_(0, 2),
  unsqueeze_range: () => torch.zeros(2, 3).unsqueeze_(3),
};
for (const [key, fn] of Object.entries(ERRORS)) {
  test(`error: ${key}`, () => {
    const e = G.errors[key];
    assert.ok(e, `fixture has ${key}`);
    assert.throws(fn, escape(e.message));
  });
}

test("a failed in-place view op leaves the layout unchanged", () => {
  const x = torch.zeros(2, 3);
  assert.throws(() => x.transpose_(0, 2));
  assert.deepEqual(x.shape, [2, 3]);
  assert.deepEqual(x.stride(), [3, 1]);
});

test("other views of the tensor keep their layout after an in-place view op", () => {
  const x = torch.arange(6, { dtype: torch.float32 }).reshape(2, 3);
  const v = x.view(6);
  x.t_();
  assert.deepEqual(v.shape, [6]);
  assert.deepEqual(x.shape, [3, 2]);
  x.index(0).fill_(9);
  assert.deepEqual(v.tolist(), [9, 1, 2, 9, 4, 5]);
});

test("torch.as_strided_ is exported and returns self", () => {
  const x = torch.arange(6, { dtype: torch.float64 });
  assert.equal(torch.as_strided_(x, [2, 2], [2, 1], 1), x);
  assert.deepEqual(x.tolist(), [
    [1, 2],
    [3, 4],
  ]);
});
