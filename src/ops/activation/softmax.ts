/**
 * softmax and log_softmax along a required dim. The forward is the backend's softmax kernel,
 * which subtracts the max before exp (so inputs like 1000 do not overflow) and works in
 * doubles, rounding once into the result (docs/backends.md states each backend's distance
 * from that reference). `dtype=` casts the input first with a recorded `to`, as PyTorch does (its graph shows
 * SoftmaxBackward0 over ToCopyBackward0). Integer inputs are refused as PyTorch's kernels do.
 */
import { kernels } from "../../backends/index.js";
import type { StridedView } from "../../backends/backend.js";
import type { DType } from "../../dtype.js";
import { kernel_not_implemented } from "../kernel_checks.js";
import { normalize_dim } from "../../shape.js";
import type { Tensor } from "../../tensor/tensor.js";
import { kwargs } from "../../tensor/args.js";
import { empty_tensor } from "../../tensor/make.js";
import { defineOp, type OpFn } from "../../autograd/define.js";
import { op_table } from "../table.js";

type Kind = "softmax" | "log_softmax";

function check_float(kind: Kind, x: Tensor, d: number): void {
  // PyTorch returns before its kernel's dtype dispatch when there is nothing to compute
  if (x.dtype.is_floating_point || x.numel() === 0) return;
  const last = x.dim() === 0 || d === x.dim() - 1;
  const kernel = last ? `${kind}_lastdim_kernel_impl` : "softmax_kernel_impl";
  throw kernel_not_implemented(kernel, x.dtype);
}

/** A zero-dim tensor's view as one slice of one element (the kernel needs a dim). */
function as_1d(v: StridedView): StridedView {
  return v.shape.length > 0
    ? v
    : { data: v.data, dtype: v.dtype, shape: [1], strides: [1], offset: v.offset };
}

function softmax_op_of(kind: Kind): OpFn<[x: Tensor, dim: number]> {
  return defineOp({
    name: kind,
    node: kind === "softmax" ? "SoftmaxBackward0" : "LogSoftmaxBackward0",
    forward(ctx, x: Tensor, dim: number) {
      const d = normalize_dim(dim, x.dim());
      check_float(kind, x, d);
      const y = empty_tensor(x.shape, x.dtype);
      kernels().softmax(kind, as_1d(x._view()), x.dim() === 0 ? 0 : d, as_1d(y._view()));
      ctx.save(y);
      return y;
    },
    backward(ctx, grad) {
      const y = ctx.saved[0];
      const d = normalize_dim(ctx.args[1], y.dim());
      // softmax: _softmax_backward_data = y * (grad - (grad * y).sum(dim, true))
      if (kind === "softmax") return [y.mul(grad.sub(grad.mul(y).sum(d, true)))];
      // log_softmax: _log_softmax_backward_data = grad - exp(y) * grad.sum(dim, true)
      return [grad.sub(y.exp().mul(grad.sum(d, true)))];
    },
  });
}

const softmax_op: OpFn<[x: Tensor, dim: number]> = softmax_op_of("softmax");
const log_softmax_op: OpFn<[x: Tensor, dim: number]> = softmax_op_of("log_softmax");

export type SoftmaxArgs =
  | [number]
  | [number, DType | null]
  | [number, { dtype?: DType | null }]
  | [{ dim: number; dtype?: DType | null }];

function parse_softmax(kind: Kind, x: Tensor, args: readonly unknown[]): { x: Tensor; dim: number } {
  const o = kwargs<{ dim: number; dtype: DType | null }>(kind, args, ["dim", "dtype"]);
  if (typeof o.dim !== "number") {
    throw new TypeError(`${kind}() missing 1 required positional arguments: "dim"`);
  }
  return { x: o.dtype ? x.to(o.dtype) : x, dim: o.dim };
}

/** softmax(input, dim, dtype=None): exp(x) / exp(x).sum(dim), computed stably. */
export function softmax(x: Tensor, ...args: SoftmaxArgs): Tensor {
  const a = parse_softmax("softmax", x, args);
  return softmax_op(a.x, a.dim);
}

/** log_softmax(input, dim, dtype=None): x - logsumexp(x, dim), computed stably. */
export function log_softmax(x: Tensor, ...args: SoftmaxArgs): Tensor {
  const a = parse_softmax("log_softmax", x, args);
  return log_softmax_op(a.x, a.dim);
}

/** The op table of this file (src/ops/table.ts): its ops' torch.X functions and Tensor methods. */
export default op_table({
  log_softmax: { fn: log_softmax, variants: "function, method" },
  softmax: { fn: softmax, variants: "function, method" },
});
