/**
 * Scans along one dim: cumsum, cumprod, cummax, cummin. Integer and bool inputs of cumsum and
 * cumprod accumulate in int64, as in PyTorch; `dtype=` casts the input first. Backward formulas
 * are PyTorch's (derivatives.yaml / FunctionsManual.cpp): a reversed cumsum, cumprod's exact
 * path for inputs with zeros, and a scatter of the gradient to cummax's indices.
 */
import { kernels } from "../../backends/index.js";
import type { ScanOp } from "../../backends/kernels.js";
import { int64, type DType } from "../../dtype.js";
import { normalize_dim } from "../../shape.js";
import type { Tensor } from "../../tensor/tensor.js";
import { kwargs } from "../../tensor/args.js";
import { empty_tensor } from "../../tensor/make.js";
import { defineMultiOp, defineOp, type OpFn } from "../../autograd/define.js";
import { flip_dim, scatter_add_dim } from "../indexing/grad_along_dim.js";
import { as_1d, cast, has_zero, int_to_long } from "./reduce_kernel.js";
import { values_indices, type ValuesIndices } from "../return_types.js";
import { op_table } from "../table.js";

function run_scan(op: ScanOp, x: Tensor, dim: number, dtype: DType, indices: Tensor | null): Tensor {
  const out = empty_tensor(x.shape, dtype);
  kernels().scan(op, as_1d(x._view()), dim, as_1d(out._view()), indices && as_1d(indices._view()));
  return out;
}

/** reversed_cumsum(w, dim) = w.flip(dim).cumsum(dim).flip(dim): sums from each position to the end. */
function reversed_cumsum(w: Tensor, dim: number): Tensor {
  return flip_dim(cumsum_op(flip_dim(w, dim), dim, undefined), dim);
}

const cumsum_op: OpFn<[x: Tensor, dim: number, dtype: DType | undefined]> = defineOp({
  name: "cumsum",
  node: "CumsumBackward0",
  forward(_ctx, x: Tensor, dim: number, dtype: DType | undefined) {
    const d = normalize_dim(dim, x.dim());
    const t = int_to_long(x, dtype);
    return run_scan("cumsum", cast(x, t), d, t, null);
  },
  // self: cumsum_backward(grad.to(self.scalar_type()), dim)
  backward(ctx, grad) {
    const meta = ctx.inputs[0];
    const g = meta ? grad.to(meta.dtype) : grad;
    const d = normalize_dim(ctx.args[1], g.dim());
    if (g.numel() <= 1 || g.dim() === 0 || g.shape[d] === 1) return [g];
    return [reversed_cumsum(g, d)];
  },
});

const cumprod_op: OpFn<[x: Tensor, dim: number, dtype: DType | undefined]> = defineOp({
  name: "cumprod",
  node: "CumprodBackward0",
  forward(ctx, x: Tensor, dim: number, dtype: DType | undefined) {
    const d = normalize_dim(dim, x.dim());
    const t = int_to_long(x, dtype);
    const xc = cast(x, t);
    const r = run_scan("cumprod", xc, d, t, null);
    ctx.save(xc, r);
    return r;
  },
  // self: cumprod_backward(grad.to(self.scalar_type()), self, dim, result)
  backward(ctx, grad) {
    const [x, result] = ctx.saved;
    const g = grad.to(x.dtype);
    if (x.numel() <= 1 || x.dim() === 0) return [g];
    const d = normalize_dim(ctx.args[1], x.dim());
    if (x.shape[d] === 1) return [g];
    if (!has_zero(x)) return [reversed_cumsum(result.mul(g), d).div(x)];
    return [cumprod_zeros_backward(g, x, d)];
  },
});

/**
 * cumprod's gradient when the input has zeros, where dividing by the input fails:
 * grad_x[i] = sum_{j >= i} grad[j] * prod_{l <= j, l != i} x[l]. The products come from one
 * cumprod of M[i, l] = (l == i ? 1 : x[l]), so the formula stays in tensor ops (double backward
 * works) at O(n^2) memory per slice, the cost PyTorch's own loop over k has in time.
 */
function cumprod_zeros_backward(grad: Tensor, x: Tensor, dim: number): Tensor {
  const n = x.shape[dim];
  const xt = x.transpose(dim, -1);
  const gt = grad.transpose(dim, -1);
  const eye = empty_tensor([n, n], x.dtype);
  const off_diag = empty_tensor([n, n], x.dtype);
  const upper = empty_tensor([n, n], x.dtype);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      eye._storage.data[i * n + j] = i === j ? 1 : 0;
      off_diag._storage.data[i * n + j] = i === j ? 0 : 1;
      upper._storage.data[i * n + j] = j >= i ? 1 : 0;
    }
  }
  const m = xt.unsqueeze(-2).mul(off_diag).add(eye);
  const c = cumprod_op(m, -1, undefined);
  const gx = gt.unsqueeze(-2).mul(c).mul(upper).sum(-1);
  return gx.transpose(dim, -1);
}

export type ScanArgs = [number] | [number, { dtype?: DType }] | [{ dim: number; dtype?: DType }];

function parse_scan(op: string, args: readonly unknown[]): { dim: number; dtype: DType | undefined } {
  const o = kwargs<{ dim: number; dtype: DType }>(op, args, ["dim", "dtype"]);
  if (typeof o.dim !== "number") {
    throw new TypeError(`${op}() missing 1 required positional arguments: "dim"`);
  }
  return { dim: o.dim, dtype: o.dtype };
}

/**
 * Running sum along dim: element i is the sum of elements 0..i. `{ dtype }` casts the input first; integer
 * and bool inputs sum in int64.
 */
export function cumsum(x: Tensor, ...args: ScanArgs): Tensor {
  const { dim, dtype } = parse_scan("cumsum", args);
  return cumsum_op(x, dim, dtype);
}

/**
 * Running product along dim: element i is the product of elements 0..i. `{ dtype }` casts the input first;
 * integer and bool inputs multiply in int64.
 */
export function cumprod(x: Tensor, ...args: ScanArgs): Tensor {
  const { dim, dtype } = parse_scan("cumprod", args);
  return cumprod_op(x, dim, dtype);
}

export function cumsum_(x: Tensor, ...args: ScanArgs): Tensor {
  const { dim, dtype } = parse_scan("cumsum_", args);
  return cumsum_op.inplace(x, dim, dtype);
}

export function cumprod_(x: Tensor, ...args: ScanArgs): Tensor {
  const { dim, dtype } = parse_scan("cumprod_", args);
  return cumprod_op.inplace(x, dim, dtype);
}

function cum_extreme(op: "cummax" | "cummin", node: string) {
  return defineMultiOp({
    name: op,
    node,
    forward(ctx, x: Tensor, dim: number) {
      // PyTorch wraps dim only when there is a scan to run (not for 0-dim or empty inputs)
      const d = x.dim() === 0 || x.numel() === 0 ? 0 : normalize_dim(dim, x.dim());
      const indices = empty_tensor(x.shape, int64);
      const values = run_scan(op, x, d, x.dtype, indices);
      ctx.save(indices);
      return [values, indices];
    },
    // self: cummaxmin_backward(grad, self, indices, dim) = zeros_like(self).scatter_add(dim, indices, grad)
    backward(ctx, grads) {
      const g = grads[0];
      if (!g) return [null];
      const indices = ctx.saved[0];
      if (g.numel() === 0) return [g];
      // PyTorch scatters into a 0-dim zeros along dim, which it checks then
      if (g.dim() === 0) {
        normalize_dim(ctx.args[1], 0);
        return [g];
      }
      return [scatter_add_dim(g, normalize_dim(ctx.args[1], g.dim()), indices, g.shape)];
    },
  });
}

const cummax_op = cum_extreme("cummax", "CummaxBackward0");
const cummin_op = cum_extreme("cummin", "CumminBackward0");

/** Running maximum along dim, with the index of each (the last of equal values, as PyTorch). */
export type CumExtremeArgs = [number] | [{ dim: number }];

/**
 * Running maximum along dim, as `{ values, indices }` (iterable as `[values, indices]`); among equal values
 * the index is the last one, as in PyTorch.
 */
export function cummax(x: Tensor, ...args: CumExtremeArgs): ValuesIndices {
  const { dim } = parse_scan("cummax", args);
  const [v, i] = cummax_op(x, dim);
  return values_indices("cummax", v, i);
}

/**
 * Running minimum along dim, as `{ values, indices }` (iterable as `[values, indices]`); among equal values
 * the index is the last one, as in PyTorch.
 */
export function cummin(x: Tensor, ...args: CumExtremeArgs): ValuesIndices {
  const { dim } = parse_scan("cummin", args);
  const [v, i] = cummin_op(x, dim);
  return values_indices("cummin", v, i);
}

/** The op table of this file (src/ops/table.ts): its ops' torch.X functions and Tensor methods. */
export default op_table({
  cummax: { fn: cummax, variants: "function, method" },
  cummin: { fn: cummin, variants: "function, method" },
  cumprod: { fn: cumprod, variants: "function, method", inplace: cumprod_ },
  cumsum: { fn: cumsum, variants: "function, method", inplace: cumsum_ },
});
