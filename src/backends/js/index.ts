/**
 * The js backend: plain TypeScript loops over strided views. It is the readable definition of
 * every kernel and the oracle other backends are tested against; it runs everywhere.
 */
import type { Backend } from "../backend.js";
import { binary, where } from "./binary.js";
import { copy, fill } from "./copy.js";
import { unary } from "./unary.js";
import { matmul } from "./gemm.js";
import { arg_reduce, reduce, scan } from "./reduce.js";

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
};
