/**
 * Shaping ops beyond the primitive views: composite views (flatten, unflatten, movedim,
 * diagonal) and copies that rearrange elements (flip, roll, tril/triu, repeat/tile,
 * diag_embed). The copies run the copy/fill kernels over strided views of input and output
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
import { int_arg, ints_arg, make_view, permute, reshape, shape_arg } from "./views.js";
import { alias_view } from "./slice.js";

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
export const moveaxis = movedim;

/** diagonal's geometry: the two dims dropped, a new last dim walking both at once. */
function diagonal_view(x: Tensor, offset: number, d1: number, d2: number): Tensor {
  const size =
    offset >= 0
      ? Math.max(Math.min(x.shape[d1], x.shape[d2] - offset), 0)
      : Math.max(Math.min(x.shape[d1] + offset, x.shape[d2]), 0);
  let start = x._offset;
  if (size > 0) start += offset >= 0 ? offset * x._strides[d2] : -offset * x._strides[d1];
  const keep = x.shape.map((_, i) => i).filter((i) => i !== d1 && i !== d2);
  return make_view(
    x,
    [...keep.map((i) => x.shape[i]), size],
    [...keep.map((i) => x._strides[i]), x._strides[d1] + x._strides[d2]],
    start,
  );
}

const diagonal_backward: OpFn<[Tensor, readonly number[], number, number, number]> = defineOp({
  name: "diagonal_backward",
  node: "DiagonalBackwardBackward0",
  forward(_ctx, grad: Tensor, shape: readonly number[], offset: number, d1: number, d2: number) {
    const z = empty_tensor(shape, grad.dtype);
    kernels().copy(grad._view(), diagonal_view(z, offset, d1, d2)._view());
    return z;
  },
  backward: (ctx, gg): Tensor[] => [diagonal_op(gg, ctx.args[2], ctx.args[3], ctx.args[4])],
});

const diagonal_op: OpFn<[Tensor, number, number, number]> = defineOp({
  name: "diagonal",
  node: "DiagonalBackward0",
  forward: (_ctx, x: Tensor, offset: number, d1: number, d2: number) => diagonal_view(x, offset, d1, d2),
  backward: (ctx, grad): Tensor[] => {
    const [, offset, d1, d2] = ctx.args;
    return [diagonal_backward(grad, ctx.inputs[0]?.shape ?? [], offset, d1, d2)];
  },
});

interface DiagOptions {
  offset?: number;
  dim1?: number;
  dim2?: number;
}
type DiagArgs = [] | [number] | [number, number] | [number, number, number] | [...number[], DiagOptions];

function diag_args(op: string, args: readonly unknown[], nd: number): [number, number, number] {
  const o = kwargs<{ offset: number; dim1: number; dim2: number }>(op, args, ["offset", "dim1", "dim2"]);
  const dim1 = o.dim1 ?? (op === "diagonal" ? 0 : -2);
  const dim2 = o.dim2 ?? (op === "diagonal" ? 1 : -1);
  const d1 = normalize_dim(dim1, nd);
  const d2 = normalize_dim(dim2, nd);
  if (d1 === d2) throw new Error(`diagonal dimensions cannot be identical ${dim1}, ${dim2}`);
  return [int_arg(op, "offset", 1, o.offset ?? 0), d1, d2];
}

/** diagonal(offset = 0, dim1 = 0, dim2 = 1): a view. */
export function diagonal(x: Tensor, ...args: DiagArgs): Tensor {
  const [offset, d1, d2] = diag_args("diagonal", args, x.shape.length);
  return diagonal_op(x, offset, d1, d2);
}

const diag_embed_op = defineOp({
  name: "diag_embed",
  node: "DiagEmbedBackward0",
  forward(_ctx, x: Tensor, offset: number, d1: number, d2: number) {
    const n = Math.abs(offset) + (x.shape.length ? x.shape[x.shape.length - 1] : 1);
    const shape = x.shape.slice(0, -1);
    shape.splice(Math.min(d1, d2), 0, n);
    shape.splice(Math.max(d1, d2), 0, n);
    const out = empty_tensor(shape, x.dtype);
    kernels().copy(x._view(), diagonal_view(out, offset, d1, d2)._view());
    return out;
  },
  // self: grad.diagonal(offset, dim1, dim2)
  backward: (ctx, grad) => [diagonal_op(grad, ctx.args[1], ctx.args[2], ctx.args[3])],
});

/** diag_embed(offset = 0, dim1 = -2, dim2 = -1): the last dim laid on diagonals of new matrices. */
export function diag_embed(x: Tensor, ...args: DiagArgs): Tensor {
  const [offset, d1, d2] = diag_args("diag_embed", args, x.shape.length + 1);
  return diag_embed_op(x, offset, d1, d2);
}

/** diagonal_copy: 2.x generates its node from diagonal's formula, named DiagonalBackward0_copy. */
const diagonal_copy_op = defineOp({
  name: "diagonal_copy",
  node: "DiagonalBackward0_copy",
  forward: (_ctx, x: Tensor, offset: number) => contiguous_copy(diagonal_view(x, offset, 0, 1)),
  backward: (ctx, grad) => [diagonal_backward(grad, ctx.inputs[0]?.shape ?? [], ctx.args[1], 0, 1)],
});

/** diag(offset = 0): a vector onto a diagonal (diag_embed), or a matrix's diagonal as a copy. */
export function diag(x: Tensor, diagonal = 0): Tensor {
  const nd = x.shape.length;
  if (nd !== 1 && nd !== 2) throw new Error(`diag(): Supports 1D or 2D tensors. Got ${nd}D`);
  int_arg("diag", "diagonal", 1, diagonal);
  return nd === 1 ? diag_embed_op(x, diagonal, 0, 1) : diagonal_copy_op(x, diagonal);
}

// ---------------------------------------------------------------- copies

/** A view of x reading dims `dims` backwards: offset at their last element, strides negated. */
function flipped(x: Tensor, dims: readonly number[]): StridedView {
  let offset = x._offset;
  const strides = x._strides.slice();
  for (const d of dims) {
    if (x.shape[d] > 0) offset += (x.shape[d] - 1) * strides[d];
    strides[d] = -strides[d];
  }
  return { data: x._storage.data, shape: x.shape, strides, offset };
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

export function flip(x: Tensor, ...dims: number[] | [readonly number[]]): Tensor {
  return flip_op(x, normalize_dims(shape_arg(dims), x.shape.length));
}
export function fliplr(x: Tensor): Tensor {
  if (x.shape.length < 2) throw new Error("Input must be >= 2-d.");
  return flip_op(x, [1]);
}
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
      const v = (t: Tensor): StridedView => ({ data: t._storage.data, shape: [n], strides: [1], offset: 0 });
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
  return roll_op(
    x,
    shifts,
    dims.map((d) => normalize_dim(d, x.shape.length)),
  );
}

/** Zeroes, row by row of the last two dims, the part outside the kept triangle. */
function triangle(
  ctx: { output(shape: readonly number[], dtype: Tensor["dtype"]): Tensor },
  x: Tensor,
  k: number,
  lower: boolean,
  op: string,
): Tensor {
  const nd = x.shape.length;
  if (nd < 2) throw new Error(`${op}: input tensor must have at least 2 dimensions`);
  const out = ctx.output(x.shape, x.dtype);
  if (out !== x) kernels().copy(x._view(), out._view());
  const [m, n] = [x.shape[nd - 2], x.shape[nd - 1]];
  const v = out._view();
  for (let i = 0; i < m; i++) {
    // tril keeps columns j <= i + k; triu keeps j >= i + k
    const [from, to] = lower ? [Math.max(i + k + 1, 0), n] : [0, Math.min(Math.max(i + k, 0), n)];
    if (from >= to) continue;
    const shape = [...x.shape.slice(0, nd - 2), to - from];
    const strides = [...v.strides.slice(0, nd - 2), v.strides[nd - 1]];
    kernels().fill(
      { data: v.data, shape, strides, offset: v.offset + i * v.strides[nd - 2] + from * v.strides[nd - 1] },
      0,
    );
  }
  return out;
}

const tril_op: OpFn<[Tensor, number]> = defineOp({
  name: "tril",
  node: "TrilBackward0",
  forward: (ctx, x: Tensor, diagonal: number) => triangle(ctx, x, diagonal, true, "tril"),
  // self: grad.tril(diagonal)
  backward: (ctx, grad): Tensor[] => [tril_op(grad, ctx.args[1])],
});

const triu_op: OpFn<[Tensor, number]> = defineOp({
  name: "triu",
  node: "TriuBackward0",
  forward: (ctx, x: Tensor, diagonal: number) => triangle(ctx, x, diagonal, false, "triu"),
  backward: (ctx, grad): Tensor[] => [triu_op(grad, ctx.args[1])],
});

type TriArgs = [] | [number] | [{ diagonal?: number }];
const diag_of = (op: string, args: readonly unknown[]) =>
  int_arg(op, "diagonal", 1, kwargs<{ diagonal: number }>(op, args, ["diagonal"]).diagonal ?? 0);

export const tril = (x: Tensor, ...args: TriArgs): Tensor => tril_op(x, diag_of("tril", args));
export const triu = (x: Tensor, ...args: TriArgs): Tensor => triu_op(x, diag_of("triu", args));
export const tril_ = (x: Tensor, ...args: TriArgs): Tensor => tril_op.inplace(x, diag_of("tril_", args));
export const triu_ = (x: Tensor, ...args: TriArgs): Tensor => triu_op.inplace(x, diag_of("triu_", args));

const repeat_op = defineOp({
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
      { data: x._storage.data, shape: split, strides: src, offset: x._offset },
      { data: out._storage.data, shape: split, strides: dst, offset: 0 },
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
