/**
 * Deterministic float64 inputs for the op table's samples: distinct values (no ties on kinks
 * of max, sort...), inside each op's domain, and no RNG state, so gradcheck sees the same
 * function every run.
 */
import * as torch from "../../src/index.js";
import { leaf } from "../helpers/leaf.js";

type T = torch.Tensor;
export { leaf };

/** Positive values, for log, sqrt, divisors. */
export const pos = (shape: number[], seed = 1): T => leaf(shape, 0.3, 1.9, seed);
/** Values inside (-1, 1), for asin, atanh, erfinv. */
export const unit = (shape: number[], seed = 1): T => leaf(shape, -0.9, 0.9, seed);
/** A bool mask from rows of 0/1. */
export const mask = (...rows: number[][]): T => torch.tensor(rows).gt(0);

/** Keeps a value at least `gap` away from each kink (a finite difference across one fails). */
export function away(t: T, kinks: number[], gap = 0.05): T {
  const v = (t.detach().tolist() as number[][]).flat().map((x) => {
    for (const k of kinks) if (Math.abs(x - k) < gap) x = k + (x < k ? -gap : gap);
    return x;
  });
  return torch.tensor(v, { dtype: torch.float64 }).reshape(t.shape).requires_grad_();
}

/** A [3, 4] input over [-4, 4) kept away from the given kinks (the activations' samples). */
export const kinked = (kinks: number[] = [0]): T[] => [away(leaf([3, 4], -4, 4), kinks)];

/** Evenly spaced values over [-2, 3] (the dropout samples). */
export function lin(...shape: number[]): T {
  const n = shape.reduce((p, s) => p * s, 1);
  return torch.linspace(-2, 3, n, { dtype: torch.float64 }).reshape(shape).requires_grad_();
}

/** Distinct values in (lo, hi) by a golden-ratio stride (the in-place view samples). */
export function spread(shape: number[], lo = 0.3, hi = 1.7): T {
  const n = shape.reduce((p, s) => p * s, 1);
  const vals = Array.from({ length: n }, (_, i) => lo + ((hi - lo) * ((i * 0.618034) % 1)) / 1);
  return torch.tensor(vals, { dtype: torch.float64 }).reshape(shape).requires_grad_();
}

/** Given values as a float64 leaf of `shape`. */
export const f64 = (v: number[], shape = [2, 3]): T =>
  torch.tensor(v, { dtype: torch.float64 }).reshape(shape).requires_grad_();
export const ANY = [-1.7, -0.6, 0.3, 0.8, 1.4, 2.1];
export const POS = [0.2, 0.6, 1.3, 2.0, 3.5, 7.0];
export const UNIT = [-0.9, -0.45, -0.1, 0.2, 0.55, 0.85];
