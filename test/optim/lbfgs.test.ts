/**
 * LBFGS against PyTorch (test/golden/gen_optim_b.py): several step(closure) calls on an extended
 * Rosenbrock function, with and without the strong-Wolfe line search, every step's parameters,
 * returned loss, func_evals, n_iter and closure calls compared; a resume from state_dict in a
 * new LBFGS; the cubic interpolation; the errors (a closure is required).
 *
 * The line-search cases are float64, as PyTorch's own LBFGS tests: PyTorch keeps some of the
 * search's scalars as 0-dim tensors of the parameters' dtype, which in float32 would round
 * where our doubles do not. The fixed-step case also runs in float32.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as torch from "../../src/index.js";
import { cubic_interpolate } from "../../src/optim/line_search.js";
import { decode, is_encoded_tensor, load_golden, type EncodedTensor } from "../helpers/golden.js";
import { gemm_tol } from "../helpers/backend.js";

type Tensor = torch.Tensor;
const { optim } = torch;
const { assert_close } = torch.testing;

interface LBFGSCase {
  options: torch.optim.LBFGSOptions;
  dtype: "float32" | "float64";
  start: EncodedTensor[];
  steps: EncodedTensor[][];
  returned: number[];
  state_after: { func_evals: number; n_iter: number; closure_calls: number }[];
  resume_at: number;
  resume_state: Record<string, unknown>;
  param_group: Record<string, unknown>;
}
interface Fixture {
  lbfgs: LBFGSCase[];
  cubic_interpolate: { args: number[]; bounds: [number, number] | null; out: number }[];
  errors: { optimizer: string; options: Record<string, unknown>; type: string; message: string }[];
  defaults: Record<string, Record<string, unknown>>;
}

const FIX = load_golden<Fixture>("optim_b");

/** sum(100 * (x[1:] - x[:-1] ** 2) ** 2 + (1 - x[:-1]) ** 2) over x = cat(p1, p2) */
function rosenbrock(p1: Tensor, p2: Tensor): Tensor {
  const x = torch.cat([p1, p2]);
  const n = x.shape[0];
  const head = x.narrow(0, 0, n - 1);
  const tail = x.narrow(0, 1, n - 1);
  return tail.sub(head.pow(2)).pow(2).mul(100).add(head.neg().add(1).pow(2)).sum();
}

function label(c: LBFGSCase): string {
  return `LBFGS(${JSON.stringify(c.options)}) ${c.dtype}`;
}

function setup(c: LBFGSCase, options: torch.optim.LBFGSOptions = c.options) {
  const [p1, p2] = c.start.map((s) => decode(s).requires_grad_());
  const opt = new optim.LBFGS([p1, p2], options);
  const counter = { calls: 0 };
  const closure = () => {
    counter.calls += 1;
    opt.zero_grad();
    const loss = rosenbrock(p1, p2);
    loss.backward();
    return loss;
  };
  return { p1, p2, opt, closure, counter };
}

function run_steps(c: LBFGSCase, s: ReturnType<typeof setup>, from: number, to: number): void {
  for (let i = from; i < to; i++) {
    const loss = s.opt.step(s.closure) as Tensor;
    const at = `${label(c)} step ${i + 1}`;
    assert_close(loss.detach(), torch.tensor(c.returned[i], { dtype: loss.dtype }), { msg: `${at} loss` });
    assert_close(s.p1.detach(), decode(c.steps[i][0]), { msg: `${at} p1` });
    assert_close(s.p2.detach(), decode(c.steps[i][1]), { msg: `${at} p2` });
    const st = s.opt.state.get(s.p1) as Record<string, unknown>;
    const want = c.state_after[i];
    assert.deepEqual(
      { func_evals: st.func_evals, n_iter: st.n_iter, closure_calls: s.counter.calls },
      want,
      `${at} counters`,
    );
  }
}

/**
 * The saved history (y = gradient differences, s = steps, ro, H_diag) is compared more loosely
 * than the parameters: over dozens of iterations the last-bit differences of float64 dot
 * products and sums (PyTorch's BLAS order and fused multiply-adds) are amplified by the
 * Rosenbrock Hessian in these differences, while the iterates themselves stay within 1e-7. A
 * backend whose float32 dot products accumulate in float32 (blas) widens it (gemm_tol).
 */
const STATE_TOL = { rtol: 1e-5, atol: 1e-6 };

function check_value(got: unknown, want: unknown, at: string): void {
  if (is_encoded_tensor(want)) {
    // PyTorch's t is a 0-dim tensor on the first step (min(1, 1/|g|_1) * lr); ours a number
    const g = got instanceof torch.Tensor ? got : torch.tensor(got as number, { dtype: decode(want).dtype });
    assert_close(g.reshape(decode(want).shape), decode(want), {
      msg: at,
      ...gemm_tol(STATE_TOL, want.dtype),
    });
  } else if (Array.isArray(want)) {
    assert.ok(Array.isArray(got), at);
    assert.equal(got.length, want.length, at);
    want.forEach((w, i) => check_value(got[i], w, `${at}[${i}]`));
  } else if (typeof want === "number") {
    if (got instanceof torch.Tensor) check_value(got, { dtype: "float64", shape: [], data: [want] }, at);
    else
      assert.ok(
        Math.abs((got as number) - want) <= 1e-5 * (1 + Math.abs(want)),
        `${at}: ${String(got)} vs ${want}`,
      );
  } else {
    assert.deepEqual(got, want, at);
  }
}

for (const c of FIX.lbfgs) {
  test(`${label(c)}: ${c.steps.length} step(closure) calls follow PyTorch`, () => {
    run_steps(c, setup(c), 0, c.steps.length);
  });

  test(`${label(c)}: state_dict after ${c.resume_at} steps resumes in a new LBFGS`, () => {
    const s = setup(c);
    run_steps(c, s, 0, c.resume_at);
    const sd = s.opt.state_dict();
    const { params, ...group } = sd.param_groups[0];
    assert.deepEqual(params, [0, 1]);
    assert.deepEqual(group, c.param_group);
    assert.deepEqual(Object.keys(sd.state), ["0"], "all state lives on the first parameter");
    const st = sd.state[0];
    for (const [k, want] of Object.entries(c.resume_state))
      check_value(st[k], want, `${label(c)} state.${k}`);
    assert.ok(Array.isArray(st.al) || c.state_after[c.resume_at - 1].n_iter === 1);

    const resumed = new optim.LBFGS([s.p1, s.p2]);
    resumed.load_state_dict(sd);
    s.opt = resumed;
    run_steps(c, s, c.resume_at, c.steps.length);
  });
}

test("cubic_interpolate matches PyTorch's _cubic_interpolate", () => {
  for (const { args, bounds, out } of FIX.cubic_interpolate) {
    const [x1, f1, g1, x2, f2, g2] = args;
    const got = cubic_interpolate(x1, f1, g1, x2, f2, g2, bounds ?? undefined);
    assert.ok(
      Math.abs(got - out) <= 1e-15 * Math.max(1, Math.abs(out)),
      `${JSON.stringify(args)}: ${got} vs ${out}`,
    );
  }
});

test("LBFGS defaults are PyTorch's", () => {
  const opt = new optim.LBFGS([torch.zeros(2).requires_grad_()]);
  const { params: _params, ...group } = opt.param_groups[0];
  assert.deepEqual(group, FIX.defaults.LBFGS);
  // max_eval follows max_iter: max_iter * 5 // 4
  assert.equal(
    new optim.LBFGS([torch.zeros(1).requires_grad_()], { max_iter: 7 }).param_groups[0].max_eval,
    8,
  );
});

test("LBFGS errors carry PyTorch's messages", () => {
  const q = torch.zeros(2).requires_grad_();
  const errs = FIX.errors.filter((e) => e.optimizer === "LBFGS");
  const find = (key: string) => {
    const e = errs.find((x) => key in x.options);
    assert.ok(e, key);
    return new RegExp(e.message.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  };
  assert.throws(() => new optim.LBFGS([q], { lr: -1 }), find("lr"));
  assert.throws(
    () => new optim.LBFGS([{ params: [torch.zeros(1).requires_grad_()] }, { params: [q] }]),
    find("groups"),
  );
  // step() without a closure: PyTorch's TypeError for the missing argument
  const no_closure = find("step");
  assert.throws(
    () => (new optim.LBFGS([q]).step as () => unknown)(),
    (e: Error) => e instanceof TypeError && no_closure.test(e.message),
  );
  const opt = new optim.LBFGS([q], { line_search_fn: "backtracking" as "strong_wolfe" });
  const closure = () => {
    opt.zero_grad();
    const loss = q.sub(1).pow(2).sum();
    loss.backward();
    return loss;
  };
  assert.throws(() => opt.step(closure), find("line_search_fn"));
});

test("LBFGS returns at once when the gradient is already below tolerance_grad", () => {
  const p = torch.ones(3, { dtype: torch.float64 }).requires_grad_();
  const opt = new optim.LBFGS([p]);
  let calls = 0;
  const loss = opt.step(() => {
    calls += 1;
    opt.zero_grad();
    const l = p.sub(1).pow(2).sum();
    l.backward();
    return l;
  }) as Tensor;
  assert.equal(calls, 1);
  assert.equal(loss.item(), 0);
  assert.deepEqual(opt.state.get(p), { func_evals: 1, n_iter: 0 });
});

test("the closure runs with grad enabled even inside no_grad", () => {
  const p = torch.tensor([2.0], { dtype: torch.float64 }).requires_grad_();
  const opt = new optim.LBFGS([p], { max_iter: 3 });
  const seen: boolean[] = [];
  torch.no_grad(() =>
    opt.step(() => {
      seen.push(torch.is_grad_enabled());
      opt.zero_grad();
      const l = p.pow(2).sum();
      l.backward();
      return l;
    }),
  );
  assert.ok(seen.length > 1 && seen.every(Boolean));
});
