/**
 * Resilient backpropagation, as torch/optim/rprop.py: `Rprop` gathers parameters, gradients and
 * state and calls `rprop()`, the update rule written once (PyTorch 2.x's `_single_tensor_rprop`).
 *
 * Only the sign of each gradient is used: each element's step size grows by etaplus while the
 * gradient keeps its sign, shrinks by etaminus when it flips (and that element then skips its
 * update and forgets its gradient, so the next step counts as a fresh start), clamped to
 * step_sizes. `etas` and `step_sizes` are [minus, plus] and [min, max] pairs (PyTorch's tuples).
 */
import type { Tensor } from "../tensor/tensor.js";
import { full_like, zeros_like } from "../tensor/factory.js";
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
 * Options of {@link Rprop}, PyTorch's keywords with its defaults: lr 1e-2, etas [0.5, 1.2] (the factors
 * that shrink and grow each step), step_sizes [1e-6, 50] (the bounds of a step), maximize false.
 */
export interface RpropOptions {
  lr?: number;
  etas?: readonly [number, number];
  step_sizes?: readonly [number, number];
  capturable?: boolean;
  foreach?: boolean | null;
  maximize?: boolean;
  differentiable?: boolean;
}

export type RpropDefaults = Required<RpropOptions>;

export interface RpropUpdate {
  etas: readonly [number, number];
  step_sizes: readonly [number, number];
  maximize: boolean;
}

/** One Rprop step; prevs, step_sizes and state_steps update in place. Call under no_grad. */
export function rprop(
  params: Tensor[],
  grads: Tensor[],
  prevs: Tensor[],
  step_sizes: Tensor[],
  state_steps: Tensor[],
  { etas: [etaminus, etaplus], step_sizes: [step_size_min, step_size_max], maximize }: RpropUpdate,
): void {
  params.forEach((param, i) => {
    let grad = maximize ? grads[i].neg() : grads[i];
    const prev = prevs[i];
    const step_size = step_sizes[i];
    state_steps[i].add_(1);
    // the factor for each element: etaplus where g * prev > 0, etaminus where < 0, else 1
    const sign = grad.mul(prev).sign();
    sign.masked_fill_(sign.gt(0), etaplus);
    sign.masked_fill_(sign.lt(0), etaminus);
    sign.masked_fill_(sign.eq(0), 1);
    step_size.mul_(sign).clamp_(step_size_min, step_size_max);
    // where the sign flipped, the gradient counts as 0: no update now, no flip test next step
    grad = grad.clone();
    grad.masked_fill_(sign.eq(etaminus), 0);
    param.addcmul_(grad.sign(), step_size, { value: -1 });
    prev.copy_(grad);
  });
}

export class Rprop extends Optimizer<RpropDefaults> {
  static override readonly __name__: string = "Rprop";
  constructor(
    params: ParamsArg,
    ...args: PyArgs<
      [lr: number, etas: readonly [number, number], step_sizes: readonly [number, number]],
      RpropOptions
    >
  ) {
    const options = optimizer_args<RpropOptions>(
      "Rprop",
      args,
      ["lr", "etas", "step_sizes"],
      ["capturable", "foreach", "maximize", "differentiable"],
    );
    const defaults: RpropDefaults = {
      lr: options.lr ?? 1e-2,
      etas: options.etas ?? [0.5, 1.2],
      step_sizes: options.step_sizes ?? [1e-6, 50],
      capturable: options.capturable ?? false,
      foreach: options.foreach ?? null,
      maximize: options.maximize ?? false,
      differentiable: options.differentiable ?? false,
    };
    if (!(defaults.lr >= 0)) throw new Error(`Invalid learning rate: ${py_number(defaults.lr)}`);
    const [etaminus, etaplus] = defaults.etas;
    if (!(0 < etaminus && etaminus < 1 && 1 < etaplus)) {
      throw new Error(`Invalid eta values: ${py_number(etaminus)}, ${py_number(etaplus)}`);
    }
    reject_unsupported("Rprop", defaults, ["capturable", "differentiable"]);
    super(params, defaults);
  }

  step(closure?: () => Tensor | number): Tensor | number | null {
    return this.step_groups(closure, (group) => {
      // every element's step size starts at the group's lr
      const { params, grads, states } = this.gather(group, (p, grad) => ({
        step: step_counter(),
        prev: zeros_like(p),
        step_size: full_like(grad, group.lr),
      }));
      rprop(
        params,
        grads,
        states.map((s) => s.prev),
        states.map((s) => s.step_size),
        states.map((s) => s.step),
        group,
      );
    });
  }
}
