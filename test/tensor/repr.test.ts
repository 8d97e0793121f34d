import { test } from "node:test";
import assert from "node:assert/strict";
import { inspect } from "node:util";
import * as torch from "../../src/index.js";
import { format_exp, format_fixed } from "../../src/format.js";
import { decode, load_golden, type EncodedTensor } from "../helpers/golden.js";

interface ReprCase {
  name: string;
  input: EncodedTensor;
  repr: string;
  views?: (string | number)[][];
  requires_grad?: boolean;
  op?: string;
  grad_fn?: string;
  opts?: Exclude<Parameters<typeof torch.set_printoptions>[0], number | undefined>;
  param?: boolean;
  default_dtype?: "float64";
}

const OPS: Record<string, (t: torch.Tensor) => torch.Tensor> = {
  mul2: (t) => t.mul(2),
  add1: (t) => t.add(1),
  pow2: (t) => t.pow(2),
  mean: (t) => t.mean(),
  neg: (t) => t.neg(),
};

function apply_view(t: torch.Tensor, [kind, ...a]: (string | number)[]): torch.Tensor {
  const n = a as number[];
  switch (kind) {
    case "t":
      return t.t();
    case "transpose":
      return t.transpose(n[0], n[1]);
    case "narrow":
      return t.narrow(n[0], n[1], n[2]);
    case "expand":
      return t.expand(...n);
    case "permute":
      return t.permute(...n);
    default:
      throw new Error(`unknown view ${String(kind)}`);
  }
}

/** Builds the tensor as gen_repr.py did and prints it under the case's options. */
function render(c: ReprCase): { text: string; inspected: string; t: torch.Tensor } {
  if (c.default_dtype) torch.set_default_dtype(torch.float64);
  try {
    if (c.opts) torch.set_printoptions(c.opts);
    let t = decode(c.input);
    if (c.requires_grad) t.requires_grad_(true);
    if (c.param) t = new torch.nn.Parameter(t);
    for (const v of c.views ?? []) t = apply_view(t, v);
    if (c.op) t = OPS[c.op](t);
    return { text: String(t), inspected: inspect(t), t };
  } finally {
    torch.set_printoptions({ profile: "default" });
    torch.set_default_dtype(torch.float32);
  }
}

const golden = load_golden<{ cases: ReprCase[]; floats: [number, number, string, string][] }>("repr");

test("the repr fixture has cases", () => {
  assert.ok(golden.cases.length > 0 && golden.floats.length > 0);
});

for (const c of golden.cases) {
  test(`repr: ${c.name}`, () => {
    const { text, inspected, t } = render(c);
    if (c.grad_fn) assert.equal(t.grad_fn?.name(), c.grad_fn);
    assert.equal(text, c.repr);
    assert.equal(inspected, c.repr);
  });
}

test("set_printoptions: unspecified sci_mode resets to automatic; others persist", () => {
  try {
    torch.set_printoptions({ sci_mode: true, precision: 2 });
    assert.equal(String(torch.tensor([1.5])), "tensor([1.50e+00])");
    torch.set_printoptions({ linewidth: 100 });
    assert.equal(String(torch.tensor([1.5])), "tensor([1.50])");
    assert.deepEqual(torch.get_printoptions(), {
      precision: 2,
      threshold: 1000,
      edgeitems: 3,
      linewidth: 100,
      sci_mode: null,
    });
    // positional form, in PyTorch's parameter order
    torch.set_printoptions(3);
    assert.equal(String(torch.tensor([1.23456])), "tensor([1.235])");
  } finally {
    torch.set_printoptions({ profile: "default" });
  }
  assert.equal(String(torch.tensor([1.23456])), "tensor([1.2346])");
  assert.throws(() => torch.set_printoptions({ bogus: 1 } as never), /unexpected keyword argument 'bogus'/);
});

test("Python float formatting: exact values, ties to even, two-digit exponents", () => {
  // values printed through a float64 tensor so no float32 rounding intervenes
  const p = (v: number[]) => String(torch.tensor(v, { dtype: torch.float64 }));
  assert.equal(p([0.125, 0.375]), "tensor([0.1250, 0.3750], dtype=torch.float64)");
  assert.equal(p([1e21, 1]), "tensor([1.0000e+21, 1.0000e+00], dtype=torch.float64)");
  assert.equal(p([5e-324, 1]), "tensor([4.9407e-324,  1.0000e+00], dtype=torch.float64)");
});

test("format_fixed / format_exp equal Python's {:.Nf} / {:.Ne}", () => {
  for (const [v, p, fixed, exp] of golden.floats) {
    assert.equal(format_fixed(v, p), fixed, `{:.${p}f} of ${v}`);
    assert.equal(format_exp(v, p), exp, `{:.${p}e} of ${v}`);
  }
});
