/**
 * RMSprop, as torch/optim/rmsprop.py: `RMSprop` gathers each group's parameters, gradients and
 * state and calls `rmsprop()`, the update rule written once (PyTorch 2.x's
 * `_single_tensor_rmsprop`, same float32 operation order).
 *
 * The square average is v = alpha * v + (1 - alpha) * g^2; centered RMSprop subtracts the squared
 * running mean of g (kept with lerp_, as 2.x does; 1.13 used mul_/add_, which rounds
 * differently). eps is added after the square root, not under it (unlike Adadelta).
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
 * Options of {@link RMSprop}, PyTorch's keywords with its defaults: lr 1e-2, alpha 0.99, eps 1e-8,
 * weight_decay 0, momentum 0, centered and maximize false.
 */
export interface RMSpropOptions {
  lr?: number;
  alpha?: number;
  eps?: number;
  weight_decay?: number;
  momentum?: number;
  centered?: boolean;
  capturable?: boolean;
  foreach?: boolean | null;
  maximize?: boolean;
  differentiable?: boolean;
}

export type RMSpropDefaults = Required<RMSpropOptions>;

/** A parameter's state, keys in PyTorch's order (the buffers only when their option is on). */
type RMSpropState = { step: Tensor; square_avg: Tensor; momentum_buffer?: Tensor; grad_avg?: Tensor };

export interface RMSpropUpdate {
  lr: number;
  alpha: number;
  eps: number;
  weight_decay: number;
  momentum: number;
  centered: boolean;
  maximize: boolean;
}

/**
 * One RMSprop step over lists of parameters, gradients and state tensors (grad_avgs used when
 * centered, momentum_buffer_list when momentum > 0), all updated in place. Call under no_grad.
 */
export function rmsprop(
  params: Tensor[],
  grads: Tensor[],
  square_avgs: Tensor[],
  grad_avgs: Tensor[],
  momentum_buffer_list: Tensor[],
  state_steps: Tensor[],
  { lr, alpha, eps, weight_decay, momentum, centered, maximize }: RMSpropUpdate,
): void {
  params.forEach((param, i) => {
    let grad = maximize ? grads[i].neg() : grads[i];
    const square_avg = square_avgs[i];
    state_steps[i].add_(1);
    if (weight_decay !== 0) grad = grad.add(param, { alpha: weight_decay });
    square_avg.mul_(alpha).addcmul_(grad, grad, { value: 1 - alpha });
    let avg: Tensor;
    if (centered) {
      const grad_avg = grad_avgs[i];
      grad_avg.lerp_(grad, 1 - alpha);
      avg = square_avg.addcmul(grad_avg, grad_avg, { value: -1 }).sqrt_();
    } else {
      avg = square_avg.sqrt();
    }
    avg.add_(eps);
    if (momentum > 0) {
      const buf = momentum_buffer_list[i];
      buf.mul_(momentum).addcdiv_(grad, avg);
      param.add_(buf, { alpha: -lr });
    } else {
      param.addcdiv_(grad, avg, { value: -lr });
    }
  });
}

export class RMSprop extends Optimizer<RMSpropDefaults> {
  static override readonly __name__: string = "RMSprop";
  constructor(
    params: ParamsArg,
    ...args: PyArgs<
      [
        lr: number,
        alpha: number,
        eps: number,
        weight_decay: number,
        momentum: number,
        centered: boolean,
        capturable: boolean,
        foreach: boolean | null,
        maximize: boolean,
        differentiable: boolean,
      ],
      RMSpropOptions
    >
  ) {
    const options = optimizer_args<RMSpropOptions>("RMSprop", args, [
      "lr",
      "alpha",
      "eps",
      "weight_decay",
      "momentum",
      "centered",
      "capturable",
      "foreach",
      "maximize",
      "differentiable",
    ]);
    const defaults: RMSpropDefaults = {
      lr: options.lr ?? 1e-2,
      alpha: options.alpha ?? 0.99,
      eps: options.eps ?? 1e-8,
      weight_decay: options.weight_decay ?? 0,
      momentum: options.momentum ?? 0,
      centered: options.centered ?? false,
      capturable: options.capturable ?? false,
      foreach: options.foreach ?? null,
      maximize: options.maximize ?? false,
      differentiable: options.differentiable ?? false,
    };
    if (!(defaults.lr >= 0)) throw new Error(`Invalid learning rate: ${py_number(defaults.lr)}`);
    if (!(defaults.eps >= 0)) throw new Error(`Invalid epsilon value: ${py_number(defaults.eps)}`);
    if (!(defaults.momentum >= 0)) throw new Error(`Invalid momentum value: ${py_number(defaults.momentum)}`);
    if (!(defaults.weight_decay >= 0)) {
      throw new Error(`Invalid weight_decay value: ${py_number(defaults.weight_decay)}`);
    }
    if (!(defaults.alpha >= 0)) throw new Error(`Invalid alpha value: ${py_number(defaults.alpha)}`);
    reject_unsupported("RMSprop", defaults, ["capturable", "differentiable"]);
    super(params, defaults);
  }

  step(closure?: () => Tensor | number): Tensor | number | null {
    return this.step_groups(closure, (group) => {
      const { params, grads, states } = this.gather(group, (p) => {
        const state: RMSpropState = { step: step_counter(), square_avg: zeros_like(p) };
        if (group.momentum > 0) state.momentum_buffer = zeros_like(p);
        if (group.centered) state.grad_avg = zeros_like(p);
        return state;
      });
      // each optional buffer exists whenever its option is on; rmsprop() reads it only then
      rmsprop(
        params,
        grads,
        states.map((s) => s.square_avg),
        group.centered ? states.map((s) => s.grad_avg as Tensor) : [],
        group.momentum > 0 ? states.map((s) => s.momentum_buffer as Tensor) : [],
        states.map((s) => s.step),
        group,
      );
    });
  }
}
