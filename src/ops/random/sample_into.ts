/**
 * What the sampling ops share: filling a tensor in PyTorch's iteration order, the in-place
 * sampler wrapper (graph node with a zero gradient when the tensor requires grad), and
 * PyTorch's argument checks and message formatting for the random ops.
 */
import { is_grad_enabled } from "../../autograd/grad_mode.js";
import { kernels } from "../../backends/index.js";
import type { DType, TypedArray, TypedArrayConstructor } from "../../dtype.js";
import { empty_tensor } from "../../tensor/make.js";
import { check_device } from "../../tensor/args.js";
import type { Tensor } from "../../tensor/tensor.js";
import type { Generator } from "../../random/generator.js";
import { assert_no_internal_overlap } from "../../tensor/overlap.js";
import { check_inplace, defineOp } from "../../autograd/define.js";
import { cpp_type_name } from "../../dtype.js";

/** Options of the sampling factories. */
export interface SamplerOptions {
  dtype?: DType;
  generator?: Generator | null;
  requires_grad?: boolean;
  device?: string;
}

/** Fills a dense typed array with samples, in order. */
export type Fill = (out: TypedArray) => void;

/** Applies the factory options a sampler supports after the draw. */
export function finish(t: Tensor, o: SamplerOptions): Tensor {
  check_device("tensor", o.device);
  if (o.requires_grad) t.requires_grad_(true);
  return t;
}

/**
 * The order TensorIterator visits an output's elements in: dims sorted by stride, largest
 * outermost (memory order; size-1 dims do not matter). For each visited element, its storage
 * offset and its row-major (logical) index. A tensor with a zero stride on a dim of size > 1
 * is refused as PyTorch refuses writing to it.
 */
export function iteration_order(t: Tensor): { offsets: Float64Array; logical: Float64Array } {
  const n = t.numel();
  const dims: number[] = [];
  for (let d = 0; d < t.shape.length; d++) {
    if (t.shape[d] === 1) continue;
    if (t._strides[d] === 0) {
      throw new Error(
        "unsupported operation: more than one element of the written-to tensor refers to a single memory location. Please clone() the tensor before performing the operation.",
      );
    }
    dims.push(d);
  }
  // stable sort: descending stride
  dims.sort((a, b) => t._strides[b] - t._strides[a]);
  const logical_strides = new Array<number>(t.shape.length);
  let acc = 1;
  for (let d = t.shape.length - 1; d >= 0; d--) {
    logical_strides[d] = acc;
    acc *= t.shape[d];
  }
  const offsets = new Float64Array(n);
  const logical = new Float64Array(n);
  const k = dims.length;
  const idx = new Array<number>(k).fill(0);
  let off = t._offset;
  let log = 0;
  for (let i = 0; i < n; i++) {
    offsets[i] = off;
    logical[i] = log;
    for (let j = k - 1; j >= 0; j--) {
      const d = dims[j];
      if (++idx[j] < t.shape[d]) {
        off += t._strides[d];
        log += logical_strides[d];
        break;
      }
      idx[j] = 0;
      off -= t._strides[d] * (t.shape[d] - 1);
      log -= logical_strides[d] * (t.shape[d] - 1);
    }
  }
  return { offsets, logical };
}

/** Runs `fill` over t's elements in iteration order, writing straight into t's storage. */
export function sample_into(t: Tensor, fill: Fill): void {
  const n = t.numel();
  if (n === 0) return;
  const data = t._storage.data;
  if (t.is_contiguous()) {
    fill(data.subarray(t._offset, t._offset + n));
    return;
  }
  const tmp = new (data.constructor as TypedArrayConstructor)(n);
  fill(tmp);
  const { offsets } = iteration_order(t);
  for (let i = 0; i < n; i++) data[offsets[i]] = tmp[i];
}

/** The samples t would receive, as a new contiguous tensor (row-major, same shape and dtype). */
function sample_logical(t: Tensor, fill: Fill): Tensor {
  const out = empty_tensor(t.shape, t.dtype);
  const n = t.numel();
  if (n === 0) return out;
  if (t.is_contiguous()) {
    fill(out._storage.data);
    return out;
  }
  const tmp = new (out._storage.data.constructor as TypedArrayConstructor)(n);
  fill(tmp);
  const { logical } = iteration_order(t);
  const d = out._storage.data;
  for (let i = 0; i < n; i++) d[logical[i]] = tmp[i];
  return out;
}

/**
 * An in-place sampler (`uniform_`, `normal_`, ...). Without a graph to record it writes the
 * draws straight into self. When self requires grad (and grad mode is on) it goes through a
 * defined op so self gets PyTorch's node (`node`, whose gradient is zero) and the leaf and
 * version checks of every in-place op.
 */
export function inplace_sampler(name: string, node: string): (self: Tensor, fill: Fill) => Tensor {
  const op = defineOp({
    name,
    node,
    forward: (ctx, self: Tensor, values: Tensor) => {
      const out = ctx.output(self.shape, self.dtype);
      kernels().copy(values._view(), out._view());
      return out;
    },
    // self: zeros_like(grad)
    backward: (_ctx, grad) => [grad.new_zeros(grad.shape)],
  });
  return (self, fill) => {
    // before drawing too: an expanded tensor has no single value per element
    assert_no_internal_overlap(self);
    if (is_grad_enabled() && self.requires_grad) {
      check_inplace(self, true); // before drawing: a refused call must not advance the generator
      return op.inplace(self, sample_logical(self, fill));
    }
    sample_into(self, fill);
    self._bump_version();
    return self;
  };
}

// ------------------------------------------------------------------ checks and messages

const INT64_MIN = -(1n << 63n);
const INT64_MAX = (1n << 63n) - 1n;

/** int64(scalar_t(v)): v rounded through the float dtype and back. */
function through_float(v: bigint, d: DType): bigint {
  const x = d.name === "float32" ? Math.fround(Number(v)) : Number(v);
  return BigInt(x);
}

function bit_length_minus_1(v: bigint): number {
  let n = 0;
  while ((v >>= 1n) > 0n) n++;
  return n;
}

/** DistributionTemplates.h update_from/update_to: bounds made representable in a float dtype. */
function update_from(from: bigint, d: DType): bigint {
  const digits = d.name === "float32" ? 24 : 53;
  const p1 = through_float(from + 1n, d);
  if (p1 < from) {
    const n = bit_length_minus_1(from + 1n < 0n ? -(from + 1n) : from + 1n);
    return p1 + (1n << BigInt(n - digits + 1));
  }
  return from;
}
function update_to(to: bigint, d: DType): bigint {
  const digits = d.name === "float32" ? 24 : 53;
  const m1 = through_float(to - 1n, d);
  if (m1 >= to) {
    const n = bit_length_minus_1(to - 1n < 0n ? -(to - 1n) : to - 1n);
    return m1 - (1n << BigInt(n - digits + 1));
  }
  return to;
}

function check_in_range(from: bigint, to_inc: bigint, d: DType): void {
  if (d.is_floating_point) return; // an int64 always fits a float's range
  const [min, max] =
    d.name === "bool"
      ? [0n, 1n]
      : d.name === "int32"
        ? [-(1n << 31n), (1n << 31n) - 1n]
        : [INT64_MIN, INT64_MAX];
  const name = cpp_type_name(d);
  if (from < min || from > max) throw new Error(`from is out of bounds for ${name}`);
  if (to_inc < min || to_inc > max) throw new Error(`to - 1 is out of bounds for ${name}`);
}

/**
 * random_'s range rules (random_from_to_impl): [from, to), or [from, dtype max] when to is
 * null, or the full 64-bit range (range null) when from = -2^63 and to is null.
 */
export function check_random_range(
  d: DType,
  from: bigint,
  to: bigint | null,
): { range: bigint | null; base: bigint } {
  if (to !== null) {
    if (!(from < to))
      throw new Error(`random_ expects 'from' to be less than 'to', but got from=${from} >= to=${to}`);
    if (d.is_floating_point) {
      from = update_from(from, d);
      to = update_to(to, d);
      if (!(from < to)) {
        throw new Error(
          `random_ expects 'from' casted to dtype to be less than 'to' casted to dtype, but got from=${from} >= to=${to}`,
        );
      }
    }
    check_in_range(from, to - 1n, d);
    return { range: BigInt.asUintN(64, to - from), base: from };
  }
  if (from !== INT64_MIN) {
    let to_inc: bigint;
    if (d.is_floating_point) {
      to_inc = 1n << (d.name === "float32" ? 24n : 53n);
      from = update_from(from, d);
      if (!(from < to_inc)) {
        throw new Error(
          `random_ expects 'from' casted to dtype to be less than or equal to 'to_inc' casted to dtype, but got from=${from} > to_inc=${to_inc}`,
        );
      }
    } else {
      to_inc = d.name === "bool" ? 1n : d.name === "int32" ? (1n << 31n) - 1n : INT64_MAX;
    }
    check_in_range(from, to_inc, d);
    return { range: BigInt.asUintN(64, to_inc - from + 1n), base: from };
  }
  if (!(d.name === "int64" || d.is_floating_point)) {
    throw new Error("random_full_64_bits_range_kernel_cpu handles only int64, double, float and bfloat16");
  }
  return { range: null, base: from };
}
