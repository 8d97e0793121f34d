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
import { full_like, tensor } from "../tensor/factory.js";
import { float32 } from "../dtype.js";
import { no_grad } from "../autograd/grad_mode.js";
import {
  Optimizer,
  py_number,
  reject_unsupported,
  type OptimizerState,
  type ParamsArg,
} from "./optimizer.js";

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

export class Adagrad extends Optimizer<AdagradDefaults> {
  constructor(params: ParamsArg, options: AdagradOptions = {}) {
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
    for (const group of this.param_groups) {
      for (const p of group.params) this.init_state(this.state_of(p), p, group.initial_accumulator_value);
    }
  }

  private init_state(state: OptimizerState, p: Tensor, initial_accumulator_value: number): void {
    state.step = tensor(0, { dtype: float32 });
    state.sum = full_like(p, initial_accumulator_value);
  }

  step(closure?: () => Tensor | number): Tensor | number | null {
    const loss = this.eval_closure(closure);
    no_grad(() => {
      for (const group of this.param_groups) {
        const params: Tensor[] = [];
        const grads: Tensor[] = [];
        const state_sums: Tensor[] = [];
        const state_steps: Tensor[] = [];
        for (const p of group.params) {
          if (p.grad === null) continue;
          params.push(p);
          grads.push(p.grad);
          const state = this.state_of(p);
          // a group added after construction gets its state here (PyTorch would fail)
          if (!state.sum) this.init_state(state, p, group.initial_accumulator_value);
          state_sums.push(state.sum as Tensor);
          state_steps.push(state.step as Tensor);
        }
        adagrad(params, grads, state_sums, state_steps, group);
      }
    });
    return loss;
  }
}
