/**
 * The op table's entries for indexing ops (src/ops/indexing/): x.index with every kind of index, gather/scatter, index_put.
 */
import * as torch from "../../src/index.js";
import { sample, type OpInfo } from "./info.js";
import { leaf, mask } from "./inputs.js";

export const INDEXING_OPS: OpInfo[] = [
  {
    name: "gather",
    node: "GatherBackward0",
    golden: ["indexing"],
    gradcheck: true,
    samples: [
      sample(
        "2x3",
        () => [leaf([2, 3])],
        (op, a) =>
          op(
            a,
            1,
            torch.tensor(
              [
                [0, 0],
                [2, 1],
              ],
              { dtype: torch.int64 },
            ),
          ),
      ),
    ],
  },
  {
    name: "scatter",
    node: "ScatterBackward0",
    golden: ["indexing"],
    gradcheck: true,
    samples: [
      sample(
        "scatter src",
        () => [leaf([2, 3]), leaf([2, 2], -2, 2, 2)],
        (op, a, s) =>
          op(
            a,
            1,
            torch.tensor(
              [
                [0, 2],
                [1, 0],
              ],
              { dtype: torch.int64 },
            ),
            s,
          ),
      ),
    ],
  },
  {
    name: "scatter_add",
    node: "ScatterAddBackward0",
    golden: ["indexing"],
    gradcheck: true,
    samples: [
      sample(
        "2x3, 2x3",
        () => [leaf([2, 3]), leaf([2, 3], -2, 2, 2)],
        (op, a, s) =>
          op(
            a,
            0,
            torch.tensor(
              [
                [0, 1, 0],
                [0, 0, 1],
              ],
              { dtype: torch.int64 },
            ),
            s,
          ),
      ),
    ],
  },
  {
    name: "index_select",
    node: "IndexSelectBackward0",
    golden: ["indexing"],
    gradcheck: true,
    samples: [
      sample(
        "3x2",
        () => [leaf([3, 2])],
        (op, a) => op(a, 0, torch.tensor([2, 0, 2], { dtype: torch.int64 })),
      ),
    ],
  },
  {
    name: "masked_select",
    node: "MaskedSelectBackward0",
    golden: ["indexing"],
    gradcheck: true,
    samples: [
      sample(
        "2x3",
        () => [leaf([2, 3])],
        (op, a) => op(a, mask([1, 0, 1])),
      ),
    ],
  },
  {
    name: "Tensor.index",
    gradcheck: true,
    samples: [
      sample(
        "index: ints, slices, steps, null, ellipsis",
        () => [leaf([2, 3, 2])],
        (op, a) => op(a, "...", torch.slice(null, null, -1 + 3), null, 1),
      ),
      sample(
        "index: integer tensor and bool mask",
        () => [leaf([2, 3])],
        (op, a) => op(a, torch.tensor([1, 0], { dtype: torch.int64 }), torch.tensor([true, false, true])),
      ),
    ],
  },
  {
    name: "index_put",
    node: "IndexPutBackward0",
    golden: ["indexing"],
    gradcheck: true,
    samples: [
      sample(
        "2x3, 3",
        () => [leaf([2, 3]), leaf([3], -2, 2, 2)],
        (op, a, v) => op(a, [torch.tensor([0, 1], { dtype: torch.int64 })], v),
      ),
      sample(
        "index_put accumulate",
        () => [leaf([2, 3]), leaf([2, 3], -2, 2, 2)],
        (op, a, v) => op(a, [torch.tensor([0, 0], { dtype: torch.int64 })], v, true),
      ),
    ],
  },
  {
    name: "index_put_",
    gradcheck: true,
    samples: [
      sample(
        "index_put_ on a non-leaf",
        () => [leaf([2, 3]), leaf([3], -2, 2, 2)],
        (op, a, v) => op(a.mul(1), [torch.tensor([true, false])], v),
      ),
    ],
  },
];
