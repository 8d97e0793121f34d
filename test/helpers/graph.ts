/** The graph under a tensor as [node name, [[next name | null, input_nr], ...]] rows, breadth first. */
import type * as torch from "../../src/index.js";

export type Graph = [string, [string | null, number][]][];

export function walk(t: torch.Tensor): Graph {
  const out: Graph = [];
  const seen = new Set<torch.autograd.Node>();
  const queue: (torch.autograd.Node | null)[] = [t.grad_fn];
  while (queue.length) {
    const n = queue.shift();
    if (!n || seen.has(n)) continue;
    seen.add(n);
    out.push([
      n.name(),
      n.next_functions.map(([c, i]) => [c ? c.name() : null, i] as [string | null, number]),
    ]);
    queue.push(...n.next_functions.map(([c]) => c));
  }
  return out;
}
