/**
 * The argument handling every loss shares: the reduction (PyTorch's `reduction` string, or the
 * deprecated size_average/reduce pair that _Reduction.legacy_get_string turns into one), and
 * torch.Size's repr for the messages torch/nn/functional.py formats. Not part of F itself.
 */
import type { Reduction } from "../../ops/loss/regression.js";

export type { Reduction } from "../../ops/loss/regression.js";

/** The keyword arguments every loss takes: the reduction, and PyTorch's deprecated pair for it. */
export interface ReductionOptions {
  size_average?: boolean | null;
  reduce?: boolean | null;
  reduction?: Reduction;
}

/** _Reduction.legacy_get_string: size_average/reduce (None counts as True) to a reduction. */
function legacy_reduction(
  size_average: boolean | null | undefined,
  reduce: boolean | null | undefined,
): Reduction {
  const sa = size_average ?? true;
  const r = reduce ?? true;
  if (sa && r) return "mean";
  return r ? "sum" : "none";
}

/** The reduction asked for: the legacy pair takes precedence when given, as in PyTorch. */
export function reduction_arg(o: ReductionOptions): Reduction {
  if ((o.size_average ?? null) !== null || (o.reduce ?? null) !== null) {
    return legacy_reduction(o.size_average, o.reduce);
  }
  return o.reduction ?? "mean";
}

/** _Reduction.get_enum's check of the reduction's value. */
export function reduction_of(o: ReductionOptions): Reduction {
  const r = reduction_arg(o);
  if (r !== "none" && r !== "mean" && r !== "sum") {
    throw new Error(`${String(r)} is not a valid value for reduction`);
  }
  return r;
}
