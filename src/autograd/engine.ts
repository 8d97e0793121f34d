/**
 * The backward engine. It counts each node's dependencies in the part of the graph reachable
 * from the roots, then runs nodes from a ready queue (no recursion, so deep graphs cannot
 * overflow the stack), latest-created first as PyTorch does. Gradients are checked against each
 * input's recorded shape and dtype once, here: broadcast gradients are summed back to the
 * input's shape, so op backwards never un-broadcast themselves.
 */
import { fmt_shape, shapes_equal } from "../shape.js";
import type { Tensor } from "../tensor/tensor.js";
import { set_grad_enabled, is_grad_enabled } from "./grad_mode.js";
import { AccumulateGrad, type Edge, type Node } from "./node.js";
import { check_hook_result } from "../tensor/args.js";
import { storage_mark } from "../tensor/storage.js";
import { accumulate_node, add_to_buffer, owned_inputs, owned_outputs, type NodeTask } from "./accumulate.js";

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
  // only a leaf's own flag makes an accumulator: a view made in no_grad mode of a base that
  // requires grad requires grad too, but its gradient goes nowhere (as in PyTorch)
  if (t._requires_grad) return [t._grad_accumulator(), 0];
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
    // sift up: parents later than n move down, n lands in the hole
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (h[p].sequence_nr >= n.sequence_nr) break;
      h[i] = h[p];
      i = p;
    }
    h[i] = n;
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
        const t = h[m];
        h[m] = h[i];
        h[i] = t;
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

/**
 * Runs backward from `roots` seeded with `grad_roots`. Returns the captured gradients when
 * `capture` is given (autograd.grad), else accumulates into leaves and returns [].
 */
export function run_backward(
  roots: readonly Tensor[],
  grad_roots: readonly Tensor[],
  opts: RunOptions,
): (Tensor | null)[] {
  // (indexed loops, no tuple destructuring: this runs once per training step, mostly in code
  // the engine has not optimized yet in a short run, where each destructuring is an iterator)
  const root_edges: (readonly [Node, number])[] = [];
  for (let i = 0; i < roots.length; i++) {
    const e = gradient_edge(roots[i]);
    if (!e[0]) {
      throw new Error(`element ${i} of tensors does not require grad and does not have a grad_fn`);
    }
    root_edges.push(e as readonly [Node, number]);
  }

  // dependency counts over the reachable graph (iterative DFS)
  const tasks = new Map<Node, NodeTask>();
  const stack: Node[] = [];
  for (let i = 0; i < root_edges.length; i++) {
    const n = root_edges[i][0];
    if (!tasks.has(n)) {
      tasks.set(n, { deps: 0, grads: null, owned: 0 });
      stack.push(n);
    }
  }
  while (stack.length) {
    const nf = (stack.pop() as Node).next_functions;
    for (let i = 0; i < nf.length; i++) {
      const next = nf[i][0];
      if (!next) continue;
      const t = tasks.get(next);
      if (t) t.deps++;
      else {
        tasks.set(next, { deps: 1, grads: null, owned: 0 });
        stack.push(next);
      }
    }
  }

  // with targets, run only nodes from which a target is reachable
  const capture = opts.capture;
  const accumulate_only = opts.accumulate_only;
  const create_graph = opts.create_graph;
  const targets = capture
    ? new Set(capture.map((e) => e[0]).filter((n): n is Node => n !== null))
    : accumulate_only;
  const needed = targets ? nodes_leading_to(tasks.keys(), targets) : null;
  const captured: (Tensor | null)[] = capture ? capture.map(() => null) : [];

  const queue = new ReadyQueue();
  for (let i = 0; i < root_edges.length; i++) {
    const n = root_edges[i][0];
    const nr = root_edges[i][1];
    // a given gradient takes its output's dtype before anything sees it, as PyTorch's
    // validate_outputs casts it
    const g = grad_roots[i];
    const dtype = roots[i].dtype;
    const v = g.dtype === dtype ? g : g.to(dtype);
    add_to_buffer(tasks.get(n) as NodeTask, n, nr, v, v !== g, create_graph);
  }
  for (let i = 0; i < root_edges.length; i++) {
    const n = root_edges[i][0];
    // a root nothing points to is ready; -1 marks it queued, so a repeated root is queued once
    const t = tasks.get(n) as NodeTask;
    if (t.deps === 0) {
      t.deps = -1;
      queue.push(n);
    }
  }

  const prev_mode = is_grad_enabled();
  set_grad_enabled(create_graph);
  try {
    while (queue.size) {
      const node = queue.pop();
      const task = tasks.get(node) as NodeTask;
      const grads = task.grads ?? new Array<Tensor | null>(node.num_outputs).fill(null);
      task.grads = null; // the buffer's gradients are freed as the walk goes, as PyTorch's
      call_tensor_hooks(node, grads);
      if (capture) {
        for (let k = 0; k < capture.length; k++) {
          if (capture[k][0] === node) captured[k] = grads[capture[k][1]] ?? null;
        }
      }
      if (node instanceof AccumulateGrad) {
        if (!capture && (!accumulate_only || accumulate_only.has(node))) {
          accumulate_node(node, grads, create_graph, (task.owned & 1) !== 0);
        }
        continue;
      }
      const nf = node.next_functions;
      if (needed && !needed.has(node)) {
        for (let i = 0; i < nf.length; i++) {
          const next = nf[i][0];
          if (next && --(tasks.get(next) as NodeTask).deps === 0) queue.push(next);
        }
        continue;
      }
      let outs: (Tensor | null)[] | null = null;
      let owned_outs = 0;
      if (has_gradient(grads)) {
        let gin = grads;
        if (node._pre_hooks) for (const h of node._pre_hooks) gin = h(gin) ?? gin;
        const mark = storage_mark();
        outs = node.apply(gin);
        if (node._hooks) for (const h of node._hooks) outs = h(outs, gin) ?? outs;
        else if (!create_graph && node._builtin && !node._pre_hooks) {
          owned_outs = owned_outputs(outs, gin, owned_inputs(node, task.owned, capture), mark);
        }
      }
      if (!opts.keep_graph) node.release();
      for (let i = 0; i < nf.length; i++) {
        const next = nf[i][0];
        if (!next) continue;
        const nt = tasks.get(next) as NodeTask;
        const g = outs ? outs[i] : null;
        if (g) {
          const meta = node.input_meta[i];
          const v = meta ? conform(g, node, i, meta.shape, meta.dtype) : g;
          add_to_buffer(
            nt,
            next,
            nf[i][1],
            v,
            v !== g || (i < 31 && (owned_outs >> i) & 1) === 1,
            create_graph,
          );
        }
        if (--nt.deps === 0) queue.push(next);
      }
    }
  } finally {
    set_grad_enabled(prev_mode);
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

function has_gradient(grads: readonly (Tensor | null)[]): boolean {
  for (let i = 0; i < grads.length; i++) if (grads[i] !== null) return true;
  return false;
}

/**
 * The nodes that must run to reach a target: those with a path to one. A target itself runs
 * only if another target lies below it (its own incoming gradient is what is captured).
 */
function nodes_leading_to(all: Iterable<Node>, targets: ReadonlySet<Node>): Set<Node> {
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

/**
 * Tensor hooks (register_hook) may replace a gradient; retain_grad() stores it on the tensor,
 * cloned or added (grad mode is create_graph here, so these are recorded exactly when PyTorch's
 * retains_grad hook records them).
 */
function call_tensor_hooks(node: Node, grads: (Tensor | null)[]): void {
  if (node._tensor_pre_hooks) {
    for (const [nr, hooks] of node._tensor_pre_hooks) {
      for (const h of hooks) {
        const g = grads[nr];
        if (!g) continue;
        const r = h(g);
        if (r !== undefined && r !== null) {
          check_hook_result(h, g, r);
          grads[nr] = r;
        }
      }
    }
  }
  if (node._retained) {
    for (const [nr, t] of node._retained) {
      const g = grads[nr];
      if (!g) continue;
      t._grad = t._grad === null ? g.clone() : t._grad.add(g);
    }
  }
}
