/**
 * The int32 dtype path of the reductions and sorting ops, which the other fixtures cover for
 * float32, float64, int64 and bool only: PyTorch's values and result dtypes (sum/prod/cumsum
 * promote to int64, max/amax/sort keep int32) or its refusal (mean, std, var, norm, softmax),
 * on a contiguous and a transposed input (test/golden/gen_reduce_int32.py).
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as torch from "../../../src/index.js";
import { decode, is_encoded_tensor, load_golden, type EncodedTensor } from "../../helpers/golden.js";

interface Case {
  op: string;
  args: unknown[];
  kwargs: Record<string, unknown>;
  prep: "t" | null;
  out?: EncodedTensor | EncodedTensor[];
  error?: { type: string; message: string };
}
const G = load_golden<{ int32: { x: EncodedTensor; cases: Case[] } }>("reduce_int32").int32;

function escape(s: string): RegExp {
  return new RegExp(s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
}

function check(actual: torch.Tensor, expected: EncodedTensor, what: string): void {
  const e = decode(expected);
  assert.equal(actual.dtype, e.dtype, `${what}: dtype`);
  torch.testing.assert_close(actual, e, { msg: what });
}

for (const c of G.cases) {
  const what = `int32 ${c.op}(${JSON.stringify(c.args)}, ${JSON.stringify(c.kwargs)})${c.prep ? " transposed" : ""}`;
  test(what, () => {
    const x0 = decode(G.x);
    assert.equal(x0.dtype, torch.int32);
    const x = c.prep === "t" ? x0.t() : x0;
    const fn = (torch as unknown as Record<string, (...a: unknown[]) => unknown>)[c.op];
    const args = Object.keys(c.kwargs).length > 0 ? [...c.args, c.kwargs] : c.args;
    const run = () => fn(x, ...args);
    if (c.error) {
      assert.throws(run, escape(c.error.message));
      return;
    }
    const r = run();
    if (is_encoded_tensor(c.out)) {
      check(r as torch.Tensor, c.out, what);
    } else {
      const parts = Array.from(r as Iterable<torch.Tensor>);
      assert.equal(parts.length, c.out!.length, `${what}: number of results`);
      parts.forEach((p, i) => check(p, (c.out as EncodedTensor[])[i], `${what}[${i}]`));
    }
  });
}
