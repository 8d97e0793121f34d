/**
 * The op table's entries for the activations of torch.nn.functional (src/ops/activation/; the
 * softmax family is softmax.ts): inputs kept away from each kink; the smooth ones are also
 * gradgradchecked. The error samples rebuild the inputs of the argument errors activation.json
 * records.
 */
import * as torch from "../../src/index.js";
import { sample, type ErrorSample, type OpInfo } from "./info.js";
import { leaf, away, kinked } from "./inputs.js";

const F = torch.nn.functional;
/** The [2, 3] input of the generator's argument errors. */
const x23 = () =>
  torch.tensor([
    [0.5, -1, 2],
    [1, 2, 3],
  ]);
/** An error sample for activation.json's `errors[key]`. */
const err = (key: string, call: () => unknown): ErrorSample => ({
  fixture: `activation/errors/${key}`,
  call,
});

export const ACTIVATION_OPS: OpInfo[] = [
  {
    name: "nn.functional.relu",
    node: "ReluBackward0",
    golden: ["activation", "pointwise"],
    golden_keys: ["activation/relu"],
    errors: [err("relu_inplace_leaf", () => F.relu(torch.tensor([-1, 2], { requires_grad: true }), true))],
    gradcheck: true,
    dtypes: [torch.float32],
    samples: [sample("3x4 away from 0", () => kinked())],
  },
  {
    name: "nn.functional.relu6",
    node: "HardtanhBackward0",
    golden: ["activation"],
    golden_keys: ["activation/relu6"],
    gradcheck: true,
    dtypes: [torch.float32],
    samples: [sample("3x4 away from [0, 6]", () => kinked([0, 6]))],
  },
  {
    name: "nn.functional.leaky_relu",
    node: "LeakyReluBackward0",
    golden: ["activation"],
    golden_keys: ["activation/leaky_relu"],
    gradcheck: true,
    dtypes: [torch.float32],
    samples: [
      sample(
        "3x4 away from 0",
        () => kinked(),
        (op, x) => op(x, 0.2),
      ),
      sample(
        "leaky_relu_",
        () => kinked(),
        (op, x) => op(x.mul(1), 0.3, { inplace: true }),
      ),
    ],
  },
  {
    name: "nn.functional.elu",
    node: "EluBackward0",
    golden: ["activation"],
    golden_keys: ["activation/elu"],
    gradcheck: true,
    dtypes: [torch.float32],
    samples: [
      sample(
        "3x4 away from 0",
        () => kinked(),
        (op, x) => op(x, 0.7),
      ),
      sample(
        "elu_",
        () => kinked(),
        (op, x) => op(x.mul(1), 1.3, { inplace: true }),
      ),
    ],
  },
  {
    name: "nn.functional.selu",
    node: "EluBackward0",
    golden: ["activation"],
    golden_keys: ["activation/selu"],
    gradcheck: true,
    dtypes: [torch.float32],
    samples: [
      sample("3x4 away from 0", () => kinked()),
      sample(
        "selu_",
        () => kinked(),
        (op, x) => op(x.mul(1), true),
      ),
    ],
  },
  {
    name: "nn.functional.celu",
    node: "CeluBackward0",
    golden: ["activation"],
    golden_keys: ["activation/celu"],
    errors: [err("celu_zero", () => F.celu(x23(), 0))],
    gradcheck: true,
    dtypes: [torch.float32],
    samples: [
      sample(
        "3x4 away from 0",
        () => kinked(),
        (op, x) => op(x, 2.5),
      ),
      sample(
        "celu_",
        () => kinked(),
        (op, x) => op(x.mul(1), 0.8, true),
      ),
    ],
  },
  {
    name: "nn.functional.gelu",
    node: "GeluBackward0",
    golden: ["activation"],
    golden_keys: ["activation/gelu"],
    errors: [err("gelu_approx", () => F.gelu(x23(), { approximate: "foo" as "tanh" }))],
    gradcheck: true,
    dtypes: [torch.float32],
    gradgrad: true,
    samples: [
      sample("3x4 (smooth)", () => kinked([])),
      sample(
        "gelu tanh",
        () => kinked([]),
        (op, x) => op(x, { approximate: "tanh" }),
      ),
    ],
  },
  {
    name: "nn.functional.silu",
    node: "SiluBackward0",
    golden: ["activation"],
    golden_keys: ["activation/silu"],
    gradcheck: true,
    dtypes: [torch.float32],
    samples: [
      sample("3x4 (smooth)", () => kinked([]), undefined, { gradgrad: true }),
      sample(
        "silu_",
        () => kinked([]),
        (op, x) => op(x.mul(1), true),
      ),
    ],
  },
  {
    name: "nn.functional.mish",
    node: "MishBackward0",
    golden: ["activation"],
    golden_keys: ["activation/mish"],
    gradcheck: true,
    dtypes: [torch.float32],
    samples: [
      sample("3x4 (smooth)", () => kinked([]), undefined, { gradgrad: true }),
      sample(
        "mish_",
        () => kinked([]),
        (op, x) => op(x.mul(1), true),
      ),
    ],
  },
  {
    name: "nn.functional.sigmoid",
    node: "SigmoidBackward0",
    golden: ["activation", "pointwise"],
    golden_keys: ["activation/sigmoid"],
    gradcheck: true,
    dtypes: [torch.float32],
    gradgrad: true,
    samples: [sample("3x4 (smooth)", () => kinked([]))],
  },
  {
    name: "nn.functional.tanh",
    node: "TanhBackward0",
    golden: ["activation", "pointwise"],
    golden_keys: ["activation/tanh"],
    gradcheck: true,
    dtypes: [torch.float32],
    gradgrad: true,
    samples: [sample("3x4 (smooth)", () => kinked([]))],
  },
  {
    name: "nn.functional.hardtanh",
    node: "HardtanhBackward0",
    golden: ["activation"],
    golden_keys: ["activation/hardtanh"],
    gradcheck: true,
    dtypes: [torch.float32],
    samples: [
      sample(
        "3x4 away from [-2, 1.5]",
        () => kinked([-2, 1.5]),
        (op, x) => op(x, -2, 1.5),
      ),
    ],
  },
  {
    name: "nn.functional.hardsigmoid",
    node: "HardsigmoidBackward0",
    golden: ["activation"],
    golden_keys: ["activation/hardsigmoid"],
    gradcheck: true,
    dtypes: [torch.float32],
    samples: [sample("3x4 away from [-3, 3]", () => kinked([-3, 3]))],
  },
  {
    name: "nn.functional.hardswish",
    node: "HardswishBackward0",
    golden: ["activation"],
    golden_keys: ["activation/hardswish"],
    gradcheck: true,
    dtypes: [torch.float32],
    samples: [
      sample("3x4 away from [-3, 3]", () => kinked([-3, 3])),
      sample(
        "hardswish_",
        () => kinked([-3, 3]),
        (op, x) => op(x.mul(1), true),
      ),
    ],
  },
  {
    name: "nn.functional.softplus",
    node: "SoftplusBackward0",
    golden: ["activation"],
    golden_keys: ["activation/softplus"],
    gradcheck: true,
    dtypes: [torch.float32],
    samples: [
      sample("3x4 (smooth)", () => kinked([]), undefined, { gradgrad: true }),
      sample(
        "softplus beta threshold",
        () => kinked([1.5]),
        (op, x) => op(x, 2, 3),
      ),
    ],
  },
  {
    name: "nn.functional.softsign",
    node: "DivBackward0",
    golden: ["activation"],
    golden_keys: ["activation/softsign"],
    gradcheck: true,
    dtypes: [torch.float32],
    samples: [sample("3x4 away from 0", () => kinked())],
  },
  {
    name: "nn.functional.threshold",
    node: "ThresholdBackward0",
    golden: ["activation"],
    golden_keys: ["activation/threshold"],
    gradcheck: true,
    dtypes: [torch.float32],
    samples: [
      sample(
        "3x4 away from [0.5]",
        () => kinked([0.5]),
        (op, x) => op(x, 0.5, -3),
      ),
      sample(
        "threshold_",
        () => kinked([0.5]),
        (op, x) => op(x.mul(1), 0.5, -3, true),
      ),
    ],
  },
  {
    name: "nn.functional.logsigmoid",
    node: "LogSigmoidBackward0",
    golden: ["activation"],
    golden_keys: ["activation/logsigmoid"],
    gradcheck: true,
    dtypes: [torch.float32],
    gradgrad: true,
    samples: [sample("3x4 away from 0", () => kinked())],
  },
  {
    name: "nn.functional.tanhshrink",
    node: "SubBackward0",
    golden: ["activation"],
    golden_keys: ["activation/tanhshrink"],
    gradcheck: true,
    dtypes: [torch.float32],
    gradgrad: true,
    samples: [sample("3x4 (smooth)", () => kinked([]))],
  },
  {
    name: "nn.functional.softshrink",
    node: "SoftshrinkBackward0",
    golden: ["activation"],
    golden_keys: ["activation/softshrink"],
    errors: [
      err("softshrink_neg", () => F.softshrink(x23(), -1)),
      err("softshrink_neg_frac", () => F.softshrink(x23(), -0.25)),
    ],
    gradcheck: true,
    dtypes: [torch.float32],
    samples: [
      sample(
        "3x4 away from [-0.7, 0.7]",
        () => kinked([-0.7, 0.7]),
        (op, x) => op(x, 0.7),
      ),
    ],
  },
  {
    name: "nn.functional.hardshrink",
    node: "HardshrinkBackward0",
    golden: ["activation"],
    golden_keys: ["activation/hardshrink"],
    gradcheck: true,
    dtypes: [torch.float32],
    samples: [
      sample(
        "3x4 away from [-0.7, 0.7]",
        () => kinked([-0.7, 0.7]),
        (op, x) => op(x, 0.7),
      ),
    ],
  },
  {
    name: "nn.functional.glu",
    errors: [
      err("glu_odd", () => F.glu(x23(), 1)),
      err("glu_odd_last", () => F.glu(torch.zeros(2, 5))),
      err("glu_scalar", () => F.glu(torch.tensor(1))),
      err("glu_int_odd", () => F.glu(torch.tensor([1, 2, 3], { dtype: torch.int64 }))),
    ],
    gradcheck: true,
    dtypes: [torch.float32],
    gradgrad: true,
    samples: [
      sample(
        "3x4 (smooth)",
        () => kinked([]),
        (op, x) => op(x, 1),
      ),
      sample(
        "glu dim 0",
        () => [leaf([4, 3], -4, 4)],
        (op, x) => op(x, 0),
      ),
    ],
  },
  {
    name: "nn.functional.prelu",
    errors: [
      err("prelu_mismatch", () => F.prelu(torch.zeros(2, 3), torch.tensor([0.1, 0.2]))),
      err("prelu_zero_dim", () => F.prelu(torch.tensor(2), torch.tensor([0.1, 0.2]))),
      err("prelu_weight_2d", () => F.prelu(torch.zeros(2, 3), torch.ones(3, 1))),
      err("prelu_1d_many", () => F.prelu(torch.zeros(3), torch.ones(3))),
      err("prelu_dtype", () => F.prelu(torch.zeros(2, 3), torch.ones(3, { dtype: torch.float64 }))),
    ],
    gradcheck: true,
    dtypes: [torch.float32],
    samples: [
      sample("3", () => [away(leaf([2, 3, 2], -4, 4), [0]), leaf([3], 0.1, 0.9, 2)]),
      sample("prelu one weight", () => [away(leaf([5], -4, 4), [0]), leaf([1], 0.1, 0.9, 2)]),
    ],
  },
  {
    name: "nn.functional.rrelu",
    gradcheck: true,
    dtypes: [torch.float32],
    samples: [
      sample(
        "rrelu eval",
        () => kinked(),
        (op, x) => op(x, 0.1, 0.4),
      ),
      sample(
        "rrelu training",
        () => kinked(),
        (op, x) => {
          torch.manual_seed(3);
          return op(x, 0.1, 0.4, true);
        },
      ),
    ],
  },
];
