/**
 * Indexing: `x.index(...)` (Python's `x[...]`), `x.index_put_(...)` (Python's `x[...] = v`
 * and PyTorch's index_put_), take, masked_select, nonzero and argwhere. The dim-wise ops
 * (index_select, gather, scatter, index_add, ...) are in scatter_gather.ts and index_along_dim.ts, the advanced-indexing
 * ops in advanced.ts, the slice view in shape/slice.ts.
 *
 * x.index follows PyTorch's python_variable_indexing: integers, slices, null and "..." are
 * applied first, left to right, as views (select, slice, unsqueeze: the result shares x's
 * storage and its grad_fn is SelectBackward0 / SliceBackward0 / UnsqueezeBackward0, or
 * AliasBackward0 for `x[...]`); then, if any tensor indices were given, one advanced `index`
 * on that view copies (IndexBackward0).
 */
import { kernels } from "../../backends/index.js";
import { bool, int64 } from "../../dtype.js";
import { broadcast_shapes } from "../../shape.js";
import { Tensor } from "../../tensor/tensor.js";
import { empty_tensor, scalar_tensor } from "../../tensor/make.js";
import { parse_indices, type IndexArg, type IndexEntry } from "../../tensor/indexing.js";
import { kwargs } from "../../tensor/args.js";
import { contiguous_copy } from "../convert/convert.js";
import { check_inplace, defineOp, type OpFn } from "../../autograd/define.js";
import { check_bounds, laid_over, nonzero_column, nonzero_tensor } from "./index_views.js";
import { index_op, index_put_op, type TensorIndex } from "./advanced.js";
import { alias_view, slice_dim } from "../shape/slice.js";
import { select, unsqueeze } from "../shape/views.js";
import { broadcast_view } from "../kernel_views.js";
import { op_table } from "../table.js";
import { assert_no_overlap } from "../../tensor/overlap.js";

export { gather } from "./scatter_gather.js";
export { index_select } from "./index_along_dim.js";
export type { TensorIndex };

/** One index that PyTorch's Python bool turns into: a new dim holding all (true) or none. */
function bool_index(value: boolean): Tensor {
  return empty_tensor([value ? 1 : 0], int64);
}

/** The views of basic indexing applied to x, and the tensor indices left for `index`. */
function apply_slicing(
  x: Tensor,
  entries: readonly IndexEntry[],
  tuple: boolean,
): { view: Tensor; tensors: TensorIndex[] } {
  let specified = 0;
  for (const e of entries) {
    if (e.kind === "int" || e.kind === "slice") specified++;
    else if (e.kind === "tensor") specified += e.tensor.dtype === bool ? e.tensor.dim() : 1;
  }
  if (specified > x.dim()) throw new RangeError(`too many indices for tensor of dimension ${x.dim()}`);
  let r = x;
  let dim = 0;
  const tensors: TensorIndex[] = [];
  const record = (t: Tensor) => {
    while (tensors.length < dim) tensors.push(null);
    tensors.push(t);
    dim += t.dtype === bool ? t.dim() : 1;
  };
  entries.forEach((e, real_dim) => {
    switch (e.kind) {
      case "int": {
        const size = r.shape[dim];
        if (e.index < -size || e.index >= size) {
          throw new RangeError(
            `index ${e.index} is out of bounds for dimension ${real_dim} with size ${size}`,
          );
        }
        r = select(r, dim, e.index);
        break;
      }
      case "slice": {
        const size = r.shape[dim];
        // PyTorch skips a slice written as exactly start 0 (or none), stop == size, step 1 (or
        // none), except for a lone slice (x[0:n]); a missing stop is "to the end", never skipped
        const whole = (e.start ?? 0) === 0 && e.stop === size && (e.step ?? 1) === 1;
        if (!(tuple && whole)) r = slice_dim(r, dim, e.start, e.stop, e.step);
        dim++;
        break;
      }
      case "none":
        r = unsqueeze(r, dim);
        dim++;
        break;
      case "ellipsis":
        dim += x.dim() - specified;
        break;
      case "bool":
        r = unsqueeze(r, dim);
        record(bool_index(e.value));
        break;
      case "tensor":
        if (e.tensor.dtype.is_floating_point) {
          throw new RangeError("tensors used as indices must be long, int, byte or bool tensors");
        }
        record(e.tensor);
        break;
    }
  });
  return { view: r, tensors };
}

/**
 * x.index(...): Python's `x[...]`. Each argument is one element of the index: an integer,
 * `torch.slice(start, stop, step)` or a string "1:3" / ":" / "::2" / "-2:", null (new axis),
 * "..." (ellipsis), a boolean, an int64/int32 tensor or bool mask, or a JS array (an index
 * list). `x.index(0, "1:", null)` is `x[0, 1:, None]`; one argument is `x[a]`, not `x[(a,)]`.
 * Integers, slices, null and "..." alone give a view sharing x's storage; tensor indices copy.
 */
export function index(x: Tensor, ...args: IndexArg[]): Tensor {
  const entries = parse_indices(args);
  const { view, tensors } = apply_slicing(x, entries, args.length !== 1);
  if (tensors.length === 0) return view === x ? alias_view(x) : view;
  return index_op(view, tensors);
}

/** Python's setitem strips leading 1-dims of the value so it can broadcast (copy_to). */
function strip_leading_ones(v: Tensor): Tensor {
  let k = 0;
  while (k < v.dim() && v.shape[k] === 1) k++;
  return k === 0 ? v : v.reshape(v.shape.slice(k));
}

/** The values of a tensor-indexed assignment: leading 1-dims stripped, a number made a 0-dim tensor. */
function values_tensor(values: Tensor | number | boolean, dtype: Tensor["dtype"]): Tensor {
  return values instanceof Tensor ? strip_leading_ones(values) : scalar_tensor(Number(values), dtype);
}

/** True when the index is PyTorch's index_put_ form: tensors (or null for a whole dim) only. */
function tensor_only(indices: readonly IndexArg[]): indices is TensorIndex[] {
  return indices.every(
    (i) => i === null || (i instanceof Tensor && (i.dim() > 0 || i.dtype.is_floating_point)),
  );
}

/**
 * x.index_put_(indices, values, accumulate = false): in place, x[indices] = values (or +=
 * values with accumulate, where repeated indices all add up). `indices` is an array, either
 * PyTorch's index_put_ form, tensors one per leading dim with `null` meaning that whole dim
 * (`x.index_put_([null, idx], v)` is `x[:, idx] = v`), or anything x.index accepts, as
 * Python's `x[...] = v`: integers, slices and strings ("1:3", "..."), masks and JS arrays
 * (there `null` still means a whole dim, since a new axis changes nothing in an assignment).
 * values is a tensor (of x's dtype, for tensor indices) or a number; it broadcasts to the
 * shape of x[indices]. With tensor indices only this is PyTorch's index_put_ and records
 * IndexPutBackward0; with integers or slices it writes into a view of x, which under autograd
 * rebases x's history onto a CopySlices node, as in PyTorch.
 */
export function index_put_(
  x: Tensor,
  indices: readonly IndexArg[],
  values: Tensor | number | boolean,
  accumulate_arg: AccumulateArg = false,
): Tensor {
  const accumulate = accumulate_of("index_put_", accumulate_arg);
  if (tensor_only(indices)) {
    const v = values_tensor(values, x.dtype);
    check_put_overlap(x, indices, v, accumulate);
    return index_put_op.inplace(x, indices, v, accumulate);
  }
  check_inplace(x, x.requires_grad || (values instanceof Tensor && values.requires_grad));
  const entries = parse_indices(indices.map((i) => (i === null ? ":" : i)));
  const { view, tensors } = apply_slicing(x, entries, true);
  if (tensors.length) {
    const v = values_tensor(values, x.dtype);
    check_put_overlap(view, tensors, v, accumulate);
    index_put_op.inplace(view, tensors, v, accumulate);
  } else {
    const v = values instanceof Tensor ? strip_leading_ones(values) : values;
    if (accumulate) view.add_(v);
    else view.copy_(v);
  }
  return x;
}

/**
 * index_put_'s refusal of a value or index sharing memory with the written tensor. PyTorch
 * hands a single mask with a one-element value to masked_fill_ first, which does not check.
 */
function check_put_overlap(
  self: Tensor,
  indices: readonly (Tensor | null)[],
  value: Tensor,
  accumulate: boolean,
): void {
  const given = indices.filter((i): i is Tensor => i !== null);
  const masked_fill = !accumulate && value.numel() === 1 && given.length === 1 && given[0].dtype === bool;
  if (masked_fill) return;
  assert_no_overlap(self, value);
  for (const i of given) assert_no_overlap(self, i);
}

/** `accumulate` positionally or as PyTorch's keyword: `x.index_put_(i, v, { accumulate: true })`. */
export type AccumulateArg = boolean | { accumulate?: boolean };

function accumulate_of(op: string, arg: AccumulateArg): boolean {
  const { accumulate = false } = kwargs<{ accumulate: boolean }>(op, [arg], ["accumulate"]);
  if (typeof accumulate !== "boolean") {
    throw new TypeError(`${op}(): argument 'accumulate' must be bool, not ${typeof accumulate}`);
  }
  return accumulate;
}

/** torch.index_put(input, indices, values, accumulate): the out-of-place index_put_. */
export function index_put(
  input: Tensor,
  indices: readonly IndexArg[],
  values: Tensor | number | boolean,
  accumulate_arg: AccumulateArg = false,
): Tensor {
  const accumulate = accumulate_of("index_put_", accumulate_arg);
  if (tensor_only(indices)) {
    return index_put_op(input, indices, values_tensor(values, input.dtype), accumulate);
  }
  return index_put_(input.clone(), indices, values, accumulate);
}

// ---------------------------------------------------------------- take, masked_select

const take_op: OpFn<[x: Tensor, index: Tensor]> = defineOp({
  name: "take",
  node: "TakeBackward0",
  forward(ctx, x: Tensor, index: Tensor) {
    ctx.save(x); // derivatives.yaml: take_backward(grad, self, index) saves self
    if (index.dtype !== int64) {
      throw new Error(
        `take(): Expected a long tensor for index, but got ${index.dtype === bool ? "Bool" : "Int"}`,
      );
    }
    const n = x.numel();
    check_bounds(
      index,
      n,
      (v) => new RangeError(`out of range: tried to access index ${v} on a tensor of ${n} elements.`),
    );
    const src = x.is_contiguous() ? x : contiguous_copy(x);
    const out = empty_tensor(index.shape, x.dtype);
    const base = laid_over(
      { data: src._storage.data, dtype: src.dtype, offset: src._offset },
      index.shape,
      index.shape.map(() => 0),
    );
    kernels().index_gather(base, [{ index: index._view(), stride: 1, size: n }], out._view());
    return out;
  },
  // self: take_backward(grad, self, index): zeros(self).put_(index, grad, accumulate=True)
  backward(ctx, grad) {
    const shape = ctx.saved[0].shape;
    const flat = grad.new_zeros([shape.reduce((a, b) => a * b, 1)]);
    return [index_put_op(flat, [ctx.args[1].reshape(-1)], grad.reshape(-1), true).view(shape)];
  },
});

/** torch.take(input, index): input treated as 1-D (row-major), read at index. */
export function take(input: Tensor, index: Tensor): Tensor {
  return take_op(input, index);
}

const masked_select_op: OpFn<[x: Tensor, mask: Tensor]> = defineOp({
  name: "masked_select",
  node: "MaskedSelectBackward0",
  forward(ctx, x: Tensor, mask: Tensor) {
    if (mask.dtype !== bool) throw new Error("masked_select: expected BoolTensor for mask");
    // derivatives.yaml saves self (for its sizes): changing it in place fails backward
    ctx.save(x);
    const shape = broadcast_shapes(mask.shape, x.shape);
    const nz = nonzero_tensor(mask.expand(shape));
    const n = nz.shape[0];
    const xb = broadcast_view(x, shape);
    const out = empty_tensor([n], x.dtype);
    const terms = shape.map((_, d) => ({
      index: nonzero_column(nz, d),
      stride: xb.strides[d],
      size: shape[d],
    }));
    kernels().index_gather(laid_over(xb, [n], [0]), terms, out._view());
    return out;
  },
  // self: masked_select_backward(grad, self, mask): zeros of the broadcast shape, grad put at mask
  backward(ctx, grad) {
    const [x] = ctx.saved;
    const mask = ctx.args[1];
    const shape = broadcast_shapes(x.shape, mask.shape);
    // a 0-dim mask cannot index: both sides go through a 1-element view
    if (shape.length === 0) {
      return [index_put_op(grad.new_zeros([1]), [mask.reshape(1)], grad, true).reshape([])];
    }
    return [index_put_op(grad.new_zeros(shape), [mask.expand(shape)], grad, true)];
  },
});

/** torch.masked_select(input, mask): the elements where the (broadcast) mask is true, as 1-D. */
export function masked_select(input: Tensor, mask: Tensor): Tensor {
  return masked_select_op(input, mask);
}

// ---------------------------------------------------------------- nonzero, argwhere

/**
 * torch.nonzero(input, { as_tuple }): the indices of nonzero elements, an int64 [n, ndim]
 * tensor, or with as_tuple an array of ndim 1-D tensors (one per dim; a 0-dim input counts
 * as 1-D there, as in PyTorch).
 */
export function nonzero(input: Tensor, options: { as_tuple: true }): Tensor[];
export function nonzero(input: Tensor, options?: { as_tuple?: false }): Tensor;
export function nonzero(input: Tensor, options?: { as_tuple?: boolean }): Tensor | Tensor[];
export function nonzero(input: Tensor, options?: { as_tuple?: boolean }): Tensor | Tensor[] {
  if (!options?.as_tuple) return nonzero_tensor(input);
  const nz = nonzero_tensor(input.dim() === 0 ? input.reshape(1) : input);
  return nz.shape[1] === 0 ? [] : Array.from({ length: nz.shape[1] }, (_, d) => nz.select(1, d));
}

/** torch.argwhere(input): nonzero(input) as an [n, ndim] tensor. */
export function argwhere(input: Tensor): Tensor {
  return nonzero_tensor(input);
}

/** The op table of this file (src/ops/table.ts): its ops' torch.X functions and Tensor methods. */
export default op_table({
  argwhere: { fn: argwhere, variants: "function, method" },
  index: { fn: index, variants: "method" },
  index_put: {
    fn: index_put,
    variants: "function, method",
    inplace: index_put_,
    inplace_variants: "function, method",
  },
  masked_select: { fn: masked_select, variants: "function, method" },
  nonzero: { fn: nonzero, variants: "function, method" },
  take: { fn: take, variants: "function, method" },
});
