/**
 * The op table's entries for matrix products and einsum (src/ops/linalg/), in every shape case
 * matmul distinguishes. The error samples rebuild the inputs of linalg.json's `errors`, which
 * record only PyTorch's messages.
 */
import * as torch from "../../src/index.js";
import { sample, type ErrorSample, type OpInfo } from "./info.js";
import { leaf } from "./inputs.js";

const z = (...shape: number[]) => torch.zeros(shape);
const z64 = (...shape: number[]) => torch.zeros(shape, { dtype: torch.float64 });
/** An error sample for linalg.json's `errors[key]`. */
const err = (key: string, call: () => unknown): ErrorSample => ({ fixture: `linalg/errors/${key}`, call });

export const LINALG_OPS: OpInfo[] = [
  {
    name: "matmul",
    aliases: ["linalg.matmul"],
    golden_keys: ["linalg/matmul", "linalg/linalg.matmul"],
    errors: [
      err("matmul dtype", () => torch.matmul(z(2, 3), z64(3, 4))),
      err("matmul int64 @ float", () => torch.matmul(torch.zeros([2, 3], { dtype: torch.int64 }), z(3, 4))),
      err("matmul 1-D @ 1-D size", () => torch.matmul(z(3), z(4))),
      err("matmul 2-D @ 1-D size", () => torch.matmul(z(2, 3), z(4))),
      err("matmul 1-D @ 2-D size", () => torch.matmul(z(3), z(4, 5))),
      err("matmul 2-D shape", () => torch.matmul(z(2, 3), z(4, 5))),
      err("matmul 3-D @ 2-D shape", () => torch.matmul(z(5, 2, 3), z(4, 5))),
      err("matmul batch broadcast", () => torch.matmul(z(3, 2, 3), z(2, 3, 5))),
      err("matmul batched inner", () => torch.matmul(z(2, 2, 3), z(2, 4, 5))),
      err("matmul 0-D", () => torch.matmul(torch.tensor(1), z(3))),
      err("matmul bool", () =>
        torch.matmul(torch.zeros([2, 3], { dtype: torch.bool }), torch.zeros([3, 2], { dtype: torch.bool })),
      ),
    ],
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
    golden_keys: ["linalg/mm"],
    errors: [
      err("mm shape", () => torch.mm(z(2, 3), z(4, 5))),
      err("mm 1-D", () => torch.mm(z(2, 3), z(3))),
      err("mm self 3-D", () => torch.mm(z(2, 3, 4), z(4, 3))),
      err("mm dtype", () => torch.mm(z(2, 3), z64(3, 4))),
    ],
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
    golden_keys: ["linalg/bmm"],
    errors: [
      err("bmm 2-D", () => torch.bmm(z(2, 3), z(3, 4))),
      err("bmm batch", () => torch.bmm(z(2, 2, 3), z(3, 3, 4))),
      err("bmm inner", () => torch.bmm(z(2, 2, 3), z(2, 4, 4))),
    ],
    gradcheck: true,
    samples: [sample("2x2x3, 2x3x2", () => [leaf([2, 2, 3]), leaf([2, 3, 2], -2, 2, 2)])],
  },
  {
    name: "mv",
    golden_keys: ["linalg/mv"],
    errors: [err("mv size", () => torch.mv(z(2, 3), z(4)))],
    gradcheck: true,
    samples: [sample("2x3, 3", () => [leaf([2, 3]), leaf([3], -2, 2, 2)])],
  },
  {
    name: "dot",
    golden_keys: ["linalg/dot"],
    errors: [
      err("dot size", () => torch.dot(z(3), z(4))),
      err("dot dtype", () => torch.dot(z(3), z64(3))),
      err("dot 2-D", () => torch.dot(z(3, 1), z(3))),
    ],
    gradcheck: true,
    samples: [sample("3, 3", () => [leaf([3]), leaf([3], -2, 2, 2)])],
  },
  {
    name: "outer",
    golden_keys: ["linalg/outer"],
    errors: [err("outer 2-D", () => torch.outer(z(3, 1), z(3)))],
    gradcheck: true,
    samples: [sample("3, 2", () => [leaf([3]), leaf([2], -2, 2, 2)])],
  },
  {
    name: "addmm",
    golden_keys: ["linalg/addmm"],
    errors: [
      err("addmm expand", () => torch.addmm(z(2, 4), z(2, 3), z(3, 5))),
      err("addmm mat shape", () => torch.addmm(z(2, 5), z(2, 3), z(4, 5))),
      err("addmm mat dtype", () => torch.addmm(z(2, 5), z(2, 3), z64(3, 5))),
    ],
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
    golden_keys: ["linalg/einsum"],
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
  {
    name: "addmv",
    golden_keys: ["linalg/addmv"],
    gradcheck: true,
    samples: [
      sample(
        "2, 2x3, 3",
        () => [leaf([2]), leaf([2, 3], -2, 2, 2), leaf([3], -2, 2, 3)],
        (op, i, a, b) => op(i, a, b, { beta: -1, alpha: 0.5 }),
      ),
    ],
  },
  {
    name: "baddbmm",
    golden_keys: ["linalg/baddbmm"],
    errors: [err("baddbmm batch", () => torch.baddbmm(z(2, 2, 4), z(2, 2, 3), z(3, 3, 4)))],
    gradcheck: true,
    samples: [
      sample(
        "2x2x2, 2x2x3, 2x3x2",
        () => [leaf([2, 2, 2]), leaf([2, 2, 3], -2, 2, 2), leaf([2, 3, 2], -2, 2, 3)],
        (op, i, a, b) => op(i, a, b, { beta: 2 }),
      ),
    ],
  },
  {
    name: "addbmm",
    golden_keys: ["linalg/addbmm"],
    gradcheck: true,
    samples: [
      sample(
        "2x2, 2x2x3, 2x3x2",
        () => [leaf([2, 2]), leaf([2, 2, 3], -2, 2, 2), leaf([2, 3, 2], -2, 2, 3)],
        (op, i, a, b) => op(i, a, b, { alpha: 3 }),
      ),
    ],
  },
  {
    name: "inner",
    golden_keys: ["linalg/inner"],
    errors: [err("inner last dim", () => torch.inner(z(2, 3), z(4)))],
    gradcheck: true,
    samples: [sample("2x3, 2x3", () => [leaf([2, 3]), leaf([2, 3], -2, 2, 2)])],
  },
  {
    name: "vdot",
    golden_keys: ["linalg/vdot"],
    gradcheck: true,
    samples: [sample("4, 4", () => [leaf([4]), leaf([4], -2, 2, 2)])],
  },
  {
    name: "tensordot",
    golden_keys: ["linalg/tensordot"],
    errors: [
      err("tensordot size", () => torch.tensordot(z(2, 3, 4), z(4, 3, 5), [[1], [0]])),
      err("tensordot dims too large", () => torch.tensordot(z(2, 3), z(3), 2)),
    ],
    gradcheck: true,
    samples: [
      sample(
        "dims as lists",
        () => [leaf([2, 3, 2]), leaf([2, 3, 2], -2, 2, 2)],
        (op, a, b) =>
          op(a, b, [
            [1, 2],
            [1, 0],
          ]),
      ),
    ],
  },
  {
    name: "linalg.vecdot",
    golden_keys: ["linalg/linalg.vecdot"],
    gradcheck: true,
    samples: [sample("2x3, 2x3", () => [leaf([2, 3]), leaf([2, 3], -2, 2, 2)])],
  },
];
