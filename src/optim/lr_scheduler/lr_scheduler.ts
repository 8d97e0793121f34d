/**
 * LRScheduler, the base of torch.optim.lr_scheduler (PyTorch 2.x, torch/optim/lr_scheduler.py):
 * it records each group's `initial_lr` (base_lrs), counts epochs in `last_epoch`, takes one
 * step at construction, and on each step() writes get_lr()'s values (the chainable form, from
 * the groups' current lrs) or, for step(epoch), the closed form into the groups' `lr`.
 *
 * Learning rates are JS numbers, Python's floats: the schedulers repeat PyTorch's float
 * operations in the same order, so the lrs match PyTorch's bit for bit.
 *
 * Subclasses pass their hyper-parameters to the base constructor (`attributes`), which sets
 * them before the initial step, as a PyTorch subclass sets them before super().__init__()
 * (a derived JS constructor cannot touch `this` before super() returns). Declare them with
 * `declare` so the class-field semantics do not reset them after super().
 */
import { kwargs } from "../../tensor/args.js";
import { Optimizer, type PyArgs } from "../optimizer.js";
import { py_type } from "../../format.js";
import { class_name } from "../../names.js";

/** Any optimizer: the schedulers only read and write param_groups and read defaults. */
export type AnyOptimizer = Optimizer<object>;

/** A group as the schedulers see it: plain options keyed by name (`lr`, `momentum`, ...). */
export type Group = Record<string, unknown>;

/** What state_dict() returns: every attribute but the optimizer (and callables), as PyTorch. */
export type SchedulerStateDict = Record<string, unknown>;

/** Passed as the optimizer by the schedulers that skip the base initialisation (as in PyTorch). */
export const NO_INIT: unique symbol = Symbol("LRScheduler.no_init");

export type { PyArgs };

/** Merges positional and keyword arguments by PyTorch's parameter names. */
export function py_args<T extends object>(
  cls: string,
  args: readonly unknown[],
  names: readonly (keyof T & string)[],
): Partial<T> {
  return kwargs<Record<string, unknown>>(`${cls}.__init__`, args, names) as Partial<T>;
}

/** A required argument, with Python's TypeError when it is missing. */
export function required<T, K extends keyof T & string>(
  cls: string,
  o: Partial<T>,
  name: K,
): NonNullable<T[K]> {
  const v = o[name];
  if (v === undefined || v === null) {
    throw new TypeError(`${cls}.__init__() missing 1 required positional argument: '${name}'`);
  }
  return v;
}

/** Python's `a % b` (the result takes the sign of b). */
export function py_mod(a: number, b: number): number {
  const r = a % b;
  return r !== 0 && r < 0 !== b < 0 ? r + b : r;
}

/** Python's `a // b`. */
export function py_floordiv(a: number, b: number): number {
  return Math.floor(a / b);
}

export function check_optimizer(optimizer: unknown): asserts optimizer is AnyOptimizer {
  if (!(optimizer instanceof Optimizer)) {
    throw new TypeError(`${py_type(optimizer)} is not an Optimizer`);
  }
}

/** One value per param group: a list of that length, or one value repeated (PyTorch's _format_param). */
export function format_param<T>(name: string, optimizer: AnyOptimizer, param: T | readonly T[]): T[] {
  const n = optimizer.param_groups.length;
  if (Array.isArray(param)) {
    if (param.length !== n) {
      throw new Error(
        `${name} must have the same length as optimizer.param_groups. ` +
          `${name} has ${param.length} values, param_groups has ${n}.`,
      );
    }
    return [...(param as T[])];
  }
  return new Array<T>(n).fill(param as T);
}

/** Sets a group's momentum, or beta1 of its betas for Adam-like optimizers (CyclicLR, OneCycleLR). */
export function set_momentum(group: Group, use_beta1: boolean, m: number): void {
  if (use_beta1) group.betas = [m, ...(group.betas as number[]).slice(1)];
  else group.momentum = m;
}

/** A deep copy of plain data (arrays and plain objects); functions are not state. */
export function clone_plain(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(clone_plain);
  if (v !== null && typeof v === "object" && Object.getPrototypeOf(v) === Object.prototype) {
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, clone_plain(x)]));
  }
  return v;
}

/**
 * Base class of the schedulers: sets each param group's lr from its schedule. Call `step()` once per epoch
 * (per batch for the cyclic ones) after `optimizer.step()`; `get_last_lr()` gives the lrs it set.
 */
export class LRScheduler {
  /** PyTorch's name for this class, which bundlers cannot rename (src/names.ts). */
  static readonly __name__: string = "LRScheduler";
  declare optimizer: AnyOptimizer;
  declare base_lrs: number[];
  declare last_epoch: number;
  declare _step_count: number;
  declare _is_initial: boolean;
  declare _get_lr_called_within_step: boolean;
  declare _last_lr: number[];

  /** The closed form used by step(epoch), where the scheduler has one. */
  _get_closed_form_lr?(): number[];

  /**
   * `attributes` are the subclass's hyper-parameters, set before the initial step. With
   * `NO_INIT` as the optimizer nothing is done (SequentialLR, ChainedScheduler and
   * ReduceLROnPlateau initialise themselves without LRScheduler.__init__, as in PyTorch).
   */
  constructor(optimizer: AnyOptimizer | typeof NO_INIT, last_epoch = -1, attributes: object = {}) {
    if (optimizer === NO_INIT) return;
    check_optimizer(optimizer);
    Object.assign(this, attributes);
    this.optimizer = optimizer;
    const groups = optimizer.param_groups as Group[];
    if (last_epoch === -1) {
      for (const g of groups) if (!("initial_lr" in g)) g.initial_lr = g.lr;
    } else {
      groups.forEach((g, i) => {
        if (!("initial_lr" in g)) {
          throw new Error(
            `param 'initial_lr' is not specified in param_groups[${i}] when resuming an optimizer`,
          );
        }
      });
    }
    this.base_lrs = groups.map((g) => g.initial_lr as number);
    this.last_epoch = last_epoch;
    this._initial_step();
  }

  /** Resets the step count and takes the first step, flagged as initial (PyTorch >= 2.8). */
  _initial_step(): void {
    this._step_count = 0;
    this._is_initial = true;
    try {
      this.step();
    } finally {
      this._is_initial = false;
    }
  }

  /** Every attribute except the optimizer (copied, so later steps do not change it). */
  state_dict(): SchedulerStateDict {
    const out: SchedulerStateDict = {};
    for (const [k, v] of Object.entries(this)) {
      if (k !== "optimizer" && typeof v !== "function") out[k] = clone_plain(v);
    }
    return out;
  }

  /** Restores the attributes a state_dict() recorded (Python's `__dict__.update`). */
  load_state_dict(state_dict: SchedulerStateDict): void {
    Object.assign(this, clone_plain(state_dict));
  }

  /** The lrs the last step set, one per group. */
  get_last_lr(): number[] {
    return this._last_lr;
  }

  /** The chainable form: the next lr of each group. Subclasses implement it. */
  get_lr(): number[] {
    throw new Error(`${class_name(this)}.get_lr() is not implemented`);
  }

  /** Advances one epoch, or jumps to `epoch` with the closed form where there is one. */
  step(epoch?: number | null): void {
    this._step_count += 1;
    this._update_lr(epoch);
  }

  /** @internal step()'s work without counting the step (SequentialLR restarts its schedulers through it) */
  _update_lr(epoch?: number | null): void {
    let values: number[];
    this._get_lr_called_within_step = true;
    try {
      if (epoch === undefined || epoch === null) {
        this.last_epoch += 1;
        values = this.get_lr();
      } else {
        this.last_epoch = epoch;
        values = this._get_closed_form_lr ? this._get_closed_form_lr() : this.get_lr();
      }
    } finally {
      this._get_lr_called_within_step = false;
    }
    const groups = this.optimizer.param_groups as Group[];
    groups.forEach((g, i) => {
      if (i < values.length) g.lr = values[i];
    });
    this._last_lr = groups.map((g) => g.lr as number);
  }

  /** The groups, typed for the schedulers' reads and writes. */
  protected get groups(): Group[] {
    return this.optimizer.param_groups;
  }

  /** Each group's current lr. */
  protected get lrs(): number[] {
    return this.groups.map((g) => g.lr as number);
  }
}
