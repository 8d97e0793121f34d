/**
 * The history of differentiable views, as PyTorch keeps it (its DifferentiableViewMeta): a view
 * remembers its base (always a non-view tensor), how it was created, and the version of the
 * shared version counter its grad_fn was last set at. An in-place write into the base or into any
 * other view of it bumps that counter; the next time the view's grad_fn is read, it is
 * regenerated from the base's current history as one AsStridedBackward0 node (PyTorch's choice
 * on CPU), so a view never keeps history its base no longer has.
 *
 * How a view was created decides whether an in-place write through it (or, indirectly, through
 * its base) can be differentiated at all: a view made in no_grad mode, or one of several views
 * returned by one op (split, chunk, unbind), cannot, and PyTorch's errors say so.
 */
import type { Tensor } from "../tensor/tensor.js";
import { is_grad_enabled, set_grad_enabled } from "./grad_mode.js";
import type { Edge, Node } from "./node.js";

/** PyTorch's CreationMeta: how a differentiable view came to be. */
export const CreationMeta = {
  DEFAULT: 0,
  NO_GRAD_MODE: 1,
  MULTI_OUTPUT_NODE: 2,
  IN_CUSTOM_FUNCTION: 3,
} as const;
export type CreationMeta = (typeof CreationMeta)[keyof typeof CreationMeta];

/** A view of a view keeps its parent's restriction, unless the new one is stricter. */
export function propagate_creation_meta(prev: CreationMeta, next: CreationMeta): CreationMeta {
  return next === CreationMeta.DEFAULT ? prev : next;
}

/**
 * The grad_fn of the view `t` (t._base !== null), regenerated when its base or a sibling view
 * has been written in place since it was set (PyTorch's VariableHooks::grad_fn).
 */
export function view_grad_fn(t: Tensor): Node | null {
  const fn = t._grad_fn;
  const base = t._base as Tensor;
  if (fn === null && !base.requires_grad) return null;
  const version = t._vc.version;
  if (t._attr_version === version) return fn;
  handle_view_on_rebase(t, true);
  const prev = is_grad_enabled();
  set_grad_enabled(true);
  let next: Node | null;
  try {
    // a view that had history over a base that needs no grad (a view made a leaf with
    // requires_grad_, then viewed again) still gets its node, whose edge leads nowhere: PyTorch
    // builds the AsStridedBackward0 whatever the base
    const dead = !base.requires_grad;
    const from = dead ? base.detach().requires_grad_() : base;
    next = from.as_strided(t.shape, t._strides, t._offset)._grad_fn;
    if (dead && next !== null) {
      (next as unknown as { next_functions: Edge[] }).next_functions = [[null, 0]];
    }
  } finally {
    set_grad_enabled(prev);
  }
  const old_nr = t._output_nr;
  t._grad_fn = next;
  t._output_nr = 0;
  t._attr_version = version;
  // retain_grad() follows the tensor to its new node, as PyTorch's update_tensor_hooks_on_new_gradfn
  if (fn !== null && next !== null && fn._retained?.get(old_nr) === t) {
    fn._retained.delete(old_nr);
    (next._retained ??= new Map()).set(0, t);
  }
  return next;
}

/**
 * PyTorch's handle_view_on_rebase: refuses an in-place write that would rebase the history of a
 * view created in no_grad mode or by a multi-output op, directly (`indirect` false: the write is
 * through this view) or through its base or a sibling view.
 */
export function handle_view_on_rebase(t: Tensor, indirect: boolean): void {
  const meta = t._creation_meta;
  if (meta === CreationMeta.DEFAULT) return;
  const fn = t._grad_fn;
  const modified = indirect ? "its base or another view of its base has been" : "is being";
  let msg: string;
  if (meta === CreationMeta.NO_GRAD_MODE || fn === null) {
    const prefix = fn
      ? `Output ${t._output_nr} of ${fn.name()} is a view of a view which was created in`
      : "A view was created in";
    msg = `${prefix} no_grad mode and ${modified} modified inplace with grad mode enabled.`;
  } else {
    msg = `Output ${t._output_nr} of ${fn.name()} is a view and ${modified} modified inplace.`;
  }
  if (meta === CreationMeta.MULTI_OUTPUT_NODE) {
    msg +=
      " This view is the output of a function that returns multiple views. Such functions do not allow the output views to be modified inplace. You should replace the inplace operation by an out-of-place one.";
  } else if (meta === CreationMeta.NO_GRAD_MODE) {
    msg +=
      " Given that this use case is ambiguous and error-prone, it is forbidden. You can clarify your code by moving both the view and the inplace either both inside the no_grad block (if you don't want the inplace to be tracked) or both outside (if you want the inplace to be tracked).";
  } else if (meta === CreationMeta.IN_CUSTOM_FUNCTION) {
    msg +=
      " This view was created inside a custom Function (or because an input was returned as-is) and the autograd logic to handle view+inplace would override the custom backward associated with the custom Function, leading to incorrect gradients. This behavior is forbidden. You can fix this by cloning the output of the custom Function.";
  }
  throw new Error(msg);
}

/**
 * Called on each result of an op: a result that views the op's input (a view op) records how it
 * was created; a result that views some other tensor (an intermediate the forward made and
 * reshaped) is not a view for autograd, as no PyTorch op but a view op returns a view, so it
 * forgets that base (else an in-place write into it would rebase the intermediate, which has no
 * history, and drop the op's gradient).
 */
export function finish_view(r: Tensor, input: unknown, grad_mode: boolean, multi_output: boolean): void {
  const base = r._base;
  if (base === null || r === input) return;
  const src = input as Tensor | null | undefined;
  if (src === null || typeof src !== "object" || (src._base ?? src) !== base) {
    r._base = null;
    r._creation_meta = CreationMeta.DEFAULT;
    return;
  }
  const meta = !grad_mode
    ? CreationMeta.NO_GRAD_MODE
    : multi_output
      ? CreationMeta.MULTI_OUTPUT_NODE
      : CreationMeta.DEFAULT;
  r._creation_meta = propagate_creation_meta(src._creation_meta, meta);
}
