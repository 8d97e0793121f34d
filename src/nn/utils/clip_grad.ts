/**
 * torch/nn/utils/clip_grad.py: gradient clipping, in PyTorch 2's order of float32 operations
 * so clipped gradients match bit for bit where the norms do: the norm of each gradient, then
 * the norm of those norms (stacked), then clip_coef = max_norm / (total_norm + 1e-6), which
 * Python evaluates as `(total_norm + 1e-6).reciprocal() * max_norm` (Tensor.__rtruediv__),
 * clamped to 1, and every gradient multiplied by it in place (even when it is 1, as PyTorch
 * does to avoid a device sync). `foreach` is accepted and ignored: there is one loop here.
 */
import { Tensor } from "../../tensor/tensor.js";
import { tensor } from "../../tensor/factory.js";
import { kwargs } from "../../tensor/args.js";
import { no_grad } from "../../autograd/grad_mode.js";
import { stack, vector_norm } from "../../ops/index.js";
import { py_float } from "../../format.js";

type Params = Tensor | Iterable<Tensor>;
type NormType = number | "inf";
type NormOptions = { norm_type?: NormType; error_if_nonfinite?: boolean; foreach?: boolean | null };

function as_list(parameters: Params): Tensor[] {
  return parameters instanceof Tensor ? [parameters] : [...parameters];
}

function norm_type_of(v: NormType | undefined): number {
  const n = v === undefined ? 2 : v === "inf" ? Infinity : Number(v);
  if (Number.isNaN(n)) throw new Error(`could not convert string to float: '${String(v)}'`);
  return n;
}

/**
 * torch.nn.utils.get_total_norm(tensors, norm_type=2, error_if_nonfinite=False, foreach=None):
 * the norm of the tensors' norms, grouped by dtype in order of first appearance as PyTorch
 * groups them (mixed dtypes stack into the wider one).
 */
export function get_total_norm(
  tensors: Params,
  ...args: [NormType?, boolean?, (boolean | null)?, NormOptions?] | [NormOptions]
): Tensor {
  const o = kwargs<NormOptions>("get_total_norm", args, ["norm_type", "error_if_nonfinite", "foreach"]);
  const list = as_list(tensors);
  const p = norm_type_of(o.norm_type);
  if (list.length === 0) return tensor(0.0);
  return no_grad(() => {
    const groups = new Map<Tensor["dtype"], Tensor[]>();
    for (const t of list) {
      const g = groups.get(t.dtype);
      if (g) g.push(t);
      else groups.set(t.dtype, [t]);
    }
    let norms = [...groups.values()].flat().map((t) => vector_norm(t, p));
    const wide = norms.reduce((d, n) => (n.dtype.itemsize > d.itemsize ? n.dtype : d), norms[0].dtype);
    norms = norms.map((n) => n.to(wide));
    const total = vector_norm(stack(norms), p);
    if (o.error_if_nonfinite && (total.isnan().item() || total.isinf().item())) {
      throw new Error(
        `The total norm of order ${py_float(p)} for gradients from \`parameters\` is non-finite, so it cannot be clipped. To disable this error and scale the gradients by the non-finite norm anyway, set \`error_if_nonfinite=False\``,
      );
    }
    return total;
  });
}

/** torch.nn.utils.clip_grads_with_norm_(parameters, max_norm, total_norm, foreach=None). */
export function clip_grads_with_norm_(parameters: Params, max_norm: number, total_norm: Tensor): void {
  const grads = as_list(parameters).flatMap((p) => (p.grad ? [p.grad] : []));
  if (grads.length === 0) return;
  no_grad(() => {
    const clip_coef = total_norm.add(1e-6).reciprocal().mul(Number(max_norm));
    const clamped = clip_coef.clamp({ max: 1.0 });
    for (const g of grads) g.mul_(clamped);
  });
}

/**
 * torch.nn.utils.clip_grad_norm_(parameters, max_norm, norm_type=2, error_if_nonfinite=False,
 * foreach=None): scales the gradients in place so their total norm is at most max_norm, and
 * returns the total norm they had (a 0-dim tensor).
 */
export function clip_grad_norm_(
  parameters: Params,
  max_norm: number,
  ...args: [NormType?, boolean?, (boolean | null)?, NormOptions?] | [NormOptions]
): Tensor {
  const o = kwargs<NormOptions>("clip_grad_norm_", args, ["norm_type", "error_if_nonfinite", "foreach"]);
  // a generator would be exhausted by the first pass
  const params = as_list(parameters);
  const grads = params.flatMap((p) => (p.grad ? [p.grad] : []));
  const total = get_total_norm(grads, {
    norm_type: o.norm_type ?? 2,
    error_if_nonfinite: o.error_if_nonfinite ?? false,
  });
  clip_grads_with_norm_(params, max_norm, total);
  return total;
}

/** torch.nn.utils.clip_grad_value_(parameters, clip_value, foreach=None): clamps gradients in place. */
export function clip_grad_value_(parameters: Params, clip_value: number, _foreach?: boolean | null): void {
  const v = Number(clip_value);
  no_grad(() => {
    for (const p of as_list(parameters)) if (p.grad) p.grad.clamp_(-v, v);
  });
}
