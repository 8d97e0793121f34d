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
export * from "./shape/diagonal.js";
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
export * from "./conv/convolution.js";
export * from "./conv/pooling.js";

import type { MethodsOf } from "./table.js";
import type convert from "./convert/convert.js";
import type pointwise_arithmetic from "./pointwise/arithmetic.js";
import type pointwise_trig from "./pointwise/trig.js";
import type pointwise_clamp from "./pointwise/clamp.js";
import type pointwise_logical from "./pointwise/logical.js";
import type binary_arithmetic from "./binary/arithmetic.js";
import type binary_math from "./binary/math.js";
import type binary_comparison from "./binary/comparison.js";
import type binary_ternary from "./binary/ternary.js";
import type reduce_sum from "./reduce/sum.js";
import type reduce_minmax from "./reduce/minmax.js";
import type reduce_stats from "./reduce/stats.js";
import type reduce_scan from "./reduce/scan.js";
import type activation_softmax from "./activation/softmax.js";
import type activation_piecewise from "./activation/piecewise.js";
import type activation_rrelu from "./activation/rrelu.js";
import type shape_views from "./shape/views.js";
import type shape_join_split from "./shape/join_split.js";
import type shape_rearrange from "./shape/rearrange.js";
import type shape_diagonal from "./shape/diagonal.js";
import type indexing_subscript from "./indexing/subscript.js";
import type indexing_scatter_gather from "./indexing/scatter_gather.js";
import type indexing_index_along_dim from "./indexing/index_along_dim.js";
import type linalg_products from "./linalg/products.js";
import type linalg_addmm from "./linalg/addmm.js";
import type linalg_matmul from "./linalg/matmul.js";
import type linalg_einsum from "./linalg/einsum.js";
import type random_samplers from "./random/samplers.js";
import type random_multinomial from "./random/multinomial.js";
import type sorting_sort from "./sorting/sort.js";
import type layers_normalization from "./layers/normalization.js";
import type layers_embedding from "./layers/embedding.js";
import type conv_convolution from "./conv/convolution.js";
import type conv_pooling from "./conv/pooling.js";

/** Every family's op table, by type: what Tensor's methods and torch's functions are checked against. */
export type OpTables = typeof convert &
  typeof pointwise_arithmetic &
  typeof pointwise_trig &
  typeof pointwise_clamp &
  typeof pointwise_logical &
  typeof binary_arithmetic &
  typeof binary_math &
  typeof binary_comparison &
  typeof binary_ternary &
  typeof reduce_sum &
  typeof reduce_minmax &
  typeof reduce_stats &
  typeof reduce_scan &
  typeof activation_softmax &
  typeof activation_piecewise &
  typeof activation_rrelu &
  typeof shape_views &
  typeof shape_join_split &
  typeof shape_rearrange &
  typeof shape_diagonal &
  typeof indexing_subscript &
  typeof indexing_scatter_gather &
  typeof indexing_index_along_dim &
  typeof linalg_products &
  typeof linalg_addmm &
  typeof linalg_matmul &
  typeof linalg_einsum &
  typeof random_samplers &
  typeof random_multinomial &
  typeof sorting_sort &
  typeof layers_normalization &
  typeof layers_embedding &
  typeof conv_convolution &
  typeof conv_pooling;

/** The Tensor methods of every op table (merged into the Tensor class). */
export type TensorMethods = MethodsOf<OpTables>;
