/**
 * The backward engine. It counts each node's dependencies in the part of the graph reachable
 * from the roots, then runs nodes from a ready queue (no recursion, so deep graphs cannot
 * overflow the stack), latest-created first as PyTorch does. Gradients are checked against each
 * input's recorded shape and dtype once, here: broadcast gradients are summed back to the
 * input's shape, so op backwards never un-broadcast themselves.
 */
import { shapes_equal, fmt_shape } from "../shape.js";
import type { Tensor } from "../tensor/tensor.js";
import { no_grad, set_grad_enabled, is_grad_enabled } from "./grad_mode.js";
import { AccumulateGrad, type Edge, type Node } from "./node.js";

export interface RunOptions {
  keep_graph: boolean;
  create_graph: boolean;
  /** autograd.grad: return the gradients reaching these edges instead of accumulating */
  capture?: readonly Edge[];
  /** backward(inputs=): accumulate only into these leaves */
  accumulate_only?: ReadonlySet<Node>;
  allow_unused?: boolean;
}

/** The edge a tensor's gradient flows into: its grad_fn, or its leaf accumulator. */
export function gradient_edge(t: Tensor): Edge {
  if (t.grad_fn) return [t.grad_fn, t._output_nr];
  if (t.requires_grad) return [t._grad_accumulator(), 0];
  return [null, 0];
}

/** Max-heap of nodes by sequence_nr. */
class ReadyQueue {
  private heap: Node[] = [];
  get size(): number {
    return this.heap.length;
  }
  push(n: Node): void {
    const h = this.heap;
    h.push(n);
    let i = h.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (h[p].sequence_nr >= h[i].sequence_nr) break;
      [h[p], h[i]] = [h[i], h[p]];
      i = p;
    }
  }
  pop(): Node {
    const h = this.heap;
    const top = h[0];
    const last = h.pop() as Node;
    if (h.length) {
      h[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < h.length && h[l].sequence_nr > h[m].sequence_nr) m = l;
        if (r < h.length && h[r].sequence_nr > h[m].sequence_nr) m = r;
        if (m === i) break;
        [h[m], h[i]] = [h[i], h[m]];
        i = m;
      }
    }
    return top;
  }
}

/** Sums a gradient back to the shape (and casts it to the dtype) its input had. */
function conform(
  grad: Tensor,
  producer: Node,
  i: number,
  shape: readonly number[],
  dtype: Tensor["dtype"],
): Tensor {
  let g = grad;
  if (!shapes_equal(g.shape, shape)) {
    if (!is_expandable_to(shape, g.shape)) {
      throw new Error(
        `Function ${producer.name()} returned an invalid gradient at index ${i} - got ${fmt_shape(g.shape)} but expected shape compatible with ${fmt_shape(shape)}`,
      );
    }
    g = g.sum_to_size(shape);
  }
  if (g.dtype !== dtype) g = g.to(dtype);
  return g;
}

function is_expandable_to(shape: readonly number[], desired: readonly number[]): boolean {
  if (shape.length > desired.length) return false;
  for (let i = 0; i < shape.length; i++) {
    const s = shape[shape.length - 1 - i];
    const d = desired[desired.length - 1 - i];
    if (s !== d && s !== 1) return false;
  }
  return true;
}

function add_grads(a: Tensor | null, b: Tensor): Tensor {
  return a === null ? b : a.add(b);
}

/**
 * Runs backward from `roots` seeded with `grad_roots`. Returns the captured gradients when
 * `capture` is given (autograd.grad), else accumulates into leaves and returns [].
 */
export function run_backward(
  roots: readonly Tensor[],
  grad_roots: readonly Tensor[],
  opts: RunOptions,
): (Tensor | null)[] {
  const root_edges = roots.map((r, i) => {
    const e = gradient_edge(r);
    if (!e[0]) {
      throw new Error(`element ${i} of tensors does not require grad and does not have a grad_fn`);
    }
    return e;
  });

  // dependency counts over the reachable graph (iterative DFS)
  const deps = new Map<Node, number>();
  const seen = new Set<Node>();
  const stack: Node[] = [];
  for (const [n] of root_edges) {
    if (n && !seen.has(n)) {
      seen.add(n);
      stack.push(n);
    }
  }
  while (stack.length) {
    const n = stack.pop() as Node;
    for (const [next] of n.next_functions) {
      if (!next) continue;
      deps.set(next, (deps.get(next) ?? 0) + 1);
      if (!seen.has(next)) {
        seen.add(next);
        stack.push(next);
      }
    }
  }

  // with targets, run only nodes from which a target is reachable
  const capture = opts.capture;
  const targets = capture
    ? new Set(capture.map((e) => e[0]).filter((n): n is Node => n !== null))
    : opts.accumulate_only;
  const needed = targets ? nodes_leading_to(seen, targets) : null;
  const captured: (Tensor | null)[] = capture ? capture.map(() => null) : [];

  const buffers = new Map<Node, (Tensor | null)[]>();
  const queue = new ReadyQueue();
  for (let i = 0; i < root_edges.length; i++) {
    const [n, nr] = root_edges[i];
    if (!n) continue;
    let buf = buffers.get(n);
    if (!buf) {
      buf = new Array<Tensor | null>(n.num_outputs).fill(null);
      buffers.set(n, buf);
    }
    buf[nr] = add_grads(buf[nr], grad_roots[i]);
  }
  const pushed = new Set<Node>();
  for (const [n] of root_edges) {
    if (n && !deps.get(n) && !pushed.has(n)) {
      pushed.add(n);
      queue.push(n);
    }
  }

  const prev_mode = is_grad_enabled();
  set_grad_enabled(opts.create_graph);
  try {
    while (queue.size) {
      const node = queue.pop();
      const grads = buffers.get(node) ?? new Array<Tensor | null>(node.num_outputs).fill(null);
      buffers.delete(node);
      call_tensor_hooks(node, grads);
      if (capture) {
        for (let k = 0; k < capture.length; k++) {
          const [cn, cnr] = capture[k];
          if (cn === node) captured[k] = grads[cnr] ?? null;
        }
      }
      if (node instanceof AccumulateGrad) {
        const wanted = !capture && (!opts.accumulate_only || opts.accumulate_only.has(node));
        if (wanted && grads[0]) accumulate(node.variable, grads[0], opts.create_graph);
        continue;
      }
      if (needed && !needed.has(node)) {
        release_children(node);
        continue;
      }
      let outs: (Tensor | null)[];
      if (grads.every((g) => g === null)) {
        outs = node.next_functions.map(() => null);
      } else {
        let gin = grads;
        if (node._pre_hooks) for (const h of node._pre_hooks) gin = h(gin) ?? gin;
        outs = node.apply(gin);
        if (node._hooks) for (const h of node._hooks) outs = h(outs, gin) ?? outs;
      }
      if (!opts.keep_graph) node.release();
      node.next_functions.forEach(([next, nr], i) => {
        if (!next) return;
        const g = outs[i] ?? null;
        let buf = buffers.get(next);
        if (!buf) {
          buf = new Array<Tensor | null>(next.num_outputs).fill(null);
          buffers.set(next, buf);
        }
        if (g) {
          const meta = node.input_meta[i];
          const v = meta ? conform(g, node, i, meta.shape, meta.dtype) : g;
          buf[nr] = add_grads(buf[nr], v);
        }
        const d = (deps.get(next) ?? 1) - 1;
        deps.set(next, d);
        if (d === 0) queue.push(next);
      });
    }
  } finally {
    set_grad_enabled(prev_mode);
  }

  function release_children(node: Node): void {
    for (const [next] of node.next_functions) {
      if (!next) continue;
      const d = (deps.get(next) ?? 1) - 1;
      deps.set(next, d);
      if (d === 0) queue.push(next);
    }
  }

  if (capture && !opts.allow_unused) {
    captured.forEach((g, i) => {
      if (g === null) {
        throw new Error(
          `One of the differentiated Tensors appears to not have been used in the graph. Set allow_unused=True if this is the desired behavior. (input ${i})`,
        );
      }
    });
  }
  return captured;
}

/**
 * The nodes that must run to reach a target: those with a path to one. A target itself runs
 * only if another target lies below it (its own incoming gradient is what is captured).
 */
function nodes_leading_to(all: Set<Node>, targets: ReadonlySet<Node>): Set<Node> {
  const needed = new Set<Node>();
  const state = new Map<Node, number>(); // 1 visiting, 2 done
  for (const start of all) {
    if (state.has(start)) continue;
    const stack: [Node, number][] = [[start, 0]];
    state.set(start, 1);
    while (stack.length) {
      const top = stack[stack.length - 1];
      const [n, i] = top;
      if (i < n.next_functions.length) {
        top[1]++;
        const next = n.next_functions[i][0];
        if (next && !state.has(next)) {
          state.set(next, 1);
          stack.push([next, 0]);
        }
        continue;
      }
      stack.pop();
      state.set(n, 2);
      if (n.next_functions.some(([m]) => m !== null && (needed.has(m) || targets.has(m)))) {
        needed.add(n);
      }
    }
  }
  return needed;
}

function call_tensor_hooks(node: Node, grads: (Tensor | null)[]): void {
  if (node._tensor_pre_hooks) {
    for (const [nr, hooks] of node._tensor_pre_hooks) {
      for (const h of hooks) {
        const g = grads[nr];
        if (!g) continue;
        const r = h(g);
        if (r) grads[nr] = r;
      }
    }
  }
  if (node._retained) {
    for (const [nr, t] of node._retained) {
      const g = grads[nr];
      if (!g) continue;
      t.grad = t.grad === null ? g.detach().clone() : no_grad(() => (t.grad as Tensor).add(g));
    }
  }
}

/** AccumulateGrad's work: the first gradient is copied (it may be shared), later ones added. */
function accumulate(leaf: Tensor, grad: Tensor, create_graph: boolean): void {
  if (leaf.grad === null) {
    leaf.grad = create_graph ? grad.clone() : no_grad(() => grad.detach().clone());
  } else if (create_graph || is_grad_enabled()) {
    leaf.grad = leaf.grad.add(grad);
  } else {
    const g = leaf.grad;
    no_grad(() => g.add_(grad));
  }
}
