/**
 * Matrix products and einsum against PyTorch (test/golden/gen_linalg.py): values, gradients
 * under a fixed grad_output, matmul's node structure in every shape case, error messages,
 * and gradcheck in float64.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as torch from "../../../src/index.js";
import {
  decode,
  load_golden,
  type EncodedTensor,
  decode_view,
  type EncodedView,
} from "../../helpers/golden.js";
import { walk, type Graph } from "../../helpers/graph.js";
import { leaf } from "../../helpers/leaf.js";

type Tensor = torch.Tensor;

type ArgSpec = EncodedView;
interface OpCase {
  op: string;
  args: ArgSpec[];
  kwargs: { beta?: number; alpha?: number; dim?: number; dims?: number | [number[], number[]] };
  equation?: string;
  out: EncodedTensor;
  grad_output?: EncodedTensor;
  grads?: (EncodedTensor | null)[];
  graph?: Graph;
}
interface GraphCase {
  a_shape?: number[];
  a_base?: EncodedTensor;
  b_shape: number[];
  rg: [boolean, boolean];
  graph: Graph;
}

const G = load_golden<Record<string, unknown>>("linalg");
const ERRORS = G.errors as Record<string, string>;

const build = decode_view;

const OPS: Record<string, (args: Tensor[], c: OpCase) => Tensor> = {
  matmul: ([a, b]) => torch.matmul(a, b),
  "linalg.matmul": ([a, b]) => torch.linalg.matmul(a, b),
  "linalg.vecdot": ([a, b], c) => torch.linalg.vecdot(a, b, c.kwargs),
  tensordot: ([a, b], c) => torch.tensordot(a, b, c.kwargs.dims ?? 2),
  mm: ([a, b]) => a.mm(b),
  bmm: ([a, b]) => torch.bmm(a, b),
  mv: ([a, b]) => a.mv(b),
  dot: ([a, b]) => torch.dot(a, b),
  vdot: ([a, b]) => a.vdot(b),
  inner: ([a, b]) => torch.inner(a, b),
  outer: ([a, b]) => a.outer(b),
  addmm: ([i, a, b], c) => torch.addmm(i, a, b, c.kwargs),
  addmv: ([i, a, b], c) => i.addmv(a, b, c.kwargs),
  baddbmm: ([i, a, b], c) => torch.baddbmm(i, a, b, c.kwargs),
  addbmm: ([i, a, b], c) => i.addbmm(a, b, c.kwargs),
  einsum: (args, c) => torch.einsum(c.equation ?? "", ...args),
};

function check_case(name: string, c: OpCase): void {
  const args = c.args.map(build);
  const fn = OPS[c.op];
  assert.ok(fn, `no op ${c.op}`);
  const out = fn(args, c);
  torch.testing.assert_close(out, decode(c.out), { msg: `${name}: value` });
  if (c.graph) assert.deepEqual(walk(out), c.graph, `${name}: graph`);
  if (c.grad_output && c.grads) {
    out.backward(decode(c.grad_output));
    c.grads.forEach((g, i) => {
      if (g === null) return;
      const got = args[i].grad;
      assert.ok(got, `${name}: grad ${i} missing`);
      torch.testing.assert_close(got, decode(g), { msg: `${name}: grad ${i}` });
    });
  }
}

const op_cases = Object.entries(G).filter(([k]) => k !== "errors" && !k.startsWith("graph ")) as [
  string,
  OpCase,
][];

const families = [...new Set(op_cases.map(([k]) => k.split(" ")[0]))];

for (const family of families) {
  test(`${family}: values and gradients match PyTorch`, () => {
    for (const [k, c] of op_cases.filter(([key]) => key.split(" ")[0] === family)) check_case(k, c);
  });
}

test("matmul builds PyTorch 2.x's graph in every shape case", () => {
  const cases = Object.entries(G).filter(([k]) => k.startsWith("graph ")) as [string, GraphCase][];
  assert.ok(cases.length >= 40);
  for (const [k, c] of cases) {
    let a: Tensor;
    if (c.a_base) a = decode(c.a_base).transpose(0, 1).contiguous().transpose(0, 1).detach();
    else a = torch.ones(c.a_shape ?? []);
    const b = torch.ones(c.b_shape);
    if (c.rg[0]) a.requires_grad_();
    if (c.rg[1]) b.requires_grad_();
    assert.deepEqual(walk(a.matmul(b)), c.graph, k);
  }
});

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

const ERROR_CALLS: Record<string, () => unknown> = {
  "mm shape": () => torch.mm(torch.zeros(2, 3), torch.zeros(4, 5)),
  "mm 1-D": () => torch.mm(torch.zeros(2, 3), torch.zeros(3)),
  "mm self 3-D": () => torch.mm(torch.zeros(2, 3, 4), torch.zeros(4, 3)),
  "mm dtype": () => torch.mm(torch.zeros(2, 3), torch.zeros([3, 4], { dtype: torch.float64 })),
  "matmul dtype": () => torch.matmul(torch.zeros(2, 3), torch.zeros([3, 4], { dtype: torch.float64 })),
  "matmul int64 @ float": () => torch.matmul(torch.zeros([2, 3], { dtype: torch.int64 }), torch.zeros(3, 4)),
  "matmul 1-D @ 1-D size": () => torch.matmul(torch.zeros(3), torch.zeros(4)),
  "matmul 2-D @ 1-D size": () => torch.matmul(torch.zeros(2, 3), torch.zeros(4)),
  "matmul 1-D @ 2-D size": () => torch.matmul(torch.zeros(3), torch.zeros(4, 5)),
  "matmul 2-D shape": () => torch.matmul(torch.zeros(2, 3), torch.zeros(4, 5)),
  "matmul 3-D @ 2-D shape": () => torch.matmul(torch.zeros(5, 2, 3), torch.zeros(4, 5)),
  "matmul batch broadcast": () => torch.matmul(torch.zeros(3, 2, 3), torch.zeros(2, 3, 5)),
  "matmul batched inner": () => torch.matmul(torch.zeros(2, 2, 3), torch.zeros(2, 4, 5)),
  "matmul 0-D": () => torch.matmul(torch.tensor(1), torch.zeros(3)),
  "matmul bool": () =>
    torch.matmul(torch.zeros([2, 3], { dtype: torch.bool }), torch.zeros([3, 2], { dtype: torch.bool })),
  "bmm 2-D": () => torch.bmm(torch.zeros(2, 3), torch.zeros(3, 4)),
  "bmm batch": () => torch.bmm(torch.zeros(2, 2, 3), torch.zeros(3, 3, 4)),
  "bmm inner": () => torch.bmm(torch.zeros(2, 2, 3), torch.zeros(2, 4, 4)),
  "mv size": () => torch.mv(torch.zeros(2, 3), torch.zeros(4)),
  "dot size": () => torch.dot(torch.zeros(3), torch.zeros(4)),
  "dot dtype": () => torch.dot(torch.zeros(3), torch.zeros([3], { dtype: torch.float64 })),
  "dot 2-D": () => torch.dot(torch.zeros(3, 1), torch.zeros(3)),
  "outer 2-D": () => torch.outer(torch.zeros(3, 1), torch.zeros(3)),
  "inner last dim": () => torch.inner(torch.zeros(2, 3), torch.zeros(4)),
  "addmm expand": () => torch.addmm(torch.zeros(2, 4), torch.zeros(2, 3), torch.zeros(3, 5)),
  "addmm mat shape": () => torch.addmm(torch.zeros(2, 5), torch.zeros(2, 3), torch.zeros(4, 5)),
  "addmm mat dtype": () =>
    torch.addmm(torch.zeros(2, 5), torch.zeros(2, 3), torch.zeros([3, 5], { dtype: torch.float64 })),
  "baddbmm batch": () => torch.baddbmm(torch.zeros(2, 2, 4), torch.zeros(2, 2, 3), torch.zeros(3, 3, 4)),
  "tensordot size": () => torch.tensordot(torch.zeros(2, 3, 4), torch.zeros(4, 3, 5), [[1], [0]]),
  "tensordot dims too large": () => torch.tensordot(torch.zeros(2, 3), torch.zeros(3), 2),
};

test("errors carry PyTorch's messages", () => {
  assert.deepEqual(Object.keys(ERROR_CALLS).sort(), Object.keys(ERRORS).sort());
  for (const [k, f] of Object.entries(ERROR_CALLS)) {
    assert.throws(f, (e: Error) => e.message === ERRORS[k], `${k}: expected "${ERRORS[k]}"`);
  }
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

test("gradcheck: mm, bmm, mv, dot, outer, inner and the add* family", () => {
  const gc = torch.autograd.gradcheck;
  assert.ok(gc((a, b) => a.mm(b), [f64(2, 3), f64(3, 2)]));
  assert.ok(gc((a, b) => a.bmm(b), [f64(2, 2, 3), f64(2, 3, 2)]));
  assert.ok(gc((a, b) => a.mv(b), [f64(2, 3), f64(3)]));
  assert.ok(gc((a, b) => a.dot(b), [f64(4), f64(4)]));
  assert.ok(gc((a, b) => a.outer(b), [f64(2), f64(3)]));
  assert.ok(gc((a, b) => a.inner(b), [f64(2, 3), f64(2, 3)]));
  assert.ok(gc((i, a, b) => torch.addmm(i, a, b, { beta: 0.5, alpha: 2 }), [f64(3), f64(2, 3), f64(3, 3)]));
  assert.ok(gc((i, a, b) => torch.addmv(i, a, b, { beta: -1, alpha: 0.5 }), [f64(2), f64(2, 3), f64(3)]));
  assert.ok(gc((i, a, b) => torch.baddbmm(i, a, b, { beta: 2 }), [f64(2, 2, 2), f64(2, 2, 3), f64(2, 3, 2)]));
  assert.ok(gc((i, a, b) => torch.addbmm(i, a, b, { alpha: 3 }), [f64(2, 2), f64(2, 2, 3), f64(2, 3, 2)]));
  assert.ok(
    gc(
      (a, b) =>
        torch.tensordot(a, b, [
          [1, 2],
          [1, 0],
        ]),
      [f64(2, 3, 2), f64(2, 3, 2)],
    ),
  );
  assert.ok(gc((a, b) => torch.linalg.vecdot(a, b), [f64(2, 3), f64(2, 3)]));
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
