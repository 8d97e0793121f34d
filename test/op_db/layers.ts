/**
 * The op table's entries for the dropouts (src/ops/layers/dropout.ts through torch.nn.functional): the same seed before every
 * call makes each evaluation draw the same mask, so gradcheck sees a deterministic function.
 */
import * as torch from "../../src/index.js";
import { sample, type OpInfo } from "./info.js";
import { lin } from "./inputs.js";

export const LAYER_OPS: OpInfo[] = [
  {
    name: "nn.functional.dropout",
    node: "MulBackward0",
    golden: ["nn_layers", "rng"],
    gradcheck: true,
    gradgrad: true,
    samples: [
      sample(
        "4x5",
        () => [lin(4, 5)],
        (op, x) => {
          torch.manual_seed(7);
          return op(x, 0.4);
        },
      ),
      sample(
        "dropout eval",
        () => [lin(4, 5)],
        (op, x) => {
          torch.manual_seed(7);
          return op(x, 0.4, false);
        },
      ),
    ],
  },
  {
    name: "nn.functional.dropout1d",
    node: "MulBackward0",
    golden: ["nn_layers"],
    gradcheck: true,
    gradgrad: true,
    samples: [
      sample(
        "2x3x4",
        () => [lin(2, 3, 4)],
        (op, x) => {
          torch.manual_seed(7);
          return op(x, 0.5);
        },
      ),
    ],
  },
  {
    name: "nn.functional.dropout2d",
    node: "MulBackward0",
    golden: ["nn_layers"],
    gradcheck: true,
    gradgrad: true,
    samples: [
      sample(
        "2x3x2x2",
        () => [lin(2, 3, 2, 2)],
        (op, x) => {
          torch.manual_seed(7);
          return op(x, 0.5);
        },
      ),
    ],
  },
  {
    name: "nn.functional.dropout3d",
    node: "MulBackward0",
    golden: ["nn_layers"],
    gradcheck: true,
    gradgrad: true,
    samples: [
      sample(
        "2x3x1x2x2",
        () => [lin(2, 3, 1, 2, 2)],
        (op, x) => {
          torch.manual_seed(7);
          return op(x, 0.5);
        },
      ),
    ],
  },
  {
    name: "nn.functional.alpha_dropout",
    node: "AddBackward0",
    golden: ["nn_layers"],
    gradcheck: true,
    gradgrad: true,
    samples: [
      sample(
        "4x5",
        () => [lin(4, 5)],
        (op, x) => {
          torch.manual_seed(7);
          return op(x, 0.3, true);
        },
      ),
    ],
  },
  {
    name: "nn.functional.feature_alpha_dropout",
    node: "AddBackward0",
    golden: ["nn_layers"],
    gradcheck: true,
    gradgrad: true,
    samples: [
      sample(
        "2x3x2x2",
        () => [lin(2, 3, 2, 2)],
        (op, x) => {
          torch.manual_seed(7);
          return op(x, 0.5, true);
        },
      ),
    ],
  },
];
