/**
 * The modules of torch/nn/modules/linear.py: Identity, Linear and Bilinear. Parameters are created
 * empty and filled by reset_parameters exactly as PyTorch does, so after the same manual_seed the
 * weights are PyTorch's bit for bit: Linear draws kaiming_uniform_(weight, a=sqrt(5)) then
 * bias ~ U(-1/sqrt(in), 1/sqrt(in)); Bilinear draws weight then bias from U(-1/sqrt(in1), ..).
 */
import type { DType } from "../../dtype.js";
import { empty } from "../../tensor/factory.js";
import { kwargs } from "../../tensor/args.js";
import type { Tensor } from "../../tensor/tensor.js";
import * as F from "../functional/linear.js";
import * as init from "../init.js";
import { Module } from "../module.js";
import { Parameter } from "../parameter.js";
import { py_bool } from "../../format.js";

/** The factory keywords every layer accepts: `{ dtype: torch.float64 }` (device is always "cpu"). */
export interface FactoryKwargs {
  device?: string;
  dtype?: DType;
}

/** A new empty parameter of the given shape, dtype and device (the layer's reset_parameters fills it). */
export function empty_parameter(shape: readonly number[], options: FactoryKwargs): Parameter {
  return new Parameter(empty([...shape], { dtype: options.dtype, device: options.device }));
}

/** nn.Identity(...args): returns its input; any constructor arguments are ignored, as in PyTorch. */
export class Identity extends Module {
  static override readonly __name__: string = "Identity";
  constructor(..._args: unknown[]) {
    super();
  }
  override forward(input: Tensor): Tensor {
    return input;
  }
}

export interface LinearOptions extends FactoryKwargs {
  bias?: boolean;
}

/** After the sizes: PyTorch's (bias=True, device=None, dtype=None), positionally or as options. */
export type LinearArgs = [options?: LinearOptions] | [bias: boolean, options?: FactoryKwargs];

function linear_options(name: string, args: readonly unknown[]): LinearOptions {
  return kwargs<Required<LinearOptions>>(name, args, ["bias", "device", "dtype"]);
}

/** nn.Linear's sizes, when they are given as options: `new nn.Linear({ in_features, out_features })`. */
export interface LinearSizes {
  in_features: number;
  out_features: number;
}

/**
 * nn.Linear(in_features, out_features, bias=true, {device, dtype}): y = x W^T + b. Every
 * argument may also come by name in the options object, as Python's keywords.
 */
export class Linear extends Module {
  static override readonly __name__: string = "Linear";
  declare in_features: number;
  declare out_features: number;
  declare weight: Parameter;
  declare bias: Parameter | null;

  constructor(in_features: number, out_features: number, ...args: LinearArgs);
  constructor(in_features: number, options: Pick<LinearSizes, "out_features"> & LinearOptions);
  constructor(options: LinearSizes & LinearOptions);
  constructor(...args: unknown[]) {
    super();
    const options = kwargs<Required<LinearSizes & LinearOptions>>("Linear", args, [
      "in_features",
      "out_features",
      "bias",
      "device",
      "dtype",
    ]);
    const { in_features, out_features } = options;
    const missing = [
      in_features === undefined && "'in_features'",
      out_features === undefined && "'out_features'",
    ];
    const names = missing.filter((m) => m !== false);
    if (in_features === undefined || out_features === undefined) {
      throw new TypeError(
        `Linear.__init__() missing ${names.length} required positional argument${names.length > 1 ? "s" : ""}: ${names.join(" and ")}`,
      );
    }
    this.in_features = in_features;
    this.out_features = out_features;
    this.weight = empty_parameter([out_features, in_features], options);
    if (options.bias ?? true) this.bias = empty_parameter([out_features], options);
    else this.register_parameter("bias", null);
    this.reset_parameters();
  }

  /**
   * Reinitializes weight and bias as the constructor does (PyTorch's uniform bounds from fan_in), drawing
   * from the default generator.
   */
  reset_parameters(): void {
    // Setting a=sqrt(5) in kaiming_uniform is the same as U(-1/sqrt(in), 1/sqrt(in)) (pytorch#57109)
    init.kaiming_uniform_(this.weight, { a: Math.sqrt(5) });
    if (this.bias) {
      const [fan_in] = init._calculate_fan_in_and_fan_out(this.weight);
      const bound = fan_in > 0 ? 1 / Math.sqrt(fan_in) : 0;
      init.uniform_(this.bias, -bound, bound);
    }
  }

  override forward(input: Tensor): Tensor {
    return F.linear(input, this.weight, this.bias);
  }

  override extra_repr(): string {
    return `in_features=${this.in_features}, out_features=${this.out_features}, bias=${py_bool(this.bias !== null)}`;
  }
}

/** nn.Bilinear(in1_features, in2_features, out_features, bias=true, {device, dtype}): y = x1^T A x2 + b. */
export class Bilinear extends Module {
  static override readonly __name__: string = "Bilinear";
  declare in1_features: number;
  declare in2_features: number;
  declare out_features: number;
  declare weight: Parameter;
  declare bias: Parameter | null;

  constructor(in1_features: number, in2_features: number, out_features: number, ...args: LinearArgs) {
    super();
    const options = linear_options("Bilinear", args);
    this.in1_features = in1_features;
    this.in2_features = in2_features;
    this.out_features = out_features;
    this.weight = empty_parameter([out_features, in1_features, in2_features], options);
    if (options.bias ?? true) this.bias = empty_parameter([out_features], options);
    else this.register_parameter("bias", null);
    this.reset_parameters();
  }

  /** Reinitializes weight and bias uniformly in ±1/sqrt(in1_features), as the constructor does. */
  reset_parameters(): void {
    const bound = 1 / Math.sqrt(this.weight.size(1));
    init.uniform_(this.weight, -bound, bound);
    if (this.bias) init.uniform_(this.bias, -bound, bound);
  }

  override forward(input1: Tensor, input2: Tensor): Tensor {
    return F.bilinear(input1, input2, this.weight, this.bias);
  }

  override extra_repr(): string {
    return `in1_features=${this.in1_features}, in2_features=${this.in2_features}, out_features=${this.out_features}, bias=${py_bool(this.bias !== null)}`;
  }
}
