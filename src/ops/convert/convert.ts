/**
 * Copies and conversions: to(dtype), clone, contiguous, copy_, fill_, and the no-history
 * aliases behind detach() and .data.
 */
import { kernels } from "../../backends/index.js";
import * as dtypes from "../../dtype.js";
import type { DType, TypedArray } from "../../dtype.js";
import { broadcast_shapes, fmt_shape, preserve_strides, shapes_equal } from "../../shape.js";
import { Storage } from "../../tensor/storage.js";
import { Tensor } from "../../tensor/tensor.js";
import { py_type } from "../../format.js";
import { alloc, empty_tensor, scalar_tensor } from "../../tensor/make.js";
import type { VersionCounter } from "../../tensor/storage.js";
import { defineOp, type OpFn } from "../../autograd/define.js";
import { no_grad } from "../../autograd/grad_mode.js";
import { broadcast_view } from "../kernel_views.js";
import { op_table } from "../table.js";
import { type_name } from "../../dtype.js";
import { check_options, is_options } from "../../tensor/args.js";
import { check_cpu, is_device, type DeviceLike } from "../../device.js";

export { dtypes, type_name };

/**
 * A tensor sharing t's data and version counter `vc`, with no autograd history. It is not a
 * differentiable view (no _base): an in-place write through it never rebases t's history.
 */
export function alias(t: Tensor, vc: VersionCounter): Tensor {
  return new Tensor(t._storage, t.shape, t._strides, t._offset, t.dtype, vc);
}

/** A contiguous copy of t's data in `dtype`, outside autograd. */
export function contiguous_copy(t: Tensor, dtype: DType = t.dtype): Tensor {
  const out = empty_tensor(t.shape, dtype);
  kernels().copy(t._view(), out._view());
  return out;
}

/** t's values in row-major order: a window of its storage when contiguous, else of a copy's. */
export function row_major(t: Tensor): TypedArray {
  const c = t.is_contiguous() ? t : contiguous_copy(t);
  return c._storage.data.subarray(c._offset, c._offset + c.numel());
}

export function ones_like_tensor(t: Tensor): Tensor {
  const out = empty_tensor(t.shape, t.dtype);
  kernels().fill(out._view(), 1);
  return out;
}

const to_copy: OpFn<[x: Tensor, dtype: dtypes.DType]> = defineOp({
  name: "to",
  node: "ToCopyBackward0",
  forward: (_ctx, x: Tensor, dtype: DType) => contiguous_copy(x, dtype),
  backward: (ctx, grad) => [grad.to(ctx.inputs[0]?.dtype ?? grad.dtype)],
});

/** Tensor.to's keyword arguments. */
export interface ToOptions {
  dtype?: DType;
  device?: DeviceLike;
  copy?: boolean;
  non_blocking?: boolean;
}

/** Tensor.to's forms: (dtype), (device, dtype?), (other tensor), each with options, or options alone. */
export type ToArgs =
  | [dtype: DType, options?: ToOptions]
  | [device: DeviceLike, dtype?: DType, options?: ToOptions]
  | [device: DeviceLike, options?: ToOptions]
  | [other: Tensor, options?: ToOptions]
  | [options: ToOptions];

/** The option keys Tensor.to takes; Module.to takes them but `copy`. */
export const TENSOR_TO_KEYS = ["dtype", "device", "copy", "non_blocking"] as const;

/** What a to() call asks for: the dtype (undefined: keep) and whether a copy is forced. */
export interface ToRequest {
  dtype: DType | undefined;
  copy: boolean;
}

/**
 * Reads the arguments of a to() call: the one parser of Tensor.to and Module.to, so both refuse
 * a device other than the cpu, an unknown key and a value of the wrong type the same way.
 */
export function parse_to(args: readonly unknown[], keys: readonly string[] = TENSOR_TO_KEYS): ToRequest {
  let dtype: DType | undefined;
  let i = 0;
  const first = args[0];
  if (first instanceof dtypes.DType) {
    dtype = first;
    i = 1;
  } else if (first instanceof Tensor) {
    dtype = first.dtype;
    i = 1;
  } else if (is_device(first)) {
    check_cpu(first, "to");
    i = 1;
    if (args[1] instanceof dtypes.DType) {
      dtype = args[1];
      i = 2;
    }
  }
  const n = args.length;
  if (i === n) return { dtype, copy: false };
  const o = args[i];
  if (i + 1 < n || !is_options(o)) {
    const bad = i + 1 < n && is_options(o) ? i + 1 : i;
    throw new TypeError(
      `to() received an invalid combination of arguments: argument ${bad + 1} is ${py_type(args[bad])}; expected (dtype), (device, dtype?) or (tensor), then an options object`,
    );
  }
  check_options("to", o, keys);
  if (o.device !== undefined && o.device !== null) {
    if (!is_device(o.device)) {
      throw new TypeError(`to(): argument 'device' must be torch.device, not ${py_type(o.device)}`);
    }
    check_cpu(o.device, "to");
  }
  if (o.dtype !== undefined && o.dtype !== null) {
    if (!(o.dtype instanceof dtypes.DType)) {
      throw new TypeError(`to(): argument 'dtype' must be torch.dtype, not ${py_type(o.dtype)}`);
    }
    if (dtype !== undefined) throw new TypeError("to() got multiple values for argument 'dtype'");
    dtype = o.dtype;
  }
  for (const k of ["copy", "non_blocking"] as const) {
    const v = o[k];
    if (v !== undefined && typeof v !== "boolean") {
      throw new TypeError(`to(): argument '${k}' must be bool, not ${py_type(v)}`);
    }
  }
  return { dtype, copy: o.copy === true };
}

/** Tensor.to: returns self when nothing changes, as PyTorch does. */
export function to(x: Tensor, ...args: ToArgs): Tensor {
  const first = args[0];
  // the common call, x.to(dtype), without the general parse
  if (args.length === 1 && first instanceof dtypes.DType) return first === x.dtype ? x : to_copy(x, first);
  const r = parse_to(args);
  const dtype = r.dtype ?? x.dtype;
  if (dtype === x.dtype && !r.copy) return x;
  return to_copy(x, dtype);
}

/** A copy that keeps x's layout when it is dense (PyTorch's preserve_format), else row-major. */
function layout_copy(x: Tensor): Tensor {
  const strides = preserve_strides(x.shape, x._strides);
  const n = x.numel();
  const out = new Tensor(new Storage(alloc(x.dtype, n), x.dtype), x.shape.slice(), strides, 0, x.dtype);
  kernels().copy(x._view(), out._view());
  return out;
}

/**
 * A copy with its own storage, keeping the input's strides when they are dense (PyTorch's preserve_format);
 * differentiable.
 */
export const clone: OpFn<[Tensor]> = defineOp({
  name: "clone",
  node: "CloneBackward0",
  forward: (_ctx, x: Tensor) => layout_copy(x),
  backward: (_ctx, grad) => [grad],
});

const contiguous_op: OpFn<[x: Tensor]> = defineOp({
  name: "contiguous",
  node: "CloneBackward0",
  forward: (_ctx, x: Tensor) => contiguous_copy(x),
  backward: (_ctx, grad) => [grad],
});

/** The tensor itself when it is contiguous, else a contiguous copy (differentiable). */
export function contiguous(x: Tensor): Tensor {
  return x.is_contiguous() ? x : contiguous_op(x);
}

/**
 * The value copy_ writes: src broadcast to self's shape, in self's dtype. fill_ and zero_ are
 * the same write, recorded under their own node names (FillBackward2/3, ZeroBackward0).
 */
const copy_op: OpFn<[self: Tensor, src: number | boolean | Tensor, _node?: string | undefined]> = defineOp({
  name: "copy",
  node: (_self: Tensor, _src: Tensor | number | boolean, node?: string) => node ?? "CopyBackwards",
  // fill_ and zero_ (named nodes) may write an expanded tensor; copy_ may not, unless src is
  // self's very data (PyTorch's copy_ returns before its checks then: nothing to copy)
  allows_internal_overlap: (self: Tensor, src: Tensor | number | boolean, node?: string) =>
    node !== undefined || (src instanceof Tensor && same_data(self, src)),
  differentiable: [0, 1],
  forward(ctx, self: Tensor, src: Tensor | number | boolean, _node?: string) {
    const out = ctx.output(self.shape, self.dtype);
    if (src instanceof Tensor) {
      // src must broadcast to self's shape, not to a larger one (a [3] src into a [] self)
      const shape = broadcast_shapes(src.shape, self.shape);
      if (!shapes_equal(shape, self.shape)) {
        throw new Error(
          `output with shape ${fmt_shape(self.shape)} doesn't match the broadcast shape ${fmt_shape(shape)}`,
        );
      }
      kernels().copy(broadcast_view(src, self.shape), out._view());
    } else {
      kernels().fill(out._view(), self.dtype.name === "bool" ? (src ? 1 : 0) : Number(src));
    }
    return out;
  },
  // self: zeros_like(grad) (not grad * 0, which is NaN where grad is infinite); src: grad
  backward: (ctx, grad) => [grad.new_zeros(grad.shape), ctx.args[1] instanceof Tensor ? grad : null],
});

/** Whether two tensors are the same elements of one storage, as copy_'s early exit judges. */
function same_data(a: Tensor, b: Tensor): boolean {
  return (
    a === b ||
    (a._storage === b._storage &&
      a._offset === b._offset &&
      shapes_equal(a.shape, b.shape) &&
      a._strides.every((s, i) => s === b._strides[i]))
  );
}

/** Writes src (broadcast to this tensor's shape, cast to its dtype) into this tensor and returns it. */
export function copy_(self: Tensor, src: Tensor | number | boolean): Tensor {
  // an integer or bool self takes no history from src, and PyTorch checks nothing for autograd
  if (!self.dtype.is_floating_point && src instanceof Tensor && src.requires_grad) {
    return no_grad(() => copy_op.inplace(self, src));
  }
  return copy_op.inplace(self, src);
}

/** Fills the tensor with a value (a number, a bool or a 0-dim tensor) in place. */
export function fill_(self: Tensor, value: Tensor | number | boolean): Tensor {
  if (value instanceof Tensor && value.dim() !== 0) {
    throw new Error(
      `fill_ only supports 0-dimension value tensor but got tensor with ${value.dim()} dimensions.`,
    );
  }
  return value instanceof Tensor
    ? copy_op.inplace(self, value, "FillBackward3")
    : copy_op.inplace(
        self,
        scalar_tensor(dtypes.checked_convert(Number(value), self.dtype), self.dtype),
        "FillBackward2",
      );
}

/** Nested arrays of numbers (booleans for bool tensors), as Tensor.tolist(). */
export function tolist(t: Tensor): unknown {
  const d = t._storage.data;
  const is_bool = t.dtype.name === "bool";
  const rec = (dim: number, off: number): unknown => {
    if (dim === t.shape.length) return is_bool ? d[off] !== 0 : d[off];
    const out: unknown[] = [];
    for (let i = 0; i < t.shape[dim]; i++) out.push(rec(dim + 1, off + i * t._strides[dim]));
    return out;
  };
  return rec(0, t._offset);
}

/** torch.detach, torch.detach_ and torch.numel: PyTorch's function spellings of the methods. */
export function detach(x: Tensor): Tensor {
  return x.detach();
}
/** torch.detach_(x): x cut from the graph in place (see `Tensor.detach_`). */
export function detach_(x: Tensor): Tensor {
  return x.detach_();
}
/** torch.numel(x): the number of elements, x.numel(). */
export function numel(x: Tensor): number {
  return x.numel();
}
/** torch.is_floating_point(x): whether x's dtype is a floating one (PyTorch's takes a tensor). */
export function is_floating_point(x: Tensor): boolean {
  if (!(x instanceof Tensor)) {
    throw new TypeError(
      `is_floating_point(): argument 'input' (position 1) must be Tensor, not ${py_type(x)}`,
    );
  }
  return x.dtype.is_floating_point;
}
/** torch.zero_(x): x filled with zeros in place. */
export function zero_(x: Tensor): Tensor {
  return copy_op.inplace(x, scalar_tensor(0, x.dtype), "ZeroBackward0");
}

/** The op table of this file (src/ops/table.ts): its ops' torch.X functions and Tensor methods. */
export default op_table({
  clone: { fn: clone, variants: "function, method" },
  contiguous: { fn: contiguous, variants: "method" },
  copy_: { fn: copy_, variants: "method" },
  detach: { fn: detach, variants: "function", inplace: detach_, inplace_variants: "function" },
  fill_: { fn: fill_, variants: "function, method" },
  numel: { fn: numel, variants: "function" },
  is_floating_point: { fn: is_floating_point, variants: "function" },
  zero_: { fn: zero_, variants: "function, method" },
});
