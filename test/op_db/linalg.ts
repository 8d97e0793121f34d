/**
 * The op table's entries for matrix products and einsum (src/ops/linalg/), in every shape case matmul distinguishes.
 */
import { sample, type OpInfo } from "./info.js";
import { leaf } from "./inputs.js";

export const LINALG_OPS: OpInfo[] = [
  {
    name: "matmul",
    gradcheck: true,
    samples: [
      sample("matmul batch broadcast", () => [leaf([2, 1, 2, 3]), leaf([3, 3, 2], -2, 2, 2)]),
      sample("matmul 1-D @ 3-D", () => [leaf([3]), leaf([2, 3, 2], -2, 2, 2)]),
      sample("matmul 3-D @ 1-D", () => [leaf([2, 2, 3]), leaf([3], -2, 2, 2)]),
      sample("second derivative, 2x3 @ 3", () => [leaf([2, 3]), leaf([3], -2, 2, 2)], undefined, {
        gradcheck: false,
        gradgrad: true,
      }),
    ],
  },
  {
    name: "mm",
    gradcheck: true,
    samples: [
      sample(
        "mm transposed",
        () => [leaf([3, 2]), leaf([3, 2], -2, 2, 2)],
        (op, a, b) => op(a.t(), b),
      ),
    ],
  },
  {
    name: "bmm",
    gradcheck: true,
    samples: [sample("2x2x3, 2x3x2", () => [leaf([2, 2, 3]), leaf([2, 3, 2], -2, 2, 2)])],
  },
  {
    name: "mv",
    gradcheck: true,
    samples: [sample("2x3, 3", () => [leaf([2, 3]), leaf([3], -2, 2, 2)])],
  },
  {
    name: "dot",
    gradcheck: true,
    samples: [sample("3, 3", () => [leaf([3]), leaf([3], -2, 2, 2)])],
  },
  {
    name: "outer",
    gradcheck: true,
    samples: [sample("3, 2", () => [leaf([3]), leaf([2], -2, 2, 2)])],
  },
  {
    name: "addmm",
    gradcheck: true,
    samples: [
      sample(
        "3, 2x2, 2x3",
        () => [leaf([3]), leaf([2, 2], -2, 2, 2), leaf([2, 3], -2, 2, 3)],
        (op, s, a, b) => op(s, a, b, { beta: 0.5, alpha: 2 }),
      ),
    ],
  },
  {
    name: "einsum",
    gradcheck: true,
    samples: [
      sample(
        "einsum ij,jk->ik",
        () => [leaf([2, 3]), leaf([3, 2], -2, 2, 2)],
        (op, a, b) => op("ij,jk->ik", a, b),
      ),
      sample(
        "einsum bij,bjk->bik",
        () => [leaf([2, 2, 3]), leaf([2, 3, 2], -2, 2, 2)],
        (op, a, b) => op("bij,bjk->bik", a, b),
      ),
      sample(
        "einsum i,j->ij and trace",
        () => [leaf([3]), leaf([3], -2, 2, 2)],
        (op, a, b) => [op("i,j->ij", a, b), op("ii", b.outer(a))],
      ),
    ],
  },
];
