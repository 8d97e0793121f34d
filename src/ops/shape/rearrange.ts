/**
 * Shaping ops beyond the primitive views: composite views (flatten, unflatten, movedim) and
 * copies that rearrange elements (flip, roll, repeat/tile; diagonals and triangles are in
 * diagonal.ts). The copies run the copy/fill kernels over strided views of input and output
 * (flip reads through negative strides, repeat through zero strides), so no kernel is special.
 */
import type { StridedView } from "../../backends/backend.js";
import { kernels } from "../../backends/index.js";
import { fmt_shape, normalize_dim, normalize_dims, numel, preserve_strides } from "../../shape.js";
import { Tensor } from "../../tensor/tensor.js";
import { kwargs } from "../../tensor/args.js";
import { empty_tensor } from "../../tensor/make.js";
import { contiguous_copy } from "../convert/convert.js";
import { defineOp, type OpFn } from "../../autograd/define.js";
import { ints_arg } from "../../errors.js";
import { permute, reshape, shape_arg } from "./views.js";
import { alias_view } from "./slice.js";
import { op_table } from "../table.js";

// ---------------------------------------------------------------- composite views

/** flatten(start_dim = 0, end_dim = -1): reshape of the dims in between; self when there are none. */
export function flatten(
  x: Tensor,
  ...args: [] | [number] | [number, number] | [...number[], FlattenOptions]
): Tensor {
  const o = kwargs<{ start_dim: number; end_dim: number }>("flatten", args, ["start_dim", "end_dim"]);
  const nd = x.shape.length;
  const start = normalize_dim(o.start_dim ?? 0, nd);
  const end = normalize_dim(o.end_dim ?? -1, nd);
  if (start > end) throw new Error("flatten() has invalid args: start_dim cannot come after end_dim");
  if (nd === 0) return reshape(x, [1]);
  if (start === end) return x;
  const shape = [...x.shape.slice(0, start), numel(x.shape.slice(start, end + 1)), ...x.shape.slice(end + 1)];
  return reshape(x, shape);
}
export interface FlattenOptions {
  start_dim?: number;
  end_dim?: number;
}

/** ravel: a flattened contiguous tensor (a view when x is contiguous). */
export function ravel(x: Tensor): Tensor {
  return x.contiguous().view(-1);
}

/** unflatten(dim, sizes): dim viewed as sizes (one may be -1), with PyTorch's messages. */
export function unflatten(x: Tensor, dim: number, sizes: readonly number[]): Tensor {
  const d = normalize_dim(dim, x.shape.length);
  if (sizes.length === 0) throw new Error("unflatten: sizes must be non-empty");
  const n = x.shape.length ? x.shape[d] : 1;
  let inferred: readonly number[];
  try {
    inferred = new_sizes(sizes, n);
  } catch (e) {
    const msg = (e as Error).message;
    throw new Error(
      msg.includes("is invalid for input of size")
        ? `unflatten: Provided sizes ${fmt_shape(sizes)} don't multiply up to the size of dim ${d} (${n}) in the input tensor`
        : `unflatten got an unexpected error:\n${msg}`,
    );
  }
  return x.view([...x.shape.slice(0, d), ...inferred, ...x.shape.slice(d + 1)]);
}

/** infer_size through a throwaway view of the right numel (shape.ts words the errors). */
function new_sizes(sizes: readonly number[], n: number): readonly number[] {
  return empty_tensor([n]).view(sizes).shape;
}

/** movedim(source, destination): a permute moving the listed dims, the rest keeping their order. */
export function movedim(
  x: Tensor,
  source: number | readonly number[],
  destination: number | readonly number[],
): Tensor {
  const src = typeof source === "number" ? [source] : source;
  const dst = typeof destination === "number" ? [destination] : destination;
  if (src.length !== dst.length) {
    throw new Error(
      `movedim: Invalid source or destination dims: source (${fmt_shape(src)} dims) should contain the same number of dims as destination (${fmt_shape(dst)} dims)`,
    );
  }
  const nd = x.shape.length;
  const ns = src.map((d) => normalize_dim(d, nd));
  const nds = dst.map((d) => normalize_dim(d, nd));
  if (new Set(ns).size !== ns.length)
    throw new Error(`movedim: repeated dim in \`source\` (${fmt_shape(src)})`);
  if (new Set(nds).size !== nds.length) {
    throw new Error(`movedim: repeated dim in \`destination\` (${fmt_shape(dst)})`);
  }
  if (nd === 0) return alias_view(x); // a scalar is moved nowhere: AliasBackward0, as PyTorch
  const order = new Array<number>(nd).fill(-1);
  ns.forEach((s, i) => (order[nds[i]] = s));
  const rest = x.shape.map((_, i) => i).filter((i) => !ns.includes(i));
  let k = 0;
  for (let i = 0; i < nd; i++) if (order[i] === -1) order[i] = rest[k++];
  return permute(x, order);
}
/** Alias of {@link movedim}. */
export const moveaxis = movedim;

/** A view of x reading dims `dims` backwards: offset at their last element, strides negated. */
function flipped(x: Tensor, dims: readonly number[]): StridedView {
  let offset = x._offset;
  const strides = x._strides.slice();
  for (const d of dims) {
    if (x.shape[d] > 0) offset += (x.shape[d] - 1) * strides[d];
    strides[d] = -strides[d];
  }
  return { data: x._storage.data, dtype: x.dtype, shape: x.shape, strides, offset };
}

/** flip over dims already normalized (dim_index's flip_dim reuses it for backward formulas). */
export const flip_op: OpFn<[Tensor, readonly number[]]> = defineOp({
  name: "flip",
  node: "FlipBackward0",
  forward(_ctx, x: Tensor, dims: readonly number[]) {
    // empty_like(self, preserve_format): a transposed input gives a transposed result
    const flat = empty_tensor([x.numel()], x.dtype);
    const out = new Tensor(flat._storage, x.shape.slice(), preserve_strides(x.shape, x._strides), 0, x.dtype);
    kernels().copy(flipped(x, dims), out._view());
    return out;
  },
  backward: (ctx, grad): Tensor[] => [flip_op(grad, ctx.args[1])],
});

/** A copy with the order of elements reversed along the given dims. */
export function flip(x: Tensor, ...dims: number[] | [readonly number[]]): Tensor {
  return flip_op(x, normalize_dims(shape_arg(dims), x.shape.length));
}
/** {@link flip} along dim 1 (left-right); needs at least two dims. */
export function fliplr(x: Tensor): Tensor {
  if (x.shape.length < 2) throw new Error("Input must be >= 2-d.");
  return flip_op(x, [1]);
}
/** {@link flip} along dim 0 (up-down); needs at least one dim. */
export function flipud(x: Tensor): Tensor {
  if (x.shape.length < 1) throw new Error("Input must be >= 1-d.");
  return flip_op(x, [0]);
}

/** Rolls `src` by `shift` along dim into `out` (same shape): two window copies. */
function roll_into(src: StridedView, out: StridedView, shift: number, dim: number): void {
  const n = src.shape[dim];
  const s = ((shift % n) + n) % n;
  const win = (v: StridedView, start: number, len: number): StridedView => {
    const shape = v.shape.slice();
    shape[dim] = len;
    return { ...v, shape, offset: v.offset + start * v.strides[dim] };
  };
  kernels().copy(win(src, 0, n - s), win(out, s, n - s));
  if (s > 0) kernels().copy(win(src, n - s, s), win(out, 0, s));
}

const roll_op: OpFn<[Tensor, readonly number[], readonly number[]]> = defineOp({
  name: "roll",
  node: "RollBackward0",
  forward(_ctx, x: Tensor, shifts: readonly number[], dims: readonly number[]) {
    if (x.numel() === 0) return contiguous_copy(x);
    if (dims.length === 0) {
      // no dims: roll the flattened tensor and view it back in x's shape
      const flat = contiguous_copy(x);
      const out = empty_tensor(x.shape, x.dtype);
      const n = x.numel();
      const v = (t: Tensor): StridedView => ({
        data: t._storage.data,
        dtype: t.dtype,
        shape: [n],
        strides: [1],
        offset: 0,
      });
      roll_into(v(flat), v(out), shifts[0], 0);
      return out;
    }
    let cur: StridedView = x._view();
    let out = x;
    dims.forEach((d, i) => {
      out = empty_tensor(x.shape, x.dtype);
      roll_into(cur, out._view(), shifts[i], d);
      cur = out._view();
    });
    return out;
  },
  // self: grad.roll(-shifts reversed, dims reversed)
  backward: (ctx, grad): Tensor[] => {
    const [, shifts, dims] = ctx.args;
    return [roll_op(grad, shifts.map((s) => -s).reverse(), dims.slice().reverse())];
  },
});

/** roll(shifts, dims?): an int or list each; without dims the flattened tensor rolls. */
export function roll(
  x: Tensor,
  ...args:
    | [number | readonly number[], (number | readonly number[] | null)?]
    | [{ shifts: number | readonly number[]; dims?: number | readonly number[] | null }]
    | [number | readonly number[], { dims?: number | readonly number[] | null }]
): Tensor {
  const o = kwargs<{ shifts: number | readonly number[]; dims: number | readonly number[] | null }>(
    "roll",
    args,
    ["shifts", "dims"],
  );
  const list = (v: number | readonly number[] | null | undefined) =>
    v === null || v === undefined ? [] : typeof v === "number" ? [v] : v.slice();
  const shifts = ints_arg("roll", "shifts", 1, list(o.shifts));
  const dims = list(o.dims);
  if (shifts.length === 0) throw new Error("`shifts` required");
  if (!(dims.length === 0 && shifts.length === 1) && shifts.length !== dims.length) {
    throw new Error(`shifts and dimensions must align. shifts: ${shifts.length}, dims:${dims.length}`);
  }
  if (x.dim() === 0 && dims.length > 0) {
    throw new RangeError(`Dimension specified as ${dims[0]} but tensor has no dimensions`);
  }
  // an empty tensor is copied before any dim is checked, as in PyTorch
  return roll_op(x, shifts, x.numel() === 0 ? dims : dims.map((d) => normalize_dim(d, x.shape.length)));
}

const repeat_op: OpFn<[x: Tensor, repeats: readonly number[]]> = defineOp({
  name: "repeat",
  node: "RepeatBackward0",
  forward(_ctx, x: Tensor, repeats: readonly number[]) {
    const pad = repeats.length - x.shape.length;
    const shape = repeats.map((r, i) => r * (i < pad ? 1 : x.shape[i - pad]));
    const neg = shape.find((r) => r < 0);
    if (neg !== undefined) {
      throw new Error(`Trying to create tensor with negative dimension ${neg}: ${fmt_shape(shape)}`);
    }
    const out = empty_tensor(shape, x.dtype);
    if (out.numel() === 0) return out;
    // out seen as [r0, s0, r1, s1, ...] (contiguous), x read with stride 0 along each r
    const split: number[] = [];
    const src: number[] = [];
    repeats.forEach((r, i) => {
      const j = i - pad;
      split.push(r, j < 0 ? 1 : x.shape[j]);
      src.push(0, j < 0 ? 0 : x._strides[j]);
    });
    const dst = empty_tensor(split, x.dtype)._strides;
    kernels().copy(
      { data: x._storage.data, dtype: x.dtype, shape: split, strides: src, offset: x._offset },
      { data: out._storage.data, dtype: out.dtype, shape: split, strides: dst, offset: 0 },
    );
    return out;
  },
  // self: repeat_backward(grad, repeats, self.sym_sizes()): sum over the copies
  backward(ctx, grad) {
    const repeats = ctx.args[1];
    const shape = ctx.inputs[0]?.shape ?? [];
    const pad = repeats.length - shape.length;
    const split = repeats.flatMap((r, i) => [r, i < pad ? 1 : shape[i - pad]]);
    const g = grad.reshape(split);
    const dims = repeats.map((_, i) => 2 * i);
    return [(dims.length ? g.sum(dims) : g).reshape(shape)];
  },
});

/** repeat(*sizes): the tensor tiled sizes[i] times along dim i (new leading dims allowed). */
export function repeat(x: Tensor, ...sizes: number[] | [readonly number[]]): Tensor {
  const repeats = ints_arg("repeat", "repeats", 1, shape_arg(sizes));
  if (repeats.length < x.shape.length) {
    throw new Error(
      "Number of dimensions of repeat dims can not be smaller than number of dimensions of tensor",
    );
  }
  return repeat_op(x, repeats);
}

/** tile(dims): repeat, with dims padded by leading ones up to x's rank. */
export function tile(x: Tensor, ...dims: number[] | [readonly number[]]): Tensor {
  const reps = ints_arg("tile", "dims", 1, shape_arg(dims));
  while (reps.length < x.shape.length) reps.unshift(1);
  return repeat_op(x, reps);
}

/** The op table of this file (src/ops/table.ts): its ops' torch.X functions and Tensor methods. */
export default op_table({
  flatten: { fn: flatten, variants: "function, method" },
  flip: { fn: flip, variants: "function, method" },
  fliplr: { fn: fliplr, variants: "function, method" },
  flipud: { fn: flipud, variants: "function, method" },
  moveaxis: { fn: moveaxis, variants: "function, method" },
  movedim: { fn: movedim, variants: "function, method" },
  ravel: { fn: ravel, variants: "function, method" },
  repeat: { fn: repeat, variants: "method" },
  roll: { fn: roll, variants: "function, method" },
  tile: { fn: tile, variants: "function, method" },
  unflatten: { fn: unflatten, variants: "function, method" },
});
