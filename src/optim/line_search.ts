/**
 * The strong-Wolfe line search LBFGS uses (torch/optim/lbfgs.py `_strong_wolfe` and
 * `_cubic_interpolate`, themselves ported from Torch7's lswolfe.lua and polyinterp.lua).
 *
 * Step lengths, losses and directional derivatives are JS numbers (doubles). In PyTorch the
 * derivatives are 0-dim tensors of the parameters' dtype, so with float64 parameters the
 * arithmetic is the same as here; with float32 parameters PyTorch rounds some of these scalars
 * to float32 and the search can take a slightly different path.
 */
import type { Tensor } from "../tensor/tensor.js";

/** Python's max/min of two values: the first unless the second is strictly larger/smaller. */
const py_max = (a: number, b: number): number => (b > a ? b : a);
const py_min = (a: number, b: number): number => (b < a ? b : a);

/**
 * The minimiser of the cubic through (x1, f1) and (x2, f2) with slopes g1 and g2, clamped to
 * `bounds` (default: between x1 and x2); the bounds' midpoint when the cubic has no minimum.
 */
export function cubic_interpolate(
  x1: number,
  f1: number,
  g1: number,
  x2: number,
  f2: number,
  g2: number,
  bounds?: readonly [number, number],
): number {
  const [xmin_bound, xmax_bound] = bounds ?? (x1 <= x2 ? [x1, x2] : [x2, x1]);
  //   d1 = g1 + g2 - 3*(f1-f2)/(x1-x2);
  //   d2 = sqrt(d1^2 - g1*g2);
  //   min_pos = x2 - (x2 - x1)*((g2 + d2 - d1)/(g2 - g1 + 2*d2));
  //   t_new = min(max(min_pos,xmin_bound),xmax_bound);
  const d1 = g1 + g2 - (3 * (f1 - f2)) / (x1 - x2);
  const d2_square = d1 ** 2 - g1 * g2;
  if (d2_square >= 0) {
    const d2 = Math.sqrt(d2_square);
    const min_pos =
      x1 <= x2
        ? x2 - (x2 - x1) * ((g2 + d2 - d1) / (g2 - g1 + 2 * d2))
        : x1 - (x1 - x2) * ((g1 + d2 - d1) / (g1 - g2 + 2 * d2));
    return py_min(py_max(min_pos, xmin_bound), xmax_bound);
  }
  return (xmin_bound + xmax_bound) / 2;
}

/** Evaluates the loss and flat gradient at x + t * d (then restores x). */
export type DirectionalObjective = (x: Tensor[], t: number, d: Tensor) => [number, Tensor];

export interface StrongWolfeResult {
  loss: number;
  flat_grad: Tensor;
  t: number;
  ls_func_evals: number;
}

/**
 * Finds a step t along d from x satisfying the strong Wolfe conditions (sufficient decrease
 * c1, curvature c2): first brackets an interval containing such a point, then zooms into it
 * by cubic interpolation. f, g and gtd are the loss, flat gradient and g.d at x.
 */
export function strong_wolfe(
  obj_func: DirectionalObjective,
  x: Tensor[],
  t: number,
  d: Tensor,
  f: number,
  g: Tensor,
  gtd: number,
  c1 = 1e-4,
  c2 = 0.9,
  tolerance_change = 1e-9,
  max_ls = 25,
): StrongWolfeResult {
  const d_norm = d.abs().max().item() as number;
  g = g.clone();
  // evaluate objective and gradient using initial step
  let [f_new, g_new] = obj_func(x, t, d);
  let ls_func_evals = 1;
  let gtd_new = g_new.dot(d).item() as number;

  // bracket an interval containing a point satisfying the Wolfe criteria
  let t_prev = 0;
  let f_prev = f;
  let g_prev = g;
  let gtd_prev = gtd;
  let done = false;
  let ls_iter = 0;
  let bracket: number[] = [];
  let bracket_f: number[] = [];
  let bracket_g: Tensor[] = [];
  let bracket_gtd: number[] = [];
  while (ls_iter < max_ls) {
    // check conditions
    if (f_new > f + c1 * t * gtd || (ls_iter > 1 && f_new >= f_prev)) {
      bracket = [t_prev, t];
      bracket_f = [f_prev, f_new];
      bracket_g = [g_prev, g_new.clone()];
      bracket_gtd = [gtd_prev, gtd_new];
      break;
    }
    if (Math.abs(gtd_new) <= -c2 * gtd) {
      bracket = [t];
      bracket_f = [f_new];
      bracket_g = [g_new];
      done = true;
      break;
    }
    if (gtd_new >= 0) {
      bracket = [t_prev, t];
      bracket_f = [f_prev, f_new];
      bracket_g = [g_prev, g_new.clone()];
      bracket_gtd = [gtd_prev, gtd_new];
      break;
    }
    // interpolate
    const min_step = t + 0.01 * (t - t_prev);
    const max_step = t * 10;
    const tmp = t;
    t = cubic_interpolate(t_prev, f_prev, gtd_prev, t, f_new, gtd_new, [min_step, max_step]);
    // next step
    t_prev = tmp;
    f_prev = f_new;
    g_prev = g_new.clone();
    gtd_prev = gtd_new;
    [f_new, g_new] = obj_func(x, t, d);
    ls_func_evals += 1;
    gtd_new = g_new.dot(d).item() as number;
    ls_iter += 1;
  }
  // reached max number of iterations?
  if (ls_iter === max_ls) {
    bracket = [0, t];
    bracket_f = [f, f_new];
    bracket_g = [g, g_new];
  }

  // zoom phase: we now have a point satisfying the criteria, or a bracket around it; refine
  // the bracket until we find the exact point satisfying the criteria
  let insuf_progress = false;
  // find high and low points in bracket
  let [low_pos, high_pos] = bracket_f[0] <= bracket_f[bracket_f.length - 1] ? [0, 1] : [1, 0];
  while (!done && ls_iter < max_ls) {
    // line-search bracket is so small
    if (Math.abs(bracket[1] - bracket[0]) * d_norm < tolerance_change) break;
    // compute new trial value
    t = cubic_interpolate(bracket[0], bracket_f[0], bracket_gtd[0], bracket[1], bracket_f[1], bracket_gtd[1]);

    // test that we are making sufficient progress: if `t` is so close to the boundary, we
    // mark that we are making insufficient progress, and if we already did in the last step
    // or `t` is at a boundary, we move `t` to 0.1 * len(bracket) away from the nearest end
    const b_max = py_max(bracket[0], bracket[1]);
    const b_min = py_min(bracket[0], bracket[1]);
    const eps = 0.1 * (b_max - b_min);
    if (py_min(b_max - t, t - b_min) < eps) {
      // interpolation close to boundary
      if (insuf_progress || t >= b_max || t <= b_min) {
        // evaluate at 0.1 away from boundary
        t = Math.abs(t - b_max) < Math.abs(t - b_min) ? b_max - eps : b_min + eps;
        insuf_progress = false;
      } else {
        insuf_progress = true;
      }
    } else {
      insuf_progress = false;
    }

    // evaluate new point
    [f_new, g_new] = obj_func(x, t, d);
    ls_func_evals += 1;
    gtd_new = g_new.dot(d).item() as number;
    ls_iter += 1;

    if (f_new > f + c1 * t * gtd || f_new >= bracket_f[low_pos]) {
      // Armijo condition not satisfied or not lower than lowest point
      bracket[high_pos] = t;
      bracket_f[high_pos] = f_new;
      bracket_g[high_pos] = g_new.clone();
      bracket_gtd[high_pos] = gtd_new;
      [low_pos, high_pos] = bracket_f[0] <= bracket_f[1] ? [0, 1] : [1, 0];
    } else {
      if (Math.abs(gtd_new) <= -c2 * gtd) {
        // Wolfe conditions satisfied
        done = true;
      } else if (gtd_new * (bracket[high_pos] - bracket[low_pos]) >= 0) {
        // old high becomes new low
        bracket[high_pos] = bracket[low_pos];
        bracket_f[high_pos] = bracket_f[low_pos];
        bracket_g[high_pos] = bracket_g[low_pos];
        bracket_gtd[high_pos] = bracket_gtd[low_pos];
      }
      // new point becomes new low
      bracket[low_pos] = t;
      bracket_f[low_pos] = f_new;
      bracket_g[low_pos] = g_new.clone();
      bracket_gtd[low_pos] = gtd_new;
    }
  }
  return { loss: bracket_f[low_pos], flat_grad: bracket_g[low_pos], t: bracket[low_pos], ls_func_evals };
}
