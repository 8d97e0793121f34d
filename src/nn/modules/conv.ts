/**
 * The convolution modules of torch/nn/modules/conv.py: Conv1d and Conv2d over one base (_ConvNd),
 * with PyTorch's constructor checks, its reset_parameters (kaiming_uniform_ with a = sqrt(5),
 * then the bias from U(-1/sqrt(fan_in), 1/sqrt(fan_in)), drawn in that order, so after the same
 * manual_seed the weights are PyTorch's bit for bit) and its repr. A padding_mode other than
 * "zeros" pads the input first (reflect, replicate, circular: src/nn/functional/pad_modes.ts).
 */
import type { Tensor } from "../../tensor/tensor.js";
import { kwargs } from "../../tensor/args.js";
import { conv1d, conv2d } from "../../ops/conv/convolution.js";
import { check_ints, type IntOrTuple } from "../../ops/conv/window_args.js";
import { pad_mode, type PaddingMode } from "../functional/pad_modes.js";
import * as init from "../init.js";
import { Module } from "../module.js";
import type { Parameter } from "../parameter.js";
import { py_tuple } from "../../format.js";
import { empty_parameter, type FactoryKwargs } from "./linear.js";

/** The arguments after in_channels, out_channels and kernel_size, by PyTorch's names. */
export interface ConvModuleOptions extends FactoryKwargs {
  stride?: IntOrTuple;
  padding?: IntOrTuple | "valid" | "same";
  dilation?: IntOrTuple;
  groups?: number;
  bias?: boolean;
  padding_mode?: PaddingMode;
}
/** The sizes, when given by name: `new nn.Conv2d({ in_channels, out_channels, kernel_size })`. */
export interface ConvSizes {
  in_channels: number;
  out_channels: number;
  kernel_size: IntOrTuple;
}
type ConvCtorArgs = (
  number | readonly number[] | string | boolean | undefined | (Partial<ConvSizes> & ConvModuleOptions)
)[];

const KEYS = [
  "in_channels",
  "out_channels",
  "kernel_size",
  "stride",
  "padding",
  "dilation",
  "groups",
  "bias",
  "padding_mode",
  "device",
  "dtype",
] as const;
const PADDING_MODES = ["zeros", "reflect", "replicate", "circular"];

/** _single / _pair: an int repeated, or a tuple of n values as given. */
function ntuple(op: string, name: string, v: IntOrTuple, n: number): number[] {
  check_ints(op, name, v);
  return typeof v === "number" ? new Array<number>(n).fill(v) : [...v];
}

/** _ConvNd: the parameters and checks Conv1d and Conv2d share. */
abstract class _ConvNd extends Module {
  declare in_channels: number;
  declare out_channels: number;
  declare kernel_size: number[];
  declare stride: number[];
  declare padding: number[] | "valid" | "same";
  declare dilation: number[];
  declare groups: number;
  declare padding_mode: PaddingMode;
  declare weight: Parameter;
  declare bias: Parameter | null;
  /** F.pad's padding for a padding_mode other than "zeros": [left, right] per dim, last dim first */
  declare _reversed_padding_repeated_twice: number[];

  constructor(name: string, n: number, args: ConvCtorArgs) {
    super();
    const o = kwargs<Required<ConvSizes & ConvModuleOptions>>(name, args, [...KEYS]);
    const missing = (["in_channels", "out_channels", "kernel_size"] as const).filter(
      (k) => o[k] === undefined,
    );
    if (missing.length > 0) {
      const names = missing.map((m) => `'${m}'`);
      const list =
        names.length > 1 ? `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}` : names[0];
      throw new TypeError(
        `${name}.__init__() missing ${missing.length} required positional argument${missing.length > 1 ? "s" : ""}: ${list}`,
      );
    }
    const { in_channels, out_channels } = o as ConvSizes;
    const groups = o.groups ?? 1;
    const kernel_size = ntuple(name, "kernel_size", o.kernel_size as IntOrTuple, n);
    const stride = ntuple(name, "stride", o.stride ?? 1, n);
    const dilation = ntuple(name, "dilation", o.dilation ?? 1, n);
    const padding_arg = o.padding ?? 0;
    const padding_mode = o.padding_mode ?? "zeros";
    if (groups <= 0) throw new Error("groups must be a positive integer");
    if (in_channels % groups !== 0) throw new Error("in_channels must be divisible by groups");
    if (out_channels % groups !== 0) throw new Error("out_channels must be divisible by groups");
    if (typeof padding_arg === "string") {
      if (padding_arg !== "same" && padding_arg !== "valid") {
        throw new Error(
          `Invalid padding string '${String(padding_arg)}', should be one of {'valid', 'same'}`,
        );
      }
      if (padding_arg === "same" && stride.some((s) => s !== 1)) {
        throw new Error("padding='same' is not supported for strided convolutions");
      }
    }
    if (!PADDING_MODES.includes(padding_mode)) {
      throw new Error(
        `padding_mode must be one of {'zeros', 'reflect', 'replicate', 'circular'}, but got padding_mode='${String(padding_mode)}'`,
      );
    }
    this.in_channels = in_channels;
    this.out_channels = out_channels;
    this.kernel_size = kernel_size;
    this.stride = stride;
    this.padding = typeof padding_arg === "string" ? padding_arg : ntuple(name, "padding", padding_arg, n);
    this.dilation = dilation;
    this.groups = groups;
    this.padding_mode = padding_mode;
    this._reversed_padding_repeated_twice = reversed_padding(this.padding, kernel_size, dilation);
    this.weight = empty_parameter([out_channels, in_channels / groups, ...kernel_size], o);
    if (o.bias ?? true) this.bias = empty_parameter([out_channels], o);
    else this.register_parameter("bias", null);
    this.reset_parameters();
  }

  /** Reinitializes weight and bias as the constructor does, drawing from the default generator. */
  reset_parameters(): void {
    // kaiming_uniform with a=sqrt(5) is U(-1/sqrt(fan_in), 1/sqrt(fan_in)) (pytorch#57109)
    init.kaiming_uniform_(this.weight, { a: Math.sqrt(5) });
    if (this.bias) {
      const [fan_in] = init._calculate_fan_in_and_fan_out(this.weight);
      if (fan_in !== 0) {
        const bound = 1 / Math.sqrt(fan_in);
        init.uniform_(this.bias, -bound, bound);
      }
    }
  }

  /** The convolution of `input` with the given weight and bias (_conv_forward). */
  protected conv(fn: typeof conv2d, input: Tensor, weight: Tensor, bias: Tensor | null): Tensor {
    const { stride, dilation, groups } = this;
    if (this.padding_mode !== "zeros") {
      const padded = pad_mode(input, this._reversed_padding_repeated_twice, this.padding_mode);
      return fn(padded, weight, bias, { stride, padding: 0, dilation, groups });
    }
    return fn(input, weight, bias, { stride, padding: this.padding, dilation, groups });
  }

  override extra_repr(): string {
    const p = this.padding;
    let s = `${this.in_channels}, ${this.out_channels}, kernel_size=${py_tuple(this.kernel_size)}, stride=${py_tuple(this.stride)}`;
    if (typeof p === "string" || p.some((v) => v !== 0))
      s += `, padding=${typeof p === "string" ? p : py_tuple(p)}`;
    if (this.dilation.some((d) => d !== 1)) s += `, dilation=${py_tuple(this.dilation)}`;
    if (this.groups !== 1) s += `, groups=${this.groups}`;
    if (this.bias === null) s += ", bias=False";
    if (this.padding_mode !== "zeros") s += `, padding_mode=${this.padding_mode}`;
    return s;
  }
}

/**
 * _ConvNd's _reversed_padding_repeated_twice: F.pad's [left, right] pairs, last dim first; for
 * "same", the total d * (k - 1) split with the extra element on the right.
 */
function reversed_padding(
  padding: number[] | "valid" | "same",
  kernel: number[],
  dilation: number[],
): number[] {
  const n = kernel.length;
  const out = new Array<number>(2 * n).fill(0);
  if (padding === "valid") return out;
  for (let d = 0; d < n; d++) {
    const i = 2 * (n - d - 1);
    if (padding === "same") {
      const total = dilation[d] * (kernel[d] - 1);
      const left = Math.floor(total / 2);
      out[i] = left;
      out[i + 1] = total - left;
    } else {
      out[i] = padding[d];
      out[i + 1] = padding[d];
    }
  }
  return out;
}

/**
 * nn.Conv1d(in_channels, out_channels, kernel_size, stride=1, padding=0, dilation=1, groups=1,
 * bias=true, padding_mode="zeros", {device, dtype}): F.conv1d with a learnt weight
 * [out_channels, in_channels / groups, k] and bias [out_channels].
 */
export class Conv1d extends _ConvNd {
  static override readonly __name__: string = "Conv1d";
  constructor(...args: ConvCtorArgs) {
    super("Conv1d", 1, args);
  }
  override forward(input: Tensor): Tensor {
    return this.conv(conv1d, input, this.weight, this.bias);
  }
}

/**
 * nn.Conv2d(in_channels, out_channels, kernel_size, stride=1, padding=0, dilation=1, groups=1,
 * bias=true, padding_mode="zeros", {device, dtype}): F.conv2d with a learnt weight
 * [out_channels, in_channels / groups, kh, kw] and bias [out_channels].
 */
export class Conv2d extends _ConvNd {
  static override readonly __name__: string = "Conv2d";
  constructor(...args: ConvCtorArgs) {
    super("Conv2d", 2, args);
  }
  override forward(input: Tensor): Tensor {
    return this.conv(conv2d, input, this.weight, this.bias);
  }
}
