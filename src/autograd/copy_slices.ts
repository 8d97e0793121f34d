/**
 * CopySlices: how an in-place op on a view is differentiated (PyTorch's node of that name).
 * Writing into a view changes its base, so the base's history is rebased onto this node: the
 * base's gradient passes through unchanged outside the view's region, and inside it goes
 * through the in-place op's own backward, whose gradient for the view's old values lands back
 * in the region (they flowed from the base's old history) and whose other gradients go to the
 * op's other inputs. The gradient is laid out in the base's own strides (PyTorch's
 * new_empty_strided), so that the view's geometry addresses its region whatever the base's layout.
 */
import { Node, type Edge, type InputMeta } from "./node.js";
import { Storage } from "../tensor/storage.js";
import { Tensor } from "../tensor/tensor.js";
import { alloc } from "../tensor/make.js";

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
    /** the base's strides (its shape is base_meta's) */
    private readonly base_strides: readonly number[],
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
    const result = empty_strided(grad.shape, this.base_strides, grad).copy_(grad);
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

/** Zeros with the given strides over a storage just long enough (PyTorch's empty_strided). */
function empty_strided(shape: readonly number[], strides: readonly number[], like: Tensor): Tensor {
  let extent = 1;
  for (let i = 0; i < shape.length; i++) {
    if (shape[i] === 0) {
      extent = 0;
      break;
    }
    extent += (shape[i] - 1) * strides[i];
  }
  const dtype = like.dtype;
  return new Tensor(new Storage(alloc(dtype, extent), dtype), shape.slice(), strides.slice(), 0, dtype);
}
