/**
 * Public sampling ops: torch.rand, randn, randint, randperm, bernoulli, normal, the *_like forms,
 * the in-place Tensor samplers (uniform_, normal_, random_, bernoulli_, exponential_), and
 * dropout (../layers/dropout.ts). Each draws from `options.generator` or the default generator, with PyTorch's CPU
 * values for the same seed and call sequence (src/random/sampling.ts has the transforms).
 *
 * Elements are drawn in PyTorch's TensorIterator order: index order for a contiguous tensor,
 * memory order for a transposed or permuted one (./sample_into.ts). Sampling records no graph,
 * except where PyTorch gives a node: in-place samplers on a tensor that requires grad
 * (NormalBackward0, ... with a zero gradient), normal with tensor arguments and
 * bernoulli(probs) (zero gradients, as derivatives.yaml states).
 */
import { float32, float64, get_default_dtype, int64, type DType, scalar_type_name } from "../../dtype.js";
import { broadcast_shapes, type Shape } from "../../shape.js";
import {
  check_factory_options,
  kwargs,
  parse_shape,
  SAMPLER_KEYS,
  type ShapeArgs,
} from "../../tensor/args.js";
import { empty_tensor } from "../../tensor/make.js";
import { Tensor } from "../../tensor/tensor.js";
import { resolve_generator, type Generator } from "../../random/generator.js";
import * as S from "../../random/sampling.js";
import { defineOp, type OpFn } from "../../autograd/define.js";
import { check_float_kernel } from "../kernel_checks.js";
import { cpp_double } from "../../format.js";
import {
  check_random_range,
  finish,
  inplace_sampler,
  iteration_order,
  sample_into,
  type Fill,
  type SamplerOptions,
} from "./sample_into.js";
import { op_table } from "../table.js";

export type { SamplerOptions };
/** The trailing keyword options of an in-place sampler. */
export type GenOption = { generator?: Generator | null };
/** In-place sampler arguments: PyTorch's positional parameters, then one options object. */
export type SamplerArgs<K extends string> = (number | undefined | ({ [k in K]?: number } & GenOption))[];

type Kw<K extends string> = { [k in K]?: number } & GenOption;

// ------------------------------------------------------------------ uniform

function check_uniform_bounds(dtype: DType, from: number, to: number): void {
  check_float_kernel("check_uniform_bounds", dtype);
  const max = dtype === float32 ? 3.4028234663852886e38 : Number.MAX_VALUE;
  const name = dtype === float32 ? "float" : "double";
  if (!(from >= -max && from <= max)) throw new Error(`from is out of bounds for ${name}`);
  if (!(to >= -max && to <= max)) throw new Error(`to is out of bounds for ${name}`);
  if (!(from <= to)) {
    throw new Error(
      `uniform_ expects to return a [from, to) range, but found from=${cpp_double(from)} > to=${cpp_double(to)}`,
    );
  }
  if (to - from > max) {
    throw new Error(
      `uniform_ expects to-from <= std::numeric_limits<${scalar_type_name(dtype)}>::max(), but found to=${cpp_double(to)} and from=${cpp_double(from)} which result in to-from to exceed the limit`,
    );
  }
}

function uniform_fill(t: Tensor, from: number, to: number, gen: Generator): Fill {
  check_uniform_bounds(t.dtype, from, to);
  return (out) => S.uniform_fill(gen, out, t.dtype, from, to);
}

const uniform_inplace = inplace_sampler("uniform", "UniformBackward0");

/** Tensor.uniform_(from=0, to=1, {generator}) */
export function uniform_(self: Tensor, ...args: SamplerArgs<"from" | "to">): Tensor {
  const a = kwargs<Kw<"from" | "to">>("uniform_", args, ["from", "to", "generator"]);
  const fill = uniform_fill(self, a.from ?? 0, a.to ?? 1, resolve_generator(a.generator));
  return uniform_inplace(self, fill);
}

/** torch.rand(*size, {dtype, generator, requires_grad}) */
export function rand(...args: ShapeArgs<SamplerOptions>): Tensor {
  const { shape, options } = parse_shape<SamplerOptions>("rand", args, SAMPLER_KEYS);
  return rand_impl(shape, options.dtype ?? get_default_dtype(), options);
}

function rand_impl(shape: Shape, dtype: DType, options: SamplerOptions): Tensor {
  const t = empty_tensor(shape, dtype);
  sample_into(t, uniform_fill(t, 0, 1, resolve_generator(options.generator)));
  return finish(t, options);
}

// ------------------------------------------------------------------ normal

function check_std(std: number): void {
  if (!(std >= 0)) throw new Error(`normal expects std >= 0.0, but found std ${cpp_double(std)}`);
}

/**
 * normal_'s fill: the vector path for a contiguous float tensor of 16 or more elements (the
 * whole tensor is one fill), else the scalar Box–Muller path with the generator's cache.
 */
function normal_fill(t: Tensor, mean: number, std: number, gen: Generator): Fill {
  check_float_kernel("normal_kernel_cpu", t.dtype);
  check_std(std);
  const vector = t.numel() >= 16 && t.is_contiguous();
  return (out) => {
    if (vector) S.normal_vector_fill(gen, out as Float32Array | Float64Array, mean, std);
    else S.normal_scalar_fill(gen, out, mean, std);
  };
}

const normal_inplace = inplace_sampler("normal", "NormalBackward0");

/** Tensor.normal_(mean=0, std=1, {generator}) */
export function normal_(self: Tensor, ...args: SamplerArgs<"mean" | "std">): Tensor {
  const a = kwargs<Kw<"mean" | "std">>("normal_", args, ["mean", "std", "generator"]);
  return normal_inplace(self, normal_fill(self, a.mean ?? 0, a.std ?? 1, resolve_generator(a.generator)));
}

/** torch.randn(*size, {dtype, generator, requires_grad}) */
export function randn(...args: ShapeArgs<SamplerOptions>): Tensor {
  const { shape, options } = parse_shape<SamplerOptions>("randn", args, SAMPLER_KEYS);
  return randn_impl(shape, options.dtype ?? get_default_dtype(), 0, 1, options);
}

function randn_impl(shape: Shape, dtype: DType, mean: number, std: number, options: SamplerOptions): Tensor {
  const t = empty_tensor(shape, dtype);
  sample_into(t, normal_fill(t, mean, std, resolve_generator(options.generator)));
  return finish(t, options);
}

function check_std_tensor(std: Tensor): void {
  const c = std.contiguous();
  const d = c._storage.data;
  const o = c._offset;
  for (let i = 0; i < c.numel(); i++) {
    if (!(d[o + i] >= 0)) throw new Error("normal expects all elements of std >= 0.0");
  }
}

/** The standard normal draw of normal(tensor, ...): contiguous in the result's shape. */
function standard_normal(shape: Shape, dtype: DType, gen: Generator, std = 1): Tensor {
  const t = empty_tensor(shape, dtype);
  sample_into(t, normal_fill(t, 0, std, gen));
  return t;
}

// derivatives.yaml gives normal's tensor arguments zero gradients (no reparameterisation)
const normal_tensor_float: OpFn<[mean: Tensor, std: number, gen: Generator]> = defineOp({
  name: "normal",
  node: "NormalBackward1",
  forward: (_ctx, mean: Tensor, std: number, gen: Generator) => {
    check_std(std);
    check_float_kernel("normal_kernel_cpu", mean.dtype);
    // PyTorch: output.normal_(0, std) then output.add_(mean), each rounded in the dtype
    return standard_normal(mean.shape, mean.dtype, gen, std).add_(mean);
  },
  backward: (_ctx, grad) => [grad.new_zeros(grad.shape)],
});

const normal_float_tensor: OpFn<[mean: number, std: Tensor, gen: Generator]> = defineOp({
  name: "normal",
  node: "NormalBackward2",
  differentiable: [1],
  forward: (_ctx, mean: number, std: Tensor, gen: Generator) => {
    check_std_tensor(std);
    check_float_kernel("normal_kernel_cpu", std.dtype);
    // output.normal_(0, 1), then output.mul_(std).add_(mean)
    // mean becomes a 0-dim tensor of the dtype first (at::full({}, mean, options))
    const m = std.dtype === float32 ? Math.fround(mean) : mean;
    return standard_normal(std.shape, std.dtype, gen).mul_(std).add_(m);
  },
  backward: (_ctx, grad) => [grad.new_zeros(grad.shape)],
});

const normal_tensor_tensor: OpFn<[mean: Tensor, std: Tensor, gen: Generator]> = defineOp({
  name: "normal",
  node: "NormalBackward3",
  differentiable: [0, 1],
  forward: (_ctx, mean: Tensor, std: Tensor, gen: Generator) => {
    check_std_tensor(std);
    check_float_kernel("normal_kernel_cpu", mean.dtype);
    const shape = broadcast_shapes(mean.shape, std.shape);
    return standard_normal(shape, mean.dtype, gen).mul_(std).add_(mean);
  },
  backward: (_ctx, grad) => [grad.new_zeros(grad.shape), grad.new_zeros(grad.shape)],
});

/**
 * torch.normal, all overloads: normal(mean, std, size, {generator, dtype, requires_grad}),
 * normal(mean_tensor, std=1), normal(mean, std_tensor), normal(mean_tensor, std_tensor).
 */
export function normal(
  mean: Tensor | number,
  std: Tensor | number = 1,
  ...rest: [] | [SamplerOptions] | [readonly number[]] | [readonly number[], SamplerOptions]
): Tensor {
  const size = Array.isArray(rest[0]) ? (rest[0] as readonly number[]) : null;
  const options = ((size ? rest[1] : rest[0]) ?? {}) as SamplerOptions;
  check_factory_options("normal", options, SAMPLER_KEYS);
  const gen = resolve_generator(options.generator);
  if (mean instanceof Tensor) {
    return std instanceof Tensor ? normal_tensor_tensor(mean, std, gen) : normal_tensor_float(mean, std, gen);
  }
  if (std instanceof Tensor) return normal_float_tensor(mean, std, gen);
  if (!size) throw new TypeError("normal(): with float mean and std, the size argument is required");
  return randn_impl(size, options.dtype ?? get_default_dtype(), mean, std, options);
}

// ------------------------------------------------------------------ integers

type Int = number | bigint;

const random_inplace = [
  inplace_sampler("random", "RandomBackward0"),
  inplace_sampler("random", "RandomBackward1"),
  inplace_sampler("random", "RandomBackward2"),
] as const;

/** random_'s keyword options. */
export type RandomKw = { from?: Int; to?: Int | null } & GenOption;

/**
 * Tensor.random_(): random_(to), random_(from, to) (`to` may be null: up to the dtype's max),
 * random_() (the dtype's default range), each with trailing {from, to, generator}. (§4)
 */
export function random_(self: Tensor, ...args: (Int | null | undefined | RandomKw)[]): Tensor {
  const last = args[args.length - 1];
  const kw = (typeof last === "object" && last !== null ? args.pop() : {}) as RandomKw;
  const pos = args as (Int | null | undefined)[];
  while (pos.length && pos[pos.length - 1] === undefined) pos.pop();
  const gen = resolve_generator(kw.generator);
  const dtype = self.dtype;
  const has_from = pos.length >= 2 || kw.from !== undefined;
  if (!has_from && pos.length === 0 && kw.to === undefined) {
    return random_inplace[2](self, (out) => S.random_fill(gen, out, dtype));
  }
  // random_(to) is its own overload (RandomBackward1); random_(from, to=None) is RandomBackward0
  const [from, to] = has_from
    ? [pos[0] ?? kw.from ?? 0, pos.length >= 2 ? pos[1] : kw.to]
    : [0, pos[0] ?? kw.to];
  const big_to = to === null || to === undefined ? null : BigInt(to);
  const { range, base } = check_random_range(dtype, BigInt(from), big_to);
  const sampler = has_from ? random_inplace[0] : random_inplace[1];
  if (range === null) return sampler(self, (out) => S.random_full_range_fill(gen, out, dtype));
  return sampler(self, (out) => S.random_from_to_fill(gen, out, dtype, range, base));
}

type RandintArgs = [...Int[], readonly number[]] | [...Int[], readonly number[], SamplerOptions];

/** torch.randint(low=0, high, size, {dtype=int64, generator, requires_grad}) */
export function randint(...args: RandintArgs): Tensor {
  const { ints, size, options } = parse_randint("randint", args);
  const t = empty_tensor(size, options.dtype ?? int64);
  randint_fill(t, ints, options);
  return finish(t, options);
}

function parse_randint(op: string, args: readonly unknown[]) {
  const i = args.findIndex((a) => Array.isArray(a));
  if (i < 0) throw new TypeError(`${op}(): argument 'size' (a sequence of ints) is required`);
  const ints = args.slice(0, i) as Int[];
  if (ints.length < 1 || ints.length > 2)
    throw new TypeError(`${op}(): expected (high, size) or (low, high, size)`);
  if (args.length > i + 2) throw new TypeError(`${op}(): unexpected arguments after the options`);
  const options = (args[i + 1] ?? {}) as SamplerOptions;
  check_factory_options(op, options, SAMPLER_KEYS);
  return { ints, size: args[i] as number[], options };
}

function randint_fill(t: Tensor, ints: Int[], options: SamplerOptions): void {
  const [low, high] = ints.length === 1 ? [0, ints[0]] : [ints[0], ints[1]];
  const gen = resolve_generator(options.generator);
  const { range, base } = check_random_range(t.dtype, BigInt(low), BigInt(high));
  if (range === null) throw new Error("randint: unexpected full range"); // to is always given
  sample_into(t, (out) => S.random_from_to_fill(gen, out, t.dtype, range, base));
}

/** torch.randint_like(input, low=0, high, {dtype, generator, requires_grad}) */
export function randint_like(
  input: Tensor,
  ...args: [Int] | [Int, Int] | [Int, SamplerOptions] | [Int, Int, SamplerOptions]
): Tensor {
  const last = args[args.length - 1];
  const options = (typeof last === "object" ? args.pop() : {}) as SamplerOptions;
  check_factory_options("randint_like", options, SAMPLER_KEYS);
  const t = empty_tensor(input.shape, options.dtype ?? input.dtype);
  randint_fill(t, args as Int[], options);
  return finish(t, options);
}

/** torch.randperm(n, {dtype=int64, generator, requires_grad}) */
export function randperm(n: number, options: SamplerOptions = {}): Tensor {
  check_factory_options("randperm", options, SAMPLER_KEYS);
  if (!Number.isInteger(n) || n < 0) {
    throw new Error(`Trying to create tensor with negative dimension ${n}: [${n}]`);
  }
  const t = empty_tensor([n], options.dtype ?? int64);
  const gen = resolve_generator(options.generator);
  // built on exact integers, then stored in the dtype (exact for the sizes PyTorch allows per dtype)
  const tmp = new Float64Array(n);
  S.randperm_fill(gen, tmp, n);
  t._storage.data.set(tmp);
  return finish(t, options);
}

// ------------------------------------------------------------------ bernoulli, exponential

function check_p(p: number): void {
  if (!(p >= 0 && p <= 1))
    throw new Error(`bernoulli_ expects p to be in [0, 1], but got p=${cpp_double(p)}`);
}

/** The fill of bernoulli_(p_tensor): p broadcast to self, read in self's iteration order. */
function bernoulli_tensor(self: Tensor, p: Tensor, gen: Generator): Fill {
  check_float_kernel("bernoulli_tensor_cpu_p_", p.dtype);
  const probs = p.expand(self.shape).contiguous();
  const pd = probs._storage.data;
  const po = probs._offset;
  const n = self.numel();
  for (let i = 0; i < n; i++) {
    const v = pd[po + i];
    if (!(v >= 0 && v <= 1)) throw new Error("Expected p_in >= 0 && p_in <= 1 to be true, but got false.");
  }
  return (out) => {
    const order = self.is_contiguous() ? null : iteration_order(self).logical;
    const vals = new Float64Array(n);
    for (let i = 0; i < n; i++) vals[i] = pd[po + (order ? order[i] : i)];
    S.bernoulli_tensor_fill(gen, out, vals, p.dtype === float64);
  };
}

const bernoulli_tensor_inplace = inplace_sampler("bernoulli", "BernoulliBackward1");
const bernoulli_scalar_inplace = inplace_sampler("bernoulli", "BernoulliBackward2");

/** Tensor.bernoulli_(p=0.5, {generator}); p a probability or a tensor of them. */
export function bernoulli_(
  self: Tensor,
  ...args: (number | Tensor | undefined | ({ p?: number | Tensor } & GenOption))[]
): Tensor {
  const a = kwargs<{ p: number | Tensor } & GenOption>("bernoulli_", args, ["p", "generator"]);
  const p = a.p ?? 0.5;
  const gen = resolve_generator(a.generator);
  if (p instanceof Tensor) return bernoulli_tensor_inplace(self, bernoulli_tensor(self, p, gen));
  check_p(p);
  return bernoulli_scalar_inplace(self, (out) => S.bernoulli_scalar_fill(gen, out, p));
}

const bernoulli_probs: OpFn<[probs: Tensor, gen: Generator]> = defineOp({
  name: "bernoulli",
  node: "BernoulliBackward0",
  forward: (_ctx, probs: Tensor, gen: Generator) => {
    const t = empty_tensor(probs.shape, probs.dtype);
    sample_into(t, bernoulli_tensor(t, probs, gen));
    return t;
  },
  // self: zeros_like(grad)
  backward: (_ctx, grad) => [grad.new_zeros(grad.shape)],
});

/** torch.bernoulli's keyword options: p may be given by name too (bernoulli(input, p=0.3)). */
export type BernoulliOptions = { p?: number } & GenOption;

/**
 * torch.bernoulli(input, {generator}): 0/1 draws with probabilities `input`; or
 * torch.bernoulli(input, p, {generator}): shaped like input with a scalar probability p.
 */
export function bernoulli(input: Tensor, p?: number | BernoulliOptions, options: GenOption = {}): Tensor {
  const o = kwargs<BernoulliOptions>("bernoulli", typeof p === "object" ? [p] : [p, options], [
    "p",
    "generator",
  ]);
  const gen = resolve_generator(o.generator);
  if (o.p === undefined) return bernoulli_probs(input, gen);
  const prob = o.p;
  check_p(prob);
  const t = empty_tensor(input.shape, input.dtype);
  sample_into(t, (out) => S.bernoulli_scalar_fill(gen, out, prob));
  return t;
}

const exponential_inplace = inplace_sampler("exponential", "ExponentialBackward0");

/** Tensor.exponential_(lambd=1, {generator}): `-1/lambd * log(1 - u)` with a 53-bit u. */
export function exponential_(self: Tensor, ...args: SamplerArgs<"lambd">): Tensor {
  const a = kwargs<Kw<"lambd">>("exponential_", args, ["lambd", "generator"]);
  const lambd = a.lambd ?? 1;
  if (!self.dtype.is_floating_point) {
    throw new Error(
      `Exponential distribution is a continuous probability distribution. dtype must be a floating point but you specified ${scalar_type_name(self.dtype)}`,
    );
  }
  if (!(lambd > 0))
    throw new Error(`exponential_ expects lambda > 0.0, but found lambda=${cpp_double(lambd)}`);
  const gen = resolve_generator(a.generator);
  return exponential_inplace(self, (out) => S.exponential_fill(gen, out, lambd));
}

// ------------------------------------------------------------------ *_like

/** torch.rand_like(input, {dtype, generator, requires_grad}) */
export function rand_like(input: Tensor, options: SamplerOptions = {}): Tensor {
  check_factory_options("rand_like", options, SAMPLER_KEYS);
  return rand_impl(input.shape, options.dtype ?? input.dtype, options);
}

/** torch.randn_like(input, {dtype, generator, requires_grad}) */
export function randn_like(input: Tensor, options: SamplerOptions = {}): Tensor {
  check_factory_options("randn_like", options, SAMPLER_KEYS);
  return randn_impl(input.shape, options.dtype ?? input.dtype, 0, 1, options);
}

export { dropout, feature_dropout } from "../layers/dropout.js";

/** The op table of this file (src/ops/table.ts): its ops' torch.X functions and Tensor methods. */
export default op_table({
  bernoulli: { fn: bernoulli, variants: "function, method", inplace: bernoulli_ },
  exponential_: { fn: exponential_, variants: "method" },
  normal: { fn: normal, variants: "function", inplace: normal_ },
  rand: { fn: rand, variants: "function" },
  rand_like: { fn: rand_like, variants: "function" },
  randint: { fn: randint, variants: "function" },
  randint_like: { fn: randint_like, variants: "function" },
  randn: { fn: randn, variants: "function" },
  randn_like: { fn: randn_like, variants: "function" },
  random_: { fn: random_, variants: "method" },
  randperm: { fn: randperm, variants: "function" },
  uniform_: { fn: uniform_, variants: "method" },
});
