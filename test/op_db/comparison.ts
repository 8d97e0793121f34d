/**
 * The op table's entries for the elementwise ops without a gradient (src/ops/binary/comparison.ts,
 * src/ops/pointwise/logical.ts, floor_divide): comparisons, logical and bitwise ops, the is*
 * predicates. No gradcheck; their samples feed the variant check, and their fixture cases give
 * values, dtypes and PyTorch's errors.
 */
import * as torch from "../../src/index.js";
import { sample, type OpInfo, type Sample } from "./info.js";
import { f64, ANY } from "./inputs.js";

/** Two float inputs with some equal elements (so eq/ne/le see both answers). */
const pair = (): torch.Tensor[] => [f64(ANY), f64([0.3, -0.6, 0.3, 1.5, 1.4, -2.0])];
/** Two int64 inputs for the bitwise ops and floor_divide (divisors nonzero). */
const ints = (): torch.Tensor[] => [
  torch.tensor(
    [
      [1, 6, -3],
      [12, 5, 0],
    ],
    { dtype: torch.int64 },
  ),
  torch.tensor(
    [
      [3, 2, 3],
      [4, -5, 7],
    ],
    { dtype: torch.int64 },
  ),
];
const special = (): torch.Tensor[] => [
  torch.tensor([0, -0, 1.5, -2, NaN, Infinity, -Infinity], { dtype: torch.float64 }),
];

/** An entry checked by its fixture cases and one sample (the variant check). */
function plain(name: string, keys: string[], s: Sample, more: Partial<OpInfo> = {}): OpInfo {
  return { name, golden_keys: keys, gradcheck: false, samples: [s], ...more };
}

const cmp = (name: string, aliases: string[] = [], errors = false): OpInfo =>
  plain(
    name,
    [name, `${name}_`, ...aliases.flatMap((a) => [a, `${a}_`])].map((k) => `binary/${k}`),
    sample("6, 6 with ties", pair),
    { ...(aliases.length ? { aliases } : {}), ...(errors ? { errors: [`binary/${name}`] } : {}) },
  );

const bitwise = (name: string): OpInfo =>
  plain(name, [`binary/${name}`, `binary/${name}_`], sample("2x3 int64", ints), {
    errors: [`binary/${name}`],
  });

const logical = (name: string): OpInfo =>
  plain(name, [`binary/${name}`, `binary/${name}_`], sample("6, 6 with ties", pair));

const predicate = (name: string): OpInfo =>
  plain(name, [`pointwise/${name}`], sample("zeros, finite, nan, infinities", special));

export const COMPARISON_OPS: OpInfo[] = [
  cmp("eq", [], true),
  cmp("ne", ["not_equal"]),
  cmp("lt", ["less"]),
  cmp("le", ["less_equal"]),
  cmp("gt", ["greater"]),
  cmp("ge", ["greater_equal"]),
  bitwise("bitwise_and"),
  bitwise("bitwise_or"),
  bitwise("bitwise_xor"),
  logical("logical_and"),
  logical("logical_or"),
  logical("logical_xor"),
  plain("floor_divide", ["binary/floor_divide", "binary/floor_divide_"], sample("2x3 int64", ints), {
    errors: ["binary/floor_divide", "binary/floor_divide_"],
  }),
  plain("isclose", ["binary/isclose"], sample("6, 6 with ties", pair), { errors: ["binary/isclose"] }),
  // booleans, not tensors: nothing for the variant check to compare elementwise
  plain("allclose", ["binary/allclose"], sample("6, 6", pair), { variants: false }),
  plain("equal", ["binary/equal"], sample("6, 6", pair), { variants: false }),
  plain(
    "bitwise_not",
    ["pointwise/bitwise_not"],
    sample("2x3 int64", () => ints().slice(0, 1)),
  ),
  plain("logical_not", ["pointwise/logical_not"], sample("zeros, finite, nan, infinities", special)),
  predicate("isfinite"),
  predicate("isinf"),
  predicate("isnan"),
  predicate("isneginf"),
  predicate("isposinf"),
  predicate("signbit"),
];
