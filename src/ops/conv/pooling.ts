/**
 * Max pooling: torch.max_pool2d (and F.max_pool2d, F.max_pool2d_with_indices) over one op,
 * PyTorch's max_pool2d_with_indices with its node MaxPool2DWithIndicesBackward0 (saving the
 * input and the indices). The forward is the backend's max_pool2d kernel (values and int64
 * indices into each H * W plane, PyTorch's tie and NaN order); the backward scatters the
 * gradient through the indices (the max_pool2d_backward kernel, or scatter_add when the graph
 * of the backward is recorded, so that double backward works). A 3-D input is one unbatched
 * image, as PyTorch allows.
 */
import { kernels } from "../../backends/index.js";
import { defineMultiOp } from "../../autograd/define.js";
import { is_grad_enabled } from "../../autograd/grad_mode.js";
import { int64 } from "../../dtype.js";
import { check } from "../../errors.js";
import { check_tensor_arg, kwargs } from "../../tensor/args.js";
import { empty_tensor } from "../../tensor/make.js";
import type { Tensor } from "../../tensor/tensor.js";
import { check_float_kernel } from "../kernel_checks.js";
import { scatter_add } from "../indexing/scatter_gather.js";
import { op_table } from "../table.js";
import type { Window2d } from "../../backends/window_kernels.js";
import {
  check_ints,
  pool2d_shape_check,
  pool_kernel_stride,
  pool_pair,
  pooling_output_size,
  type IntOrTuple,
} from "./window_args.js";
import type { StridedView } from "../../backends/backend.js";

/** t's view as [N, C, H, W]: an unbatched [C, H, W] gets a batch of one. */
function batched(t: Tensor): StridedView {
  const v = t._view();
  if (v.shape.length === 4) return v;
  return {
    data: v.data,
    dtype: v.dtype,
    shape: [1, ...v.shape],
    strides: [0, ...v.strides],
    offset: v.offset,
  };
}

const max_pool2d_op = defineMultiOp({
  name: "max_pool2d_with_indices",
  node: "MaxPool2DWithIndicesBackward0",
  differentiable: [0],
  forward(ctx, input: Tensor, w: Window2d, out_size: readonly [number, number]) {
    const lead = input.shape.slice(0, -2);
    const shape = [...lead, out_size[0], out_size[1]];
    const out = empty_tensor(shape, input.dtype);
    const indices = empty_tensor(shape, int64);
    kernels().max_pool2d(batched(input), w, batched(out), batched(indices));
    ctx.save(input, indices);
    return [out, indices];
  },
  backward(ctx, grads) {
    const grad = grads[0];
    if (!grad) return [null];
    const [input, indices] = ctx.saved;
    if (is_grad_enabled()) {
      // create_graph: the scatter recorded as an op (its derivative gathers at the indices)
      const lead = input.shape.slice(0, -2);
      const flat = (t: Tensor) => t.reshape([...lead, -1]);
      const zeros = input.new_zeros([...lead, input.shape[input.dim() - 2] * input.shape[input.dim() - 1]]);
      return [scatter_add(zeros, -1, flat(indices), flat(grad)).view(input.shape)];
    }
    const out = empty_tensor(input.shape, grad.dtype);
    kernels().max_pool2d_backward(batched(grad), batched(indices), batched(out));
    return [out];
  },
});

/** The pooling arguments after the input, as F.max_pool2d names them. */
export interface MaxPoolOptions {
  kernel_size?: IntOrTuple;
  stride?: IntOrTuple | null;
  padding?: IntOrTuple;
  dilation?: IntOrTuple;
  ceil_mode?: boolean;
  return_indices?: boolean;
}

export const POOL_KEYS = [
  "kernel_size",
  "stride",
  "padding",
  "dilation",
  "ceil_mode",
  "return_indices",
] as const;

/** max_pool2d_with_indices's checks (its meta function, pooling_output_shape, pool2d_shape_check). */
export function max_pool2d_parts(input: Tensor, o: MaxPoolOptions): [Tensor, Tensor] {
  const op = "max_pool2d";
  check_tensor_arg(op, "input", input);
  const [k, s] = pool_kernel_stride(op, o.kernel_size, o.stride);
  const p = pool_pair(
    op,
    "padding",
    o.padding ?? 0,
    "must be either be a single int, or a tuple of two ints",
  );
  const d = pool_pair(op, "dilation", o.dilation ?? 1, "must be either a single int, or a tuple of two ints");
  const ceil_mode = o.ceil_mode ?? false;
  check(input.dim() === 3 || input.dim() === 4, "non-empty 3D or 4D (batch mode) tensor expected for input");
  check_float_kernel("max_pool2d", input.dtype);
  const [H, W] = input.shape.slice(-2);
  const OH = pooling_output_size(H, k[0], p[0], s[0], d[0], ceil_mode);
  const OW = pooling_output_size(W, k[1], p[1], s[1], d[1], ceil_mode);
  pool2d_shape_check(input, k, s, p, d, OH, OW);
  const w: Window2d = { kernel: k, stride: s, padding: p, dilation: d };
  const [out, indices] = max_pool2d_op(input, w, [OH, OW]);
  return [out, indices];
}

/** The pooling options of `op`, positionally or by name (`keys`, in PyTorch's order). */
export function pool_options(
  op: string,
  input: Tensor,
  args: readonly unknown[],
  keys: readonly string[],
): MaxPoolOptions {
  const o = kwargs<Required<MaxPoolOptions>>(op, args, keys as (keyof MaxPoolOptions)[]);
  check_tensor_arg(op, "input", input);
  return o;
}

/**
 * torch.max_pool2d(input, kernel_size, stride=kernel_size, padding=0, dilation=1,
 * ceil_mode=false): the max of each window of input [N, C, H, W] (or [C, H, W]); padding is
 * implicit -inf, at most half the kernel; ceil_mode adds a last partial window when it starts
 * inside the input or its left padding.
 */
export function max_pool2d(input: Tensor, ...args: unknown[]): Tensor {
  return max_pool2d_parts(input, pool_options("max_pool2d", input, args, POOL_KEYS.slice(0, 5)))[0];
}

/** A 1-D pooling argument: an int, or a tuple of one. */
function single(op: string, name: string, v: IntOrTuple): number {
  check_ints(op, name, v);
  if (typeof v === "number") return v;
  check(v.length === 1, () => `${op}() argument '${name}' should contain one int (got ${v.length})`);
  return v[0];
}

/**
 * max_pool1d as PyTorch composes it: the input viewed as one row (unsqueeze(-2)), pooled with a
 * 1 x k window, the row squeezed away (the values' grad_fn is SqueezeBackward1).
 */
export function max_pool1d_parts(input: Tensor, o: MaxPoolOptions): [Tensor, Tensor] {
  const op = "max_pool1d";
  check_tensor_arg(op, "input", input);
  if (o.kernel_size === undefined) throw new TypeError(`${op}() missing required argument 'kernel_size'`);
  check(
    (input.dim() === 2 || input.dim() === 3) && input.shape[input.dim() - 1] !== 0,
    () =>
      `max_pool1d: Expected 2D or 3D (batch mode) tensor with optional 0 dim batch size for input, but got:[${input.shape.join(", ")}]`,
  );
  const k = single(op, "kernel_size", o.kernel_size);
  const stride = o.stride === undefined || o.stride === null ? k : single(op, "stride", o.stride);
  const padding = single(op, "padding", o.padding ?? 0);
  const dilation = single(op, "dilation", o.dilation ?? 1);
  const [out, indices] = max_pool2d_parts(input.unsqueeze(-2), {
    kernel_size: [1, k],
    stride: [1, stride],
    padding: [0, padding],
    dilation: [1, dilation],
    ceil_mode: o.ceil_mode ?? false,
  });
  return [out.squeeze(-2), indices.squeeze(-2)];
}

/**
 * torch.max_pool1d(input, kernel_size, stride=kernel_size, padding=0, dilation=1,
 * ceil_mode=false): the max of each window along the last dim of input [N, C, L] (or [C, L]).
 */
export function max_pool1d(input: Tensor, ...args: unknown[]): Tensor {
  return max_pool1d_parts(input, pool_options("max_pool1d", input, args, POOL_KEYS.slice(0, 5)))[0];
}

/** The op table of this file (src/ops/table.ts): its ops' torch.X functions and Tensor methods. */
export default op_table({
  max_pool1d: { fn: max_pool1d, variants: "function" },
  max_pool2d: { fn: max_pool2d, variants: "function" },
});
