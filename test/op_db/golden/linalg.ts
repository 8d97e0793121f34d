/**
 * Reads test/golden/linalg.json (gen_linalg.py) for the op table: matrix products and einsum
 * (values, gradients under a fixed grad_output, the graph where recorded) and matmul's node
 * structure in every shape case. Float32 values and gradients are compared at the selected
 * backend's stated GEMM tolerance (test/helpers/backend.ts). The fixture's `errors` record only
 * PyTorch's messages: their inputs are the op table's error samples.
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
import { walk, type Graph } from "../../helpers/graph.js";
import { gemm_tol } from "../../helpers/backend.js";
import type { GoldenCase } from "./case.js";

type Tensor = torch.Tensor;

interface OpCase {
  op: string;
  args: EncodedView[];
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

/** assert_close's defaults for the dtype, widened to the backend's for float32 GEMM results. */
function close(got: Tensor, want: Tensor, msg: string): void {
  const tol = got.dtype === torch.float32 ? gemm_tol({ rtol: 1.3e-6, atol: 1e-5 }) : {};
  torch.testing.assert_close(got, want, { msg, ...tol });
}

function check_case(name: string, c: OpCase): void {
  const args = c.args.map(decode_view);
  const fn = OPS[c.op];
  assert.ok(fn, `no op ${c.op}`);
  const out = fn(args, c);
  close(out, decode(c.out), `${name}: value`);
  if (c.graph) assert.deepEqual(walk(out), c.graph, `${name}: graph`);
  if (c.grad_output && c.grads) {
    out.backward(decode(c.grad_output));
    c.grads.forEach((g, i) => {
      if (g === null) return;
      const got = args[i].grad;
      assert.ok(got, `${name}: grad ${i} missing`);
      close(got, decode(g), `${name}: grad ${i}`);
    });
  }
}

/** matmul's graph for operands of the case's shapes, requiring grad as the case says. */
function check_graph(k: string, c: GraphCase): void {
  let a: Tensor;
  if (c.a_base) a = decode(c.a_base).transpose(0, 1).contiguous().transpose(0, 1).detach();
  else a = torch.ones(c.a_shape ?? []);
  const b = torch.ones(c.b_shape);
  if (c.rg[0]) a.requires_grad_();
  if (c.rg[1]) b.requires_grad_();
  assert.deepEqual(walk(a.matmul(b)), c.graph, k);
}

/** Every value case of linalg.json (all but `errors`): op cases, and matmul's graph cases. */
export function linalg_cases(): GoldenCase[] {
  const G = load_golden<Record<string, unknown>>("linalg");
  return Object.entries(G)
    .filter(([k]) => k !== "errors")
    .map(([k, v]): GoldenCase => {
      const id = `linalg/${k}`;
      if (k.startsWith("graph ")) {
        return { id, op: "matmul", check: "graph", kind: "value", run: () => check_graph(k, v as GraphCase) };
      }
      return { id, op: (v as OpCase).op, kind: "value", run: () => check_case(k, v as OpCase) };
    });
}
