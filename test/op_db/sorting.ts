/**
 * The op table's entries for sorting ops (src/ops/sorting/): the values' gradient follows the permutation.
 */
import { sample, type OpInfo } from "./info.js";
import { leaf } from "./inputs.js";

export const SORTING_OPS: OpInfo[] = [
  {
    name: "sort",
    node: "SortBackward0",
    golden: ["sorting"],
    gradcheck: true,
    samples: [
      sample(
        "2x3",
        () => [leaf([2, 3])],
        (op, a) => op(a, 1, { descending: true }).values,
      ),
    ],
  },
  {
    name: "topk",
    node: "TopkBackward0",
    golden: ["sorting"],
    gradcheck: true,
    samples: [
      sample(
        "2x3",
        () => [leaf([2, 3])],
        (op, a) => op(a, 2).values,
      ),
    ],
  },
];
