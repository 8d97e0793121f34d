/**
 * Ops that bound or replace values: relu, clamp / clip (scalar or tensor bounds), clamp_min,
 * clamp_max, nan_to_num. Their gradients pass where the input was kept and are zero where a
 * bound or replacement took over, masked with where() as derivatives.yaml's formulas do.
 *
 * PyTorch has two overloads of each clamp: scalar bounds (ClampBackward1, ClampMinBackward0)
 * and tensor bounds (ClampBackward0, ClampMinBackward1), the latter broadcasting and
 * differentiable in the bounds too. Both promote like a binary op: an int tensor clamped to
 * 0.5 is float.
 */
import { kernels } from "../../backends/index.js";
import { float32, float64, result_type, type DType } from "../../dtype.js";
import { broadcast_shapes } from "../../shape.js";
import { Tensor } from "../../tensor/tensor.js";
import { check_operand, kwargs } from "../../tensor/args.js";
import { NEW_TENSOR, operand_shape, type TensorOrScalar } from "../binary/binary_kernel.js";
import { defineOp, type OutputSink, type OpFn } from "../../autograd/define.js";
import { mask, mask_and, mask_or, masked_grad, threshold_backward, unary_kernel } from "./unary_kernel.js";
import { broadcast_view, scalar_view } from "../kernel_views.js";
import { op_table } from "../table.js";

/** max(x, 0), elementwise, keeping the dtype. The gradient at 0 (and -0) is 0, at NaN 1, as in PyTorch. */
export const relu: OpFn<[x: Tensor]> = defineOp({
  name: "relu",
  node: "ReluBackward0",
  forward: (ctx, x: Tensor) => {
    if (x.dtype.name === "bool") throw new Error("Boolean inputs not supported for relu");
    const r = unary_kernel(ctx, "relu", x, x.dtype);
    ctx.save(r);
    return r;
  },
  // self: threshold_backward(grad, result, 0): grad where result > 0 (or NaN), in one pass
  backward: (ctx, grad) => [threshold_backward(grad, ctx.saved[0], 0)],
});
/** In-place {@link relu}. */
export const relu_ = relu.inplace;

type Bound = number | null;
type Kind = "clamp" | "clamp_min" | "clamp_max";
const SCALAR_NODE: Record<Kind, string> = {
  clamp: "ClampBackward1",
  clamp_min: "ClampMinBackward0",
  clamp_max: "ClampMaxBackward0",
};

function check_bounds(min: unknown, max: unknown): void {
  if ((min === null || min === undefined) && (max === null || max === undefined)) {
    throw new Error("torch.clamp: At least one of 'min' or 'max' must not be None");
  }
}

function clamp_dtype(x: Tensor, bounds: (TensorOrScalar | null)[]): DType {
  const ops: (Tensor | number | boolean)[] = [x];
  for (const b of bounds) if (b !== null) ops.push(b);
  return result_type(ops);
}

/** clamp with scalar bounds: one unary kernel; a missing bound is infinite. */
const clamp_scalar_op: OpFn<[x: Tensor, min: Bound, max: Bound, _kind: Kind]> = defineOp({
  name: "clamp",
  node: (_x: Tensor, _min: Bound, _max: Bound, kind: Kind) => SCALAR_NODE[kind],
  forward(ctx, x: Tensor, min: Bound, max: Bound, kind: Kind) {
    ctx.save(x);
    const dtype = clamp_dtype(x, [min, max]);
    // PyTorch's clamp with one bound computes max(x, min) / min(x, max), which keeps x when that
    // bound is NaN; clamp_min / clamp_max and clamp with both bounds fill NaN (clamp_out,
    // clamp_min_out in TensorCompare.cpp)
    const one = kind === "clamp" && (min === null || max === null);
    const lo = min === null || (one && Number.isNaN(min)) ? -Infinity : min;
    const hi = max === null || (one && Number.isNaN(max)) ? Infinity : max;
    return unary_kernel(ctx, "clamp", x, dtype, lo, hi);
  },
  // self: clamp_backward(grad, self, min, max): grad where min <= self <= max
  backward(ctx, grad) {
    const [x] = ctx.saved;
    const [, min, max] = ctx.args;
    const ge = min !== null ? mask("ge", x, min) : null;
    const le = max !== null ? mask("le", x, max) : null;
    const keep = ge && le ? mask_and(ge, le) : (ge ?? le)!;
    return [masked_grad(keep, grad)];
  },
});

type TBound = TensorOrScalar | null;

/** min(max(x, min), max) over the broadcast shape of x and the bounds, into the op's output. */
function clamp_tensor_forward(ctx: OutputSink, x: Tensor, min: TBound, max: TBound): Tensor {
  const shape = broadcast_shapes(
    x.shape,
    broadcast_shapes(min === null ? [] : operand_shape(min), max === null ? [] : operand_shape(max)),
  );
  const out = ctx.output(shape, clamp_dtype(x, [min, max]));
  const view = (b: TensorOrScalar) =>
    b instanceof Tensor ? broadcast_view(b, shape) : scalar_view(Number(b), shape, float64);
  const k = kernels();
  const ov = out._view();
  let src = broadcast_view(x, shape);
  if (min !== null) {
    k.binary("maximum", src, view(min), ov);
    src = ov;
  }
  if (max !== null) k.binary("minimum", src, view(max), ov);
  return out;
}

/** torch.clamp(self, Tensor? min, Tensor? max): differentiable in all three. */
const clamp_tensor_op: OpFn<[x: Tensor, min: TBound, max: TBound]> = defineOp({
  name: "clamp",
  node: "ClampBackward0",
  differentiable: [0, 1, 2],
  forward(ctx, x: Tensor, min: TBound, max: TBound) {
    ctx.save(x);
    return clamp_tensor_forward(ctx, x, min, max);
  },
  backward(ctx, grad) {
    const [x] = ctx.saved;
    const [, min, max] = ctx.args;
    const [need_x, need_min, need_max] = ctx.needs_input_grad;
    if (min !== null && max !== null) {
      // self: where(self >= min & self <= max, grad, 0)
      // min: where(self < min & min < max, grad, 0); max: where(self > max | max < min, grad, 0)
      return [
        need_x ? masked_grad(mask_and(mask("ge", x, min), mask("le", x, max)), grad) : null,
        need_min ? masked_grad(mask_and(mask("lt", x, min), mask("lt", min, max)), grad) : null,
        need_max ? masked_grad(mask_or(mask("gt", x, max), mask("lt", max, min)), grad) : null,
      ];
    }
    if (min !== null) {
      return [
        need_x ? masked_grad(mask("ge", x, min), grad) : null,
        need_min ? masked_grad(mask("lt", x, min), grad) : null,
        null,
      ];
    }
    return [
      need_x ? masked_grad(mask("le", x, max!), grad) : null,
      null,
      need_max ? masked_grad(mask("gt", x, max!), grad) : null,
    ];
  },
});

/** clamp_min / clamp_max with a tensor bound (ClampMinBackward1 / ClampMaxBackward1). */
function one_bound_op(kind: "clamp_min" | "clamp_max"): OpFn<[x: Tensor, bound: TensorOrScalar]> {
  const is_min = kind === "clamp_min";
  return defineOp({
    name: kind,
    node: is_min ? "ClampMinBackward1" : "ClampMaxBackward1",
    differentiable: [0, 1],
    forward(ctx, x: Tensor, bound: TensorOrScalar) {
      ctx.save(x);
      return clamp_tensor_forward(ctx, x, is_min ? bound : null, is_min ? null : bound);
    },
    // clamp_min: self: where(self >= min, grad, 0); min: where(self < min, grad, 0)
    // clamp_max: self: where(self <= max, grad, 0); max: where(self > max, grad, 0)
    backward(ctx, grad) {
      const [x] = ctx.saved;
      const b = ctx.args[1];
      const [need_x, need_b] = ctx.needs_input_grad;
      return [
        need_x ? masked_grad(mask(is_min ? "ge" : "le", x, b), grad) : null,
        need_b ? masked_grad(mask(is_min ? "lt" : "gt", x, b), grad) : null,
      ];
    },
  });
}
const clamp_min_tensor_op: OpFn<[x: Tensor, bound: TensorOrScalar]> = one_bound_op("clamp_min");
const clamp_max_tensor_op: OpFn<[x: Tensor, bound: TensorOrScalar]> = one_bound_op("clamp_max");

type ClampBound = TensorOrScalar | null | undefined;
type ClampOptions = { min?: ClampBound; max?: ClampBound };
export type ClampArgs =
  | []
  | [min: ClampBound]
  | [min: ClampBound, max: ClampBound]
  | [ClampOptions]
  | [min: ClampBound, ClampOptions]
  | [min: ClampBound, max: ClampBound, ClampOptions];

function clamp_args(op: string, args: unknown[]): { min: TBound; max: TBound } {
  const a = kwargs<{ min: ClampBound; max: ClampBound }>(op, args, ["min", "max"]);
  const min = a.min ?? null;
  const max = a.max ?? null;
  if (min !== null) check_operand(op, "min", min);
  if (max !== null) check_operand(op, "max", max);
  check_bounds(min, max);
  return { min, max };
}

/**
 * PyTorch's overload choice: all given bounds tensors, or all numbers. A zero-dim tensor next
 * to a number is read as a number (Python's arg parser does that), anything else mixed is refused.
 */
function split_bounds(min: TBound, max: TBound): { tensors: boolean; min: TBound; max: TBound } {
  const t_min = min instanceof Tensor;
  const t_max = max instanceof Tensor;
  if (!t_min && !t_max) return { tensors: false, min, max };
  if ((t_min || min === null) && (t_max || max === null)) return { tensors: true, min, max };
  const as_number = (b: TBound): TBound => {
    if (!(b instanceof Tensor)) return b;
    if (b.ndim !== 0) {
      const got = [min, max].map((v) => (v instanceof Tensor ? "Tensor" : "float")).join(", ");
      throw new TypeError(
        `clamp() received an invalid combination of arguments - got (Tensor, ${got}), but expected one of: (Tensor input, Tensor min, Tensor max) or (Tensor input, Number min, Number max)`,
      );
    }
    return b.item();
  };
  return { tensors: false, min: as_number(min), max: as_number(max) };
}

function run_clamp(args: unknown[], x: Tensor, inplace: boolean): Tensor {
  const bounds = clamp_args("clamp", args);
  const { tensors, min, max } = split_bounds(bounds.min, bounds.max);
  if (tensors) return inplace ? clamp_tensor_op.inplace(x, min, max) : clamp_tensor_op(x, min, max);
  const lo = min === null ? null : Number(min);
  const hi = max === null ? null : Number(max);
  return inplace ? clamp_scalar_op.inplace(x, lo, hi, "clamp") : clamp_scalar_op(x, lo, hi, "clamp");
}

/** torch.clamp(input, min=None, max=None): scalar or tensor bounds (tensors broadcast). */
export function clamp(x: Tensor, ...args: ClampArgs): Tensor {
  return run_clamp(args, x, false);
}
/** In-place {@link clamp}. */
export function clamp_(x: Tensor, ...args: ClampArgs): Tensor {
  return run_clamp(args, x, true);
}
/** Alias of {@link clamp}. */
export const clip = clamp;
/** In-place {@link clip}. */
export const clip_ = clamp_;

function run_one_bound(
  kind: "clamp_min" | "clamp_max",
  x: Tensor,
  bound: TensorOrScalar,
  inplace: boolean,
): Tensor {
  check_operand(inplace ? `${kind}_` : kind, kind === "clamp_min" ? "min" : "max", bound);
  if (bound instanceof Tensor) {
    const op = kind === "clamp_min" ? clamp_min_tensor_op : clamp_max_tensor_op;
    return inplace ? op.inplace(x, bound) : op(x, bound);
  }
  const b = Number(bound);
  const [lo, hi] = kind === "clamp_min" ? [b, null] : [null, b];
  return inplace ? clamp_scalar_op.inplace(x, lo, hi, kind) : clamp_scalar_op(x, lo, hi, kind);
}

/** max(x, min), elementwise; `min` is a number or a tensor broadcast with x. */
export function clamp_min(x: Tensor, min: TensorOrScalar): Tensor {
  return run_one_bound("clamp_min", x, min, false);
}
/** In-place {@link clamp_min}. */
export function clamp_min_(x: Tensor, min: TensorOrScalar): Tensor {
  return run_one_bound("clamp_min", x, min, true);
}
/** min(x, max), elementwise; `max` is a number or a tensor broadcast with x. */
export function clamp_max(x: Tensor, max: TensorOrScalar): Tensor {
  return run_one_bound("clamp_max", x, max, false);
}
/** In-place {@link clamp_max}. */
export function clamp_max_(x: Tensor, max: TensorOrScalar): Tensor {
  return run_one_bound("clamp_max", x, max, true);
}

/** The largest finite value of a floating dtype: nan_to_num's default for +inf. */
function finite_max(d: DType): number {
  return d === float32 ? 3.4028234663852886e38 : d === float64 ? Number.MAX_VALUE : 0;
}

const nan_to_num_op: OpFn<[x: Tensor, nan: number, posinf: number | null, neginf: number | null]> = defineOp({
  name: "nan_to_num",
  node: "NanToNumBackward0",
  forward(ctx, x: Tensor, nan: number, posinf: number | null, neginf: number | null) {
    // integers and bools hold no NaN or inf: a copy
    if (!x.dtype.is_floating_point) return unary_kernel(ctx, "positive", x, x.dtype);
    ctx.save(x);
    const big = finite_max(x.dtype);
    return unary_kernel(ctx, "nan_to_num", x, x.dtype, nan, posinf ?? big, neginf ?? -big);
  },
  // self: grad * at::isfinite(self)
  backward: (ctx, grad) => [grad.mul(unary_mask_isfinite(ctx.saved[0], grad.dtype))],
});

/** isfinite(x) as 0/1 in dtype, for the product in nan_to_num's gradient. */
function unary_mask_isfinite(x: Tensor, dtype: DType): Tensor {
  return unary_kernel(NEW_TENSOR, "isfinite", x, dtype);
}

type NanToNumOptions = { nan?: number; posinf?: number | null; neginf?: number | null };
export type NanToNumArgs =
  | []
  | [nan?: number, posinf?: number | null, neginf?: number | null]
  | [NanToNumOptions]
  | [nan: number, NanToNumOptions]
  | [nan: number, posinf: number | null, NanToNumOptions]
  | [nan: number, posinf: number | null, neginf: number | null, NanToNumOptions];

function nan_to_num_args(args: unknown[]): [number, number | null, number | null] {
  const a = kwargs<NanToNumOptions>("nan_to_num", args, ["nan", "posinf", "neginf"]);
  return [a.nan ?? 0, a.posinf ?? null, a.neginf ?? null];
}

/** torch.nan_to_num(input, nan=0.0, posinf=None, neginf=None): inf defaults to the dtype's finite extremes. */
export function nan_to_num(x: Tensor, ...args: NanToNumArgs): Tensor {
  return nan_to_num_op(x, ...nan_to_num_args(args));
}
/** In-place {@link nan_to_num}. */
export function nan_to_num_(x: Tensor, ...args: NanToNumArgs): Tensor {
  return nan_to_num_op.inplace(x, ...nan_to_num_args(args));
}

/** The op table of this file (src/ops/table.ts): its ops' torch.X functions and Tensor methods. */
export default op_table({
  clamp: { fn: clamp, variants: "function, method", inplace: clamp_, inplace_variants: "function, method" },
  clamp_max: {
    fn: clamp_max,
    variants: "function, method",
    inplace: clamp_max_,
    inplace_variants: "function, method",
  },
  clamp_min: {
    fn: clamp_min,
    variants: "function, method",
    inplace: clamp_min_,
    inplace_variants: "function, method",
  },
  clip: { fn: clip, variants: "function, method", inplace: clip_, inplace_variants: "function, method" },
  nan_to_num: {
    fn: nan_to_num,
    variants: "function, method",
    inplace: nan_to_num_,
    inplace_variants: "function, method",
  },
  relu: { fn: relu, variants: "function, method", inplace: relu_, inplace_variants: "function, method" },
});
