/**
 * torch.nn: `Module` and the layers, losses and containers, with `functional`, `init` and `utils`.
 *
 * @module
 */
export { Module } from "./module.js";
export type {
  ForwardHook,
  ForwardPreHook,
  FullBackwardHook,
  BackwardPreHook,
  StateDict,
  LoadResult,
} from "./module.js";
export { RemovableHandle, IncompatibleKeys } from "./module.js";
export { Parameter } from "./parameter.js";
export { Sequential, ModuleList, ModuleDict, ParameterList, ParameterDict } from "./modules/container.js";
export * as utils from "./utils/index.js";
/** torch.nn.functional (`F`): the layers and losses as functions of tensors. */
export * as functional from "./functional/index.js";
export {
  MSELoss,
  L1Loss,
  SmoothL1Loss,
  HuberLoss,
  NLLLoss,
  CrossEntropyLoss,
  BCELoss,
  BCEWithLogitsLoss,
  KLDivLoss,
  CosineEmbeddingLoss,
  MarginRankingLoss,
  TripletMarginLoss,
  GaussianNLLLoss,
  PoissonNLLLoss,
} from "./modules/loss.js";
/** torch.nn.init: in-place initializers drawing PyTorch's numbers from the generator. */
export * as init from "./init.js";
export { Identity, Linear, Bilinear } from "./modules/linear.js";
export { Flatten, Unflatten } from "./modules/flatten.js";
export { Conv1d, Conv2d } from "./modules/conv.js";
export { AvgPool2d, MaxPool1d, MaxPool2d } from "./modules/pooling.js";
export {
  Dropout,
  Dropout1d,
  Dropout2d,
  Dropout3d,
  AlphaDropout,
  FeatureAlphaDropout,
} from "./modules/dropout.js";
export { Embedding } from "./modules/sparse.js";
export { LayerNorm, RMSNorm } from "./modules/normalization.js";
export {
  ReLU,
  ReLU6,
  LeakyReLU,
  PReLU,
  RReLU,
  ELU,
  SELU,
  CELU,
  Hardtanh,
  Threshold,
  Softshrink,
  Hardshrink,
} from "./modules/activation.js";
export {
  GELU,
  SiLU,
  Mish,
  Sigmoid,
  Tanh,
  Hardsigmoid,
  Hardswish,
  Softplus,
  Softsign,
  Softmax,
  LogSoftmax,
  Softmin,
  Softmax2d,
  GLU,
  LogSigmoid,
  Tanhshrink,
} from "./modules/activation_smooth.js";
