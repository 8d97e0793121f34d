/**
 * Sorting and selection: sort, argsort, msort, topk, kthvalue, unique, unique_consecutive.
 *
 * sort, topk and kthvalue return PyTorch's named tuple (values, indices); values are
 * differentiable and their gradient goes back to where each value came from (PyTorch's
 * value_selecting_reduction_backward: zeros scattered at the indices), indices are int64.
 * NaN orders above every number, as in PyTorch. Ties: a stable sort keeps input order; an
 * unstable sort and topk order them as PyTorch's CPU kernels (the js kernels port the libstdc++
 * algorithms they call).
 */
import { kernels } from "../../backends/index.js";
import { bool, int64 } from "../../dtype.js";
import { kernel_not_implemented } from "../kernel_checks.js";
import { contiguous_copy } from "../convert/convert.js";
import { check } from "../../errors.js";
import { normalize_dim } from "../../shape.js";
import type { Tensor } from "../../tensor/tensor.js";
import { kwargs } from "../../tensor/args.js";
import { alloc, empty_tensor, from_array } from "../../tensor/make.js";
import { defineMultiOp, type Grad } from "../../autograd/define.js";
import { scatter_add_dim } from "../indexing/grad_along_dim.js";
import { row_major } from "../convert/convert.js";
import { values_indices, type ValuesIndices } from "../return_types.js";
import { op_table } from "../table.js";

/** zeros(sizes).scatter(dim, indices, grad), with the reduced dim put back when !keepdim. */
function selecting_backward(
  grad: Tensor | null,
  dim: number,
  indices: Tensor,
  shape: readonly number[],
  keepdim: boolean,
): Grad {
  if (!grad) return null;
  if (shape.length === 0) return grad;
  const g = keepdim ? grad : grad.unsqueeze(dim);
  const i = keepdim ? indices : indices.unsqueeze(dim);
  return scatter_add_dim(g, dim, i, shape);
}

// ---------------------------------------------------------------- sort
const sort_op = defineMultiOp({
  name: "sort",
  // sort.stable, chosen when the stable keyword is given at all, is PyTorch's second overload
  node: (_x: Tensor, _dim: number, _desc: boolean, stable: boolean | undefined) =>
    stable === undefined ? "SortBackward0" : "SortBackward1",
  forward(ctx, x: Tensor, dim: number, descending: boolean, stable_arg: boolean | undefined) {
    const stable = stable_arg ?? false;
    const d = normalize_dim(dim, x.dim());
    const values = empty_tensor(x.shape, x.dtype);
    const indices = empty_tensor(x.shape, int64);
    kernels().sort(x._view(), d, descending, stable, values._view(), indices._view());
    ctx.save(indices);
    return [values, indices];
  },
  // self: value_selecting_reduction_backward(grad, dim, indices, self.sizes(), true)
  backward(ctx, [grad]): Grad[] {
    const shape = ctx.inputs[0]?.shape ?? [];
    return [selecting_backward(grad, normalize_dim(ctx.args[1], shape.length), ctx.saved[0], shape, true)];
  },
});

export interface SortOptions {
  dim?: number;
  descending?: boolean;
  stable?: boolean;
}
/**
 * Arguments after the input of sort and argsort: dim (default -1), descending, and `stable` (keyword only),
 * positionally or in an options object.
 */
export type SortArgs =
  [] | [SortOptions] | [number] | [number, boolean] | [number, SortOptions] | [number, boolean, SortOptions];

function parse_sort(op: string, args: readonly unknown[]) {
  const o = kwargs<{ dim: number; descending: boolean; stable: boolean }>(op, args, [
    "dim",
    "descending",
    "stable",
  ]);
  return { dim: o.dim ?? -1, descending: o.descending ?? false, stable: o.stable };
}

/** torch.sort(input, dim=-1, descending=False, *, stable=False) -> (values, indices). */
export function sort(input: Tensor, ...args: SortArgs): ValuesIndices {
  const o = parse_sort("sort", args);
  const [values, indices] = sort_op(input, o.dim, o.descending, o.stable);
  return values_indices("sort", values, indices);
}

/** torch.argsort(input, dim=-1, descending=False, *, stable=False): the indices of sort. */
export function argsort(input: Tensor, ...args: SortArgs): Tensor {
  const o = parse_sort("argsort", args);
  return sort_op(input, o.dim, o.descending, o.stable)[1];
}

/** torch.msort: sort along the first dim, values only. */
export function msort(input: Tensor): Tensor {
  return sort_op(input, 0, false, undefined)[0];
}

// ---------------------------------------------------------------- topk
const topk_op = defineMultiOp({
  name: "topk",
  node: "TopkBackward0",
  forward(ctx, x: Tensor, k: number, dim: number, largest: boolean, sorted: boolean) {
    const d = normalize_dim(dim, x.dim());
    const n = x.dim() === 0 ? 1 : x.shape[d];
    check(Number.isInteger(k) && k >= 0 && k <= n, () => "selected index k out of range");
    const shape = x.dim() === 0 ? [] : x.shape.map((s, i) => (i === d ? k : s));
    const indices = empty_tensor(shape, int64);
    // PyTorch copies a 0-dim input (k 0 or 1 alike); its kernel has no bool version
    if (x.dim() === 0) {
      ctx.save(indices);
      return [contiguous_copy(x), indices];
    }
    if (x.dtype === bool) throw kernel_not_implemented("topk_cpu", bool);
    const values = empty_tensor(shape, x.dtype);
    kernels().topk(x._view(), d, k, largest, sorted, values._view(), indices._view());
    ctx.save(indices);
    return [values, indices];
  },
  // self: value_selecting_reduction_backward(grad, dim, indices, self.sizes(), true)
  backward(ctx, [grad]): Grad[] {
    const shape = ctx.inputs[0]?.shape ?? [];
    return [selecting_backward(grad, normalize_dim(ctx.args[2], shape.length), ctx.saved[0], shape, true)];
  },
});

export interface TopkOptions {
  dim?: number;
  largest?: boolean;
  sorted?: boolean;
}
/** Arguments after k of topk: dim (default -1), largest, sorted, positionally or in an options object. */
export type TopkArgs =
  | []
  | [TopkOptions]
  | [number]
  | [number, boolean]
  | [number, boolean, boolean]
  | [number, TopkOptions]
  | [number, boolean, TopkOptions];

/** torch.topk(input, k, dim=-1, largest=True, sorted=True) -> (values, indices). */
export function topk(input: Tensor, k: number, ...args: TopkArgs): ValuesIndices {
  const o = kwargs<{ dim: number; largest: boolean; sorted: boolean }>("topk", args, [
    "dim",
    "largest",
    "sorted",
  ]);
  const [values, indices] = topk_op(input, k, o.dim ?? -1, o.largest ?? true, o.sorted ?? true);
  return values_indices("topk", values, indices);
}

// ---------------------------------------------------------------- kthvalue
const kthvalue_op = defineMultiOp({
  name: "kthvalue",
  node: "KthvalueBackward0",
  forward(ctx, x: Tensor, k: number, dim: number, keepdim: boolean) {
    const d = normalize_dim(dim, x.dim());
    const n = x.dim() === 0 ? 1 : x.shape[d];
    check(
      Number.isInteger(k) && k >= 1 && k <= n,
      () => `kthvalue(): selected number k out of range for dimension ${d}`,
    );
    // PyTorch copies a 0-dim input; its kernel has no bool version
    if (x.dtype === bool && x.dim() > 0) throw kernel_not_implemented("kthvalue_cpu", bool);
    const shape = x.dim() === 0 ? [] : x.shape.map((s, i) => (i === d ? 1 : s));
    let values = empty_tensor(shape, x.dtype);
    let indices = empty_tensor(shape, int64);
    kernels().kthvalue(x._view(), d, k, values._view(), indices._view());
    if (!keepdim && x.dim() > 0) {
      values = values.squeeze(d);
      indices = indices.squeeze(d);
    }
    ctx.save(indices);
    return [values, indices];
  },
  // self: value_selecting_reduction_backward(grad, dim, indices, self.sizes(), keepdim)
  backward(ctx, [grad]): Grad[] {
    const shape = ctx.inputs[0]?.shape ?? [];
    const d = normalize_dim(ctx.args[2], shape.length);
    return [selecting_backward(grad, d, ctx.saved[0], shape, ctx.args[3])];
  },
});

/** torch.kthvalue(input, k, dim=-1, keepdim=False) -> (values, indices): the k-th smallest. */
export type KthvalueArgs =
  [] | [{ dim?: number; keepdim?: boolean }] | [number] | [number, boolean] | [number, { keepdim?: boolean }];

/**
 * The k-th smallest element (k counts from 1) along dim (default -1), as `{ values, indices }`; `keepdim`
 * as in sum.
 */
export function kthvalue(input: Tensor, k: number, ...args: KthvalueArgs): ValuesIndices {
  const o = kwargs<{ dim: number; keepdim: boolean }>("kthvalue", args, ["dim", "keepdim"]);
  const [values, indices] = kthvalue_op(input, k, o.dim ?? -1, o.keepdim ?? false);
  return values_indices("kthvalue", values, indices);
}

// ---------------------------------------------------------------- unique
export interface UniqueOptions {
  sorted?: boolean;
  return_inverse?: boolean;
  return_counts?: boolean;
  dim?: number | null;
}

/** Groups runs of equal keys: the start of each run, and the run each position belongs to. */
function runs(n: number, same: (a: number, b: number) => boolean, order: Int32Array) {
  const firsts: number[] = [];
  const group = new Int32Array(n);
  for (let j = 0; j < n; j++) {
    if (j === 0 || !same(order[j - 1], order[j])) firsts.push(j);
    group[order[j]] = firsts.length - 1;
  }
  const counts = firsts.map((f, g) => (g + 1 < firsts.length ? firsts[g + 1] : n) - f);
  return { firsts, group, counts };
}

/** unique / unique_consecutive over the flattened input or over slices along dim. */
function unique_impl(x: Tensor, consecutive: boolean, o: UniqueOptions): Tensor | Tensor[] {
  const dim = o.dim ?? null;
  let values: Tensor;
  let inverse: Tensor;
  let counts: Tensor;
  if (dim === null) {
    const v = row_major(x);
    const n = v.length;
    const order = new Int32Array(n);
    for (let j = 0; j < n; j++) order[j] = j;
    // NaN after every number; NaNs are never equal, so each stays its own value
    if (!consecutive) order.sort((a, b) => cmp(v[a], v[b]) || a - b);
    const r = runs(n, (a, b) => v[a] === v[b], order);
    const data = alloc(x.dtype, r.firsts.length);
    r.firsts.forEach((f, g) => (data[g] = v[order[f]]));
    values = from_array(data, [r.firsts.length], x.dtype);
    inverse = from_array(Float64Array.from(r.group), x.shape.slice(), int64);
    counts = from_array(Float64Array.from(r.counts), [r.counts.length], int64);
  } else {
    const d = normalize_dim(dim, x.dim());
    const perm = [d, ...x.shape.map((_, i) => i).filter((i) => i !== d)];
    const moved = x.permute(perm);
    const n = x.dim() === 0 ? 1 : x.shape[d];
    const row = n === 0 ? 0 : moved.numel() / n;
    const v = row_major(moved);
    const same = (a: number, b: number) => {
      for (let j = 0; j < row; j++) if (v[a * row + j] !== v[b * row + j]) return false;
      return true;
    };
    const order = new Int32Array(n);
    for (let j = 0; j < n; j++) order[j] = j;
    if (!consecutive) {
      order.sort((a, b) => {
        for (let j = 0; j < row; j++) {
          const c = cmp(v[a * row + j], v[b * row + j]);
          if (c) return c;
        }
        return a - b;
      });
    }
    const r = runs(n, same, order);
    const u = r.firsts.length;
    const data = alloc(x.dtype, u * row);
    r.firsts.forEach((f, g) => data.set(v.subarray(order[f] * row, order[f] * row + row), g * row));
    const inv = perm.map((_, i) => perm.indexOf(i));
    values = from_array(data, [u, ...moved.shape.slice(1)], x.dtype)
      .permute(inv)
      .contiguous();
    inverse = from_array(Float64Array.from(r.group), [n], int64);
    counts = from_array(Float64Array.from(r.counts), [r.counts.length], int64);
  }
  if (!o.return_inverse && !o.return_counts) return values;
  const out = [values];
  if (o.return_inverse) out.push(inverse);
  if (o.return_counts) out.push(counts);
  return out;
}

function cmp(a: number, b: number): number {
  if (a < b) return -1;
  if (a > b) return 1;
  if (a === b) return 0;
  return a !== a ? (b !== b ? 0 : 1) : -1;
}

/**
 * torch.unique(input, sorted=True, return_inverse=False, return_counts=False, dim=None): the
 * sorted distinct values (or slices along dim); with return_inverse / return_counts, an array
 * [values, inverse?, counts?] as PyTorch's tuple.
 */
export type UniqueArgs =
  | []
  | [UniqueOptions]
  | [boolean]
  | [boolean, boolean]
  | [boolean, boolean, boolean]
  | [boolean, boolean, boolean, number | null]
  | [boolean, UniqueOptions]
  | [boolean, boolean, UniqueOptions];

/**
 * The sorted distinct values (or distinct slices along dim). With `return_inverse` or `return_counts`, an
 * array `[values, inverse?, counts?]` in place of PyTorch's tuple.
 */
export function unique(input: Tensor, ...args: UniqueArgs): Tensor | Tensor[] {
  const o = kwargs<Required<UniqueOptions>>("unique", args, [
    "sorted",
    "return_inverse",
    "return_counts",
    "dim",
  ]);
  return unique_impl(input, false, o);
}

/** torch.unique_consecutive(input, return_inverse=False, return_counts=False, dim=None). */
export type UniqueConsecutiveArgs =
  | []
  | [Omit<UniqueOptions, "sorted">]
  | [boolean]
  | [boolean, boolean]
  | [boolean, boolean, number | null]
  | [boolean, Omit<UniqueOptions, "sorted">];

/**
 * {@link unique} for runs: collapses consecutive equal values (or slices along dim), with optional
 * `return_inverse` and `return_counts`.
 */
export function unique_consecutive(input: Tensor, ...args: UniqueConsecutiveArgs): Tensor | Tensor[] {
  const o = kwargs<Required<Omit<UniqueOptions, "sorted">>>("unique_consecutive", args, [
    "return_inverse",
    "return_counts",
    "dim",
  ]);
  return unique_impl(input, true, o);
}

/** The op table of this file (src/ops/table.ts): its ops' torch.X functions and Tensor methods. */
export default op_table({
  argsort: { fn: argsort, variants: "function, method" },
  kthvalue: { fn: kthvalue, variants: "function, method" },
  msort: { fn: msort, variants: "function, method" },
  sort: { fn: sort, variants: "function, method" },
  topk: { fn: topk, variants: "function, method" },
  unique: { fn: unique, variants: "function, method" },
  unique_consecutive: { fn: unique_consecutive, variants: "function, method" },
});
