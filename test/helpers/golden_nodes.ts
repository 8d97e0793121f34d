/**
 * The grad_fn names PyTorch recorded for each op across the golden fixtures, read from the
 * fixtures themselves (whatever their layout): a case object naming its op (`op`, or `fn` when
 * that is a name) and its node (`node`, `grad_fn`, or a list `nodes`), or a per-op record under an `ops` key.
 * The op table's `node` fields are checked against it, so a node name in test/op_db is always
 * one PyTorch gave for that op, not one written from memory.
 */
import { readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { load_golden } from "./golden.js";

const DIR = fileURLToPath(new URL("../golden/", import.meta.url));
const NOT_OP_NAMES = new Set(["method", "torch", "function", "tensor"]);

function walk(x: unknown, op: string | null, into: Map<string, Set<string>>): void {
  if (Array.isArray(x)) {
    for (const v of x) walk(v, op, into);
    return;
  }
  if (typeof x !== "object" || x === null) return;
  const rec = x as Record<string, unknown>;
  let ctx = op;
  if (typeof rec.op === "string") ctx = rec.op;
  else if (typeof rec.fn === "string" && !NOT_OP_NAMES.has(rec.fn)) ctx = rec.fn;
  const nodes: unknown[] = [
    rec.node,
    rec.grad_fn,
    ...(Array.isArray(rec.nodes) ? (rec.nodes as unknown[]).flat() : []),
  ];
  for (const node of nodes) {
    if (ctx === null || typeof node !== "string") continue;
    const set = into.get(ctx) ?? new Set<string>();
    set.add(node);
    into.set(ctx, set);
  }
  for (const [k, v] of Object.entries(rec)) {
    if (k === "ops" && typeof v === "object" && v !== null && !Array.isArray(v)) {
      for (const [name, c] of Object.entries(v as Record<string, unknown>)) walk(c, name, into);
    } else walk(v, ctx, into);
  }
}

/** fixture name -> op name -> the node names PyTorch recorded for it there. */
export function recorded_nodes(): Map<string, Map<string, Set<string>>> {
  const out = new Map<string, Map<string, Set<string>>>();
  for (const file of readdirSync(DIR).filter((f) => f.endsWith(".json"))) {
    const area = file.slice(0, -".json".length);
    const index = new Map<string, Set<string>>();
    walk(load_golden<unknown>(area), null, index);
    out.set(area, index);
  }
  return out;
}
