/**
 * The op table's entries for unary pointwise ops (src/ops/pointwise/): math functions on inputs inside each domain, zero-gradient
 * rounding ops, clamp; the special-function samples are also gradgradchecked.
 */
import * as torch from "../../src/index.js";
import { sample, type OpInfo } from "./info.js";
import { leaf, pos, unit, f64, ANY, POS, UNIT } from "./inputs.js";

export const POINTWISE_OPS: OpInfo[] = [
  {
    name: "neg",
    node: "NegBackward0",
    golden: ["pointwise", "repr"],
    gradcheck: true,
    dtypes: [torch.float32],
    samples: [
      sample(
        "2x3",
        () => [leaf([2, 3])],
        (op, a) => op(a.t()),
      ),
      sample("ANY values", () => [f64(ANY)], undefined, { gradgrad: true }),
    ],
  },
  {
    name: "abs",
    node: "AbsBackward0",
    golden: ["pointwise"],
    gradcheck: true,
    dtypes: [torch.float32],
    samples: [
      sample("5", () => [
        leaf([5], 0.1, 2)
          .mul(torch.tensor([1, -1, 1, -1, 1], { dtype: torch.float64 }))
          .detach()
          .requires_grad_(),
      ]),
      sample("ANY values", () => [f64(ANY)], undefined, { gradgrad: true }),
    ],
  },
  {
    name: "sign",
    node: "SignBackward0",
    golden: ["pointwise"],
    gradcheck: true,
    dtypes: [torch.float32],
    samples: [
      sample("sign (zero gradient)", () => [leaf([4], 0.2, 2)]),
      sample("ANY values", () => [f64(ANY)], undefined, { gradgrad: true }),
    ],
  },
  {
    name: "reciprocal",
    node: "ReciprocalBackward0",
    golden: ["pointwise"],
    gradcheck: true,
    dtypes: [torch.float32],
    samples: [
      sample("2x3 pos", () => [pos([2, 3])]),
      sample("ANY values", () => [f64(ANY)], undefined, { gradgrad: true }),
    ],
  },
  {
    name: "exp",
    node: "ExpBackward0",
    golden: ["pointwise"],
    gradcheck: true,
    dtypes: [torch.float32],
    samples: [
      sample("2x3", () => [leaf([2, 3])]),
      sample("ANY values", () => [f64(ANY)], undefined, { gradgrad: true }),
    ],
  },
  {
    name: "exp2",
    node: "Exp2Backward0",
    golden: ["pointwise"],
    gradcheck: true,
    dtypes: [torch.float32],
    samples: [
      sample("2x3", () => [leaf([2, 3])]),
      sample("ANY values", () => [f64(ANY)], undefined, { gradgrad: true }),
    ],
  },
  {
    name: "expm1",
    node: "Expm1Backward0",
    golden: ["pointwise"],
    gradcheck: true,
    dtypes: [torch.float32],
    samples: [
      sample("2x3", () => [leaf([2, 3])]),
      sample("ANY values", () => [f64(ANY)], undefined, { gradgrad: true }),
    ],
  },
  {
    name: "log",
    node: "LogBackward0",
    golden: ["pointwise"],
    gradcheck: true,
    dtypes: [torch.float32],
    samples: [
      sample("2x3 pos", () => [pos([2, 3])]),
      sample("POS values", () => [f64(POS)], undefined, { gradgrad: true }),
    ],
  },
  {
    name: "log2",
    node: "Log2Backward0",
    golden: ["pointwise"],
    gradcheck: true,
    dtypes: [torch.float32],
    samples: [
      sample("2x3 pos", () => [pos([2, 3])]),
      sample("POS values", () => [f64(POS)], undefined, { gradgrad: true }),
    ],
  },
  {
    name: "log10",
    node: "Log10Backward0",
    golden: ["pointwise"],
    gradcheck: true,
    dtypes: [torch.float32],
    samples: [
      sample("2x3 pos", () => [pos([2, 3])]),
      sample("POS values", () => [f64(POS)], undefined, { gradgrad: true }),
    ],
  },
  {
    name: "log1p",
    node: "Log1PBackward0",
    golden: ["pointwise"],
    gradcheck: true,
    dtypes: [torch.float32],
    samples: [
      sample("2x3 pos", () => [pos([2, 3])]),
      sample("POS values", () => [f64(POS)], undefined, { gradgrad: true }),
    ],
  },
  {
    name: "sqrt",
    node: "SqrtBackward0",
    golden: ["pointwise"],
    gradcheck: true,
    dtypes: [torch.float32],
    samples: [
      sample("2x3 pos", () => [pos([2, 3])]),
      sample("POS values", () => [f64(POS)], undefined, { gradgrad: true }),
    ],
  },
  {
    name: "rsqrt",
    node: "RsqrtBackward0",
    golden: ["pointwise"],
    gradcheck: true,
    dtypes: [torch.float32],
    samples: [
      sample("2x3 pos", () => [pos([2, 3])]),
      sample("POS values", () => [f64(POS)], undefined, { gradgrad: true }),
    ],
  },
  {
    name: "square",
    node: "PowBackward0",
    golden: ["pointwise"],
    gradcheck: true,
    dtypes: [torch.float32],
    samples: [
      sample("2x3", () => [leaf([2, 3])]),
      sample("ANY values", () => [f64(ANY)], undefined, { gradgrad: true }),
    ],
  },
  {
    name: "sin",
    node: "SinBackward0",
    golden: ["pointwise"],
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
    gradcheck: true,
    dtypes: [torch.float32],
    samples: [
      sample("2x3 unit", () => [unit([2, 3])]),
      sample("UNIT values", () => [f64(UNIT)], undefined, { gradgrad: true }),
    ],
  },
  {
    name: "sigmoid",
    node: "SigmoidBackward0",
    golden: ["activation", "pointwise"],
    gradcheck: true,
    dtypes: [torch.float32],
    samples: [
      sample("2x3", () => [leaf([2, 3])]),
      sample("ANY values", () => [f64(ANY)], undefined, { gradgrad: true }),
    ],
  },
  {
    name: "relu",
    node: "ReluBackward0",
    golden: ["activation", "pointwise"],
    gradcheck: true,
    dtypes: [torch.float32],
    samples: [
      sample("2x3", () => [leaf([2, 3])]),
      sample("ANY values", () => [f64(ANY)], undefined, { gradgrad: true }),
    ],
  },
  {
    name: "erf",
    node: "ErfBackward0",
    golden: ["pointwise"],
    gradcheck: true,
    dtypes: [torch.float32],
    samples: [
      sample("2x3", () => [leaf([2, 3])]),
      sample("ANY values", () => [f64(ANY)], undefined, { gradgrad: true }),
    ],
  },
  {
    name: "erfinv",
    node: "ErfinvBackward0",
    golden: ["pointwise"],
    gradcheck: true,
    dtypes: [torch.float32],
    samples: [
      sample("2x3 unit", () => [unit([2, 3])]),
      sample("UNIT values", () => [f64(UNIT)], undefined, { gradgrad: true }),
      sample("second derivative, 4 unit", () => [unit([4])], undefined, { gradcheck: false, gradgrad: true }),
    ],
  },
  {
    name: "floor",
    node: "FloorBackward0",
    golden: ["pointwise"],
    gradcheck: true,
    dtypes: [torch.float32],
    samples: [
      sample("floor (zero gradient)", () => [leaf([4], 0.1, 0.9)]),
      sample("ANY values", () => [f64(ANY)], undefined, { gradgrad: true }),
    ],
  },
  {
    name: "ceil",
    node: "CeilBackward0",
    golden: ["pointwise"],
    gradcheck: true,
    dtypes: [torch.float32],
    samples: [
      sample("ceil (zero gradient)", () => [leaf([4], 0.1, 0.9)]),
      sample("ANY values", () => [f64(ANY)], undefined, { gradgrad: true }),
    ],
  },
  {
    name: "round",
    node: "RoundBackward0",
    golden: ["pointwise"],
    gradcheck: true,
    dtypes: [torch.float32],
    samples: [
      sample("round (zero gradient)", () => [leaf([4], 0.1, 0.4)]),
      sample(
        "round decimals (zero gradient)",
        () => [f64([-1.72, -0.61, 0.33, 0.84, 1.47, 2.11])],
        (op, x) => op(x, { decimals: 1 }),
        { gradgrad: true },
      ),
    ],
  },
  {
    name: "trunc",
    node: "TruncBackward0",
    golden: ["pointwise"],
    gradcheck: true,
    dtypes: [torch.float32],
    samples: [
      sample("trunc (zero gradient)", () => [leaf([4], 0.1, 0.9)]),
      sample("ANY values", () => [f64(ANY)], undefined, { gradgrad: true }),
    ],
  },
  {
    name: "frac",
    node: "FracBackward0",
    golden: ["pointwise"],
    gradcheck: true,
    dtypes: [torch.float32],
    samples: [
      sample("2x3", () => [leaf([2, 3], 0.1, 0.9)]),
      sample("ANY values", () => [f64(ANY)], undefined, { gradgrad: true }),
    ],
  },
  {
    name: "clamp",
    node: "ClampBackward1",
    golden: ["pointwise"],
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
    name: "nan_to_num",
    node: "NanToNumBackward0",
    golden: ["pointwise"],
    gradcheck: true,
    dtypes: [torch.float32],
    samples: [
      sample("2x3", () => [leaf([2, 3])]),
      sample("ANY values", () => [f64(ANY)], undefined, { gradgrad: true }),
    ],
  },
  {
    name: "logit",
    node: "LogitBackward0",
    golden: ["pointwise"],
    gradcheck: true,
    dtypes: [torch.float32],
    gradgrad: true,
    samples: [
      sample("[0.05, 0.2, 0.45, 0.6, 0.8, 0.97] values", () => [f64([0.05, 0.2, 0.45, 0.6, 0.8, 0.97])]),
      sample(
        "logit eps",
        () => [f64([0.05, 0.2, 0.45, 0.6, 0.8, 0.97])],
        (op, x) => op(x, 0.1),
      ),
    ],
  },
  {
    name: "erfc",
    node: "ErfcBackward0",
    golden: ["pointwise"],
    gradcheck: true,
    dtypes: [torch.float32],
    gradgrad: true,
    samples: [sample("ANY values", () => [f64(ANY)])],
  },
  {
    name: "deg2rad",
    node: "Deg2RadBackward0",
    golden: ["pointwise"],
    gradcheck: true,
    dtypes: [torch.float32],
    gradgrad: true,
    samples: [sample("ANY values", () => [f64(ANY)])],
  },
  {
    name: "rad2deg",
    node: "Rad2DegBackward0",
    golden: ["pointwise"],
    gradcheck: true,
    dtypes: [torch.float32],
    gradgrad: true,
    samples: [sample("ANY values", () => [f64(ANY)])],
  },
  {
    name: "sgn",
    node: "SgnBackward0",
    golden: ["pointwise"],
    gradcheck: true,
    dtypes: [torch.float32],
    gradgrad: true,
    samples: [sample("sgn (zero gradient)", () => [f64(ANY)])],
  },
  {
    name: "clamp_min",
    node: "ClampMinBackward0",
    golden: ["pointwise"],
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
