/**
 * The op table that drives the generic op tests (test/ops/op_db*.test.ts), in the manner of
 * PyTorch's `op_db` (torch/testing/_internal/common_methods_invocations.py) and tinygrad's
 * `helper_test_op`: one entry per op, named by its PyTorch name and resolved through the public
 * namespace (`torch.X`, `torch.linalg.X`, `torch.nn.functional.X`) and the Tensor methods, so a missing or
 * misspelled export fails here. Each entry says:
 * - `samples`: float64 inputs (deterministic, away from kinks) and how the op is applied to them
 *   (positional arguments, options objects, views of the inputs); they feed gradcheck (and
 *   gradgradcheck where the backward is itself differentiable), the dtype sweep, the variant
 *   check (torch.X and Tensor.X agree) and the grad_fn check;
 * - `node`: PyTorch's grad_fn name for the op's output, which must also be recorded by PyTorch
 *   in one of the fixtures the entry's `golden` names;
 * - `dtypes`: the floating dtypes whose forward must agree with float64;
 * - `golden_keys` and `errors`: the fixture cases where PyTorch recorded the op's values,
 *   gradients and errors (test/op_db/golden/ reads them; test/ops/op_db_golden.test.ts runs them).
 * The entries live by family in test/op_db/, as the ops do in src/ops/.
 */
import * as T from "../src/index.js";
import type { OpInfo, Op, Result, Sample } from "./op_db/info.js";

export type * from "./op_db/info.js";
export { sample } from "./op_db/info.js";

/** The PyTorch name an entry is found under in the namespace, and how it is reached. */
export interface Resolved {
  /** torch.X or torch.nn.functional.X, when it exists */
  function: Op | null;
  /** Tensor.X applied as (self, ...rest), when Tensor has the method */
  method: Op | null;
}

function method_of(name: string): Op | null {
  const proto = T.Tensor.prototype as unknown as Record<string, unknown>;
  if (typeof proto[name] !== "function") return null;
  return (self: unknown, ...rest: unknown[]) =>
    (self as Record<string, (...a: unknown[]) => Result>)[name](...rest);
}

function lookup(ns: object, name: string): Op | null {
  const f = (ns as Record<string, unknown>)[name];
  return typeof f === "function" ? (f as Op) : null;
}

/** Finds an op by its PyTorch name in the public namespace and among the Tensor methods. */
export function resolve(name: string): Resolved {
  if (name.startsWith("nn.functional.")) {
    return { function: lookup(T.nn.functional, name.slice("nn.functional.".length)), method: null };
  }
  if (name.startsWith("linalg."))
    return { function: lookup(T.linalg, name.slice("linalg.".length)), method: null };
  if (name.startsWith("Tensor.")) return { function: null, method: method_of(name.slice("Tensor.".length)) };
  return { function: lookup(T, name), method: method_of(name) };
}

/** The variant the samples call: the function where PyTorch has one, else the method. */
export function op_of(info: OpInfo): Op {
  const r = resolve(info.name);
  const op = r.function ?? r.method;
  if (!op) throw new Error(`op_db: ${info.name} is neither in the torch namespace nor a Tensor method`);
  return op;
}

/** Applies a sample to fresh inputs (or the given ones) with `op`. */
export function apply(s: Sample, op: Op, xs: T.Tensor[] = s.inputs()): T.Tensor | T.Tensor[] {
  return s.call ? s.call(op, ...xs) : op(...xs);
}

import { ACTIVATION_OPS } from "./op_db/activation.js";
import { BINARY_OPS } from "./op_db/binary.js";
import { CLAMP_OPS } from "./op_db/clamp.js";
import { COMPARISON_OPS } from "./op_db/comparison.js";
import { CONV_OPS } from "./op_db/conv.js";
import { INDEXING_OPS } from "./op_db/indexing.js";
import { INPLACE_VIEW_OPS } from "./op_db/inplace_views.js";
import { LAYER_OPS } from "./op_db/layers.js";
import { LINALG_OPS } from "./op_db/linalg.js";
import { LOSS_OPS } from "./op_db/loss.js";
import { POINTWISE_OPS } from "./op_db/pointwise.js";
import { REDUCE_OPS } from "./op_db/reduce.js";
import { REDUCE_STATS_OPS } from "./op_db/reduce_stats.js";
import { SHAPE_OPS } from "./op_db/shape.js";
import { SOFTMAX_OPS } from "./op_db/softmax.js";
import { SORTING_OPS } from "./op_db/sorting.js";
import { STACKING_OPS } from "./op_db/stacking.js";
import { TERNARY_OPS } from "./op_db/ternary.js";
import { TRIG_OPS } from "./op_db/trig.js";
import { VIEW_OPS } from "./op_db/views.js";

/** Every entry, by family (src/ops/<family>/). */
export const OP_DB: readonly OpInfo[] = [
  ...POINTWISE_OPS,
  ...TRIG_OPS,
  ...CLAMP_OPS,
  ...BINARY_OPS,
  ...TERNARY_OPS,
  ...COMPARISON_OPS,
  ...REDUCE_OPS,
  ...REDUCE_STATS_OPS,
  ...SORTING_OPS,
  ...LINALG_OPS,
  ...SHAPE_OPS,
  ...INPLACE_VIEW_OPS,
  ...VIEW_OPS,
  ...STACKING_OPS,
  ...INDEXING_OPS,
  ...ACTIVATION_OPS,
  ...SOFTMAX_OPS,
  ...LAYER_OPS,
  ...CONV_OPS,
  ...LOSS_OPS,
];
