/**
 * The js backend: plain TypeScript loops over strided views. It is the readable definition of
 * every kernel and the oracle other backends are tested against; it runs everywhere.
 */
import type { Backend } from "../backend.js";
import { binary, where } from "./binary.js";
import { copy, fill } from "./copy.js";
import { unary } from "./unary.js";
import { matmul } from "./gemm.js";
import { kthvalue, sort, topk } from "./sort.js";
import { arg_reduce, reduce, scan } from "./reduce.js";
import { index_gather, index_scatter, nonzero } from "./index_ops.js";
import { ternary } from "./ternary.js";
import { adam_step, sgd_step } from "./optim.js";

export const js_backend: Backend = {
  name: "js",
  unary,
  binary,
  where,
  copy,
  fill,
  reduce,
  arg_reduce,
  scan,
  matmul,
  sort,
  topk,
  kthvalue,
  index_gather,
  index_scatter,
  nonzero,
  ternary,
  sgd_step,
  adam_step,
};
