/**
 * The op table's entries for the in-place view ops (t_, transpose_, swapaxes_, squeeze_,
 * unsqueeze_, as_strided_): applied to a non-leaf copy, since a leaf that requires grad refuses
 * them; the gradient flows through the changed layout.
 */
import { sample, type OpInfo } from "./info.js";
import { spread } from "./inputs.js";

export const INPLACE_VIEW_OPS: OpInfo[] = [
  {
    name: "Tensor.t_",
    node: "TBackward1",
    golden: ["inplace"],
    gradcheck: true,
    samples: [
      sample(
        "2x3 spread",
        () => [spread([2, 3])],
        (op, x) => op(x.mul(1)),
      ),
      sample(
        "t_ then an op",
        () => [spread([3, 2])],
        (op, x) => op(x.mul(1)).mul(x.t()),
      ),
    ],
  },
  {
    name: "Tensor.transpose_",
    node: "TransposeBackward1",
    golden: ["inplace"],
    gradcheck: true,
    samples: [
      sample(
        "2x3x2 spread",
        () => [spread([2, 3, 2])],
        (op, x) => op(x.mul(1), 0, 2),
      ),
      sample(
        "second derivative, of x * x",
        () => [spread([2, 3])],
        (op, x) => op(x.mul(x), 0, 1),
        { gradcheck: false, gradgrad: true },
      ),
    ],
  },
  {
    name: "Tensor.swapaxes_",
    node: "TransposeBackward1",
    golden: ["inplace"],
    gradcheck: true,
    samples: [
      sample(
        "2x3 spread",
        () => [spread([2, 3])],
        (op, x) => op(x.mul(1), 1, 0),
      ),
    ],
  },
  {
    name: "Tensor.squeeze_",
    node: "SqueezeBackward3",
    golden: ["inplace"],
    gradcheck: true,
    samples: [
      sample(
        "squeeze_()",
        () => [spread([2, 1, 3])],
        (op, x) => op(x.mul(1)),
      ),
      sample(
        "squeeze_(dim)",
        () => [spread([2, 1, 3])],
        (op, x) => op(x.mul(1), 1),
      ),
    ],
  },
  {
    name: "Tensor.unsqueeze_",
    node: "UnsqueezeBackward1",
    golden: ["inplace"],
    gradcheck: true,
    samples: [
      sample(
        "2x3 spread",
        () => [spread([2, 3])],
        (op, x) => op(x.mul(1), -1),
      ),
    ],
  },
  {
    name: "as_strided_",
    node: "AsStridedBackward1",
    golden: ["inplace"],
    gradcheck: true,
    samples: [
      sample(
        "2x3 spread",
        () => [spread([2, 3])],
        (op, x) => op(x.mul(1), [2, 2], [1, 3], 1),
      ),
      sample(
        "as_strided_ overlapping",
        () => [spread([4])],
        (op, x) => op(x.mul(1), [3, 2], [1, 1]),
      ),
    ],
  },
];
