/**
 * PyTorch's named tuples (torch.return_types.max, cummax, ...): an object with the field
 * names that is also iterable in order, so `x.max(1).values` and `const [v, i] = x.max(1)`
 * both work, as API.md asks.
 */
import type { Tensor } from "../tensor/tensor.js";

/** torch.return_types.{max, min, cummax, cummin, ...}: (values, indices). */
export interface ValuesIndices extends Iterable<Tensor> {
  readonly values: Tensor;
  readonly indices: Tensor;
  /** PyTorch's repr: torch.return_types.max(values=..., indices=...) */
  toString(): string;
}

class ValuesIndicesTuple implements ValuesIndices {
  constructor(
    private readonly type_name: string,
    readonly values: Tensor,
    readonly indices: Tensor,
  ) {}
  *[Symbol.iterator](): IterableIterator<Tensor> {
    yield this.values;
    yield this.indices;
  }
  get length(): 2 {
    return 2;
  }
  toString(): string {
    return `torch.return_types.${this.type_name}(\nvalues=${String(this.values)},\nindices=${String(this.indices)})`;
  }
  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return this.toString();
  }
}

export function values_indices(type_name: string, values: Tensor, indices: Tensor): ValuesIndices {
  return new ValuesIndicesTuple(type_name, values, indices);
}
