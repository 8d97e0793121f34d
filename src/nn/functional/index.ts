/**
 * torch.nn.functional: argument handling (reduction=, inplace=, training=) over src/ops. No
 * derivative lives here; each family file re-exported below holds one part of F.
 */
export {};
export * from "./loss.js";
export * from "./activation.js";
export * from "./linear.js";
export * from "./dropout.js";
export * from "./sparse.js";
export * from "./normalization.js";
export * from "./conv.js";
