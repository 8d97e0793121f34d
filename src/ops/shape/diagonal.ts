/**
 * Diagonals and triangles: diagonal (a view walking two dims at once), diag_embed and diag (a
 * vector laid onto diagonals of new matrices, or a matrix's diagonal as a copy), and tril/triu
 * (the part outside a triangle zeroed, with in-place forms). Copies run the copy/fill kernels
 * over strided views of input and output.
 */
import { kernels } from "../../backends/index.js";
import { normalize_dim } from "../../shape.js";
import { Tensor } from "../../tensor/tensor.js";
import { kwargs } from "../../tensor/args.js";
import { empty_tensor } from "../../tensor/make.js";
import { contiguous_copy } from "../convert/convert.js";
import { defineOp, type OpFn } from "../../autograd/define.js";
import { int_arg } from "../../errors.js";
import { make_view } from "./make_view.js";
import { op_table } from "../table.js";

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

const diag_embed_op: OpFn<[x: Tensor, offset: number, d1: number, d2: number]> = defineOp({
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
const diagonal_copy_op: OpFn<[x: Tensor, offset: number]> = defineOp({
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
      {
        data: v.data,
        dtype: v.dtype,
        shape,
        strides,
        offset: v.offset + i * v.strides[nd - 2] + from * v.strides[nd - 1],
      },
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

/**
 * A copy keeping the lower triangle of the last two dims (on and below the `diagonal`-th diagonal, default
 * 0), zeros elsewhere.
 */
export const tril = (x: Tensor, ...args: TriArgs): Tensor => tril_op(x, diag_of("tril", args));
/**
 * A copy keeping the upper triangle of the last two dims (on and above the `diagonal`-th diagonal, default
 * 0), zeros elsewhere.
 */
export const triu = (x: Tensor, ...args: TriArgs): Tensor => triu_op(x, diag_of("triu", args));
export const tril_ = (x: Tensor, ...args: TriArgs): Tensor => tril_op.inplace(x, diag_of("tril_", args));
export const triu_ = (x: Tensor, ...args: TriArgs): Tensor => triu_op.inplace(x, diag_of("triu_", args));

/** The op table of this file (src/ops/table.ts): its ops' torch.X functions and Tensor methods. */
export default op_table({
  diag: { fn: diag, variants: "function, method" },
  diag_embed: { fn: diag_embed, variants: "function, method" },
  diagonal: { fn: diagonal, variants: "function, method" },
  tril: { fn: tril, variants: "function, method", inplace: tril_ },
  triu: { fn: triu, variants: "function, method", inplace: triu_ },
});
