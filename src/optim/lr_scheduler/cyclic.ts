/**
 * Cyclical schedules, stepped after every batch: CyclicLR (Smith's triangular / triangular2 /
 * exp_range policies, or a custom scale_fn) and OneCycleLR (the 1cycle policy: warm up to
 * max_lr, then anneal far below the start, with cos or linear annealing, optionally in three
 * phases). Both cycle the momentum inversely to the lr: the group's `momentum`, or beta1 of
 * its `betas` for Adam-like optimizers, as PyTorch 2.x does.
 */
import {
  LRScheduler,
  check_optimizer,
  format_param,
  py_args,
  required,
  set_momentum,
  type AnyOptimizer,
  type Group,
  type PyArgs,
  type SchedulerStateDict,
} from "./lr_scheduler.js";
import { cos, pow } from "../../libm.js";
import { py_number } from "../../format.js";

/** Refuses cycle_momentum for optimizers with neither momentum nor betas (PyTorch's check). */
function uses_beta1(optimizer: AnyOptimizer): boolean {
  const defaults = optimizer.defaults as Record<string, unknown>;
  if (!("momentum" in defaults) && !("betas" in defaults)) {
    throw new Error("optimizer must support momentum or beta1 with `cycle_momentum` option enabled");
  }
  return "betas" in defaults;
}

/** CyclicLR's built-in policies: a constant amplitude, halved every cycle, or scaled by gamma ** step. */
export type CyclicMode = "triangular" | "triangular2" | "exp_range";

/**
 * Keyword arguments of {@link CyclicLR}, with PyTorch's names and defaults: base_lr and max_lr (numbers or
 * one per group), step_size_up (default 2000), step_size_down, mode or scale_fn with scale_mode, gamma, and
 * the momentum cycling (cycle_momentum, base_momentum, max_momentum).
 */
export interface CyclicLROptions {
  base_lr?: number | number[];
  max_lr?: number | number[];
  step_size_up?: number;
  step_size_down?: number | null;
  mode?: CyclicMode;
  gamma?: number;
  /** A custom policy: x (cycle or iteration count) to a scale in [0, 1]; replaces mode. */
  scale_fn?: ((x: number) => number) | null;
  scale_mode?: "cycle" | "iterations";
  cycle_momentum?: boolean;
  base_momentum?: number | number[];
  max_momentum?: number | number[];
  last_epoch?: number;
}

const CYCLIC_ARGS = [
  "base_lr",
  "max_lr",
  "step_size_up",
  "step_size_down",
  "mode",
  "gamma",
  "scale_fn",
  "scale_mode",
  "cycle_momentum",
  "base_momentum",
  "max_momentum",
  "last_epoch",
] as const;

/**
 * Cycles each lr between base_lr and max_lr (step_size_up batches up, step_size_down down),
 * the amplitude scaled by the policy per cycle or per iteration.
 */
export class CyclicLR extends LRScheduler {
  static override readonly __name__: string = "CyclicLR";
  declare max_lrs: number[];
  declare total_size: number;
  declare step_ratio: number;
  declare mode: string;
  declare gamma: number;
  /** @internal the user's scale_fn, if any */
  declare _scale_fn_custom: ((x: number) => number) | null;
  declare scale_mode: string;
  declare cycle_momentum: boolean;
  declare use_beta1: boolean;
  declare base_momentums: number[];
  declare max_momentums: number[];

  constructor(
    optimizer: AnyOptimizer,
    ...args: PyArgs<
      [
        base_lr: number | number[],
        max_lr: number | number[],
        step_size_up: number,
        step_size_down: number | null,
        mode: CyclicMode,
        gamma: number,
        scale_fn: ((x: number) => number) | null,
        scale_mode: "cycle" | "iterations",
        cycle_momentum: boolean,
        base_momentum: number | number[],
        max_momentum: number | number[],
        last_epoch: number,
      ],
      CyclicLROptions
    >
  ) {
    const o = py_args<CyclicLROptions>("CyclicLR", args, CYCLIC_ARGS);
    check_optimizer(optimizer);
    const last_epoch = o.last_epoch ?? -1;
    const base_lrs = format_param("base_lr", optimizer, required("CyclicLR", o, "base_lr"));
    const groups = optimizer.param_groups as Group[];
    if (last_epoch === -1) base_lrs.forEach((lr, i) => (groups[i].lr = lr));
    const max_lrs = format_param("max_lr", optimizer, required("CyclicLR", o, "max_lr"));
    const step_size_up = o.step_size_up ?? 2000;
    const step_size_down = o.step_size_down ?? step_size_up;
    const total_size = step_size_up + step_size_down;
    const mode = o.mode ?? "triangular";
    const scale_fn = o.scale_fn ?? null;
    if (!["triangular", "triangular2", "exp_range"].includes(mode) && scale_fn === null) {
      throw new Error("mode is invalid and scale_fn is None");
    }
    const attributes: Record<string, unknown> = {
      max_lrs,
      total_size,
      step_ratio: step_size_up / total_size,
      mode,
      gamma: o.gamma ?? 1.0,
      _scale_fn_custom: scale_fn,
      scale_mode: CyclicLR.scale_mode_of(mode, scale_fn, o.scale_mode ?? "cycle"),
      cycle_momentum: o.cycle_momentum ?? true,
    };
    if (attributes.cycle_momentum) {
      const use_beta1 = uses_beta1(optimizer);
      const base_momentums = format_param("base_momentum", optimizer, o.base_momentum ?? 0.8);
      const max_momentums = format_param("max_momentum", optimizer, o.max_momentum ?? 0.9);
      if (last_epoch === -1) {
        groups.forEach((g, i) => {
          set_momentum(g, use_beta1, max_momentums[i]);
          g.max_momentum = max_momentums[i];
          g.base_momentum = base_momentums[i];
        });
      }
      Object.assign(attributes, { use_beta1, base_momentums, max_momentums });
    }
    super(optimizer, last_epoch, attributes);
    this.base_lrs = base_lrs;
  }

  /** The built-in policies fix the scale mode (PyTorch's _init_scale_fn); a custom scale_fn keeps it. */
  private static scale_mode_of(mode: string, custom: unknown, scale_mode: string): string {
    if (custom !== null && custom !== undefined) return scale_mode;
    if (mode === "triangular" || mode === "triangular2") return "cycle";
    if (mode === "exp_range") return "iterations";
    return scale_mode;
  }

  /** The scaling policy applied to the amplitude. */
  scale_fn(x: number): number {
    if (this._scale_fn_custom) return this._scale_fn_custom(x);
    if (this.mode === "triangular") return 1.0;
    if (this.mode === "triangular2") return 1 / pow(2.0, x - 1);
    return pow(this.gamma, x);
  }

  /** The lr at batch last_epoch; cycles the momentum (or beta1) as a side effect, as PyTorch. */
  override get_lr(): number[] {
    const cycle = Math.floor(1 + this.last_epoch / this.total_size);
    const x = 1.0 + this.last_epoch / this.total_size - cycle;
    const scale_factor = x <= this.step_ratio ? x / this.step_ratio : (x - 1) / (this.step_ratio - 1);
    const at = this.scale_mode === "cycle" ? cycle : this.last_epoch;
    const lrs = this.base_lrs.map((base_lr, i) => {
      const base_height = (this.max_lrs[i] - base_lr) * scale_factor;
      return base_lr + base_height * this.scale_fn(at);
    });
    if (this.cycle_momentum) {
      const momentums = this.base_momentums.map((base_momentum, i) => {
        const base_height = (this.max_momentums[i] - base_momentum) * scale_factor;
        return this.max_momentums[i] - base_height * this.scale_fn(at);
      });
      this.groups.forEach((g, i) => set_momentum(g, this.use_beta1, momentums[i]));
    }
    return lrs;
  }

  /** As LRScheduler's, with the custom scale_fn left out (PyTorch saves None for functions). */
  override state_dict(): SchedulerStateDict {
    const state = super.state_dict();
    delete state._scale_fn_custom;
    state._scale_fn_custom = null;
    return state;
  }

  override load_state_dict(state_dict: SchedulerStateDict): void {
    const { _scale_fn_custom: _, ...rest } = state_dict;
    super.load_state_dict(rest);
    this.scale_mode = CyclicLR.scale_mode_of(this.mode, this._scale_fn_custom, this.scale_mode);
  }
}

/**
 * Keyword arguments of {@link OneCycleLR}, with PyTorch's names and defaults: max_lr, total_steps or epochs
 * with steps_per_epoch, pct_start (0.3), anneal_strategy ("cos"), div_factor (25), final_div_factor (1e4),
 * three_phase, and the momentum cycling.
 */
export interface OneCycleLROptions {
  max_lr?: number | number[];
  total_steps?: number | null;
  epochs?: number | null;
  steps_per_epoch?: number | null;
  pct_start?: number;
  anneal_strategy?: "cos" | "linear";
  cycle_momentum?: boolean;
  base_momentum?: number | number[];
  max_momentum?: number | number[];
  div_factor?: number;
  final_div_factor?: number;
  three_phase?: boolean;
  last_epoch?: number;
}

const ONE_CYCLE_ARGS = [
  "max_lr",
  "total_steps",
  "epochs",
  "steps_per_epoch",
  "pct_start",
  "anneal_strategy",
  "cycle_momentum",
  "base_momentum",
  "max_momentum",
  "div_factor",
  "final_div_factor",
  "three_phase",
  "last_epoch",
] as const;

/** One phase of the 1cycle schedule: the group keys it anneals between, up to end_step. */
export interface SchedulePhase {
  end_step: number;
  start_lr: string;
  end_lr: string;
  start_momentum: string;
  end_momentum: string;
}

/**
 * The 1cycle policy: from max_lr / div_factor up to max_lr over pct_start of total_steps,
 * then down to initial_lr / final_div_factor. Not chainable: it computes from the group's
 * initial_lr, max_lr and min_lr (which it writes into each group).
 */
export class OneCycleLR extends LRScheduler {
  static override readonly __name__: string = "OneCycleLR";
  declare total_steps: number;
  declare _schedule_phases: SchedulePhase[];
  declare _anneal_func_type: "cos" | "linear";
  declare cycle_momentum: boolean;
  declare use_beta1: boolean;

  constructor(
    optimizer: AnyOptimizer,
    ...args: PyArgs<
      [
        max_lr: number | number[],
        total_steps: number | null,
        epochs: number | null,
        steps_per_epoch: number | null,
        pct_start: number,
        anneal_strategy: "cos" | "linear",
        cycle_momentum: boolean,
        base_momentum: number | number[],
        max_momentum: number | number[],
        div_factor: number,
        final_div_factor: number,
        three_phase: boolean,
        last_epoch: number,
      ],
      OneCycleLROptions
    >
  ) {
    const o = py_args<OneCycleLROptions>("OneCycleLR", args, ONE_CYCLE_ARGS);
    check_optimizer(optimizer);
    const { total_steps: ts, epochs, steps_per_epoch } = o;
    let total_steps: number;
    if (ts !== undefined && ts !== null) {
      if (ts <= 0 || !Number.isInteger(ts)) {
        throw new Error(`Expected positive integer total_steps, but got ${py_number(ts)}`);
      }
      total_steps = ts;
    } else if (
      epochs !== undefined &&
      epochs !== null &&
      steps_per_epoch !== undefined &&
      steps_per_epoch !== null
    ) {
      if (!Number.isInteger(epochs) || epochs <= 0) {
        throw new Error(`Expected positive integer epochs, but got ${py_number(epochs)}`);
      }
      if (!Number.isInteger(steps_per_epoch) || steps_per_epoch <= 0) {
        throw new Error(`Expected positive integer steps_per_epoch, but got ${py_number(steps_per_epoch)}`);
      }
      total_steps = epochs * steps_per_epoch;
    } else {
      throw new Error("You must define either total_steps OR (epochs AND steps_per_epoch)");
    }
    const pct_start = o.pct_start ?? 0.3;
    const phase = (end_step: number, lr: [string, string], m: [string, string]): SchedulePhase => ({
      end_step,
      start_lr: lr[0],
      end_lr: lr[1],
      start_momentum: m[0],
      end_momentum: m[1],
    });
    const up = phase(
      pct_start * total_steps - 1,
      ["initial_lr", "max_lr"],
      ["max_momentum", "base_momentum"],
    );
    const _schedule_phases = o.three_phase
      ? [
          up,
          phase(2 * pct_start * total_steps - 2, ["max_lr", "initial_lr"], ["base_momentum", "max_momentum"]),
          phase(total_steps - 1, ["initial_lr", "min_lr"], ["max_momentum", "max_momentum"]),
        ]
      : [up, phase(total_steps - 1, ["max_lr", "min_lr"], ["base_momentum", "max_momentum"])];
    // PyTorch also requires a Python float here (pct_start=1 is refused); JS numbers cannot tell
    if (typeof pct_start !== "number" || pct_start < 0 || pct_start > 1) {
      throw new Error(`Expected float between 0 and 1 pct_start, but got ${py_number(pct_start)}`);
    }
    const anneal_strategy = o.anneal_strategy ?? "cos";
    if (anneal_strategy !== "cos" && anneal_strategy !== "linear") {
      throw new Error(
        `anneal_strategy must be one of 'cos' or 'linear', instead got ${String(anneal_strategy)}`,
      );
    }
    const last_epoch = o.last_epoch ?? -1;
    const div_factor = o.div_factor ?? 25.0;
    const final_div_factor = o.final_div_factor ?? 1e4;
    const max_lrs = format_param("max_lr", optimizer, required("OneCycleLR", o, "max_lr"));
    const groups = optimizer.param_groups as Group[];
    if (last_epoch === -1) {
      groups.forEach((g, i) => {
        g.initial_lr = max_lrs[i] / div_factor;
        g.max_lr = max_lrs[i];
        g.min_lr = (g.initial_lr as number) / final_div_factor;
      });
    }
    const cycle_momentum = o.cycle_momentum ?? true;
    const attributes: Record<string, unknown> = {
      total_steps,
      _schedule_phases,
      _anneal_func_type: anneal_strategy,
      cycle_momentum,
    };
    if (cycle_momentum) {
      const use_beta1 = uses_beta1(optimizer);
      const max_momentums = format_param("max_momentum", optimizer, o.max_momentum ?? 0.95);
      const base_momentums = format_param("base_momentum", optimizer, o.base_momentum ?? 0.85);
      if (last_epoch === -1) {
        groups.forEach((g, i) => {
          set_momentum(g, use_beta1, max_momentums[i]);
          g.max_momentum = max_momentums[i];
          g.base_momentum = base_momentums[i];
        });
      }
      attributes.use_beta1 = use_beta1;
    }
    super(optimizer, last_epoch, attributes);
  }

  private _anneal_func(start: number, end: number, pct: number): number {
    if (this._anneal_func_type === "cos") {
      const cos_out = cos(Math.PI * pct) + 1;
      return end + ((start - end) / 2.0) * cos_out;
    }
    return (end - start) * pct + start;
  }

  override get_lr(): number[] {
    const step_num = this.last_epoch;
    if (step_num > this.total_steps) {
      throw new Error(
        `Tried to step ${py_number(step_num)} times. The specified number of total steps is ${py_number(this.total_steps)}`,
      );
    }
    const phases = this._schedule_phases;
    return this.groups.map((g) => {
      let start_step = 0.0;
      for (let i = 0; i < phases.length; i++) {
        const { end_step } = phases[i];
        if (step_num <= end_step || i === phases.length - 1) {
          if (end_step - start_step === 0) throw new Error("float division by zero");
          const pct = (step_num - start_step) / (end_step - start_step);
          const p = phases[i];
          const lr = this._anneal_func(g[p.start_lr] as number, g[p.end_lr] as number, pct);
          if (this.cycle_momentum) {
            const m = this._anneal_func(g[p.start_momentum] as number, g[p.end_momentum] as number, pct);
            set_momentum(g, this.use_beta1, m);
          }
          return lr;
        }
        start_step = end_step;
      }
      throw new Error("OneCycleLR: no schedule phase");
    });
  }
}
