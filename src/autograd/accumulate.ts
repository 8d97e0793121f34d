/**
 * How the backward engine gathers the gradients reaching a node and hands them over: the
 * per-node input buffer, which gradients the engine owns (memory nothing outside it can hold,
 * so it may be added to in place or become a leaf's .grad without a copy, as PyTorch decides by
 * reference count), and AccumulateGrad's work on a leaf's .grad.
 */
import { is_contiguous, is_non_overlapping_and_dense, shapes_equal } from "../shape.js";
import type { Tensor } from "../tensor/tensor.js";
import { empty_with_layout_of } from "../tensor/make.js";
import type { AccumulateGrad, Edge, Node } from "./node.js";

/**
 * What one backward run keeps per reachable node: how many edges into it have yet to deliver
 * (it runs at 0), and its input buffer: the incoming gradients, one per output of its forward
 * op, made when the first arrives and dropped once it has run. `owned` has bit k set when
 * nothing outside the engine holds grads[k]: the engine made it (a sum of two gradients, a
 * reduction to the input's shape, a cast) or a built-in backward did (owned_outputs). Without
 * create_graph such a gradient
 * may be added to in place and handed to a leaf's .grad without a copy, as PyTorch's
 * InputBuffer and AccumulateGrad do when a gradient's reference count allows. One record per
 * node keeps the walk to one map lookup per edge.
 */
export interface NodeTask {
  deps: number;
  grads: (Tensor | null)[] | null;
  owned: number;
}

export function add_to_buffer(
  task: NodeTask,
  node: Node,
  nr: number,
  g: Tensor,
  fresh: boolean,
  create_graph: boolean,
): void {
  const grads = (task.grads ??= new Array<Tensor | null>(node.num_outputs).fill(null));
  const cur = grads[nr];
  const bit = nr < 31 ? 1 << nr : 0;
  if (cur === null) {
    grads[nr] = g;
    task.owned = fresh ? task.owned | bit : task.owned & ~bit;
  } else if (!create_graph && task.owned & bit && cur.dtype === g.dtype && shapes_equal(cur.shape, g.shape)) {
    cur.add_(g);
  } else {
    grads[nr] = cur.add(g);
    task.owned |= bit;
  }
}

/**
 * The owned bits of a node's input buffer that still hold once its hooks ran: a gradient a
 * tensor hook saw (it may keep it) or that autograd.grad hands back is no longer the engine's.
 */
export function owned_inputs(node: Node, owned: number, capture: readonly Edge[] | undefined): number {
  let bits = owned;
  if (node._tensor_pre_hooks) for (const nr of node._tensor_pre_hooks.keys()) bits &= ~(1 << nr);
  if (capture) for (const [cn, cnr] of capture) if (cn === node) bits &= ~(1 << cnr);
  return bits;
}

/**
 * Which gradients a built-in backward returned that nothing outside the engine can hold, as
 * bits: each over memory made during the call (storage serial at least `mark`: the function's
 * own temporaries, invisible to the user without create_graph) or over an owned incoming
 * gradient's memory (a view such as t() or view() of it), laid out densely without overlap (so
 * it can be added to in place), and sharing its memory with no other returned gradient. This is
 * what PyTorch reads from a gradient's reference count: an mm result transposed back by
 * TBackward0 becomes the weight's .grad without a copy.
 */
export function owned_outputs(
  outs: readonly (Tensor | null)[],
  gin: readonly (Tensor | null)[],
  owned_in: number,
  mark: number,
): number {
  let bits = 0;
  for (let i = 0; i < outs.length && i < 31; i++) {
    const g = outs[i];
    if (!g) continue;
    const s = g._storage;
    let own = s.serial >= mark;
    for (let k = 0; !own && k < gin.length && k < 31; k++) {
      own = ((owned_in >> k) & 1) === 1 && gin[k]?._storage === s;
    }
    if (!own || !is_non_overlapping_and_dense(g.shape, g._strides)) continue;
    let shared = false;
    for (let j = 0; !shared && j < outs.length; j++) shared = j !== i && outs[j]?._storage === s;
    if (!shared) bits |= 1 << i;
  }
  return bits;
}

/**
 * AccumulateGrad's work, with its node hooks: pre-hooks may replace the gradient, post-hooks
 * see it (and no inputs). The first gradient becomes .grad with the leaf's own layout (PyTorch's
 * layout contract, so `p.grad.view(-1)` works wherever `p.view(-1)` does): taken as is when the
 * engine owns it, no hook saw it and its layout fits, else copied into that layout (recorded
 * as CopyBackwards under create_graph, as in PyTorch). Later gradients are added, in place
 * unless the graph is being recorded.
 */
export function accumulate_node(
  node: AccumulateGrad,
  grads: (Tensor | null)[],
  create_graph: boolean,
  owned: boolean,
): void {
  let gin = grads;
  if (node._pre_hooks) for (const h of node._pre_hooks) gin = h(gin) ?? gin;
  const grad = gin[0];
  if (grad) {
    const leaf = node.variable;
    if (leaf.grad === null) {
      const steal =
        !create_graph &&
        owned &&
        !node._tensor_pre_hooks &&
        !node._pre_hooks &&
        !node._hooks &&
        grad.dtype === leaf.dtype &&
        same_layout(grad, leaf);
      // the engine's own gradient fits its leaf: no need for the setter's checks
      leaf._grad = steal ? unviewed(grad) : empty_with_layout_of(leaf).copy_(grad);
    } else if (create_graph) {
      leaf._grad = leaf.grad.add(grad);
    } else {
      leaf.grad.add_(grad);
    }
  }
  if (node._hooks) for (const h of node._hooks) h([], gin);
}

/**
 * A taken gradient as a tensor of its own: a view (TBackward0's transpose of an mm result) is
 * re-wrapped without its base, as PyTorch's .grad is never a view; nothing else holds the base.
 */
function unviewed(g: Tensor): Tensor {
  if (g._base === null) return g;
  return new (g.constructor as typeof Tensor)(g._storage, g.shape, g._strides, g._offset, g.dtype);
}

/** Whether a's elements sit where b's do (same shape; same strides, or both contiguous). */
function same_layout(a: Tensor, b: Tensor): boolean {
  if (!shapes_equal(a.shape, b.shape)) return false;
  if (shapes_equal(a._strides, b._strides)) return true;
  return is_contiguous(a.shape, a._strides) && is_contiguous(b.shape, b._strides);
}
