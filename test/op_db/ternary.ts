/**
 * The op table's entries for the ternary ops (src/ops/binary/ternary.ts): lerp, where, masked_fill,
 * addcmul and addcdiv (and addcmul_ on a copy), broadcasting all three operands.
 */
import * as torch from "../../src/index.js";
import { sample, type OpInfo } from "./info.js";
import { leaf, unit, mask } from "./inputs.js";

export const TERNARY_OPS: OpInfo[] = [
  {
    name: "lerp",
    node: "LerpBackward1",
    golden: ["binary"],
    golden_keys: ["binary/lerp", "binary/lerp_"],
    errors: ["binary/lerp"],
    gradcheck: true,
    dtypes: [torch.float32],
    samples: [
      sample("lerp tensor weight", () => [leaf([2, 3]), leaf([3], -2, 2, 2), unit([2, 1], 3)]),
      sample(
        "lerp scalar weight",
        () => [leaf([2, 3]), leaf([3], -2, 2, 2)],
        (op, a, b) => op(a, b, 0.3),
      ),
      sample(
        "lerp large weight",
        () => [leaf([2, 3]), leaf([3], -2, 2, 2)],
        (op, a, b) => op(a, b, 0.8),
      ),
      sample(
        "lerp tensor weight (binary)",
        () => [leaf([2, 3]), leaf([3], -2, 2, 2), leaf([2, 1], -0.5, 1.5, 3)],
        undefined,
        { gradgrad: true },
      ),
    ],
  },
  {
    name: "where",
    golden_keys: ["binary/where"],
    errors: ["binary/where"],
    // Tensor.where is x.where(condition, y): the condition moves, so the samples' calls differ
    variants: false,
    node: "WhereBackward0",
    golden: ["binary"],
    gradcheck: true,
    dtypes: [torch.float32],
    samples: [
      sample(
        "2x3, 2x1",
        () => [leaf([2, 3]), leaf([2, 1], -2, 2, 2)],
        (op, a, b) => op(mask([1, 0, 1]), a, b),
      ),
      sample(
        "2x3, 2x1, a 1x3 condition",
        () => [leaf([2, 3]), leaf([2, 1], -2, 2, 2)],
        (op, a, b) => op(torch.tensor([[true, false, true]]), a, b),
      ),
      sample(
        "where scalar other",
        () => [leaf([2, 3])],
        (op, a) => op(torch.tensor([true, false, true]), a, 0.5),
      ),
    ],
  },
  {
    name: "masked_fill",
    node: "MaskedFillBackward0",
    golden: ["binary"],
    golden_keys: ["binary/masked_fill", "binary/masked_fill_"],
    errors: ["binary/masked_fill", "binary/masked_fill_"],
    gradcheck: true,
    dtypes: [torch.float32],
    samples: [
      sample(
        "2x3",
        () => [leaf([2, 3])],
        (op, a) => op(a, mask([0, 1, 1]), 0.5),
      ),
      sample(
        "2x3, a negative value",
        () => [leaf([2, 3])],
        (op, a) => op(a, torch.tensor([true, false, true]), -1.5),
      ),
      sample(
        "masked_fill tensor value",
        () => [leaf([2, 3]), leaf([], -2, 2, 2)],
        (op, a, v) =>
          op(
            a,
            torch.tensor([
              [true, false, true],
              [false, false, true],
            ]),
            v,
          ),
      ),
    ],
  },
  {
    name: "addcmul",
    node: "AddcmulBackward0",
    golden: ["binary"],
    golden_keys: ["binary/addcmul"],
    gradcheck: true,
    dtypes: [torch.float32],
    samples: [
      sample(
        "3, 2x3, 2x1",
        () => [leaf([3]), leaf([2, 3], -2, 2, 2), leaf([2, 1], -2, 2, 3)],
        (op, s, a, b) => op(s, a, b, { value: 0.5 }),
      ),
    ],
  },
  {
    name: "addcdiv",
    node: "AddcdivBackward0",
    golden: ["binary"],
    golden_keys: ["binary/addcdiv", "binary/addcdiv_"],
    errors: ["binary/addcdiv", "binary/addcdiv_"],
    gradcheck: true,
    dtypes: [torch.float32],
    gradgrad: true,
    samples: [
      sample(
        "3, 2x3, 2x1",
        () => [leaf([3]), leaf([2, 3], -2, 2, 2), leaf([2, 1], 0.5, 2, 3)],
        (op, s, a, b) => op(s, a, b, { value: -2 }),
      ),
    ],
  },
  {
    name: "Tensor.addcmul_",
    node: "AddcmulBackward0",
    golden: ["binary"],
    golden_keys: ["binary/addcmul_"],
    errors: ["binary/addcmul_"],
    gradcheck: true,
    dtypes: [torch.float32],
    samples: [
      sample(
        "addcmul_ on a copy",
        () => [leaf([2, 3]), leaf([2, 3], -2, 2, 2), leaf([3], -2, 2, 3)],
        (op, s, a, b) => op(s.clone(), a, b, { value: 0.25 }),
      ),
    ],
  },
];
