/**
 * RAdam (Liu et al., "On the Variance of the Adaptive Learning Rate and Beyond"), as
 * torch/optim/radam.py in PyTorch 2.x: while the approximated SMA length rho_t is at most 5
 * (the first steps, when the second moment's variance is intractable) the update is
 * bias-corrected momentum SGD; after that, Adam's step scaled by the rectification term.
 * `radam()` is PyTorch's `_single_tensor_radam` in the same float32 order.
 *
 * Trap: PyTorch writes the adaptive lr as `sqrt(bias_correction2) / exp_avg_sq_sqrt`, a Python
 * scalar divided by a tensor, which Python evaluates as `tensor.reciprocal() * scalar`: two
 * float32 roundings, reproduced here.
 */
import type { Tensor } from "../tensor/tensor.js";
import { zeros_like } from "../tensor/factory.js";
import {
  Optimizer,
  optimizer_args,
  reject_unsupported,
  step_counter,
  type ParamsArg,
  type PyArgs,
} from "./optimizer.js";
import { check_adam_args } from "./adam.js";
import { pow } from "../libm.js";

/**
 * Options of {@link RAdam}, PyTorch's keywords with its defaults: lr 1e-3, betas [0.9, 0.999], eps 1e-8,
 * weight_decay 0, decoupled_weight_decay and maximize false.
 */
export interface RAdamOptions {
  lr?: number;
  betas?: [number, number];
  eps?: number;
  weight_decay?: number;
  maximize?: boolean;
  foreach?: boolean | null;
  capturable?: boolean;
  decoupled_weight_decay?: boolean;
  differentiable?: boolean;
}

export type RAdamDefaults = Required<RAdamOptions>;

export interface RAdamUpdate {
  beta1: number;
  beta2: number;
  lr: number;
  weight_decay: number;
  eps: number;
  decoupled_weight_decay: boolean;
  maximize: boolean;
}

/** One RAdam step over lists of parameters, gradients and state tensors. Call under no_grad. */
export function radam(
  params: Tensor[],
  grads: Tensor[],
  exp_avgs: Tensor[],
  exp_avg_sqs: Tensor[],
  state_steps: Tensor[],
  { beta1, beta2, lr, weight_decay, eps, decoupled_weight_decay, maximize }: RAdamUpdate,
): void {
  params.forEach((param, i) => {
    let grad = maximize ? grads[i].neg() : grads[i];
    const exp_avg = exp_avgs[i];
    const exp_avg_sq = exp_avg_sqs[i];
    const step_t = state_steps[i];
    step_t.add_(1);
    const step = step_t.item() as number;
    if (weight_decay !== 0) {
      if (decoupled_weight_decay) param.mul_(1 - lr * weight_decay);
      else grad = grad.add(param, { alpha: weight_decay });
    }
    exp_avg.lerp_(grad, 1 - beta1);
    exp_avg_sq.mul_(beta2).addcmul_(grad, grad, { value: 1 - beta2 });
    const bias_correction1 = 1 - pow(beta1, step);
    const bias_correction2 = 1 - pow(beta2, step);
    const bias_corrected_exp_avg = exp_avg.div(bias_correction1);
    // maximum length of the approximated SMA, and its length at this step
    const rho_inf = 2 / (1 - beta2) - 1;
    const rho_t = rho_inf - (2 * step * pow(beta2, step)) / bias_correction2;
    if (rho_t > 5) {
      const rect = Math.sqrt(((rho_t - 4) * (rho_t - 2) * rho_inf) / ((rho_inf - 4) * (rho_inf - 2) * rho_t));
      const adaptive_lr = exp_avg_sq.sqrt().add_(eps).reciprocal().mul(Math.sqrt(bias_correction2));
      param.add_(bias_corrected_exp_avg.mul(lr).mul(adaptive_lr).mul(rect), { alpha: -1 });
    } else {
      param.add_(bias_corrected_exp_avg.mul(lr), { alpha: -1 });
    }
  });
}

export class RAdam extends Optimizer<RAdamDefaults> {
  static override readonly __name__: string = "RAdam";
  constructor(
    params: ParamsArg,
    ...args: PyArgs<
      [
        lr: number,
        betas: [number, number],
        eps: number,
        weight_decay: number,
        decoupled_weight_decay: boolean,
      ],
      RAdamOptions
    >
  ) {
    const options = optimizer_args<RAdamOptions>(
      "RAdam",
      args,
      ["lr", "betas", "eps", "weight_decay", "decoupled_weight_decay"],
      ["foreach", "maximize", "capturable", "differentiable"],
    );
    const defaults: RAdamDefaults = {
      lr: options.lr ?? 1e-3,
      betas: options.betas ?? [0.9, 0.999],
      eps: options.eps ?? 1e-8,
      weight_decay: options.weight_decay ?? 0,
      maximize: options.maximize ?? false,
      foreach: options.foreach ?? null,
      capturable: options.capturable ?? false,
      decoupled_weight_decay: options.decoupled_weight_decay ?? false,
      differentiable: options.differentiable ?? false,
    };
    check_adam_args(defaults.lr, defaults.eps, defaults.betas, defaults.weight_decay);
    reject_unsupported("RAdam", defaults, ["capturable", "differentiable"]);
    super(params, defaults);
  }

  step(closure?: () => Tensor | number): Tensor | number | null {
    return this.step_groups(closure, (group) => {
      const { params, grads, states } = this.gather(group, (p) => ({
        step: step_counter(),
        exp_avg: zeros_like(p),
        exp_avg_sq: zeros_like(p),
      }));
      const [beta1, beta2] = group.betas;
      radam(
        params,
        grads,
        states.map((s) => s.exp_avg),
        states.map((s) => s.exp_avg_sq),
        states.map((s) => s.step),
        { ...group, beta1, beta2 },
      );
    });
  }
}
