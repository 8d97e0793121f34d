/**
 * Nothing PyTorch recorded for an op family goes unchecked: every case of the op families'
 * fixtures (test/golden/<fixture>.json, enumerated here from the JSON itself, not from the
 * readers) is consumed by an op_db entry (its golden keys, error keys or error samples) or by a
 * named test of an area file (AREA below: tests that are not one op's, or whose fixtures the op
 * table does not read yet). A case no one reads, a claim on a case that is gone, or an area
 * test renamed away fails here; the counts are reported as the test's diagnostics.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { OP_DB } from "../op_db.js";
import { select } from "../op_db/golden/index.js";
import { load_golden } from "../helpers/golden.js";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));

/**
 * The op families' fixtures, and for each the top-level keys that are sections holding cases
 * (every other top-level key is itself a case: sorting.json and linalg.json are keyed by case).
 */
const FIXTURES: Record<string, string[] | "all"> = {
  pointwise: "all",
  binary: "all",
  reduction: "all",
  sorting: ["errors"],
  linalg: ["errors"],
  movement: "all",
  indexing: "all",
  activation: "all",
  loss: "all",
  inplace: "all",
  subgradients: [],
  reduce_int32: "all",
  conv: "all",
};

interface Claim {
  /** A case id, or a prefix "<fixture>/<section>" claiming every case under it. */
  cases: string;
  /** Only the cases recording this op (`op` or `fn`), when given. */
  op?: string;
  /** The area file, and the name (or the fixed part of the name) of the test that reads them. */
  file: string;
  test: string;
}

/** Fixture cases read by area tests, not by the op table. */
const AREA: Claim[] = [
  // not one op's: dtype promotion tables, stride rules, an optimizer's trajectory
  {
    cases: "binary/promote_types",
    file: "test/dtype.test.ts",
    test: "promote_types over every pair of dtypes",
  },
  { cases: "binary/promotion", file: "test/dtype.test.ts", test: "result_type and op dtypes: " },
  {
    cases: "binary/promotion_default_float64",
    file: "test/dtype.test.ts",
    test: "with a float64 default dtype, integer tensors and float scalars promote to float64",
  },
  {
    cases: "binary/cases",
    op: "adam_trajectory",
    file: "test/ops/binary/binary.test.ts",
    test: "addcmul_ in the Adam pattern matches PyTorch's float32 trajectory bit for bit",
  },
  { cases: "movement/layout", file: "test/shape.test.ts", test: "view strides are ATen's computeStride" },
  {
    cases: "conv/modules",
    file: "test/nn/conv.test.ts",
    test: "Conv1d, Conv2d, MaxPool1d and MaxPool2d modules: outputs and gradients as PyTorch's",
  },
  {
    cases: "conv/module_errors",
    file: "test/nn/conv.test.ts",
    test: "nn.Conv2d's constructor errors are PyTorch's",
  },
  // per-op fixtures whose readers are still their area tests
  {
    cases: "pointwise/clamp_tensor",
    file: "test/ops/pointwise/clamp.test.ts",
    test: ": broadcast tensor bounds, values, node and gradients of every input",
  },
  {
    cases: "pointwise/special",
    file: "test/ops/pointwise/special.test.ts",
    test: "erf, erfc and erfinv match PyTorch's float64 to a few ulps",
  },
  {
    cases: "indexing/getitem",
    file: "test/ops/indexing/indexing.test.ts",
    test: "x.index(...) gives PyTorch's values, gradients and grad_fn",
  },
  {
    cases: "indexing/getitem_errors",
    file: "test/ops/indexing/indexing.test.ts",
    test: "x.index(...) errors are PyTorch's",
  },
  {
    cases: "indexing/setitem",
    file: "test/ops/indexing/indexing.test.ts",
    test: "x.index_put_(...) (x[...] = v and index_put_) gives PyTorch's values and gradients",
  },
  {
    cases: "indexing/setitem_errors",
    file: "test/ops/indexing/indexing.test.ts",
    test: "index_put_ errors are PyTorch's",
  },
  {
    cases: "indexing/op_errors/scatter_reduce_backward",
    file: "test/ops/indexing/indexing.test.ts",
    test: "scatter with reduce records PyTorch's node and refuses to differentiate",
  },
  {
    cases: "activation/ints",
    file: "test/nn/activation.test.ts",
    test: "integer inputs: relu, relu6, hardtanh and threshold keep the integer type",
  },
  {
    cases: "activation/errors/refused",
    file: "test/nn/activation.test.ts",
    test: "floating-only activations refuse integer and bool inputs with the kernel's name",
  },
  {
    cases: "activation/errors/leaky_relu_inplace_neg_backward",
    file: "test/nn/activation.test.ts",
    test: "in-place leaky_relu / elu with a negative slope refuse to differentiate, as PyTorch",
  },
  {
    cases: "activation/errors/elu_inplace_neg_backward",
    file: "test/nn/activation.test.ts",
    test: "in-place leaky_relu / elu with a negative slope refuse to differentiate, as PyTorch",
  },
  {
    cases: "activation/errors/softmax2d_dim",
    file: "test/nn/activation.test.ts",
    test: "Softmax2d refuses an input that is not 3D or 4D",
  },
  { cases: "activation/glu", file: "test/nn/activation_dims.test.ts", test: "glu ${key}: values" },
  {
    cases: "activation/prelu",
    file: "test/nn/activation_dims.test.ts",
    test: "prelu ${key}: values, node, gradients",
  },
  { cases: "activation/softmax", file: "test/nn/activation_dims.test.ts", test: ": values, node, gradient" },
  { cases: "activation/modules", file: "test/nn/activation_modules.test.ts", test: ": repr and forward" },
  {
    cases: "activation/prelu_module",
    file: "test/nn/activation_modules.test.ts",
    test: "nn.PReLU: weight Parameter, init, forward and gradient as PyTorch",
  },
  { cases: "activation/rrelu", file: "test/nn/activation_rrelu.test.ts", test: "rrelu training (" },
  {
    cases: "loss",
    op: "module",
    file: "test/nn/loss_modules.test.ts",
    test: "modules print and register weights as PyTorch does",
  },
  {
    cases: "loss",
    op: "walkthrough",
    file: "test/nn/loss.test.ts",
    test: "walkthrough: nn.MSELoss on the first batch prints PyTorch's repr",
  },
  { cases: "inplace/views", file: "test/ops/shape/inplace.test.ts", test: ": values, layout, version" },
  { cases: "inplace/scans", file: "test/ops/shape/inplace.test.ts", test: ": values, layout, version" },
  { cases: "inplace/errors", file: "test/ops/shape/inplace.test.ts", test: "error: ${key}" },
  { cases: "subgradients", file: "test/ops/subgradients.test.ts", test: "gradient at a corner: ${key}" },
  { cases: "reduce_int32/int32", file: "test/ops/reduce/int32.test.ts", test: "int32 ${c.op}(" },
];

/** Every case id of a fixture, with the op it records (for claims by op). */
function fixture_case_ids(fixture: string): Map<string, string | undefined> {
  const data = load_golden<unknown>(fixture);
  const out = new Map<string, string | undefined>();
  const op_of = (v: unknown): string | undefined => {
    if (typeof v !== "object" || v === null) return undefined;
    const r = v as { op?: unknown; fn?: unknown };
    return typeof r.op === "string" ? r.op : typeof r.fn === "string" ? r.fn : undefined;
  };
  const cases_of = (prefix: string, v: unknown) => {
    if (Array.isArray(v)) v.forEach((c, i) => out.set(`${prefix}/${i}`, op_of(c)));
    else if (typeof v === "object" && v !== null)
      for (const [k, c] of Object.entries(v)) out.set(`${prefix}/${k}`, op_of(c));
    else out.set(prefix, undefined);
  };
  const sections = FIXTURES[fixture];
  if (Array.isArray(data)) cases_of(fixture, data);
  else {
    for (const [k, v] of Object.entries(data as Record<string, unknown>)) {
      if (sections === "all" || sections.includes(k)) cases_of(`${fixture}/${k}`, v);
      else out.set(`${fixture}/${k}`, op_of(v));
    }
  }
  return out;
}

/** The case ids the op table consumes: its golden keys, error keys and error samples. */
function consumed_by_op_db(): Set<string> {
  const ids = new Set<string>();
  for (const info of OP_DB) {
    for (const key of info.golden_keys ?? []) for (const c of select(key, "value")) ids.add(c.id);
    for (const e of info.errors ?? []) {
      if (typeof e === "string") for (const c of select(e, "error")) ids.add(c.id);
      else ids.add(e.fixture);
    }
  }
  return ids;
}

const claims = (c: Claim, id: string, op: string | undefined) =>
  (id === c.cases || id.startsWith(`${c.cases}/`)) && (c.op === undefined || c.op === op);

test("every case of the op families' fixtures is consumed by the op table or a named area test", (t) => {
  const by_table = consumed_by_op_db();
  const unread: string[] = [];
  const counts: string[] = [];
  let total = 0;
  let table = 0;
  for (const fixture of Object.keys(FIXTURES)) {
    const ids = fixture_case_ids(fixture);
    let in_table = 0;
    for (const [id, op] of ids) {
      if (by_table.has(id)) in_table++;
      // an area claim with an op filter takes its cases first (loss's module cases)
      else if (!AREA.some((c) => claims(c, id, op))) unread.push(id);
    }
    total += ids.size;
    table += in_table;
    counts.push(`${fixture}: ${ids.size} cases, ${in_table} in the op table`);
  }
  for (const line of counts) t.diagnostic(line);
  t.diagnostic(`total: ${total} cases, ${table} in the op table, ${total - table} in area tests`);
  assert.deepEqual(unread, [], "fixture cases no test reads");
});

test("no fixture case is claimed by two op_db entries (it would run twice)", () => {
  const owner = new Map<string, string>();
  const twice: string[] = [];
  for (const info of OP_DB) {
    const ids = new Set<string>();
    for (const key of info.golden_keys ?? []) for (const c of select(key, "value")) ids.add(c.id);
    for (const e of info.errors ?? [])
      if (typeof e === "string") for (const c of select(e, "error")) ids.add(c.id);
    for (const id of ids) {
      const other = owner.get(id);
      if (other !== undefined) twice.push(`${id}: ${other} and ${info.name}`);
      owner.set(id, info.name);
    }
  }
  assert.deepEqual(twice, []);
});

test("the op table's claims name cases that exist", () => {
  const all = new Set(Object.keys(FIXTURES).flatMap((f) => [...fixture_case_ids(f).keys()]));
  const gone = [...consumed_by_op_db()].filter((id) => !all.has(id));
  assert.deepEqual(gone, []);
});

test("each area claim names an existing test over existing cases", () => {
  const ids = Object.keys(FIXTURES).flatMap((f) => [...fixture_case_ids(f)]);
  for (const c of AREA) {
    const path = `${ROOT}${c.file}`;
    assert.ok(existsSync(path), `${c.file} is missing`);
    assert.ok(readFileSync(path, "utf8").includes(c.test), `${c.file} has no test "${c.test}"`);
    assert.ok(
      ids.some(([id, op]) => claims(c, id, op)),
      `${c.cases}${c.op ? ` (${c.op})` : ""} claims no case`,
    );
  }
});
