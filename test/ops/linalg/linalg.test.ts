/**
 * Matrix products beyond their fixture cases (values, gradients, graphs and errors against
 * PyTorch are the op table's: test/op_db/linalg.ts): F.linear's composition, einsum's argument
 * errors, gradcheck of matmul in every shape case and of einsum, the blocked kernel against a
 * plain loop, and the in-place add* forms.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as torch from "../../../src/index.js";
import { leaf } from "../../helpers/leaf.js";

test("F.linear's composition: addmm over t() has AddmmBackward0 over TBackward0", () => {
  const x = torch.ones([2, 3]);
  const w = torch.ones([4, 3], { requires_grad: true });
  const b = torch.ones([4], { requires_grad: true });
  const y = torch.addmm(b, x, w.t());
  assert.equal(y.grad_fn?.name(), "AddmmBackward0");
  assert.deepEqual(
    y.grad_fn?.next_functions.map(([n]) => n?.name() ?? null),
    ["AccumulateGrad", null, "TBackward0"],
  );
});

test("einsum argument and equation errors", () => {
  const a = torch.zeros(2, 3);
  assert.throws(() => torch.einsum("ij,jk->ik", a), /fewer operands were provided/);
  assert.throws(() => torch.einsum("ij->ij", a, a), /more operands were provided/);
  assert.throws(() => torch.einsum("ijk->i", a), /number of subscripts in the equation \(3\) does not match/);
  assert.throws(() => torch.einsum("ij->k", a), /output subscript k does not appear/);
  assert.throws(() => torch.einsum("ij->ii", a), /output subscript i appears more than once/);
  assert.throws(
    () => torch.einsum("ii->i", a),
    /subscript i is repeated for operand 0 but the sizes don't match/,
  );
  assert.throws(() => torch.einsum("ij,ij->", a, torch.zeros(2, 4)), /subscript j has size 4 for operand 1/);
  assert.throws(() => torch.einsum("i1->i", a), /invalid subscript given at index 1/);
  // the list form of the operands
  assert.deepEqual(torch.einsum("ij->j", [torch.ones(2, 3)]).tolist(), [2, 2, 2]);
});

// ---------------------------------------------------------------- gradcheck (float64)
const f64 = (...shape: number[]) => leaf(shape);

test("gradcheck: matmul in every shape case", () => {
  const shapes: [number[], number[]][] = [
    [[3], [3]],
    [[2, 3], [3]],
    [[3], [3, 4]],
    [
      [2, 3],
      [3, 4],
    ],
    [
      [2, 2, 3],
      [3, 4],
    ],
    [[2, 2, 3], [3]],
    [[3], [2, 3, 4]],
    [
      [2, 3],
      [2, 3, 4],
    ],
    [
      [2, 2, 3],
      [2, 3, 2],
    ],
    [
      [1, 2, 3],
      [2, 3, 2],
    ],
    [
      [2, 1, 2, 3],
      [2, 3, 2],
    ],
  ];
  for (const [sa, sb] of shapes) {
    assert.ok(
      torch.autograd.gradcheck((a, b) => a.matmul(b), [f64(...sa), f64(...sb)]),
      `${sa.join("x")} @ ${sb.join("x")}`,
    );
  }
  // non-contiguous operands
  assert.ok(torch.autograd.gradcheck((a, b) => a.mT.matmul(b), [f64(3, 2), f64(3, 4)]));
});

test("gradcheck and gradgradcheck: einsum", () => {
  const gc = torch.autograd.gradcheck;
  assert.ok(gc((a, b) => torch.einsum("ij,jk->ik", a, b), [f64(2, 3), f64(3, 2)]));
  assert.ok(gc((a, b) => torch.einsum("bij,bjk->bik", a, b), [f64(2, 2, 3), f64(2, 3, 2)]));
  assert.ok(gc((a) => torch.einsum("ii->i", a), [f64(3, 3)]));
  assert.ok(gc((a) => torch.einsum("ii", a), [f64(3, 3)]));
  assert.ok(gc((a, b, c) => torch.einsum("ij,jk,kl->il", a, b, c), [f64(2, 3), f64(3, 2), f64(2, 2)]));
  assert.ok(gc((a, b) => torch.einsum("...ij,...jk", a, b), [f64(2, 2, 3), f64(3, 2)]));
  assert.ok(torch.autograd.gradgradcheck((a, b) => torch.einsum("ij,jk->ik", a, b), [f64(2, 3), f64(3, 2)]));
  assert.ok(torch.autograd.gradgradcheck((a) => torch.einsum("ii->i", a), [f64(3, 3)]));
});

test("gradgradcheck: matmul and addmm", () => {
  assert.ok(torch.autograd.gradgradcheck((a, b) => a.matmul(b), [f64(2, 2, 3), f64(3, 2)]));
  assert.ok(torch.autograd.gradgradcheck((i, a, b) => torch.addmm(i, a, b), [f64(2), f64(2, 3), f64(3, 2)]));
});

test("the blocked kernel agrees with a plain triple loop on strided float64 views", () => {
  for (const [M, K, N] of [
    [17, 33, 9],
    [64, 64, 64],
    [5, 70, 130],
  ]) {
    const a = torch
      .arange(M * K, { dtype: torch.float64 })
      .mul(0.013)
      .sin()
      .reshape(K, M)
      .t();
    const b = torch
      .arange(K * N * 2, { dtype: torch.float64 })
      .mul(0.007)
      .cos()
      .reshape(K, N * 2)
      .narrow(1, 1, N);
    const c = a.mm(b);
    const ad = a.tolist() as number[][];
    const bd = b.tolist() as number[][];
    const cd = c.tolist() as number[][];
    for (let i = 0; i < M; i++) {
      for (let j = 0; j < N; j++) {
        let s = 0;
        for (let p = 0; p < K; p++) s += ad[i][p] * bd[p][j];
        assert.ok(Math.abs(s - cd[i][j]) <= 1e-12 * Math.max(1, Math.abs(s)), `${M}x${K}x${N} at ${i},${j}`);
      }
    }
  }
});

test("in-place addmm_, addmv_, baddbmm_ and addbmm_ equal the out-of-place ops", () => {
  const o = { beta: 0.5, alpha: -2 };
  const i2 = f64(5, 6).detach();
  const [a, b] = [f64(5, 7).detach(), f64(7, 6).detach()];
  const want = torch.addmm(i2, a, b, o);
  const got = i2.clone().addmm_(a, b, o);
  torch.testing.assert_close(got, want);
  torch.testing.assert_close(
    f64(3).detach().addmv_(f64(3, 4).detach(), f64(4).detach(), o),
    torch.addmv(f64(3), f64(3, 4), f64(4), o).detach(),
  );
  const [b1, b2] = [f64(2, 3, 4).detach(), f64(2, 4, 5).detach()];
  torch.testing.assert_close(
    f64(2, 3, 5).detach().baddbmm_(b1, b2, o),
    torch.baddbmm(f64(2, 3, 5), b1, b2, o).detach(),
  );
  torch.testing.assert_close(
    f64(3, 5).detach().addbmm_(b1, b2, o),
    torch.addbmm(f64(3, 5), b1, b2, o).detach(),
  );
  // recorded in place: gradients flow to the inputs and to the overwritten tensor's history
  assert.ok(
    torch.autograd.gradcheck((i, x, y) => i.mul(1).addmm_(x, y, o), [f64(2, 2), f64(2, 3), f64(3, 2)]),
  );
});

test("bool products with an empty operand give PyTorch's empty or zero result", () => {
  // PyTorch's kernels return before their dtype dispatch then; a non-empty bool product is refused
  const b = (...shape: number[]) => torch.ones(shape, { dtype: torch.bool });
  assert.deepEqual(b(0, 1).mm(b(1, 1)).shape, [0, 1]);
  assert.deepEqual(b(2, 0).mm(b(0, 2)).tolist(), [
    [false, false],
    [false, false],
  ]);
  assert.deepEqual(b(1, 0, 1).bmm(b(1, 1, 1)).shape, [1, 0, 1]);
  assert.deepEqual(b(0, 1).mv(b(1)).shape, [0]);
  assert.deepEqual(b(0, 3, 3).matmul(b(3, 1)).shape, [0, 3, 1]);
  assert.throws(() => b(1, 1).mm(b(1, 1)), /"addmm_impl_cpu_" not implemented for 'Bool'$/);
  // 2.x checks dtypes in mm's meta function, before any size
  assert.throws(
    () => b(0, 1).mm(torch.ones(1, 1)),
    /expected m1 and m2 to have the same dtype, but got: bool != float$/,
  );
});
