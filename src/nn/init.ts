/**
 * torch.nn.init: in-place initialisers that fill a tensor without recording a graph and return
 * it, drawing PyTorch's exact numbers from the generator (`{ generator }`, else the default one).
 * Bounds and standard deviations are computed in doubles in PyTorch's order (torch/nn/init.py),
 * e.g. kaiming: gain = sqrt(2 / (1 + a^2)), std = gain / sqrt(fan), bound = sqrt(3) * std, then
 * one uniform_(-bound, bound), so `new nn.Linear(4, 3)` after manual_seed(0) has PyTorch's
 * weights bit for bit.
 *
 * Limits: orthogonal_ factors the normal draw with a Householder QR in double, where PyTorch
 * calls LAPACK in the tensor's dtype, so its float32 values agree to rounding, not bit for bit;
 * trunc_normal_ uses the project's erfinv (double precision, rounded once), PyTorch's float32
 * erfinv computes in float, so rare float32 values differ in the last bit.
 */
import { no_grad } from "../autograd/grad_mode.js";
import { float64 } from "../dtype.js";
import { kwargs } from "../tensor/args.js";
import { eye, scalar_tensor, tensor as make_tensor } from "../tensor/factory.js";
import type { Tensor } from "../tensor/tensor.js";
import { erf } from "../ops/pointwise/trig.js";
import { randperm } from "../ops/random/samplers.js";
import type { Generator } from "../random/generator.js";
import { py_str } from "../format.js";

type GenOpt = { generator?: Generator | null };
type Arg<O> = number | string | null | undefined | O;

const LINEAR_FNS = [
  "linear",
  "conv1d",
  "conv2d",
  "conv3d",
  "conv_transpose1d",
  "conv_transpose2d",
  "conv_transpose3d",
];

/**
 * calculate_gain(nonlinearity, param=None): the recommended gain for a nonlinearity (linear,
 * conv*, sigmoid: 1; tanh: 5/3; relu: sqrt(2); leaky_relu: sqrt(2 / (1 + slope^2)), slope
 * param or 0.01; selu: 3/4).
 */
export function calculate_gain(nonlinearity: string, param: number | boolean | null = null): number {
  if (LINEAR_FNS.includes(nonlinearity) || nonlinearity === "sigmoid") return 1;
  if (nonlinearity === "tanh") return 5.0 / 3;
  if (nonlinearity === "relu") return Math.sqrt(2.0);
  if (nonlinearity === "leaky_relu") {
    let negative_slope: number;
    if (param === null || param === undefined) negative_slope = 0.01;
    else if (typeof param === "number") negative_slope = param;
    else throw new Error(`negative_slope ${py_str(param)} not a valid number`);
    return Math.sqrt(2.0 / (1 + negative_slope * negative_slope));
  }
  if (nonlinearity === "selu") return 3.0 / 4;
  throw new Error(`Unsupported nonlinearity ${nonlinearity}`);
}

/** [fan_in, fan_out] of a weight: size(1) and size(0), times the receptive field (dims 2..). */
export function _calculate_fan_in_and_fan_out(tensor: Tensor): [number, number] {
  if (tensor.dim() < 2) {
    throw new Error("Fan in and fan out can not be computed for tensor with fewer than 2 dimensions");
  }
  const num_input_fmaps = tensor.shape[1];
  const num_output_fmaps = tensor.shape[0];
  let receptive_field_size = 1;
  for (let i = 2; i < tensor.dim(); i++) receptive_field_size *= tensor.shape[i];
  return [num_input_fmaps * receptive_field_size, num_output_fmaps * receptive_field_size];
}

/** The fan that `mode` ("fan_in" or "fan_out", any case) selects. */
export function _calculate_correct_fan(tensor: Tensor, mode: string): number {
  const m = mode.toLowerCase();
  if (m !== "fan_in" && m !== "fan_out") {
    throw new Error(`Mode ${m} not supported, please use one of ['fan_in', 'fan_out']`);
  }
  const [fan_in, fan_out] = _calculate_fan_in_and_fan_out(tensor);
  return m === "fan_in" ? fan_in : fan_out;
}

// ---------------------------------------------------------------- plain fills

/** uniform_(tensor, a=0, b=1, {generator}): U(a, b). */
export function uniform_(tensor: Tensor, ...args: Arg<{ a?: number; b?: number } & GenOpt>[]): Tensor {
  const o = kwargs<{ a: number; b: number; generator: Generator | null }>("uniform_", args, [
    "a",
    "b",
    "generator",
  ]);
  return no_grad(() => tensor.uniform_(o.a ?? 0, o.b ?? 1, { generator: o.generator ?? null }));
}

/** normal_(tensor, mean=0, std=1, {generator}): N(mean, std^2). */
export function normal_(tensor: Tensor, ...args: Arg<{ mean?: number; std?: number } & GenOpt>[]): Tensor {
  const o = kwargs<{ mean: number; std: number; generator: Generator | null }>("normal_", args, [
    "mean",
    "std",
    "generator",
  ]);
  return no_grad(() => tensor.normal_(o.mean ?? 0, o.std ?? 1, { generator: o.generator ?? null }));
}

/** The standard normal CDF in double, as init.py's norm_cdf (math.erf). */
function norm_cdf(x: number): number {
  return (1 + Number(erf(scalar_tensor(x / Math.sqrt(2), { dtype: float64 })).item())) / 2;
}

/**
 * trunc_normal_(tensor, mean=0, std=1, a=-2, b=2, {generator}): N(mean, std^2) truncated to
 * [a, b], by PyTorch's inverse-CDF steps: uniform_(2l - 1, 2u - 1), erfinv_, mul_(std * sqrt(2)),
 * add_(mean), clamp_(a, b).
 */
export function trunc_normal_(
  tensor: Tensor,
  ...args: Arg<{ mean?: number; std?: number; a?: number; b?: number } & GenOpt>[]
): Tensor {
  const o = kwargs<{ mean: number; std: number; a: number; b: number; generator: Generator | null }>(
    "trunc_normal_",
    args,
    ["mean", "std", "a", "b", "generator"],
  );
  const mean = o.mean ?? 0;
  const std = o.std ?? 1;
  const a = o.a ?? -2;
  const b = o.b ?? 2;
  if (mean < a - 2 * std || mean > b + 2 * std) {
    console.warn(
      "mean is more than 2 std from [a, b] in nn.init.trunc_normal_. The distribution of values may be incorrect.",
    );
  }
  return no_grad(() => {
    const l = norm_cdf((a - mean) / std);
    const u = norm_cdf((b - mean) / std);
    tensor.uniform_(2 * l - 1, 2 * u - 1, { generator: o.generator ?? null });
    tensor.erfinv_();
    tensor.mul_(std * Math.sqrt(2));
    tensor.add_(mean);
    tensor.clamp_(a, b);
    return tensor;
  });
}

/** constant_(tensor, val): every element val. */
export function constant_(tensor: Tensor, val: number): Tensor {
  return no_grad(() => tensor.fill_(val));
}

/** ones_(tensor) */
export function ones_(tensor: Tensor): Tensor {
  return no_grad(() => tensor.fill_(1));
}

/** zeros_(tensor) */
export function zeros_(tensor: Tensor): Tensor {
  return no_grad(() => tensor.zero_());
}

/** eye_(tensor): the identity matrix (2-D tensors only), preserving the identity of inputs in Linear layers. */
export function eye_(tensor: Tensor): Tensor {
  if (tensor.dim() !== 2) throw new Error("Only tensors with 2 dimensions are supported");
  return no_grad(() => tensor.copy_(eye(tensor.shape[0], tensor.shape[1], { dtype: tensor.dtype })));
}

/**
 * dirac_(tensor, groups=1): the Dirac delta for {3,4,5}-D convolution weights, preserving the
 * identity of the inputs (per group when groups > 1).
 */
export function dirac_(tensor: Tensor, ...args: Arg<{ groups?: number }>[]): Tensor {
  const groups = kwargs<{ groups: number }>("dirac_", args, ["groups"]).groups ?? 1;
  const dims = tensor.dim();
  if (dims < 3 || dims > 5) throw new Error("Only tensors with 3, 4, or 5 dimensions are supported");
  const sizes = tensor.shape;
  if (sizes[0] % groups !== 0) throw new Error("dim 0 must be divisible by groups");
  const out_chans_per_grp = Math.floor(sizes[0] / groups);
  const min_dim = Math.min(out_chans_per_grp, sizes[1]);
  return no_grad(() => {
    tensor.zero_();
    for (let g = 0; g < groups; g++) {
      for (let d = 0; d < min_dim; d++) {
        let t = tensor.select(0, g * out_chans_per_grp + d).select(0, d);
        for (let k = 2; k < dims; k++) t = t.select(0, Math.floor(sizes[k] / 2));
        t.fill_(1);
      }
    }
    return tensor;
  });
}

// ---------------------------------------------------------------- scaled by fans

function gain_args(name: string, args: Arg<{ gain?: number } & GenOpt>[]) {
  const o = kwargs<{ gain: number; generator: Generator | null }>(name, args, ["gain", "generator"]);
  return { gain: o.gain ?? 1, generator: o.generator ?? null };
}

/** xavier_uniform_(tensor, gain=1, {generator}): U(-a, a), a = gain * sqrt(6 / (fan_in + fan_out)). */
export function xavier_uniform_(tensor: Tensor, ...args: Arg<{ gain?: number } & GenOpt>[]): Tensor {
  const { gain, generator } = gain_args("xavier_uniform_", args);
  const [fan_in, fan_out] = _calculate_fan_in_and_fan_out(tensor);
  if (fan_in + fan_out === 0) throw new Error("float division by zero");
  const std = gain * Math.sqrt(2.0 / (fan_in + fan_out));
  const a = Math.sqrt(3.0) * std;
  return no_grad(() => tensor.uniform_(-a, a, { generator }));
}

/** xavier_normal_(tensor, gain=1, {generator}): N(0, std^2), std = gain * sqrt(2 / (fan_in + fan_out)). */
export function xavier_normal_(tensor: Tensor, ...args: Arg<{ gain?: number } & GenOpt>[]): Tensor {
  const { gain, generator } = gain_args("xavier_normal_", args);
  const [fan_in, fan_out] = _calculate_fan_in_and_fan_out(tensor);
  if (fan_in + fan_out === 0) throw new Error("float division by zero");
  const std = gain * Math.sqrt(2.0 / (fan_in + fan_out));
  return no_grad(() => tensor.normal_(0, std, { generator }));
}

/**
 * Keyword arguments of the kaiming initializers: a (the negative slope of leaky_relu), mode ("fan_in" or
 * "fan_out"), nonlinearity (default "leaky_relu") and the generator.
 */
export interface KaimingOptions {
  a?: number;
  mode?: string;
  nonlinearity?: string;
  generator?: Generator | null;
}

/** The std of kaiming_*, or null for a zero-element tensor (PyTorch warns and does nothing). */
function kaiming_std(name: string, tensor: Tensor, args: Arg<KaimingOptions>[]) {
  const o = kwargs<Required<KaimingOptions>>(name, args, ["a", "mode", "nonlinearity", "generator"]);
  if (tensor.shape.includes(0)) {
    console.warn("Initializing zero-element tensors is a no-op");
    return null;
  }
  const fan = _calculate_correct_fan(tensor, o.mode ?? "fan_in");
  const gain = calculate_gain(o.nonlinearity ?? "leaky_relu", o.a ?? 0);
  return { std: gain / Math.sqrt(fan), generator: o.generator ?? null };
}

/**
 * kaiming_uniform_(tensor, a=0, mode='fan_in', nonlinearity='leaky_relu', {generator}):
 * U(-bound, bound), bound = sqrt(3) * gain / sqrt(fan) (He et al. 2015).
 */
export function kaiming_uniform_(tensor: Tensor, ...args: Arg<KaimingOptions>[]): Tensor {
  const k = kaiming_std("kaiming_uniform_", tensor, args);
  if (!k) return tensor;
  const bound = Math.sqrt(3.0) * k.std;
  return no_grad(() => tensor.uniform_(-bound, bound, { generator: k.generator }));
}

/** kaiming_normal_(tensor, a=0, mode='fan_in', nonlinearity='leaky_relu', {generator}): N(0, (gain / sqrt(fan))^2). */
export function kaiming_normal_(tensor: Tensor, ...args: Arg<KaimingOptions>[]): Tensor {
  const k = kaiming_std("kaiming_normal_", tensor, args);
  if (!k) return tensor;
  return no_grad(() => tensor.normal_(0, k.std, { generator: k.generator }));
}

// ---------------------------------------------------------------- orthogonal, sparse

/**
 * The Q of a reduced Householder QR of the m x n (m >= n) row-major matrix a, each column
 * multiplied by the sign of R's diagonal entry (so R's diagonal is positive, Q unique).
 */
function householder_q(a: Float64Array, m: number, n: number): Float64Array {
  const vs: Float64Array[] = [];
  const signs: number[] = [];
  for (let k = 0; k < n; k++) {
    let norm2 = 0;
    for (let i = k; i < m; i++) norm2 += a[i * n + k] * a[i * n + k];
    const x0 = a[k * n + k];
    const norm = Math.sqrt(norm2);
    // LAPACK's convention: r_kk = -sign(x0) * ||x||
    const beta = x0 >= 0 ? -norm : norm;
    const v = new Float64Array(m);
    signs.push(Math.sign(beta));
    if (norm === 0) {
      vs.push(v);
      continue;
    }
    v[k] = x0 - beta;
    for (let i = k + 1; i < m; i++) v[i] = a[i * n + k];
    let vv = 0;
    for (let i = k; i < m; i++) vv += v[i] * v[i];
    if (vv > 0) {
      for (let j = k; j < n; j++) {
        let s = 0;
        for (let i = k; i < m; i++) s += v[i] * a[i * n + j];
        const f = (2 * s) / vv;
        for (let i = k; i < m; i++) a[i * n + j] -= f * v[i];
      }
    }
    vs.push(v);
  }
  // Q = H_0 H_1 ... H_{n-1} applied to the first n columns of the identity
  const q = new Float64Array(m * n);
  for (let j = 0; j < n; j++) q[j * n + j] = 1;
  for (let k = n - 1; k >= 0; k--) {
    const v = vs[k];
    let vv = 0;
    for (let i = k; i < m; i++) vv += v[i] * v[i];
    if (vv === 0) continue;
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let i = k; i < m; i++) s += v[i] * q[i * n + j];
      const f = (2 * s) / vv;
      for (let i = k; i < m; i++) q[i * n + j] -= f * v[i];
    }
  }
  for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) q[i * n + j] *= signs[j];
  return q;
}

/**
 * orthogonal_(tensor, gain=1, {generator}): a (semi-)orthogonal matrix from the QR of a normal
 * draw of shape (rows, numel / rows), transposed first when rows < cols, as PyTorch does.
 */
export function orthogonal_(tensor: Tensor, ...args: Arg<{ gain?: number } & GenOpt>[]): Tensor {
  const { gain, generator } = gain_args("orthogonal_", args);
  if (tensor.dim() < 2) throw new Error("Only tensors with 2 or more dimensions are supported");
  if (tensor.numel() === 0) return tensor;
  const rows = tensor.shape[0];
  const cols = tensor.numel() / rows;
  return no_grad(() => {
    let flattened = tensor.new_empty([rows, cols]).normal_(0, 1, { generator });
    if (rows < cols) flattened = flattened.t();
    const [m, n] = flattened.shape;
    const values = Float64Array.from(flattened.contiguous().to(float64).reshape(-1).tolist() as number[]);
    let q = make_tensor(Array.from(householder_q(values, m, n)), { dtype: float64 }).reshape(m, n);
    if (rows < cols) q = q.t();
    tensor.view_as(q).copy_(q);
    tensor.mul_(gain);
    return tensor;
  });
}

/**
 * sparse_(tensor, sparsity, std=0.01, {generator}): N(0, std^2), then in each column
 * ceil(sparsity * rows) entries, chosen by randperm (of the default generator, as in PyTorch),
 * set to zero.
 */
export function sparse_(tensor: Tensor, sparsity: number, ...args: Arg<{ std?: number } & GenOpt>[]): Tensor {
  const o = kwargs<{ std: number; generator: Generator | null }>("sparse_", args, ["std", "generator"]);
  if (tensor.dim() !== 2) throw new Error("Only tensors with 2 dimensions are supported");
  const [rows, cols] = tensor.shape;
  const num_zeros = Math.ceil(sparsity * rows);
  return no_grad(() => {
    tensor.normal_(0, o.std ?? 0.01, { generator: o.generator ?? null });
    for (let col_idx = 0; col_idx < cols; col_idx++) {
      const row_indices = randperm(rows);
      const zero_indices = row_indices.narrow(0, 0, Math.min(num_zeros, rows));
      const column = tensor.select(1, col_idx);
      column.index_put_([zero_indices], 0);
    }
    return tensor;
  });
}
