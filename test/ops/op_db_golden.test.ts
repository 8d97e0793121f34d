/**
 * The op table's golden and error tests, run on every backend: for each entry, every fixture case
 * its golden keys select (PyTorch's values, dtypes, grad_fn names and gradients, replayed by the
 * fixture's reader in test/op_db/golden/), and every error sample (PyTorch's error class and
 * message for a bad input). Which fixture cases no entry claims, and who reads those, is
 * test/ops/op_db_coverage.test.ts's.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { OP_DB, type ErrorSample, type OpInfo } from "../op_db.js";
import { expect_error, select, type GoldenCase, type PyError } from "../op_db/golden/index.js";
import { load_golden } from "../helpers/golden.js";
import { test_each_backend } from "../helpers/for_each_backend.js";

/** PyTorch's error at a fixture path "<fixture>/<section>/<key>" ({type, message}, or a bare message). */
function recorded_error(path: string): PyError | string {
  const [fixture, section, ...rest] = path.split("/");
  const key = rest.join("/");
  const at = load_golden<Record<string, Record<string, PyError | string>>>(fixture)[section]?.[key];
  if (at === undefined) throw new Error(`error sample: ${path} is not in test/golden/${fixture}.json`);
  return at;
}

const title = (info: OpInfo, c: GoldenCase) => `${info.name}: ${c.id}${c.check ? ` (${c.check})` : ""}`;

for (const info of OP_DB) {
  for (const key of info.golden_keys ?? []) {
    const cases = select(key, "value");
    test(`golden key ${key} of ${info.name} selects PyTorch's value cases`, () => {
      assert.ok(cases.length > 0, `${key} selects no value case`);
    });
    for (const c of cases) test_each_backend(`golden ${title(info, c)}`, c.run);
  }
  for (const [k, e] of (info.errors ?? []).entries()) {
    if (typeof e === "string") {
      const cases = select(e, "error");
      test(`error key ${e} of ${info.name} selects PyTorch's error cases`, () => {
        assert.ok(cases.length > 0, `${e} selects no error case`);
      });
      for (const c of cases) test_each_backend(`error ${title(info, c)}`, c.run);
    } else {
      const s: ErrorSample = e;
      test_each_backend(`error ${info.name}: ${s.fixture} (sample ${k})`, () => {
        expect_error(s.call, recorded_error(s.fixture), `${info.name}: ${s.fixture}`);
      });
    }
  }
}
