/**
 * Averaged SGD, as torch/optim/asgd.py: `ASGD` gathers parameters, gradients and state and calls
 * `asgd()`, the update rule written once (PyTorch 2.x's `_single_tensor_asgd`, same float32
 * operation order).
 *
 * Per parameter the state holds `eta` (the decaying step size, lr / (1 + lambd * lr * step)^alpha),
 * `mu` (the averaging weight, 1 / max(1, step - t0)) and `ax` (the running average of the
 * parameter, which is what ASGD returns as its estimate; the parameter itself keeps doing SGD).
 * eta and mu are float32 0-dim tensors: PyTorch reads them back with .item(), so the update uses
 * their float32-rounded values, and writes them from a fresh float32 tensor.
 */
import type { Tensor } from "../tensor/tensor.js";
import { ones, tensor, zeros_like } from "../tensor/factory.js";
import { float32 } from "../dtype.js";
import {
  Optimizer,
  optimizer_args,
  reject_unsupported,
  step_counter,
  type ParamsArg,
  type PyArgs,
} from "./optimizer.js";
import { pow } from "../libm.js";
import { py_number } from "../format.js";

/**
 * Options of {@link ASGD}, PyTorch's keywords with its defaults: lr 1e-2, lambd 1e-4, alpha 0.75, t0 1e6
 * (the step at which averaging starts), weight_decay 0, maximize false.
 */
export interface ASGDOptions {
  lr?: number;
  lambd?: number;
  alpha?: number;
  t0?: number;
  weight_decay?: number;
  foreach?: boolean | null;
  maximize?: boolean;
  differentiable?: boolean;
  capturable?: boolean;
}

export type ASGDDefaults = Required<ASGDOptions>;

export interface ASGDUpdate {
  lr: number;
  lambd: number;
  alpha: number;
  t0: number;
  weight_decay: number;
  maximize: boolean;
}

/** One ASGD step; axs, mus, etas and state_steps update in place. Call under no_grad. */
export function asgd(
  params: Tensor[],
  grads: Tensor[],
  axs: Tensor[],
  mus: Tensor[],
  etas: Tensor[],
  state_steps: Tensor[],
  { lr, lambd, alpha, t0, weight_decay, maximize }: ASGDUpdate,
): void {
  params.forEach((param, i) => {
    let grad = maximize ? grads[i].neg() : grads[i];
    const mu = mus[i];
    const ax = axs[i];
    const eta = etas[i];
    const step_t = state_steps[i];
    step_t.add_(1);
    const step = step_t.item() as number;
    if (weight_decay !== 0) grad = grad.add(param, { alpha: weight_decay });
    const eta_value = eta.item() as number;
    param.mul_(1 - lambd * eta_value); // decay term
    param.add_(grad, { alpha: -eta_value });
    // averaging: ax += mu * (param - ax); while mu is 1 that is a plain copy
    if (mu.item() !== 1) ax.add_(param.sub(ax).mul(mu));
    else ax.copy_(param);
    // PyTorch builds these with torch.tensor(python_float): float32 before the copy
    eta.copy_(tensor(lr / pow(1 + lambd * lr * step, alpha)));
    mu.copy_(tensor(1 / Math.max(1, step - t0)));
  });
}

export class ASGD extends Optimizer<ASGDDefaults> {
  static override readonly __name__: string = "ASGD";
  constructor(
    params: ParamsArg,
    ...args: PyArgs<
      [
        lr: number,
        lambd: number,
        alpha: number,
        t0: number,
        weight_decay: number,
        foreach: boolean | null,
        maximize: boolean,
        differentiable: boolean,
        capturable: boolean,
      ],
      ASGDOptions
    >
  ) {
    const options = optimizer_args<ASGDOptions>("ASGD", args, [
      "lr",
      "lambd",
      "alpha",
      "t0",
      "weight_decay",
      "foreach",
      "maximize",
      "differentiable",
      "capturable",
    ]);
    const defaults: ASGDDefaults = {
      lr: options.lr ?? 1e-2,
      lambd: options.lambd ?? 1e-4,
      alpha: options.alpha ?? 0.75,
      t0: options.t0 ?? 1e6,
      weight_decay: options.weight_decay ?? 0,
      foreach: options.foreach ?? null,
      maximize: options.maximize ?? false,
      differentiable: options.differentiable ?? false,
      capturable: options.capturable ?? false,
    };
    if (!(defaults.lr >= 0)) throw new Error(`Invalid learning rate: ${py_number(defaults.lr)}`);
    if (!(defaults.weight_decay >= 0)) {
      throw new Error(`Invalid weight_decay value: ${py_number(defaults.weight_decay)}`);
    }
    reject_unsupported("ASGD", defaults, ["capturable", "differentiable"]);
    super(params, defaults);
  }

  step(closure?: () => Tensor | number): Tensor | number | null {
    return this.step_groups(closure, (group) => {
      // eta starts at the group's lr, mu at 1 (plain SGD until step t0)
      const { params, grads, states } = this.gather(group, (p) => ({
        step: step_counter(),
        eta: tensor(group.lr, { dtype: float32 }),
        mu: ones([], { dtype: float32 }),
        ax: zeros_like(p),
      }));
      asgd(
        params,
        grads,
        states.map((s) => s.ax),
        states.map((s) => s.mu),
        states.map((s) => s.eta),
        states.map((s) => s.step),
        group,
      );
    });
  }
}
