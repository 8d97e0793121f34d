/**
 * nn.LayerNorm and nn.RMSNorm (torch/nn/modules/normalization.py): normalise over the trailing
 * normalized_shape dims, with an optional elementwise affine transform whose weight starts at
 * ones and bias at zeros. RMSNorm's eps=null means the input dtype's machine epsilon.
 */
import type { Tensor } from "../../tensor/tensor.js";
import { kwargs } from "../../tensor/args.js";
import * as F from "../functional/normalization.js";
import * as init from "../init.js";
import { Module } from "../module.js";
import type { Parameter } from "../parameter.js";
import { empty_parameter, type FactoryKwargs } from "./linear.js";
import { py_bool, py_number, py_tuple } from "../../format.js";

type ShapeArg = number | readonly number[];

export interface LayerNormModuleOptions extends FactoryKwargs {
  eps?: number;
  elementwise_affine?: boolean;
  bias?: boolean;
}

/** nn.LayerNorm(normalized_shape, eps=1e-5, elementwise_affine=true, bias=true, {device, dtype}) */
export class LayerNorm extends Module {
  static override readonly __name__: string = "LayerNorm";
  declare normalized_shape: number[];
  declare eps: number;
  declare elementwise_affine: boolean;
  declare weight: Parameter | null;
  declare bias: Parameter | null;

  constructor(
    normalized_shape: ShapeArg,
    ...args: (number | boolean | string | undefined | LayerNormModuleOptions)[]
  ) {
    super();
    const options = kwargs<Required<LayerNormModuleOptions>>("LayerNorm", args, [
      "eps",
      "elementwise_affine",
      "bias",
      "device",
      "dtype",
    ]);
    this.normalized_shape = typeof normalized_shape === "number" ? [normalized_shape] : [...normalized_shape];
    this.eps = options.eps ?? 1e-5;
    this.elementwise_affine = options.elementwise_affine ?? true;
    if (this.elementwise_affine) {
      this.weight = empty_parameter(this.normalized_shape, options);
      if (options.bias ?? true) this.bias = empty_parameter(this.normalized_shape, options);
      else this.register_parameter("bias", null);
    } else {
      this.register_parameter("weight", null);
      this.register_parameter("bias", null);
    }
    this.reset_parameters();
  }

  /** Sets weight to ones and bias to zeros. */
  reset_parameters(): void {
    if (this.weight) init.ones_(this.weight);
    if (this.bias) init.zeros_(this.bias);
  }

  override forward(input: Tensor): Tensor {
    return F.layer_norm(input, this.normalized_shape, this.weight, this.bias, this.eps);
  }

  override extra_repr(): string {
    return `${py_tuple(this.normalized_shape)}, eps=${py_number(this.eps)}, elementwise_affine=${py_bool(this.elementwise_affine)}`;
  }
}

export interface RMSNormModuleOptions extends FactoryKwargs {
  eps?: number | null;
  elementwise_affine?: boolean;
}

/** nn.RMSNorm(normalized_shape, eps=null, elementwise_affine=true, {device, dtype}) */
export class RMSNorm extends Module {
  static override readonly __name__: string = "RMSNorm";
  declare normalized_shape: number[];
  declare eps: number | null;
  declare elementwise_affine: boolean;
  declare weight: Parameter | null;

  constructor(
    normalized_shape: ShapeArg,
    ...args: (number | boolean | string | null | undefined | RMSNormModuleOptions)[]
  ) {
    super();
    const options = kwargs<Required<RMSNormModuleOptions>>("RMSNorm", args, [
      "eps",
      "elementwise_affine",
      "device",
      "dtype",
    ]);
    this.normalized_shape = typeof normalized_shape === "number" ? [normalized_shape] : [...normalized_shape];
    this.eps = options.eps ?? null;
    this.elementwise_affine = options.elementwise_affine ?? true;
    if (this.elementwise_affine) this.weight = empty_parameter(this.normalized_shape, options);
    else this.register_parameter("weight", null);
    this.reset_parameters();
  }

  /** Sets weight to ones. */
  reset_parameters(): void {
    if (this.weight) init.ones_(this.weight);
  }

  override forward(x: Tensor): Tensor {
    return F.rms_norm(x, this.normalized_shape, this.weight, this.eps);
  }

  override extra_repr(): string {
    const eps = this.eps === null ? "None" : py_number(this.eps);
    return `${py_tuple(this.normalized_shape)}, eps=${eps}, elementwise_affine=${py_bool(this.elementwise_affine)}`;
  }
}
