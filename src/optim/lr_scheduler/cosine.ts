/**
 * Cosine schedules: CosineAnnealingLR and CosineAnnealingWarmRestarts (SGDR).
 *
 * CosineAnnealingLR's get_lr() is PyTorch's recursive form, which rescales the group's current
 * lr by the ratio of successive cosine terms; its values drift from the closed form
 * eta_min + (base_lr - eta_min) * (1 + cos(pi * t / T_max)) / 2 in the last bits (and follow
 * other schedulers' changes to the lr), so both forms are kept, as in PyTorch.
 */
import { LRScheduler, py_args, py_mod, required, type AnyOptimizer, type PyArgs } from "./lr_scheduler.js";
import { cos, pow } from "../../libm.js";
import { py_number, py_type } from "../../format.js";

/**
 * Keyword arguments of {@link CosineAnnealingLR}: T_max (epochs of the half cosine), eta_min (default 0),
 * last_epoch.
 */
export interface CosineAnnealingLROptions {
  T_max?: number;
  eta_min?: number;
  last_epoch?: number;
}

/** Anneals each lr from its base_lr to eta_min along half a cosine over T_max epochs. */
export class CosineAnnealingLR extends LRScheduler {
  static override readonly __name__: string = "CosineAnnealingLR";
  declare T_max: number;
  declare eta_min: number;

  constructor(
    optimizer: AnyOptimizer,
    ...args: PyArgs<[T_max: number, eta_min: number, last_epoch: number], CosineAnnealingLROptions>
  ) {
    const o = py_args<CosineAnnealingLROptions>("CosineAnnealingLR", args, [
      "T_max",
      "eta_min",
      "last_epoch",
    ]);
    super(optimizer, o.last_epoch ?? -1, {
      T_max: required("CosineAnnealingLR", o, "T_max"),
      eta_min: o.eta_min ?? 0.0,
    });
  }

  override get_lr(): number[] {
    const { T_max, eta_min, last_epoch } = this;
    if (this._is_initial) return this.lrs;
    if (this._step_count === 1 && last_epoch > 0) {
      return this.base_lrs.map(
        (b) => eta_min + ((b - eta_min) * (1 + cos((last_epoch * Math.PI) / T_max))) / 2,
      );
    }
    if (py_mod(last_epoch - 1 - T_max, 2 * T_max) === 0) {
      // the restart point of the recursion (the cosine ratio would divide by zero)
      const lrs = this.lrs;
      return this.base_lrs.map((b, i) => lrs[i] + ((b - eta_min) * (1 - cos(Math.PI / T_max))) / 2);
    }
    const ratio = (1 + cos((Math.PI * last_epoch) / T_max)) / (1 + cos((Math.PI * (last_epoch - 1)) / T_max));
    return this.lrs.map((lr) => ratio * (lr - eta_min) + eta_min);
  }

  override _get_closed_form_lr(): number[] {
    const { T_max, eta_min, last_epoch } = this;
    return this.base_lrs.map(
      (b) => eta_min + ((b - eta_min) * (1 + cos((Math.PI * last_epoch) / T_max))) / 2,
    );
  }
}

/**
 * Keyword arguments of {@link CosineAnnealingWarmRestarts}: T_0 (epochs to the first restart), T_mult
 * (default 1), eta_min (default 0), last_epoch.
 */
export interface CosineAnnealingWarmRestartsOptions {
  T_0?: number;
  T_mult?: number;
  eta_min?: number;
  last_epoch?: number;
}

/**
 * SGDR: cosine annealing restarted every T_i epochs, T_i growing by T_mult after each restart.
 * step(epoch) accepts fractional epochs (epoch + i / iters inside an epoch).
 */
export class CosineAnnealingWarmRestarts extends LRScheduler {
  static override readonly __name__: string = "CosineAnnealingWarmRestarts";
  declare T_0: number;
  declare T_i: number;
  declare T_mult: number;
  declare eta_min: number;
  declare T_cur: number;

  constructor(
    optimizer: AnyOptimizer,
    ...args: PyArgs<
      [T_0: number, T_mult: number, eta_min: number, last_epoch: number],
      CosineAnnealingWarmRestartsOptions
    >
  ) {
    const cls = "CosineAnnealingWarmRestarts";
    const o = py_args<CosineAnnealingWarmRestartsOptions>(cls, args, [
      "T_0",
      "T_mult",
      "eta_min",
      "last_epoch",
    ]);
    const T_0 = required(cls, o, "T_0");
    const T_mult = o.T_mult ?? 1;
    const eta_min = o.eta_min ?? 0.0;
    const last_epoch = o.last_epoch ?? -1;
    if (!Number.isInteger(T_0) || T_0 <= 0)
      throw new Error(`Expected positive integer T_0, but got ${py_number(T_0)}`);
    if (!Number.isInteger(T_mult) || T_mult < 1) {
      throw new Error(`Expected integer T_mult >= 1, but got ${py_number(T_mult)}`);
    }
    if (typeof eta_min !== "number") {
      throw new Error(
        `Expected float or int eta_min, but got ${String(eta_min)} of type <class '${py_type(eta_min)}'>`,
      );
    }
    super(optimizer, last_epoch, { T_0, T_i: T_0, T_mult, eta_min, T_cur: last_epoch });
  }

  override get_lr(): number[] {
    const { eta_min } = this;
    const c = 1 + cos((Math.PI * this.T_cur) / this.T_i);
    return this.base_lrs.map((b) => eta_min + ((b - eta_min) * c) / 2);
  }

  /** Without an epoch: one epoch on. With one (possibly fractional): the schedule at that epoch. */
  override step(epoch?: number | null): void {
    if ((epoch === undefined || epoch === null) && this.last_epoch < 0) epoch = 0;
    if (epoch === undefined || epoch === null) {
      epoch = this.last_epoch + 1;
      this.T_cur = this.T_cur + 1;
      if (this.T_cur >= this.T_i) {
        this.T_cur = py_mod(this.T_cur, this.T_i);
        this.T_i = this.T_i * this.T_mult;
      }
    } else {
      if (epoch < 0) throw new Error(`Expected non-negative epoch, but got ${py_number(epoch)}`);
      if (epoch >= this.T_0) {
        if (this.T_mult === 1) {
          this.T_cur = py_mod(epoch, this.T_0);
        } else {
          // Python's math.log(x, base) is log(x) / log(base)
          const n = Math.trunc(Math.log((epoch / this.T_0) * (this.T_mult - 1) + 1) / Math.log(this.T_mult));
          this.T_cur = epoch - (this.T_0 * (pow(this.T_mult, n) - 1)) / (this.T_mult - 1);
          this.T_i = this.T_0 * pow(this.T_mult, n);
        }
      } else {
        this.T_i = this.T_0;
        this.T_cur = epoch;
      }
    }
    this.last_epoch = Math.floor(epoch);
    let values: number[];
    this._get_lr_called_within_step = true;
    try {
      values = this.get_lr();
    } finally {
      this._get_lr_called_within_step = false;
    }
    this.groups.forEach((g, i) => {
      if (i < values.length) g.lr = values[i];
    });
    this._last_lr = this.lrs;
  }
}
