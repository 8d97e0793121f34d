/**
 * CopySlices: how an in-place op on a view is differentiated (PyTorch's node of that name).
 * Writing into a view changes its base, so the base's history is rebased onto this node: the
 * base's gradient passes through unchanged outside the view's region, and inside it goes
 * through the in-place op's own backward, whose gradient for the view's old values lands back
 * in the region (they flowed from the base's old history) and whose other gradients go to the
 * op's other inputs.
 */
import { Node, type Edge, type InputMeta } from "./node.js";
import type { Tensor } from "../tensor/tensor.js";

export interface ViewGeometry {
  readonly shape: readonly number[];
  readonly strides: readonly number[];
  /** storage offset relative to the base's own offset */
  readonly offset: number;
}

export class CopySlices extends Node {
  constructor(
    base_edge: Edge,
    base_meta: InputMeta,
    private readonly view: ViewGeometry,
    /** the node the in-place op recorded, and which of its edges is the view itself (-1: none) */
    private fn: Node | null,
    private readonly self_edge: number,
  ) {
    const others = (fn as Node).next_functions.filter((_, i) => i !== self_edge);
    const metas = (fn as Node).input_meta.filter((_, i) => i !== self_edge);
    super([base_edge, ...others], [base_meta, ...metas]);
  }

  override name(): string {
    return "CopySlices";
  }

  override get num_outputs(): number {
    return 1;
  }

  override apply(grad_outputs: (Tensor | null)[]): (Tensor | null)[] {
    const fn = this.fn;
    if (!fn) throw new Error("CopySlices: backward through a released graph");
    const grad = grad_outputs[0] as Tensor;
    const result = grad.clone();
    const region = result.as_strided(this.view.shape, this.view.strides, this.view.offset);
    const grads = fn.apply([region.clone()]);
    const g_self = this.self_edge >= 0 ? grads[this.self_edge] : null;
    if (g_self) {
      const meta = fn.input_meta[this.self_edge];
      region.copy_(meta ? g_self.sum_to_size(meta.shape) : g_self);
    } else {
      region.zero_();
    }
    return [result, ...grads.filter((_, i) => i !== this.self_edge)];
  }

  override release(): void {
    this.fn?.release();
  }
}
