/**
 * torch.autograd: `grad`, `backward`, custom `Function`s, the graph's `Node`s and `gradcheck`.
 *
 * @module
 */
export { grad, autograd_backward as backward } from "./functional.js";
export type { BackwardOptions, GradOptions } from "./functional.js";
export { Node, AccumulateGrad } from "./node.js";
export { gradcheck, gradgradcheck } from "./gradcheck.js";
export type { GradcheckOptions } from "./gradcheck.js";
export { Function, FunctionCtx } from "./function.js";
