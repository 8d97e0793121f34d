/**
 * Option keys: every public function, method and constructor that takes an
 * options object, called once with a misspelt key. Each must refuse it with Python's
 * TypeError ("zeros() got an unexpected keyword argument 'dtpye'") instead of running with
 * the default: a typo must never silently change what a program computes.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as torch from "../../src/index.js";

const { nn, optim } = torch;
const F = torch.nn.functional;
const sched = torch.optim.lr_scheduler;
const data = torch.utils.data;
/** A misspelt key, as `never` so each call type-checks as the mistake it is. */
const BAD = { bogus_key: 1 } as never;

const x = () => torch.randn(2, 3);
const idx = () => torch.tensor([0, 2], { dtype: torch.int64 });
const leaf = () => torch.ones(3, { requires_grad: true });
const params = () => [new nn.Parameter(torch.ones(2))];
const opt = () => new optim.SGD(params(), { lr: 0.1 });

/** [name, the call with BAD in its options position] */
const TABLE: [string, () => unknown][] = [
  // factories
  ["torch.tensor", () => torch.tensor([1, 2], BAD)],
  ["torch.as_tensor", () => torch.as_tensor([1, 2], BAD)],
  ["torch.from_blob", () => torch.from_blob(new Float32Array(2), [2], BAD)],
  ["torch.scalar_tensor", () => torch.scalar_tensor(1, BAD)],
  ["torch.zeros", () => torch.zeros(2, BAD)],
  ["torch.ones", () => torch.ones([2], BAD)],
  ["torch.empty", () => torch.empty(2, BAD)],
  ["torch.full", () => torch.full([2], 1, BAD)],
  ["torch.zeros_like", () => torch.zeros_like(x(), BAD)],
  ["torch.ones_like", () => torch.ones_like(x(), BAD)],
  ["torch.empty_like", () => torch.empty_like(x(), BAD)],
  ["torch.full_like", () => torch.full_like(x(), 2, BAD)],
  ["torch.arange", () => torch.arange(5, BAD)],
  ["torch.linspace", () => torch.linspace(0, 1, 5, BAD)],
  ["torch.logspace", () => torch.logspace(0, 1, 5, 10, BAD)],
  ["torch.eye", () => torch.eye(2, BAD)],
  ["torch.rand", () => torch.rand(2, BAD)],
  ["torch.randn", () => torch.randn(2, BAD)],
  ["torch.randint", () => torch.randint(0, 5, [2], BAD)],
  ["torch.randperm", () => torch.randperm(4, BAD)],
  ["torch.rand_like", () => torch.rand_like(x(), BAD)],
  ["torch.randn_like", () => torch.randn_like(x(), BAD)],
  ["torch.randint_like", () => torch.randint_like(x(), 5, BAD)],
  ["torch.normal", () => torch.normal(0, 1, [2], BAD)],
  ["torch.bernoulli", () => torch.bernoulli(torch.rand(2), BAD)],
  ["torch.multinomial", () => torch.multinomial(torch.rand(3), 2, BAD)],
  ["Tensor.new_zeros", () => x().new_zeros([2], BAD)],
  ["Tensor.new_ones", () => x().new_ones(2, BAD)],
  ["Tensor.new_empty", () => x().new_empty(2, BAD)],
  // conversion and autograd
  ["Tensor.to", () => x().to(torch.float64, BAD)],
  ["Tensor.to (options only)", () => x().to(BAD)],
  ["Tensor.backward", () => leaf().sum().backward(BAD)],
  ["Tensor.backward (gradient, options)", () => leaf().sum().backward(torch.tensor(1), BAD)],
  ["torch.autograd.backward", () => torch.autograd.backward([leaf().sum()], BAD)],
  [
    "torch.autograd.grad",
    () => {
      const a = leaf();
      return torch.autograd.grad(a.sum(), [a], BAD);
    },
  ],
  ["torch.autograd.gradcheck", () => torch.autograd.gradcheck((t) => t.exp(), [leaf().double()], BAD)],
  // ops with options
  ["Tensor.add", () => x().add(x(), BAD)],
  ["Tensor.sub_", () => x().sub_(x(), BAD)],
  ["Tensor.div", () => x().div(x(), BAD)],
  ["Tensor.sum", () => x().sum(0, BAD)],
  ["Tensor.mean", () => x().mean(BAD)],
  ["Tensor.prod", () => x().prod(0, BAD)],
  ["Tensor.max", () => x().max(0, BAD)],
  ["Tensor.amax", () => x().amax(0, BAD)],
  ["Tensor.argmax", () => x().argmax(BAD)],
  ["Tensor.std", () => x().std(0, BAD)],
  ["Tensor.var", () => x().var(BAD)],
  ["Tensor.norm", () => x().norm(2, BAD)],
  ["Tensor.logsumexp", () => x().logsumexp(0, BAD)],
  ["Tensor.cumsum", () => x().cumsum(0, BAD)],
  ["Tensor.softmax", () => x().softmax(0, BAD)],
  ["Tensor.clamp", () => x().clamp(0, BAD)],
  ["Tensor.round", () => x().round(BAD)],
  ["Tensor.sort", () => x().sort(0, BAD)],
  ["Tensor.topk", () => x().topk(1, BAD)],
  ["Tensor.kthvalue", () => x().kthvalue(1, BAD)],
  ["Tensor.unique", () => x().unique(BAD)],
  ["Tensor.uniform_", () => x().uniform_(0, 1, BAD)],
  ["Tensor.normal_", () => x().normal_(0, 1, BAD)],
  ["Tensor.bernoulli_", () => x().bernoulli_(0.5, BAD)],
  ["Tensor.index_add", () => x().index_add(1, idx(), torch.ones(2, 2), BAD)],
  ["torch.addcmul", () => torch.addcmul(x(), x(), x(), BAD)],
  ["torch.isclose", () => torch.isclose(x(), x(), BAD)],
  ["torch.cat", () => torch.cat([x(), x()], BAD)],
  ["torch.split", () => torch.split(x(), 1, BAD)],
  ["torch.flatten", () => torch.flatten(x(), BAD)],
  ["torch.addmm", () => torch.addmm(x(), x(), x().t(), BAD)],
  // nn.functional
  ["F.dropout", () => F.dropout(x(), BAD)],
  ["F.linear", () => F.linear(x(), torch.ones(2, 3), BAD)],
  ["F.softmax", () => F.softmax(x(), BAD)],
  ["F.log_softmax", () => F.log_softmax(x(), 1, BAD)],
  ["F.gelu", () => F.gelu(x(), BAD)],
  ["F.leaky_relu", () => F.leaky_relu(x(), BAD)],
  ["F.layer_norm", () => F.layer_norm(x(), [3], BAD)],
  ["F.normalize", () => F.normalize(x(), BAD)],
  ["F.one_hot", () => F.one_hot(idx(), BAD)],
  ["F.embedding", () => F.embedding(idx(), torch.ones(3, 2), BAD)],
  ["F.mse_loss", () => F.mse_loss(x(), x(), BAD)],
  ["F.l1_loss", () => F.l1_loss(x(), x(), BAD)],
  ["F.cross_entropy", () => F.cross_entropy(x(), idx(), BAD)],
  ["F.nll_loss", () => F.nll_loss(x(), idx(), BAD)],
  ["F.binary_cross_entropy", () => F.binary_cross_entropy(torch.rand(2), torch.rand(2), BAD)],
  ["F.kl_div", () => F.kl_div(x(), x(), BAD)],
  ["F.smooth_l1_loss", () => F.smooth_l1_loss(x(), x(), BAD)],
  // nn modules
  ["nn.Linear", () => new nn.Linear(2, 3, BAD)],
  ["nn.Bilinear", () => new nn.Bilinear(2, 2, 3, BAD)],
  ["nn.Embedding", () => new nn.Embedding(4, 2, BAD)],
  ["nn.LayerNorm", () => new nn.LayerNorm(3, BAD)],
  ["nn.RMSNorm", () => new nn.RMSNorm(3, BAD)],
  ["nn.Dropout", () => new nn.Dropout(BAD)],
  ["nn.ReLU", () => new nn.ReLU(BAD)],
  ["nn.LeakyReLU", () => new nn.LeakyReLU(BAD)],
  ["nn.GELU", () => new nn.GELU(BAD)],
  ["nn.Softmax", () => new nn.Softmax(BAD)],
  ["nn.PReLU", () => new nn.PReLU(BAD)],
  ["nn.Flatten", () => new nn.Flatten(BAD)],
  ["nn.MSELoss", () => new nn.MSELoss(BAD)],
  ["nn.CrossEntropyLoss", () => new nn.CrossEntropyLoss(BAD)],
  ["nn.NLLLoss", () => new nn.NLLLoss(BAD)],
  ["nn.BCEWithLogitsLoss", () => new nn.BCEWithLogitsLoss(BAD)],
  ["nn.HuberLoss", () => new nn.HuberLoss(BAD)],
  ["Module.state_dict", () => new nn.Linear(2, 2).state_dict(BAD)],
  ["Module.named_parameters", () => [...new nn.Linear(2, 2).named_parameters(BAD)]],
  [
    "Module.load_state_dict",
    () => new nn.Linear(2, 2).load_state_dict(new nn.Linear(2, 2).state_dict(), BAD),
  ],
  ["Module.zero_grad", () => new nn.Linear(2, 2).zero_grad(BAD)],
  ["Module.to", () => new nn.Linear(2, 2).to(torch.float64, BAD)],
  ["Module.register_forward_hook", () => new nn.Linear(2, 2).register_forward_hook(() => null, BAD)],
  // nn.init and nn.utils
  ["nn.init.kaiming_uniform_", () => nn.init.kaiming_uniform_(torch.empty(2, 2), BAD)],
  ["nn.init.normal_", () => nn.init.normal_(torch.empty(2, 2), BAD)],
  ["nn.init.xavier_uniform_", () => nn.init.xavier_uniform_(torch.empty(2, 2), BAD)],
  ["nn.utils.clip_grad_norm_", () => nn.utils.clip_grad_norm_(params(), 1.0, BAD)],
  ["nn.utils.get_total_norm", () => nn.utils.get_total_norm([x()], BAD)],
  // optim
  ["optim.SGD", () => new optim.SGD(params(), BAD)],
  ["optim.Adam", () => new optim.Adam(params(), BAD)],
  ["optim.AdamW", () => new optim.AdamW(params(), BAD)],
  ["optim.RMSprop", () => new optim.RMSprop(params(), BAD)],
  ["optim.Adagrad", () => new optim.Adagrad(params(), BAD)],
  ["optim.Adadelta", () => new optim.Adadelta(params(), BAD)],
  ["optim.Adamax", () => new optim.Adamax(params(), BAD)],
  ["optim.NAdam", () => new optim.NAdam(params(), BAD)],
  ["optim.RAdam", () => new optim.RAdam(params(), BAD)],
  ["optim.ASGD", () => new optim.ASGD(params(), BAD)],
  ["optim.Rprop", () => new optim.Rprop(params(), BAD)],
  ["optim.LBFGS", () => new optim.LBFGS(params(), BAD)],
  ["Optimizer.zero_grad", () => opt().zero_grad(BAD)],
  ["lr_scheduler.StepLR", () => new sched.StepLR(opt(), 1, BAD)],
  ["lr_scheduler.MultiStepLR", () => new sched.MultiStepLR(opt(), [1], BAD)],
  ["lr_scheduler.ExponentialLR", () => new sched.ExponentialLR(opt(), 0.9, BAD)],
  ["lr_scheduler.CosineAnnealingLR", () => new sched.CosineAnnealingLR(opt(), 10, BAD)],
  ["lr_scheduler.LinearLR", () => new sched.LinearLR(opt(), BAD)],
  ["lr_scheduler.OneCycleLR", () => new sched.OneCycleLR(opt(), 0.1, 10, BAD)],
  ["lr_scheduler.ReduceLROnPlateau", () => new sched.ReduceLROnPlateau(opt(), BAD)],
  ["lr_scheduler.LambdaLR", () => new sched.LambdaLR(opt(), () => 1, BAD)],
  // utils.data
  ["DataLoader", () => new data.DataLoader(new data.TensorDataset(x()), BAD)],
  ["RandomSampler", () => new data.RandomSampler(new data.TensorDataset(x()), BAD)],
  ["random_split", () => data.random_split(new data.TensorDataset(x()), [1, 1], BAD)],
];

for (const [name, call] of TABLE) {
  test(`${name} refuses an unknown option key`, () => {
    assert.throws(call, (e: Error) => {
      assert.ok(e instanceof TypeError, `${name}: ${e.constructor.name}: ${e.message}`);
      assert.match(e.message, /\(\) got an unexpected keyword argument 'bogus_key'$/, name);
      return true;
    });
  });
}
