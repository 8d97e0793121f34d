/**
 * Reads test/golden/movement.json (gen_movement.py) for the op table: each case's inputs are
 * rebuilt from a base tensor and a list of view steps, the op is run, and values, strides,
 * storage offsets, node names, gradients and view-ness are compared; errors by class and message.
 * The `layout` section (stride rules, no op's) is test/shape.test.ts's.
 */
import assert from "node:assert/strict";
import * as torch from "../../../src/index.js";
import type { Tensor } from "../../../src/index.js";
import { decode, load_golden, type EncodedTensor } from "../../helpers/golden.js";
import type { GoldenCase } from "./case.js";

export interface InputSpec {
  base: EncodedTensor;
  prep: (string | number)[][];
}
export interface Case {
  op: string;
  inputs: InputSpec[];
  args: unknown[];
  kwargs: Record<string, unknown>;
  out: EncodedTensor | EncodedTensor[];
  strides: number[][];
  offsets: number[];
  view: boolean[];
  same: boolean[];
  nodes: (string | null)[];
  gouts?: (EncodedTensor | null)[];
  grads?: (EncodedTensor | null)[];
}
export interface ErrorCase {
  op: string;
  inputs: InputSpec[];
  args: unknown[];
  kwargs: Record<string, unknown>;
  error: { type: string; message: string };
}
export interface Layout {
  is_contiguous: { shape: number[]; stride: number[]; is_contiguous: boolean }[];
  view_strides: { shape: number[]; stride: number[]; new: number[]; result: number[] | null }[];
  contiguous_strides: { shape: number[]; stride: number[] }[];
}

export const G = load_golden<{
  views: Case[];
  joining: Case[];
  shaping: Case[];
  errors: ErrorCase[];
  layout: Layout;
}>("movement");

function apply_prep(t: Tensor, prep: (string | number)[][]): Tensor {
  for (const [name, ...a] of prep) {
    const n = a as number[];
    if (name === "t") t = t.t();
    else if (name === "transpose") t = t.transpose(n[0], n[1]);
    else if (name === "permute") t = t.permute(...n);
    else if (name === "narrow") t = t.narrow(n[0], n[1], n[2]);
    else if (name === "select") t = t.select(n[0], n[1]);
    else if (name === "expand") t = t.expand(...n);
    else if (name === "unsqueeze") t = t.unsqueeze(n[0]);
    else throw new Error(`unknown prep step ${String(name)}`);
  }
  return t;
}

type Args = unknown[];
const OPS: Record<string, (xs: Tensor[], a: Args) => Tensor | Tensor[]> = {
  view: ([x], a) => x.view(...(a as number[])),
  reshape: ([x], a) => x.reshape(...(a as number[])),
  view_as: ([x, y]) => x.view_as(y),
  reshape_as: ([x, y]) => x.reshape_as(y),
  expand: ([x], a) => x.expand(...(a as number[])),
  expand_as: ([x, y]) => x.expand_as(y),
  permute: ([x], a) => x.permute(...(a as number[])),
  transpose: ([x], a) => x.transpose(a[0] as number, a[1] as number),
  swapaxes: ([x], a) => x.swapaxes(a[0] as number, a[1] as number),
  t: ([x]) => x.t(),
  T: ([x]) => x.T,
  mT: ([x]) => x.mT,
  squeeze: ([x], a) => x.squeeze(a[0] as number | number[] | undefined),
  unsqueeze: ([x], a) => x.unsqueeze(a[0] as number),
  flatten: ([x], a) => x.flatten(...(a as [number, number])),
  unflatten: ([x], a) => x.unflatten(a[0] as number, a[1] as number[]),
  narrow: ([x], a) => x.narrow(a[0] as number, a[1] as number, a[2] as number),
  select: ([x], a) => x.select(a[0] as number, a[1] as number),
  movedim: ([x], a) => x.movedim(a[0] as number, a[1] as number),
  moveaxis: ([x], a) => x.moveaxis(a[0] as number, a[1] as number),
  diagonal: ([x], a) => x.diagonal(...(a as [number])),
  as_strided: ([x], a) => x.as_strided(a[0] as number[], a[1] as number[], a[2] as number | undefined),
  contiguous: ([x]) => x.contiguous(),
  clone: ([x]) => x.clone(),
  unbind: ([x], a) => x.unbind(a[0] as number | undefined),
  split: ([x], a) => x.split(a[0] as number, ...(a.slice(1) as [number])),
  chunk: ([x], a) => x.chunk(a[0] as number, ...(a.slice(1) as [number])),
  tensor_split: ([x], a) => x.tensor_split(a[0] as number, ...(a.slice(1) as [number])),
  hsplit: ([x], a) => torch.hsplit(x, a[0] as number),
  vsplit: ([x], a) => torch.vsplit(x, a[0] as number),
  cat: (xs, a) => torch.cat(xs, ...(a as [number])),
  concat: (xs, a) => torch.concat(xs, ...(a as [number])),
  stack: (xs, a) => torch.stack(xs, ...(a as [number])),
  hstack: (xs) => torch.hstack(xs),
  vstack: (xs) => torch.vstack(xs),
  dstack: (xs) => torch.dstack(xs),
  flip: ([x], a) => x.flip(...(a as number[])),
  fliplr: ([x]) => torch.fliplr(x),
  flipud: ([x]) => torch.flipud(x),
  roll: ([x], a) => x.roll(...(a as [number])),
  tril: ([x], a) => x.tril(...(a as [number])),
  triu: ([x], a) => x.triu(...(a as [number])),
  repeat: ([x], a) => x.repeat(...(a as number[])),
  tile: ([x], a) => x.tile(...(a as number[])),
  atleast_1d: ([x]) => torch.atleast_1d(x),
  atleast_2d: ([x]) => torch.atleast_2d(x),
  atleast_3d: ([x]) => torch.atleast_3d(x),
  diag_embed: ([x], a) => torch.diag_embed(x, ...(a as [number])),
  diag: ([x], a) => torch.diag(x, a[0] as number | undefined),
};

/** The case's positional arguments, followed by its keyword arguments as one options object. */
function call_args(c: { args: unknown[]; kwargs: Record<string, unknown> }): Args {
  return Object.keys(c.kwargs).length ? [...c.args, c.kwargs] : c.args;
}

export function run_op(
  op: string,
  xs: Tensor[],
  c: { args: unknown[]; kwargs: Record<string, unknown> },
): Tensor[] {
  const fn = OPS[op];
  if (!fn) throw new Error(`no replay for op ${op}`);
  const out = fn(xs, call_args(c));
  return Array.isArray(out) ? out : [out];
}

export function label(c: {
  op: string;
  inputs: InputSpec[];
  args: unknown[];
  kwargs: Record<string, unknown>;
}): string {
  const ins = c.inputs.map(
    (i) => `${i.base.dtype}${JSON.stringify(i.base.shape)}${i.prep.length ? JSON.stringify(i.prep) : ""}`,
  );
  return `${c.op}(${ins.join(", ")}; ${JSON.stringify(c.args)}${Object.keys(c.kwargs).length ? JSON.stringify(c.kwargs) : ""})`;
}

/** Runs one case and checks everything the fixture recorded. */
export function check_case(c: Case): void {
  const bases = c.inputs.map((s) => {
    const b = decode(s.base).clone();
    return b.dtype.is_floating_point ? b.requires_grad_(true) : b;
  });
  const xs = bases.map((b, i) => apply_prep(b, c.inputs[i].prep));
  const outs = run_op(c.op, xs, c);
  const expected = Array.isArray(c.out) ? c.out : [c.out];
  const where = label(c);
  assert.equal(outs.length, expected.length, `${where}: number of outputs`);
  outs.forEach((o, i) => {
    torch.testing.assert_close(o, decode(expected[i]), { msg: where });
    assert.deepEqual(o.stride(), c.strides[i], `${where}: strides of output ${i}`);
    assert.equal(o.storage_offset(), c.offsets[i], `${where}: storage offset of output ${i}`);
    assert.equal(o === xs[0], c.same[i], `${where}: output ${i} is the input itself`);
    assert.equal(o !== xs[0] && o._storage === xs[0]._storage, c.view[i], `${where}: output ${i} is a view`);
    assert.equal(o.grad_fn?.name() ?? null, c.nodes[i], `${where}: grad_fn of output ${i}`);
  });
  if (c.gouts && c.grads) {
    const pairs = outs.flatMap((o, i) => {
      const g = c.gouts?.[i];
      return g ? [[o, decode(g)] as const] : [];
    });
    torch.autograd.backward(
      pairs.map((p) => p[0]),
      pairs.map((p) => p[1]),
    );
    bases.forEach((b, k) => {
      const want = c.grads?.[k] ?? null;
      if (want === null) assert.equal(b.grad, null, `${where}: grad of input ${k} should be None`);
      else {
        assert.ok(b.grad, `${where}: grad of input ${k} missing`);
        torch.testing.assert_close(b.grad, decode(want), { msg: `${where}: grad of input ${k}` });
      }
    });
  }
  check_write_through(c, xs[0], outs, where);
}

/** Writes into each output and checks the input changed exactly when PyTorch says it is a view. */
function check_write_through(c: Case, x: Tensor, outs: Tensor[], where: string): void {
  outs.forEach((o, i) => {
    if (o.numel() === 0 || c.same[i]) return;
    const before = JSON.stringify(x.tolist());
    const first = o.detach().flatten().tolist() as (number | boolean)[];
    const sentinel = o.dtype === torch.bool ? !first[0] : 1234;
    o.detach().fill_(sentinel);
    const after = JSON.stringify(x.tolist());
    assert.equal(after !== before, c.view[i], `${where}: writing through output ${i}`);
  });
}

const ERROR_CLASS: Record<string, (e: unknown) => boolean> = {
  IndexError: (e) => e instanceof RangeError,
  TypeError: (e) => e instanceof TypeError,
  RuntimeError: (e) => e instanceof Error && !(e instanceof RangeError) && !(e instanceof TypeError),
};

export function check_error(c: ErrorCase): void {
  const xs = c.inputs.map((s) => apply_prep(decode(s.base).clone(), s.prep));
  const where = label(c);
  assert.throws(
    () => run_op(c.op, xs, c),
    (e: unknown) => {
      assert.ok(ERROR_CLASS[c.error.type]?.(e), `${where}: expected ${c.error.type}, got ${String(e)}`);
      assert.equal((e as Error).message.split("\n")[0], c.error.message, where);
      return true;
    },
    where,
  );
}

/** Every case of movement.json's views, joining, shaping and errors, by the op it calls. */
export function movement_cases(): GoldenCase[] {
  const sections = ["views", "joining", "shaping"] as const;
  return [
    ...sections.flatMap((s) =>
      G[s].map((c, i): GoldenCase => ({
        id: `movement/${s}/${i}`,
        check: label(c),
        op: c.op,
        kind: "value",
        run: () => check_case(c),
      })),
    ),
    ...G.errors.map((c, i): GoldenCase => ({
      id: `movement/errors/${i}`,
      check: label(c),
      op: c.op,
      kind: "error",
      run: () => check_error(c),
    })),
  ];
}
