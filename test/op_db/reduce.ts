/**
 * The op table's entries for reductions, scans and softmax (src/ops/reduce/), including the in-place scans cumsum_/cumprod_.
 */
import * as torch from "../../src/index.js";
import { sample, type OpInfo } from "./info.js";
import { leaf, pos, spread } from "./inputs.js";

export const REDUCE_OPS: OpInfo[] = [
  {
    name: "sum",
    node: "SumBackward1",
    golden: ["reduction"],
    golden_keys: ["reduction/sum"],
    errors: ["reduction/sum"],
    gradcheck: true,
    dtypes: [torch.float32],
    samples: [
      sample(
        "sum dims keepdim",
        () => [leaf([2, 3, 2])],
        (op, a) => op(a, [0, -1], { keepdim: true }),
      ),
    ],
  },
  {
    name: "mean",
    node: "MeanBackward1",
    golden: ["reduction"],
    golden_keys: ["reduction/mean"],
    errors: ["reduction/mean"],
    gradcheck: true,
    dtypes: [torch.float32],
    samples: [
      sample(
        "mean dim",
        () => [leaf([2, 3, 2])],
        (op, a) => op(a.transpose(0, 2), 1),
      ),
    ],
  },
  {
    name: "prod",
    node: "ProdBackward0",
    golden: ["reduction"],
    golden_keys: ["reduction/prod"],
    errors: ["reduction/prod"],
    gradcheck: true,
    dtypes: [torch.float32],
    samples: [
      sample("prod all", () => [pos([2, 3])]),
      sample(
        "prod dim",
        () => [leaf([2, 3])],
        (op, a) => op(a, 1, { keepdim: true }),
      ),
      sample(
        "second derivative, 2x3 dim 1",
        () => [leaf([2, 3])],
        (op, a) => op(a, 1),
        { gradcheck: false, gradgrad: true },
      ),
    ],
  },
  {
    name: "max",
    node: "MaxBackward1",
    golden: ["reduction"],
    golden_keys: ["reduction/max"],
    errors: ["reduction/max"],
    gradcheck: true,
    dtypes: [torch.float32],
    samples: [
      sample("max all", () => [leaf([2, 3])]),
      sample(
        "max dim",
        () => [leaf([2, 3])],
        (op, a) => op(a, 1).values,
      ),
      sample("max elementwise", () => [leaf([2, 3]), leaf([3], -2, 2, 3)]),
    ],
  },
  {
    name: "min",
    node: "MinBackward0",
    golden: ["reduction"],
    golden_keys: ["reduction/min"],
    errors: ["reduction/min"],
    gradcheck: true,
    dtypes: [torch.float32],
    samples: [
      sample(
        "min dim keepdim",
        () => [leaf([2, 3])],
        (op, a) => op(a, 0, { keepdim: true }).values,
      ),
    ],
  },
  {
    name: "amax",
    node: "AmaxBackward0",
    golden: ["reduction"],
    golden_keys: ["reduction/amax"],
    errors: ["reduction/amax"],
    gradcheck: true,
    dtypes: [torch.float32],
    samples: [
      sample(
        "amax dims",
        () => [leaf([2, 3, 2])],
        (op, a) => op(a, [0, 2]),
      ),
    ],
  },
  {
    name: "amin",
    node: "AminBackward0",
    golden: ["reduction"],
    golden_keys: ["reduction/amin"],
    gradcheck: true,
    dtypes: [torch.float32],
    samples: [
      sample(
        "2x3",
        () => [leaf([2, 3])],
        (op, a) => op(a, -1),
      ),
    ],
  },
  {
    name: "std",
    node: "StdBackward0",
    golden: ["reduction"],
    golden_keys: ["reduction/std"],
    errors: ["reduction/std"],
    gradcheck: true,
    dtypes: [torch.float32],
    samples: [
      sample(
        "std correction",
        () => [leaf([2, 3])],
        (op, a) => op(a, 1, { correction: 0 }),
      ),
      sample(
        "second derivative, 2x3 dim 1",
        () => [leaf([2, 3])],
        (op, a) => op(a, 1),
        { gradcheck: false, gradgrad: true },
      ),
    ],
  },
  {
    name: "var",
    node: "VarBackward0",
    golden: ["reduction"],
    golden_keys: ["reduction/var"],
    errors: ["reduction/var"],
    gradcheck: true,
    dtypes: [torch.float32],
    samples: [
      sample(
        "var unbiased",
        () => [leaf([2, 3])],
        (op, a) => op(a, [0, 1], { unbiased: true }),
      ),
    ],
  },
  {
    name: "norm",
    node: "LinalgVectorNormBackward0",
    golden: ["reduction"],
    golden_keys: ["reduction/norm"],
    gradcheck: true,
    dtypes: [torch.float32],
    samples: [
      sample(
        "norm p=1",
        () => [leaf([2, 3], 0.2, 2)],
        (op, a) => op(a, 1),
      ),
      sample(
        "norm p=2 dim",
        () => [leaf([2, 3])],
        (op, a) => op(a, 2, 1),
      ),
      sample(
        "norm p=inf",
        () => [leaf([2, 3])],
        (op, a) => op(a, Infinity),
      ),
      sample(
        "norm fro",
        () => [leaf([2, 3])],
        (op, a) => op(a, "fro"),
      ),
      sample("second derivative, 2x3", () => [leaf([2, 3])], undefined, { gradcheck: false, gradgrad: true }),
    ],
  },
  {
    name: "logsumexp",
    node: "LogsumexpBackward0",
    golden: ["reduction"],
    golden_keys: ["reduction/logsumexp"],
    errors: ["reduction/logsumexp"],
    gradcheck: true,
    dtypes: [torch.float32],
    samples: [
      sample(
        "2x3",
        () => [leaf([2, 3])],
        (op, a) => op(a, 1),
      ),
      sample(
        "second derivative, 2x3 dim 0",
        () => [leaf([2, 3])],
        (op, a) => op(a, 0),
        { gradcheck: false, gradgrad: true },
      ),
    ],
  },
  {
    name: "cumsum",
    node: "CumsumBackward0",
    golden: ["reduction"],
    golden_keys: ["reduction/cumsum"],
    errors: ["reduction/cumsum"],
    gradcheck: true,
    dtypes: [torch.float32],
    samples: [
      sample(
        "2x3",
        () => [leaf([2, 3])],
        (op, a) => op(a.t(), 0),
      ),
    ],
  },
  {
    name: "cumprod",
    node: "CumprodBackward0",
    golden: ["reduction"],
    golden_keys: ["reduction/cumprod"],
    gradcheck: true,
    dtypes: [torch.float32],
    samples: [
      sample(
        "2x3",
        () => [leaf([2, 3])],
        (op, a) => op(a, 1),
      ),
    ],
  },
  {
    name: "softmax",
    node: "SoftmaxBackward0",
    golden: ["activation", "reduction"],
    golden_keys: ["reduction/softmax"],
    errors: ["reduction/softmax"],
    gradcheck: true,
    dtypes: [torch.float32],
    samples: [
      sample(
        "2x3",
        () => [leaf([2, 3])],
        (op, a) => op(a, 1),
      ),
      sample(
        "second derivative, 2x3 dim 1",
        () => [leaf([2, 3])],
        (op, a) => op(a, 1),
        { gradcheck: false, gradgrad: true },
      ),
    ],
  },
  {
    name: "log_softmax",
    node: "LogSoftmaxBackward0",
    golden: ["activation", "reduction"],
    golden_keys: ["reduction/log_softmax"],
    errors: ["reduction/log_softmax"],
    gradcheck: true,
    dtypes: [torch.float32],
    samples: [
      sample(
        "2x3",
        () => [leaf([2, 3])],
        (op, a) => op(a.t(), 0),
      ),
    ],
  },
  {
    name: "Tensor.cumsum_",
    node: "CumsumBackward0",
    golden: ["inplace"],
    gradcheck: true,
    dtypes: [torch.float32],
    samples: [
      sample(
        "2x3 spread",
        () => [spread([2, 3])],
        (op, x) => op(x.mul(1), 1),
      ),
      sample(
        "cumsum_ of a transposed input",
        () => [spread([3, 2])],
        (op, x) => op(x.t().mul(1), 0),
      ),
    ],
  },
  {
    name: "Tensor.cumprod_",
    node: "CumprodBackward0",
    golden: ["inplace"],
    gradcheck: true,
    dtypes: [torch.float32],
    samples: [
      sample(
        "2x4 spread",
        () => [spread([2, 4])],
        (op, x) => op(x.mul(1), -1),
      ),
      sample(
        "cumprod_ dim 0",
        () => [spread([3, 2])],
        (op, x) => op(x.mul(1), 0),
      ),
      sample(
        "second derivative, 2x3 dim 1",
        () => [spread([2, 3])],
        (op, x) => op(x.mul(1), 1),
        { gradcheck: false, gradgrad: true },
      ),
    ],
  },
];
