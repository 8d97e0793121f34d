/**
 * Reads test/golden/conv.json (gen_conv.py) for the op table: F.conv1d, F.conv2d and
 * F.max_pool2d, their values (and max pooling's indices, in PyTorch's tie and NaN order), the
 * gradients of the arguments that require grad under a fixed grad_output, the grad_fn, and
 * PyTorch's errors. Float32 convolutions are compared at the backend's stated GEMM tolerance
 * (test/helpers/backend.ts). The `modules` sections are test/nn/conv.test.ts's.
 */
import assert from "node:assert/strict";
import * as torch from "../../../src/index.js";
import {
  decode,
  decode_view,
  load_golden,
  type EncodedTensor,
  type EncodedView,
} from "../../helpers/golden.js";
import { gemm_tol } from "../../helpers/backend.js";
import { expect_error, type GoldenCase, type PyError } from "./case.js";

type Tensor = torch.Tensor;
type Arg = EncodedView | number | number[] | null | boolean;
interface Case {
  fn: "conv1d" | "conv2d" | "max_pool1d" | "max_pool2d" | "max_pool2d_with_indices" | "avg_pool2d";
  args: Arg[];
  kwargs: Record<string, unknown>;
  out?: EncodedTensor;
  indices?: EncodedTensor;
  node?: string | null;
  grad_out?: EncodedTensor;
  grads?: (EncodedTensor | null)[];
  error?: PyError;
}

function is_view(a: Arg): a is EncodedView {
  return typeof a === "object" && a !== null && !Array.isArray(a);
}

function call(c: Case): { res: Tensor | Tensor[]; args: unknown[] } {
  const args = c.args.map((a) => (is_view(a) ? decode_view(a) : a));
  const f = torch.nn.functional[c.fn] as (...a: unknown[]) => Tensor | Tensor[];
  const kw = Object.keys(c.kwargs).length > 0 ? [c.kwargs] : [];
  return { res: f(...args, ...kw), args };
}

function label(c: Case): string {
  const shapes = c.args.map((a) => (is_view(a) ? `[${a.size.join(",")}]` : JSON.stringify(a)));
  return `${c.fn}(${shapes.join(", ")}, ${JSON.stringify(c.kwargs)})`;
}

function close(got: Tensor, want: Tensor, msg: string, conv: boolean): void {
  const tol = conv && got.dtype === torch.float32 ? gemm_tol({ rtol: 1.3e-6, atol: 1e-5 }) : {};
  torch.testing.assert_close(got, want, { msg, equal_nan: true, ...tol });
}

function check_case(c: Case): void {
  const name = label(c);
  // sums accumulate in double here, in float32 in PyTorch: float32 results may differ in the last bits
  const conv = c.fn.startsWith("conv") || c.fn === "avg_pool2d";
  const { res, args } = call(c);
  const out = Array.isArray(res) ? res[0] : res;
  close(out, decode(c.out!), `${name}: value`, conv);
  if (c.indices) {
    assert.ok(Array.isArray(res), `${name}: indices expected`);
    assert.deepEqual(res[1].tolist(), decode(c.indices).tolist(), `${name}: indices`);
    assert.equal(res[1].dtype, torch.int64);
  }
  assert.equal(out.grad_fn?.name() ?? null, c.node ?? null, `${name}: node`);
  if (!c.grad_out) return;
  out.backward(decode(c.grad_out));
  (c.grads ?? []).forEach((g, i) => {
    const a = args[i] as Tensor;
    if (g === null) return;
    assert.ok(a.grad, `${name}: grad ${i} missing`);
    close(a.grad, decode(g), `${name}: grad ${i}`, conv);
  });
}

/** Every case of conv.json's `ops` section, by the F.* function it calls. */
export function conv_cases(): GoldenCase[] {
  const G = load_golden<{ ops: Case[] }>("conv");
  return G.ops.map((c, i): GoldenCase => {
    const at = { id: `conv/ops/${i}`, check: label(c), op: c.fn };
    const err = c.error;
    if (err) return { ...at, kind: "error", run: () => expect_error(() => call(c), err, label(c)) };
    return { ...at, kind: "value", run: () => check_case(c) };
  });
}
