/**
 * The activation modules against PyTorch: each constructor call of the generator (positional
 * arguments, then options) gives PyTorch's repr and PyTorch's forward on one input; PReLU's
 * weight is a registered Parameter filled with `init` that receives PyTorch's gradient.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as torch from "../../src/index.js";
import { decode, load_golden, type EncodedTensor } from "../helpers/golden.js";

const { nn } = torch;
type E = EncodedTensor;
interface ModuleCase {
  cls: string;
  args: unknown[];
  kwargs: Record<string, unknown>;
  repr: string;
  y: E;
}
interface Golden {
  modules: { modules: ModuleCase[]; x: E };
  prelu_module: { x: E; weight: E; y: E; weight_grad: E; params: string[]; state_dict: string[] };
}
const golden = load_golden<Golden>("activation");
const close = (a: torch.Tensor, e: E, msg: string) =>
  torch.testing.assert_close(a, decode(e), { equal_nan: true, msg });

type Ctor = new (...args: unknown[]) => torch.nn.Module & ((x: torch.Tensor) => torch.Tensor);
function construct(c: ModuleCase) {
  const cls = (nn as unknown as Record<string, Ctor>)[c.cls];
  assert.ok(cls, `nn.${c.cls} exists`);
  return Object.keys(c.kwargs).length ? new cls(...c.args, c.kwargs) : new cls(...c.args);
}

for (const c of golden.modules.modules) {
  const label = `nn.${c.cls}(${[...c.args.map(String), ...Object.entries(c.kwargs).map(([k, v]) => `${k}=${String(v)}`)].join(", ")})`;
  test(`${label}: repr and forward`, () => {
    const m = construct(c);
    assert.equal(String(m), c.repr);
    const x = decode(golden.modules.x);
    const y = m(x);
    close(y, c.y, label);
  });
}

test("inplace modules write into their input", () => {
  const x = torch.tensor([-1, 0.5, 2]);
  const y = new nn.ReLU(true)(x);
  assert.equal(y, x);
  torch.testing.assert_close(x, torch.tensor([0, 0.5, 2]));
  const z = torch.tensor([-1, 0.5, 7]);
  assert.equal(new nn.ReLU6({ inplace: true })(z), z);
  torch.testing.assert_close(z, torch.tensor([0, 0.5, 6]));
});

test("nn.PReLU: weight Parameter, init, forward and gradient as PyTorch", () => {
  const p = golden.prelu_module;
  const m = new nn.PReLU(3, 0.1);
  assert.ok(m.weight instanceof nn.Parameter);
  close(m.weight, p.weight, "weight init");
  assert.deepEqual(
    [...m.named_parameters()].map(([n]) => n),
    p.params,
  );
  assert.deepEqual([...m.state_dict().keys()], p.state_dict);
  const y = m(decode(p.x));
  close(y, p.y, "PReLU forward");
  y.backward(
    torch.tensor([
      [1, -2, 0.5],
      [3, 1, -1],
    ]),
  );
  close(m.weight.grad!, p.weight_grad, "PReLU weight grad");
  const m64 = new nn.PReLU({ num_parameters: 2, dtype: torch.float64 });
  assert.equal(m64.weight.dtype, torch.float64);
  assert.deepEqual(m64.weight.shape, [2]);
  torch.testing.assert_close(m64.weight.detach(), torch.full([2], 0.25, { dtype: torch.float64 }));
});

test("Hardtanh requires max_val > min_val, as PyTorch asserts", () => {
  assert.throws(() => new nn.Hardtanh(2, 1), /AssertionError/);
});
