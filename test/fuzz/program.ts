/**
 * The differential fuzzer's programs and their interpreter. A program is a list of steps over
 * numbered tensors: each step makes a tensor from data, or calls a Tensor method or a function
 * of the torch namespace on earlier tensors, numbers, slices and dtypes. The same JSON runs in
 * PyTorch (torch_runner.py) and here (`run_program`), each recording, per step, the result's
 * shape, dtype, values, requires_grad and grad_fn name, or the error that stopped the program;
 * then the final values of every tensor (so writes through views show), and the gradients of
 * the inputs after `backward()` from the sum of the last tensor that requires grad.
 */
import * as torch from "../../src/index.js";

export type DTypeName = "float32" | "float64" | "int64" | "int32" | "bool";
/** A tensor made from data: its values in row-major order (bools as 0/1). */
export interface TensorSpec {
  shape: number[];
  dtype: DTypeName;
  data: number[];
  requires_grad: boolean;
}
export type Arg =
  | number
  | boolean
  | null
  | string // "..." (Ellipsis) or a reduction/mode name
  | { t: number } // a tensor made by an earlier step
  | { slice: [number | null, number | null, number | null] }
  | { dtype: DTypeName }
  | { float: "nan" | "inf" | "-inf" } // JSON has no NaN or infinities
  | Arg[];
export interface Step {
  /** "input": make `spec`; "method": tensors[self].op(...args); "function": torch.<op>(...args) */
  call: "input" | "method" | "function";
  op?: string;
  self?: number;
  spec?: TensorSpec;
  args?: Arg[];
  kwargs?: Record<string, Arg>;
  /** for ops returning several tensors (max(dim), split ...): which one to keep */
  pick?: number;
}
export interface Program {
  steps: Step[];
  backward: boolean;
}

/** A tensor as recorded: values as numbers, non-finite ones as "nan" / "inf" / "-inf". */
export interface Recorded {
  shape: number[];
  dtype: DTypeName;
  data: (number | string)[];
  requires_grad: boolean;
  grad_fn: string | null;
  /** the layout, not compared as such: it explains differences of views (known.ts) */
  strides?: number[];
}
export interface Outcome {
  steps: Recorded[];
  /** the step that threw, and its message */
  error: { step: number; message: string } | null;
  finals: Recorded[];
  /** gradients of the inputs that require grad, in order of the input steps (null: no gradient) */
  grads: (Recorded | null)[] | null;
  backward_error: string | null;
}

const DTYPES: Record<DTypeName, torch.DType> = {
  float32: torch.float32,
  float64: torch.float64,
  int64: torch.int64,
  int32: torch.int32,
  bool: torch.bool,
};

export function dtype_name(d: torch.DType): DTypeName {
  const name = String(d).replace("torch.", "") as DTypeName;
  if (!(name in DTYPES)) throw new Error(`fuzz: unexpected dtype ${String(d)}`);
  return name;
}

function num(v: number): number | string {
  if (Number.isNaN(v)) return "nan";
  if (v === Infinity) return "inf";
  if (v === -Infinity) return "-inf";
  return v;
}

/** The node's name; "error" when reading grad_fn throws (a view PyTorch refuses to regenerate). */
function grad_fn_name(t: torch.Tensor): string | null {
  try {
    return t.grad_fn ? t.grad_fn.name() : null;
  } catch {
    return "error";
  }
}

export function record(t: torch.Tensor): Recorded {
  const flat = t.detach().reshape(-1).tolist() as (number | boolean)[];
  return {
    shape: [...t.shape],
    dtype: dtype_name(t.dtype),
    data: flat.map((v) => (typeof v === "boolean" ? Number(v) : num(v))),
    requires_grad: t.requires_grad,
    grad_fn: grad_fn_name(t),
    strides: t.stride(),
  };
}

export function make_tensor(spec: TensorSpec): torch.Tensor {
  const dtype = DTYPES[spec.dtype];
  const values = spec.dtype === "bool" ? spec.data.map((v) => v !== 0) : spec.data;
  return torch.tensor(values, { dtype }).reshape(spec.shape).requires_grad_(spec.requires_grad);
}

function resolve(a: Arg, tensors: torch.Tensor[]): unknown {
  if (Array.isArray(a)) return a.map((x) => resolve(x, tensors));
  if (a !== null && typeof a === "object") {
    if ("t" in a) return tensors[a.t];
    if ("slice" in a) return torch.slice(a.slice[0], a.slice[1], a.slice[2]);
    if ("dtype" in a) return DTYPES[a.dtype];
    if ("float" in a) return Number(a.float.replace("inf", "Infinity"));
  }
  return a;
}

/** Calls a step's op; returns the tensor it keeps. */
function call(step: Step, tensors: torch.Tensor[]): torch.Tensor {
  if (step.call === "input") return make_tensor(step.spec!);
  const args = (step.args ?? []).map((a) => resolve(a, tensors));
  if (step.kwargs) {
    const opts: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(step.kwargs)) opts[k] = resolve(v, tensors);
    args.push(opts);
  }
  let out: unknown;
  if (step.call === "method") {
    const self = tensors[step.self!] as unknown as Record<string, (...a: unknown[]) => unknown>;
    if (step.op === "index") out = self.index(...(args[0] as unknown[]));
    else out = self[step.op!](...args);
  } else {
    let fn: unknown = torch;
    for (const part of step.op!.split(".")) fn = (fn as Record<string, unknown>)[part];
    out = (fn as (...a: unknown[]) => unknown)(...args);
  }
  if (step.pick !== undefined) out = Array.from(out as Iterable<unknown>)[step.pick];
  if (!(out instanceof torch.Tensor)) throw new Error(`fuzz: ${step.op} returned no tensor`);
  return out;
}

/** Runs one step, appending its tensor; returns the error message if it threw. */
export function run_step(step: Step, tensors: torch.Tensor[], steps: Recorded[]): string | null {
  try {
    const t = call(step, tensors);
    tensors.push(t);
    steps.push(record(t));
    return null;
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}

export function finish(
  program: Program,
  tensors: torch.Tensor[],
): Pick<Outcome, "finals" | "grads" | "backward_error"> {
  const finals = tensors.map(record);
  if (!program.backward) return { finals, grads: null, backward_error: null };
  const leaves = program.steps
    .map((s, i) => (s.call === "input" && s.spec!.requires_grad ? tensors[i] : undefined))
    .filter((t): t is torch.Tensor => t !== undefined);
  const root = [...tensors].reverse().find((t) => t.requires_grad);
  if (!root || leaves.length === 0) return { finals, grads: null, backward_error: null };
  try {
    root.sum().backward();
  } catch (e) {
    return { finals, grads: null, backward_error: e instanceof Error ? e.message : String(e) };
  }
  return { finals, grads: leaves.map((l) => (l.grad ? record(l.grad) : null)), backward_error: null };
}

export function run_program(program: Program): Outcome {
  const tensors: torch.Tensor[] = [];
  const steps: Recorded[] = [];
  for (let i = 0; i < program.steps.length; i++) {
    const message = run_step(program.steps[i], tensors, steps);
    if (message !== null)
      return { steps, error: { step: i, message }, finals: [], grads: null, backward_error: null };
  }
  return { steps, error: null, ...finish(program, tensors) };
}
