/**
 * Deliberate differences from PyTorch that the fuzzer meets, each with its reason (and an entry
 * in docs/differences.md). `known` returns the reason when a mismatch is one of them.
 */
import type { Mismatch } from "./compare.js";
import type { Program } from "./program.js";

interface Known {
  why: string;
  test(m: Mismatch, p: Program): boolean;
}

const KNOWN: Known[] = [];

export function known(m: Mismatch, p: Program): string | null {
  return KNOWN.find((k) => k.test(m, p))?.why ?? null;
}
