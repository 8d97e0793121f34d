/**
 * The loss modules of torch/nn/modules/loss.py: each keeps its options (reduction, margins,
 * class weights as buffers) and its forward is one call to the F.* of the same name, so
 * `criterion(output, target)` records PyTorch's graph (e.g. MseLossBackward0). Constructor
 * arguments keep PyTorch's positional order, with keywords in one trailing options object:
 * `new nn.CrossEntropyLoss(weight, { label_smoothing: 0.1 })`, `new nn.MSELoss({ reduction: "sum" })`.
 */
import { Tensor } from "../../tensor/tensor.js";
import { kwargs } from "../../tensor/args.js";
import * as F from "../functional/loss.js";
import { reduction_arg, type Reduction, type ReductionOptions } from "../functional/loss_utils.js";
import { Module } from "../module.js";

const REDUCTION_NAMES = ["size_average", "reduce", "reduction"] as const;

type Opts<O> = O & Record<string, unknown>;

/** _Loss: the reduction (from `reduction`, or the legacy size_average/reduce pair). */
export class _Loss extends Module {
  declare reduction: Reduction;
  constructor(options: ReductionOptions = {}) {
    super();
    // PyTorch checks the value when the loss is computed, not here
    this.reduction = reduction_arg(options);
  }
}

/** _WeightedLoss: a loss with a per-class `weight`, registered as a buffer (None allowed). */
export class _WeightedLoss extends _Loss {
  declare weight: Tensor | null;
  constructor(weight: Tensor | null | undefined, options: ReductionOptions = {}) {
    super(options);
    this.register_buffer("weight", weight ?? null);
  }
}

export type LossArgs = [] | [ReductionOptions];

function reduction_options(name: string, args: readonly unknown[]): ReductionOptions {
  return kwargs<Opts<ReductionOptions>>(name, args, [...REDUCTION_NAMES]);
}

/** nn.MSELoss: mean squared error between each element of input and target. */
export class MSELoss extends _Loss {
  static override readonly __name__: string = "MSELoss";
  constructor(...args: LossArgs) {
    super(reduction_options("MSELoss", args));
  }
  override forward(input: Tensor, target: Tensor): Tensor {
    const r = this.reduction;
    // a reduction the constructor checked, and tensors: no options object to parse
    if (
      input instanceof Tensor &&
      target instanceof Tensor &&
      (r === "mean" || r === "sum" || r === "none")
    ) {
      return F.mse_loss_reduced(input, target, r);
    }
    return F.mse_loss(input, target, { reduction: r });
  }
}

/** nn.L1Loss: mean absolute error. */
export class L1Loss extends _Loss {
  static override readonly __name__: string = "L1Loss";
  constructor(...args: LossArgs) {
    super(reduction_options("L1Loss", args));
  }
  override forward(input: Tensor, target: Tensor): Tensor {
    return F.l1_loss(input, target, { reduction: this.reduction });
  }
}

/** nn.SmoothL1Loss(reduction='mean', beta=1.0): squared below beta, absolute above. */
export class SmoothL1Loss extends _Loss {
  static override readonly __name__: string = "SmoothL1Loss";
  declare beta: number;
  constructor(...args: [] | [F.SmoothL1Options]) {
    const o = kwargs<Opts<F.SmoothL1Options>>("SmoothL1Loss", args, [...REDUCTION_NAMES, "beta"]);
    super(o);
    this.beta = o.beta ?? 1;
  }
  override forward(input: Tensor, target: Tensor): Tensor {
    return F.smooth_l1_loss(input, target, { reduction: this.reduction, beta: this.beta });
  }
}

/** nn.HuberLoss(reduction='mean', delta=1.0): squared below delta, delta-scaled absolute above. */
export class HuberLoss extends _Loss {
  static override readonly __name__: string = "HuberLoss";
  declare delta: number;
  constructor(...args: [] | [Reduction] | [F.HuberOptions] | [Reduction, F.HuberOptions]) {
    const o = kwargs<Opts<F.HuberOptions>>("HuberLoss", args, ["reduction", "delta"]);
    super(o);
    this.delta = o.delta ?? 1;
  }
  override forward(input: Tensor, target: Tensor): Tensor {
    return F.huber_loss(input, target, { reduction: this.reduction, delta: this.delta });
  }
}

export type WeightedLossArgs<O> = [] | [Tensor | null] | [O] | [Tensor | null, O];

/** nn.NLLLoss(weight=None, ignore_index=-100, reduction='mean'): input holds log-probabilities. */
export class NLLLoss extends _WeightedLoss {
  static override readonly __name__: string = "NLLLoss";
  declare ignore_index: number;
  constructor(...args: WeightedLossArgs<Omit<F.NllOptions, "weight">>) {
    const o = kwargs<Opts<F.NllOptions>>("NLLLoss", args, [
      "weight",
      "size_average",
      "ignore_index",
      "reduce",
      "reduction",
    ]);
    super(o.weight, o);
    this.ignore_index = o.ignore_index ?? -100;
  }
  override forward(input: Tensor, target: Tensor): Tensor {
    return F.nll_loss(input, target, {
      weight: this.weight,
      ignore_index: this.ignore_index,
      reduction: this.reduction,
    });
  }
}

/**
 * nn.CrossEntropyLoss(weight=None, ignore_index=-100, reduction='mean', label_smoothing=0.0):
 * log_softmax over the class dim, then NLL; targets are class indices or probabilities.
 */
export class CrossEntropyLoss extends _WeightedLoss {
  static override readonly __name__: string = "CrossEntropyLoss";
  declare ignore_index: number;
  declare label_smoothing: number;
  constructor(...args: WeightedLossArgs<Omit<F.CrossEntropyOptions, "weight">>) {
    const o = kwargs<Opts<F.CrossEntropyOptions>>("CrossEntropyLoss", args, [
      "weight",
      "size_average",
      "ignore_index",
      "reduce",
      "reduction",
      "label_smoothing",
    ]);
    super(o.weight, o);
    this.ignore_index = o.ignore_index ?? -100;
    this.label_smoothing = o.label_smoothing ?? 0;
  }
  override forward(input: Tensor, target: Tensor): Tensor {
    return F.cross_entropy(input, target, {
      weight: this.weight,
      ignore_index: this.ignore_index,
      reduction: this.reduction,
      label_smoothing: this.label_smoothing,
    });
  }
}

/** nn.BCELoss(weight=None, reduction='mean'): binary cross entropy on probabilities. */
export class BCELoss extends _WeightedLoss {
  static override readonly __name__: string = "BCELoss";
  constructor(...args: WeightedLossArgs<ReductionOptions>) {
    const o = kwargs<Opts<F.BCEOptions>>("BCELoss", args, ["weight", ...REDUCTION_NAMES]);
    super(o.weight, o);
  }
  override forward(input: Tensor, target: Tensor): Tensor {
    return F.binary_cross_entropy(input, target, { weight: this.weight, reduction: this.reduction });
  }
}

/** nn.BCEWithLogitsLoss(weight=None, reduction='mean', pos_weight=None): sigmoid + BCE, stably. */
export class BCEWithLogitsLoss extends _Loss {
  static override readonly __name__: string = "BCEWithLogitsLoss";
  declare weight: Tensor | null;
  declare pos_weight: Tensor | null;
  constructor(...args: WeightedLossArgs<Omit<F.BCEWithLogitsOptions, "weight">>) {
    const o = kwargs<Opts<F.BCEWithLogitsOptions>>("BCEWithLogitsLoss", args, [
      "weight",
      ...REDUCTION_NAMES,
      "pos_weight",
    ]);
    super(o);
    this.register_buffer("weight", o.weight ?? null);
    this.register_buffer("pos_weight", o.pos_weight ?? null);
  }
  override forward(input: Tensor, target: Tensor): Tensor {
    return F.binary_cross_entropy_with_logits(input, target, {
      weight: this.weight,
      pos_weight: this.pos_weight,
      reduction: this.reduction,
    });
  }
}

/** nn.KLDivLoss(reduction='mean', log_target=False); reduction may be 'batchmean'. */
export class KLDivLoss extends Module {
  static override readonly __name__: string = "KLDivLoss";
  declare reduction: Reduction | "batchmean";
  declare log_target: boolean;
  constructor(...args: [] | [F.KLDivOptions]) {
    super();
    const o = kwargs<Opts<F.KLDivOptions>>("KLDivLoss", args, [...REDUCTION_NAMES, "log_target"]);
    this.reduction = o.reduction === "batchmean" ? "batchmean" : reduction_arg(o as ReductionOptions);
    this.log_target = o.log_target ?? false;
  }
  override forward(input: Tensor, target: Tensor): Tensor {
    return F.kl_div(input, target, { reduction: this.reduction, log_target: this.log_target });
  }
}

type MarginArgs = [] | [number] | [F.MarginOptions] | [number, F.MarginOptions];

/** nn.CosineEmbeddingLoss(margin=0, reduction='mean'): targets 1 (similar) or -1 (dissimilar). */
export class CosineEmbeddingLoss extends _Loss {
  static override readonly __name__: string = "CosineEmbeddingLoss";
  declare margin: number;
  constructor(...args: MarginArgs) {
    const o = kwargs<Opts<F.MarginOptions>>("CosineEmbeddingLoss", args, ["margin", ...REDUCTION_NAMES]);
    super(o);
    this.margin = o.margin ?? 0;
  }
  override forward(input1: Tensor, input2: Tensor, target: Tensor): Tensor {
    return F.cosine_embedding_loss(input1, input2, target, {
      margin: this.margin,
      reduction: this.reduction,
    });
  }
}

/** nn.MarginRankingLoss(margin=0, reduction='mean'): target 1 ranks input1 first, -1 input2. */
export class MarginRankingLoss extends _Loss {
  static override readonly __name__: string = "MarginRankingLoss";
  declare margin: number;
  constructor(...args: MarginArgs) {
    const o = kwargs<Opts<F.MarginOptions>>("MarginRankingLoss", args, ["margin", ...REDUCTION_NAMES]);
    super(o);
    this.margin = o.margin ?? 0;
  }
  override forward(input1: Tensor, input2: Tensor, target: Tensor): Tensor {
    return F.margin_ranking_loss(input1, input2, target, { margin: this.margin, reduction: this.reduction });
  }
}

/** nn.TripletMarginLoss(margin=1.0, p=2.0, eps=1e-6, swap=False, reduction='mean'). */
export class TripletMarginLoss extends _Loss {
  static override readonly __name__: string = "TripletMarginLoss";
  declare margin: number;
  declare p: number;
  declare eps: number;
  declare swap: boolean;
  constructor(...args: [] | [number] | [F.TripletMarginOptions] | [number, F.TripletMarginOptions]) {
    const o = kwargs<Opts<F.TripletMarginOptions>>("TripletMarginLoss", args, [
      "margin",
      "p",
      "eps",
      "swap",
      ...REDUCTION_NAMES,
    ]);
    super(o);
    this.margin = o.margin ?? 1;
    this.p = o.p ?? 2;
    this.eps = o.eps ?? 1e-6;
    this.swap = o.swap ?? false;
  }
  override forward(anchor: Tensor, positive: Tensor, negative: Tensor): Tensor {
    return F.triplet_margin_loss(anchor, positive, negative, {
      margin: this.margin,
      p: this.p,
      eps: this.eps,
      swap: this.swap,
      reduction: this.reduction,
    });
  }
}

/** nn.GaussianNLLLoss(*, full=False, eps=1e-6, reduction='mean'): forward(input, target, var). */
export class GaussianNLLLoss extends _Loss {
  static override readonly __name__: string = "GaussianNLLLoss";
  declare full: boolean;
  declare eps: number;
  constructor(options: F.GaussianNLLOptions = {}) {
    const o = kwargs<Opts<F.GaussianNLLOptions>>("GaussianNLLLoss", [options], ["full", "eps", "reduction"]);
    super(o);
    this.full = o.full ?? false;
    this.eps = o.eps ?? 1e-6;
  }
  override forward(input: Tensor, target: Tensor, variance: Tensor): Tensor {
    return F.gaussian_nll_loss(input, target, variance, {
      full: this.full,
      eps: this.eps,
      reduction: this.reduction,
    });
  }
}

/** nn.PoissonNLLLoss(log_input=True, full=False, eps=1e-8, reduction='mean'). */
export class PoissonNLLLoss extends _Loss {
  static override readonly __name__: string = "PoissonNLLLoss";
  declare log_input: boolean;
  declare full: boolean;
  declare eps: number;
  constructor(
    ...args:
      | []
      | [boolean]
      | [boolean, boolean]
      | [F.PoissonNLLOptions]
      | [boolean, F.PoissonNLLOptions]
      | [boolean, boolean, F.PoissonNLLOptions]
  ) {
    const o = kwargs<Opts<F.PoissonNLLOptions>>("PoissonNLLLoss", args, [
      "log_input",
      "full",
      "size_average",
      "eps",
      "reduce",
      "reduction",
    ]);
    super(o);
    this.log_input = o.log_input ?? true;
    this.full = o.full ?? false;
    this.eps = o.eps ?? 1e-8;
  }
  override forward(log_input: Tensor, target: Tensor): Tensor {
    return F.poisson_nll_loss(log_input, target, {
      log_input: this.log_input,
      full: this.full,
      eps: this.eps,
      reduction: this.reduction,
    });
  }
}
