/**
 * The op table's entries for clamp and its one-sided forms (src/ops/pointwise/clamp.ts): number
 * and tensor bounds, inputs away from the bounds (where the gradient jumps); clamp's refusal of
 * no bound is an error sample.
 */
import * as torch from "../../src/index.js";
import { sample, type OpInfo } from "./info.js";
import { leaf, f64, ANY } from "./inputs.js";

export const CLAMP_OPS: OpInfo[] = [
  {
    name: "clamp",
    node: "ClampBackward1",
    golden: ["pointwise"],
    aliases: ["clip"],
    golden_keys: ["pointwise/clamp", "pointwise/clip"],
    // no bound, in each argument form
    errors: [
      { fixture: "pointwise/errors/clamp_none", call: () => torch.clamp(torch.tensor([0.5, 1])) },
      { fixture: "pointwise/errors/clamp_none", call: () => torch.tensor([0.5, 1]).clamp(null, null) },
      { fixture: "pointwise/errors/clamp_none", call: () => torch.tensor([0.5, 1]).clamp({ min: null }) },
    ],
    gradcheck: true,
    dtypes: [torch.float32],
    samples: [
      sample(
        "clamp scalars",
        () => [leaf([2, 3])],
        (op, a) => op(a, -1, 1),
      ),
      sample("clamp tensors", () => [leaf([2, 3]), leaf([3], -1.5, -0.5, 2), leaf([2, 1], 0.5, 1.5, 3)]),
      sample(
        "ANY values",
        () => [f64(ANY)],
        (op, x) => op(x, -1, 1),
        { gradgrad: true },
      ),
    ],
  },
  {
    name: "clamp_min",
    node: "ClampMinBackward0",
    golden: ["pointwise"],
    golden_keys: ["pointwise/clamp_min"],
    gradcheck: true,
    dtypes: [torch.float32],
    gradgrad: true,
    samples: [
      sample(
        "ANY values",
        () => [f64(ANY)],
        (op, x) => op(x, 0.5),
      ),
    ],
  },
  {
    name: "clamp_max",
    node: "ClampMaxBackward0",
    golden: ["pointwise"],
    golden_keys: ["pointwise/clamp_max"],
    gradcheck: true,
    dtypes: [torch.float32],
    gradgrad: true,
    samples: [
      sample(
        "ANY values",
        () => [f64(ANY)],
        (op, x) => op(x, 0.5),
      ),
    ],
  },
];
