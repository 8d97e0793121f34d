/**
 * nn.Conv1d, nn.Conv2d and nn.MaxPool2d against PyTorch (test/golden/gen_conv.py, sections
 * `modules` and `module_errors`): the parameters after torch.manual_seed(s), bit for bit (the
 * init draws in PyTorch's order), the repr, the output and the gradients of input and
 * parameters on every backend (padding modes included), and the constructors' errors.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as torch from "../../src/index.js";
import { decode, load_golden, type EncodedTensor } from "../helpers/golden.js";
import { gemm_tol } from "../helpers/backend.js";
import { test_each_backend } from "../helpers/for_each_backend.js";
import { expect_error, type PyError } from "../op_db/golden/case.js";

const { nn } = torch;
type Tensor = torch.Tensor;

interface ModuleCase {
  cls: "Conv1d" | "Conv2d" | "MaxPool1d" | "MaxPool2d" | "AvgPool2d";
  args: unknown[];
  kwargs: Record<string, unknown>;
  seed: number;
  repr: string;
  params: Record<string, EncodedTensor>;
  x: EncodedTensor;
  out: EncodedTensor;
  indices: EncodedTensor | null;
  grad_out: EncodedTensor;
  grad_x: EncodedTensor;
  grads: Record<string, EncodedTensor>;
}
interface ErrorCase {
  args: unknown[];
  kwargs: Record<string, unknown>;
  error: PyError;
}

const G = load_golden<{ modules: ModuleCase[]; module_errors: ErrorCase[] }>("conv");

type Ctor = new (...args: unknown[]) => torch.nn.Module & ((x: Tensor) => Tensor);
function make(c: ModuleCase): torch.nn.Module & ((x: Tensor) => Tensor) {
  const cls = nn[c.cls] as unknown as Ctor;
  const kw = Object.keys(c.kwargs).length > 0 ? [c.kwargs] : [];
  return new cls(...c.args, ...kw);
}

const label = (c: ModuleCase) => `${c.cls}(${JSON.stringify(c.args)}, ${JSON.stringify(c.kwargs)})`;

test("Conv1d, Conv2d, MaxPool1d and MaxPool2d modules: parameters after manual_seed (bit for bit) and repr", () => {
  for (const c of G.modules) {
    torch.manual_seed(c.seed);
    const m = make(c);
    assert.equal(String(m), c.repr, label(c));
    const params = Object.fromEntries(m.named_parameters());
    assert.deepEqual(Object.keys(params), Object.keys(c.params), label(c));
    for (const [k, v] of Object.entries(c.params)) {
      assert.deepEqual(params[k].shape, v.shape, `${label(c)} ${k}`);
      torch.testing.assert_close(params[k], decode(v), { rtol: 0, atol: 0, msg: `${label(c)} ${k}` });
    }
  }
});

test_each_backend(
  "Conv1d, Conv2d, MaxPool1d and MaxPool2d modules: outputs and gradients as PyTorch's",
  () => {
    for (const c of G.modules) {
      torch.manual_seed(c.seed);
      const m = make(c);
      const x = decode(c.x).requires_grad_();
      const res = m(x) as Tensor | Tensor[];
      const out = Array.isArray(res) ? res[0] : res;
      const tol = gemm_tol({ rtol: 1.3e-6, atol: 1e-5 });
      torch.testing.assert_close(out, decode(c.out), { ...tol, msg: `${label(c)} out` });
      if (c.indices) {
        assert.ok(Array.isArray(res), `${label(c)}: return_indices gives [values, indices]`);
        assert.deepEqual(res[1].tolist(), decode(c.indices).tolist(), `${label(c)} indices`);
      }
      out.backward(decode(c.grad_out));
      torch.testing.assert_close(x.grad!, decode(c.grad_x), { ...tol, msg: `${label(c)} grad x` });
      const params = Object.fromEntries(m.named_parameters());
      for (const [k, v] of Object.entries(c.grads)) {
        torch.testing.assert_close(params[k].grad!, decode(v), { ...tol, msg: `${label(c)} grad ${k}` });
      }
    }
  },
);

test("nn.Conv2d's constructor errors are PyTorch's", () => {
  for (const c of G.module_errors) {
    const msg = `Conv2d(${JSON.stringify(c.args)}, ${JSON.stringify(c.kwargs)})`;
    expect_error(() => new nn.Conv2d(...(c.args as [number, number, number]), c.kwargs), c.error, msg);
  }
});

test("nn.Conv2d takes its sizes by name, and names what is missing", () => {
  torch.manual_seed(0);
  const a = new nn.Conv2d({ in_channels: 1, out_channels: 8, kernel_size: 3, padding: 1 });
  torch.manual_seed(0);
  const b = new nn.Conv2d(1, 8, 3, 1, 1);
  assert.equal(String(a), String(b));
  assert.deepEqual(a.weight.tolist(), b.weight.tolist());
  assert.throws(
    () => new nn.Conv2d({ in_channels: 1 }),
    /Conv2d.__init__\(\) missing 2 required positional arguments: 'out_channels' and 'kernel_size'/,
  );
  assert.throws(() => new nn.Conv2d(1, 8, 3, { strid: 2 } as never), /unexpected keyword argument 'strid'/);
  assert.throws(() => new nn.Conv2d(1, 8, 2.5), /must be tuple of ints/);
});

test("a reflect padding wider than the input is refused, naming the sizes", () => {
  const m = new nn.Conv2d(1, 1, 7, { padding: 3, padding_mode: "reflect" });
  assert.throws(
    () => m(torch.zeros(1, 1, 3, 3)),
    /Padding size should be less than the corresponding input dimension/,
  );
});
