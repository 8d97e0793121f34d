/**
 * The op table's entries for indexing ops (src/ops/indexing/): x.index with every kind of index,
 * gather/scatter, the index_* and masked ops, index_put, nonzero.
 */
import * as torch from "../../src/index.js";
import { sample, type OpInfo } from "./info.js";
import { leaf, mask } from "./inputs.js";

/** Rows 2 and 0 of a dim of size 3 (the index_* samples). */
const rows = () => torch.tensor([2, 0], { dtype: torch.int64 });

export const INDEXING_OPS: OpInfo[] = [
  {
    name: "gather",
    node: "GatherBackward0",
    golden: ["indexing"],
    golden_keys: ["indexing/gather"],
    errors: ["indexing/gather"],
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
    golden_keys: ["indexing/scatter"],
    errors: ["indexing/scatter"],
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
    golden_keys: ["indexing/scatter_add"],
    errors: ["indexing/scatter_add"],
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
    golden_keys: ["indexing/index_select"],
    errors: ["indexing/index_select"],
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
    golden_keys: ["indexing/masked_select"],
    errors: ["indexing/masked_select"],
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
    golden_keys: ["indexing/index_put"],
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
  {
    name: "index_add",
    golden_keys: ["indexing/index_add"],
    errors: ["indexing/index_add"],
    gradcheck: true,
    samples: [
      sample(
        "3x2, rows 2 and 0, alpha",
        () => [leaf([3, 2]), leaf([2, 2], -2, 2, 2)],
        (op, a, s) => op(a, 0, rows(), s, { alpha: 2 }),
      ),
    ],
  },
  {
    name: "index_copy",
    golden_keys: ["indexing/index_copy"],
    errors: ["indexing/index_copy"],
    gradcheck: true,
    samples: [
      sample(
        "3x2, rows 2 and 0",
        () => [leaf([3, 2]), leaf([2, 2], -2, 2, 2)],
        (op, a, s) => op(a, 0, rows(), s),
      ),
    ],
  },
  {
    name: "index_fill",
    golden_keys: ["indexing/index_fill"],
    errors: ["indexing/index_fill"],
    gradcheck: true,
    samples: [
      sample(
        "3x2, rows 2 and 0",
        () => [leaf([3, 2])],
        (op, a) => op(a, 0, rows(), -1.5),
      ),
    ],
  },
  {
    name: "take",
    golden_keys: ["indexing/take"],
    errors: ["indexing/take"],
    gradcheck: true,
    samples: [
      sample(
        "2x3, flat indices",
        () => [leaf([2, 3])],
        (op, a) => op(a, torch.tensor([5, 0, 3], { dtype: torch.int64 })),
      ),
    ],
  },
  {
    name: "masked_scatter",
    golden_keys: ["indexing/masked_scatter"],
    errors: ["indexing/masked_scatter"],
    gradcheck: true,
    samples: [
      sample(
        "2x3, mask row, source",
        () => [leaf([2, 3]), leaf([4], -2, 2, 2)],
        (op, a, s) => op(a, mask([1, 0, 1]), s),
      ),
    ],
  },
  {
    name: "nonzero",
    golden_keys: ["indexing/nonzero"],
    gradcheck: false,
    samples: [
      sample("2x3", () => [
        torch.tensor([
          [0, 1.5, 0],
          [2, 0, -1],
        ]),
      ]),
    ],
  },
  {
    name: "argwhere",
    golden_keys: ["indexing/argwhere"],
    gradcheck: false,
    samples: [
      sample("2x3", () => [
        torch.tensor([
          [0, 1.5, 0],
          [2, 0, -1],
        ]),
      ]),
    ],
  },
];
