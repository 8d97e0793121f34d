/**
 * Node's file API, loaded only when a path is given. The module name is held in a variable so
 * bundlers leave the import alone: a browser bundle of torch-ts contains no `node:fs`, and in a
 * browser a path argument fails with a clear message instead of at bundle time.
 */
import { fail } from "./errors.js";

/** The part of node:fs/promises' FileHandle that torch.save and torch.load use. */
export interface NodeFileHandle {
  read(buffer: Uint8Array, offset: number, length: number, position: number): Promise<{ bytesRead: number }>;
  write(buffer: Uint8Array, offset: number, length: number): Promise<{ bytesWritten: number }>;
  stat(): Promise<{ size: number }>;
  close(): Promise<void>;
}

interface NodeFs {
  open(path: string, flags: string): Promise<NodeFileHandle>;
}

const FS_MODULE = "node:fs/promises";

export async function node_fs(): Promise<NodeFs> {
  // read through globalThis: the library is typed without Node's globals
  const proc = (globalThis as { process?: { versions?: { node?: string } } }).process;
  const is_node = typeof proc?.versions?.node === "string";
  if (!is_node) {
    fail("file paths need Node.js; in a browser pass bytes, an ArrayBuffer or a Blob (or save to bytes)");
  }
  return (await import(/* @vite-ignore */ /* webpackIgnore: true */ FS_MODULE)) as NodeFs;
}
