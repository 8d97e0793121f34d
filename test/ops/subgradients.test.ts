/**
 * Gradients where PyTorch picks a subgradient or a convention (ties of max/min/sort/topk,
 * zeros of norm/abs/relu/sqrt/prod, clamp at its bounds, pow at 0, duplicate indices, -inf
 * rows of logsumexp, nan_to_num), against PyTorch's values (test/golden/gen_subgradients.py).
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as torch from "../../src/index.js";
import { decode, load_golden, type EncodedTensor } from "../helpers/golden.js";

type T = torch.Tensor;
const f = (...v: number[]): T => torch.tensor(v);
const idx = (...v: number[]): T => torch.tensor(v, { dtype: torch.int64 });

/** The same functions as GRAD_EDGES in the generator. */
const FNS: Record<string, (x: T) => T> = {
  max_all_tie: (x) => x.max(),
  min_all_tie: (x) => x.min(),
  max_dim_tie: (x) => x.reshape(2, 2).max(1).values,
  amax_tie: (x) => x.reshape(2, 3).amax(1),
  maximum_tie: (x) => torch.maximum(x, f(1, 0, 3)),
  norm_zero: (x) => x.norm(),
  norm1_zero: (x) => x.norm(1),
  norm_inf_tie: (x) => x.norm(Infinity),
  abs_relu_zero: (x) => x.abs().add(x.relu()),
  clamp_bounds: (x) => x.clamp(0, 1),
  sqrt_zero: (x) => x.sqrt(),
  prod_one_zero: (x) => x.prod(),
  prod_two_zeros: (x) => x.prod(),
  cumprod_zeros: (x) => x.cumprod(0),
  pow_zero_base: (x) => x.pow(f(0, 2, 0)),
  pow_scalar_zero: (x) => x.pow(0),
  logsumexp_ninf: (x) => x.reshape(2, 2).logsumexp(1),
  index_dup: (x) => x.index(idx(0, 0, 2)).mul(f(1, 2, 3)),
  gather_dup: (x) => x.gather(0, idx(2, 2, 0)).mul(f(1, 2, 3)),
  sort_tie: (x) => x.sort().values.mul(f(1, 2, 3)),
  topk_tie: (x) => x.topk(2).values.mul(f(1, 5)),
  remainder_divisor: (x) => torch.remainder(f(5, -7, 4), x),
  nan_to_num: (x) => x.nan_to_num(),
};

const G =
  load_golden<Record<string, { x: EncodedTensor; y: EncodedTensor; dx: EncodedTensor }>>("subgradients");

test("every fixture case has a function here", () => {
  assert.deepEqual(Object.keys(G).sort(), Object.keys(FNS).sort());
});

for (const [key, c] of Object.entries(G)) {
  test(`gradient at a corner: ${key}`, () => {
    const x = decode(c.x).requires_grad_();
    const y = FNS[key](x);
    torch.testing.assert_close(y, decode(c.y), { equal_nan: true });
    y.sum().backward();
    torch.testing.assert_close(x.grad!, decode(c.dx), { equal_nan: true });
  });
}
