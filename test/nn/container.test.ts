/**
 * The containers against PyTorch (test/golden/gen_nn_module.py): reprs (ModuleList's PyTorch 2
 * compressed form, ParameterList/Dict lines, nested indentation, extra_repr over several
 * lines), Sequential/ModuleList/ModuleDict/ParameterList/ParameterDict operations with the
 * names, order and state_dict keys PyTorch gives.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as torch from "../../src/index.js";
import { Net, golden } from "./module_models.js";

const { nn } = torch;
type Module = torch.nn.Module;
const R = golden.reprs as unknown as Record<string, string>;
const C = golden.containers;
const keys = <T>(it: Iterable<[string, T]>) => [...it].map(([k]) => k);

class Multi extends nn.Module {
  layers = new nn.ModuleList([new nn.Linear(2, 2), new nn.Linear(2, 2), new nn.ReLU()]);
  override extra_repr(): string {
    return "first line\nsecond line";
  }
}

test("reprs are PyTorch's", () => {
  assert.equal(String(new Net()), R.net);
  assert.equal(
    String(new nn.Sequential(new nn.Linear(4, 8), new nn.ReLU(), new nn.Dropout(0.5), new nn.Linear(8, 1))),
    R.sequential,
  );
  assert.equal(
    String(
      new nn.Sequential(
        new Map<string, Module>([
          ["conv", new nn.Linear(2, 3)],
          ["act", new nn.ReLU()],
        ]),
      ),
    ),
    R.sequential_named,
  );
  assert.equal(
    String(
      new nn.ModuleList([
        new nn.ReLU(),
        new nn.ReLU(),
        new nn.Linear(2, 3),
        new nn.Linear(2, 3),
        new nn.ReLU(),
      ]),
    ),
    R.modulelist,
  );
  assert.equal(String(new nn.ModuleList()), R.modulelist_empty);
  assert.equal(String(new nn.ModuleDict({ b: new nn.ReLU(), a: new nn.Linear(1, 2) })), R.moduledict);
  assert.equal(String(new Multi()), R.multi);
  assert.equal(String(new nn.Sequential(new Multi(), new nn.Sequential(new nn.ReLU()))), R.nested);
  assert.equal(
    String(
      new nn.ParameterList([new nn.Parameter(torch.zeros(2, 3)), torch.zeros([], { dtype: torch.float64 })]),
    ),
    R.parameterlist,
  );
  assert.equal(
    String(
      new nn.ParameterDict([
        ["w", new nn.Parameter(torch.zeros(4))],
        ["b", torch.zeros(1, 2)],
      ]),
    ),
    R.parameterdict,
  );
  assert.equal(String(new nn.Sequential()), R.empty);
});

function layers(n: number): torch.nn.Linear[] {
  return Array.from({ length: n }, (_, i) => new nn.Linear(i + 1, i + 2));
}

test("Sequential: get (negative, slices keep names), delete, insert, append, extend, pop", () => {
  const seq = new nn.Sequential(...layers(4));
  assert.equal(seq.len(), 4);
  assert.equal(String(seq.get(torch.slice(1, 3))), C.seq_slice);
  assert.equal(String(seq.get("1:3")), C.seq_slice);
  assert.equal(String(seq.get(torch.slice(null, null, -2))), C.seq_slice_step);
  assert.equal(String(seq.get(-1)), C.seq_neg);
  assert.throws(() => seq.get(4), /index 4 is out of range/);
  assert.throws(() => seq.get(-5), /index -5 is out of range/);
  seq.delete(1);
  assert.equal(String(seq), C.seq_del);
  seq.insert(1, new nn.ReLU());
  assert.equal(String(seq), C.seq_insert);
  assert.equal(seq.append(new nn.Tanh()), seq);
  seq.extend([new nn.Sigmoid()]);
  assert.equal(String(seq), C.seq_append);
  const popped = seq.pop(0);
  assert.deepEqual([String(popped), String(seq)], C.seq_pop);
  seq.delete(torch.slice(1, 3));
  assert.equal(String(seq), C.seq_del_slice);
  assert.deepEqual([...seq.state_dict().keys()], C.seq_keys);
  assert.deepEqual(
    [...seq].map((m) => m.constructor.name),
    ["ReLU", "Tanh", "Sigmoid"],
  );
  assert.throws(() => seq.insert(5, new nn.ReLU()), /Index out of range: 5/);
  const lin = new nn.Linear(1, 1);
  seq.set(-1, lin);
  assert.equal(seq.get(2), lin);
});

test("Sequential from ordered entries: names kept by slices, renumbered by deletion", () => {
  const named = new nn.Sequential(
    new Map<string, Module>([
      ["a", new nn.Linear(1, 2)],
      ["b", new nn.ReLU()],
      ["c", new nn.Linear(2, 3)],
    ]),
  );
  assert.equal(String(named.get(torch.slice(1, null))), C.named_slice);
  assert.deepEqual([...named.get("1:").state_dict().keys()], C.named_slice_keys);
  named.delete(0);
  assert.equal(String(named), C.named_del);
});

test("Sequential forward chains its modules; typed access with a type argument", () => {
  const seq = new nn.Sequential<torch.nn.Linear[]>(new nn.Linear(2, 3), new nn.Linear(3, 1));
  const x = torch.ones(4, 2);
  const manual = seq.get(1)(seq.get(0)(x));
  torch.testing.assert_close(seq(x), manual);
  assert.equal(seq.get(0).in_features, 2);
});

test("ModuleList: insert, append, extend, delete, slices; iteration; no forward", () => {
  const ml = new nn.ModuleList<Module>(layers(3));
  ml.insert(1, new nn.ReLU());
  ml.append(new nn.Tanh());
  ml.extend([new nn.Linear(5, 5)]);
  assert.equal(String(ml), C.ml_ops);
  ml.delete(0);
  assert.equal(String(ml), C.ml_del);
  assert.equal(String(ml.get(torch.slice(1, 3))), C.ml_slice);
  assert.deepEqual([...ml.state_dict().keys()], C.ml_keys);
  assert.equal(ml.len(), 5);
  assert.equal([...ml].length, 5);
  const t = new nn.Tanh();
  ml.set(-1, t);
  assert.equal(ml.get(4), t);
  assert.equal(ml.pop(-1), t);
  assert.equal(ml.len(), 4);
  assert.throws(() => ml.get(9), /index 9 is out of range/);
  assert.throws(
    () => ml.extend(3 as unknown as Module[]),
    /ModuleList\.extend should be called with an iterable, but got int/,
  );
  assert.throws(
    () => (ml as unknown as () => void)(),
    /Module \[ModuleList\] is missing the required "forward" function/,
  );
  // typed iteration: a list of Linear layers is callable element by element
  const lins = new nn.ModuleList([new nn.Linear(2, 2), new nn.Linear(2, 2)]);
  let x = torch.ones(1, 2);
  for (const l of lins) x = l(x);
  assert.deepEqual(x.shape, [1, 2]);
});

test("ModuleDict keeps insertion order, integer-like keys included (given as pairs)", () => {
  const md = new nn.ModuleDict([
    ["b", new nn.Linear(1, 1)],
    ["10", new nn.ReLU()],
    ["2", new nn.Linear(2, 2)],
  ]);
  md.set("a", new nn.Tanh());
  assert.deepEqual(md.keys(), C.md_keys);
  assert.deepEqual([...md], C.md_keys);
  assert.deepEqual([...md.state_dict().keys()], C.md_state);
  assert.ok(md.pop("10") instanceof nn.ReLU);
  assert.deepEqual(md.keys(), C.md_pop);
  assert.equal(md.len(), 3);
  assert.ok(md.has("a") && !md.has("10"));
  assert.deepEqual(
    md.items().map(([k, v]) => [k, v.constructor.name]),
    [
      ["b", "Linear"],
      ["2", "Linear"],
      ["a", "Tanh"],
    ],
  );
  assert.equal(md.values().length, 3);
  assert.throws(() => md.get("zz"), /'zz'/);
  assert.throws(() => md.set("keys", new nn.ReLU()), /attribute 'keys' already exists/);
  md.update({ c: new nn.ReLU() });
  assert.deepEqual(md.keys(), ["b", "2", "a", "c"]);
  md.update(new nn.ModuleDict({ d: new nn.ReLU() }));
  assert.deepEqual(md.keys(), ["b", "2", "a", "c", "d"]);
  assert.throws(
    () => md.update([["x"]] as unknown as [string, Module][]),
    /element #0 has length 1; 2 is required/,
  );
  md.delete("b");
  md.clear();
  assert.equal(md.len(), 0);
});

test("ParameterList and ParameterDict register tensors as Parameters, in order", () => {
  const pl = new nn.ParameterList([torch.zeros(2), new nn.Parameter(torch.ones(3))]);
  pl.append(torch.zeros(1, 1));
  assert.deepEqual(keys(pl.named_parameters()), C.pl_names);
  assert.deepEqual(
    [...pl].map((p) => p instanceof nn.Parameter),
    C.pl_is_param,
  );
  assert.equal(pl.len(), 3);
  assert.deepEqual(pl.get(-1).shape, [1, 1]);
  assert.equal(pl.get(torch.slice(0, 2)).len(), 2);
  assert.throws(() => (pl as unknown as () => void)(), /ParameterList should not be called\./);

  const pd = new nn.ParameterDict([
    ["z", torch.zeros(2)],
    ["1", torch.ones(1)],
  ]);
  pd.set("a", new nn.Parameter(torch.ones(2, 2)));
  assert.deepEqual(keys(pd.named_parameters()), C.pd_names);
  assert.ok(pd.get("z") instanceof nn.Parameter);
  assert.equal(pd.get("missing", null), null);
  assert.throws(() => pd.get("missing"), /'missing'/);
  assert.ok(pd.has("1"));
  assert.deepEqual(pd.keys(), ["z", "1", "a"]);
  assert.equal(pd.pop("1").shape[0], 1);
  assert.equal(pd.setdefault("q", torch.zeros(3)).shape[0], 3);
  assert.deepEqual([...pd], ["z", "a", "q"]);
  // in a model, the containers' parameters reach optimizers and state_dict
  class M extends nn.Module {
    ps = pd;
  }
  assert.deepEqual([...new M().state_dict().keys()], ["ps.z", "ps.a", "ps.q"]);
});

test("ParameterDict checks parameter names as register_parameter does (PyTorch's KeyErrors)", () => {
  const pd = new nn.ParameterDict();
  assert.throws(() => pd.set("a.b", torch.zeros(1)), /parameter name can't contain "\."/);
  assert.throws(() => pd.set("", torch.zeros(1)), /parameter name can't be empty string ""/);
  assert.throws(() => pd.set("keys", torch.zeros(1)), /attribute 'keys' already exists/);
  assert.deepEqual(pd.keys(), []);
  pd.set("w", torch.zeros(1));
  pd.set("w", torch.ones(2)); // replacing an entry is allowed
  assert.deepEqual(
    [...pd.named_parameters()].map(([n, p]) => [n, p.shape]),
    [["w", [2]]],
  );
});
