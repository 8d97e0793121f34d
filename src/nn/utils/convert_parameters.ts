/**
 * torch/nn/utils/convert_parameters.py: all parameters as one flat vector and back.
 * parameters_to_vector concatenates `param.view(-1)` (so the result is in the graph, with
 * CatBackward0); vector_to_parameters points each parameter's data at its slice of the vector,
 * as PyTorch assigns `param.data`, so parameters then share the vector's storage.
 */
import { Tensor } from "../../tensor/tensor.js";
import { cat } from "../../ops/index.js";
import { describe } from "../module.js";

/** All parameters flattened and concatenated into one vector (in the graph). */
export function parameters_to_vector(parameters: Iterable<Tensor>): Tensor {
  const vec: Tensor[] = [];
  for (const p of parameters) vec.push(p.view(-1));
  return cat(vec);
}

/** Writes the slices of vec into the parameters' data, in order (outside the graph). */
export function vector_to_parameters(vec: Tensor, parameters: Iterable<Tensor>): void {
  if (!(vec instanceof Tensor)) throw new TypeError(`expected torch.Tensor, but got: ${describe(vec)}`);
  let pointer = 0;
  for (const p of parameters) {
    const n = p.numel();
    p.data = vec.narrow(0, pointer, n).view_as(p).data;
    pointer += n;
  }
}
