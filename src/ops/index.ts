/** Every op, re-exported: a new op in a family file needs no edit elsewhere to be reachable. */
export * from "./convert.js";
export * from "./pointwise.js";
export * from "./binary.js";
export * from "./reduction.js";
export * from "./movement.js";
