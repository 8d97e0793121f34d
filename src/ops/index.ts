/**
 * Every op family, re-exported: a new op in a family file needs no edit elsewhere to be
 * reachable. The loss files (loss/) are not: torch.nn.functional imports them directly.
 */
export * from "./convert/convert.js";
export * from "./pointwise/arithmetic.js";
export * from "./pointwise/trig.js";
export * from "./pointwise/clamp.js";
export * from "./pointwise/logical.js";
export * from "./binary/arithmetic.js";
export * from "./binary/math.js";
export * from "./binary/comparison.js";
export * from "./binary/ternary.js";
export * from "./reduce/sum.js";
export * from "./reduce/minmax.js";
export * from "./reduce/stats.js";
export * from "./reduce/scan.js";
export * from "./activation/softmax.js";
export * from "./activation/piecewise.js";
export * from "./activation/smooth.js";
export * from "./activation/rrelu.js";
export * from "./return_types.js";
export * from "./shape/views.js";
export * from "./shape/join_split.js";
export * from "./shape/rearrange.js";
export * from "./indexing/subscript.js";
export * from "./indexing/scatter_gather.js";
export * from "./indexing/index_along_dim.js";
export * from "./linalg/products.js";
export * from "./linalg/addmm.js";
export * from "./linalg/matmul.js";
export * from "./random/samplers.js";
export * from "./random/multinomial.js";
export * from "./linalg/einsum.js";
export * from "./sorting/sort.js";
export * from "./layers/normalization.js";
export * from "./layers/embedding.js";
