/**
 * Graph nodes: what a forward pass records and backward walks. A node is PyTorch's grad_fn:
 * `name()` gives PyTorch's class name and `next_functions` the edges toward the inputs, so a
 * graph can be walked and drawn through the public API. Nodes know nothing of particular ops;
 * those live in src/ops and plug in through `apply`.
 */
import type { DType } from "../dtype.js";
import type { Tensor } from "../tensor/tensor.js";

export type Edge = readonly [Node | null, number];
export type GradHook = (grad: Tensor) => Tensor | null | undefined | void;
/** register_hook on a node: called with (grad_inputs, grad_outputs) after it runs */
export type NodeHook = (
  grad_inputs: (Tensor | null)[],
  grad_outputs: (Tensor | null)[],
) => (Tensor | null)[] | null | undefined | void;

/** What the engine checks a gradient against before passing it down an edge. */
export interface InputMeta {
  readonly shape: readonly number[];
  readonly dtype: DType;
}

let next_sequence_nr = 0;

/**
 * A node of the autograd graph, PyTorch's `torch.autograd.graph.Node`: what `t.grad_fn` holds. `name()`
 * gives PyTorch's class name (`MulBackward0`) and `next_functions` the edges toward the inputs, so the
 * graph can be walked and drawn.
 */
export abstract class Node {
  /** PyTorch's name for this class, which bundlers cannot rename (src/names.ts). */
  static readonly __name__: string = "Node";
  /** Creation order; the engine runs later nodes first, as PyTorch's ready queue does. */
  readonly sequence_nr: number;
  /** tensor hooks (Tensor.register_hook / retain_grad), per output index */
  _tensor_pre_hooks: Map<number, GradHook[]> | null = null;
  /** @internal retain_grad's gradients, per output index */
  _retained: Map<number, Tensor> | null = null;
  /** @internal node hooks (register_hook) */
  _hooks: NodeHook[] | null = null;
  /** @internal node pre-hooks (register_prehook) */
  _pre_hooks: ((grad_outputs: (Tensor | null)[]) => (Tensor | null)[] | null | undefined | void)[] | null =
    null;
  /**
   * @internal whether apply is the library's own backward (not a custom autograd.Function's
   * user code), which keeps nothing it returns: the engine may then own its results
   */
  _builtin = false;

  constructor(
    readonly next_functions: readonly Edge[],
    readonly input_meta: readonly (InputMeta | null)[],
    sequence_nr?: number,
  ) {
    this.sequence_nr = sequence_nr ?? next_sequence_nr++;
  }

  /** PyTorch's class name of the node: `"MulBackward0"`, `"AccumulateGrad"`, ... */
  abstract name(): string;

  /** Number of outputs of the forward op this node differentiates (its incoming gradients). */
  abstract get num_outputs(): number;

  /** Gradients of the inputs (one per edge) from gradients of the outputs (null: zero). */
  abstract apply(grad_outputs: (Tensor | null)[]): (Tensor | null)[];

  /** Frees saved values after a backward without retain_graph. */
  release(): void {}

  /** Node-level hook, as torch.autograd.graph.Node.register_hook. */
  register_hook(hook: NodeHook): {
    /** Unregisters the hook. */
    remove(): void;
  } {
    (this._hooks ??= []).push(hook);
    return { remove: () => remove_from(this._hooks, hook) };
  }

  /**
   * Registers hook(grad_outputs), run before the node computes; a returned array replaces the incoming
   * gradients.
   */
  register_prehook(hook: (grad_outputs: (Tensor | null)[]) => (Tensor | null)[] | null | undefined | void): {
    /** Unregisters the hook. */
    remove(): void;
  } {
    (this._pre_hooks ??= []).push(hook);
    return { remove: () => remove_from(this._pre_hooks, hook) };
  }

  /** `<MulBackward0>`, as the node's name. */
  toString(): string {
    return `<${this.name()}>`;
  }

  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return this.toString();
  }
}

export function remove_from<T>(list: T[] | null, item: T): void {
  if (!list) return;
  const i = list.indexOf(item);
  if (i >= 0) list.splice(i, 1);
}

/** The sink of a leaf that requires grad: adds incoming gradients into `variable.grad`. */
export class AccumulateGrad extends Node {
  static override readonly __name__: string = "AccumulateGrad";
  constructor(readonly variable: Tensor) {
    super([], [{ shape: variable.shape, dtype: variable.dtype }], Number.MAX_SAFE_INTEGER);
  }
  /** `"AccumulateGrad"`. */
  name(): string {
    return "AccumulateGrad";
  }
  get num_outputs(): number {
    return 1;
  }
  apply(): (Tensor | null)[] {
    // the engine accumulates itself (it knows whether the graph is being recorded)
    return [];
  }
}

/** Errors the engine and saved values raise, worded as PyTorch's. */
export const FREED_GRAPH_ERROR =
  "Trying to backward through the graph a second time (or directly access saved tensors after they have already been freed). Saved intermediate values of the graph are freed when you call .backward() or autograd.grad(). Specify retain_graph=True if you need to backward through the graph a second time or if you need to access saved tensors after calling backward.";
