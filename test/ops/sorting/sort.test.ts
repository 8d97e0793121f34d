/**
 * sort, argsort, msort, topk, kthvalue, unique and unique_consecutive against PyTorch
 * (test/golden/gen_sorting.py): values and indices on inputs with ties and NaN (so the order
 * of equal elements is checked too), grad_fn names, gradients, errors, gradcheck in float64.
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
import { leaf } from "../../helpers/leaf.js";

type Tensor = torch.Tensor;

type ArgSpec = EncodedView;
interface Case {
  op: string;
  arg: ArgSpec;
  args: (number | boolean)[];
  kwargs: Record<string, number | boolean>;
  outs: EncodedTensor[];
  grad_fn: string | null;
  grad_output?: EncodedTensor;
  grad?: EncodedTensor;
}
interface Err {
  type: string;
  message: string;
}

const G = load_golden<Record<string, unknown>>("sorting");
const ERRORS = G.errors as Record<string, Err>;

const build = decode_view;

/** Calls the op as a PyTorch user would port it: positional args, then the keywords object. */
function call(c: Case, x: Tensor): Tensor[] {
  const kw = Object.keys(c.kwargs).length ? [c.kwargs] : [];
  const args = [...c.args, ...kw] as unknown as [number];
  const as_list = (r: Tensor | Tensor[] | Iterable<Tensor>): Tensor[] =>
    r instanceof torch.Tensor ? [r] : [...r];
  switch (c.op) {
    case "sort":
      return as_list(x.sort(...(args as unknown as torch.SortArgs)));
    case "argsort":
      return [torch.argsort(x, ...(args as unknown as torch.SortArgs))];
    case "msort":
      return [torch.msort(x)];
    case "topk":
      return as_list(x.topk(...args));
    case "kthvalue":
      return as_list(torch.kthvalue(x, ...args));
    case "unique":
      return as_list(x.unique(...(args as unknown as torch.UniqueArgs)));
    case "unique_consecutive":
      return as_list(torch.unique_consecutive(x, ...(args as unknown as torch.UniqueConsecutiveArgs)));
    default:
      throw new Error(`no op ${c.op}`);
  }
}

const cases = Object.entries(G).filter(([k]) => k !== "errors") as [string, Case][];
const families = [...new Set(cases.map(([k]) => k.split(" ")[0]))];

for (const family of families) {
  test(`${family}: values, indices, grad_fn and gradients match PyTorch`, () => {
    for (const [k, c] of cases.filter(([key]) => key.split(" ")[0] === family)) {
      const x = build(c.arg);
      const outs = call(c, x);
      assert.equal(outs.length, c.outs.length, `${k}: number of outputs`);
      outs.forEach((o, i) => {
        const want = decode(c.outs[i]);
        torch.testing.assert_close(o, want, { equal_nan: true, msg: `${k}: output ${i}` });
      });
      assert.equal(outs[0].grad_fn?.name() ?? null, c.grad_fn, `${k}: grad_fn`);
      if (c.grad_output && c.grad) {
        outs[0].backward(decode(c.grad_output));
        assert.ok(x.grad, `${k}: no gradient`);
        torch.testing.assert_close(x.grad, decode(c.grad), { msg: `${k}: gradient` });
      }
    }
  });
}

test("sort and topk return named tuples that are also iterable", () => {
  const x = torch.tensor([3, 1, 2]);
  const r = x.sort();
  const [v, i] = r;
  assert.deepEqual(r.values.tolist(), [1, 2, 3]);
  assert.deepEqual(i.tolist(), [1, 2, 0]);
  assert.equal(v, r.values);
  assert.equal(r.indices.dtype, torch.int64);
  const t = torch.topk(x, 2);
  assert.deepEqual(
    [...t].map((o) => o.tolist()),
    [
      [3, 2],
      [0, 2],
    ],
  );
  assert.deepEqual(x.sort({ descending: true }).values.tolist(), [3, 2, 1]);
  assert.deepEqual(x.sort(0, { stable: true }).indices.tolist(), [1, 2, 0]);
});

const ERROR_CALLS: Record<string, () => unknown> = {
  "sort dim": () => torch.sort(torch.zeros(2, 3), 2),
  "topk k too large": () => torch.topk(torch.zeros(2, 3), 4),
  "topk k negative": () => torch.topk(torch.zeros(3), -1),
  "kthvalue k": () => torch.kthvalue(torch.zeros(2, 3), 4),
  "kthvalue k 0": () => torch.kthvalue(torch.zeros(3), 0, 0),
};

test("errors carry PyTorch's messages and types", () => {
  assert.deepEqual(Object.keys(ERROR_CALLS).sort(), Object.keys(ERRORS).sort());
  for (const [k, f] of Object.entries(ERROR_CALLS)) {
    const want = ERRORS[k];
    const type = want.type === "IndexError" ? RangeError : Error;
    assert.throws(f, (e: Error) => e instanceof type && e.message === want.message, k);
  }
});

const f64 = (...shape: number[]) => leaf(shape);

test("gradcheck: sort, topk, kthvalue and msort values (float64)", () => {
  const gc = torch.autograd.gradcheck;
  assert.ok(gc((x) => x.sort().values, [f64(3, 5)]));
  assert.ok(gc((x) => x.sort(0, true).values, [f64(4, 3)]));
  assert.ok(gc((x) => x.topk(2).values, [f64(3, 5)]));
  assert.ok(gc((x) => x.topk(3, 0, false).values, [f64(5, 2)]));
  assert.ok(gc((x) => x.kthvalue(2, 1).values, [f64(3, 4)]));
  assert.ok(gc((x) => x.kthvalue(2, 0, true).values, [f64(3, 4)]));
  assert.ok(gc((x) => x.msort(), [f64(4, 2)]));
  assert.ok(torch.autograd.gradgradcheck((x) => x.sort(1).values, [f64(2, 4)]));
});

test("sort of a long row with many ties follows PyTorch's introsort order", () => {
  // the fixture's long cases go through the introsort partition; this one checks that a
  // descending sort agrees with an ascending one on the set of indices of each value
  const x = torch.tensor(Array.from({ length: 200 }, (_, i) => (i * 7) % 5));
  const { values, indices } = x.sort(0, true);
  const v = values.tolist() as number[];
  const ix = indices.tolist() as number[];
  for (let i = 1; i < v.length; i++) assert.ok(v[i - 1] >= v[i]);
  assert.deepEqual(
    [...ix].sort((a, b) => a - b),
    Array.from({ length: 200 }, (_, i) => i),
  );
  ix.forEach((j, i) => assert.equal(v[i], (j * 7) % 5));
});

test("kthvalue and topk refuse bool, and copy a 0-dim input", () => {
  const b = torch.tensor([true, false]);
  assert.throws(() => b.kthvalue(1), /"kthvalue_cpu" not implemented for 'Bool'$/);
  assert.throws(() => b.topk(1), /"topk_cpu" not implemented for 'Bool'$/);
  const k = torch.tensor(true).kthvalue(1);
  assert.deepEqual([k.values.item(), k.indices.item()], [true, 0]);
  // PyTorch: topk(0) of a 0-dim tensor still returns the element, as topk(1) does
  const t = torch.tensor(2.5).topk(0);
  assert.deepEqual([t.values.shape, t.values.item(), t.indices.item()], [[], 2.5, 0]);
});
