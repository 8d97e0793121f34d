/** The torch.autograd namespace. */
export { grad, autograd_backward as backward } from "./functional.js";
export type { BackwardOptions, GradOptions } from "./functional.js";
export { Node, AccumulateGrad } from "./node.js";
export { gradcheck, gradgradcheck } from "./gradcheck.js";
export type { GradcheckOptions } from "./gradcheck.js";
export { Function, FunctionCtx } from "./function.js";
