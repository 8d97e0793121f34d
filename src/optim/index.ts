/**
 * torch.optim: the optimizers, with PyTorch's update rules and defaults, and `lr_scheduler`.
 *
 * @module
 */
export { Optimizer } from "./optimizer.js";
export type {
  ParamGroup,
  ParamGroupArg,
  ParamsArg,
  OptimizerState,
  OptimizerStateDict,
} from "./optimizer.js";
export { SGD, sgd } from "./sgd.js";
export type { SGDOptions } from "./sgd.js";
export { Adam, adam } from "./adam.js";
export type { AdamOptions } from "./adam.js";
export { AdamW, adamw } from "./adamw.js";
export type { AdamWOptions } from "./adamw.js";
export { Adamax, adamax } from "./adamax.js";
export type { AdamaxOptions } from "./adamax.js";
export { NAdam, nadam } from "./nadam.js";
export type { NAdamOptions } from "./nadam.js";
export { RAdam, radam } from "./radam.js";
export type { RAdamOptions } from "./radam.js";
export { RMSprop, rmsprop } from "./rmsprop.js";
export type { RMSpropOptions } from "./rmsprop.js";
export { Adagrad, adagrad } from "./adagrad.js";
export type { AdagradOptions } from "./adagrad.js";
export { Adadelta, adadelta } from "./adadelta.js";
export type { AdadeltaOptions } from "./adadelta.js";
export { ASGD, asgd } from "./asgd.js";
export type { ASGDOptions } from "./asgd.js";
export { Rprop, rprop } from "./rprop.js";
export type { RpropOptions } from "./rprop.js";
export { LBFGS } from "./lbfgs.js";
export type { LBFGSOptions } from "./lbfgs.js";
export * as lr_scheduler from "./lr_scheduler/index.js";
