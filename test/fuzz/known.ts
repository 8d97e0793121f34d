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
    // not a deliberate difference: clamp's NaN bounds are being fixed with the argument checks;
    // remove this entry when that lands
    why: "clamp with a NaN bound (PyTorch keeps the input): fixed by the strict-arguments work",
    test: (m, p) =>
      /value|requires_grad/.test(m.kind) &&
      p.steps.some(
        (s) =>
          (s.op === "clamp" || s.op === "clamp_") &&
          Object.values(s.kwargs ?? {}).some((v) => typeof v === "object" && v !== null && "float" in v && v.float === "nan"),
      ),
  },
];

export function known(m: Mismatch, p: Program, ours?: Outcome, torch?: Outcome): string | null {
  return KNOWN.find((k) => k.test(m, p, ours, torch))?.why ?? null;
}
