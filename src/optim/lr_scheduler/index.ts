/**
 * torch.optim.lr_scheduler: the learning-rate schedulers of PyTorch 2.x.
 *
 * @module
 */
export { LRScheduler } from "./lr_scheduler.js";
export type { AnyOptimizer, PyArgs, SchedulerStateDict } from "./lr_scheduler.js";
export { StepLR, MultiStepLR, ConstantLR, LinearLR, ExponentialLR, PolynomialLR } from "./step.js";
export type {
  StepLROptions,
  MultiStepLROptions,
  ConstantLROptions,
  LinearLROptions,
  ExponentialLROptions,
  PolynomialLROptions,
} from "./step.js";
export { CosineAnnealingLR, CosineAnnealingWarmRestarts } from "./cosine.js";
export type { CosineAnnealingLROptions, CosineAnnealingWarmRestartsOptions } from "./cosine.js";
export { CyclicLR, OneCycleLR } from "./cyclic.js";
export type { CyclicLROptions, CyclicMode, OneCycleLROptions, SchedulePhase } from "./cyclic.js";
export { ReduceLROnPlateau } from "./plateau.js";
export type { ReduceLROnPlateauOptions } from "./plateau.js";
export { LambdaLR, MultiplicativeLR, SequentialLR, ChainedScheduler } from "./compose.js";
export type { LRLambda, LambdaLROptions, MultiplicativeLROptions, SequentialLROptions } from "./compose.js";
