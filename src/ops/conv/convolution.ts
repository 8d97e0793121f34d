/**
 * Convolutions: torch.conv1d and torch.conv2d (also F.conv1d / F.conv2d) over one op, PyTorch's
 * `convolution` with its node ConvolutionBackward0 (one node for the gradients of input, weight
 * and bias, saving input and weight as derivatives.yaml does, and the forward's column matrix for
 * the weight's gradient).
 *
 * The forward lays the input's windows out as columns (im2col, [C * kh * kw, N * L]) and runs
 * one GEMM per group over the whole batch through the backend's `matmul` kernel, the bias added
 * by the same kernel; a 1-D convolution is a 2-D one of height 1. The backward is written in
 * differentiable ops (bmm with the weight, im2col of the input, col2im of the column gradient),
 * so double backward works. padding="same" with an even effective kernel pads asymmetrically
 * inside the window kernels, where PyTorch pads a copy of the input (constant_pad_nd).
 */
import { kernels } from "../../backends/index.js";
import type { StridedView } from "../../backends/backend.js";
import { defineOp, type OpFn } from "../../autograd/define.js";
import { is_grad_enabled } from "../../autograd/grad_mode.js";
import { bool, scalar_type_name } from "../../dtype.js";
import { check } from "../../errors.js";
import { check_tensor_arg, kwargs } from "../../tensor/args.js";
import type { Tensor } from "../../tensor/tensor.js";
import { kernel_not_implemented } from "../kernel_checks.js";
import { bmm } from "../linalg/products.js";
import { op_table } from "../table.js";
import { col2im_op, im2col_op, im2col_raw, type ConvGeometry } from "./im2col.js";
import { check_ints, expand_param, int_list, window2d, type IntOrTuple } from "./window_args.js";

/** The convolution arguments after the input and weight, as PyTorch's conv2d names them. */
export interface ConvOptions {
  bias?: Tensor | null;
  stride?: IntOrTuple;
  padding?: IntOrTuple | "valid" | "same";
  dilation?: IntOrTuple;
  groups?: number;
}
/** Positionally (bias, stride, padding, dilation, groups), then an options object for the rest. */
export type ConvArgs = unknown[];

const convolution_op: OpFn<
  [input: Tensor, weight: Tensor, bias: Tensor | null, groups: number, g: ConvGeometry]
> = defineOp({
  name: "convolution",
  node: "ConvolutionBackward0",
  differentiable: [0, 1, 2],
  forward(ctx, input: Tensor, weight: Tensor, bias: Tensor | null, groups: number, g: ConvGeometry) {
    const [N, C] = input.shape;
    const O = weight.shape[0];
    const spatial = input.dim() - 2;
    const out_shape = spatial === 1 ? [N, O, g.out[1]] : [N, O, g.out[0], g.out[1]];
    const out = ctx.output(out_shape, input.dtype);
    const L = g.out[0] * g.out[1];
    const NL = N * L;
    const Og = O / groups;
    const K = (C / groups) * g.window.kernel[0] * g.window.kernel[1];
    let cols: Tensor | null = null;
    if (NL > 0 && O > 0) {
      cols = im2col_raw(input, g);
      const w = weight.contiguous()._view();
      const c = cols._view();
      const o = out._view();
      const b = bias?._view();
      // per group, one batched GEMM over the samples: out[n] (Og x L) = W (Og x K) @ cols[n] (K x L)
      for (let gi = 0; gi < groups; gi++) {
        const addend: StridedView | null = b
          ? {
              data: b.data,
              dtype: b.dtype,
              shape: [N, Og, L],
              strides: [0, b.strides[0], 0],
              offset: b.offset + gi * Og * b.strides[0],
            }
          : null;
        kernels().matmul(
          {
            data: w.data,
            dtype: w.dtype,
            shape: [N, Og, K],
            strides: [0, K, 1],
            offset: w.offset + gi * Og * K,
          },
          {
            data: c.data,
            dtype: c.dtype,
            shape: [N, K, L],
            strides: [groups * K * L, L, 1],
            offset: c.offset + gi * K * L,
          },
          {
            data: o.data,
            dtype: o.dtype,
            shape: [N, Og, L],
            strides: [O * L, L, 1],
            offset: o.offset + gi * Og * L,
          },
          addend,
          1,
          b ? 1 : 0,
        );
      }
    } else if (bias && NL > 0) {
      out.copy_(bias.view(1, O, ...out_shape.slice(2).map(() => 1)).expand(out_shape));
    }
    ctx.save(input, weight);
    // the columns again for the weight's gradient, unless the backward is recorded (where they
    // must be a function of the input: im2col_op)
    if (cols && ctx.needs_input_grad[1]) ctx.save(cols);
    return out;
  },
  backward(ctx, grad) {
    const [input, weight, saved_cols] = ctx.saved;
    const [, , , groups, g] = ctx.args;
    const [need_input, need_weight, need_bias] = ctx.needs_input_grad;
    const [N, C] = input.shape;
    const O = weight.shape[0];
    const K = (C / groups) * g.window.kernel[0] * g.window.kernel[1];
    const L = g.out[0] * g.out[1];
    const Og = O / groups;
    // the samples and groups as one batch: grad [N * groups, Og, L], columns [N * groups, K, L]
    const g3 = grad.reshape(N * groups, Og, L);
    const w3 = weight
      .reshape(1, groups, Og, K)
      .expand(N, groups, Og, K)
      .reshape(N * groups, Og, K);
    let gi: Tensor | null = null;
    let gw: Tensor | null = null;
    if (need_input) gi = col2im_op(bmm(w3.transpose(1, 2), g3).view(N, groups * K, L), input.shape, g);
    if (need_weight) {
      const columns = is_grad_enabled() || !saved_cols ? im2col_op(input, g) : saved_cols;
      const cols = columns.view(N * groups, K, L).transpose(1, 2);
      gw = bmm(g3, cols).view(N, O, K).sum(0).view(weight.shape);
    }
    const dims = [0, ...Array.from({ length: grad.dim() - 2 }, (_, i) => i + 2)];
    const gb = need_bias ? grad.sum(dims) : null;
    return [gi, gw, gb];
  },
});

/**
 * PyTorch's checks of a convolution's arguments (check_shape_forward, in its order) and the
 * window geometry: `pad` holds the padding before each spatial dim and `extra` what "same" adds
 * after it.
 */
function conv_geometry(
  input: Tensor,
  weight: Tensor,
  bias: Tensor | null,
  stride: number[],
  pad: number[],
  extra: number[],
  dilation: number[],
  groups: number,
): ConvGeometry {
  const w = weight.shape;
  const ws = int_list(w);
  check(!pad.some((p) => p < 0), "negative padding is not supported");
  check(!stride.some((s) => s <= 0), "non-positive stride is not supported");
  check(!dilation.some((d) => d < 1), "dilation should be greater than zero");
  const k = input.dim();
  check(
    weight.dim() === k,
    () =>
      `Expected ${weight.dim()}-dimensional input for ${weight.dim()}-dimensional weight ${ws}, but got ${k}-dimensional input of size ${int_list(input.shape)} instead`,
  );
  check(
    w[0] >= groups,
    () =>
      `Given groups=${groups}, expected weight to be at least ${groups} at dimension 0, but got weight of size ${ws} instead`,
  );
  check(
    w[0] % groups === 0,
    () =>
      `Given groups=${groups}, expected weight to be divisible by ${groups} at dimension 0, but got weight of size [${ws}] instead`,
  );
  check(
    input.shape[1] === w[1] * groups,
    () =>
      `Given groups=${groups}, weight of size ${ws}, expected input${int_list(input.shape)} to have ${w[1] * groups} channels, but got ${input.shape[1]} channels instead`,
  );
  check(
    !bias || (bias.dim() === 1 && bias.shape[0] === w[0]),
    () =>
      `Given weight of size ${ws}, expected bias to be 1-dimensional with ${w[0]} elements, but got bias of size ${int_list(bias?.shape ?? [])} instead`,
  );
  const spatial = k - 2;
  const padded: number[] = [];
  const kernel: number[] = [];
  for (let i = 0; i < spatial; i++) {
    padded.push(input.shape[i + 2] + 2 * pad[i] + extra[i]);
    kernel.push(dilation[i] * (w[i + 2] - 1) + 1);
  }
  if (padded.some((p, i) => p < kernel[i])) {
    throw new Error(
      `Calculated padded input size per channel: (${padded.join(" x ")}). Kernel size: (${kernel.join(" x ")}). Kernel size can't be greater than actual input size`,
    );
  }
  const out = padded.map((p, i) => Math.floor((p - kernel[i]) / stride[i]) + 1);
  const window = window2d(w.slice(2), stride, pad, dilation);
  return { window, out: spatial === 1 ? [1, out[0]] : [out[0], out[1]] };
}

/** A convolution over `spatial` dims of a batched input: PyTorch's padding forms and checks. */
function convolution(op: string, input: Tensor, weight: Tensor, o: ConvOptions, spatial: number): Tensor {
  const bias = o.bias ?? null;
  const groups = o.groups ?? 1;
  check(groups > 0, "non-positive groups is not supported");
  if (bias !== null) check_tensor_arg(op, "bias", bias);
  for (const t of [weight, bias]) {
    if (t && t.dtype !== input.dtype) {
      throw new Error(
        `expected scalar type ${scalar_type_name(input.dtype)} but found ${scalar_type_name(t.dtype)}`,
      );
    }
  }
  if (input.dtype === bool) throw kernel_not_implemented("slow_conv2d_cpu", bool);
  check(weight.dim() >= 3, "weight should have at least three dimensions");
  const kdims = weight.dim() - 2;
  // the argument parser makes an int a list of `spatial` values; expand_param then checks the length
  const as_list = (v: IntOrTuple): readonly number[] =>
    typeof v === "number" ? new Array<number>(spatial).fill(v) : v;
  const stride = expand_param("stride", as_list(o.stride ?? 1), kdims);
  const dilation = expand_param("dilation", as_list(o.dilation ?? 1), kdims);
  let padding: number[];
  const extra = new Array<number>(kdims).fill(0);
  const p = o.padding ?? 0;
  if (typeof p === "string") {
    if (p === "valid") padding = new Array<number>(kdims).fill(0);
    else if (p === "same") {
      check(!stride.some((s) => s !== 1), "padding='same' is not supported for strided convolutions");
      // total padding d * (k - 1): half before, the rest after
      padding = [];
      for (let i = 0; i < kdims; i++) {
        const total = dilation[i] * ((weight.shape[i + 2] ?? 1) - 1);
        padding.push(Math.floor(total / 2));
        extra[i] = total - 2 * Math.floor(total / 2);
      }
    } else throw new Error(`Invalid padding string: '${String(p)}'`);
  } else padding = expand_param("padding", as_list(p), kdims);
  const g = conv_geometry(input, weight, bias, stride, padding, extra, dilation, groups);
  return convolution_op(input, weight, bias, groups, g);
}

function conv_options(op: string, args: readonly unknown[]): ConvOptions {
  const o = kwargs<Required<ConvOptions>>(op, args, ["bias", "stride", "padding", "dilation", "groups"]);
  for (const name of ["stride", "dilation"] as const)
    if (o[name] !== undefined) check_ints(op, name, o[name]);
  if (o.padding !== undefined && typeof o.padding !== "string") check_ints(op, "padding", o.padding);
  if (o.groups !== undefined && !Number.isInteger(o.groups)) {
    throw new TypeError(`${op}(): argument 'groups' must be int, not float`);
  }
  return o;
}

/** conv1d/conv2d: an unbatched input gets a batch of one (unsqueeze, then squeeze of the result). */
function conv_nd(op: string, spatial: number, input: Tensor, weight: Tensor, args: ConvArgs): Tensor {
  check_tensor_arg(op, "input", input);
  check_tensor_arg(op, "weight", weight);
  const o = conv_options(op, args);
  const d = input.dim();
  if (d !== spatial + 1 && d !== spatial + 2) {
    throw new Error(
      `Expected ${spatial + 1}D (unbatched) or ${spatial + 2}D (batched) input to ${op}, but got input of size: ${int_list(input.shape)}`,
    );
  }
  if (d === spatial + 2) return convolution(op, input, weight, o, spatial);
  return convolution(op, input.unsqueeze(0), weight, o, spatial).squeeze(0);
}

/**
 * torch.conv2d(input, weight, bias=None, stride=1, padding=0, dilation=1, groups=1): the 2-D
 * cross-correlation of input [N, C, H, W] (or unbatched [C, H, W]) with weight
 * [O, C / groups, kh, kw], plus bias [O]. stride, padding and dilation are an int or a pair;
 * padding may also be "valid" (none) or "same" (output size = input size; stride 1 only).
 */
export function conv2d(input: Tensor, weight: Tensor, ...args: ConvArgs): Tensor {
  return conv_nd("conv2d", 2, input, weight, args);
}

/**
 * torch.conv1d(input, weight, bias=None, stride=1, padding=0, dilation=1, groups=1): conv2d's
 * 1-D form, of input [N, C, L] (or unbatched [C, L]) with weight [O, C / groups, k].
 */
export function conv1d(input: Tensor, weight: Tensor, ...args: ConvArgs): Tensor {
  return conv_nd("conv1d", 1, input, weight, args);
}

/** The op table of this file (src/ops/table.ts): its ops' torch.X functions and Tensor methods. */
export default op_table({
  conv1d: { fn: conv1d, variants: "function" },
  conv2d: { fn: conv2d, variants: "function" },
});
