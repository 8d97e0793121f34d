/**
 * Adamax (Kingma & Ba, section 7), as torch/optim/adamax.py in PyTorch 2.x: Adam with the
 * second moment replaced by an exponentially weighted infinity norm, u = max(beta2 * u, |g| + eps),
 * which needs no bias correction. `adamax()` is PyTorch's `_single_tensor_adamax` in the same
 * float32 order; state is step (float32 0-dim tensor), exp_avg and exp_inf.
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
 * Options of {@link Adamax}, PyTorch's keywords with its defaults: lr 2e-3, betas [0.9, 0.999], eps 1e-8,
 * weight_decay 0, maximize false.
 */
export interface AdamaxOptions {
  lr?: number;
  betas?: [number, number];
  eps?: number;
  weight_decay?: number;
  foreach?: boolean | null;
  maximize?: boolean;
  differentiable?: boolean;
  capturable?: boolean;
}

export type AdamaxDefaults = Required<AdamaxOptions>;

export interface AdamaxUpdate {
  eps: number;
  beta1: number;
  beta2: number;
  lr: number;
  weight_decay: number;
  maximize: boolean;
}

/** One Adamax step over lists of parameters, gradients and state tensors. Call under no_grad. */
export function adamax(
  params: Tensor[],
  grads: Tensor[],
  exp_avgs: Tensor[],
  exp_infs: Tensor[],
  state_steps: Tensor[],
  { eps, beta1, beta2, lr, weight_decay, maximize }: AdamaxUpdate,
): void {
  params.forEach((param, i) => {
    let grad = maximize ? grads[i].neg() : grads[i];
    const exp_avg = exp_avgs[i];
    const exp_inf = exp_infs[i];
    const step_t = state_steps[i];
    step_t.add_(1);
    if (weight_decay !== 0) grad = grad.add(param, { alpha: weight_decay });
    // biased first moment, then the exponentially weighted infinity norm
    exp_avg.lerp_(grad, 1 - beta1);
    exp_inf.mul_(beta2);
    exp_inf.copy_(exp_inf.maximum(grad.abs().add_(eps)));
    const bias_correction = 1 - pow(beta1, step_t.item() as number);
    const clr = lr / bias_correction;
    param.addcdiv_(exp_avg, exp_inf, { value: -clr });
  });
}

export class Adamax extends Optimizer<AdamaxDefaults> {
  static override readonly __name__: string = "Adamax";
  constructor(
    params: ParamsArg,
    ...args: PyArgs<
      [lr: number, betas: [number, number], eps: number, weight_decay: number, foreach: boolean | null],
      AdamaxOptions
    >
  ) {
    const options = optimizer_args<AdamaxOptions>(
      "Adamax",
      args,
      ["lr", "betas", "eps", "weight_decay", "foreach"],
      ["maximize", "differentiable", "capturable"],
    );
    const defaults: AdamaxDefaults = {
      lr: options.lr ?? 2e-3,
      betas: options.betas ?? [0.9, 0.999],
      eps: options.eps ?? 1e-8,
      weight_decay: options.weight_decay ?? 0,
      foreach: options.foreach ?? null,
      maximize: options.maximize ?? false,
      differentiable: options.differentiable ?? false,
      capturable: options.capturable ?? false,
    };
    check_adam_args(defaults.lr, defaults.eps, defaults.betas, defaults.weight_decay);
    reject_unsupported("Adamax", defaults, ["differentiable", "capturable"]);
    super(params, defaults);
  }

  step(closure?: () => Tensor | number): Tensor | number | null {
    return this.step_groups(closure, (group) => {
      const { params, grads, states } = this.gather(group, (p) => ({
        step: step_counter(),
        exp_avg: zeros_like(p),
        exp_inf: zeros_like(p),
      }));
      const [beta1, beta2] = group.betas;
      adamax(
        params,
        grads,
        states.map((s) => s.exp_avg),
        states.map((s) => s.exp_inf),
        states.map((s) => s.step),
        { ...group, beta1, beta2 },
      );
    });
  }
}
