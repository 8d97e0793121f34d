/**
 * Statistics and norms: var, std (PyTorch 2.x signatures: `x.std(dim, unbiased, keepdim)` and
 * `x.std(dim, { correction, keepdim })`), var_mean, std_mean, norm and
 * linalg.vector_norm, logsumexp. var and std are the backend's var_mean kernel; the other
 * forwards compute in float64 temporaries. All round once into the result (PyTorch's CPU var
 * also accumulates float32 in double, with Welford's method);
 * backwards are derivatives.yaml's formulas in tensor ops, with masks as constants.
 */
import { float64, get_default_dtype, type DType, scalar_type_name } from "../../dtype.js";
import type { Tensor } from "../../tensor/tensor.js";
import { is_options, kwargs } from "../../tensor/args.js";
import { kernels } from "../../backends/index.js";
import { empty_tensor, from_array } from "../../tensor/make.js";
import { defineMultiOp, defineOp, type OpFn } from "../../autograd/define.js";
import { mean } from "./sum.js";
import {
  cast,
  const_binary,
  const_unary,
  reduce_dims,
  reduce_dims_of,
  reduce_kernel,
  reduced_numel,
  reduced_shape,
  unsqueeze_reduced,
  type Dims,
} from "./reduce_kernel.js";
import { op_table } from "../table.js";

/** A float64 temporary (contiguous) rounded into a new tensor of dtype with the given shape. */
function finish(t64: Tensor, shape: readonly number[], dtype: DType): Tensor {
  const c = cast(t64, dtype);
  return from_array(c._storage.data, shape, dtype);
}

type Kind = "var" | "std";

function check_var_dtype(x: Tensor): void {
  if (!x.dtype.is_floating_point)
    throw new Error("std and var only support floating point and complex dtypes");
}

/** var (or std) over dims in x's dtype and the result's shape, and the mean when asked. */
function var_std_kernel(
  kind: Kind,
  x: Tensor,
  dims: number[],
  correction: number,
  keepdim: boolean,
  with_mean: boolean,
): { r: Tensor; m: Tensor | null } {
  const shape = reduced_shape(x.shape, dims, keepdim);
  const r = empty_tensor(shape, x.dtype);
  const m = with_mean ? empty_tensor(shape, x.dtype) : null;
  kernels().var_mean(x._view(), dims, correction, kind === "std", r._view(), m ? m._view() : null);
  return { r, m };
}

/** var_backward: (2 / (N - correction)) * grad * (self - self.mean(dim, true)), grad in keepdim shape. */
function var_backward(grad: Tensor, x: Tensor, dims: number[], correction: number): Tensor {
  const dof = reduced_numel(x.shape, dims) - correction;
  return grad.mul(2 / dof).mul(x.sub(mean(x, dims, true)));
}

/** std_backward: var_backward(grad / (2 * result)), zero where the result is zero. */
function std_backward(grad: Tensor, result: Tensor, x: Tensor, dims: number[], correction: number): Tensor {
  const zero = const_binary("eq", result, result.new_zeros([]), result.dtype);
  const nonzero = const_binary("ne", result, result.new_zeros([]), result.dtype);
  const g = grad.div(result.add(zero).mul(2)).mul(nonzero);
  return var_backward(g, x, dims, correction);
}

function var_std_op(kind: Kind): OpFn<[x: Tensor, dim: Dims, correction: number, keepdim: boolean]> {
  return defineOp({
    name: kind,
    node: kind === "var" ? "VarBackward0" : "StdBackward0",
    forward(ctx, x: Tensor, dim: Dims, correction: number, keepdim: boolean) {
      check_var_dtype(x);
      const dims = reduce_dims(x, dim);
      const { r } = var_std_kernel(kind, x, dims, correction, keepdim, false);
      // var_backward reads self only; std_backward also reads the result
      if (kind === "var") ctx.save(x);
      else ctx.save(x, r);
      return r;
    },
    backward(ctx, grad) {
      const [x, r] = ctx.saved;
      const [, dim, correction, keepdim] = ctx.args;
      const dims = reduce_dims_of(x.shape, dim);
      const g = unsqueeze_reduced(grad, x.shape, dims, keepdim);
      if (kind === "var") return [var_backward(g, x, dims, correction)];
      return [std_backward(g, unsqueeze_reduced(r, x.shape, dims, keepdim), x, dims, correction)];
    },
  });
}

function var_std_mean_op(kind: Kind) {
  return defineMultiOp({
    name: `${kind}_mean`,
    node: kind === "var" ? "VarMeanBackward0" : "StdMeanBackward0",
    forward(ctx, x: Tensor, dim: Dims, correction: number, keepdim: boolean) {
      check_var_dtype(x);
      const dims = reduce_dims(x, dim);
      const { r, m } = var_std_kernel(kind, x, dims, correction, keepdim, true);
      if (kind === "var") ctx.save(x);
      else ctx.save(x, r);
      return [r, m!];
    },
    // self: var_backward(grads[0]) (or std_backward) + mean_backward(grads[1])
    backward(ctx, grads) {
      const [x, r] = ctx.saved;
      const [, dim, correction, keepdim] = ctx.args;
      const dims = reduce_dims_of(x.shape, dim);
      const [gv, gm] = grads;
      let out: Tensor | null = null;
      if (gv) {
        const g = unsqueeze_reduced(gv, x.shape, dims, keepdim);
        out =
          kind === "var"
            ? var_backward(g, x, dims, correction)
            : std_backward(g, unsqueeze_reduced(r, x.shape, dims, keepdim), x, dims, correction);
      }
      if (gm) {
        const g = unsqueeze_reduced(gm, x.shape, dims, keepdim)
          .expand(x.shape)
          .div(reduced_numel(x.shape, dims));
        out = out ? out.add(g) : g;
      }
      return [out];
    },
  });
}

const OPS = {
  var: var_std_op("var"),
  std: var_std_op("std"),
  var_mean: var_std_mean_op("var"),
  std_mean: var_std_mean_op("std"),
};

export interface VarOptions {
  dim?: Dims;
  unbiased?: boolean;
  correction?: number;
  keepdim?: boolean;
}
export type VarArgs =
  | []
  | [boolean]
  | [VarOptions]
  | [Dims]
  | [Dims, boolean]
  | [Dims, boolean, boolean]
  | [Dims, VarOptions]
  | [Dims, boolean, VarOptions]
  | [Dims, boolean, boolean, VarOptions];

/** PyTorch's var/std overloads: (unbiased), (dim, unbiased, keepdim), (dim, *, correction, keepdim). */
function parse_var(
  op: string,
  args: readonly unknown[],
): { dim: Dims; correction: number; keepdim: boolean } {
  if (typeof args[0] === "boolean") {
    const rest = args.slice(1);
    if (rest.length > 1 || (rest.length === 1 && !is_options(rest[0]))) {
      throw new TypeError(`${op}(): the (unbiased) form takes no other positional arguments`);
    }
    return { dim: null, correction: args[0] ? 1 : 0, keepdim: false };
  }
  const o = kwargs<{ dim: Dims; unbiased: boolean; keepdim: boolean; correction: number }>(op, args, [
    "dim",
    "unbiased",
    "keepdim",
    "correction",
  ]);
  if (o.unbiased !== undefined && o.correction !== undefined) {
    throw new Error(`${op}: Cannot specify both unbiased and correction`);
  }
  const correction = o.correction ?? (o.unbiased === false ? 0 : 1);
  return { dim: o.dim ?? null, correction, keepdim: o.keepdim ?? false };
}

/**
 * torch.var: the variance over dims (all by default) with Bessel's correction unless told otherwise: `{
 * correction }` (default 1) or the older `unbiased` flag, `keepdim` as in sum. Also exported as `var`.
 */
export function var_(x: Tensor, ...args: VarArgs): Tensor {
  const o = parse_var("var", args);
  return OPS.var(x, o.dim, o.correction, o.keepdim);
}
export { var_ as var };

/** The standard deviation, sqrt of {@link var}; same arguments. */
export function std(x: Tensor, ...args: VarArgs): Tensor {
  const o = parse_var("std", args);
  return OPS.std(x, o.dim, o.correction, o.keepdim);
}

/** torch.var_mean: [var, mean] (a tuple in PyTorch, an array here). */
export function var_mean(x: Tensor, ...args: VarArgs): [Tensor, Tensor] {
  const o = parse_var("var_mean", args);
  const [v, m] = OPS.var_mean(x, o.dim, o.correction, o.keepdim);
  return [v, m];
}

/** `[std, mean]` over the same dims (a tuple in PyTorch, an array here); same arguments as {@link var}. */
export function std_mean(x: Tensor, ...args: VarArgs): [Tensor, Tensor] {
  const o = parse_var("std_mean", args);
  const [s, m] = OPS.std_mean(x, o.dim, o.correction, o.keepdim);
  return [s, m];
}

/** |x| ** p summed, or the max/min of |x| for p = +-inf, in float64 keepdim shape. */
function vector_norm_f64(x: Tensor, p: number, dims: number[]): Tensor {
  const a = const_unary("abs", x, float64);
  if (p === Infinity) return reduce_kernel("max", a, dims, true, float64);
  if (p === -Infinity) return reduce_kernel("min", a, dims, true, float64);
  if (p === 0) return reduce_kernel("count_nonzero", a, dims, true, float64);
  if (p === 1) return reduce_kernel("sum", a, dims, true, float64);
  if (p === 2)
    return const_unary(
      "sqrt",
      reduce_kernel("sum", const_unary("square", a, float64), dims, true, float64),
      float64,
    );
  const s = reduce_kernel("sum", const_unary("pow_scalar", a, float64, p), dims, true, float64);
  return const_unary("pow_scalar", s, float64, 1 / p);
}

/** norm_backward of FunctionsManual.cpp; grad and norm in keepdim shape. */
function norm_backward(grad: Tensor, x: Tensor, p: number, norm: Tensor, dims: number[]): Tensor {
  if (p === 0) return grad.new_zeros(x.shape); // PyTorch returns no gradient: zeros, even for an inf grad
  const sgn = const_unary("sgn", x, x.dtype);
  if (p === 1) return grad.mul(sgn);
  if (p === Infinity || p === -Infinity) {
    const mask = const_binary("eq", const_unary("abs", x, x.dtype), norm, x.dtype);
    const nan = const_unary("isnan", x, x.dtype);
    const m = const_binary("logical_or", mask, nan, x.dtype);
    const count = reduce_kernel("sum", m, dims, true, x.dtype);
    return grad.div(count).mul(m).mul(sgn);
  }
  // |x| as x * sgn(x), so that double backward sees d|x| = sgn(x) dx
  const abs = (): Tensor => x.mul(sgn);
  if (p < 1) {
    const x_is_zero = const_binary("eq", x, x.new_zeros([]), x.dtype);
    const x_nonzero = const_binary("ne", x, x.new_zeros([]), x.dtype);
    const scaled = sgn
      .mul(
        abs()
          .add(x_is_zero)
          .pow(p - 1),
      )
      .mul(x_nonzero);
    return scaled.mul(grad).mul(norm.pow(1 - p));
  }
  const norm_is_zero = const_binary("eq", norm, norm.new_zeros([]), norm.dtype);
  const norm_nonzero = const_binary("ne", norm, norm.new_zeros([]), norm.dtype);
  const safe_norm = norm.add(norm_is_zero); // norm, with 1 where it is 0 (masked out below)
  if (p === 2) return grad.mul(x.div(safe_norm).mul(norm_nonzero));
  const scale = grad.div(safe_norm.pow(p - 1)).mul(norm_nonzero);
  const scaled = p < 2 ? sgn.mul(abs().pow(p - 1)) : x.mul(abs().pow(p - 2));
  return scaled.mul(scale);
}

const vector_norm_op: OpFn<
  [input: Tensor, p: number, dim: Dims, keepdim: boolean, dtype: DType | undefined]
> = defineOp({
  name: "linalg.vector_norm",
  // torch.norm dispatches to linalg.vector_norm in PyTorch 2.x, so both record this node
  node: "LinalgVectorNormBackward0",
  forward(ctx, input: Tensor, p: number, dim: Dims, keepdim: boolean, dtype: DType | undefined) {
    if (!input.dtype.is_floating_point) {
      throw new Error(
        `linalg.vector_norm: Expected a floating point or complex tensor as input. Got ${scalar_type_name(input.dtype)}`,
      );
    }
    // dtype= computes in that dtype; the engine casts the gradient back to the input's
    const x = dtype ? cast(input, dtype) : input;
    const dims = reduce_dims(x, dim);
    if ((p === Infinity || p === -Infinity) && x.numel() === 0) {
      throw new Error(
        "linalg.vector_norm cannot compute the inf norm on an empty tensor because the operation does not have an identity",
      );
    }
    const r = finish(vector_norm_f64(x, p, dims), reduced_shape(x.shape, dims, keepdim), x.dtype);
    ctx.save(x, r);
    return r;
  },
  backward(ctx, grad) {
    const [x, r] = ctx.saved;
    const [, p, dim, keepdim] = ctx.args;
    const dims = reduce_dims_of(x.shape, dim);
    const g = unsqueeze_reduced(grad, x.shape, dims, keepdim);
    return [norm_backward(g, x, p, unsqueeze_reduced(r, x.shape, dims, keepdim), dims)];
  },
});

export type Ord = number | "fro" | "nuc";
export type NormArgs =
  | []
  | [Ord | null]
  | [Ord | null, Dims]
  | [Ord | null, Dims, boolean]
  | [Ord | null, Dims, boolean, NormOptions]
  | [Ord | null, Dims, NormOptions]
  | [Ord | null, NormOptions]
  | [NormOptions];
// a type alias (not an interface) so it fits kwargs' Record<string, unknown> constraint
export type NormOptions = {
  p?: Ord | null;
  ord?: Ord;
  dim?: Dims;
  keepdim?: boolean;
  dtype?: DType;
};

function run_norm(
  x: Tensor,
  p: number,
  dim: Dims | undefined,
  keepdim: boolean,
  dtype: DType | undefined,
): Tensor {
  return vector_norm_op(x, p, dim ?? null, keepdim, dtype);
}

/** torch.norm(input, p='fro', dim=None, keepdim=False, dtype=None): a vector norm, as in 2.x. */
export function norm(x: Tensor, ...args: NormArgs): Tensor {
  const o = kwargs<NormOptions>("norm", args, ["p", "dim", "keepdim", "dtype"]);
  const p = o.p ?? "fro";
  if (typeof p === "string" && p !== "fro") {
    throw new Error(`norm(): p='${p}' (a matrix norm) is not supported by torch-ts; use 'fro' or a number`);
  }
  return run_norm(x, p === "fro" ? 2 : p, o.dim, o.keepdim ?? false, o.dtype);
}

/** torch.linalg.vector_norm(x, ord=2, dim=None, keepdim=False, *, dtype=None). */
export function vector_norm(x: Tensor, ...args: NormArgs): Tensor {
  const o = kwargs<NormOptions>("vector_norm", args, ["ord", "dim", "keepdim", "dtype"]);
  const ord = o.ord ?? 2;
  if (typeof ord !== "number") throw new TypeError("linalg.vector_norm: ord must be a number");
  return run_norm(x, ord, o.dim, o.keepdim ?? false, o.dtype);
}

const logsumexp_op: OpFn<[x: Tensor, dim: Dims, keepdim: boolean]> = defineOp({
  name: "logsumexp",
  node: "LogsumexpBackward0",
  forward(ctx, x: Tensor, dim: Dims, keepdim: boolean) {
    const dims = reduce_dims(x, dim);
    // subtract the max (0 where it is infinite, so -inf rows give -inf, not NaN) before exp
    const m = reduce_kernel("max", x, dims, true, float64);
    kernels().unary("nan_to_num", m._view(), m._view(), NaN, 0, 0);
    const e = const_unary("exp", const_binary("sub", x, m, float64), float64);
    const s = reduce_kernel("sum", e, dims, true, float64);
    kernels().unary("log", s._view(), s._view());
    kernels().binary("add", s._view(), m._view(), s._view());
    const dtype = x.dtype.is_floating_point ? x.dtype : get_default_dtype();
    const r = finish(s, reduced_shape(x.shape, dims, keepdim), dtype);
    ctx.save(x, r);
    return r;
  },
  // self: logsumexp_backward(grad, self, result, dim, keepdim) = grad * (self - result).exp()
  backward(ctx, grad) {
    const [x, r] = ctx.saved;
    const [, dim, keepdim] = ctx.args;
    const dims = reduce_dims_of(x.shape, dim);
    const g = unsqueeze_reduced(grad, x.shape, dims, keepdim);
    return [g.mul(x.sub(unsqueeze_reduced(r, x.shape, dims, keepdim)).exp())];
  },
});

/** torch.logsumexp(input, dim, keepdim=False): log(sum(exp(x))), stable for large inputs. */
export type LogsumexpArgs =
  [Dims] | [Dims, boolean] | [Dims, { keepdim?: boolean }] | [{ dim: Dims; keepdim?: boolean }];

/**
 * log(sum(exp(x))) over dim, computed without overflow for large inputs; integer inputs give the default
 * float dtype.
 */
export function logsumexp(x: Tensor, ...args: LogsumexpArgs): Tensor {
  const o = kwargs<{ dim: Dims; keepdim: boolean }>("logsumexp", args, ["dim", "keepdim"]);
  if (o.dim === undefined) throw new TypeError(`logsumexp() missing 1 required positional arguments: "dim"`);
  return logsumexp_op(x, o.dim, o.keepdim ?? false);
}

/** The op table of this file (src/ops/table.ts): its ops' torch.X functions and Tensor methods. */
export default op_table({
  logsumexp: { fn: logsumexp, variants: "function, method" },
  norm: { fn: norm, variants: "function, method" },
  std: { fn: std, variants: "function, method" },
  std_mean: { fn: std_mean, variants: "function" },
  var: { fn: var_, variants: "function, method" },
  var_mean: { fn: var_mean, variants: "function" },
});
