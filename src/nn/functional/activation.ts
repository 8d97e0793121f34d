/**
 * The activation functions of torch.nn.functional, with torch/nn/functional.py's arguments:
 * positional in PyTorch's order, then one options object (`F.leaky_relu(x, 0.2, { inplace:
 * true })`, `F.gelu(x, { approximate: "tanh" })`). `inplace: true` runs the op's in-place form,
 * which modifies the input and returns it. The math and the graph nodes are in
 * src/ops/activation/; the composites PyTorch writes in Python (softsign, tanhshrink,
 * softmin) are written the same way here, so they record the same nodes.
 */
import type { DType } from "../../dtype.js";
import type { Tensor } from "../../tensor/tensor.js";
import { kwargs } from "../../tensor/args.js";
import * as ops from "../../ops/index.js";

type Opt<O> = Partial<O>;
/** The arguments after `input`: PyTorch's positional ones, then an optional options object. */
type Args<O> = (O[keyof O] | Opt<O> | undefined)[];

function parse<O extends Record<string, unknown>>(
  name: string,
  args: readonly unknown[],
  names: (keyof O & string)[],
) {
  return kwargs<O>(name, args, names);
}

function flag(v: unknown): boolean {
  return v === true;
}

// ---------------------------------------------------------------- relu family

type InplaceOptions = { inplace: boolean };

/** F.relu(input, inplace=False) */
export function relu(input: Tensor, ...args: Args<InplaceOptions>): Tensor {
  const o = parse<InplaceOptions>("relu", args, ["inplace"]);
  return flag(o.inplace) ? ops.relu_(input) : ops.relu(input);
}
/** F.relu_(input) */
export function relu_(input: Tensor): Tensor {
  return ops.relu_(input);
}

/** F.relu6(input, inplace=False) = hardtanh(input, 0, 6) */
export function relu6(input: Tensor, ...args: Args<InplaceOptions>): Tensor {
  const o = parse<InplaceOptions>("relu6", args, ["inplace"]);
  return flag(o.inplace) ? ops.relu6_(input) : ops.relu6(input);
}

type HardtanhOptions = { min_val: number; max_val: number; inplace: boolean };
/** F.hardtanh(input, min_val=-1.0, max_val=1.0, inplace=False) */
export function hardtanh(input: Tensor, ...args: Args<HardtanhOptions>): Tensor {
  const o = parse<HardtanhOptions>("hardtanh", args, ["min_val", "max_val", "inplace"]);
  const lo = o.min_val ?? -1.0;
  const hi = o.max_val ?? 1.0;
  return flag(o.inplace) ? ops.hardtanh_(input, lo, hi) : ops.hardtanh(input, lo, hi);
}
/** F.hardtanh_(input, min_val=-1.0, max_val=1.0) */
export function hardtanh_(input: Tensor, ...args: Args<Omit<HardtanhOptions, "inplace">>): Tensor {
  const o = parse<HardtanhOptions>("hardtanh_", args, ["min_val", "max_val"]);
  return ops.hardtanh_(input, o.min_val ?? -1.0, o.max_val ?? 1.0);
}

type ThresholdOptions = { threshold: number; value: number; inplace: boolean };
function threshold_args(name: string, args: readonly unknown[], names: (keyof ThresholdOptions)[]) {
  const o = parse<ThresholdOptions>(name, args, names);
  if (o.threshold === undefined || o.value === undefined) {
    throw new TypeError(`${name}() missing required arguments: 'threshold' and 'value'`);
  }
  return { threshold: o.threshold, value: o.value, inplace: flag(o.inplace) };
}
/** F.threshold(input, threshold, value, inplace=False): value where input <= threshold. */
export function threshold(input: Tensor, ...args: Args<ThresholdOptions>): Tensor {
  const a = threshold_args("threshold", args, ["threshold", "value", "inplace"]);
  return a.inplace ? ops.threshold_(input, a.threshold, a.value) : ops.threshold(input, a.threshold, a.value);
}
/** F.threshold_(input, threshold, value) */
export function threshold_(input: Tensor, ...args: Args<Omit<ThresholdOptions, "inplace">>): Tensor {
  const a = threshold_args("threshold_", args, ["threshold", "value"]);
  return ops.threshold_(input, a.threshold, a.value);
}

type LeakyOptions = { negative_slope: number; inplace: boolean };
/** F.leaky_relu(input, negative_slope=0.01, inplace=False) */
export function leaky_relu(input: Tensor, ...args: Args<LeakyOptions>): Tensor {
  const o = parse<LeakyOptions>("leaky_relu", args, ["negative_slope", "inplace"]);
  const s = o.negative_slope ?? 0.01;
  return flag(o.inplace) ? ops.leaky_relu_(input, s) : ops.leaky_relu(input, s);
}
/** F.leaky_relu_(input, negative_slope=0.01) */
export function leaky_relu_(input: Tensor, ...args: Args<Omit<LeakyOptions, "inplace">>): Tensor {
  const o = parse<LeakyOptions>("leaky_relu_", args, ["negative_slope"]);
  return ops.leaky_relu_(input, o.negative_slope ?? 0.01);
}

type RreluOptions = { lower: number; upper: number; training: boolean; inplace: boolean };
/**
 * F.rrelu(input, lower=1/8, upper=1/3, training=False, inplace=False): while training, a random
 * slope in [lower, upper) per non-positive element, drawn from the default generator as PyTorch
 * draws it; otherwise leaky_relu with slope (lower + upper) / 2.
 */
export function rrelu(input: Tensor, ...args: Args<RreluOptions>): Tensor {
  const o = parse<RreluOptions>("rrelu", args, ["lower", "upper", "training", "inplace"]);
  const a = [o.lower ?? 1 / 8, o.upper ?? 1 / 3, flag(o.training)] as const;
  return flag(o.inplace) ? ops.rrelu_(input, ...a) : ops.rrelu(input, ...a);
}
/** F.rrelu_(input, lower=1/8, upper=1/3, training=False) */
export function rrelu_(input: Tensor, ...args: Args<Omit<RreluOptions, "inplace">>): Tensor {
  const o = parse<RreluOptions>("rrelu_", args, ["lower", "upper", "training"]);
  return ops.rrelu_(input, o.lower ?? 1 / 8, o.upper ?? 1 / 3, flag(o.training));
}

/** F.prelu(input, weight): a learned negative slope per channel (dim 1) or one for all. */
export function prelu(input: Tensor, weight: Tensor): Tensor {
  return ops.prelu(input, weight);
}

// ---------------------------------------------------------------- exponential family

type AlphaOptions = { alpha: number; inplace: boolean };
/** F.elu(input, alpha=1.0, inplace=False) */
export function elu(input: Tensor, ...args: Args<AlphaOptions>): Tensor {
  const o = parse<AlphaOptions>("elu", args, ["alpha", "inplace"]);
  const a = o.alpha ?? 1.0;
  return flag(o.inplace) ? ops.elu_(input, a) : ops.elu(input, a);
}
/** F.elu_(input, alpha=1.0) */
export function elu_(input: Tensor, ...args: Args<Omit<AlphaOptions, "inplace">>): Tensor {
  const o = parse<AlphaOptions>("elu_", args, ["alpha"]);
  return ops.elu_(input, o.alpha ?? 1.0);
}
/** F.selu(input, inplace=False) */
export function selu(input: Tensor, ...args: Args<InplaceOptions>): Tensor {
  const o = parse<InplaceOptions>("selu", args, ["inplace"]);
  return flag(o.inplace) ? ops.selu_(input) : ops.selu(input);
}
/** F.selu_(input) */
export function selu_(input: Tensor): Tensor {
  return ops.selu_(input);
}
/** F.celu(input, alpha=1.0, inplace=False) */
export function celu(input: Tensor, ...args: Args<AlphaOptions>): Tensor {
  const o = parse<AlphaOptions>("celu", args, ["alpha", "inplace"]);
  const a = o.alpha ?? 1.0;
  return flag(o.inplace) ? ops.celu_(input, a) : ops.celu(input, a);
}
/** F.celu_(input, alpha=1.0) */
export function celu_(input: Tensor, ...args: Args<Omit<AlphaOptions, "inplace">>): Tensor {
  const o = parse<AlphaOptions>("celu_", args, ["alpha"]);
  return ops.celu_(input, o.alpha ?? 1.0);
}

/** F.gelu(input, *, approximate='none'): `approximate` is keyword-only, as in PyTorch. */
export function gelu(input: Tensor, options: { approximate?: "none" | "tanh" } = {}): Tensor {
  const o = parse<{ approximate: string }>("gelu", [options], ["approximate"]);
  return ops.gelu(input, o.approximate ?? "none");
}

/** F.silu(input, inplace=False) = x * sigmoid(x) */
export function silu(input: Tensor, ...args: Args<InplaceOptions>): Tensor {
  const o = parse<InplaceOptions>("silu", args, ["inplace"]);
  return flag(o.inplace) ? ops.silu_(input) : ops.silu(input);
}
/** F.mish(input, inplace=False) = x * tanh(softplus(x)) */
export function mish(input: Tensor, ...args: Args<InplaceOptions>): Tensor {
  const o = parse<InplaceOptions>("mish", args, ["inplace"]);
  return flag(o.inplace) ? ops.mish_(input) : ops.mish(input);
}
/** F.hardsigmoid(input, inplace=False) = relu6(x + 3) / 6 */
export function hardsigmoid(input: Tensor, ...args: Args<InplaceOptions>): Tensor {
  const o = parse<InplaceOptions>("hardsigmoid", args, ["inplace"]);
  return flag(o.inplace) ? ops.hardsigmoid_(input) : ops.hardsigmoid(input);
}
/** F.hardswish(input, inplace=False) = x * relu6(x + 3) / 6 */
export function hardswish(input: Tensor, ...args: Args<InplaceOptions>): Tensor {
  const o = parse<InplaceOptions>("hardswish", args, ["inplace"]);
  return flag(o.inplace) ? ops.hardswish_(input) : ops.hardswish(input);
}

type SoftplusOptions = { beta: number; threshold: number };
/** F.softplus(input, beta=1.0, threshold=20.0) */
export function softplus(input: Tensor, ...args: Args<SoftplusOptions>): Tensor {
  const o = parse<SoftplusOptions>("softplus", args, ["beta", "threshold"]);
  return ops.softplus(input, o.beta ?? 1.0, o.threshold ?? 20.0);
}

/** F.logsigmoid(input) = log(sigmoid(x)) */
export function logsigmoid(input: Tensor): Tensor {
  return ops.log_sigmoid(input);
}

/** F.sigmoid(input): torch.sigmoid (deprecated alias in PyTorch, kept for ported code). */
export function sigmoid(input: Tensor): Tensor {
  return ops.sigmoid(input);
}
/** F.tanh(input): torch.tanh (deprecated alias in PyTorch, kept for ported code). */
export function tanh(input: Tensor): Tensor {
  return ops.tanh(input);
}

/** F.softsign(input) = input / (input.abs() + 1), composed as PyTorch writes it (DivBackward0). */
export function softsign(input: Tensor): Tensor {
  return input.div(input.abs().add(1));
}
/** F.tanhshrink(input) = input - input.tanh(), composed as PyTorch writes it (SubBackward0). */
export function tanhshrink(input: Tensor): Tensor {
  return input.sub(input.tanh());
}

type LambdOptions = { lambd: number };
/** F.hardshrink(input, lambd=0.5) */
export function hardshrink(input: Tensor, ...args: Args<LambdOptions>): Tensor {
  const o = parse<LambdOptions>("hardshrink", args, ["lambd"]);
  return ops.hardshrink(input, o.lambd ?? 0.5);
}
/** F.softshrink(input, lambd=0.5) */
export function softshrink(input: Tensor, ...args: Args<LambdOptions>): Tensor {
  const o = parse<LambdOptions>("softshrink", args, ["lambd"]);
  return ops.softshrink(input, o.lambd ?? 0.5);
}

type GluOptions = { dim: number };
/** F.glu(input, dim=-1): a * sigmoid(b) over the two halves of input along dim. */
export function glu(input: Tensor, ...args: Args<GluOptions>): Tensor {
  const o = parse<GluOptions>("glu", args, ["dim"]);
  return ops.glu(input, o.dim ?? -1);
}

// ---------------------------------------------------------------- softmax family

type SoftmaxOptions = { dim: number | null; _stacklevel: number; dtype: DType | null };
let warned_implicit_dim = false;

/** torch/nn/functional.py's _get_softmax_dim: the legacy choice when dim is None, with its warning. */
export function _get_softmax_dim(name: string, ndim: number): number {
  if (!warned_implicit_dim) {
    warned_implicit_dim = true;
    console.warn(
      `Implicit dimension choice for ${name} has been deprecated. Change the call to include dim=X as an argument.`,
    );
  }
  return ndim === 0 || ndim === 1 || ndim === 3 ? 0 : 1;
}

function softmax_args(name: string, input: Tensor, args: readonly unknown[]) {
  const o = parse<SoftmaxOptions>(name, args, ["dim", "_stacklevel", "dtype"]);
  const dim = o.dim ?? _get_softmax_dim(name, input.dim());
  return { dim, dtype: o.dtype ?? null };
}

/** F.softmax(input, dim=None, _stacklevel=3, dtype=None) */
export function softmax(input: Tensor, ...args: Args<SoftmaxOptions>): Tensor {
  const { dim, dtype } = softmax_args("softmax", input, args);
  return dtype ? ops.softmax(input, dim, dtype) : ops.softmax(input, dim);
}
/** F.log_softmax(input, dim=None, _stacklevel=3, dtype=None) */
export function log_softmax(input: Tensor, ...args: Args<SoftmaxOptions>): Tensor {
  const { dim, dtype } = softmax_args("log_softmax", input, args);
  return dtype ? ops.log_softmax(input, dim, dtype) : ops.log_softmax(input, dim);
}
/** F.softmin(input, dim=None, _stacklevel=3, dtype=None) = softmax(-input): SoftmaxBackward0 over NegBackward0. */
export function softmin(input: Tensor, ...args: Args<SoftmaxOptions>): Tensor {
  const { dim, dtype } = softmax_args("softmin", input, args);
  const neg = input.neg();
  return dtype ? ops.softmax(neg, dim, dtype) : ops.softmax(neg, dim);
}
