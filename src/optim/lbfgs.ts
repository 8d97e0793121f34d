/**
 * L-BFGS, as torch/optim/lbfgs.py (itself after minFunc): each `step(closure)` runs up to
 * max_iter quasi-Newton iterations, re-evaluating the model through the closure, so the closure
 * is required. The direction comes from the two-loop recursion over the last history_size
 * (s, y) pairs; the step length is lr (lr * min(1, 1/|g|_1) on the very first iteration) or
 * comes from the strong-Wolfe line search (line_search.ts).
 *
 * Like PyTorch, LBFGS supports one parameter group only and keeps its whole state (func_evals,
 * n_iter, d, t, old_dirs, old_stps, ro, H_diag, prev_flat_grad, prev_loss, al) in the state of
 * the first parameter. The scalars PyTorch keeps as 0-dim tensors (ys, ro, H_diag, al) stay
 * tensors here too, so float32 parameters get PyTorch's float32 rounding of them.
 */
import { Tensor } from "../tensor/tensor.js";
import { zeros } from "../tensor/factory.js";
import { cat } from "../ops/shape/join_split.js";
import { enable_grad, no_grad } from "../autograd/grad_mode.js";
import { Optimizer, optimizer_args, type ParamsArg, type PyArgs } from "./optimizer.js";
import { strong_wolfe } from "./line_search.js";
import { py_number } from "../format.js";

/**
 * Options of {@link LBFGS}, PyTorch's keywords with its defaults: lr 1, max_iter 20, max_eval max_iter * 5
 * / 4, tolerance_grad 1e-7, tolerance_change 1e-9, history_size 100, line_search_fn null (a fixed step) or
 * "strong_wolfe".
 */
export interface LBFGSOptions {
  lr?: number;
  max_iter?: number;
  max_eval?: number | null;
  tolerance_grad?: number;
  tolerance_change?: number;
  history_size?: number;
  line_search_fn?: "strong_wolfe" | null;
}

export interface LBFGSDefaults {
  lr: number;
  max_iter: number;
  max_eval: number;
  tolerance_grad: number;
  tolerance_change: number;
  history_size: number;
  line_search_fn: string | null;
}

type Closure = () => Tensor | number;

/** Python's float(loss) of what a closure returned. */
const as_float = (loss: Tensor | number): number => (loss instanceof Tensor ? Number(loss.item()) : loss);

export class LBFGS extends Optimizer<LBFGSDefaults> {
  static override readonly __name__: string = "LBFGS";
  private readonly _params: Tensor[];

  constructor(
    params: ParamsArg,
    ...args: PyArgs<
      [
        lr: number,
        max_iter: number,
        max_eval: number | null,
        tolerance_grad: number,
        tolerance_change: number,
        history_size: number,
        line_search_fn: "strong_wolfe" | null,
      ],
      LBFGSOptions
    >
  ) {
    const options = optimizer_args<LBFGSOptions>("LBFGS", args, [
      "lr",
      "max_iter",
      "max_eval",
      "tolerance_grad",
      "tolerance_change",
      "history_size",
      "line_search_fn",
    ]);
    const max_iter = options.max_iter ?? 20;
    const defaults: LBFGSDefaults = {
      lr: options.lr ?? 1,
      max_iter,
      max_eval: options.max_eval ?? Math.floor((max_iter * 5) / 4),
      tolerance_grad: options.tolerance_grad ?? 1e-7,
      tolerance_change: options.tolerance_change ?? 1e-9,
      history_size: options.history_size ?? 100,
      line_search_fn: options.line_search_fn ?? null,
    };
    if (!(defaults.lr >= 0)) throw new Error(`Invalid learning rate: ${py_number(defaults.lr)}`);
    super(params, defaults);
    if (this.param_groups.length !== 1) {
      throw new Error("LBFGS doesn't support per-parameter options (parameter groups)");
    }
    this._params = this.param_groups[0].params;
  }

  private _numel(): number {
    return this._params.reduce((total, p) => total + p.numel(), 0);
  }

  /** All gradients as one flat vector (zeros for a parameter without one), a fresh copy. */
  private _gather_flat_grad(): Tensor {
    const views = this._params.map((p) =>
      p.grad === null ? zeros([p.numel()], { dtype: p.dtype }) : p.grad.reshape(-1),
    );
    return cat(views, 0);
  }

  /** p += step_size * (p's slice of the flat `update`), for each parameter. */
  private _add_grad(step_size: number, update: Tensor): void {
    let offset = 0;
    for (const p of this._params) {
      const numel = p.numel();
      p.add_(update.narrow(0, offset, numel).view_as(p), { alpha: step_size });
      offset += numel;
    }
    if (offset !== this._numel()) throw new Error("LBFGS: parameter sizes changed");
  }

  private _clone_param(): Tensor[] {
    return this._params.map((p) => p.clone());
  }

  private _set_param(params_data: Tensor[]): void {
    this._params.forEach((p, i) => p.copy_(params_data[i]));
  }

  private _directional_evaluate(closure: Closure, x: Tensor[], t: number, d: Tensor): [number, Tensor] {
    this._add_grad(t, d);
    const loss = as_float(enable_grad(closure));
    const flat_grad = this._gather_flat_grad();
    this._set_param(x);
    return [loss, flat_grad];
  }

  /**
   * Runs up to max_iter iterations; `closure` must clear the gradients, compute the loss,
   * call backward() and return the loss. Returns the loss of the first evaluation.
   */
  step(closure?: Closure): Tensor | number {
    if (typeof closure !== "function") {
      // PyTorch: a TypeError from Python's call (step's closure has no default)
      throw new TypeError(
        "LBFGS.step() missing 1 required positional argument: 'closure' " +
          "(LBFGS requires a closure that reevaluates the model and returns the loss)",
      );
    }
    return no_grad(() => this._step(closure));
  }

  private _step(closure: Closure): Tensor | number {
    const group = this.param_groups[0];
    const { lr, max_iter, max_eval, tolerance_grad, tolerance_change, line_search_fn, history_size } = group;

    // LBFGS has only global state, but registers it as the first parameter's state, which
    // helps with casting in load_state_dict
    const state = this.state_of(this._params[0]);
    state.func_evals ??= 0;
    state.n_iter ??= 0;
    const count = (key: "func_evals" | "n_iter", by: number) => (state[key] = (state[key] as number) + by);

    // evaluate initial f(x) and df/dx
    const orig_loss = enable_grad(closure);
    let loss = as_float(orig_loss);
    let current_evals = 1;
    count("func_evals", 1);

    let flat_grad = this._gather_flat_grad();
    // comparisons against tensors go through tensor ops: PyTorch casts the bound to their dtype
    let opt_cond = flat_grad.abs().max().le(tolerance_grad).item() as boolean;
    // optimal condition
    if (opt_cond) return orig_loss;

    // tensors cached in state (for tracing)
    let d = state.d as Tensor;
    let t = state.t as number;
    let old_dirs = state.old_dirs as Tensor[];
    let old_stps = state.old_stps as Tensor[];
    let ro = state.ro as Tensor[];
    let H_diag = state.H_diag as Tensor | number;
    let prev_flat_grad = (state.prev_flat_grad as Tensor | undefined) ?? null;
    let prev_loss = state.prev_loss as number;

    let n_iter = 0;
    // optimize for a max of max_iter iterations
    while (n_iter < max_iter) {
      // keep track of nb of iterations
      n_iter += 1;
      count("n_iter", 1);

      // ---------------------------------------- compute gradient descent direction
      if (state.n_iter === 1) {
        d = flat_grad.neg();
        old_dirs = [];
        old_stps = [];
        ro = [];
        H_diag = 1;
      } else {
        // do lbfgs update (update memory)
        const y = flat_grad.sub(prev_flat_grad as Tensor);
        const s = d.mul(t);
        const ys = y.dot(s); // y*s
        if (ys.gt(1e-10).item()) {
          // updating memory
          if (old_dirs.length === history_size) {
            // shift history by one (limited-memory)
            old_dirs.shift();
            old_stps.shift();
            ro.shift();
          }
          // store new direction/step
          old_dirs.push(y);
          old_stps.push(s);
          ro.push(ys.reciprocal());
          // update scale of initial Hessian approximation
          H_diag = ys.div(y.dot(y)); // (y*y)
        }

        // compute the approximate (L-BFGS) inverse Hessian multiplied by the gradient
        const num_old = old_dirs.length;
        state.al ??= new Array<Tensor | null>(history_size).fill(null);
        const al = state.al as Tensor[];

        // iteration in L-BFGS loop collapsed to use just one buffer
        const q = flat_grad.neg();
        for (let i = num_old - 1; i >= 0; i--) {
          al[i] = old_stps[i].dot(q).mul(ro[i]);
          q.add_(old_dirs[i], { alpha: -(al[i].item() as number) });
        }
        // multiply by initial Hessian; r/d is the final direction
        const r = q.mul(H_diag);
        d = r;
        for (let i = 0; i < num_old; i++) {
          const be_i = old_dirs[i].dot(r).mul(ro[i]);
          r.add_(old_stps[i], { alpha: al[i].sub(be_i).item() as number });
        }
      }

      if (prev_flat_grad === null) prev_flat_grad = flat_grad.clone();
      else prev_flat_grad.copy_(flat_grad);
      prev_loss = loss;

      // ---------------------------------------- compute step length
      // reset initial guess for step size
      if (state.n_iter === 1) {
        // min(1., 1. / |g|_1) * lr: a 0-dim tensor (of the parameters' dtype) when below 1
        const inv = flat_grad.abs().sum().reciprocal();
        t = inv.lt(1).item() ? (inv.mul(lr).item() as number) : lr;
      } else {
        t = lr;
      }

      // directional derivative
      const gtd = flat_grad.dot(d); // g * d
      // directional derivative is below tolerance
      if (gtd.gt(-tolerance_change).item()) break;

      // optional line search: user function
      let ls_func_evals = 0;
      if (line_search_fn !== null) {
        // perform line search, using user function
        if (line_search_fn !== "strong_wolfe") throw new Error("only 'strong_wolfe' is supported");
        const x_init = this._clone_param();
        const obj_func = (x: Tensor[], step: number, dir: Tensor) =>
          this._directional_evaluate(closure, x, step, dir);
        const found = strong_wolfe(obj_func, x_init, t, d, loss, flat_grad, gtd.item() as number);
        ({ loss, flat_grad, t, ls_func_evals } = found);
        this._add_grad(t, d);
        opt_cond = flat_grad.abs().max().le(tolerance_grad).item() as boolean;
      } else {
        // no line search, simply move with fixed-step
        this._add_grad(t, d);
        if (n_iter !== max_iter) {
          // re-evaluate function only if not in last iteration: in a stochastic setting
          // there is no use re-evaluating it here
          loss = as_float(enable_grad(closure));
          flat_grad = this._gather_flat_grad();
          opt_cond = flat_grad.abs().max().le(tolerance_grad).item() as boolean;
          ls_func_evals = 1;
        }
      }
      // update func eval
      current_evals += ls_func_evals;
      count("func_evals", ls_func_evals);

      // ---------------------------------------- check conditions
      if (n_iter === max_iter) break;
      if (current_evals >= max_eval) break;
      // optimal condition
      if (opt_cond) break;
      // lack of progress
      if (d.mul(t).abs().max().le(tolerance_change).item()) break;
      if (Math.abs(loss - prev_loss) < tolerance_change) break;
    }

    state.d = d;
    state.t = t;
    state.old_dirs = old_dirs;
    state.old_stps = old_stps;
    state.ro = ro;
    state.H_diag = H_diag;
    state.prev_flat_grad = prev_flat_grad;
    state.prev_loss = prev_loss;
    return orig_loss;
  }
}
