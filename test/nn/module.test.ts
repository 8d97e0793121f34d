/**
 * nn.Module against PyTorch (test/golden/gen_nn_module.py): a nested model's parameter, buffer
 * and module names in PyTorch's order, state_dict keys/shapes/values, forward after loading
 * PyTorch's weights, load_state_dict's messages and strict=false results; plus modes, grads,
 * dtype conversion under an optimizer, registration checks and the callable-module trap.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as torch from "../../src/index.js";
import { decode } from "../helpers/golden.js";
import { Net, close, golden, sd_of, type E, type SD } from "./module_models.js";

const { nn } = torch;
type Tensor = torch.Tensor;

interface Structure {
  state_dict: SD;
  named_parameters: string[];
  named_parameters_prefix: string[];
  named_parameters_no_recurse: string[];
  named_parameters_dup: string[];
  named_buffers: string[];
  named_children: string[];
  named_modules: [string, string][];
  named_modules_dup: string[];
  n_parameters: number;
  repr: string;
  x: E;
  y: E;
}
const S = golden.structure as unknown as Structure;
const keys = <T>(it: Iterable<[string, T]>) => [...it].map(([k]) => k);

test("names and order of parameters, buffers, children and modules are PyTorch's", () => {
  const net = new Net();
  assert.deepEqual(keys(net.named_parameters()), S.named_parameters);
  assert.deepEqual(keys(net.named_parameters("model")), S.named_parameters_prefix);
  assert.deepEqual(keys(net.named_parameters({ prefix: "model" })), S.named_parameters_prefix);
  assert.deepEqual(keys(net.named_parameters("", false)), S.named_parameters_no_recurse);
  assert.deepEqual(keys(net.named_parameters({ remove_duplicate: false })), S.named_parameters_dup);
  assert.deepEqual(keys(net.named_buffers()), S.named_buffers);
  assert.deepEqual(keys(net.named_children()), S.named_children);
  assert.deepEqual(
    [...net.named_modules()].map(([k, m]) => [k, m.constructor.name]),
    S.named_modules,
  );
  assert.deepEqual(keys(net.named_modules(null, "", false)), S.named_modules_dup);
  assert.deepEqual(keys(net.named_modules({ remove_duplicate: false })), S.named_modules_dup);
  assert.equal([...net.parameters()].length, S.n_parameters);
  assert.equal([...net.modules()].length, S.named_modules.length);
  assert.equal([...net.children()][0], net.fc);
  assert.equal(String(net), S.repr);
});

test("state_dict: keys, shapes and dtypes in PyTorch's order; detached; shared modules under each name", () => {
  const net = new Net();
  const sd = net.state_dict();
  assert.deepEqual(
    [...sd].map(([k, v]) => [k, v.shape, String(v.dtype)]),
    S.state_dict.map(([k, v]) => [k, v.shape, `torch.${v.dtype}`]),
  );
  assert.equal(sd.get("fc.weight")?.requires_grad, false);
  assert.equal(net.state_dict({ keep_vars: true }).get("fc.weight"), net.fc.weight);
  assert.deepEqual(
    [...net.state_dict({ prefix: "m." }).keys()],
    S.state_dict.map(([k]) => `m.${k}`),
  );
  // a state_dict value shares the parameter's storage, as PyTorch's detach() does
  sd.get("alpha")?.fill_(3);
  assert.equal(net.alpha.item(), 3);
});

test("load_state_dict of PyTorch's weights gives PyTorch's forward", () => {
  const net = new Net();
  const res = net.load_state_dict(sd_of(S.state_dict));
  assert.deepEqual([res.missing_keys, res.unexpected_keys], [[], []]);
  assert.equal(String(res), "<All keys matched successfully>");
  net.eval();
  const y = net(decode(S.x));
  close(y, S.y);
  // a record works too, and values are copied, not aliased
  const rec = Object.fromEntries(sd_of(S.state_dict));
  net.load_state_dict(rec);
  assert.notEqual(net.fc.weight._storage, rec["fc.weight"]._storage);
});

interface Load {
  state_dict: SD;
  messages: Record<string, string>;
  loose_keys: string[];
  nonstrict: { missing_keys: string[]; unexpected_keys: string[]; count: E; fc_weight: E };
}
const L = golden.load as unknown as Load;

function base(): Map<string, Tensor> {
  return sd_of(L.state_dict);
}

test("load_state_dict errors: PyTorch's full messages", () => {
  const sd = base();
  const without = (...ks: string[]) => new Map([...sd].filter(([k]) => !ks.includes(k)));
  const throws = (f: () => unknown, expected: string) => {
    let got: string | null = null;
    try {
      f();
    } catch (e) {
      got = (e as Error).message;
    }
    assert.equal(got, expected);
  };
  throws(() => new Net().load_state_dict(without("fc.bias", "block.running")), L.messages.missing);

  const unexpected = new Map(sd);
  unexpected.set("extra", torch.zeros(1));
  unexpected.set("block.tmp", torch.zeros(2));
  unexpected.set("seq.0.weight.x", torch.zeros(1));
  unexpected.set("seq.7.weight", torch.zeros(1));
  // PyTorch 2 reports a dotted name under a parameter and a child module's bare name
  unexpected.set("block", torch.zeros(1));
  throws(() => new Net().load_state_dict(unexpected), L.messages.unexpected);

  const mismatch = new Map(sd);
  mismatch.set("fc.weight", torch.zeros(2, 4));
  mismatch.set("block.lin.bias", torch.zeros(4));
  throws(() => new Net().load_state_dict(mismatch), L.messages.size_mismatch);
  throws(() => new Net().load_state_dict(mismatch, false), L.messages.size_mismatch_nonstrict);
  throws(() => new Net().load_state_dict(mismatch, { strict: false }), L.messages.size_mismatch_nonstrict);

  const all = new Map([...mismatch].filter(([k]) => k !== "alpha"));
  all.set("bogus", torch.zeros(1));
  throws(() => new Net().load_state_dict(all), L.messages.all);
  assert.match(
    assert_error(() => new Net().load_state_dict(all)),
    /^Error\(s\) in loading state_dict for Net:\n\tMissing key\(s\) in state_dict: "alpha"\. /,
  );
});

function assert_error(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error("expected an error");
}

test("load_state_dict(strict=false): reports keys, copies what matches, 1-dim into 0-dim", () => {
  const sd = base();
  const loose = new Map([...sd].filter(([k]) => k !== "seq.0.bias"));
  loose.set("count", torch.tensor([5], { dtype: torch.int64 }));
  loose.set("head.weight", torch.zeros(1));
  assert.deepEqual([...loose.keys()], L.loose_keys);
  const target = new Net();
  const res = target.load_state_dict(loose, false);
  assert.deepEqual(res.missing_keys, L.nonstrict.missing_keys);
  assert.deepEqual(res.unexpected_keys, L.nonstrict.unexpected_keys);
  const [missing, unexpected] = res;
  assert.deepEqual([missing, unexpected], [L.nonstrict.missing_keys, L.nonstrict.unexpected_keys]);
  close(target.count, L.nonstrict.count);
  close(target.fc.weight, L.nonstrict.fc_weight);
  // strict: the matching entries are copied before the error is raised, as in PyTorch
  const strict_target = new Net();
  assert.throws(() => strict_target.load_state_dict(loose), /Missing key\(s\) in state_dict: "seq\.0\.bias"/);
  close(strict_target.fc.weight, L.nonstrict.fc_weight);
});

test("load_state_dict(assign=true) puts the given tensors in place, as Parameters", () => {
  const net = new Net();
  const sd = base();
  net.load_state_dict(sd, { assign: true });
  // fc is also registered as `tied`, which comes later and wins, as in PyTorch
  assert.equal(net.fc.weight._storage, sd.get("tied.weight")?._storage);
  assert.ok(net.fc.weight instanceof nn.Parameter);
  assert.equal(net.fc.weight.requires_grad, true);
  assert.equal(net.block.running, sd.get("block.running"));
});

test("non-tensor values in a state_dict", () => {
  const sd = base() as Map<string, unknown>;
  sd.set("alpha", 3);
  assert.match(
    assert_error(() => new Net().load_state_dict(sd as Map<string, Tensor>)),
    /While copying the parameter named "alpha", expected torch\.Tensor or Tensor-like object from checkpoint but received <class 'int'>/,
  );
});

test("train/eval set training on every module, through children's train()", () => {
  const net = new Net();
  assert.equal(net.training, true);
  const seen: boolean[] = [];
  const orig = net.block.train.bind(net.block);
  net.block.train = (mode = true) => {
    seen.push(mode);
    return orig(mode);
  };
  assert.equal(net.eval(), net);
  assert.deepEqual(
    [...net.modules()].map((m) => m.training),
    [...net.modules()].map(() => false),
  );
  assert.deepEqual(seen, [false]);
  net.train();
  assert.ok([...net.modules()].every((m) => m.training));
  assert.throws(() => net.train("yes" as unknown as boolean), /training mode is expected to be boolean/);
});

test("zero_grad sets grads to null by default (PyTorch 2), or zeroes them in place", () => {
  const net = new Net();
  net(torch.ones(2, 4)).sum().backward();
  const g = net.fc.weight.grad as Tensor;
  assert.ok(g);
  net.zero_grad({ set_to_none: false });
  assert.equal(net.fc.weight.grad, g);
  assert.deepEqual(g.tolist(), torch.zeros(3, 4).tolist());
  net.zero_grad();
  assert.equal(net.fc.weight.grad, null);
  assert.equal(net.alpha.grad, null);
});

test("requires_grad_ and apply", () => {
  const net = new Net();
  net.requires_grad_(false);
  assert.ok([...net.parameters()].every((p) => !p.requires_grad));
  net.requires_grad_();
  assert.ok([...net.parameters()].every((p) => p.requires_grad));
  const order: string[] = [];
  assert.equal(
    net.apply((m) => order.push(m.constructor.name)),
    net,
  );
  // children first, then the module itself, as PyTorch's apply
  assert.deepEqual(order, ["Linear", "Linear", "Block", "Linear", "ReLU", "Dropout", "Sequential", "Net"]);
});

interface ToDouble {
  state_dict: SD;
  x: E;
  loss: [E, E];
  after: SD;
}

test("double(): parameters keep their identity, so an optimizer made before keeps working", () => {
  const T = golden.to_double as unknown as ToDouble;
  const model = new nn.Sequential(new nn.Linear(3, 2));
  model.load_state_dict(sd_of(T.state_dict));
  const opt = new torch.optim.SGD(model.parameters(), { lr: 0.1, momentum: 0.9 });
  const x = decode(T.x);
  const loss = model(x).pow(2).sum();
  close(loss, T.loss[0]);
  loss.backward();
  opt.step();
  const lin = model.get(0);
  const w = lin.weight;
  assert.equal(model.double(), model);
  assert.equal(lin.weight, w);
  assert.equal(w.dtype, torch.float64);
  assert.equal(w.grad?.dtype, torch.float64);
  opt.zero_grad();
  const loss2 = model(x.double()).pow(2).sum();
  close(loss2, T.loss[1]);
  loss2.backward();
  assert.equal(w.grad?.dtype, torch.float64);
  opt.step();
  for (const [k, v] of model.state_dict()) {
    const e = T.after.find(([n]) => n === k);
    assert.ok(e);
    close(v, e[1], k);
  }
});

test("to(dtype) casts floating parameters and buffers only; float() back", () => {
  const net = new Net();
  const alpha = net.alpha;
  net.to(torch.float64);
  assert.equal(net.alpha, alpha);
  assert.equal(net.block.running.dtype, torch.float64);
  assert.equal(net.count.dtype, torch.int64);
  net.float();
  assert.equal(net.fc.weight.dtype, torch.float32);
  net.to({ dtype: torch.float64 });
  assert.equal(net.fc.bias?.dtype, torch.float64);
  net.to(torch.zeros(1));
  assert.equal(net.fc.bias?.dtype, torch.float32);
  assert.equal(net.to("cpu"), net);
  assert.throws(
    () => net.to(torch.int64),
    /nn\.Module\.to only accepts floating point or complex dtypes, but got desired dtype=torch\.int64/,
  );
});

test("register_parameter / register_buffer / add_module: PyTorch's checks", () => {
  const m = new nn.Module();
  m.register_parameter("w", new nn.Parameter(torch.zeros(2)));
  m.register_parameter("b", null);
  m.register_buffer("buf", torch.zeros(1));
  m.register_buffer("tmp", torch.zeros(1), { persistent: false });
  m.add_module("sub", new nn.Linear(1, 1));
  assert.deepEqual([...m.state_dict().keys()], ["w", "buf", "sub.weight", "sub.bias"]);
  assert.deepEqual(keys(m.named_buffers()), ["buf", "tmp", "sub"].slice(0, 2));
  assert.throws(() => m.register_parameter("a.b", null), /parameter name can't contain "\."/);
  assert.throws(() => m.register_parameter("", null), /parameter name can't be empty string ""/);
  assert.throws(() => m.register_parameter("forward", null), /attribute 'forward' already exists/);
  assert.throws(() => m.register_buffer("w", torch.zeros(1)), /attribute 'w' already exists/);
  assert.throws(
    () => m.register_parameter("x", torch.zeros(1)),
    /cannot assign 'torch\.FloatTensor' object to parameter 'x' \(torch\.nn\.Parameter or None required\)/,
  );
  const nonleaf = new nn.Parameter(torch.zeros(1)).mul(2);
  Object.setPrototypeOf(nonleaf, nn.Parameter.prototype);
  assert.throws(() => m.register_parameter("y", nonleaf), /Cannot assign non-leaf Tensor/);
  assert.throws(
    () => m.register_buffer("z", 3 as unknown as Tensor),
    /cannot assign 'int' object to buffer 'z' \(torch Tensor or None required\)/,
  );
  assert.throws(() => m.add_module("q", 1 as unknown as torch.nn.Module), /int is not a Module subclass/);
  assert.throws(() => m.add_module("a.b", null), /module name can't contain "\.", got: a\.b/);
  assert.throws(() => m.add_module("training", null), /attribute 'training' already exists/);
  assert.equal(m.get_submodule("sub"), (m as unknown as { sub: torch.nn.Module }).sub);
  assert.equal(m.get_parameter("sub.weight"), (m.get_submodule("sub") as torch.nn.Linear).weight);
  assert.equal(m.get_buffer("buf").shape.length, 1);
  assert.throws(() => m.get_submodule("nope"), /Module has no attribute `nope`/);
  assert.throws(() => m.get_submodule("w"), /`w` is not an nn\.Module/);
  assert.throws(() => m.get_parameter("buf"), /`buf` is not an nn\.Parameter/);
  assert.throws(() => m(), /Module \[Module\] is missing the required "forward" function/);
});

test("the callable-module trap: fields named name/length, base state on the returned object, declaration order", () => {
  class Trap extends nn.Module {
    // the merged call signature types these as Function's, hence `override`
    override name = "my-name";
    override length = 3;
    zeta = new nn.Parameter(torch.zeros(1));
    alpha = new nn.Parameter(torch.ones(2));
    mode = "x";
    inner = new nn.Linear(2, 2);
    override forward(x: Tensor): Tensor {
      return this.inner(x.mul(this.alpha)).add(this.zeta);
    }
  }
  const t = new Trap();
  assert.equal(typeof t, "function");
  assert.ok(t instanceof Trap && t instanceof nn.Module);
  assert.equal(t.name, "my-name");
  assert.equal(t.length, 3);
  assert.equal(t.training, true);
  assert.equal(t.mode, "x");
  // class fields are registered in declaration order (not alphabetically)
  assert.deepEqual(keys(t.named_parameters()), ["zeta", "alpha", "inner.weight", "inner.bias"]);
  // the base's state is on the callable itself, per instance, and outside the property scan
  assert.ok(!Object.keys(t).includes("training"));
  const u = new Trap();
  t.eval();
  assert.equal(u.training, true);
  assert.notEqual(t._forward_hooks, u._forward_hooks);
  // a plain module has no function name/length showing through
  const m = new nn.Module();
  assert.equal((m as unknown as { name?: string }).name, undefined);
  assert.equal((m as unknown as { length?: number }).length, undefined);
  const y: Tensor = t(torch.ones(1, 2));
  assert.deepEqual(y.shape, [1, 2]);
  assert.deepEqual(t.forward(torch.ones(1, 2)).tolist(), y.tolist());
  // deleting a property unregisters it
  delete (t as unknown as { zeta?: unknown }).zeta;
  assert.deepEqual(keys(t.named_parameters()), ["alpha", "inner.weight", "inner.bias"]);
});

test("Parameter shares its data's storage and version counter, without history", () => {
  const data = torch.ones(3);
  const p = new nn.Parameter(data);
  assert.equal(p.requires_grad, true);
  assert.equal(p.is_leaf, true);
  data.add_(1);
  assert.deepEqual(p.tolist(), [2, 2, 2]);
  assert.equal(p._version, data._version);
  assert.equal(new nn.Parameter(torch.ones(1), false).requires_grad, false);
  assert.equal(new nn.Parameter(torch.ones(1), { requires_grad: false }).requires_grad, false);
  assert.deepEqual(new nn.Parameter().shape, [0]);
  assert.match(String(p), /^Parameter containing:\ntensor\(\[2\., 2\., 2\.\], requires_grad=True\)$/);
});
