/** nn.Parameter: a leaf tensor that requires grad (by default) and that modules register. */
import { Tensor } from "../tensor/tensor.js";
import { empty } from "../tensor/factory.js";

export class Parameter extends Tensor {
  constructor(data?: Tensor, requires_grad = true) {
    const src = data ?? empty(0);
    // shares the data's storage, as torch.nn.Parameter does, without its history
    super(src._storage, src.shape, src._strides, src._offset, src.dtype);
    this._base = src._base;
    this._is_param = true;
    this.requires_grad_(requires_grad);
  }
}
