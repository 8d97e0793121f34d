/**
 * The op table's entries for views, joins, splits and rearrangements (src/ops/shape/), including the in-place view ops
 * (t_, transpose_, squeeze_, ...) on a non-leaf copy and the dtype conversion `to`.
 */
import * as torch from "../../src/index.js";
import { sample, type OpInfo } from "./info.js";
import { leaf } from "./inputs.js";

export const SHAPE_OPS: OpInfo[] = [
  {
    name: "cat",
    node: "CatBackward0",
    golden: ["movement"],
    aliases: ["concat"],
    golden_keys: ["movement/cat", "movement/concat"],
    errors: ["movement/cat"],
    gradcheck: true,
    samples: [
      sample(
        "2x3, 2x2",
        () => [leaf([2, 3]), leaf([2, 2], -2, 2, 2)],
        (op, a, b) => op([a, b.t()], 1),
      ),
    ],
  },
  {
    name: "stack",
    node: "StackBackward0",
    golden: ["movement"],
    golden_keys: ["movement/stack"],
    errors: ["movement/stack"],
    gradcheck: true,
    samples: [
      sample(
        "2x3, 2x3",
        () => [leaf([2, 3]), leaf([2, 3], -2, 2, 2)],
        (op, a, b) => op([a, b], -1),
      ),
    ],
  },
  {
    name: "split",
    node: "SplitWithSizesBackward0",
    golden: ["movement"],
    golden_keys: ["movement/split"],
    errors: ["movement/split"],
    gradcheck: true,
    samples: [
      sample(
        "split sizes",
        () => [leaf([2, 3])],
        (op, a) => op(a, [1, 2], 1),
      ),
      sample(
        "split size",
        () => [leaf([3, 2])],
        (op, a) => op(a, 2),
      ),
    ],
  },
  {
    name: "chunk",
    node: "SplitBackward0",
    golden: ["movement"],
    golden_keys: ["movement/chunk"],
    errors: ["movement/chunk"],
    gradcheck: true,
    samples: [
      sample(
        "2x3",
        () => [leaf([2, 3])],
        (op, a) => op(a, 2, 1),
      ),
    ],
  },
  {
    name: "tensor_split",
    node: "SliceBackward0",
    golden: ["movement"],
    golden_keys: ["movement/tensor_split"],
    errors: ["movement/tensor_split"],
    gradcheck: true,
    samples: [
      sample(
        "2x4",
        () => [leaf([2, 4])],
        (op, a) => op(a, [1, 2], 1),
      ),
    ],
  },
  {
    name: "flip",
    node: "FlipBackward0",
    golden: ["movement"],
    golden_keys: ["movement/flip"],
    errors: ["movement/flip"],
    gradcheck: true,
    samples: [
      sample(
        "2x3",
        () => [leaf([2, 3])],
        (op, a) => op(a, [0, 1]),
      ),
    ],
  },
  {
    name: "roll",
    node: "RollBackward0",
    golden: ["movement"],
    golden_keys: ["movement/roll"],
    errors: ["movement/roll"],
    gradcheck: true,
    samples: [
      sample(
        "2x3",
        () => [leaf([2, 3])],
        (op, a) => op(a, [1, -1], [0, 1]),
      ),
    ],
  },
  {
    name: "tril",
    node: "TrilBackward0",
    golden: ["movement"],
    golden_keys: ["movement/tril"],
    errors: ["movement/tril"],
    gradcheck: true,
    samples: [
      sample(
        "3x3",
        () => [leaf([3, 3])],
        (op, a) => op(a, -1),
      ),
    ],
  },
  {
    name: "triu",
    node: "TriuBackward0",
    golden: ["movement"],
    golden_keys: ["movement/triu"],
    errors: ["movement/triu"],
    gradcheck: true,
    samples: [
      sample(
        "3x3",
        () => [leaf([3, 3])],
        (op, a) => op(a.t(), 1),
      ),
    ],
  },
  {
    name: "Tensor.repeat",
    node: "RepeatBackward0",
    golden: ["movement"],
    golden_keys: ["movement/repeat"],
    errors: ["movement/repeat"],
    gradcheck: true,
    samples: [
      sample(
        "2x3",
        () => [leaf([2, 3])],
        (op, a) => op(a, 2, 1, 2),
      ),
    ],
  },
  {
    name: "tile",
    node: "RepeatBackward0",
    golden: ["movement"],
    golden_keys: ["movement/tile"],
    gradcheck: true,
    samples: [
      sample(
        "2x3",
        () => [leaf([2, 3])],
        (op, a) => op(a, [2]),
      ),
    ],
  },
  {
    name: "reshape",
    node: "UnsafeViewBackward0",
    golden: ["movement"],
    golden_keys: ["movement/reshape"],
    errors: ["movement/reshape"],
    gradcheck: true,
    samples: [
      sample(
        "reshape (copying)",
        () => [leaf([2, 3])],
        (op, a) => op(a.t(), 6),
      ),
    ],
  },
  {
    name: "permute",
    node: "PermuteBackward0",
    golden: ["movement"],
    golden_keys: ["movement/permute", "movement/T"],
    errors: ["movement/permute"],
    gradcheck: true,
    samples: [
      sample(
        "2x3x2",
        () => [leaf([2, 3, 2])],
        (op, a) => op(a, 2, 0, 1),
      ),
    ],
  },
  {
    name: "expand",
    node: "ExpandBackward0",
    golden: ["movement"],
    golden_keys: ["movement/expand"],
    errors: ["movement/expand"],
    gradcheck: true,
    samples: [
      sample(
        "3x1",
        () => [leaf([3, 1])],
        (op, a) => op(a, 2, 3, 2),
      ),
    ],
  },
  {
    name: "unbind",
    node: "UnbindBackward0",
    golden: ["movement"],
    golden_keys: ["movement/unbind"],
    errors: ["movement/unbind"],
    gradcheck: true,
    samples: [
      sample(
        "2x3",
        () => [leaf([2, 3])],
        (op, a) => op(a, 1),
      ),
    ],
  },
  {
    name: "as_strided",
    node: "AsStridedBackward0",
    golden: ["movement"],
    golden_keys: ["movement/as_strided"],
    errors: ["movement/as_strided"],
    gradcheck: true,
    samples: [
      sample(
        "as_strided overlapping",
        () => [leaf([5])],
        (op, a) => op(a, [2, 2], [1, 1], 1),
      ),
    ],
  },
  {
    name: "Tensor.to",
    gradcheck: true,
    samples: [
      sample(
        "to with copy",
        () => [leaf([3])],
        (op, a) => op(a, { dtype: torch.float64, copy: true }),
      ),
    ],
  },
  {
    name: "Tensor.view",
    node: "ViewBackward0",
    golden: ["movement"],
    golden_keys: ["movement/view"],
    errors: ["movement/view"],
    gradcheck: true,
    samples: [
      sample(
        "view of a transposed-back tensor",
        () => [leaf([2, 3])],
        (op, a) => op(a.t().t(), 3, 2),
      ),
    ],
  },
  {
    name: "squeeze",
    node: "SqueezeBackward1",
    golden: ["movement"],
    golden_keys: ["movement/squeeze"],
    errors: ["movement/squeeze"],
    gradcheck: true,
    samples: [
      sample(
        "squeeze/unsqueeze",
        () => [leaf([2, 1, 3])],
        (op, a) => op(a.unsqueeze(0), 2),
      ),
    ],
  },
  {
    name: "unflatten",
    node: "ViewBackward0",
    golden: ["movement"],
    golden_keys: ["movement/unflatten"],
    errors: ["movement/unflatten"],
    gradcheck: true,
    samples: [
      sample(
        "flatten/unflatten",
        () => [leaf([2, 3])],
        (op, a) => op(a.flatten(), 0, [3, 2]),
      ),
    ],
  },
  {
    name: "narrow",
    node: "SliceBackward0",
    golden: ["movement"],
    golden_keys: ["movement/narrow"],
    errors: ["movement/narrow"],
    gradcheck: true,
    samples: [
      sample(
        "narrow/select",
        () => [leaf([2, 3])],
        (op, a) => [op(a, 1, 1, 2), a.select(0, -1)],
      ),
    ],
  },
  {
    name: "Tensor.contiguous",
    golden_keys: ["movement/contiguous"],
    gradcheck: true,
    samples: [
      sample(
        "contiguous and clone",
        () => [leaf([2, 3])],
        (op, a) => op(a.t()).mul(a.clone().t()),
      ),
    ],
  },
];
