/**
 * Adagrad, as torch/optim/adagrad.py: `Adagrad` gathers parameters, gradients and state and calls
 * `adagrad()`, the update rule written once (PyTorch 2.x's `_single_tensor_adagrad`, same
 * float32 operation order).
 *
 * Unlike the other optimizers, Adagrad creates its state (`step`, `sum` filled with
 * initial_accumulator_value) in the constructor, as PyTorch does, so a fresh optimizer's
 * state_dict already holds it. The decayed rate clr = lr / (1 + (step - 1) * lr_decay) is a
 * Python float (double) computed from the float32 step counter.
 */
import type { Tensor } from "../tensor/tensor.js";
import { full_like } from "../tensor/factory.js";
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
 * Options of {@link Adagrad}, PyTorch's keywords with its defaults: lr 1e-2, lr_decay 0, weight_decay 0,
 * initial_accumulator_value 0, eps 1e-10, maximize false.
 */
export interface AdagradOptions {
  lr?: number;
  lr_decay?: number;
  weight_decay?: number;
  initial_accumulator_value?: number;
  eps?: number;
  foreach?: boolean | null;
  maximize?: boolean;
  differentiable?: boolean;
  fused?: boolean | null;
}

export type AdagradDefaults = Required<AdagradOptions>;

export interface AdagradUpdate {
  lr: number;
  lr_decay: number;
  weight_decay: number;
  eps: number;
  maximize: boolean;
}

/** One Adagrad step; `state_sums` and `state_steps` are updated in place. Call under no_grad. */
export function adagrad(
  params: Tensor[],
  grads: Tensor[],
  state_sums: Tensor[],
  state_steps: Tensor[],
  { lr, lr_decay, weight_decay, eps, maximize }: AdagradUpdate,
): void {
  params.forEach((param, i) => {
    const step_t = state_steps[i];
    step_t.add_(1);
    const step = step_t.item() as number;
    let grad = maximize ? grads[i].neg() : grads[i];
    if (weight_decay !== 0) grad = grad.add(param, { alpha: weight_decay });
    const clr = lr / (1 + (step - 1) * lr_decay);
    const state_sum = state_sums[i];
    state_sum.addcmul_(grad, grad, { value: 1 });
    const std = state_sum.sqrt().add_(eps);
    param.addcdiv_(grad, std, { value: -clr });
  });
}

/** A parameter's fresh state: the step counter and the sum of squared gradients so far. */
function adagrad_state(p: Tensor, initial_accumulator_value: number): { step: Tensor; sum: Tensor } {
  return { step: step_counter(), sum: full_like(p, initial_accumulator_value) };
}

export class Adagrad extends Optimizer<AdagradDefaults> {
  static override readonly __name__: string = "Adagrad";
  constructor(
    params: ParamsArg,
    ...args: PyArgs<
      [
        lr: number,
        lr_decay: number,
        weight_decay: number,
        initial_accumulator_value: number,
        eps: number,
        foreach: boolean | null,
      ],
      AdagradOptions
    >
  ) {
    const options = optimizer_args<AdagradOptions>(
      "Adagrad",
      args,
      ["lr", "lr_decay", "weight_decay", "initial_accumulator_value", "eps", "foreach"],
      ["maximize", "differentiable", "fused"],
    );
    const defaults: AdagradDefaults = {
      lr: options.lr ?? 1e-2,
      lr_decay: options.lr_decay ?? 0,
      weight_decay: options.weight_decay ?? 0,
      initial_accumulator_value: options.initial_accumulator_value ?? 0,
      eps: options.eps ?? 1e-10,
      foreach: options.foreach ?? null,
      maximize: options.maximize ?? false,
      differentiable: options.differentiable ?? false,
      fused: options.fused ?? null,
    };
    const check = (ok: boolean, what: string, v: number) => {
      if (!ok) throw new Error(`Invalid ${what}: ${py_number(v)}`);
    };
    check(defaults.lr >= 0, "learning rate", defaults.lr);
    check(defaults.lr_decay >= 0, "lr_decay value", defaults.lr_decay);
    check(defaults.weight_decay >= 0, "weight_decay value", defaults.weight_decay);
    check(
      defaults.initial_accumulator_value >= 0,
      "initial_accumulator_value value",
      defaults.initial_accumulator_value,
    );
    check(defaults.eps >= 0, "epsilon value", defaults.eps);
    reject_unsupported("Adagrad", defaults, ["differentiable", "fused"]);
    super(params, defaults);
    // PyTorch makes Adagrad's state here, not at the first step: a fresh state_dict holds it
    for (const group of this.param_groups) {
      for (const p of group.params) this.state.set(p, adagrad_state(p, group.initial_accumulator_value));
    }
  }

  step(closure?: () => Tensor | number): Tensor | number | null {
    return this.step_groups(closure, (group) => {
      // a group added after construction gets its state here (PyTorch would fail)
      const { params, grads, states } = this.gather(group, (p) =>
        adagrad_state(p, group.initial_accumulator_value),
      );
      adagrad(
        params,
        grads,
        states.map((s) => s.sum),
        states.map((s) => s.step),
        group,
      );
    });
  }
}
