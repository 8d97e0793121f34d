/**
 * The op table's entries for binary and ternary ops (src/ops/binary/): broadcasting, alpha/value options, scalars on either side,
 * in-place forms on a copy; inputs stay away from ties of maximum and jumps of remainder.
 */
import * as torch from "../../src/index.js";
import { sample, type OpInfo } from "./info.js";
import { leaf, pos } from "./inputs.js";

export const BINARY_OPS: OpInfo[] = [
  {
    name: "add",
    node: "AddBackward0",
    golden: ["binary"],
    golden_keys: ["binary/add", "binary/add_"],
    errors: ["binary/add", "binary/add_"],
    gradcheck: true,
    dtypes: [torch.float32],
    samples: [
      sample(
        "add alpha, broadcast, transposed",
        () => [leaf([3, 2]), leaf([3], -2, 2, 2)],
        (op, a, b) => op(a.t(), b, { alpha: 2 }),
      ),
      sample(
        "add alpha",
        () => [leaf([2, 3]), leaf([3], -2, 2, 2)],
        (op, a, b) => op(a, b, { alpha: 2.5 }),
      ),
    ],
  },
  {
    name: "sub",
    node: "SubBackward0",
    golden: ["binary"],
    aliases: ["subtract"],
    golden_keys: ["binary/sub", "binary/sub_", "binary/subtract"],
    errors: ["binary/sub", "binary/sub_"],
    gradcheck: true,
    dtypes: [torch.float32],
    samples: [
      sample(
        "sub alpha, expanded",
        () => [leaf([2, 3]), leaf([1, 3], -2, 2, 2)],
        (op, a, b) => op(a, b.expand(2, 3), { alpha: 0.5 }),
      ),
      sample(
        "sub alpha",
        () => [leaf([2, 3]), leaf([2, 1], -2, 2, 2)],
        (op, a, b) => op(a, b, { alpha: -0.5 }),
      ),
    ],
  },
  {
    name: "mul",
    node: "MulBackward0",
    golden: ["binary"],
    aliases: ["multiply"],
    golden_keys: ["binary/mul", "binary/mul_", "binary/multiply"],
    errors: ["binary/mul", "binary/mul_"],
    gradcheck: true,
    dtypes: [torch.float32],
    samples: [
      sample("mul broadcast", () => [leaf([2, 1, 3]), leaf([4, 1], -2, 2, 2)]),
      sample("2x3, 3", () => [leaf([2, 3]), leaf([3], -2, 2, 2)], undefined, {
        gradgrad: true,
      }),
    ],
  },
  {
    name: "div",
    node: "DivBackward0",
    golden: ["binary"],
    aliases: ["divide"],
    golden_keys: ["binary/div", "binary/divide"],
    errors: ["binary/div"],
    gradcheck: true,
    dtypes: [torch.float32],
    samples: [
      sample(
        "2x3, 3x2 pos",
        () => [leaf([2, 3]), pos([3, 2], 2)],
        (op, a, b) => op(a, b.t()),
      ),
      sample(
        "div rounding_mode (zero gradient)",
        () => [leaf([4], 0.1, 0.9), pos([4], 2)],
        (op, a, b) => op(a, b, { rounding_mode: "floor" }),
      ),
      sample("2x3, 3", () => [leaf([2, 3]), leaf([3], 0.5, 2, 2)], undefined, {
        gradgrad: true,
      }),
    ],
  },
  {
    name: "remainder",
    node: "RemainderBackward1",
    golden: ["binary"],
    golden_keys: ["binary/remainder", "binary/remainder_"],
    errors: ["binary/remainder", "binary/remainder_"],
    gradcheck: true,
    dtypes: [torch.float32],
    samples: [sample("2x3, 3", () => [leaf([2, 3], 0.1, 0.9), leaf([3], 1.5, 2.5, 2)])],
  },
  {
    name: "fmod",
    node: "FmodBackward1",
    golden: ["binary"],
    golden_keys: ["binary/fmod", "binary/fmod_"],
    errors: ["binary/fmod", "binary/fmod_"],
    gradcheck: true,
    dtypes: [torch.float32],
    samples: [
      sample("2x3, 3", () => [leaf([2, 3], 0.1, 0.9), leaf([3], 1.5, 2.5, 2)]),
      sample("2x3 negative, 3", () => [leaf([2, 3], -0.9, -0.1), leaf([3], 1.5, 2.5, 2)]),
    ],
  },
  {
    name: "pow",
    node: "PowBackward1",
    golden: ["binary"],
    golden_keys: ["binary/pow", "binary/pow_"],
    errors: ["binary/pow", "binary/pow_"],
    gradcheck: true,
    dtypes: [torch.float32],
    samples: [
      sample("pow tensor", () => [pos([2, 3]), leaf([3], -1, 2, 2)]),
      sample(
        "pow scalar",
        () => [leaf([2, 3])],
        (op, a) => op(a, 3),
      ),
      sample("pow tensor (binary)", () => [leaf([2, 3], 0.5, 2), leaf([3], -1.5, 2, 2)], undefined, {
        gradgrad: true,
      }),
      sample(
        "pow scalar exponent",
        () => [leaf([2, 3], 0.5, 2)],
        (op, a) => op(a, 2.5),
      ),
      sample(
        "pow scalar base",
        () => [leaf([2, 3])],
        (op, b) => op(1.7, b),
      ),
    ],
  },
  {
    name: "atan2",
    node: "Atan2Backward0",
    golden: ["binary"],
    aliases: ["arctan2"],
    golden_keys: ["binary/atan2", "binary/atan2_", "binary/arctan2", "binary/arctan2_"],
    errors: ["binary/atan2", "binary/atan2_", "binary/arctan2_"],
    gradcheck: true,
    dtypes: [torch.float32],
    samples: [
      sample("atan2 broadcast", () => [leaf([2, 3]), leaf([3], 0.5, 2, 2)]),
      sample("2x3, 3", () => [leaf([2, 3]), leaf([3], 0.5, 2, 2)], undefined, {
        gradgrad: true,
      }),
    ],
  },
  {
    name: "minimum",
    node: "MinimumBackward0",
    golden: ["binary"],
    golden_keys: ["binary/minimum"],
    errors: ["binary/minimum"],
    gradcheck: true,
    dtypes: [torch.float32],
    samples: [sample("2x3, 3", () => [leaf([2, 3]), leaf([3], -2, 2, 3)])],
  },
  {
    name: "maximum",
    node: "MaximumBackward0",
    golden: ["binary"],
    golden_keys: ["binary/maximum"],
    errors: ["binary/maximum"],
    gradcheck: true,
    dtypes: [torch.float32],
    samples: [
      sample(
        "3x2, 3",
        () => [leaf([3, 2]), leaf([3], -2, 2, 3)],
        (op, a, b) => op(a.t(), b),
      ),
      sample("2x3, 3", () => [leaf([2, 3]), leaf([3], -2, 2, 3)], undefined, {
        gradgrad: true,
      }),
    ],
  },
  {
    name: "rsub",
    node: "RsubBackward0",
    golden: ["binary"],
    golden_keys: ["binary/rsub"],
    errors: ["binary/rsub"],
    gradcheck: true,
    dtypes: [torch.float32],
    samples: [
      sample(
        "2x3, 3",
        () => [leaf([2, 3]), leaf([3], -2, 2, 2)],
        (op, a, b) => op(a, b, { alpha: 3 }),
      ),
      sample(
        "rsub scalar",
        () => [leaf([4])],
        (op, a) => op(a, 1.5),
      ),
    ],
  },
  {
    name: "true_divide",
    golden_keys: ["binary/true_divide", "binary/true_divide_"],
    errors: ["binary/true_divide_"],
    // the sample puts a scalar first, which only the function form takes
    variants: false,
    node: "DivBackward0",
    golden: ["binary"],
    gradcheck: true,
    dtypes: [torch.float32],
    samples: [
      sample(
        "true_divide scalar first",
        () => [leaf([3], 0.5, 2)],
        (op, b) => op(2.5, b),
      ),
    ],
  },
  {
    name: "float_power",
    node: "PowBackward1",
    golden: ["binary"],
    golden_keys: ["binary/float_power", "binary/float_power_"],
    errors: ["binary/float_power_"],
    gradcheck: true,
    // float_power computes in float64 whatever its inputs: no float32 forward to compare
    samples: [sample("4, 4", () => [leaf([4], 0.5, 2), leaf([4], -1, 2, 2)])],
  },
  {
    name: "fmax",
    node: "FmaxBackward0",
    golden: ["binary"],
    golden_keys: ["binary/fmax"],
    errors: ["binary/fmax"],
    gradcheck: true,
    dtypes: [torch.float32],
    samples: [sample("2x3, 3", () => [leaf([2, 3]), leaf([3], -2, 2, 3)])],
  },
  {
    name: "fmin",
    node: "FminBackward0",
    golden: ["binary"],
    golden_keys: ["binary/fmin"],
    errors: ["binary/fmin"],
    gradcheck: true,
    dtypes: [torch.float32],
    samples: [sample("2x3, 3", () => [leaf([2, 3]), leaf([3], -2, 2, 3)])],
  },
  {
    name: "hypot",
    node: "HypotBackward0",
    golden: ["binary"],
    golden_keys: ["binary/hypot", "binary/hypot_"],
    errors: ["binary/hypot", "binary/hypot_"],
    gradcheck: true,
    dtypes: [torch.float32],
    gradgrad: true,
    samples: [sample("2x3, 3", () => [leaf([2, 3]), leaf([3], 0.5, 2, 2)])],
  },
  {
    name: "copysign",
    node: "CopysignBackward0",
    golden: ["binary"],
    golden_keys: ["binary/copysign", "binary/copysign_"],
    errors: ["binary/copysign_"],
    gradcheck: true,
    dtypes: [torch.float32],
    samples: [sample("2x3, 3", () => [leaf([2, 3]), leaf([3], -2, 2, 2)])],
  },
  {
    name: "xlogy",
    node: "XlogyBackward0",
    golden: ["binary"],
    golden_keys: ["binary/xlogy", "binary/xlogy_"],
    errors: ["binary/xlogy_"],
    gradcheck: true,
    dtypes: [torch.float32],
    samples: [
      sample("2x3, 3", () => [leaf([2, 3]), leaf([3], 0.5, 2, 2)], undefined, {
        gradgrad: true,
      }),
      sample(
        "xlogy scalar self",
        () => [leaf([3], 0.5, 2)],
        (op, b) => op(1.5, b),
      ),
      sample(
        "xlogy scalar other",
        () => [leaf([3])],
        (op, a) => op(a, 2.5),
      ),
    ],
  },
  {
    name: "Tensor.div_",
    node: "DivBackward0",
    golden: ["binary"],
    golden_keys: ["binary/div_"],
    errors: ["binary/div_"],
    gradcheck: true,
    dtypes: [torch.float32],
    samples: [
      sample(
        "div_ on a copy",
        () => [leaf([2, 3]), leaf([3], 0.5, 2, 2)],
        (op, s, b) => op(s.clone(), b),
      ),
    ],
  },
];
