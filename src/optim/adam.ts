/**
 * Adam (Kingma & Ba), as torch/optim/adam.py in PyTorch 2.x: `Adam` gathers each group's
 * parameters, gradients and state (step, exp_avg, exp_avg_sq, max_exp_avg_sq with amsgrad) and
 * calls `adam()`: PyTorch's `_single_tensor_adam` as a chain of in-place tensor ops in the same
 * float32 operation order (foreach=false), or the `adam_step` kernel over the group, the same
 * arithmetic in one pass per parameter (foreach null or true; see `use_foreach`). AdamW
 * (adamw.ts) is the same rule with decoupled weight decay.
 *
 * `step` is a float32 0-dim tensor, as in PyTorch 2.x, so state_dicts carry the same keys and
 * types; the bias corrections are computed in double from its value, as PyTorch's Python does,
 * with glibc's pow (libm.ts; V8's `**` differs in the last bit for about one step in ten, which
 * float64 parameters would show). Adamax, NAdam, RAdam and ASGD do the same.
 */
import type { Tensor } from "../tensor/tensor.js";
import { zeros_like } from "../tensor/factory.js";
import { kernels } from "../backends/index.js";
import {
  Optimizer,
  optimizer_args,
  reject_unsupported,
  step_counter,
  use_foreach,
  type ParamsArg,
  type PyArgs,
} from "./optimizer.js";
import { pow } from "../libm.js";
import { py_float, py_number } from "../format.js";

/**
 * Options of {@link Adam}, PyTorch's keywords with its defaults: lr 1e-3, betas [0.9, 0.999], eps 1e-8,
 * weight_decay 0 (added to the gradient; AdamW decouples it), amsgrad and maximize false. `foreach` picks
 * the implementation (the numbers are the same); `capturable`, `differentiable` and `fused` may only be
 * false or null.
 */
export interface AdamOptions {
  lr?: number;
  betas?: [number, number];
  eps?: number;
  weight_decay?: number;
  amsgrad?: boolean;
  maximize?: boolean;
  foreach?: boolean | null;
  capturable?: boolean;
  differentiable?: boolean;
  fused?: boolean | null;
}

export type AdamDefaults = Required<AdamOptions>;

/** PyTorch's arguments of Adam and AdamW after params: the positional ones, then keyword-only. */
export type AdamArgs<O> = PyArgs<
  [lr: number, betas: [number, number], eps: number, weight_decay: number, amsgrad: boolean],
  O
>;
export const ADAM_POSITIONAL = ["lr", "betas", "eps", "weight_decay", "amsgrad"] as const;
export const ADAM_KEYWORD_ONLY = ["foreach", "maximize", "capturable", "differentiable", "fused"] as const;

export interface AdamUpdate {
  amsgrad: boolean;
  beta1: number;
  beta2: number;
  lr: number;
  weight_decay: number;
  eps: number;
  maximize: boolean;
  /** AdamW: shrink the parameter by lr * weight_decay instead of adding weight_decay * p to the gradient */
  decoupled_weight_decay?: boolean;
  /** PyTorch's foreach option: false runs the single-tensor chain of ops */
  foreach?: boolean | null;
}

/** A parameter's state, keys in PyTorch's order (max_exp_avg_sq only with amsgrad). */
type AdamState = { step: Tensor; exp_avg: Tensor; exp_avg_sq: Tensor; max_exp_avg_sq?: Tensor };

/** PyTorch's optimizer-argument checks shared by the Adam family (same wording). */
export function check_adam_args(
  lr: number,
  eps: number,
  betas: readonly number[],
  weight_decay: number,
): void {
  if (!(lr >= 0)) throw new Error(`Invalid learning rate: ${py_number(lr)}`);
  if (!(eps >= 0)) throw new Error(`Invalid epsilon value: ${py_number(eps)}`);
  betas.forEach((beta, i) => {
    if (!(beta >= 0 && beta < 1)) throw new Error(`Invalid beta parameter at index ${i}: ${py_float(beta)}`);
  });
  if (!(weight_decay >= 0)) throw new Error(`Invalid weight_decay value: ${py_number(weight_decay)}`);
}

/** One Adam step over lists of parameters, gradients and state tensors. Call under no_grad. */
export function adam(
  params: Tensor[],
  grads: Tensor[],
  exp_avgs: Tensor[],
  exp_avg_sqs: Tensor[],
  max_exp_avg_sqs: Tensor[],
  state_steps: Tensor[],
  update: AdamUpdate,
): void {
  const maxes = update.amsgrad ? max_exp_avg_sqs : [];
  const multi = use_foreach(update.foreach, params, grads, exp_avgs, exp_avg_sqs, maxes);
  (multi ? multi_tensor_adam : single_tensor_adam)(
    params,
    grads,
    exp_avgs,
    exp_avg_sqs,
    max_exp_avg_sqs,
    state_steps,
    update,
  );
}

/** The bias corrections of a step count: 1 - beta ** step, in double with glibc's pow. */
function bias_correction(beta: number, step: number): number {
  return 1 - pow(beta, step);
}

/** The group in one kernel call, each parameter's bias corrections from its own step count. */
function multi_tensor_adam(
  params: Tensor[],
  grads: Tensor[],
  exp_avgs: Tensor[],
  exp_avg_sqs: Tensor[],
  max_exp_avg_sqs: Tensor[],
  state_steps: Tensor[],
  update: AdamUpdate,
): void {
  const { amsgrad, beta1, beta2, lr } = update;
  const step_size: number[] = [];
  const bias_correction2_sqrt: number[] = [];
  for (const step_t of state_steps) {
    step_t.add_(1);
    const step = step_t.item() as number;
    step_size.push(lr / bias_correction(beta1, step));
    bias_correction2_sqrt.push(Math.sqrt(bias_correction(beta2, step)));
  }
  const views = (ts: Tensor[]) => ts.map((t) => t._view());
  const maxes = amsgrad ? max_exp_avg_sqs : [];
  kernels().adam_step(
    views(params),
    views(grads),
    views(exp_avgs),
    views(exp_avg_sqs),
    views(maxes),
    step_size,
    bias_correction2_sqrt,
    { ...update, decoupled_weight_decay: update.decoupled_weight_decay ?? false },
  );
  for (const list of [params, exp_avgs, exp_avg_sqs, maxes]) for (const t of list) t._bump_version();
}

/** PyTorch's `_single_tensor_adam`, op by op. */
function single_tensor_adam(
  params: Tensor[],
  grads: Tensor[],
  exp_avgs: Tensor[],
  exp_avg_sqs: Tensor[],
  max_exp_avg_sqs: Tensor[],
  state_steps: Tensor[],
  { amsgrad, beta1, beta2, lr, weight_decay, eps, maximize, decoupled_weight_decay = false }: AdamUpdate,
): void {
  params.forEach((param, i) => {
    let grad = maximize ? grads[i].neg() : grads[i];
    const exp_avg = exp_avgs[i];
    const exp_avg_sq = exp_avg_sqs[i];
    const step_t = state_steps[i];
    step_t.add_(1);
    if (decoupled_weight_decay) param.mul_(1 - lr * weight_decay);
    else if (weight_decay !== 0) grad = grad.add(param, { alpha: weight_decay });
    // decay the first and second moment running averages
    exp_avg.lerp_(grad, 1 - beta1);
    exp_avg_sq.mul_(beta2).addcmul_(grad, grad, { value: 1 - beta2 });

    const step = step_t.item() as number;
    const bias_correction1 = bias_correction(beta1, step);
    const bias_correction2 = bias_correction(beta2, step);
    const step_size = lr / bias_correction1;
    const bias_correction2_sqrt = Math.sqrt(bias_correction2);
    let denom: Tensor;
    if (amsgrad) {
      // keeps the running maximum of the second moment, and normalises by it
      const max_sq = max_exp_avg_sqs[i];
      max_sq.copy_(max_sq.maximum(exp_avg_sq));
      denom = max_sq.sqrt().div(bias_correction2_sqrt).add_(eps);
    } else {
      denom = exp_avg_sq.sqrt().div(bias_correction2_sqrt).add_(eps);
    }
    param.addcdiv_(exp_avg, denom, { value: -step_size });
  });
}

/** Adam and AdamW: the same state and step, differing only in how weight decay applies. */
export class Adam extends Optimizer<AdamDefaults> {
  static override readonly __name__: string = "Adam";
  protected decoupled_weight_decay = false;

  constructor(params: ParamsArg, ...args: AdamArgs<AdamOptions>) {
    const name = new.target.name;
    const options = optimizer_args<AdamOptions>(name, args, ADAM_POSITIONAL, ADAM_KEYWORD_ONLY);
    const defaults: AdamDefaults = {
      lr: options.lr ?? 1e-3,
      betas: options.betas ?? [0.9, 0.999],
      eps: options.eps ?? 1e-8,
      weight_decay: options.weight_decay ?? 0,
      amsgrad: options.amsgrad ?? false,
      maximize: options.maximize ?? false,
      foreach: options.foreach ?? null,
      capturable: options.capturable ?? false,
      differentiable: options.differentiable ?? false,
      fused: options.fused ?? null,
    };
    check_adam_args(defaults.lr, defaults.eps, defaults.betas, defaults.weight_decay);
    reject_unsupported(name, defaults, ["capturable", "differentiable", "fused"]);
    super(params, defaults);
  }

  step(closure?: () => Tensor | number): Tensor | number | null {
    return this.step_groups(closure, (group) => {
      const { params, grads, states } = this.gather(group, (p) => {
        const state: AdamState = { step: step_counter(), exp_avg: zeros_like(p), exp_avg_sq: zeros_like(p) };
        if (group.amsgrad) state.max_exp_avg_sq = zeros_like(p);
        return state;
      });
      // max_exp_avg_sq exists whenever amsgrad is on (made with the state); adam() reads it only then
      const max_exp_avg_sqs = group.amsgrad ? states.map((s) => s.max_exp_avg_sq as Tensor) : [];
      const [beta1, beta2] = group.betas;
      adam(
        params,
        grads,
        states.map((s) => s.exp_avg),
        states.map((s) => s.exp_avg_sq),
        max_exp_avg_sqs,
        states.map((s) => s.step),
        { ...group, beta1, beta2, decoupled_weight_decay: this.decoupled_weight_decay },
      );
    });
  }
}
