import type { FunctionDef } from "../encoder.js";
export function reduce_functions(): FunctionDef[] {
  return [];
}
