/**
 * The op table's entries for torch.nn.functional's softmax family (src/ops/activation/softmax.ts):
 * softmax, log_softmax and softmin along a dim, with dtype=. Their values are the area tests'
 * (activation.json's `softmax`), and torch.softmax's fixture cases are reduce.ts's.
 */
import * as torch from "../../src/index.js";
import { sample, type ErrorSample, type OpInfo } from "./info.js";
import { kinked } from "./inputs.js";

const F = torch.nn.functional;
/** An error sample for activation.json's `errors[key]`. */
const err = (key: string, call: () => unknown): ErrorSample => ({
  fixture: `activation/errors/${key}`,
  call,
});

export const SOFTMAX_OPS: OpInfo[] = [
  {
    name: "nn.functional.softmax",
    node: "SoftmaxBackward0",
    golden: ["activation", "reduction"],
    errors: [err("softmax_dim", () => F.softmax(torch.zeros(3), 1))],
    gradcheck: true,
    dtypes: [torch.float32],
    gradgrad: true,
    samples: [
      sample(
        "3x4 (smooth)",
        () => kinked([]),
        (op, x) => op(x, 1),
      ),
    ],
  },
  {
    name: "nn.functional.log_softmax",
    node: "LogSoftmaxBackward0",
    golden: ["activation", "reduction"],
    gradcheck: true,
    dtypes: [torch.float32],
    gradgrad: true,
    samples: [
      sample(
        "3x4 (smooth)",
        () => kinked([]),
        (op, x) => op(x, 0),
      ),
    ],
  },
  {
    name: "nn.functional.softmin",
    node: "SoftmaxBackward0",
    golden: ["activation"],
    gradcheck: true,
    dtypes: [torch.float32],
    gradgrad: true,
    samples: [
      sample(
        "3x4 (smooth)",
        () => kinked([]),
        (op, x) => op(x, -1),
      ),
    ],
  },
];
