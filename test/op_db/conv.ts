/**
 * The op table's entries for the convolutions and max pooling (src/ops/conv/): float64 samples
 * over strides, paddings ("same" with an even kernel too), dilations, groups, unbatched and
 * non-contiguous inputs, gradchecked and gradgradchecked (the backwards are built of
 * differentiable ops); PyTorch's values, gradients, indices and errors come from conv.json.
 */
import * as torch from "../../src/index.js";
import { sample, type OpInfo } from "./info.js";
import { leaf } from "./inputs.js";

type T = torch.Tensor;

export const CONV_OPS: OpInfo[] = [
  {
    name: "conv2d",
    node: "ConvolutionBackward0",
    golden: ["conv"],
    golden_keys: ["conv/conv2d"],
    errors: ["conv/conv2d"],
    gradcheck: true,
    gradgrad: true,
    variants: false,
    dtypes: [torch.float32],
    samples: [
      sample("2x3x5x4, bias", () => [leaf([2, 3, 5, 4]), leaf([4, 3, 3, 3], -1, 1, 2), leaf([4], -1, 1, 3)]),
      sample(
        "stride 2, padding 1, dilation (1, 2)",
        () => [leaf([2, 2, 6, 7]), leaf([3, 2, 2, 3], -1, 1, 2)],
        (op, x, w) => op(x, w, null, 2, 1, [1, 2]),
      ),
      sample(
        "groups 2, padding same (even kernel)",
        () => [leaf([1, 4, 5, 5]), leaf([2, 2, 2, 3], -1, 1, 2), leaf([2], -1, 1, 3)],
        (op, x, w, b) => op(x, w, b, { padding: "same", groups: 2 }),
      ),
      sample(
        "unbatched, transposed input",
        () => [leaf([3, 5, 4]), leaf([2, 3, 3, 2], -1, 1, 2)],
        (op, x, w) => op(x.transpose(1, 2), w, { stride: [2, 1] }),
      ),
    ],
  },
  {
    name: "conv1d",
    node: "ConvolutionBackward0",
    golden: ["conv"],
    golden_keys: ["conv/conv1d"],
    errors: ["conv/conv1d"],
    gradcheck: true,
    gradgrad: true,
    variants: false,
    dtypes: [torch.float32],
    samples: [
      sample(
        "2x3x7, stride 2, dilation 2",
        () => [leaf([2, 3, 7]), leaf([4, 3, 2], -1, 1, 2), leaf([4], -1, 1, 3)],
        (op, x, w, b) => op(x, w, b, { stride: 2, dilation: 2, padding: 1 }),
      ),
      sample(
        "unbatched, groups 3, same",
        () => [leaf([3, 6]), leaf([3, 1, 4], -1, 1, 2)],
        (op, x, w) => op(x, w, { groups: 3, padding: "same" }),
      ),
    ],
  },
  {
    name: "nn.functional.max_pool2d",
    node: "MaxPool2DWithIndicesBackward0",
    golden: ["conv"],
    golden_keys: ["conv/max_pool2d"],
    errors: ["conv/max_pool2d"],
    gradcheck: true,
    gradgrad: true,
    dtypes: [torch.float32],
    samples: [
      sample(
        "1x2x6x6, 2",
        () => [leaf([1, 2, 6, 6])],
        (op, x) => op(x, 2),
      ),
      sample(
        "3x2 window, stride (2, 1), padding 1, dilation 2, ceil_mode",
        () => [leaf([2, 2, 7, 6])],
        (op, x) => op(x, [3, 2], { stride: [2, 1], padding: 1, dilation: 2, ceil_mode: true }),
      ),
      sample(
        "unbatched",
        () => [leaf([2, 5, 5])],
        (op, x) => op(x, 3, 1, 1),
      ),
    ],
  },
  {
    name: "max_pool2d",
    node: "MaxPool2DWithIndicesBackward0",
    golden: ["conv"],
    gradcheck: true,
    variants: false,
    samples: [
      sample(
        "2x2x5x5, 2, stride 1",
        () => [leaf([2, 2, 5, 5])],
        (op, x) => op(x, 2, 1),
      ),
    ],
  },
  {
    name: "nn.functional.max_pool2d_with_indices",
    node: "MaxPool2DWithIndicesBackward0",
    golden: ["conv"],
    golden_keys: ["conv/max_pool2d_with_indices"],
    gradcheck: true,
    variants: false,
    samples: [
      sample(
        "1x2x5x5, 3, padding 1",
        () => [leaf([1, 2, 5, 5])],
        (op, x) => {
          const [values] = op(x, 3, { padding: 1 }) as unknown as T[];
          return values;
        },
      ),
    ],
  },
  {
    name: "nn.functional.max_pool1d",
    node: "SqueezeBackward1",
    golden: ["conv"],
    golden_keys: ["conv/max_pool1d"],
    errors: ["conv/max_pool1d"],
    gradcheck: true,
    gradgrad: true,
    dtypes: [torch.float32],
    samples: [
      sample(
        "2x3x9, 3, stride 2, padding 1",
        () => [leaf([2, 3, 9])],
        (op, x) => op(x, 3, 2, 1),
      ),
      sample(
        "unbatched, dilation 2, ceil_mode",
        () => [leaf([3, 8])],
        (op, x) => op(x, 2, { stride: 2, dilation: 2, ceil_mode: true }),
      ),
    ],
  },
  {
    name: "max_pool1d",
    node: "SqueezeBackward1",
    golden: ["conv"],
    gradcheck: true,
    variants: false,
    samples: [
      sample(
        "2x2x7, 2",
        () => [leaf([2, 2, 7])],
        (op, x) => op(x, 2),
      ),
    ],
  },
  {
    name: "nn.functional.avg_pool2d",
    node: "AvgPool2DBackward0",
    golden: ["conv"],
    golden_keys: ["conv/avg_pool2d"],
    errors: ["conv/avg_pool2d"],
    gradcheck: true,
    gradgrad: true,
    dtypes: [torch.float32],
    samples: [
      sample(
        "2x2x6x6, 2",
        () => [leaf([2, 2, 6, 6])],
        (op, x) => op(x, 2),
      ),
      sample(
        "3x2, stride 2, padding 1, ceil_mode, count_include_pad false",
        () => [leaf([1, 2, 5, 6])],
        (op, x) => op(x, [3, 2], { stride: 2, padding: 1, ceil_mode: true, count_include_pad: false }),
      ),
      sample(
        "unbatched, divisor_override",
        () => [leaf([2, 5, 5])],
        (op, x) => op(x, 3, { stride: 1, padding: 1, divisor_override: 4 }),
      ),
    ],
  },
];
