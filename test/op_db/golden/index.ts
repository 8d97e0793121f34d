/**
 * The fixture readers the op table's golden keys select from, by fixture name, and the lookup of
 * a key. A golden key "<fixture>/<op>" selects every case that fixture recorded for op name
 * <op> (the name PyTorch's generator called: "add", "add_", "arctan2"...), so an entry claims its
 * aliases' and in-place forms' cases by naming them.
 */
import type { GoldenCase, Kind } from "./case.js";
import { activation_cases } from "./activation.js";
import { binary_cases } from "./binary.js";
import { conv_cases } from "./conv.js";
import { indexing_cases } from "./indexing.js";
import { linalg_cases } from "./linalg.js";
import { loss_cases } from "./loss.js";
import { movement_cases } from "./movement.js";
import { pointwise_cases } from "./pointwise.js";
import { reduction_cases } from "./reduction.js";
import { sorting_cases } from "./sorting.js";

export type * from "./case.js";
export { expect_error } from "./case.js";

/** The fixtures read per op (the others are read by the area tests, test/ops/op_db_coverage.test.ts). */
export const READERS: Record<string, () => GoldenCase[]> = {
  pointwise: pointwise_cases,
  binary: binary_cases,
  reduction: reduction_cases,
  sorting: sorting_cases,
  linalg: linalg_cases,
  movement: movement_cases,
  activation: activation_cases,
  indexing: indexing_cases,
  loss: loss_cases,
  conv: conv_cases,
};

const read = new Map<string, GoldenCase[]>();

/** Every case a reader yields for `fixture` (read once). */
export function fixture_cases(fixture: string): GoldenCase[] {
  let cases = read.get(fixture);
  if (!cases) {
    const reader = READERS[fixture];
    if (!reader) throw new Error(`golden key: no reader for fixture ${fixture}`);
    cases = reader();
    read.set(fixture, cases);
  }
  return cases;
}

/** The cases of `kind` a key "<fixture>/<op>" selects (empty when the fixture has none). */
export function select(key: string, kind: Kind): GoldenCase[] {
  const slash = key.indexOf("/");
  if (slash < 0) throw new Error(`golden key ${key}: expected "<fixture>/<op>"`);
  const op = key.slice(slash + 1);
  return fixture_cases(key.slice(0, slash)).filter((c) => c.op === op && c.kind === kind);
}
