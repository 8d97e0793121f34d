/**
 * Reads test/golden/sorting.json (gen_sorting.py) for the op table: sort, argsort, msort, topk,
 * kthvalue, unique and unique_consecutive on inputs with ties and NaN (so the order of equal
 * elements is checked too), their grad_fn names and gradients. The fixture's `errors` record only
 * PyTorch's messages: their inputs are the op table's error samples.
 */
import assert from "node:assert/strict";
import * as torch from "../../../src/index.js";
import {
  decode,
  load_golden,
  type EncodedTensor,
  decode_view,
  type EncodedView,
} from "../../helpers/golden.js";
import type { GoldenCase } from "./case.js";

type Tensor = torch.Tensor;

interface Case {
  op: string;
  arg: EncodedView;
  args: (number | boolean)[];
  kwargs: Record<string, number | boolean>;
  outs: EncodedTensor[];
  grad_fn: string | null;
  grad_output?: EncodedTensor;
  grad?: EncodedTensor;
}

/** Calls the op as a PyTorch user would port it: positional args, then the keywords object. */
function call(c: Case, x: Tensor): Tensor[] {
  const kw = Object.keys(c.kwargs).length ? [c.kwargs] : [];
  const args = [...c.args, ...kw] as unknown as [number];
  const as_list = (r: Tensor | Tensor[] | Iterable<Tensor>): Tensor[] =>
    r instanceof torch.Tensor ? [r] : [...r];
  switch (c.op) {
    case "sort":
      return as_list(x.sort(...(args as unknown as torch.SortArgs)));
    case "argsort":
      return [torch.argsort(x, ...(args as unknown as torch.SortArgs))];
    case "msort":
      return [torch.msort(x)];
    case "topk":
      return as_list(x.topk(...args));
    case "kthvalue":
      return as_list(torch.kthvalue(x, ...args));
    case "unique":
      return as_list(x.unique(...(args as unknown as torch.UniqueArgs)));
    case "unique_consecutive":
      return as_list(torch.unique_consecutive(x, ...(args as unknown as torch.UniqueConsecutiveArgs)));
    default:
      throw new Error(`no op ${c.op}`);
  }
}

function check_case(k: string, c: Case): void {
  const x = decode_view(c.arg);
  const outs = call(c, x);
  assert.equal(outs.length, c.outs.length, `${k}: number of outputs`);
  outs.forEach((o, i) => {
    torch.testing.assert_close(o, decode(c.outs[i]), { equal_nan: true, msg: `${k}: output ${i}` });
  });
  assert.equal(outs[0].grad_fn?.name() ?? null, c.grad_fn, `${k}: grad_fn`);
  if (c.grad_output && c.grad) {
    outs[0].backward(decode(c.grad_output));
    assert.ok(x.grad, `${k}: no gradient`);
    torch.testing.assert_close(x.grad, decode(c.grad), { msg: `${k}: gradient` });
  }
}

/** Every value case of sorting.json (all but `errors`), by the op it calls. */
export function sorting_cases(): GoldenCase[] {
  const G = load_golden<Record<string, unknown>>("sorting");
  return Object.entries(G)
    .filter(([k]) => k !== "errors")
    .map(([k, v]) => {
      const c = v as Case;
      return { id: `sorting/${k}`, op: c.op, kind: "value", run: () => check_case(k, c) };
    });
}
