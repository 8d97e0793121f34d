/**
 * ReduceLROnPlateau: cuts the lr by `factor` once a metric has not improved for `patience`
 * steps. It is an LRScheduler (get_last_lr, state_dict) but, as in PyTorch, does not run the
 * base initialisation: no initial_lr, no initial step, and step() takes the metric.
 */
import { Tensor } from "../../tensor/tensor.js";
import {
  LRScheduler,
  NO_INIT,
  check_optimizer,
  py_args,
  type AnyOptimizer,
  type PyArgs,
  type SchedulerStateDict,
} from "./lr_scheduler.js";

/**
 * Keyword arguments of {@link ReduceLROnPlateau}, with PyTorch's defaults: mode ("min"), factor (0.1),
 * patience (10), threshold (1e-4), threshold_mode ("rel"), cooldown (0), min_lr (0), eps (1e-8).
 */
export interface ReduceLROnPlateauOptions {
  mode?: "min" | "max";
  factor?: number;
  patience?: number;
  threshold?: number;
  threshold_mode?: "rel" | "abs";
  cooldown?: number;
  min_lr?: number | number[];
  eps?: number;
}

const ARGS = [
  "mode",
  "factor",
  "patience",
  "threshold",
  "threshold_mode",
  "cooldown",
  "min_lr",
  "eps",
] as const;

export class ReduceLROnPlateau extends LRScheduler {
  static override readonly __name__: string = "ReduceLROnPlateau";
  declare factor: number;
  declare default_min_lr: number | null;
  declare min_lrs: number[];
  declare patience: number;
  declare cooldown: number;
  declare eps: number;
  declare mode_worse: number;
  declare mode: "min" | "max";
  declare threshold: number;
  declare threshold_mode: "rel" | "abs";
  declare best: number;
  declare cooldown_counter: number;
  declare num_bad_epochs: number;

  constructor(
    optimizer: AnyOptimizer,
    ...args: PyArgs<
      [
        mode: "min" | "max",
        factor: number,
        patience: number,
        threshold: number,
        threshold_mode: "rel" | "abs",
        cooldown: number,
        min_lr: number | number[],
        eps: number,
      ],
      ReduceLROnPlateauOptions
    >
  ) {
    super(NO_INIT);
    const o = py_args<ReduceLROnPlateauOptions>("ReduceLROnPlateau", args, ARGS);
    const factor = o.factor ?? 0.1;
    if (factor >= 1.0) throw new Error("Factor should be < 1.0.");
    this.factor = factor;
    check_optimizer(optimizer);
    this.optimizer = optimizer;
    const min_lr = o.min_lr ?? 0;
    const n = optimizer.param_groups.length;
    if (Array.isArray(min_lr)) {
      if (min_lr.length !== n) throw new Error(`expected ${n} min_lrs, got ${min_lr.length}`);
      this.default_min_lr = null;
      this.min_lrs = [...min_lr];
    } else {
      this.default_min_lr = min_lr;
      this.min_lrs = new Array<number>(n).fill(min_lr);
    }
    this.patience = o.patience ?? 10;
    this.cooldown = o.cooldown ?? 0;
    this.eps = o.eps ?? 1e-8;
    this.last_epoch = 0;
    this._last_lr = this.lrs;
    this._init_is_better(o.mode ?? "min", o.threshold ?? 1e-4, o.threshold_mode ?? "rel");
    this._reset();
  }

  /** Clears the bad-epoch and cooldown counters (and the best metric). */
  _reset(): void {
    this.best = this.mode_worse;
    this.cooldown_counter = 0;
    this.num_bad_epochs = 0;
  }

  /** One epoch's metric (a number or a one-element tensor). */
  override step(metrics?: number | Tensor | null, epoch?: number | null): void {
    if (metrics === undefined || metrics === null) {
      throw new TypeError("ReduceLROnPlateau.step() missing 1 required positional argument: 'metrics'");
    }
    const current = metrics instanceof Tensor ? Number(metrics.item()) : Number(metrics);
    if (epoch === undefined || epoch === null) epoch = this.last_epoch + 1;
    this.last_epoch = epoch;
    if (this.is_better(current, this.best)) {
      this.best = current;
      this.num_bad_epochs = 0;
    } else {
      this.num_bad_epochs += 1;
    }
    if (this.in_cooldown) {
      this.cooldown_counter -= 1;
      this.num_bad_epochs = 0; // bad epochs in cooldown do not count
    }
    if (this.num_bad_epochs > this.patience) {
      this._reduce_lr();
      this.cooldown_counter = this.cooldown;
      this.num_bad_epochs = 0;
    }
    this._last_lr = this.lrs;
  }

  private _reduce_lr(): void {
    const groups = this.groups;
    if (groups.length !== this.min_lrs.length) {
      if (this.default_min_lr === null) {
        throw new Error(
          "The number of param groups in the `optimizer` " +
            `(${groups.length}) differs ` +
            "from when `ReduceLROnPlateau` was initialized " +
            `(${this.min_lrs.length}), usually due to a new ` +
            "param group being added to the optimizer. Please " +
            "modify the `min_lrs` field to match the length " +
            "of the `optimizer` param groups.",
        );
      }
      this.min_lrs = new Array<number>(groups.length).fill(this.default_min_lr);
    }
    groups.forEach((g, i) => {
      const old_lr = Number(g.lr);
      const new_lr = Math.max(old_lr * this.factor, this.min_lrs[i]);
      if (old_lr - new_lr > this.eps) g.lr = new_lr;
    });
  }

  get in_cooldown(): boolean {
    return this.cooldown_counter > 0;
  }

  /** Whether metric a improves on best by more than the threshold (PyTorch's is_better). */
  is_better(a: number, best: number): boolean {
    if (this.mode === "min" && this.threshold_mode === "rel") return a < best * (1.0 - this.threshold);
    if (this.mode === "min" && this.threshold_mode === "abs") return a < best - this.threshold;
    if (this.mode === "max" && this.threshold_mode === "rel") return a > best * (this.threshold + 1.0);
    return a > best + this.threshold;
  }

  private _init_is_better(mode: string, threshold: number, threshold_mode: string): void {
    if (mode !== "min" && mode !== "max") throw new Error(`mode ${mode} is unknown!`);
    if (threshold_mode !== "rel" && threshold_mode !== "abs") {
      throw new Error(`threshold mode ${threshold_mode} is unknown!`);
    }
    this.mode_worse = mode === "min" ? Infinity : -Infinity;
    this.mode = mode;
    this.threshold = threshold;
    this.threshold_mode = threshold_mode;
  }

  override load_state_dict(state_dict: SchedulerStateDict): void {
    super.load_state_dict(state_dict);
    this._init_is_better(this.mode, this.threshold, this.threshold_mode);
  }
}
