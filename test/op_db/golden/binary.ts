/**
 * Reads test/golden/binary.json (gen_binary.py) for the op table: binary and ternary ops'
 * values, dtypes, grad_fn names and next_functions, gradients under a fixed grad_output, and
 * error messages (float32/float64/int/bool paths, broadcasting, transposed, sliced and expanded
 * inputs, scalars on either side, in-place forms). The promotion tables are dtype tests
 * (test/dtype.test.ts), not any one op's.
 */
import assert from "node:assert/strict";
import * as torch from "../../../src/index.js";
import {
  decode,
  load_golden,
  type EncodedTensor,
  decode_view,
  type EncodedView,
} from "../../helpers/golden.js";
import { expect_error, type GoldenCase, type PyError } from "./case.js";

type Arg = EncodedView | { scalar: number | boolean | string } | null;
interface Case {
  name: string;
  op: string;
  call?: "torch" | "method";
  args?: Arg[];
  kwargs?: Record<string, unknown>;
  clone_self?: boolean;
  out?: EncodedTensor | boolean;
  error?: PyError;
  grad_fn?: string | null;
  next?: [string | null, number][];
  gout?: EncodedTensor;
  grads?: (EncodedTensor | null)[];
  backward_error?: string;
}

function scalar(v: number | boolean | string): number | boolean {
  if (v === "nan") return NaN;
  if (v === "inf") return Infinity;
  if (v === "-inf") return -Infinity;
  return v as number | boolean;
}

function build(a: Arg): torch.Tensor | number | boolean | null {
  if (a === null) return null;
  if ("scalar" in a) return scalar(a.scalar);
  return decode_view(a);
}

type Fn = (...args: unknown[]) => unknown;

function call(c: Case, args: unknown[]): unknown {
  const kw = c.kwargs && Object.keys(c.kwargs).length > 0 ? [c.kwargs] : [];
  const xs = [...args];
  if (c.clone_self) xs[0] = (xs[0] as torch.Tensor).clone();
  if ((c.call ?? "torch") === "torch") {
    const fn = (torch as unknown as Record<string, Fn | undefined>)[c.op];
    assert.ok(fn, `torch.${c.op} is missing`);
    return fn(...xs, ...kw);
  }
  const self = xs[0] as Record<string, Fn | undefined>;
  const method = self[c.op];
  assert.ok(method, `Tensor.${c.op} is missing`);
  return method.call(self, ...xs.slice(1), ...kw);
}

// C++-only nodes (AccumulateGrad, NotImplemented) have no "torch::autograd::" prefix here
const strip = (n: string | null) => (n === null ? null : n.replace("torch::autograd::", ""));

function check_case(c: Case): void {
  const args = (c.args ?? []).map(build);
  const out = call(c, args);
  if (typeof c.out === "boolean") {
    assert.equal(out, c.out);
    return;
  }
  assert.ok(out instanceof torch.Tensor, "expected a tensor result");
  torch.testing.assert_close(out, decode(c.out as EncodedTensor), { equal_nan: true, msg: "value" });
  assert.equal(out.grad_fn?.name() ?? null, strip(c.grad_fn ?? null), "grad_fn");
  if (c.next) {
    const expected = c.next.map(([n, i]) => [strip(n), i]);
    const actual = out.grad_fn!.next_functions.map(([n, i]) => [n?.name() ?? null, i]);
    assert.deepEqual(actual, expected, "next_functions");
  }
  if (!c.gout) return;
  if (c.backward_error) {
    // an in-place op's refusal names the out-of-place op (aten::floor_divide, not floor_divide_)
    assert.throws(() => out.backward(decode(c.gout!)), {
      message: c.backward_error.replace("_ is not", " is not"),
    });
    return;
  }
  out.backward(decode(c.gout));
  (c.grads ?? []).forEach((g, i) => {
    const a = args[i];
    if (g === null) {
      if (a instanceof torch.Tensor) assert.equal(a.grad, null, `grad ${i} should be None`);
      return;
    }
    assert.ok(a instanceof torch.Tensor && a.grad, `grad ${i} missing`);
    torch.testing.assert_close(a.grad, decode(g), { equal_nan: true, msg: `grad ${i}` });
  });
}

/** Every case of binary.json's `cases`, values and errors, by the op it calls. */
export function binary_cases(): GoldenCase[] {
  const { cases } = load_golden<{ cases: Case[] }>("binary");
  return cases.map((c, i) => {
    const at = { id: `binary/cases/${i}`, check: c.name, op: c.op };
    if (c.error) {
      const err = c.error;
      return {
        ...at,
        kind: "error",
        run: () => expect_error(() => call(c, (c.args ?? []).map(build)), err, c.name),
      };
    }
    return { ...at, kind: "value", run: () => check_case(c) };
  });
}
