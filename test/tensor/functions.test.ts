/**
 * The torch.X / Tensor.X spellings of Tensor methods (type_as, torch.numel,
 * torch.detach, torch.detach_, torch.fill_, torch.zero_, torch.xlogy_, torch.addmv_), checked
 * against PyTorch's fixtures (test/golden/gen_tensor_functions.py).
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as torch from "../../src/index.js";
import { decode, load_golden, type EncodedTensor } from "../helpers/golden.js";

type E = EncodedTensor;
interface Misc {
  type_as: { x: E; xi: E; int64: E; bool: E; float64: E };
  numel: number[];
  fill_: { x: E; y: E; yi: E };
  zero_: E;
  xlogy_: { a: E; b: E; y: E };
  addmv_: { self: E; mat: E; vec: E; beta: number; alpha: number; y: E };
}
const M = load_golden<{ misc: Misc }>("tensor_functions").misc;

test("type_as: converts to the other tensor's dtype", () => {
  const x = decode(M.type_as.x);
  const r = x.type_as(torch.zeros(1, { dtype: torch.int64 }));
  assert.equal(r.dtype, torch.int64);
  torch.testing.assert_close(r, decode(M.type_as.int64));
  torch.testing.assert_close(x.type_as(torch.zeros(1, { dtype: torch.bool })), decode(M.type_as.bool));
  const xf = decode(M.type_as.xi).type_as(torch.zeros(1, { dtype: torch.float64 }));
  assert.equal(xf.dtype, torch.float64);
  torch.testing.assert_close(xf, decode(M.type_as.float64));
  assert.equal(x.type_as(x), x, "same dtype: self, as .to() returns it");
});

test("type_as is differentiable between float dtypes", () => {
  const x = torch.tensor([1.5, -2], { requires_grad: true });
  const y = x.type_as(torch.zeros(1, { dtype: torch.float64 }));
  assert.equal(y.grad_fn?.name(), "ToCopyBackward0");
  y.mul(torch.tensor([2, 3], { dtype: torch.float64 }))
    .sum()
    .backward();
  assert.deepEqual(x.grad!.tolist(), [2, 3]);
});

test("torch.numel", () => {
  assert.deepEqual(
    [torch.numel(decode(M.type_as.x)), torch.numel(torch.zeros(0, 3)), torch.numel(torch.tensor(1))],
    M.numel,
  );
});

test("torch.fill_ and torch.zero_ write in place and return self", () => {
  const x = decode(M.fill_.x).clone();
  assert.equal(torch.fill_(x, 2.5), x);
  torch.testing.assert_close(x, decode(M.fill_.y));
  const xi = decode(M.type_as.xi);
  torch.fill_(xi, 7);
  torch.testing.assert_close(xi, decode(M.fill_.yi));
  const z = decode(M.fill_.x).clone().t();
  assert.equal(torch.zero_(z), z);
  torch.testing.assert_close(z, decode(M.zero_));
});

test("torch.xlogy_: in place, with an expanded (stride 0) other", () => {
  const a = decode(M.xlogy_.a);
  const b = decode(M.xlogy_.b);
  assert.equal(torch.xlogy_(a, b.expand(4)), a);
  torch.testing.assert_close(a, decode(M.xlogy_.y));
});

test("torch.addmv_: beta and alpha, transposed matrix", () => {
  const s = decode(M.addmv_.self);
  const mat = decode(M.addmv_.mat);
  const r = torch.addmv_(s, mat.t().contiguous().t(), decode(M.addmv_.vec), {
    beta: M.addmv_.beta,
    alpha: M.addmv_.alpha,
  });
  assert.equal(r, s);
  torch.testing.assert_close(s, decode(M.addmv_.y));
});

test("torch.detach and torch.detach_", () => {
  const x = torch.tensor([1, 2], { requires_grad: true });
  const y = x.mul(2);
  const d = torch.detach(y);
  assert.equal(d.requires_grad, false);
  assert.equal(d.grad_fn, null);
  d.fill_(5);
  assert.deepEqual(y.tolist(), [5, 5], "detach shares storage");
  assert.equal(torch.detach_(y), y);
  assert.equal(y.requires_grad, false);
  assert.equal(y.is_leaf, true);
});

interface FillCase {
  node: string;
  y: E;
  dx: E;
  dv: E | null;
  dsrc: E | null;
}
const FILL = load_golden<{ fill: Record<string, FillCase> & { grad_output: E } }>("tensor_functions").fill;

for (const key of ["fill_scalar", "fill_tensor", "zero_", "copy_"]) {
  test(`${key} on a non-leaf: node name and gradients to self and the value`, () => {
    const c = FILL[key];
    const x = torch.tensor([0.5, -1.5, 2.0], { requires_grad: true });
    const v = torch.tensor(1.25, { requires_grad: true });
    const src = torch.tensor([3.0, -2.0, 0.25], { requires_grad: true });
    const y = x.mul(1);
    if (key === "fill_scalar") y.fill_(2.5);
    else if (key === "fill_tensor") y.fill_(v.mul(2));
    else if (key === "zero_") y.zero_();
    else y.copy_(src.index(torch.slice(null, 1)).mul(3));
    assert.equal(y.grad_fn?.name(), c.node);
    torch.testing.assert_close(y, decode(c.y));
    y.mul(decode(FILL.grad_output)).sum().backward();
    torch.testing.assert_close(x.grad!, decode(c.dx));
    assert.equal(v.grad === null, c.dv === null, "value gradient present");
    if (c.dv) torch.testing.assert_close(v.grad!, decode(c.dv));
    assert.equal(src.grad === null, c.dsrc === null, "src gradient present");
    if (c.dsrc) torch.testing.assert_close(src.grad!, decode(c.dsrc));
  });
}

test("gradcheck: fill_ with a 0-d tensor value, copy_ with a broadcast source", () => {
  const x = torch.tensor([0.5, -1.5, 2.0], { dtype: torch.float64, requires_grad: true });
  const v = torch.tensor(1.25, { dtype: torch.float64, requires_grad: true });
  assert.equal(
    torch.autograd.gradcheck((a, b) => a.mul(1).fill_(b.mul(2)), [x, v]),
    true,
  );
  const s = torch.tensor([[0.3], [-0.7]], { dtype: torch.float64, requires_grad: true });
  assert.equal(
    torch.autograd.gradcheck(
      (a, b) => a.mul(a).copy_(b),
      [torch.zeros(2, 3, { dtype: torch.float64 }).requires_grad_(), s],
    ),
    true,
  );
});
