/**
 * The js backend: plain TypeScript loops over strided views. It is the readable definition of
 * every kernel and the oracle other backends are tested against; it runs everywhere.
 */
import type { Backend } from "../backend.js";
import type { DType, TypedArray } from "../../dtype.js";
import { binary, where } from "./binary.js";
import { copy, fill } from "./copy.js";
import { unary } from "./unary.js";
import { matmul } from "./gemm.js";
import { kthvalue, sort, topk } from "./sort.js";
import { arg_reduce, reduce, scan } from "./reduce.js";
import { index_gather, index_scatter, nonzero, strided_scatter_gather } from "./index_ops.js";
import { layer_norm, var_mean } from "./normalization.js";
import { rrelu_with_noise, threshold_backward } from "./activation.js";
import { ternary } from "./ternary.js";
import { softmax } from "./softmax.js";
import { adam_step, sgd_step } from "./optim.js";
import { col2im, im2col, max_pool2d, max_pool2d_backward } from "./conv.js";

/** Plain JS heap memory: typed arrays start zeroed. */
function alloc(dtype: DType, n: number): TypedArray {
  return new dtype.array(n);
}

export const js_backend: Backend = {
  name: "js",
  alloc,
  unary,
  binary,
  where,
  copy,
  fill,
  reduce,
  arg_reduce,
  scan,
  softmax,
  var_mean,
  layer_norm,
  matmul,
  sort,
  topk,
  kthvalue,
  index_gather,
  index_scatter,
  nonzero,
  strided_scatter_gather,
  rrelu_with_noise,
  threshold_backward,
  ternary,
  sgd_step,
  adam_step,
  im2col,
  col2im,
  max_pool2d,
  max_pool2d_backward,
};
