/**
 * Views: ops whose result shares the input's storage (and version counter) with new sizes,
 * strides or offset. Their backwards map the gradient back into the input's layout.
 * Composite views (flatten, movedim, diagonal, ...) are in rearrange.ts; views that split a
 * tensor into several (split, chunk, unbind) are in join_split.ts.
 */
import { DType, type_name } from "../../dtype.js";
import { fmt_shape, infer_size, normalize_dim, view_strides } from "../../shape.js";
import { Tensor } from "../../tensor/tensor.js";
import { check_inplace, defineOp, type OpFn } from "../../autograd/define.js";
import { contiguous } from "../convert/convert.js";
import { narrow_op } from "./slice.js";
import { make_view } from "./make_view.js";
import { int_arg, ints_arg } from "../../errors.js";
import { as_strided_backward, type Geometry } from "./as_strided_backward.js";
import { op_table } from "../table.js";

export { normalize_dim };

/** Shape arguments given as varargs or one array. */
export function shape_arg(size: readonly (number | readonly number[])[]): number[] {
  const first = size[0];
  return Array.isArray(first) ? (first as readonly number[]).slice() : (size as number[]).slice();
}

const VIEW_ERROR =
  "view size is not compatible with input tensor's size and stride (at least one dimension spans across two contiguous subspaces). Use .reshape(...) instead.";

/** A view with a new shape; `node` tells view (ViewBackward0) from reshape's alias. */
const view_op: OpFn<[x: Tensor, shape: readonly number[], _node: string]> = defineOp({
  name: "view",
  node: (_x: Tensor, _shape: readonly number[], node: string) => node,
  forward(_ctx, x: Tensor, shape: readonly number[], _node: string) {
    const target = infer_size(shape, x.numel());
    const strides = view_strides(x.shape, x._strides, target);
    if (!strides) throw new Error(VIEW_ERROR);
    return make_view(x, target, strides, x._offset);
  },
  // self: grad.reshape_symint(self.sym_sizes())
  backward: (ctx, grad) => [grad.reshape(ctx.inputs[0]?.shape ?? [])],
});

/**
 * A view of the same data with another shape (varargs or one array; one size may be -1). Throws when the
 * strides cannot express it (use {@link reshape} or `contiguous()` first). `view(dtype)` reinterprets the
 * bytes as a dtype of the same size.
 */
export function view(x: Tensor, ...shape: number[] | [readonly number[]] | [DType]): Tensor {
  if (shape[0] instanceof DType)
    throw new Error("view(dtype) is not supported: torch-ts has no bit reinterpretation");
  return view_op(x, shape_arg(shape as number[]), "ViewBackward0");
}

/**
 * at::_unsafe_view: a view of a fresh result (reshape's own contiguous copy, matmul's product)
 * that is not registered as a view: the result owns its storage.
 */
export const unsafe_view: OpFn<[x: Tensor, shape: readonly number[]]> = defineOp({
  name: "_unsafe_view",
  node: "UnsafeViewBackward0",
  forward(_ctx, x: Tensor, shape: readonly number[]) {
    const strides = view_strides(x.shape, x._strides, shape);
    if (!strides) throw new Error("_unsafe_view: internal error, input not viewable");
    const r = make_view(x, shape, strides, x._offset);
    r._base = null;
    return r;
  },
  backward: (ctx, grad) => [grad.reshape(ctx.inputs[0]?.shape ?? [])],
});

/**
 * reshape, as PyTorch 2.x: a contiguous input is viewed (ViewBackward0); another layout that
 * can be viewed gets _reshape_alias (ReshapeAliasBackward0); otherwise a contiguous copy is
 * viewed (UnsafeViewBackward0 over CloneBackward0), which owns its storage.
 */
export function reshape(x: Tensor, ...shape: number[] | [readonly number[]]): Tensor {
  if (x.is_contiguous()) return view_op(x, shape_arg(shape), "ViewBackward0");
  const target = infer_size(shape_arg(shape), x.numel());
  if (view_strides(x.shape, x._strides, target)) return view_op(x, target, "ReshapeAliasBackward0");
  return unsafe_view(contiguous(x), target);
}

const expand_op: OpFn<[x: Tensor, size: readonly number[]]> = defineOp({
  name: "expand",
  node: "ExpandBackward0",
  forward(_ctx, x: Tensor, size: readonly number[]) {
    const nd = size.length;
    const xd = x.shape.length;
    if (nd < xd) {
      throw new Error(
        `expand(${type_name(x.dtype)}{${fmt_shape(x.shape)}}, size=${fmt_shape(size)}): the number of sizes provided (${nd}) must be greater or equal to the number of dimensions in the tensor (${xd})`,
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

/**
 * A view with size-1 dims repeated to the given sizes without copying (-1 keeps a dim; new leading dims
 * allowed). Writing into the result in place is unsafe, as in PyTorch.
 */
export function expand(x: Tensor, ...size: number[] | [readonly number[]]): Tensor {
  return expand_op(x, shape_arg(size));
}

const permute_op: OpFn<[x: Tensor, dims: readonly number[]]> = defineOp({
  name: "permute",
  node: "PermuteBackward0",
  forward(_ctx, x: Tensor, dims: readonly number[]) {
    const nd = x.shape.length;
    if (dims.length !== nd) {
      // PyTorch 2.x words this check the same for dense and sparse tensors
      throw new Error(
        `permute(sparse_coo): number of dimensions in the tensor input does not match the length of the desired ordering of dimensions i.e. input.dim() = ${nd} is not equal to len(dims) = ${dims.length}`,
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

/** A view with the dims reordered: dim i of the result is dim `dims[i]` of the input. */
export function permute(x: Tensor, ...dims: number[] | [readonly number[]]): Tensor {
  return permute_op(x, shape_arg(dims));
}

const transpose_op: OpFn<[x: Tensor, dim0: number, dim1: number, _name: string]> = defineOp({
  name: "transpose",
  node: (_x: Tensor, _a: number, _b: number, name: string) => name,
  forward(_ctx, x: Tensor, dim0: number, dim1: number, _name: string) {
    const nd = x.shape.length;
    const a = normalize_dim(dim0, nd);
    const b = normalize_dim(dim1, nd);
    if (nd === 0) return make_view(x, [], [], x._offset);
    const shape = x.shape.slice();
    const strides = x._strides.slice();
    [shape[a], shape[b]] = [shape[b], shape[a]];
    [strides[a], strides[b]] = [strides[b], strides[a]];
    return make_view(x, shape, strides, x._offset);
  },
  backward: (ctx, grad) => [grad.transpose(ctx.args[1], ctx.args[2])],
});

/** transpose, also reached as swapaxes and swapdims. */
export function transpose(x: Tensor, dim0: number, dim1: number): Tensor {
  return transpose_op(x, dim0, dim1, "TransposeBackward0");
}
/** Alias of {@link transpose}. */
export const swapaxes = transpose;
/** Alias of {@link transpose}. */
export const swapdims = transpose;

/** t(): transpose of a matrix; 0-D and 1-D tensors are returned as views unchanged. */
export function t(x: Tensor): Tensor {
  if (x.shape.length > 2) {
    throw new Error(`t() expects a tensor with <= 2 dimensions, but self is ${x.shape.length}D`);
  }
  return transpose_op(x, 0, x.shape.length < 2 ? 0 : 1, "TBackward0");
}

/** Tensor.T: all dims reversed (PyTorch deprecates it for ndim != 2 but still permutes). */
export function numpy_T(x: Tensor): Tensor {
  const n = x.shape.length;
  return permute_op(
    x,
    x.shape.map((_, i) => n - 1 - i),
  );
}

/** Tensor.mT: the last two dims swapped. */
export function matrix_T(x: Tensor): Tensor {
  if (x.shape.length < 2) {
    throw new Error(
      `tensor.mT is only supported on matrices or batches of matrices. Got ${x.shape.length}-D tensor.`,
    );
  }
  return transpose(x, -2, -1);
}

/**
 * squeeze(): all size-1 dims (SqueezeBackward0); squeeze(dim) (1); squeeze(dims) (2, in 2.x);
 * squeeze_ records 3, 4 and 5 (2.x's derivatives.yaml lists the in-place overloads after them).
 */
const squeeze_op: OpFn<[x: Tensor, dims: number | readonly number[] | null, _inplace?: boolean | undefined]> =
  defineOp({
    name: "squeeze",
    node: (_x: Tensor, dims: number | readonly number[] | null, inplace?: boolean) =>
      `SqueezeBackward${(dims === null ? 0 : typeof dims === "number" ? 1 : 2) + (inplace ? 3 : 0)}`,
    forward(_ctx, x: Tensor, dims: number | readonly number[] | null, _inplace?: boolean) {
      const nd = x.shape.length;
      const list = dims === null ? null : typeof dims === "number" ? [dims] : dims;
      const drop = new Set(
        list === null
          ? x.shape.flatMap((s, i) => (s === 1 ? [i] : []))
          : list.map((d) => normalize_dim(d, nd)),
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
    // self: unsqueeze_to(grad, dim(s), self.sym_sizes())
    backward: (ctx, grad) => [grad.reshape(ctx.inputs[0]?.shape ?? [])],
  });

/** A view without size-1 dims: all of them, or only dim (a number or a list) where its size is 1. */
export function squeeze(x: Tensor, dim?: number | readonly number[] | null): Tensor {
  return squeeze_op(x, dim ?? null);
}

const unsqueeze_op: OpFn<[x: Tensor, dim: number, _inplace?: boolean | undefined]> = defineOp({
  name: "unsqueeze",
  node: (_x: Tensor, _dim: number, inplace?: boolean) =>
    inplace ? "UnsqueezeBackward1" : "UnsqueezeBackward0",
  forward(_ctx, x: Tensor, dim: number, _inplace?: boolean) {
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

/** A view with a new size-1 dim inserted at dim (negative counts from the end of the result). */
export function unsqueeze(x: Tensor, dim: number): Tensor {
  return unsqueeze_op(x, dim);
}

/** select/narrow's backward: the gradient placed into zeros shaped like the input. */
const select_backward: OpFn<[grad: Tensor, shape: readonly number[], dim: number, index: number]> = defineOp({
  name: "select_backward",
  node: "SelectBackwardBackward0",
  forward(_ctx, grad: Tensor, shape: readonly number[], dim: number, index: number) {
    const z = grad.new_zeros(shape);
    z.select(dim, index).copy_(grad);
    return z;
  },
  backward: (ctx, gg) => [gg.select(ctx.args[2], ctx.args[3])],
});

const select_op: OpFn<[x: Tensor, dim: number, index: number]> = defineOp({
  name: "select",
  node: "SelectBackward0",
  forward(_ctx, x: Tensor, dim: number, index: number) {
    const nd = x.shape.length;
    if (nd === 0) throw new RangeError("select() cannot be applied to a 0-dim tensor.");
    const d = normalize_dim(dim, nd);
    const size = x.shape[d];
    if (!Number.isInteger(index) || index < -size || index >= size) {
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

/** The slice at `index` along dim, as a view with that dim removed (Python's `x[:, i]` for dim 1). */
export function select(x: Tensor, dim: number, index: number): Tensor {
  return select_op(x, dim, index);
}

/** narrow, with PyTorch 2.x's checks (a negative start counts from the end). */
export function narrow(x: Tensor, dim: number, start: number, length: number): Tensor {
  int_arg("narrow", "start", 2, start);
  int_arg("narrow", "length", 3, length);
  const nd = x.shape.length;
  if (nd === 0) throw new Error("narrow() cannot be applied to a 0-dim tensor.");
  if (length < 0) throw new Error("narrow(): length must be non-negative.");
  const d = normalize_dim(dim, nd);
  const size = x.shape[d];
  if (start < -size || start > size) {
    throw new RangeError(
      `start out of range (expected to be in range of [${-size}, ${size}], but got ${start})`,
    );
  }
  const s = start < 0 ? start + size : start;
  if (s + length > size) {
    throw new Error(`start (${s}) + length (${length}) exceeds dimension size (${size}).`);
  }
  return narrow_op(x, d, s, length);
}

const as_strided_op: OpFn<
  [
    x: Tensor,
    size: readonly number[],
    stride: readonly number[],
    offset: number,
    _inplace?: boolean | undefined,
  ]
> = defineOp({
  name: "as_strided",
  node: (
    _x: Tensor,
    _size: readonly number[],
    _stride: readonly number[],
    _offset: number,
    inplace?: boolean,
  ) => (inplace ? "AsStridedBackward1" : "AsStridedBackward0"),
  forward(
    _ctx,
    x: Tensor,
    size: readonly number[],
    stride: readonly number[],
    offset: number,
    _inplace?: boolean,
  ) {
    if (size.length !== stride.length) throw new Error("mismatch in length of strides and shape");
    if (stride.some((s) => s < 0)) {
      throw new Error(
        `as_strided: Negative strides are not supported at the moment, got strides: ${fmt_shape(stride)}`,
      );
    }
    if (size.some((s) => s < 0)) {
      throw new Error(
        `Trying to create tensor with negative dimension ${size.find((s) => s < 0)}: ${fmt_shape(size)}`,
      );
    }
    if (offset < 0) throw new Error(`Tensor: invalid storage offset ${offset}`);
    let max = offset;
    size.forEach((s, i) => (max += s > 0 ? (s - 1) * stride[i] : 0));
    if (!size.some((s) => s === 0) && max >= x._storage.length) {
      throw new Error(
        `setStorage: sizes ${fmt_shape(size)}, strides ${fmt_shape(stride)}, storage offset ${offset}, and itemsize ${x.dtype.itemsize} requiring a storage size of ${(max + 1) * x.dtype.itemsize} are out of bounds for storage of size ${x._storage.length * x.dtype.itemsize}`,
      );
    }
    return make_view(x, size.slice(), stride.slice(), offset);
  },
  // self: as_strided_backward(grad, TensorGeometry(self), size, stride, storage_offset)
  backward(ctx, grad) {
    const [x, size, stride, offset] = ctx.args;
    const input: Geometry = { size: x.shape, stride: x._strides, offset: x._offset };
    return [as_strided_backward(grad, { size, stride, offset }, input)];
  },
});

/**
 * A view of the input's storage with the given size, strides and storage offset (the input's offset by
 * default). Nothing is checked against overlap: most users want {@link view} or `index`.
 */
export function as_strided(
  x: Tensor,
  size: readonly number[],
  stride: readonly number[],
  storage_offset?: number | null,
): Tensor {
  check_strided_args(size, stride, storage_offset);
  return as_strided_op(x, size, stride, storage_offset ?? x._offset);
}

function check_strided_args(
  size: readonly number[],
  stride: readonly number[],
  offset?: number | null,
): void {
  ints_arg("as_strided", "size", 1, size);
  ints_arg("as_strided", "stride", 2, stride);
  if (offset !== undefined && offset !== null) int_arg("as_strided", "storage_offset", 3, offset);
}

/**
 * The in-place view ops (t_, transpose_, squeeze_, unsqueeze_, as_strided_): self takes the
 * view's layout and, when recorded, its history (PyTorch's *Backward1 nodes). As in PyTorch,
 * they count as writes: the version goes up and a leaf that requires grad is refused.
 */
function take_layout(self: Tensor, view: (src: Tensor) => Tensor): Tensor {
  check_inplace(self, self.requires_grad);
  // the view is taken of a stand-in with self's layout and history, so that what the node
  // keeps of its input (as_strided's geometry) is not changed by self's new layout
  const src = new Tensor(self._storage, self.shape, self._strides, self._offset, self.dtype, self._vc);
  src.grad_fn = self.grad_fn;
  src._output_nr = self._output_nr;
  src._base = self._base;
  src._creation_meta = self._creation_meta;
  src._attr_version = self._attr_version;
  const v = view(src);
  self.shape = v.shape;
  self._strides = v._strides;
  self._offset = v._offset;
  if (v.grad_fn !== null) {
    self.grad_fn = v.grad_fn;
    self._output_nr = v._output_nr;
  }
  self._bump_version();
  // the new layout's node is current: the bump must not make a view regenerate it
  if (self._base !== null) self._attr_version = self._vc.version;
  return self;
}

export function t_(x: Tensor): Tensor {
  if (x.shape.length > 2) {
    throw new Error(`t_() expects a tensor with <= 2 dimensions, but self is ${x.shape.length}D`);
  }
  return take_layout(x, (s) => transpose_op(s, 0, s.shape.length < 2 ? 0 : 1, "TBackward1"));
}

export function transpose_(x: Tensor, dim0: number, dim1: number): Tensor {
  return take_layout(x, (s) => transpose_op(s, dim0, dim1, "TransposeBackward1"));
}

export function squeeze_(x: Tensor, dim?: number | readonly number[] | null): Tensor {
  return take_layout(x, (s) => squeeze_op(s, dim ?? null, true));
}

export function unsqueeze_(x: Tensor, dim: number): Tensor {
  return take_layout(x, (s) => unsqueeze_op(s, dim, true));
}

/** In-place {@link as_strided}: the tensor itself takes the new geometry. */
export function as_strided_(
  x: Tensor,
  size: readonly number[],
  stride: readonly number[],
  storage_offset?: number | null,
): Tensor {
  check_strided_args(size, stride, storage_offset);
  return take_layout(x, (s) => as_strided_op(s, size, stride, storage_offset ?? x._offset, true));
}

/** The op table of this file (src/ops/table.ts): its ops' torch.X functions and Tensor methods. */
export default op_table({
  as_strided: {
    fn: as_strided,
    variants: "function, method",
    inplace: as_strided_,
    inplace_variants: "function, method",
  },
  expand: { fn: expand, variants: "function, method" },
  narrow: { fn: narrow, variants: "function, method" },
  permute: { fn: permute, variants: "function, method" },
  reshape: { fn: reshape, variants: "function, method" },
  select: { fn: select, variants: "function, method" },
  squeeze: { fn: squeeze, variants: "function, method", inplace: squeeze_ },
  swapaxes: { fn: swapaxes, variants: "function, method", inplace: transpose_ },
  swapdims: { fn: swapdims, variants: "function, method", inplace: transpose_ },
  t: { fn: t, variants: "function, method", inplace: t_ },
  transpose: { fn: transpose, variants: "function, method", inplace: transpose_ },
  unsqueeze: { fn: unsqueeze, variants: "function, method", inplace: unsqueeze_ },
  view: { fn: view, variants: "function, method" },
});
