/**
 * The step-wise and polynomial schedules of torch.optim.lr_scheduler: StepLR, MultiStepLR,
 * ConstantLR, LinearLR, ExponentialLR, PolynomialLR. Each has PyTorch's chainable get_lr()
 * (a factor applied to the group's current lr, so it composes with other schedulers) and its
 * closed form for step(epoch); both repeat PyTorch's float operations in order.
 */
import {
  LRScheduler,
  py_args,
  py_floordiv,
  py_mod,
  required,
  type AnyOptimizer,
  type PyArgs,
} from "./lr_scheduler.js";
import { pow } from "../../libm.js";

/**
 * Keyword arguments of {@link StepLR}: step_size (epochs between decays), gamma (default 0.1), last_epoch.
 */
export interface StepLROptions {
  step_size?: number;
  gamma?: number;
  last_epoch?: number;
}

/** Multiplies the lr by gamma every step_size epochs. */
export class StepLR extends LRScheduler {
  static override readonly __name__: string = "StepLR";
  declare step_size: number;
  declare gamma: number;

  constructor(
    optimizer: AnyOptimizer,
    ...args: PyArgs<[step_size: number, gamma: number, last_epoch: number], StepLROptions>
  ) {
    const o = py_args<StepLROptions>("StepLR", args, ["step_size", "gamma", "last_epoch"]);
    super(optimizer, o.last_epoch ?? -1, {
      step_size: required("StepLR", o, "step_size"),
      gamma: o.gamma ?? 0.1,
    });
  }

  override get_lr(): number[] {
    if (this.last_epoch === 0 || py_mod(this.last_epoch, this.step_size) !== 0) return this.lrs;
    return this.lrs.map((lr) => lr * this.gamma);
  }

  override _get_closed_form_lr(): number[] {
    return this.base_lrs.map((b) => b * pow(this.gamma, py_floordiv(this.last_epoch, this.step_size)));
  }
}

/**
 * Keyword arguments of {@link MultiStepLR}: milestones (epochs, increasing), gamma (default 0.1),
 * last_epoch.
 */
export interface MultiStepLROptions {
  milestones?: Iterable<number>;
  gamma?: number;
  last_epoch?: number;
}

/**
 * Multiplies the lr by gamma at each milestone (by gamma^k for a milestone listed k times).
 * `milestones` is PyTorch's Counter: milestone -> count.
 */
export class MultiStepLR extends LRScheduler {
  static override readonly __name__: string = "MultiStepLR";
  declare milestones: Record<string, number>;
  declare gamma: number;

  constructor(
    optimizer: AnyOptimizer,
    ...args: PyArgs<[milestones: Iterable<number>, gamma: number, last_epoch: number], MultiStepLROptions>
  ) {
    const o = py_args<MultiStepLROptions>("MultiStepLR", args, ["milestones", "gamma", "last_epoch"]);
    const counter: Record<string, number> = {};
    for (const m of required("MultiStepLR", o, "milestones")) counter[m] = (counter[m] ?? 0) + 1;
    super(optimizer, o.last_epoch ?? -1, { milestones: counter, gamma: o.gamma ?? 0.1 });
  }

  override get_lr(): number[] {
    const k = this.milestones[this.last_epoch];
    if (k === undefined) return this.lrs;
    return this.lrs.map((lr) => lr * pow(this.gamma, k));
  }

  override _get_closed_form_lr(): number[] {
    // bisect_right over the sorted milestones (with repeats): how many are <= last_epoch
    let passed = 0;
    for (const [m, k] of Object.entries(this.milestones)) if (Number(m) <= this.last_epoch) passed += k;
    return this.base_lrs.map((b) => b * pow(this.gamma, passed));
  }
}

/** Keyword arguments of {@link ConstantLR}: factor (default 1/3), total_iters (default 5), last_epoch. */
export interface ConstantLROptions {
  factor?: number;
  total_iters?: number;
  last_epoch?: number;
}

/** Multiplies the lr by `factor` until epoch total_iters, then restores it. */
export class ConstantLR extends LRScheduler {
  static override readonly __name__: string = "ConstantLR";
  declare factor: number;
  declare total_iters: number;

  constructor(
    optimizer: AnyOptimizer,
    ...args: PyArgs<[factor: number, total_iters: number, last_epoch: number], ConstantLROptions>
  ) {
    const o = py_args<ConstantLROptions>("ConstantLR", args, ["factor", "total_iters", "last_epoch"]);
    const factor = o.factor ?? 1.0 / 3;
    if (factor > 1.0 || factor < 0) {
      throw new Error("Constant multiplicative factor expected to be between 0 and 1.");
    }
    super(optimizer, o.last_epoch ?? -1, { factor, total_iters: o.total_iters ?? 5 });
  }

  override get_lr(): number[] {
    if (this.last_epoch === 0) return this.lrs.map((lr) => lr * this.factor);
    if (this.last_epoch !== this.total_iters) return this.lrs;
    return this.lrs.map((lr) => lr * (1.0 / this.factor));
  }

  override _get_closed_form_lr(): number[] {
    const done = this.last_epoch >= this.total_iters ? 1 : 0;
    return this.base_lrs.map((b) => b * (this.factor + done * (1 - this.factor)));
  }
}

/**
 * Keyword arguments of {@link LinearLR}: start_factor (default 1/3), end_factor (default 1), total_iters
 * (default 5), last_epoch.
 */
export interface LinearLROptions {
  start_factor?: number;
  end_factor?: number;
  total_iters?: number;
  last_epoch?: number;
}

/** Moves the lr's factor linearly from start_factor to end_factor over total_iters epochs. */
export class LinearLR extends LRScheduler {
  static override readonly __name__: string = "LinearLR";
  declare start_factor: number;
  declare end_factor: number;
  declare total_iters: number;

  constructor(
    optimizer: AnyOptimizer,
    ...args: PyArgs<
      [start_factor: number, end_factor: number, total_iters: number, last_epoch: number],
      LinearLROptions
    >
  ) {
    const o = py_args<LinearLROptions>("LinearLR", args, [
      "start_factor",
      "end_factor",
      "total_iters",
      "last_epoch",
    ]);
    const start_factor = o.start_factor ?? 1.0 / 3;
    const end_factor = o.end_factor ?? 1.0;
    if (start_factor > 1.0 || start_factor <= 0) {
      throw new Error("Starting multiplicative factor expected to be greater than 0 and less or equal to 1.");
    }
    if (end_factor > 1.0 || end_factor < 0) {
      throw new Error("Ending multiplicative factor expected to be between 0 and 1.");
    }
    super(optimizer, o.last_epoch ?? -1, { start_factor, end_factor, total_iters: o.total_iters ?? 5 });
  }

  override get_lr(): number[] {
    if (this.last_epoch === 0) return this.lrs.map((lr) => lr * this.start_factor);
    if (this._is_initial || this.last_epoch > this.total_iters) return this.lrs;
    const d = this.end_factor - this.start_factor;
    return this.lrs.map(
      (lr) => lr * (1.0 + d / (this.total_iters * this.start_factor + (this.last_epoch - 1) * d)),
    );
  }

  override _get_closed_form_lr(): number[] {
    const d = this.end_factor - this.start_factor;
    const t = Math.min(this.total_iters, this.last_epoch);
    return this.base_lrs.map((b) => b * (this.start_factor + (d * t) / this.total_iters));
  }
}

/** Keyword arguments of {@link ExponentialLR}: gamma, last_epoch. */
export interface ExponentialLROptions {
  gamma?: number;
  last_epoch?: number;
}

/** Multiplies the lr by gamma every epoch. */
export class ExponentialLR extends LRScheduler {
  static override readonly __name__: string = "ExponentialLR";
  declare gamma: number;

  constructor(
    optimizer: AnyOptimizer,
    ...args: PyArgs<[gamma: number, last_epoch: number], ExponentialLROptions>
  ) {
    const o = py_args<ExponentialLROptions>("ExponentialLR", args, ["gamma", "last_epoch"]);
    super(optimizer, o.last_epoch ?? -1, { gamma: required("ExponentialLR", o, "gamma") });
  }

  override get_lr(): number[] {
    // resuming (constructed with last_epoch >= 0), the initial step keeps the loaded lr
    if (this._is_initial) return this.lrs;
    return this.lrs.map((lr) => lr * this.gamma);
  }

  override _get_closed_form_lr(): number[] {
    return this.base_lrs.map((b) => b * pow(this.gamma, this.last_epoch));
  }
}

/** Keyword arguments of {@link PolynomialLR}: total_iters (default 5), power (default 1), last_epoch. */
export interface PolynomialLROptions {
  total_iters?: number;
  power?: number;
  last_epoch?: number;
}

/** Decays the lr to 0 over total_iters epochs as (1 - t / total_iters) ** power. */
export class PolynomialLR extends LRScheduler {
  static override readonly __name__: string = "PolynomialLR";
  declare total_iters: number;
  declare power: number;

  constructor(
    optimizer: AnyOptimizer,
    ...args: PyArgs<[total_iters: number, power: number, last_epoch: number], PolynomialLROptions>
  ) {
    const o = py_args<PolynomialLROptions>("PolynomialLR", args, ["total_iters", "power", "last_epoch"]);
    super(optimizer, o.last_epoch ?? -1, { total_iters: o.total_iters ?? 5, power: o.power ?? 1.0 });
  }

  override get_lr(): number[] {
    if (this._is_initial || this.last_epoch > this.total_iters) return this.lrs;
    const decay_factor = pow(
      (1.0 - this.last_epoch / this.total_iters) / (1.0 - (this.last_epoch - 1) / this.total_iters),
      this.power,
    );
    return this.lrs.map((lr) => lr * decay_factor);
  }

  override _get_closed_form_lr(): number[] {
    const t = Math.min(this.total_iters, this.last_epoch);
    return this.base_lrs.map((b) => b * pow(1.0 - t / this.total_iters, this.power));
  }
}
