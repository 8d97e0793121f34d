/** The torch.nn namespace. */
export { Module } from "./module.js";
export type { ForwardHook, ForwardPreHook, RemovableHandle, StateDict, LoadResult } from "./module.js";
export { Parameter } from "./parameter.js";
