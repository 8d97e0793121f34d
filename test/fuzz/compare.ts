/**
 * Compares two outcomes of one fuzz program (program.ts): torch-ts's against PyTorch's. Returns
 * the differences, each with a kind that groups like problems together ("value", "dtype",
 * "shape", "grad", "error", "message", "grad_fn", ...); empty when they agree.
 */
import type { Outcome, Program, Recorded } from "./program.js";

export interface Mismatch {
  kind: string;
  /** the op of the step concerned ("backward" for gradients) */
  op: string;
  /** the step concerned, when it is one */
  step?: number;
  detail: string;
}

const TOL: Record<string, [number, number]> = { float32: [1e-5, 1.3e-5], float64: [1e-10, 1e-10] };

function close(a: number | string, b: number | string, dtype: string): boolean {
  if (typeof a === "string" || typeof b === "string") return a === b;
  if (a === b) return true;
  // a float64 value that is a float32 number came from float32 arithmetic (a float32 operand
  // promoted, or a float32 gradient cast back to its float64 input): float32's tolerance
  const f32 = dtype === "float64" && Math.fround(a) === a && Math.fround(b) === b;
  const [atol, rtol] = TOL[f32 ? "float32" : dtype] ?? [0, 0];
  return Math.abs(a - b) <= atol + rtol * Math.abs(b);
}

function diff_tensor(
  kind: string,
  op: string,
  a: Recorded,
  b: Recorded,
  out: Mismatch[],
  names = true,
  step?: number,
): void {
  const before = out.length;
  diff_values(kind, op, a, b, out, names);
  if (step !== undefined) for (let i = before; i < out.length; i++) out[i].step = step;
}

function diff_values(
  kind: string,
  op: string,
  a: Recorded,
  b: Recorded,
  out: Mismatch[],
  names: boolean,
): void {
  if (a.shape.join() !== b.shape.join())
    return void out.push({
      kind: `${kind}-shape`,
      op,
      detail: `[${a.shape.join(", ")}] vs [${b.shape.join(", ")}]`,
    });
  if (a.dtype !== b.dtype)
    return void out.push({ kind: `${kind}-dtype`, op, detail: `${a.dtype} vs ${b.dtype}` });
  const bad = a.data.findIndex((v, i) => !close(v, b.data[i], b.dtype));
  if (bad >= 0)
    out.push({
      kind: `${kind}-value`,
      op,
      detail: `at ${bad}: ${a.data[bad]} vs ${b.data[bad]} (${a.data.slice(0, 8).join(", ")} vs ${b.data.slice(0, 8).join(", ")})`,
    });
  if (a.requires_grad !== b.requires_grad)
    out.push({ kind: `${kind}-requires_grad`, op, detail: `${a.requires_grad} vs ${b.requires_grad}` });
  if (names && a.grad_fn !== b.grad_fn)
    out.push({ kind: `${kind}-grad_fn`, op, detail: `${a.grad_fn} vs ${b.grad_fn}` });
}

const op_of = (p: Program, i: number) => {
  const s = p.steps[i];
  return s ? (s.call === "input" ? "input" : s.op!) : "?";
};

export function compare(program: Program, ours: Outcome, torch: Outcome): Mismatch[] {
  const out: Mismatch[] = [];
  const n = Math.min(ours.steps.length, torch.steps.length);
  for (let i = 0; i < n; i++)
    diff_tensor("step", op_of(program, i), ours.steps[i], torch.steps[i], out, true, i);
  const oe = ours.error?.step ?? Infinity;
  const te = torch.error?.step ?? Infinity;
  if (oe !== te) {
    // the first error decides: who threw first, and at which op
    const first = oe < te ? ours.error! : torch.error!;
    out.push({
      kind: oe < te ? "error-extra" : "error-missing",
      op: op_of(program, first.step),
      step: first.step,
      detail: `${oe < te ? "torch-ts" : "PyTorch"} threw: ${first.message}`,
    });
    return out;
  }
  if (ours.error) return out;
  for (let i = 0; i < Math.min(ours.finals.length, torch.finals.length); i++) {
    diff_tensor("final", op_of(program, i), ours.finals[i], torch.finals[i], out, false);
  }
  if ((ours.backward_error === null) !== (torch.backward_error === null)) {
    out.push({
      kind: ours.backward_error ? "backward-error-extra" : "backward-error-missing",
      op: "backward",
      detail: ours.backward_error ?? torch.backward_error!,
    });
  } else if (ours.grads && torch.grads) {
    ours.grads.forEach((g, i) => {
      const t = torch.grads![i]!;
      if ((g === null) !== (t === null))
        out.push({
          kind: "grad-null",
          op: "backward",
          detail: `input ${i}: ${g === null ? "null" : "grad"} vs ${t === null ? "null" : "grad"}`,
        });
      else if (g && t) diff_tensor("grad", "backward", g, t, out, false);
    });
  } else if ((ours.grads === null) !== (torch.grads === null)) {
    out.push({
      kind: "grad-missing",
      op: "backward",
      detail: `${ours.grads ? "grads" : "none"} vs ${torch.grads ? "grads" : "none"}`,
    });
  }
  return out;
}
