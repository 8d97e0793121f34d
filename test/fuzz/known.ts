/**
 * Differences from PyTorch that the fuzzer meets, each with its reason (and an entry in
 * docs/differences.md): deliberate ones, and those where the installed PyTorch 1.13 differs from
 * 2.x, which torch-ts follows. `known` returns the reason when a mismatch is one of them.
 */
import type { Mismatch } from "./compare.js";
import type { Outcome, Program } from "./program.js";

interface Known {
  why: string;
  test(m: Mismatch, p: Program, ours?: Outcome, torch?: Outcome): boolean;
}

const VIEWS = new Set(["view", "reshape", "flatten"]);

/** Whether a step's input has another layout in torch-ts than in PyTorch (sizes > 1 only). */
function other_layout(p: Program, step: number, ours?: Outcome, torch?: Outcome): boolean {
  const self = p.steps[step]?.self;
  if (self === undefined || !ours || !torch) return false;
  const a = ours.steps[self];
  const b = torch.steps[self];
  if (!a?.strides || !b?.strides) return false;
  return a.shape.some((n, d) => n > 1 && a.strides![d] !== b.strides![d]);
}

const KNOWN: Known[] = [
  {
    why:
      "results of pointwise ops and to(dtype) are contiguous in torch-ts; PyTorch gives them the " +
      "layout of their inputs, so a later view can fail there, or a reshape copy, where torch-ts views",
    test: (m, p, ours, torch) =>
      m.step !== undefined &&
      VIEWS.has(m.op) &&
      (m.kind === "error-missing" || m.kind === "error-extra" || m.kind === "step-grad_fn") &&
      other_layout(p, m.step, ours, torch),
  },
  {
    why:
      "PyTorch 2.x refuses operands of different dtypes in mm's and addmv's meta functions, so " +
      "also when the result is empty; 1.13 checked in the kernel, which an empty product skips",
    test: (m) =>
      m.kind === "error-extra" &&
      (m.op === "matmul" || m.op === "mm" || m.op === "mv") &&
      (m.detail.includes("expected m1 and m2 to have the same dtype") ||
        m.detail.includes("addmv input tensors must have the same dtype")),
  },
  {
    why:
      "the gradient of var/std over one element (n == correction) is NaN in PyTorch 2.x where the " +
      "input equals its mean (infinity times zero); 1.13 gave infinity for 0-dim inputs",
    test: (m, p) =>
      m.kind === "grad-value" &&
      /^at \d+: nan vs (-)?inf /.test(m.detail) &&
      p.steps.some((s) => s.op === "var" || s.op === "std"),
  },
  {
    why:
      "an in-place write into a view made before its base required grad: torch-ts regenerates the " +
      "view's grad_fn first and records the write; PyTorch checks the raw field and refuses " +
      "('a leaf Variable ...') unless the view's grad_fn was read before, as printing it does",
    test: (m, p, ours) => {
      if (m.kind !== "error-missing" || m.step === undefined || !ours) return false;
      if (!m.detail.includes("a leaf Variable that requires grad is being used in an in-place operation"))
        return false;
      const self = p.steps[m.step].self;
      return self !== undefined && p.steps[self].call !== "input" && !ours.steps[self].requires_grad;
    },
  },
  {
    why:
      "a recorded in-place op keeps its input's old value for backward in torch-ts, so changing " +
      "the result again in place does not invalidate it; PyTorch saved the result there and raises " +
      "(docs/differences.md)",
    test: (m, p, ours) => {
      if (m.kind !== "backward-error-missing" || !ours) return false;
      // the node of an in-place op of the program (PowBackward1 for pow_)
      const op = /which is output \d+ of (\w+)Backward\d+,/.exec(m.detail)?.[1]?.toLowerCase();
      return op !== undefined && p.steps.some((s) => s.op === `${op}_`);
    },
  },
  {
    why:
      "masked_select's gradient over a non-contiguous input: PyTorch 1.13's masked_scatter_ wrote " +
      "it in memory order, at the wrong elements; torch-ts puts each where its element was selected",
    test: (m, p, _ours, torch) =>
      m.kind === "grad-value" &&
      torch !== undefined &&
      p.steps.some((s) => {
        if (s.op !== "masked_select" || s.self === undefined) return false;
        const r = torch.steps[s.self];
        return r?.strides !== undefined && !row_major(r.shape, r.strides);
      }),
  },
  {
    why:
      "copysign of a NaN: PyTorch reads the NaN's sign bit (some of its kernels make -NaN, as " +
      "logit of a negative number does); JavaScript numbers do not keep it",
    test: (m, p, ours) =>
      /value/.test(m.kind) &&
      ours !== undefined &&
      p.steps.some(
        (s) =>
          s.op === "copysign" &&
          [
            s.self,
            ...(s.args ?? []).map((a) => (typeof a === "object" && a !== null && "t" in a ? a.t : undefined)),
          ].some((k) => k !== undefined && (ours.finals[k] ?? ours.steps[k])?.data.includes("nan")),
      ),
  },
  {
    why:
      "an in-place op reading a non-dense view of the tensor it writes: torch-ts reads it as if " +
      "copied first; PyTorch computes in its kernel's visiting order (docs/differences.md)",
    test: (m, p, ours) =>
      /value/.test(m.kind) &&
      ours !== undefined &&
      p.steps.some(
        (s) =>
          s.op !== undefined &&
          s.op.endsWith("_") &&
          s.self !== undefined &&
          (s.args ?? []).some((a) => {
            if (typeof a !== "object" || a === null || !("t" in a)) return false;
            const r = ours.steps[a.t];
            return (
              root(p, a.t) === root(p, s.self!) && r?.strides !== undefined && !dense(r.shape, r.strides)
            );
          }),
      ),
  },
  {
    why:
      "int64 values past 2^53 are doubles in torch-ts (docs/differences.md): converting an " +
      "infinity to int64 and summing such values rounds where PyTorch wraps around",
    test: (m, _p, ours) =>
      /value/.test(m.kind) &&
      ours !== undefined &&
      ours.steps.some(
        (r) => r.dtype === "int64" && r.data.some((v) => typeof v === "number" && Math.abs(v) >= 2 ** 53),
      ),
  },
];

/** Ops whose result is (or may be) a view of their input. */
const VIEW_OPS = new Set([
  "view",
  "reshape",
  "flatten",
  "expand",
  "narrow",
  "permute",
  "select",
  "squeeze",
  "unsqueeze",
  "t",
  "transpose",
  "unbind",
  "split",
  "chunk",
  "index",
]);

/** The step a tensor's storage comes from, following view ops back to their first input. */
function root(p: Program, k: number): number {
  let s = p.steps[k];
  while (s.self !== undefined && s.op !== undefined && VIEW_OPS.has(s.op)) {
    k = s.self;
    s = p.steps[k];
  }
  return k;
}

/** Whether a layout covers a block of memory once, in some order of its dims (sizes of 1 aside). */
function dense(shape: readonly number[], strides: readonly number[]): boolean {
  const dims = shape.map((n, d) => [n, strides[d]]).filter(([n]) => n !== 1);
  dims.sort((a, b) => a[1] - b[1]);
  let expected = 1;
  for (const [n, st] of dims) {
    if (st !== expected) return false;
    expected *= n;
  }
  return true;
}

/** Whether strides are the row-major ones of shape (sizes of 1 aside). */
function row_major(shape: readonly number[], strides: readonly number[]): boolean {
  let expected = 1;
  for (let d = shape.length - 1; d >= 0; d--) {
    if (shape[d] !== 1 && strides[d] !== expected) return false;
    expected *= shape[d];
  }
  return true;
}

export function known(m: Mismatch, p: Program, ours?: Outcome, torch?: Outcome): string | null {
  return KNOWN.find((k) => k.test(m, p, ours, torch))?.why ?? null;
}
