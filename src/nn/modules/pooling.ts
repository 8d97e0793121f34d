/**
 * The pooling modules of torch/nn/modules/pooling.py: MaxPool1d and MaxPool2d over one base
 * (_MaxPoolNd), and AvgPool2d, holding the window's arguments as given and calling F's pooling.
 */
import type { Tensor } from "../../tensor/tensor.js";
import { kwargs } from "../../tensor/args.js";
import { avg_pool2d, max_pool1d, max_pool2d } from "../functional/conv.js";
import type { IntOrTuple } from "../../ops/conv/window_args.js";
import { Module } from "../module.js";
import { py_bool, py_tuple } from "../../format.js";

/** The arguments after kernel_size, by PyTorch's names (return_indices comes before ceil_mode). */
export interface MaxPoolModuleOptions {
  stride?: IntOrTuple | null;
  padding?: IntOrTuple;
  dilation?: IntOrTuple;
  return_indices?: boolean;
  ceil_mode?: boolean;
}

function show(v: IntOrTuple): string {
  return typeof v === "number" ? String(v) : py_tuple(v);
}

type PoolCtorArgs = (
  IntOrTuple | boolean | null | undefined | (MaxPoolModuleOptions & { kernel_size?: IntOrTuple })
)[];

/** _MaxPoolNd: the arguments, forward and repr MaxPool1d and MaxPool2d share. */
abstract class _MaxPoolNd extends Module {
  declare kernel_size: IntOrTuple;
  declare stride: IntOrTuple;
  declare padding: IntOrTuple;
  declare dilation: IntOrTuple;
  declare return_indices: boolean;
  declare ceil_mode: boolean;

  /** F.max_pool1d or F.max_pool2d */
  protected abstract readonly pool: typeof max_pool2d;

  constructor(name: string, args: PoolCtorArgs) {
    super();
    const o = kwargs<Required<MaxPoolModuleOptions> & { kernel_size: IntOrTuple }>(name, args, [
      "kernel_size",
      "stride",
      "padding",
      "dilation",
      "return_indices",
      "ceil_mode",
    ]);
    if (o.kernel_size === undefined) {
      throw new TypeError(`${name}.__init__() missing 1 required positional argument: 'kernel_size'`);
    }
    this.kernel_size = o.kernel_size;
    this.stride = o.stride ?? o.kernel_size;
    this.padding = o.padding ?? 0;
    this.dilation = o.dilation ?? 1;
    this.return_indices = o.return_indices ?? false;
    this.ceil_mode = o.ceil_mode ?? false;
  }

  /**
   * The pooled input. With return_indices the result is PyTorch's tuple, [values, indices], still
   * typed Tensor so that the common case chains (`pool(x).flatten(1)`): cast it there.
   */
  override forward(input: Tensor): Tensor {
    const { kernel_size, stride, padding, dilation, ceil_mode, return_indices } = this;
    const options = { stride, padding, dilation, ceil_mode };
    if (!return_indices) return this.pool(input, kernel_size, options);
    const pair: unknown = this.pool(input, kernel_size, { ...options, return_indices });
    return pair as Tensor;
  }

  override extra_repr(): string {
    return `kernel_size=${show(this.kernel_size)}, stride=${show(this.stride)}, padding=${show(this.padding)}, dilation=${show(this.dilation)}, ceil_mode=${py_bool(this.ceil_mode)}`;
  }
}

/**
 * nn.MaxPool1d(kernel_size, stride=None, padding=0, dilation=1, return_indices=false,
 * ceil_mode=false): F.max_pool1d as a module; with return_indices its forward gives [values, indices].
 */
export class MaxPool1d extends _MaxPoolNd {
  static override readonly __name__: string = "MaxPool1d";
  constructor(...args: PoolCtorArgs) {
    super("MaxPool1d", args);
  }
  protected override get pool(): typeof max_pool2d {
    return max_pool1d;
  }
}

/**
 * nn.MaxPool2d(kernel_size, stride=None, padding=0, dilation=1, return_indices=false,
 * ceil_mode=false): F.max_pool2d as a module; with return_indices its forward gives [values, indices].
 */
export class MaxPool2d extends _MaxPoolNd {
  static override readonly __name__: string = "MaxPool2d";
  constructor(...args: PoolCtorArgs) {
    super("MaxPool2d", args);
  }
  protected override get pool(): typeof max_pool2d {
    return max_pool2d;
  }
}

/** nn.AvgPool2d's arguments after kernel_size, by PyTorch's names. */
export interface AvgPoolModuleOptions {
  stride?: IntOrTuple | null;
  padding?: IntOrTuple;
  ceil_mode?: boolean;
  count_include_pad?: boolean;
  divisor_override?: number | null;
}

/**
 * nn.AvgPool2d(kernel_size, stride=None, padding=0, ceil_mode=false, count_include_pad=true,
 * divisor_override=None): F.avg_pool2d as a module.
 */
export class AvgPool2d extends Module {
  static override readonly __name__: string = "AvgPool2d";
  declare kernel_size: IntOrTuple;
  declare stride: IntOrTuple;
  declare padding: IntOrTuple;
  declare ceil_mode: boolean;
  declare count_include_pad: boolean;
  declare divisor_override: number | null;

  constructor(
    ...args: (
      IntOrTuple | boolean | null | undefined | (AvgPoolModuleOptions & { kernel_size?: IntOrTuple })
    )[]
  ) {
    super();
    const o = kwargs<Required<AvgPoolModuleOptions> & { kernel_size: IntOrTuple }>("AvgPool2d", args, [
      "kernel_size",
      "stride",
      "padding",
      "ceil_mode",
      "count_include_pad",
      "divisor_override",
    ]);
    if (o.kernel_size === undefined) {
      throw new TypeError("AvgPool2d.__init__() missing 1 required positional argument: 'kernel_size'");
    }
    this.kernel_size = o.kernel_size;
    this.stride = o.stride ?? o.kernel_size;
    this.padding = o.padding ?? 0;
    this.ceil_mode = o.ceil_mode ?? false;
    this.count_include_pad = o.count_include_pad ?? true;
    this.divisor_override = o.divisor_override ?? null;
  }

  override forward(input: Tensor): Tensor {
    const { kernel_size, stride, padding, ceil_mode, count_include_pad, divisor_override } = this;
    return avg_pool2d(input, kernel_size, {
      stride,
      padding,
      ceil_mode,
      count_include_pad,
      divisor_override,
    });
  }

  override extra_repr(): string {
    return `kernel_size=${show(this.kernel_size)}, stride=${show(this.stride)}, padding=${show(this.padding)}`;
  }
}
