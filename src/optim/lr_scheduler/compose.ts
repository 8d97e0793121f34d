/**
 * Schedules from functions and from other schedulers: LambdaLR and MultiplicativeLR (a factor
 * function of the epoch per group), SequentialLR (one scheduler after another at milestones)
 * and ChainedScheduler (several schedulers stepped together, their factors compounding).
 */
import {
  LRScheduler,
  NO_INIT,
  py_args,
  required,
  type AnyOptimizer,
  type Group,
  type PyArgs,
  type SchedulerStateDict,
} from "./lr_scheduler.js";
import { ReduceLROnPlateau } from "./plateau.js";
import { class_name } from "../../names.js";
import { py_type } from "../../format.js";

/** A function of the epoch giving a factor of the lr. */
export type LRLambda = (epoch: number) => number;

/** One function per group: a list of that length, or one function for all groups. */
function lambdas_of(optimizer: AnyOptimizer, lr_lambda: LRLambda | readonly LRLambda[]): LRLambda[] {
  const n = optimizer.param_groups.length;
  if (!Array.isArray(lr_lambda)) return new Array<LRLambda>(n).fill(lr_lambda as LRLambda);
  if (lr_lambda.length !== n) throw new Error(`Expected ${n} lr_lambdas, but got ${lr_lambda.length}`);
  return [...(lr_lambda as LRLambda[])];
}

/** As PyTorch: the functions are not state (saved as null), the rest is. */
function lambda_state(
  s: LRScheduler & { lr_lambdas: LRLambda[] },
  base: SchedulerStateDict,
): SchedulerStateDict {
  const { lr_lambdas: _, ...rest } = base;
  return { ...rest, lr_lambdas: s.lr_lambdas.map(() => null) };
}

/** Keyword arguments of {@link LambdaLR}: lr_lambda (one function, or one per param group), last_epoch. */
export interface LambdaLROptions {
  lr_lambda?: LRLambda | LRLambda[];
  last_epoch?: number;
}

/** lr = initial lr * lr_lambda(epoch). */
export class LambdaLR extends LRScheduler {
  static override readonly __name__: string = "LambdaLR";
  declare lr_lambdas: LRLambda[];

  constructor(
    optimizer: AnyOptimizer,
    ...args: PyArgs<[lr_lambda: LRLambda | LRLambda[], last_epoch: number], LambdaLROptions>
  ) {
    const o = py_args<LambdaLROptions>("LambdaLR", args, ["lr_lambda", "last_epoch"]);
    const lr_lambdas = lambdas_of(optimizer, required("LambdaLR", o, "lr_lambda"));
    super(optimizer, o.last_epoch ?? -1, { lr_lambdas });
  }

  override get_lr(): number[] {
    return this.base_lrs.map((b, i) => b * this.lr_lambdas[i](this.last_epoch));
  }

  override state_dict(): SchedulerStateDict {
    return lambda_state(this, super.state_dict());
  }

  override load_state_dict(state_dict: SchedulerStateDict): void {
    const { lr_lambdas: _, ...rest } = state_dict;
    super.load_state_dict(rest);
  }
}

/**
 * Keyword arguments of {@link MultiplicativeLR}: lr_lambda (one function, or one per param group),
 * last_epoch.
 */
export interface MultiplicativeLROptions {
  lr_lambda?: LRLambda | LRLambda[];
  last_epoch?: number;
}

/** lr = previous lr * lr_lambda(epoch), from the first step on. */
export class MultiplicativeLR extends LRScheduler {
  static override readonly __name__: string = "MultiplicativeLR";
  declare lr_lambdas: LRLambda[];

  constructor(
    optimizer: AnyOptimizer,
    ...args: PyArgs<[lr_lambda: LRLambda | LRLambda[], last_epoch: number], MultiplicativeLROptions>
  ) {
    const o = py_args<MultiplicativeLROptions>("MultiplicativeLR", args, ["lr_lambda", "last_epoch"]);
    const lr_lambdas = lambdas_of(optimizer, required("MultiplicativeLR", o, "lr_lambda"));
    for (const fn of lr_lambdas) {
      if (typeof fn !== "function") {
        throw new TypeError(`lr_lambda should be a function, but got ${py_type(fn)}`);
      }
    }
    super(optimizer, o.last_epoch ?? -1, { lr_lambdas });
  }

  override get_lr(): number[] {
    if (this._is_initial) return this.lrs;
    return this.lrs.map((lr, i) => lr * this.lr_lambdas[i](this.last_epoch));
  }

  override state_dict(): SchedulerStateDict {
    return lambda_state(this, super.state_dict());
  }

  override load_state_dict(state_dict: SchedulerStateDict): void {
    const { lr_lambdas: _, ...rest } = state_dict;
    super.load_state_dict(rest);
  }
}

/** The lrs of a scheduler's optimizer's groups. */
function lrs_of(s: LRScheduler): number[] {
  return (s.optimizer.param_groups as Group[]).map((g) => g.lr as number);
}

/** PyTorch's checks on the schedulers SequentialLR and ChainedScheduler combine. */
function check_schedulers(name: string, optimizer: AnyOptimizer, schedulers: readonly LRScheduler[]): void {
  schedulers.forEach((s, idx) => {
    if (typeof s !== "object" || s === null || !("optimizer" in s)) {
      throw new TypeError(`${name} at index ${idx} should have \`optimizer\` as its attribute.`);
    }
    if (s instanceof ReduceLROnPlateau) {
      throw new Error(
        `${name} does not support \`ReduceLROnPlateau\` scheduler as it ` +
          "requires additional kwargs to be specified when calling `step`, " +
          `but got one at index ${idx} in the given schedulers sequence.`,
      );
    }
    if (optimizer !== s.optimizer) {
      throw new Error(
        `${name} expects all schedulers to belong to the same optimizer, but ` +
          `got scheduler ${class_name(s)} at index ${idx} has ${String(s.optimizer)}, ` +
          `which is different from ${class_name(optimizer)}.`,
      );
    }
  });
}

/** The state of a scheduler of schedulers: its own attributes plus each child's state_dict. */
function nested_state(
  s: { _schedulers: readonly LRScheduler[] },
  base: SchedulerStateDict,
): SchedulerStateDict {
  const { _schedulers: _, ...rest } = base;
  return { ...rest, _schedulers: s._schedulers.map((c) => c.state_dict()) };
}

function load_nested(
  s: { _schedulers: readonly LRScheduler[] },
  state_dict: SchedulerStateDict,
  load_own: (rest: SchedulerStateDict) => void,
): void {
  const { _schedulers: children, ...rest } = state_dict;
  load_own(rest);
  (children as SchedulerStateDict[]).forEach((c, i) => s._schedulers[i].load_state_dict(c));
}

/**
 * Keyword arguments of {@link SequentialLR}: schedulers, milestones (one fewer than schedulers: the epochs
 * where the next one takes over), last_epoch.
 */
export interface SequentialLROptions {
  schedulers?: LRScheduler[];
  milestones?: number[];
  last_epoch?: number;
}

/**
 * Runs schedulers[0] until milestones[0], then schedulers[1] (restarted at its epoch 0 with its
 * closed form), and so on. The schedulers' own construction steps are undone: the lrs go back
 * to initial_lr and only the first scheduler takes its initial step.
 */
export class SequentialLR extends LRScheduler {
  static override readonly __name__: string = "SequentialLR";
  declare _schedulers: LRScheduler[];
  declare _milestones: number[];

  constructor(
    optimizer: AnyOptimizer,
    ...args: PyArgs<
      [schedulers: LRScheduler[], milestones: number[], last_epoch: number],
      SequentialLROptions
    >
  ) {
    super(NO_INIT);
    const o = py_args<SequentialLROptions>("SequentialLR", args, ["schedulers", "milestones", "last_epoch"]);
    const schedulers = required("SequentialLR", o, "schedulers");
    const milestones = required("SequentialLR", o, "milestones");
    if (schedulers.length < 1) {
      throw new Error("SequentialLR expects at least one scheduler, but got no scheduler.");
    }
    check_schedulers("SequentialLR", optimizer, schedulers);
    if (milestones.length !== schedulers.length - 1) {
      throw new Error(
        "Sequential Schedulers expects number of schedulers provided to be one more " +
          `than the number of milestone points, but got number of schedulers ${schedulers.length} and the ` +
          `number of milestones to be equal to ${milestones.length}`,
      );
    }
    this._schedulers = [...schedulers];
    this._milestones = [...milestones];
    this.last_epoch = (o.last_epoch ?? -1) + 1;
    this.optimizer = optimizer;
    for (const g of this.groups) g.lr = g.initial_lr;
    this.recursive_undo();
    this._schedulers[0]._initial_step();
    this._last_lr = this._schedulers[0].get_last_lr();
  }

  /** Takes back the epoch every (nested) scheduler counted at its construction. */
  recursive_undo(sched?: LRScheduler): void {
    const s = sched ?? this;
    if ("_schedulers" in s) {
      for (const c of (s as { _schedulers: LRScheduler[] })._schedulers) this.recursive_undo(c);
    } else if ("last_epoch" in s) {
      s.last_epoch -= 1;
    }
  }

  override step(): void {
    this.last_epoch += 1;
    // bisect_right: how many milestones are <= last_epoch
    const idx = this._milestones.filter((m) => m <= this.last_epoch).length;
    const scheduler = this._schedulers[idx];
    if (idx > 0 && this._milestones[idx - 1] === this.last_epoch) scheduler._update_lr(0);
    else scheduler.step();
    this._last_lr = scheduler.get_last_lr();
  }

  override state_dict(): SchedulerStateDict {
    return nested_state(this, super.state_dict());
  }

  override load_state_dict(state_dict: SchedulerStateDict): void {
    load_nested(this, state_dict, (rest) => super.load_state_dict(rest));
  }
}

/** Steps every scheduler at each step(), so their (chainable) factors compound. */
export class ChainedScheduler extends LRScheduler {
  static override readonly __name__: string = "ChainedScheduler";
  declare _schedulers: LRScheduler[];

  constructor(
    schedulers: LRScheduler[],
    optimizer?: AnyOptimizer | { optimizer?: AnyOptimizer | null } | null,
  ) {
    super(NO_INIT);
    if (schedulers.length < 1) {
      throw new Error("ChainedScheduler expects at least one scheduler to be chained, but got no scheduler.");
    }
    const given = optimizer && !("param_groups" in optimizer) ? optimizer.optimizer : optimizer;
    const opt = given ?? schedulers[0].optimizer;
    check_schedulers("ChainedScheduler", opt, schedulers);
    this._schedulers = [...schedulers];
    this.optimizer = opt;
    this._last_lr = lrs_of(this._schedulers[this._schedulers.length - 1]);
  }

  override step(): void {
    for (const s of this._schedulers) s.step();
    this._last_lr = lrs_of(this._schedulers[this._schedulers.length - 1]);
  }

  override state_dict(): SchedulerStateDict {
    return nested_state(this, super.state_dict());
  }

  override load_state_dict(state_dict: SchedulerStateDict): void {
    load_nested(this, state_dict, (rest) => super.load_state_dict(rest));
  }
}
