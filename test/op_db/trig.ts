/**
 * The op table's entries for the trigonometric and hyperbolic functions (src/ops/pointwise/trig.ts),
 * on inputs inside each domain; the samples of PyTorch's special values are also gradgradchecked.
 */
import * as torch from "../../src/index.js";
import { sample, type OpInfo } from "./info.js";
import { leaf, unit, f64, ANY, UNIT } from "./inputs.js";

export const TRIG_OPS: OpInfo[] = [
  {
    name: "sin",
    node: "SinBackward0",
    golden: ["pointwise"],
    golden_keys: ["pointwise/sin"],
    gradcheck: true,
    dtypes: [torch.float32],
    samples: [
      sample("2x3", () => [leaf([2, 3])]),
      sample("ANY values", () => [f64(ANY)], undefined, { gradgrad: true }),
    ],
  },
  {
    name: "cos",
    node: "CosBackward0",
    golden: ["pointwise"],
    golden_keys: ["pointwise/cos"],
    gradcheck: true,
    dtypes: [torch.float32],
    samples: [
      sample("2x3", () => [leaf([2, 3])]),
      sample("ANY values", () => [f64(ANY)], undefined, { gradgrad: true }),
    ],
  },
  {
    name: "tan",
    node: "TanBackward0",
    golden: ["pointwise"],
    golden_keys: ["pointwise/tan"],
    gradcheck: true,
    dtypes: [torch.float32],
    samples: [
      sample("2x3 unit", () => [unit([2, 3])]),
      sample(
        "[-1.2, -0.6, 0.3, 0.8, 1.1, 1.4] values",
        () => [f64([-1.2, -0.6, 0.3, 0.8, 1.1, 1.4])],
        undefined,
        { gradgrad: true },
      ),
    ],
  },
  {
    name: "asin",
    node: "AsinBackward0",
    golden: ["pointwise"],
    aliases: ["arcsin"],
    golden_keys: ["pointwise/asin", "pointwise/arcsin"],
    gradcheck: true,
    dtypes: [torch.float32],
    samples: [
      sample("2x3 unit", () => [unit([2, 3])]),
      sample("UNIT values", () => [f64(UNIT)], undefined, { gradgrad: true }),
    ],
  },
  {
    name: "acos",
    node: "AcosBackward0",
    golden: ["pointwise"],
    aliases: ["arccos"],
    golden_keys: ["pointwise/acos", "pointwise/arccos"],
    gradcheck: true,
    dtypes: [torch.float32],
    samples: [
      sample("2x3 unit", () => [unit([2, 3])]),
      sample("UNIT values", () => [f64(UNIT)], undefined, { gradgrad: true }),
    ],
  },
  {
    name: "atan",
    node: "AtanBackward0",
    golden: ["pointwise"],
    aliases: ["arctan"],
    golden_keys: ["pointwise/atan", "pointwise/arctan"],
    gradcheck: true,
    dtypes: [torch.float32],
    samples: [
      sample("2x3", () => [leaf([2, 3])]),
      sample("ANY values", () => [f64(ANY)], undefined, { gradgrad: true }),
    ],
  },
  {
    name: "sinh",
    node: "SinhBackward0",
    golden: ["pointwise"],
    golden_keys: ["pointwise/sinh"],
    gradcheck: true,
    dtypes: [torch.float32],
    samples: [
      sample("2x3", () => [leaf([2, 3])]),
      sample("ANY values", () => [f64(ANY)], undefined, { gradgrad: true }),
    ],
  },
  {
    name: "cosh",
    node: "CoshBackward0",
    golden: ["pointwise"],
    golden_keys: ["pointwise/cosh"],
    gradcheck: true,
    dtypes: [torch.float32],
    samples: [
      sample("2x3", () => [leaf([2, 3])]),
      sample("ANY values", () => [f64(ANY)], undefined, { gradgrad: true }),
    ],
  },
  {
    name: "tanh",
    node: "TanhBackward0",
    golden: ["activation", "pointwise"],
    golden_keys: ["pointwise/tanh"],
    gradcheck: true,
    dtypes: [torch.float32],
    samples: [
      sample("2x3", () => [leaf([2, 3])]),
      sample("ANY values", () => [f64(ANY)], undefined, { gradgrad: true }),
    ],
  },
  {
    name: "asinh",
    node: "AsinhBackward0",
    golden: ["pointwise"],
    aliases: ["arcsinh"],
    golden_keys: ["pointwise/asinh", "pointwise/arcsinh"],
    gradcheck: true,
    dtypes: [torch.float32],
    samples: [
      sample("2x3", () => [leaf([2, 3])]),
      sample("ANY values", () => [f64(ANY)], undefined, { gradgrad: true }),
    ],
  },
  {
    name: "acosh",
    node: "AcoshBackward0",
    golden: ["pointwise"],
    aliases: ["arccosh"],
    golden_keys: ["pointwise/acosh", "pointwise/arccosh"],
    gradcheck: true,
    dtypes: [torch.float32],
    samples: [
      sample("2x3", () => [leaf([2, 3], 1.2, 3)]),
      sample(
        "[1.1, 1.5, 2.0, 3.3, 5.0, 10.0] values",
        () => [f64([1.1, 1.5, 2.0, 3.3, 5.0, 10.0])],
        undefined,
        { gradgrad: true },
      ),
    ],
  },
  {
    name: "atanh",
    node: "AtanhBackward0",
    golden: ["pointwise"],
    aliases: ["arctanh"],
    golden_keys: ["pointwise/atanh", "pointwise/arctanh"],
    gradcheck: true,
    dtypes: [torch.float32],
    samples: [
      sample("2x3 unit", () => [unit([2, 3])]),
      sample("UNIT values", () => [f64(UNIT)], undefined, { gradgrad: true }),
    ],
  },
];
