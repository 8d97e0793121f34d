/**
 * torch.autograd.gradcheck and gradgradcheck: compare the gradients autograd computes with
 * central finite differences, in float64. Inputs that require grad must be float64 (as in
 * PyTorch, which warns otherwise) so that differences of eps = 1e-6 are meaningful.
 */
import { fmt_shape, shapes_equal } from "../shape.js";
import type { Tensor } from "../tensor/tensor.js";
import { empty_tensor } from "../tensor/make.js";
import { check_options } from "../tensor/args.js";
import { float64 } from "../dtype.js";
import { grad as autograd_grad } from "./functional.js";
import { row_major } from "../ops/convert/convert.js";

/** Tolerances of gradcheck and gradgradcheck, with PyTorch's defaults. */
export interface GradcheckOptions {
  eps?: number;
  atol?: number;
  rtol?: number;
  /** throw on failure (default) or return false */
  raise_exception?: boolean;
}

type Fn = (...inputs: Tensor[]) => Tensor | Tensor[];

function outputs_of(fn: Fn, inputs: Tensor[]): Tensor[] {
  const out = fn(...inputs);
  return Array.isArray(out) ? out : [out];
}

/** Reads and writes element i (row-major) of a possibly strided tensor. */
function offset_of(t: Tensor, i: number): number {
  let off = t._offset;
  for (let d = t.shape.length - 1; d >= 0; d--) {
    const s = t.shape[d];
    off += (i % s) * t._strides[d];
    i = Math.floor(i / s);
  }
  return off;
}

function flat_values(t: Tensor): number[] {
  return Array.from(row_major(t));
}

const GRADCHECK_KEYS = ["eps", "atol", "rtol", "raise_exception"] as const;

/**
 * Checks fn's backward against finite differences, for every input that requires grad (use float64 inputs).
 * Returns true, or throws naming the first mismatch (returns false with `raise_exception: false`).
 */
export function gradcheck(fn: Fn, inputs: Tensor | Tensor[], options: GradcheckOptions = {}): boolean {
  check_options("gradcheck", options, GRADCHECK_KEYS);
  const eps = options.eps ?? 1e-6;
  const atol = options.atol ?? 1e-5;
  const rtol = options.rtol ?? 1e-3;
  const ins = Array.isArray(inputs) ? inputs : [inputs];
  const diff = ins.filter((t) => t.requires_grad);
  // PyTorch's _check_inputs: a check with nothing to differentiate, or that perturbs one
  // element through several positions, proves nothing
  if (diff.length === 0) {
    throw new Error(
      "gradcheck expects at least one input tensor to require gradient, but none of the them have requires_grad=True.",
    );
  }
  ins.forEach((t, idx) => {
    if (!t.requires_grad) return;
    if (t.dtype !== float64) {
      throw new Error(
        `gradcheck: inputs that require grad must be float64 (got ${t.dtype.toString()} of shape ${fmt_shape(t.shape)})`,
      );
    }
    if (t.shape.some((size, d) => size > 1 && t._strides[d] === 0)) {
      throw new Error(
        `The ${idx}th input has a dimension with stride 0. gradcheck only supports inputs that are non-overlapping to be able to compute the numerical gradients correctly. You should call .contiguous on the input before passing it to gradcheck.`,
      );
    }
  });
  const outs = outputs_of(fn, ins).filter((o) => o.dtype.is_floating_point);
  const fail = (msg: string): boolean => {
    if (options.raise_exception ?? true) throw new Error(`gradcheck: ${msg}`);
    return false;
  };

  for (let oi = 0; oi < outs.length; oi++) {
    const out = outs[oi];
    const n_out = out.numel();
    // analytical: one backward per output element
    const analytical: number[][][] = diff.map((t) =>
      new Array(t.numel()).fill(0).map(() => new Array<number>(n_out).fill(0)),
    );
    if (out.requires_grad) {
      for (let j = 0; j < n_out; j++) {
        const fresh = outputs_of(fn, ins).filter((o) => o.dtype.is_floating_point)[oi];
        const go = empty_tensor(fresh.shape, fresh.dtype);
        go._storage.data[j] = 1;
        const grads = autograd_grad([fresh], diff, { grad_outputs: [go], allow_unused: true });
        for (let k = 0; k < grads.length; k++) {
          const g = grads[k];
          if (!g) continue;
          if (!shapes_equal(g.shape, diff[k].shape)) {
            return fail(
              `gradient of input ${k} has shape ${fmt_shape(g.shape)}, expected ${fmt_shape(diff[k].shape)}`,
            );
          }
          flat_values(g).forEach((v, i) => (analytical[k][i][j] = v));
        }
      }
    }
    // numerical: central differences on each input element (grad mode stays on: gradgradcheck's
    // function itself differentiates)
    for (let k = 0; k < diff.length; k++) {
      const t = diff[k];
      const data = t._storage.data;
      for (let i = 0; i < t.numel(); i++) {
        const off = offset_of(t, i);
        const orig = data[off];
        data[off] = orig + eps;
        const plus = flat_values(outputs_of(fn, ins).filter((o) => o.dtype.is_floating_point)[oi]);
        data[off] = orig - eps;
        const minus = flat_values(outputs_of(fn, ins).filter((o) => o.dtype.is_floating_point)[oi]);
        data[off] = orig;
        for (let j = 0; j < n_out; j++) {
          const num = (plus[j] - minus[j]) / (2 * eps);
          const ana = analytical[k][i][j];
          if (
            !(Math.abs(num - ana) <= atol + rtol * Math.abs(num)) &&
            !(Number.isNaN(num) && Number.isNaN(ana))
          ) {
            return fail(
              `Jacobian mismatch for output ${oi} with respect to input ${k}, element ${i} -> output element ${j}: numerical ${num}, analytical ${ana}`,
            );
          }
        }
      }
    }
  }
  return true;
}

/** Checks second derivatives: gradcheck of the function (inputs, grad_outputs) -> gradients. */
export function gradgradcheck(fn: Fn, inputs: Tensor | Tensor[], options: GradcheckOptions = {}): boolean {
  check_options("gradgradcheck", options, GRADCHECK_KEYS);
  const ins = Array.isArray(inputs) ? inputs : [inputs];
  const outs = outputs_of(fn, ins).filter((o) => o.dtype.is_floating_point && o.requires_grad);
  const grad_outputs = outs.map((o) => {
    const g = empty_tensor(o.shape, float64);
    const d = g._storage.data;
    for (let i = 0; i < d.length; i++) d[i] = Math.sin(i + 1); // fixed, non-trivial directions
    return g.requires_grad_(true);
  });
  const n_in = ins.length;
  const first = (...all: Tensor[]): Tensor[] => {
    const xs = all.slice(0, n_in);
    const gos = all.slice(n_in);
    const ys = outputs_of(fn, xs).filter((o) => o.dtype.is_floating_point && o.requires_grad);
    const diff_now = xs.filter((t) => t.requires_grad);
    return autograd_grad(ys, diff_now, { grad_outputs: gos, create_graph: true, allow_unused: true }).map(
      (g, k) => g ?? diff_now[k].mul(0),
    );
  };
  return gradcheck(first, [...ins, ...grad_outputs], options);
}
