/**
 * Bad arguments against PyTorch's errors: each bad call gets the error PyTorch gives for the same
 * call (test/golden/gen_arguments.py records PyTorch's message) where torch-ts words it as PyTorch
 * does, and otherwise a clear error stating the same facts (the function, the argument and the
 * Python type PyTorch names). Also: a size is required, a .grad that fits is accepted, and sizes
 * are checked before allocating.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as torch from "../../src/index.js";
import { load_golden } from "../helpers/golden.js";

const { nn, optim } = torch;
const F = torch.nn.functional;

interface PyError {
  type: string;
  message: string;
}
const G = load_golden<{ errors: Record<string, PyError> }>("arguments");

/** A call made through `never`: the mistakes below are exactly what the types would refuse. */
const call = (f: unknown, ...args: unknown[]) => (f as (...a: unknown[]) => unknown)(...args);
const x = () => torch.ones(2);
const param = () => new nn.Parameter(torch.ones(1));

interface Row {
  /** the fixture key of PyTorch's error for the same call */
  golden: string;
  run: () => unknown;
  /** torch-ts's message: "exact" (PyTorch's own), or a pattern of our wording */
  expect: "exact" | RegExp;
  /** for our own wording: facts PyTorch's message states too, which ours must state */
  facts?: string[];
  type?: typeof Error;
}

const ROWS: Row[] = [
  // unknown keys: where PyTorch's binding says "got an unexpected keyword argument" ours is the same
  { golden: "tensor_kw", run: () => call(torch.tensor, [1], { requires_gard: true }), expect: "exact" },
  { golden: "linspace_kw", run: () => call(torch.linspace, 0, 1, 5, { foo: 1 }), expect: "exact" },
  { golden: "zeros_like_kw", run: () => call(torch.zeros_like, x(), { foo: 1 }), expect: "exact" },
  { golden: "ones_like_kw", run: () => call(torch.ones_like, x(), { foo: 1 }), expect: "exact" },
  { golden: "full_like_kw", run: () => call(torch.full_like, x(), 1, { foo: 1 }), expect: "exact" },
  { golden: "rand_like_kw", run: () => call(torch.rand_like, x(), { foo: 1 }), expect: "exact" },
  { golden: "randn_like_kw", run: () => call(torch.randn_like, x(), { foo: 1 }), expect: "exact" },
  {
    golden: "backward_kw",
    run: () => call(torch.ones(1, { requires_grad: true }).sum().backward.bind(null), { foo: 1 }),
    expect: "exact",
  },
  {
    golden: "grad_kw",
    run: () => {
      const a = torch.ones(1, { requires_grad: true });
      return call(torch.autograd.grad, a.sum(), [a], { foo: 1 });
    },
    expect: "exact",
  },
  {
    golden: "clip_grad_norm_kw",
    run: () => call(nn.utils.clip_grad_norm_, [param()], 1.0, { foo: 1 }),
    expect: "exact",
  },
  { golden: "add_kw", run: () => call(torch.add, x(), x(), { alhpa: 2 }), expect: "exact" },
  {
    golden: "sgd_kw",
    run: () => new optim.SGD([param()], { lr: 0.1, momentun: 0.9 } as never),
    expect: "exact",
  },
  {
    golden: "linear_ctor_kw",
    run: () => new nn.Linear(2, 2, { bias_: false } as never),
    expect: /^Linear\(\) got an unexpected keyword argument 'bias_'$/,
    facts: ["Linear.", "got an unexpected keyword argument 'bias_'"],
  },
  { golden: "dropout_kw", run: () => call(F.dropout, x(), { prob: 0.5 }), expect: "exact" },
  // where PyTorch lists its overloads, ours names the key in Python's TypeError wording
  ...(
    [
      ["zeros_kw", "zeros", () => call(torch.zeros, 2, { dtpye: torch.int64 }), "dtpye"],
      ["ones_kw", "ones", () => call(torch.ones, 2, { foo: 1 }), "foo"],
      ["empty_kw", "empty", () => call(torch.empty, 2, { foo: 1 }), "foo"],
      ["full_kw", "full", () => call(torch.full, [2], 1, { foo: 1 }), "foo"],
      ["rand_kw", "rand", () => call(torch.rand, 2, { foo: 1 }), "foo"],
      ["randn_kw", "randn", () => call(torch.randn, 2, { foo: 1 }), "foo"],
      ["randint_kw", "randint", () => call(torch.randint, 0, 5, [2], { foo: 1 }), "foo"],
      ["arange_kw", "arange", () => call(torch.arange, 5, { foo: 1 }), "foo"],
      ["eye_kw", "eye", () => call(torch.eye, 2, { foo: 1 }), "foo"],
      ["to_kw", "to", () => call(x().to.bind(x()), torch.float64, { foo: 1 }), "foo"],
      ["sum_kw", "sum", () => call(torch.sum, x(), 0, { keepdm: true }), "keepdm"],
    ] as const
  ).map(([golden, fn, run, key]): Row => ({
    golden,
    run,
    expect: new RegExp(`^${fn}\\(\\) got an unexpected keyword argument '${key}'$`),
    facts: [`${fn}()`, key],
  })),
  // a size is required
  {
    golden: "randn_no_size",
    run: () => call(torch.randn),
    expect: /^randn\(\) missing 1 required positional argument: 'size'/,
    facts: ["randn()", "got ()"],
  },
  {
    golden: "zeros_no_size",
    run: () => call(torch.zeros),
    expect: /^zeros\(\) missing 1 required positional argument: 'size'/,
    facts: ["zeros()"],
  },
  // argument types
  {
    golden: "add_str",
    run: () => call(torch.add, x(), "1"),
    expect: /^add\(\): argument 'other' must be Tensor or Number, not str$/,
    facts: ["add(): argument 'other'", "not str"],
  },
  {
    golden: "add_none",
    run: () => x().add(null as never),
    expect: /^add\(\): argument 'other' must be Tensor or Number, not NoneType$/,
    facts: ["add(): argument 'other'", "not NoneType"],
  },
  {
    golden: "mul_list",
    run: () => x().mul([1, 2] as never),
    expect: /^mul\(\): argument 'other' must be Tensor or Number, not list$/,
    facts: ["mul(): argument 'other'", "not list"],
  },
  {
    golden: "pow_str",
    run: () => x().pow("2" as never),
    expect: /^pow\(\): argument 'exponent' must be Tensor or Number, not str$/,
    facts: ["pow()", "str"],
  },
  {
    golden: "sum_str",
    run: () => x().sum("1" as never),
    expect: /^sum\(\): argument 'dim' must be int or tuple of ints, not str \('1'\)$/,
    facts: ["'1'"],
  },
  {
    golden: "clamp_str",
    run: () => x().clamp("0" as never, 1),
    expect: /^clamp\(\): argument 'min' must be a number, not str \('0'\)$/,
    facts: ["clamp()", "str"],
  },
  {
    golden: "dropout_str",
    run: () => F.dropout(x(), "0.5" as never),
    expect: /^dropout\(\): argument 'p' must be a number, not str \('0.5'\)$/,
    facts: ["'str'"],
  },
  {
    golden: "sgd_lr_str",
    run: () => new optim.SGD([param()], { lr: "0.1" as never }),
    expect: /^SGD.__init__\(\): argument 'lr' must be float or Tensor, not str \('0.1'\)$/,
    facts: ["'str'"],
  },
  {
    golden: "zeros_dtype_str",
    run: () => torch.zeros(2, { dtype: "float64" as never }),
    expect: /^zeros\(\): argument 'dtype' must be torch.dtype, not str$/,
    facts: ["zeros()", "dtype=str"],
  },
  // modules
  { golden: "linear_extra", run: () => call(new nn.Linear(2, 2), x(), x()), expect: "exact" },
  {
    golden: "linear_no_input",
    run: () => call(new nn.Linear(2, 2)),
    expect: /^linear\(\) missing required argument 'input' \(a Tensor\)$/,
    facts: ["missing", "'input'"],
  },
  {
    golden: "mse_no_target",
    run: () => call(new nn.MSELoss(), x()),
    expect: /^mse_loss\(\) missing required argument 'target' \(a Tensor\)$/,
    facts: ["missing", "'target'"],
  },
  // devices: tensors and modules alike
  {
    golden: "tensor_to_cuda",
    run: () => x().to("cuda"),
    expect: /^to: device 'cuda' is not available: torch-ts runs on the cpu$/,
    facts: ["CUDA"],
    type: Error,
  },
  {
    golden: "module_to_cuda",
    run: () => new nn.Linear(2, 2).to("cuda"),
    expect: /^to: device 'cuda' is not available: torch-ts runs on the cpu$/,
    facts: ["CUDA"],
    type: Error,
  },
  // grad mode needs the function to run
  {
    golden: "no_grad_no_fn",
    run: () => call(torch.no_grad),
    expect: /^torch\.no_grad\(\) takes the function to run/,
    facts: ["missing", "'func'"],
  },
  // .grad setter and hooks
  {
    golden: "grad_set_list",
    run: () => {
      torch.ones(2, { requires_grad: true }).grad = [1, 2] as never;
    },
    expect: /^assigned grad expected to be a Tensor or None but got grad of type list$/,
    facts: ["assigned grad expected to be a Tensor or None but got grad of type", "list"],
  },
  {
    golden: "grad_set_size",
    run: () => {
      torch.ones(2, { requires_grad: true }).grad = torch.ones(1);
    },
    expect: "exact",
    type: Error,
  },
  {
    golden: "grad_set_dtype",
    run: () => {
      torch.ones(2, { requires_grad: true }).grad = torch.ones(2, { dtype: torch.float64 });
    },
    expect: "exact",
    type: Error,
  },
  { golden: "hook_size", run: () => hook_result(torch.ones(2)), expect: "exact", type: Error },
  {
    golden: "hook_dtype",
    run: () => hook_result(torch.ones(3, { dtype: torch.float64 })),
    expect: "exact",
    type: Error,
  },
];

function hook_result(result: torch.Tensor): void {
  const a = torch.ones(3, { requires_grad: true });
  const b = a.mul(2);
  b.register_hook(() => result);
  b.sum().backward();
}

for (const row of ROWS) {
  test(`bad argument: ${row.golden}`, () => {
    const py = G.errors[row.golden];
    assert.ok(py, `fixture has ${row.golden}`);
    assert.throws(row.run, (e: Error) => {
      const want = row.type ?? (py.type === "TypeError" ? TypeError : Error);
      assert.ok(e instanceof want, `${row.golden}: got ${e.constructor.name}: ${e.message}`);
      if (row.expect === "exact") assert.equal(e.message, py.message);
      else {
        assert.match(e.message, row.expect);
        for (const f of row.facts ?? []) assert.ok(py.message.includes(f), `PyTorch's message states ${f}`);
      }
      return true;
    });
  });
}

test("torch.randn() and friends need a size; [] gives a 0-dim tensor", () => {
  assert.deepEqual(torch.randn([]).shape, []);
  assert.deepEqual(torch.zeros([]).shape, []);
});

test("a .grad that fits is accepted, and null clears it", () => {
  const p = torch.ones(2, { requires_grad: true });
  p.grad = torch.tensor([1, 2]);
  assert.deepEqual(p.grad.tolist(), [1, 2]);
  p.grad = null;
  assert.equal(p.grad, null);
});

test("sizes are checked before allocating, and the limit is stated", () => {
  assert.throws(
    () => torch.zeros(1e10),
    (e: Error) =>
      e instanceof RangeError &&
      /cannot allocate a tensor of size \[10000000000\] \(10000000000 elements of float32, 40000000000 bytes\)/.test(
        e.message,
      ) &&
      /at most 4294967296 \(2\^32\) elements/.test(e.message),
  );
  assert.throws(
    () => torch.ones(1).expand(1e5, 1e5).contiguous(),
    /cannot allocate a tensor of size \[100000, 100000\]/,
  );
});
