/**
 * clamp with a NaN bound, against PyTorch (test/golden/gen_arguments.py): one NaN bound keeps
 * the input (2.x's max(x, min) / min(x, max)); a NaN bound beside another bound, and
 * clamp_min / clamp_max with NaN, give NaN. Values and gradients.
 */
import { test } from "node:test";
import * as torch from "../../../src/index.js";
import { decode, load_golden, type EncodedTensor } from "../../helpers/golden.js";

interface ClampCase {
  name: string;
  kwargs: { min?: number | string; max?: number | string };
  input: EncodedTensor;
  out: EncodedTensor;
  grad: EncodedTensor;
}
const G = load_golden<{ clamp_nan: ClampCase[] }>("arguments");

for (const c of G.clamp_nan) {
  test(`clamp with a NaN bound (${c.name}) as PyTorch: value and gradient`, () => {
    const leaf = decode(c.input).requires_grad_();
    const nan = (v: number | string | undefined) => (v === "nan" ? NaN : v);
    const y =
      c.name === "clamp_min"
        ? leaf.clamp_min(NaN)
        : c.name === "clamp_max"
          ? leaf.clamp_max(NaN)
          : leaf.clamp({ min: nan(c.kwargs.min) as number, max: nan(c.kwargs.max) as number });
    torch.testing.assert_close(y.detach(), decode(c.out), { equal_nan: true });
    y.sum().backward();
    torch.testing.assert_close(leaf.grad as torch.Tensor, decode(c.grad));
  });
}
