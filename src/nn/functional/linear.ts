/**
 * F.linear and F.bilinear, composed as PyTorch 2.x's at::linear and at::bilinear
 * (aten/src/ATen/native/Linear.cpp), so the graph shows the same nodes:
 * - linear, 2-D input with bias: AddmmBackward0 over TBackward0 of the weight;
 * - contiguous input of another rank with a 1-D bias: the input is flattened to 2-D, addmm'd,
 *   and viewed back (ViewBackward0 over AddmmBackward0, _flatten_nd_linear);
 * - otherwise (no bias, or a non-contiguous N-D input): matmul(input, weight.t()), then `add_`
 *   of the bias (AddBackward0 over matmul's nodes; MmBackward0 for 2-D input without bias).
 * - bilinear: both inputs flattened to 2-D, one TrilinearBackward0 node (aten's _trilinear),
 *   viewed back to the output shape, plus the bias (AddBackward0).
 */
import { Tensor } from "../../tensor/tensor.js";
import { check_tensor_arg, kwargs } from "../../tensor/args.js";
import { addmm } from "../../ops/linalg/addmm.js";
import { matmul } from "../../ops/linalg/matmul.js";
import { trilinear } from "../../ops/linalg/einsum.js";
import { check } from "../../errors.js";

type BiasArgs = [bias?: Tensor | null] | [options: { bias?: Tensor | null }];

/** The optional bias, given positionally (the layers' per-call path, parsed without kwargs) or as `{ bias }`. */
function bias_of(name: string, args: BiasArgs): Tensor | null {
  const a = args[0];
  if (args.length <= 1 && (a === undefined || a === null || a instanceof Tensor)) return a ?? null;
  return kwargs<{ bias: Tensor | null }>(name, args, ["bias"]).bias ?? null;
}

/** F.linear(input, weight, bias=None): input @ weight.T + bias. */
export function linear(input: Tensor, weight: Tensor, ...args: BiasArgs): Tensor {
  check_tensor_arg("linear", "input", input);
  check_tensor_arg("linear", "weight", weight);
  const bias = bias_of("linear", args);
  const input_dim = input.dim();
  const weight_dim = weight.dim();
  if (input_dim === 0 || weight_dim === 0) {
    throw new Error(
      `both arguments to linear need to be at least 1D, but they are ${input_dim}D and ${weight_dim}D`,
    );
  }
  if (input_dim === 2 && bias) return addmm(bias, input, weight.t());
  if (bias && input.is_contiguous() && (input_dim === 3 || bias.dim() === 1)) {
    return flatten_nd_linear(input, weight, bias);
  }
  const output = matmul(input, weight.t());
  // PyTorch adds in place (output.add_(bias)); out of place records the same AddBackward0
  return bias ? output.add(bias) : output;
}

/** _flatten_nd_linear: [*, in] -> [prod(*), in] -> addmm -> [*, out]. */
function flatten_nd_linear(input: Tensor, weight: Tensor, bias: Tensor): Tensor {
  const sizes = input.shape;
  let flattened = 1;
  for (let i = 0; i < sizes.length - 1; i++) flattened *= sizes[i];
  const inp = input.reshape(flattened, sizes[sizes.length - 1]);
  const result = addmm(bias, inp, weight.t());
  return result.view([...sizes.slice(0, -1), result.shape[1]]);
}

/** F.bilinear(input1, input2, weight, bias=None): x1^T W x2 + b for each output feature. */
export function bilinear(input1: Tensor, input2: Tensor, weight: Tensor, ...args: BiasArgs): Tensor {
  const bias = bias_of("bilinear", args);
  check(
    input1.dim() === input2.dim(),
    () => `bilinear(): input dimensions do not match: got ${input1.dim()} and ${input2.dim()}`,
  );
  for (let i = 0; i < input1.dim() - 1; i++) {
    check(
      input1.shape[i] === input2.shape[i],
      () => `bilinear(): input batch dimensions do not match: got ${input1.shape[i]} and ${input2.shape[i]}`,
    );
  }
  const last1 = input1.shape[input1.dim() - 1];
  const last2 = input2.shape[input2.dim() - 1];
  check(
    last1 === weight.shape[1],
    () => `bilinear(): input1 size does not match weight size: got ${last1} but expected ${weight.shape[1]}`,
  );
  check(
    last2 === weight.shape[2],
    () => `bilinear(): input2 size does not match weight size: got ${last2} but expected ${weight.shape[2]}`,
  );
  check(
    !bias || bias.shape[0] === weight.shape[0],
    () =>
      `bilinear(): bias size does not match weight size: got ${bias?.shape[0]} but expected ${weight.shape[0]}`,
  );
  const output_size = [...input1.shape.slice(0, -1), weight.shape[0]];
  const x1 = input1.reshape(-1, last1);
  const x2 = input2.reshape(-1, last2);
  const output = trilinear(x1, weight, x2).reshape(output_size);
  return bias ? output.add(bias) : output;
}
