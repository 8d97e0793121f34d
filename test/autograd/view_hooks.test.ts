/**
 * Views whose grad_fn is regenerated after an in-place write (as_strided over CopySlices),
 * against PyTorch (test/golden/inplace_views.json, sections "hooks" and "stale"): tensor hooks
 * registered before the regeneration stay with the old node, retain_grad follows the tensor, and
 * a view of a leaf that is itself a view keeps a node that leads nowhere.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as torch from "../../src/index.js";
import { close_to as close, load_golden } from "../helpers/golden.js";

type Case = Record<string, unknown>;
const G = load_golden<Record<string, Record<string, Case>>>("inplace_views");
const t = (v: number[], rg = false) => torch.tensor(v, { dtype: torch.float64, requires_grad: rg });

type Write = (a: torch.Tensor, v: torch.Tensor) => unknown;

function run(
  c: Case,
  write: Write,
  opts: { after?: boolean; hook?: (g: torch.Tensor) => torch.Tensor | undefined } = {},
): void {
  const x = t([1, 2, 3], true);
  const a = x.mul(1);
  const v = a.index("0:2");
  const seen: torch.Tensor[] = [];
  const hook =
    opts.hook ??
    ((g: torch.Tensor) => {
      seen.push(g.clone());
      return undefined;
    });
  if (!opts.after) v.register_hook(hook);
  write(a, v);
  if (opts.after) v.register_hook(hook);
  v.mul(t([3, 5]))
    .sum()
    .backward();
  assert.equal(seen.length, c.fired, "times the hook fired");
  if (c.seen !== null) close(seen[0], c.seen, "the gradient the hook saw");
  close(x.grad, c.grad, "x.grad");
}

test("a hook registered before a view's grad_fn is regenerated does not fire; one after does", () => {
  const H = G.hooks;
  run(H.base_written, (a) => a.mul_(2));
  run(H.after_regeneration, (a) => a.mul_(2), { after: true });
  run(H.sibling_written, (a) => a.index("1:3").mul_(10));
  run(H.view_written, (_a, v) => v.mul_(2));
  run(H.returns_grad, (a) => a.mul_(2), { hook: (g) => g.mul(10) });
});

test("retain_grad follows a view to its regenerated grad_fn", () => {
  const c = G.hooks.retain_grad;
  const x = t([1, 2, 3], true);
  const a = x.mul(1);
  const v = a.index("0:2");
  v.retain_grad();
  a.mul_(2);
  v.mul(t([3, 5]))
    .sum()
    .backward();
  close(v.grad, c.view_grad, "v.grad");
  close(x.grad, c.grad, "x.grad");
});

test("a view of a leaf that is itself a view regenerates a node leading nowhere", () => {
  const c = G.stale.leaf_view_base;
  const y = t([1, 2, 3, 4]).reshape(2, 2).requires_grad_();
  const w = y.t();
  torch.no_grad(() => y.mul_(2));
  w.mul(3).sum().backward();
  assert.equal(w.requires_grad, c.requires_grad);
  assert.equal(w.grad_fn?.name(), c.node);
  assert.equal(c.next, null);
  assert.equal(w.grad_fn?.next_functions[0][0], null, "its edge leads nowhere");
  assert.equal(y.grad, c.grad, "the gradient does not reach the leaf, as in PyTorch");
});
