import type { FunctionDef } from "../encoder.js";
export function elementwise_functions(): FunctionDef[] {
  return [];
}
