/**
 * The op table's entries for sorting ops (src/ops/sorting/): the values' gradient follows the
 * permutation; index outputs (argsort, unique) are checked by their fixture cases. The error
 * samples rebuild the inputs of sorting.json's `errors`, which record only PyTorch's errors.
 */
import * as torch from "../../src/index.js";
import { sample, type OpInfo } from "./info.js";
import { leaf } from "./inputs.js";

type T = torch.Tensor;
const values = (r: unknown): T => (r as { values: T }).values;

export const SORTING_OPS: OpInfo[] = [
  {
    name: "sort",
    node: "SortBackward0",
    golden: ["sorting"],
    golden_keys: ["sorting/sort"],
    errors: [{ fixture: "sorting/errors/sort dim", call: () => torch.sort(torch.zeros(2, 3), 2) }],
    gradcheck: true,
    samples: [
      sample(
        "2x3",
        () => [leaf([2, 3])],
        (op, a) => op(a, 1, { descending: true }).values,
      ),
      sample(
        "3x5 last dim",
        () => [leaf([3, 5])],
        (op, a) => op(a).values,
      ),
      sample(
        "4x3 dim 0 descending",
        () => [leaf([4, 3])],
        (op, a) => op(a, 0, true).values,
      ),
      sample(
        "2x4 dim 1",
        () => [leaf([2, 4])],
        (op, a) => op(a, 1).values,
        { gradgrad: true },
      ),
    ],
  },
  {
    name: "topk",
    node: "TopkBackward0",
    golden: ["sorting"],
    golden_keys: ["sorting/topk"],
    errors: [
      { fixture: "sorting/errors/topk k too large", call: () => torch.topk(torch.zeros(2, 3), 4) },
      { fixture: "sorting/errors/topk k negative", call: () => torch.topk(torch.zeros(3), -1) },
    ],
    gradcheck: true,
    samples: [
      sample(
        "2x3",
        () => [leaf([2, 3])],
        (op, a) => op(a, 2).values,
      ),
      sample(
        "3x5 k 2",
        () => [leaf([3, 5])],
        (op, a) => op(a, 2).values,
      ),
      sample(
        "5x2 k 3 dim 0 smallest",
        () => [leaf([5, 2])],
        (op, a) => op(a, 3, 0, false).values,
      ),
    ],
  },
  {
    name: "kthvalue",
    golden_keys: ["sorting/kthvalue"],
    errors: [
      { fixture: "sorting/errors/kthvalue k", call: () => torch.kthvalue(torch.zeros(2, 3), 4) },
      { fixture: "sorting/errors/kthvalue k 0", call: () => torch.kthvalue(torch.zeros(3), 0, 0) },
    ],
    gradcheck: true,
    samples: [
      sample(
        "3x4 k 2 dim 1",
        () => [leaf([3, 4])],
        (op, a) => values(op(a, 2, 1)),
      ),
      sample(
        "3x4 k 2 dim 0 keepdim",
        () => [leaf([3, 4])],
        (op, a) => values(op(a, 2, 0, true)),
      ),
    ],
  },
  {
    name: "msort",
    golden_keys: ["sorting/msort"],
    gradcheck: true,
    samples: [sample("4x2", () => [leaf([4, 2])])],
  },
  {
    name: "argsort",
    golden_keys: ["sorting/argsort"],
    gradcheck: false,
    samples: [
      sample(
        "2x3 dim 1 descending",
        () => [leaf([2, 3])],
        (op, a) => op(a, 1, true),
      ),
    ],
  },
  {
    name: "unique",
    golden_keys: ["sorting/unique"],
    gradcheck: false,
    samples: [sample("6", () => [torch.tensor([3, 1, 3, 2, 1, 5])])],
  },
  {
    name: "unique_consecutive",
    golden_keys: ["sorting/unique_consecutive"],
    gradcheck: false,
    samples: [sample("6", () => [torch.tensor([1, 1, 3, 3, 1, 5])])],
  },
];
