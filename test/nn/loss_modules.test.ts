/**
 * The loss modules (torch/nn/modules/loss.py): callable as `criterion(input, target)`, their
 * forward is the F.* of the same name with the module's options, constructor arguments in
 * PyTorch's positional order or as keywords, the legacy size_average/reduce pair, weights
 * registered as buffers (state_dict keys and repr from PyTorch, test/golden/gen_loss.py), and
 * a small training step through CrossEntropyLoss.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as torch from "../../src/index.js";
import { load_golden } from "../helpers/golden.js";

type Tensor = torch.Tensor;
const { nn } = torch;
const F = nn.functional;

function leaf(shape: number[], seed: number, lo = -1, hi = 1): Tensor {
  const n = shape.reduce((a, b) => a * b, 1);
  const data = Array.from(
    { length: n },
    (_, i) => lo + (hi - lo) * Math.abs((Math.sin(7.1 * (i + 1) + seed) * 1000) % 1),
  );
  return torch.tensor(data).reshape(shape);
}
const long = (v: number[]) => torch.tensor(v, { dtype: torch.int64 });
const same = (a: Tensor, b: Tensor) => torch.testing.assert_close(a, b, { rtol: 0, atol: 0 });

test("each module's forward is its F.* with the module's options", () => {
  const x = leaf([4, 3], 1);
  const y = leaf([4, 3], 2);
  const w = leaf([3], 3, 0.5, 1.5);
  const t = long([0, 2, -100, 1]);
  same(new nn.MSELoss()(x, y), F.mse_loss(x, y));
  same(new nn.MSELoss({ reduction: "sum" })(x, y), F.mse_loss(x, y, { reduction: "sum" }));
  same(new nn.L1Loss({ reduction: "none" })(x, y), F.l1_loss(x, y, { reduction: "none" }));
  same(new nn.SmoothL1Loss({ beta: 0.3 })(x, y), F.smooth_l1_loss(x, y, { beta: 0.3 }));
  same(new nn.HuberLoss("sum", { delta: 0.4 })(x, y), F.huber_loss(x, y, { reduction: "sum", delta: 0.4 }));
  same(
    new nn.CrossEntropyLoss(w, { label_smoothing: 0.2 })(x, t),
    F.cross_entropy(x, t, w, { label_smoothing: 0.2 }),
  );
  same(
    new nn.CrossEntropyLoss({ ignore_index: 2 })(x, long([0, 2, 2, 1])),
    F.cross_entropy(x, long([0, 2, 2, 1]), { ignore_index: 2 }),
  );
  const logp = F.log_softmax(x, 1);
  same(new nn.NLLLoss(w, { reduction: "none" })(logp, t), F.nll_loss(logp, t, w, { reduction: "none" }));
  const p = leaf([4, 3], 4, 0.1, 0.9);
  const q = leaf([4, 3], 5, 0, 1);
  same(new nn.BCELoss(w)(p, q), F.binary_cross_entropy(p, q, w));
  same(
    new nn.BCEWithLogitsLoss({ pos_weight: w })(x, q),
    F.binary_cross_entropy_with_logits(x, q, { pos_weight: w }),
  );
  same(new nn.KLDivLoss({ reduction: "batchmean" })(logp, q), F.kl_div(logp, q, { reduction: "batchmean" }));
  const s = torch.tensor([1, -1, 1, -1]);
  same(new nn.CosineEmbeddingLoss(0.1)(x, y, s), F.cosine_embedding_loss(x, y, s, 0.1));
  same(
    new nn.MarginRankingLoss(0.2)(x.select(1, 0), y.select(1, 0), s),
    F.margin_ranking_loss(x.select(1, 0), y.select(1, 0), s, 0.2),
  );
  same(
    new nn.TripletMarginLoss({ p: 1, swap: true })(x, y, p),
    F.triplet_margin_loss(x, y, p, { p: 1, swap: true }),
  );
  same(new nn.GaussianNLLLoss({ full: true })(x, y, q.add(0.1)), F.gaussian_nll_loss(x, y, q.add(0.1), true));
  same(new nn.PoissonNLLLoss(false, { eps: 0.1 })(p, q), F.poisson_nll_loss(p, q, false, { eps: 0.1 }));
});

test("modules print and register weights as PyTorch does", () => {
  interface ModuleCase {
    fn: string;
    module: string;
    repr: string;
    keys: string[];
    reduction: string;
  }
  const cases = load_golden<ModuleCase[]>("loss").filter((c) => c.fn === "module");
  const w = torch.rand(3);
  type LossLike = Pick<torch.nn.Module, "state_dict" | "parameters" | "toString"> & { reduction: string };
  const make: Record<string, () => LossLike> = {
    MSELoss: () => new nn.MSELoss(),
    CrossEntropyLoss: () => new nn.CrossEntropyLoss(w, { label_smoothing: 0.1 }),
    NLLLoss: () => new nn.NLLLoss(),
    BCEWithLogitsLoss: () => new nn.BCEWithLogitsLoss({ pos_weight: w }),
    TripletMarginLoss: () => new nn.TripletMarginLoss(),
    KLDivLoss: () => new nn.KLDivLoss({ reduction: "batchmean" }),
  };
  assert.equal(cases.length, Object.keys(make).length);
  for (const c of cases) {
    const m = make[c.module]();
    assert.equal(String(m), c.repr);
    assert.deepEqual([...m.state_dict().keys()], c.keys, c.module);
    assert.equal(m.reduction, c.reduction);
    assert.equal([...m.parameters()].length, 0);
  }
});

test("legacy size_average / reduce set the reduction; bad reductions fail when computed", () => {
  assert.equal(new nn.MSELoss({ size_average: false }).reduction, "sum");
  assert.equal(new nn.MSELoss({ reduce: false }).reduction, "none");
  assert.equal(new nn.CrossEntropyLoss(null, { size_average: true, reduce: true }).reduction, "mean");
  const x = leaf([2, 3], 6);
  same(F.mse_loss(x, x.mul(2), { size_average: false }), F.mse_loss(x, x.mul(2), { reduction: "sum" }));
  const bad = new nn.L1Loss({ reduction: "avg" as "mean" });
  assert.throws(() => bad(x, x), /avg is not a valid value for reduction/);
  assert.throws(() => new nn.MSELoss({ beta: 1 } as never), /unexpected keyword argument 'beta'/);
});

test("a training step through CrossEntropyLoss: gradients reach the weights and the loss falls", () => {
  torch.manual_seed(0);
  const model = new nn.Linear(4, 3);
  const criterion = new nn.CrossEntropyLoss();
  const x = leaf([6, 4], 7);
  const target = long([0, 1, 2, 2, 1, 0]);
  const loss0 = criterion(model(x), target);
  assert.equal(loss0.grad_fn?.name(), "NllLossBackward0");
  loss0.backward();
  const g = model.weight.grad;
  assert.ok(g && Number(g.abs().sum().item()) > 0);
  torch.no_grad(() => {
    for (const p of model.parameters()) p.sub_((p.grad as Tensor).mul(0.5));
  });
  const loss1 = criterion(model(x), target);
  assert.ok(Number(loss1.item()) < Number(loss0.item()));
});

test("create_graph: a loss's gradient is itself differentiable", () => {
  const x = leaf([3, 4], 8).double().requires_grad_(true);
  const y = leaf([3, 4], 9).double();
  const [g] = torch.autograd.grad(F.mse_loss(x, y), [x], { create_graph: true });
  // dL/dx = 2/n * (x - y), so d(sum(dL/dx))/dx = 2/n in every element (n = 12)
  assert.ok(g);
  const [gg] = torch.autograd.grad(g.sum(), [x]);
  assert.ok(gg);
  torch.testing.assert_close(gg, torch.full([3, 4], 2 / 12, { dtype: torch.float64 }));
});

test("pointwise losses warn, once per message as Python does, when target and input sizes differ", (t) => {
  const warn = t.mock.method(console, "warn", () => undefined);
  const out = torch.zeros(7, 1);
  const y = torch.ones(7);
  // broadcast to [7, 7], as PyTorch does after its warning
  assert.deepEqual(new nn.MSELoss({ reduction: "none" })(out, y).shape, [7, 7]);
  assert.equal(warn.mock.callCount(), 1);
  // torch/nn/functional.py's warnings.warn text
  assert.equal(
    warn.mock.calls[0].arguments[0],
    "Using a target size (torch.Size([7])) that is different to the input size (torch.Size([7, 1])). This will likely lead to incorrect results due to broadcasting. Please ensure they have the same size.",
  );
  F.l1_loss(out, y);
  F.smooth_l1_loss(out, y);
  F.huber_loss(out, y);
  assert.equal(warn.mock.callCount(), 1);
  F.huber_loss(out, torch.ones(1, 7));
  assert.equal(warn.mock.callCount(), 2);
  F.mse_loss(y, y);
  assert.equal(warn.mock.callCount(), 2);
});

test("nn.MSELoss gives F.mse_loss's results and errors: each reduction, a broadcast target, a bad reduction", () => {
  const x = torch
    .tensor([
      [1, 2],
      [3, 5],
    ])
    .requires_grad_();
  for (const reduction of ["mean", "sum", "none"] as const) {
    for (const t of [
      torch.tensor([
        [0, 1],
        [1, 1],
      ]),
      torch.tensor([
        [2, 0],
        [1, 0],
      ]),
    ]) {
      const m = new nn.MSELoss({ reduction });
      assert.deepEqual(m(x, t).tolist(), torch.nn.functional.mse_loss(x, t, { reduction }).tolist());
      assert.equal(m(x, t).grad_fn?.name(), "MseLossBackward0");
    }
  }
  // a [2, 1] target against [2, 2]: broadcast (with PyTorch's warning), as F.mse_loss does
  const t1 = torch.tensor([[1], [2]]);
  assert.deepEqual(new nn.MSELoss()(x, t1).tolist(), torch.nn.functional.mse_loss(x, t1).tolist());
  const bad = new nn.MSELoss();
  (bad as unknown as { reduction: string }).reduction = "avg";
  assert.throws(() => bad(x, t1), /avg is not a valid value for reduction/);
  assert.throws(() => bad(x, 3 as unknown as torch.Tensor), /argument 'target' must be Tensor/);
});
