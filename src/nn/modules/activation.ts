/**
 * The activation modules of torch/nn/modules/activation.py, piecewise family: ReLU, ReLU6,
 * Hardtanh, LeakyReLU, PReLU, RReLU, ELU, SELU, CELU, Threshold, Hardshrink, Softshrink (the
 * smooth ones and the softmax family are in activation_smooth.ts). Each keeps PyTorch's
 * constructor arguments (positional in PyTorch's order, then one options object) as same-named
 * fields, its forward is one call to the F.* of the same name, and extra_repr prints what
 * PyTorch prints: `LeakyReLU(negative_slope=0.01)`, `Threshold(threshold=0.1, value=20)`.
 */
import type { DType } from "../../dtype.js";
import { kwargs } from "../../tensor/args.js";
import type { Tensor } from "../../tensor/tensor.js";
import { empty } from "../../tensor/factory.js";
import { no_grad } from "../../autograd/grad_mode.js";
import * as F from "../functional/activation.js";
import { Module } from "../module.js";
import { Parameter } from "../parameter.js";
import {
  Activation,
  InplaceActivation,
  Num,
  inplace_of,
  inplace_repr,
  type InplaceArgs,
} from "./activation_base.js";
import { class_name } from "../../names.js";

/** nn.ReLU(inplace=False): max(0, x). */
export class ReLU extends InplaceActivation {
  static override readonly __name__: string = "ReLU";
  override forward(input: Tensor): Tensor {
    return F.relu(input, this.inplace);
  }
}

/** nn.SELU(inplace=False) */
export class SELU extends InplaceActivation {
  static override readonly __name__: string = "SELU";
  override forward(input: Tensor): Tensor {
    return F.selu(input, this.inplace);
  }
}

type HardtanhArgs = (
  number | boolean | undefined | { min_val?: number; max_val?: number; inplace?: boolean }
)[];

/** nn.Hardtanh(min_val=-1.0, max_val=1.0, inplace=False): x clamped to [min_val, max_val]. */
export class Hardtanh extends Activation {
  static override readonly __name__: string = "Hardtanh";
  declare min_val: number;
  declare max_val: number;
  declare inplace: boolean;
  constructor(...args: HardtanhArgs) {
    super();
    const o = kwargs<{ min_val: number; max_val: number; inplace: boolean }>(class_name(this), args, [
      "min_val",
      "max_val",
      "inplace",
    ]);
    this.min_val = this._num("min_val", Num.of(o.min_val, -1.0));
    this.max_val = this._num("max_val", Num.of(o.max_val, 1.0));
    this.inplace = o.inplace ?? false;
    // PyTorch: assert self.max_val > self.min_val
    if (!(this.max_val > this.min_val))
      throw new Error("AssertionError: max_val must be greater than min_val");
  }
  override forward(input: Tensor): Tensor {
    return F.hardtanh(input, this.min_val, this.max_val, this.inplace);
  }
  override extra_repr(): string {
    const lo = this._repr("min_val", this.min_val);
    const hi = this._repr("max_val", this.max_val);
    return `min_val=${lo}, max_val=${hi}${inplace_repr(this.inplace)}`;
  }
}

/** nn.ReLU6(inplace=False) = Hardtanh(0.0, 6.0): min(max(0, x), 6). */
export class ReLU6 extends Hardtanh {
  static override readonly __name__: string = "ReLU6";
  constructor(...args: InplaceArgs) {
    super(0.0, 6.0, inplace_of("ReLU6", args));
  }
  override extra_repr(): string {
    return inplace_repr(this.inplace, "");
  }
}

/** nn.LeakyReLU(negative_slope=0.01, inplace=False) */
export class LeakyReLU extends Activation {
  static override readonly __name__: string = "LeakyReLU";
  declare negative_slope: number;
  declare inplace: boolean;
  constructor(...args: (number | boolean | undefined | { negative_slope?: number; inplace?: boolean })[]) {
    super();
    const o = kwargs<{ negative_slope: number; inplace: boolean }>("LeakyReLU", args, [
      "negative_slope",
      "inplace",
    ]);
    this.negative_slope = this._num("negative_slope", Num.of(o.negative_slope, 0.01));
    this.inplace = o.inplace ?? false;
  }
  override forward(input: Tensor): Tensor {
    return F.leaky_relu(input, this.negative_slope, this.inplace);
  }
  override extra_repr(): string {
    return `negative_slope=${this._repr("negative_slope", this.negative_slope)}${inplace_repr(this.inplace)}`;
  }
}

/** nn.RReLU(lower=1/8, upper=1/3, inplace=False): random slopes while training, their mean in eval. */
export class RReLU extends Activation {
  static override readonly __name__: string = "RReLU";
  declare lower: number;
  declare upper: number;
  declare inplace: boolean;
  constructor(
    ...args: (number | boolean | undefined | { lower?: number; upper?: number; inplace?: boolean })[]
  ) {
    super();
    const o = kwargs<{ lower: number; upper: number; inplace: boolean }>("RReLU", args, [
      "lower",
      "upper",
      "inplace",
    ]);
    this.lower = this._num("lower", Num.of(o.lower, 1 / 8));
    this.upper = this._num("upper", Num.of(o.upper, 1 / 3));
    this.inplace = o.inplace ?? false;
  }
  override forward(input: Tensor): Tensor {
    return F.rrelu(input, this.lower, this.upper, this.training, this.inplace);
  }
  override extra_repr(): string {
    const lo = this._repr("lower", this.lower);
    return `lower=${lo}, upper=${this._repr("upper", this.upper)}${inplace_repr(this.inplace)}`;
  }
}

type AlphaArgs = (number | boolean | undefined | { alpha?: number; inplace?: boolean })[];

/** nn.ELU(alpha=1.0, inplace=False) */
export class ELU extends Activation {
  static override readonly __name__: string = "ELU";
  declare alpha: number;
  declare inplace: boolean;
  constructor(...args: AlphaArgs) {
    super();
    const o = kwargs<{ alpha: number; inplace: boolean }>(class_name(this), args, ["alpha", "inplace"]);
    this.alpha = this._num("alpha", Num.of(o.alpha, 1.0));
    this.inplace = o.inplace ?? false;
  }
  override forward(input: Tensor): Tensor {
    return F.elu(input, this.alpha, this.inplace);
  }
  override extra_repr(): string {
    return `alpha=${this._repr("alpha", this.alpha)}${inplace_repr(this.inplace)}`;
  }
}

/** nn.CELU(alpha=1.0, inplace=False) */
export class CELU extends ELU {
  static override readonly __name__: string = "CELU";
  override forward(input: Tensor): Tensor {
    return F.celu(input, this.alpha, this.inplace);
  }
}

/** nn.Threshold(threshold, value, inplace=False): value where x <= threshold. */
export class Threshold extends Activation {
  static override readonly __name__: string = "Threshold";
  declare threshold: number;
  declare value: number;
  declare inplace: boolean;
  constructor(
    ...args: (number | boolean | undefined | { threshold?: number; value?: number; inplace?: boolean })[]
  ) {
    super();
    const o = kwargs<{ threshold: number; value: number; inplace: boolean }>("Threshold", args, [
      "threshold",
      "value",
      "inplace",
    ]);
    if (o.threshold === undefined || o.value === undefined) {
      throw new TypeError("__init__() missing 2 required positional arguments: 'threshold' and 'value'");
    }
    this.threshold = this._num("threshold", Num.of(o.threshold, 0));
    this.value = this._num("value", Num.of(o.value, 0));
    this.inplace = o.inplace ?? false;
  }
  override forward(input: Tensor): Tensor {
    return F.threshold(input, this.threshold, this.value, this.inplace);
  }
  override extra_repr(): string {
    const t = this._repr("threshold", this.threshold);
    return `threshold=${t}, value=${this._repr("value", this.value)}${inplace_repr(this.inplace)}`;
  }
}

type LambdArgs = [lambd?: number] | [options: { lambd?: number }];

/** nn.Hardshrink(lambd=0.5); prints as `Hardshrink(0.5)`. */
export class Hardshrink extends Activation {
  static override readonly __name__: string = "Hardshrink";
  declare lambd: number;
  constructor(...args: LambdArgs) {
    super();
    this.lambd = this._num(
      "lambd",
      Num.of(kwargs<{ lambd: number }>("Hardshrink", args, ["lambd"]).lambd, 0.5),
    );
  }
  override forward(input: Tensor): Tensor {
    return F.hardshrink(input, this.lambd);
  }
  override extra_repr(): string {
    return this._repr("lambd", this.lambd);
  }
}

/** nn.Softshrink(lambd=0.5); prints as `Softshrink(0.5)`. */
export class Softshrink extends Activation {
  static override readonly __name__: string = "Softshrink";
  declare lambd: number;
  constructor(...args: LambdArgs) {
    super();
    this.lambd = this._num(
      "lambd",
      Num.of(kwargs<{ lambd: number }>("Softshrink", args, ["lambd"]).lambd, 0.5),
    );
  }
  override forward(input: Tensor): Tensor {
    return F.softshrink(input, this.lambd);
  }
  override extra_repr(): string {
    return this._repr("lambd", this.lambd);
  }
}

type PReLUOptions = { num_parameters?: number; init?: number; device?: string; dtype?: DType };

/**
 * nn.PReLU(num_parameters=1, init=0.25): a learned negative slope, one per channel or one for
 * all; `weight` is a Parameter of shape [num_parameters] filled with `init`.
 */
export class PReLU extends Module {
  static override readonly __name__: string = "PReLU";
  declare num_parameters: number;
  declare init: number;
  declare weight: Parameter;
  constructor(...args: (number | undefined | PReLUOptions)[]) {
    super();
    const o = kwargs<Required<PReLUOptions>>("PReLU", args, ["num_parameters", "init", "device", "dtype"]);
    this.num_parameters = o.num_parameters ?? 1;
    this.init = o.init ?? 0.25;
    const w = o.dtype ? empty(this.num_parameters, { dtype: o.dtype }) : empty(this.num_parameters);
    this.weight = new Parameter(w);
    this.reset_parameters();
  }
  /** torch.nn.init.constant_(weight, init) */
  reset_parameters(): void {
    no_grad(() => this.weight.fill_(this.init));
  }
  override forward(input: Tensor): Tensor {
    return F.prelu(input, this.weight);
  }
  override extra_repr(): string {
    return `num_parameters=${this.num_parameters}`;
  }
}
