/**
 * torch-ts: the `torch` namespace. `import * as torch from "torch-ts"` gives tensors, ops,
 * dtypes, grad mode, autograd, and (as they land) nn, optim and utils.data.
 */
export { Tensor } from "./tensor/tensor.js";
export {
  DType,
  float32,
  float64,
  int64,
  int32,
  bool,
  float,
  double,
  long,
  int,
  get_default_dtype,
  set_default_dtype,
  promote_types,
  can_cast,
  is_floating_point,
} from "./dtype.js";
export { broadcast_shapes } from "./shape.js";
export * from "./tensor/factory.js";
export { set_printoptions, get_printoptions } from "./tensor/repr.js";
export {
  no_grad,
  enable_grad,
  set_grad_enabled,
  is_grad_enabled,
  inference_mode,
} from "./autograd/grad_mode.js";
export * as autograd from "./autograd/index.js";
export { get_backend, set_backend, list_backends } from "./backends/index.js";

export {
  // conversion
  clone,
  // pointwise
  neg,
  exp,
  log,
  // binary
  add,
  sub,
  mul,
  div,
  pow,
  // reduction
  sum,
  mean,
  // movement
  view,
  reshape,
  expand,
  permute,
  transpose,
  t,
  squeeze,
  unsqueeze,
  select,
  narrow,
  as_strided,
} from "./ops/index.js";
export * as testing from "./testing/index.js";
