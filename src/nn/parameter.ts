/**
 * nn.Parameter: a leaf tensor that requires grad (by default) and that modules register.
 * It shares its data's storage and version counter (PyTorch's _make_subclass detaches the
 * data), without the data's history; like detach(), it is not a view of the data's base.
 */
import { Tensor } from "../tensor/tensor.js";
import { empty } from "../tensor/factory.js";
import { kwargs } from "../tensor/args.js";

/**
 * A tensor that a module registers as a parameter when assigned to one of its properties; `requires_grad`
 * is true unless said otherwise. `new nn.Parameter(torch.zeros(3))` shares the tensor's data.
 */
export class Parameter extends Tensor {
  static override readonly __name__: string = "Parameter";
  /** nn.Parameter(data=None, requires_grad=True) */
  constructor(
    ...args:
      | [data?: Tensor | null, requires_grad?: boolean]
      | [data: Tensor | null, options: { requires_grad?: boolean }]
  ) {
    const o = kwargs<{ data: Tensor | null; requires_grad: boolean }>("Parameter", args, [
      "data",
      "requires_grad",
    ]);
    const src = o.data ?? empty(0);
    super(src._storage, src.shape, src._strides, src._offset, src.dtype, src._vc);
    this._is_param = true;
    this.requires_grad_(o.requires_grad ?? true);
  }
}
