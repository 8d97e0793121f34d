/**
 * NAdam (Dozat, "Incorporating Nesterov Momentum into Adam"), as torch/optim/nadam.py in
 * PyTorch 2.x: Adam whose update looks one momentum step ahead, with the momentum schedule
 * mu_t = beta1 * (1 - 0.5 * 0.96^(t * momentum_decay)). `nadam()` is PyTorch's
 * `_single_tensor_nadam` in the same float32 order.
 *
 * Trap: mu_product (the running product of the mu_t) is a float32 0-dim state tensor, so it is
 * rounded to float32 at every step and read back as a double, as PyTorch does. (PyTorch 1.13
 * multiplied mu into mu_product_next twice; 2.x fixed that, and so do we.)
 */
import type { Tensor } from "../tensor/tensor.js";
import { float32 } from "../dtype.js";
import { tensor, zeros_like } from "../tensor/factory.js";
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
import { py_number } from "../format.js";

/**
 * Options of {@link NAdam}, PyTorch's keywords with its defaults: lr 2e-3, betas [0.9, 0.999], eps 1e-8,
 * weight_decay 0, momentum_decay 4e-3, decoupled_weight_decay and maximize false.
 */
export interface NAdamOptions {
  lr?: number;
  betas?: [number, number];
  eps?: number;
  weight_decay?: number;
  momentum_decay?: number;
  decoupled_weight_decay?: boolean;
  maximize?: boolean;
  foreach?: boolean | null;
  capturable?: boolean;
  differentiable?: boolean;
}

export type NAdamDefaults = Required<NAdamOptions>;

export interface NAdamUpdate {
  beta1: number;
  beta2: number;
  lr: number;
  weight_decay: number;
  momentum_decay: number;
  eps: number;
  decoupled_weight_decay: boolean;
  maximize: boolean;
}

/** One NAdam step over lists of parameters, gradients and state tensors. Call under no_grad. */
export function nadam(
  params: Tensor[],
  grads: Tensor[],
  exp_avgs: Tensor[],
  exp_avg_sqs: Tensor[],
  mu_products: Tensor[],
  state_steps: Tensor[],
  { beta1, beta2, lr, weight_decay, momentum_decay, eps, decoupled_weight_decay, maximize }: NAdamUpdate,
): void {
  params.forEach((param, i) => {
    let grad = maximize ? grads[i].neg() : grads[i];
    const exp_avg = exp_avgs[i];
    const exp_avg_sq = exp_avg_sqs[i];
    const mu_product = mu_products[i];
    const step_t = state_steps[i];
    step_t.add_(1);
    const step = step_t.item() as number;
    const bias_correction2 = 1 - pow(beta2, step);
    if (weight_decay !== 0) {
      if (decoupled_weight_decay) param.mul_(1 - lr * weight_decay);
      else grad = grad.add(param, { alpha: weight_decay });
    }
    // the momentum cache mu_t and mu_{t+1}
    const mu = beta1 * (1 - 0.5 * pow(0.96, step * momentum_decay));
    const mu_next = beta1 * (1 - 0.5 * pow(0.96, (step + 1) * momentum_decay));
    mu_product.mul_(mu);
    exp_avg.lerp_(grad, 1 - beta1);
    exp_avg_sq.mul_(beta2).addcmul_(grad, grad, { value: 1 - beta2 });
    const denom = exp_avg_sq.div(bias_correction2).sqrt();
    const mu_product_value = mu_product.item() as number;
    const mu_product_next = mu_product_value * mu_next;
    denom.add_(eps);
    param.addcdiv_(grad, denom, { value: (-lr * (1 - mu)) / (1 - mu_product_value) });
    param.addcdiv_(exp_avg, denom, { value: (-lr * mu_next) / (1 - mu_product_next) });
  });
}

export class NAdam extends Optimizer<NAdamDefaults> {
  static override readonly __name__: string = "NAdam";
  constructor(
    params: ParamsArg,
    ...args: PyArgs<
      [
        lr: number,
        betas: [number, number],
        eps: number,
        weight_decay: number,
        momentum_decay: number,
        decoupled_weight_decay: boolean,
      ],
      NAdamOptions
    >
  ) {
    const options = optimizer_args<NAdamOptions>(
      "NAdam",
      args,
      ["lr", "betas", "eps", "weight_decay", "momentum_decay", "decoupled_weight_decay"],
      ["foreach", "maximize", "capturable", "differentiable"],
    );
    const defaults: NAdamDefaults = {
      lr: options.lr ?? 2e-3,
      betas: options.betas ?? [0.9, 0.999],
      eps: options.eps ?? 1e-8,
      weight_decay: options.weight_decay ?? 0,
      momentum_decay: options.momentum_decay ?? 4e-3,
      decoupled_weight_decay: options.decoupled_weight_decay ?? false,
      maximize: options.maximize ?? false,
      foreach: options.foreach ?? null,
      capturable: options.capturable ?? false,
      differentiable: options.differentiable ?? false,
    };
    check_adam_args(defaults.lr, defaults.eps, defaults.betas, defaults.weight_decay);
    if (!(defaults.momentum_decay >= 0)) {
      throw new Error(`Invalid momentum_decay value: ${py_number(defaults.momentum_decay)}`);
    }
    reject_unsupported("NAdam", defaults, ["capturable", "differentiable"]);
    super(params, defaults);
  }

  step(closure?: () => Tensor | number): Tensor | number | null {
    return this.step_groups(closure, (group) => {
      const { params, grads, states } = this.gather(group, (p) => ({
        step: step_counter(),
        mu_product: tensor(1, { dtype: float32 }),
        exp_avg: zeros_like(p),
        exp_avg_sq: zeros_like(p),
      }));
      const [beta1, beta2] = group.betas;
      nadam(
        params,
        grads,
        states.map((s) => s.exp_avg),
        states.map((s) => s.exp_avg_sq),
        states.map((s) => s.mu_product),
        states.map((s) => s.step),
        { ...group, beta1, beta2 },
      );
    });
  }
}
