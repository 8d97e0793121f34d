/**
 * Adadelta, as torch/optim/adadelta.py: `Adadelta` gathers parameters, gradients and state and
 * calls `adadelta()`, the update rule written once (PyTorch 2.x's `_single_tensor_adadelta`, same
 * float32 operation order).
 *
 * The step is delta = sqrt(acc_delta + eps) / sqrt(square_avg + eps) * g (eps under both roots),
 * then scaled by lr (1.0 by default: the method was designed without a learning rate).
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
import { py_number } from "../format.js";

/**
 * Options of {@link Adadelta}, PyTorch's keywords with its defaults: lr 1.0, rho 0.9, eps 1e-6,
 * weight_decay 0, maximize false.
 */
export interface AdadeltaOptions {
  lr?: number;
  rho?: number;
  eps?: number;
  weight_decay?: number;
  foreach?: boolean | null;
  capturable?: boolean;
  maximize?: boolean;
  differentiable?: boolean;
}

export type AdadeltaDefaults = Required<AdadeltaOptions>;

export interface AdadeltaUpdate {
  lr: number;
  rho: number;
  eps: number;
  weight_decay: number;
  maximize: boolean;
}

/** One Adadelta step; square_avgs, acc_deltas and state_steps update in place. Call under no_grad. */
export function adadelta(
  params: Tensor[],
  grads: Tensor[],
  square_avgs: Tensor[],
  acc_deltas: Tensor[],
  state_steps: Tensor[],
  { lr, rho, eps, weight_decay, maximize }: AdadeltaUpdate,
): void {
  params.forEach((param, i) => {
    const square_avg = square_avgs[i];
    const acc_delta = acc_deltas[i];
    state_steps[i].add_(1);
    let grad = maximize ? grads[i].neg() : grads[i];
    if (weight_decay !== 0) grad = grad.add(param, { alpha: weight_decay });
    square_avg.mul_(rho).addcmul_(grad, grad, { value: 1 - rho });
    const std = square_avg.add(eps).sqrt_();
    const delta = acc_delta.add(eps).sqrt_();
    delta.div_(std).mul_(grad);
    acc_delta.mul_(rho).addcmul_(delta, delta, { value: 1 - rho });
    param.add_(delta, { alpha: -lr });
  });
}

export class Adadelta extends Optimizer<AdadeltaDefaults> {
  static override readonly __name__: string = "Adadelta";
  constructor(
    params: ParamsArg,
    ...args: PyArgs<
      [lr: number, rho: number, eps: number, weight_decay: number, foreach: boolean | null],
      AdadeltaOptions
    >
  ) {
    const options = optimizer_args<AdadeltaOptions>(
      "Adadelta",
      args,
      ["lr", "rho", "eps", "weight_decay", "foreach"],
      ["capturable", "maximize", "differentiable"],
    );
    const defaults: AdadeltaDefaults = {
      lr: options.lr ?? 1.0,
      rho: options.rho ?? 0.9,
      eps: options.eps ?? 1e-6,
      weight_decay: options.weight_decay ?? 0,
      foreach: options.foreach ?? null,
      capturable: options.capturable ?? false,
      maximize: options.maximize ?? false,
      differentiable: options.differentiable ?? false,
    };
    if (!(defaults.lr >= 0)) throw new Error(`Invalid learning rate: ${py_number(defaults.lr)}`);
    if (!(defaults.rho >= 0 && defaults.rho <= 1))
      throw new Error(`Invalid rho value: ${py_number(defaults.rho)}`);
    if (!(defaults.eps >= 0)) throw new Error(`Invalid epsilon value: ${py_number(defaults.eps)}`);
    if (!(defaults.weight_decay >= 0)) {
      throw new Error(`Invalid weight_decay value: ${py_number(defaults.weight_decay)}`);
    }
    reject_unsupported("Adadelta", defaults, ["capturable", "differentiable"]);
    super(params, defaults);
  }

  step(closure?: () => Tensor | number): Tensor | number | null {
    return this.step_groups(closure, (group) => {
      const { params, grads, states } = this.gather(group, (p) => ({
        step: step_counter(),
        square_avg: zeros_like(p),
        acc_delta: zeros_like(p),
      }));
      adadelta(
        params,
        grads,
        states.map((s) => s.square_avg),
        states.map((s) => s.acc_delta),
        states.map((s) => s.step),
        group,
      );
    });
  }
}
