/**
 * Random programs for the differential fuzzer (program.ts), drawn from a seeded generator. A
 * program grows one step at a time, each step run here as it is drawn, so that the next one is
 * chosen from the shapes and dtypes actually made: mostly valid calls, and now and then a wrong
 * dim, size or dtype, whose error PyTorch must agree with. The first error ends the program.
 *
 * Covered: pointwise math, broadcasting binary ops with tensors and scalars, comparisons,
 * reductions and scans, views (view, reshape, transpose, permute, expand, narrow, select,
 * slicing), in-place ops on tensors and on views, advanced indexing and index_put_, gather,
 * index_select, index and scatter writes (whose index or source may share self's memory),
 * split/chunk/unbind, flip/roll, repeat, topk, norm, masked ops, matmul, activations, losses
 * (cross_entropy among them), cat/stack, dtype conversions.
 */
import type * as torch from "../../src/index.js";
import {
  type Arg,
  type DTypeName,
  type Program,
  type Recorded,
  type Step,
  type TensorSpec,
  finish,
  run_step,
} from "./program.js";

/** mulberry32: a small seeded generator, enough to make programs reproducible from a seed. */
export class Rng {
  private s: number;
  constructor(seed: number) {
    this.s = seed >>> 0;
  }
  next(): number {
    let t = (this.s = (this.s + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.next() * xs.length)];
  }
}

const FLOATS: DTypeName[] = ["float32", "float64"];
const is_float = (d: DTypeName) => d === "float32" || d === "float64";

class Builder {
  readonly steps: Step[] = [];
  readonly tensors: torch.Tensor[] = [];
  readonly recorded: Recorded[] = [];
  error: string | null = null;
  constructor(readonly g: Rng) {}

  get size(): number {
    return this.tensors.length;
  }
  shape(i: number): number[] {
    return this.recorded[i].shape;
  }
  dtype(i: number): DTypeName {
    return this.recorded[i].dtype;
  }
  /** Runs a step; false once a step has thrown (the program ends there). */
  add(step: Step): boolean {
    this.steps.push(step);
    this.error = run_step(step, this.tensors, this.recorded);
    return this.error === null;
  }
  /** A number for tensor data (finite; -0 is kept out, JSON would drop its sign). */
  value(dtype: DTypeName): number {
    const g = this.g;
    if (dtype === "bool") return g.int(0, 1);
    if (!is_float(dtype)) return g.int(-4, 4);
    if (g.chance(0.05)) return g.pick([0, 1, -1]);
    return Math.round((g.next() * 6 - 3) * 100) / 100 || 0;
  }
  /** A scalar argument: now and then NaN or an infinity. */
  scalar(): Arg {
    if (this.g.chance(0.04)) return { float: this.g.pick(["nan", "inf", "-inf"] as const) };
    return this.value("float32");
  }
  spec(shape: number[], dtype: DTypeName, grad = this.g.chance(0.6)): TensorSpec {
    const n = shape.reduce((a, b) => a * b, 1);
    const data = Array.from({ length: n }, () => this.value(dtype));
    // JSON has no NaN or infinities: they stay out of the inputs (ops make them instead)
    return { shape, dtype, data, requires_grad: is_float(dtype) && grad };
  }
  random_shape(): number[] {
    const g = this.g;
    const rank = g.pick([0, 1, 1, 2, 2, 2, 3, 3]);
    return Array.from({ length: rank }, () => (g.chance(0.04) ? 0 : g.int(1, 4)));
  }
  random_dtype(): DTypeName {
    return this.g.pick<DTypeName>(["float32", "float32", "float32", "float64", "int64", "bool"]);
  }
  input(shape = this.random_shape(), dtype = this.random_dtype()): number | null {
    return this.add({ call: "input", spec: this.spec(shape, dtype) }) ? this.size - 1 : null;
  }
  /** An int64 input of `shape` with values in [lo, hi] (indices). */
  indices(shape: number[], lo: number, hi: number): number | null {
    const n = shape.reduce((a, b) => a * b, 1);
    const data = Array.from({ length: n }, () => this.g.int(lo, hi));
    return this.add({ call: "input", spec: { shape, dtype: "int64", data, requires_grad: false } })
      ? this.size - 1
      : null;
  }
  /** A tensor broadcastable with `shape` (an earlier one when one fits, else a new input). */
  other(shape: number[], dtype?: DTypeName): number | null {
    const g = this.g;
    const fits = [...Array(this.size).keys()].filter(
      (i) => broadcastable(this.shape(i), shape) && (dtype === undefined || this.dtype(i) === dtype),
    );
    if (fits.length && g.chance(0.5)) return g.pick(fits);
    let s = shape.map((d) => (g.chance(0.3) ? 1 : d));
    if (s.length && g.chance(0.3)) s = s.slice(g.int(1, s.length));
    if (g.chance(0.03)) s = [...s, g.int(2, 5)]; // now and then, sizes that do not broadcast
    return this.input(
      s,
      dtype ??
        (g.chance(0.8)
          ? is_float(this.dtype(this.size - 1))
            ? this.dtype(this.size - 1)
            : "float32"
          : this.random_dtype()),
    );
  }
  dim(rank: number): number {
    const g = this.g;
    if (g.chance(0.03)) return rank + g.int(0, 1); // out of range
    if (rank === 0) return g.pick([0, -1]);
    return g.int(-rank, rank - 1);
  }
}

function broadcastable(a: readonly number[], b: readonly number[]): boolean {
  for (let i = 1; i <= Math.min(a.length, b.length); i++) {
    const x = a[a.length - i];
    const y = b[b.length - i];
    if (x !== y && x !== 1 && y !== 1) return false;
  }
  return true;
}

type Gen = (b: Builder, self: number) => Omit<Step, "self" | "call"> | null;
const m = (op: string, args: Arg[] = [], kwargs?: Record<string, Arg>, pick?: number) => ({
  op,
  args,
  ...(kwargs ? { kwargs } : {}),
  ...(pick !== undefined ? { pick } : {}),
});

const UNARY = [
  "neg",
  "abs",
  "exp",
  "log",
  "sqrt",
  "sin",
  "cos",
  "tanh",
  "sigmoid",
  "relu",
  "floor",
  "ceil",
  "round",
  "reciprocal",
  "square",
  "sign",
  "log1p",
  "expm1",
  "rsqrt",
  "trunc",
  "frac",
  "erf",
  "atan",
  "sinh",
  "logit",
];
const BINARY = [
  "add",
  "sub",
  "mul",
  "div",
  "pow",
  "maximum",
  "minimum",
  "eq",
  "ne",
  "lt",
  "le",
  "gt",
  "ge",
  "remainder",
  "atan2",
  "fmod",
  "logical_and",
  "hypot",
  "copysign",
  "xlogy",
];
const REDUCE = [
  "sum",
  "mean",
  "prod",
  "amax",
  "amin",
  "std",
  "var",
  "logsumexp",
  "all",
  "any",
  "argmax",
  "argmin",
  "nansum",
];
const INPLACE_BINARY = ["add_", "sub_", "mul_", "div_", "pow_"];

const METHODS: Record<string, Gen> = {
  unary: (b) => m(b.g.pick(UNARY)),
  unary_: (b) => m(b.g.pick(UNARY) + "_"),
  clamp: (b) => {
    const lo = b.g.chance(0.8) ? b.scalar() : null;
    const hi = b.g.chance(0.7) ? b.scalar() : null;
    return m(b.g.chance(0.3) ? "clamp_" : "clamp", [], { min: lo, max: hi });
  },
  binary: (b, self) => {
    const op = b.g.pick(BINARY);
    if (b.g.chance(0.3)) return m(op, [b.g.chance(0.5) ? b.scalar() : b.value(b.g.pick(FLOATS))]);
    const o = b.other(b.shape(self));
    if (o === null) return null;
    if (op === "div" && b.g.chance(0.3))
      return m(op, [{ t: o }], { rounding_mode: b.g.pick(["trunc", "floor"]) });
    if ((op === "add" || op === "sub") && b.g.chance(0.3))
      return m(op, [{ t: o }], { alpha: b.g.pick([2, -1, 0.5]) });
    return m(op, [{ t: o }]);
  },
  binary_: (b, self) => {
    const op = b.g.pick(INPLACE_BINARY);
    const o = b.g.chance(0.3) ? null : b.other(b.shape(self));
    return m(op, [o === null ? b.scalar() : { t: o }]);
  },
  reduce: (b, self) => {
    const op = b.g.pick(REDUCE);
    const rank = b.shape(self).length;
    if (b.g.chance(0.3) || op === "logsumexp") {
      if (op === "logsumexp") return m(op, [b.dim(rank)], { keepdim: b.g.chance(0.5) });
      return m(op);
    }
    return m(op, [b.dim(rank)], { keepdim: b.g.chance(0.5) });
  },
  max_dim: (b, self) =>
    m(
      b.g.pick(["max", "min", "sort", "cummax", "kthvalue"]),
      [b.dim(b.shape(self).length)],
      undefined,
      b.g.int(0, 1),
    ),
  scan: (b, self) =>
    m(b.g.pick(["cumsum", "cumprod", "softmax", "log_softmax"]), [b.dim(b.shape(self).length)]),
  view: (b, self) => {
    const s = b.shape(self);
    const n = s.reduce((x, y) => x * y, 1);
    const shapes = [[n], [-1], [1, n], [n, 1], [...s].reverse(), [...s, 1]];
    if (n % 2 === 0 && n > 0) shapes.push([2, n / 2], [-1, 2]);
    if (b.g.chance(0.05)) shapes.push([n + 1]);
    return m(b.g.pick(["view", "reshape"]), [b.g.pick(shapes)]);
  },
  transpose: (b, self) => {
    const r = b.shape(self).length;
    return m("transpose", [b.dim(r), b.dim(r)]);
  },
  permute: (b, self) => {
    const r = b.shape(self).length;
    const p = [...Array(r).keys()];
    for (let i = r - 1; i > 0; i--) {
      const j = b.g.int(0, i);
      [p[i], p[j]] = [p[j], p[i]];
    }
    return m("permute", [p]);
  },
  t: () => m("t"),
  expand: (b, self) =>
    m("expand", [b.shape(self).map((d) => (d === 1 && b.g.chance(0.6) ? b.g.int(2, 3) : d))]),
  unsqueeze: (b, self) => m("unsqueeze", [b.dim(b.shape(self).length + 1)]),
  squeeze: (b, self) => (b.g.chance(0.5) ? m("squeeze") : m("squeeze", [b.dim(b.shape(self).length)])),
  flatten: () => m("flatten"),
  narrow: (b, self) => {
    const s = b.shape(self);
    if (!s.length) return null;
    const d = b.g.int(0, s.length - 1);
    const start = b.g.int(0, s[d]);
    return m("narrow", [d, start, b.g.int(0, s[d] - start + (b.g.chance(0.05) ? 1 : 0))]);
  },
  select: (b, self) => {
    const s = b.shape(self);
    if (!s.length) return null;
    const d = b.g.int(0, s.length - 1);
    return m("select", [d, b.g.int(-s[d], s[d] - 1 + (b.g.chance(0.05) ? 1 : 0))]);
  },
  index: (b, self) => {
    const s = b.shape(self);
    const items: Arg[] = [];
    let ellipsis = false;
    for (let d = 0; d < s.length && items.length < s.length; d++) {
      const size = s[d];
      const r = b.g.next();
      if (r < 0.35)
        items.push({
          slice: [
            b.g.chance(0.5) ? b.g.int(-size, size) : null,
            b.g.chance(0.5) ? b.g.int(-size, size) : null,
            b.g.chance(0.7) ? null : b.g.int(1, 3),
          ],
        });
      else if (r < 0.55 && size > 0) items.push(b.g.int(-size, size - 1));
      else if (r < 0.65) items.push(null);
      else if (r < 0.7 && !ellipsis) {
        items.push("...");
        ellipsis = true;
      } else if (r < 0.85 && size > 0) {
        const idx = b.indices([b.g.int(1, 3)], -size, size - 1);
        if (idx === null) return null;
        items.push({ t: idx });
      } else {
        const mask = b.input([size], "bool");
        if (mask === null) return null;
        items.push({ t: mask });
      }
    }
    return { op: "index", args: [items] };
  },
  index_put_: (b, self) => {
    const s = b.shape(self);
    if (!s.length || s[0] === 0) return null;
    const idx = b.indices([b.g.int(1, 3)], 0, s[0] - 1);
    if (idx === null) return null;
    const v = b.input(b.g.chance(0.5) ? [] : s.slice(1), b.dtype(self));
    if (v === null) return null;
    return m("index_put_", [[{ t: idx }], { t: v }], { accumulate: b.g.chance(0.3) });
  },
  masked_fill: (b, self) => {
    const mask = b.other(b.shape(self), "bool");
    if (mask === null) return null;
    return m(b.g.pick(["masked_fill", "masked_fill_"]), [{ t: mask }, b.scalar()]);
  },
  masked_select: (b, self) => {
    const mask = b.other(b.shape(self), "bool");
    return mask === null ? null : m("masked_select", [{ t: mask }]);
  },
  gather: (b, self) => {
    const s = b.shape(self);
    if (!s.length || s.some((d) => d === 0)) return null;
    const d = b.g.int(0, s.length - 1);
    const shape = s.map((n, k) => (k === d ? b.g.int(1, 3) : b.g.int(1, n)));
    const idx = b.indices(shape, 0, s[d] - 1);
    return idx === null ? null : m("gather", [d, { t: idx }]);
  },
  fill_: (b) => (b.g.chance(0.5) ? m("zero_") : m("fill_", [b.scalar()])),
  copy_: (b, self) => {
    const o = b.other(b.shape(self));
    return o === null ? null : m("copy_", [{ t: o }]);
  },
  matmul: (b, self) => {
    const s = b.shape(self);
    const k = s.length ? s[s.length - 1] : 1;
    const o = b.input(
      b.g.chance(0.3) ? [k] : [k, b.g.int(1, 3)],
      b.g.chance(0.9) ? b.dtype(self) : "float32",
    );
    return o === null ? null : m(b.g.pick(["matmul", "matmul", "mm"]), [{ t: o }]);
  },
  index_select: (b, self) => {
    const s = b.shape(self);
    if (!s.length) return null;
    const d = b.g.int(0, s.length - 1);
    const idx = b.indices([b.g.int(0, 3)], 0, Math.max(s[d] - 1, 0) + (b.g.chance(0.05) ? 1 : 0));
    return idx === null ? null : m("index_select", [d, { t: idx }]);
  },
  // index writes, whose index or source may be an earlier tensor sharing self's memory
  index_write_: (b, self) => {
    const s = b.shape(self);
    if (!s.length || s.some((n) => n === 0)) return null;
    const d = b.g.int(0, s.length - 1);
    const idx = b.indices([b.g.int(1, 2)], 0, s[d] - 1);
    if (idx === null) return null;
    const src_shape = s.map((n, k) => (k === d ? 1 : n));
    const fits = [...Array(b.size).keys()].filter(
      (i) => b.shape(i).join() === src_shape.join() && b.dtype(i) === b.dtype(self),
    );
    const src = fits.length && b.g.chance(0.5) ? b.g.pick(fits) : b.input(src_shape, b.dtype(self));
    if (src === null) return null;
    const op = b.g.pick(["index_add_", "index_copy_", "scatter_add_", "scatter_"]);
    if (op.startsWith("index")) return m(op, [d, { t: idx }, { t: src }]);
    const sidx = b.indices(src_shape, 0, s[d] - 1);
    return sidx === null ? null : m(op, [d, { t: sidx }, { t: src }]);
  },
  split: (b, self) => {
    const s = b.shape(self);
    if (!s.length) return null;
    const d = b.g.int(0, s.length - 1);
    const op = b.g.pick(["split", "chunk", "unbind"]);
    if (op === "unbind") return s[d] ? m("unbind", [d], undefined, b.g.int(0, s[d] - 1)) : null;
    return m(op, [b.g.int(1, 3), d], undefined, 0);
  },
  flip: (b, self) => {
    const r = b.shape(self).length;
    return b.g.chance(0.5) ? m("flip", [[b.dim(r)]]) : m("roll", [b.g.int(-2, 2), b.dim(r)]);
  },
  repeat: (b, self) =>
    m("repeat", [[...b.shape(self).map(() => b.g.int(1, 2)), ...(b.g.chance(0.3) ? [2] : [])]]),
  topk: (b, self) => {
    const s = b.shape(self);
    const d = b.dim(s.length);
    const n = s.length ? (s[d < 0 ? d + s.length : d] ?? 1) : 1;
    return m("topk", [b.g.int(Math.min(1, n), n)], { dim: d, largest: b.g.chance(0.5) }, b.g.int(0, 1));
  },
  norm: (b, self) =>
    b.g.chance(0.5) ? m("norm") : m("norm", [b.g.pick([1, 2]), b.dim(b.shape(self).length)]),
  to: (b) => m("to", [{ dtype: b.random_dtype() }]),
  clone: (b) => m(b.g.pick(["clone", "contiguous", "detach"])),
};

const FUNCTIONS: Record<string, Gen> = {
  loss: (b, self) => {
    const o = b.other(b.shape(self), b.dtype(self));
    if (o === null) return null;
    const op = b.g.pick(["mse_loss", "l1_loss", "smooth_l1_loss", "huber_loss"]);
    return m(`nn.functional.${op}`, [{ t: self }, { t: o }], {
      reduction: b.g.pick(["mean", "sum", "none"]),
    });
  },
  cat: (b, self) => {
    const s = b.shape(self);
    const o = b.input(b.g.chance(0.9) ? s : b.random_shape(), b.dtype(self));
    if (o === null) return null;
    return m(b.g.pick(["cat", "stack"]), [[{ t: self }, { t: o }], b.dim(s.length)]);
  },
  activation: (b, self) => {
    const op = b.g.pick(["relu", "gelu", "silu", "softplus", "leaky_relu", "elu", "hardtanh", "mish"]);
    return m(`nn.functional.${op}`, [{ t: self }]);
  },
  cross_entropy: (b, self) => {
    const s = b.shape(self);
    if (s.length !== 2 || s[1] === 0) return null;
    const target = b.indices([s[0]], 0, s[1] - 1);
    if (target === null) return null;
    return m("nn.functional.cross_entropy", [{ t: self }, { t: target }], {
      reduction: b.g.pick(["mean", "sum", "none"]),
    });
  },
  where: (b, self) => {
    const c = b.other(b.shape(self), "bool");
    const o = b.other(b.shape(self));
    if (c === null || o === null) return null;
    return m("where", [{ t: c }, { t: self }, { t: o }]);
  },
};

/** Draws one program of about `length` steps. */
export function generate(seed: number, length = 6): Program {
  const g = new Rng(seed);
  const b = new Builder(g);
  for (let k = g.int(1, 2); k > 0; k--) if (b.input() === null) return { steps: b.steps, backward: false };
  // a non-leaf copy of the first input, which in-place ops may change
  if (!b.add({ call: "method", self: 0, op: "mul", args: [1] })) return { steps: b.steps, backward: false };
  const methods = Object.keys(METHODS);
  const functions = Object.keys(FUNCTIONS);
  for (let n = 0; n < length && b.error === null; n++) {
    // recent tensors are more interesting: views of views, in-place on fresh results
    const self = b.size - 1 - Math.min(b.size - 1, Math.floor(-Math.log(1 - g.next()) * 1.5));
    const use_fn = g.chance(0.12);
    const name = use_fn ? g.pick(functions) : g.pick(methods);
    const made = (use_fn ? FUNCTIONS : METHODS)[name](b, self);
    if (b.error !== null) break;
    if (made === null) continue;
    b.add(use_fn ? { call: "function", ...made } : { call: "method", self, ...made });
  }
  return { steps: b.steps, backward: b.error === null };
}

export { finish };
