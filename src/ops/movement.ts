/**
 * Views: ops whose result shares the input's storage (and version counter) with new sizes,
 * strides or offset. Their backwards map the gradient back into the input's layout.
 */
import { DType } from "../dtype.js";
import { fmt_shape, infer_size, normalize_dim, numel, view_strides } from "../shape.js";
import { Tensor } from "../tensor/tensor.js";
import { defineOp } from "./define.js";
import { contiguous } from "./convert.js";

export { normalize_dim };

/** A view of x with the given layout, sharing storage, version counter and base. */
export function make_view(
  x: Tensor,
  shape: readonly number[],
  strides: readonly number[],
  offset: number,
): Tensor {
  const v = new Tensor(x._storage, shape, strides, offset, x.dtype, x._vc);
  v._base = x._base ?? x;
  return v;
}

/** Shape arguments given as varargs or one array. */
export function shape_arg(size: readonly (number | readonly number[])[]): number[] {
  const first = size[0];
  return Array.isArray(first) ? (first as readonly number[]).slice() : (size as number[]).slice();
}

const view_op = defineOp({
  name: "view",
  node: "ViewBackward0",
  forward(_ctx, x: Tensor, shape: readonly number[]) {
    const target = infer_size(shape, x.numel());
    const strides = view_strides(x.shape, x._strides, target);
    if (!strides) {
      throw new Error(
        "view size is not compatible with input tensor's size and stride (at least one dimension spans across two contiguous subspaces). Use .reshape(...) instead.",
      );
    }
    return make_view(x, target, strides, x._offset);
  },
  backward: (ctx, grad) => [grad.reshape(ctx.inputs[0]?.shape ?? [])],
});

export function view(x: Tensor, ...shape: number[] | [readonly number[]] | [DType]): Tensor {
  if (shape[0] instanceof DType)
    throw new Error("view(dtype) is not supported: torch-ts has no bit reinterpretation");
  return view_op(x, shape_arg(shape as number[]));
}

const unsafe_view = defineOp({
  name: "reshape",
  node: "UnsafeViewBackward0",
  forward(_ctx, x: Tensor, shape: readonly number[]) {
    const strides = view_strides(x.shape, x._strides, shape);
    if (!strides) throw new Error("reshape: internal error, contiguous input not viewable");
    return make_view(x, shape, strides, x._offset);
  },
  backward: (ctx, grad) => [grad.reshape(ctx.inputs[0]?.shape ?? [])],
});

/** reshape: a view when the layout allows, else a contiguous copy viewed (as PyTorch). */
export function reshape(x: Tensor, ...shape: number[] | [readonly number[]]): Tensor {
  const target = infer_size(shape_arg(shape), x.numel());
  if (view_strides(x.shape, x._strides, target)) return view_op(x, target);
  const c = contiguous(x);
  const r = unsafe_view(c, target);
  r._base = null; // the copy is owned
  return r;
}

const expand_op = defineOp({
  name: "expand",
  node: "ExpandBackward0",
  forward(_ctx, x: Tensor, size: readonly number[]) {
    const nd = size.length;
    const xd = x.shape.length;
    if (nd < xd) {
      throw new Error(
        `expand(${type_label(x)}{${fmt_shape(x.shape)}}, size=${fmt_shape(size)}): the number of sizes provided (${nd}) must be greater or equal to the number of dimensions in the tensor (${xd})`,
      );
    }
    const shape = new Array<number>(nd);
    const strides = new Array<number>(nd);
    for (let i = nd - 1; i >= 0; i--) {
      const j = i - (nd - xd);
      const want = size[i];
      if (j < 0) {
        if (want < 0) {
          throw new Error(
            `The expanded size of the tensor (${want}) isn't allowed in a leading, non-existing dimension ${i}`,
          );
        }
        shape[i] = want;
        strides[i] = 0;
        continue;
      }
      const have = x.shape[j];
      if (want === -1 || want === have) {
        shape[i] = have;
        strides[i] = x._strides[j];
      } else if (have === 1) {
        shape[i] = want;
        strides[i] = 0;
      } else {
        throw new Error(
          `The expanded size of the tensor (${want}) must match the existing size (${have}) at non-singleton dimension ${i}.  Target sizes: ${fmt_shape(size)}.  Tensor sizes: ${fmt_shape(x.shape)}`,
        );
      }
    }
    return make_view(x, shape, strides, x._offset);
  },
  // self: at::sum_to(grad, self.sizes()), done by the engine
  backward: (_ctx, grad) => [grad],
});

function type_label(x: Tensor): string {
  return {
    float32: "torch.FloatTensor",
    float64: "torch.DoubleTensor",
    int64: "torch.LongTensor",
    int32: "torch.IntTensor",
    bool: "torch.BoolTensor",
  }[x.dtype.name];
}

export function expand(x: Tensor, ...size: number[] | [readonly number[]]): Tensor {
  return expand_op(x, shape_arg(size));
}

const permute_op = defineOp({
  name: "permute",
  node: "PermuteBackward0",
  forward(_ctx, x: Tensor, dims: readonly number[]) {
    const nd = x.shape.length;
    if (dims.length !== nd) {
      throw new Error(
        `permute(sparse_coo): number of dimensions in the tensor input does not match the length of the desired ordering of dimensions i.e. input.dim() = ${nd} is not equal to len(dims) = ${dims.length}`.replace(
          "(sparse_coo)",
          "",
        ),
      );
    }
    const seen = new Set<number>();
    const d = dims.map((v) => {
      const n = normalize_dim(v, nd);
      if (seen.has(n)) throw new Error("permute(): duplicate dims are not allowed.");
      seen.add(n);
      return n;
    });
    return make_view(
      x,
      d.map((i) => x.shape[i]),
      d.map((i) => x._strides[i]),
      x._offset,
    );
  },
  backward(ctx, grad) {
    const nd = ctx.args[1].length;
    const inv = new Array<number>(nd);
    ctx.args[1].forEach((v, i) => (inv[normalize_dim(v, nd)] = i));
    return [grad.permute(inv)];
  },
});

export function permute(x: Tensor, ...dims: number[] | [readonly number[]]): Tensor {
  return permute_op(x, shape_arg(dims));
}

const transpose_op = defineOp({
  name: "transpose",
  node: (_x: Tensor, _a: number, _b: number, name: string) => name,
  forward(_ctx, x: Tensor, dim0: number, dim1: number, _name: string) {
    const nd = x.shape.length;
    if (nd === 0) return make_view(x, [], [], x._offset);
    const a = normalize_dim(dim0, nd);
    const b = normalize_dim(dim1, nd);
    const shape = x.shape.slice();
    const strides = x._strides.slice();
    [shape[a], shape[b]] = [shape[b], shape[a]];
    [strides[a], strides[b]] = [strides[b], strides[a]];
    return make_view(x, shape, strides, x._offset);
  },
  backward: (ctx, grad) => [grad.transpose(ctx.args[1], ctx.args[2])],
});

export function transpose(x: Tensor, dim0: number, dim1: number): Tensor {
  return transpose_op(x, dim0, dim1, "TransposeBackward0");
}

/** t(): transpose of a matrix; 0-D and 1-D tensors are returned as views unchanged. */
export function t(x: Tensor): Tensor {
  if (x.shape.length > 2) {
    throw new Error(`t() expects a tensor with <= 2 dimensions, but self is ${x.shape.length}D`);
  }
  return transpose_op(x, 0, x.shape.length < 2 ? 0 : 1, "TBackward0");
}

const squeeze_op = defineOp({
  name: "squeeze",
  node: (_x: Tensor, dims: readonly number[] | null) =>
    dims === null ? "SqueezeBackward0" : "SqueezeBackward1",
  forward(_ctx, x: Tensor, dims: readonly number[] | null) {
    const nd = x.shape.length;
    const drop = new Set(
      dims === null ? x.shape.flatMap((s, i) => (s === 1 ? [i] : [])) : dims.map((d) => normalize_dim(d, nd)),
    );
    const shape: number[] = [];
    const strides: number[] = [];
    x.shape.forEach((s, i) => {
      if (!(drop.has(i) && s === 1)) {
        shape.push(s);
        strides.push(x._strides[i]);
      }
    });
    return make_view(x, shape, strides, x._offset);
  },
  backward: (ctx, grad) => [grad.reshape(ctx.inputs[0]?.shape ?? [])],
});

export function squeeze(x: Tensor, dim?: number | readonly number[]): Tensor {
  return squeeze_op(x, dim === undefined ? null : typeof dim === "number" ? [dim] : dim);
}

const unsqueeze_op = defineOp({
  name: "unsqueeze",
  node: "UnsqueezeBackward0",
  forward(_ctx, x: Tensor, dim: number) {
    const nd = x.shape.length;
    const d = normalize_dim(dim, nd + 1);
    const shape = x.shape.slice();
    const strides = x._strides.slice();
    const st = d < nd ? shape[d] * strides[d] : 1;
    shape.splice(d, 0, 1);
    strides.splice(d, 0, st);
    return make_view(x, shape, strides, x._offset);
  },
  backward: (ctx, grad) => [grad.squeeze(ctx.args[1])],
});

export function unsqueeze(x: Tensor, dim: number): Tensor {
  return unsqueeze_op(x, dim);
}

/** select/narrow's backward: the gradient placed into zeros shaped like the input. */
const select_backward = defineOp({
  name: "select_backward",
  node: "SelectBackwardBackward0",
  forward(_ctx, grad: Tensor, shape: readonly number[], dim: number, index: number) {
    const z = grad.new_zeros(shape);
    z.select(dim, index).copy_(grad);
    return z;
  },
  backward: (ctx, gg) => [gg.select(ctx.args[2], ctx.args[3])],
});

const select_op = defineOp({
  name: "select",
  node: "SelectBackward0",
  forward(_ctx, x: Tensor, dim: number, index: number) {
    const nd = x.shape.length;
    if (nd === 0) throw new RangeError("select() cannot be applied to a 0-dim tensor.");
    const d = normalize_dim(dim, nd);
    const size = x.shape[d];
    if (index < -size || index >= size) {
      throw new RangeError(
        `select(): index ${index} out of range for tensor of size ${fmt_shape(x.shape)} at dimension ${d}`,
      );
    }
    const i = index < 0 ? index + size : index;
    const shape = x.shape.slice();
    const strides = x._strides.slice();
    shape.splice(d, 1);
    strides.splice(d, 1);
    return make_view(x, shape, strides, x._offset + i * x._strides[d]);
  },
  backward: (ctx, grad) => {
    const shape = ctx.inputs[0]?.shape ?? [];
    const d = normalize_dim(ctx.args[1], shape.length);
    const i = ctx.args[2] < 0 ? ctx.args[2] + shape[d] : ctx.args[2];
    return [select_backward(grad, shape, d, i)];
  },
});

export function select(x: Tensor, dim: number, index: number): Tensor {
  return select_op(x, dim, index);
}

const narrow_backward = defineOp({
  name: "slice_backward",
  node: "SliceBackwardBackward0",
  forward(_ctx, grad: Tensor, shape: readonly number[], dim: number, start: number, length: number) {
    const z = grad.new_zeros(shape);
    z.narrow(dim, start, length).copy_(grad);
    return z;
  },
  backward: (ctx, gg) => [gg.narrow(ctx.args[2], ctx.args[3], ctx.args[4])],
});

const narrow_op = defineOp({
  name: "narrow",
  node: "SliceBackward0",
  forward(_ctx, x: Tensor, dim: number, start: number, length: number) {
    const nd = x.shape.length;
    if (nd === 0) throw new RangeError("narrow() cannot be applied to a 0-dim tensor.");
    const d = normalize_dim(dim, nd);
    const size = x.shape[d];
    const s = start < 0 ? start + size : start;
    if (s < 0 || s > size) {
      throw new RangeError(
        `start out of range (expected to be in range of [${-size}, ${size}], but got ${start})`,
      );
    }
    if (length < 0 || s + length > size) {
      throw new Error(`start (${s}) + length (${length}) exceeds dimension size (${size}).`);
    }
    const shape = x.shape.slice();
    shape[d] = length;
    return make_view(x, shape, x._strides, x._offset + s * x._strides[d]);
  },
  backward: (ctx, grad) => {
    const shape = ctx.inputs[0]?.shape ?? [];
    const d = normalize_dim(ctx.args[1], shape.length);
    const s = ctx.args[2] < 0 ? ctx.args[2] + shape[d] : ctx.args[2];
    return [narrow_backward(grad, shape, d, s, ctx.args[3])];
  },
});

export function narrow(x: Tensor, dim: number, start: number, length: number): Tensor {
  return narrow_op(x, dim, start, length);
}

const as_strided_op = defineOp({
  name: "as_strided",
  node: "AsStridedBackward0",
  forward(_ctx, x: Tensor, size: readonly number[], stride: readonly number[], offset: number) {
    if (size.length !== stride.length) {
      throw new Error(`mismatch in length of strides and shape`);
    }
    let max = offset;
    size.forEach((s, i) => (max += s > 0 ? (s - 1) * stride[i] : 0));
    if (size.some((s) => s === 0) ? false : max >= x._storage.length) {
      throw new Error(
        `setStorage: sizes ${fmt_shape(size)}, strides ${fmt_shape(stride)}, storage offset ${offset}, and itemsize ${x.dtype.itemsize} requiring a storage size of ${(max + 1) * x.dtype.itemsize} are out of bounds for storage of size ${x._storage.length * x.dtype.itemsize}`,
      );
    }
    return make_view(x, size.slice(), stride.slice(), offset);
  },
  backward(ctx, grad) {
    // scatter-add the gradient through the same strided window of a zero buffer shaped like
    // the input's storage, then read the input's own window back
    const [, size, stride, offset] = ctx.args;
    const meta = ctx.inputs[0];
    const shape = meta?.shape ?? [];
    const n = numel(shape);
    const flat = grad.new_zeros([
      Math.max(n, offset + 1 + size.reduce((p, s, i) => p + (s > 0 ? (s - 1) * stride[i] : 0), 0)),
    ]);
    flat.as_strided(size, stride, offset).add_(grad);
    return [flat.narrow(0, 0, n).view(shape)];
  },
});

export function as_strided(
  x: Tensor,
  size: readonly number[],
  stride: readonly number[],
  storage_offset?: number,
): Tensor {
  return as_strided_op(x, size, stride, storage_offset ?? x._offset);
}
