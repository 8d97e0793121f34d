/**
 * Reference optimizer kernels: one pass over each parameter of a group that does what
 * PyTorch's `_single_tensor_sgd` / `_single_tensor_adam` do with a chain of tensor ops, with
 * no temporaries. The result is bit for bit the chain's: every intermediate is rounded to the
 * dtype exactly where one of the chain's tensors would hold it, and the multiply-adds PyTorch's
 * kernels contract (add with alpha, lerp, addcmul) are fused the same way (src/fma.ts). The
 * scalars are converted to the dtype as the chain's ops convert them.
 */
import { float32 } from "../../dtype.js";
import type { StridedView } from "../backend.js";
import type { Kernel } from "../kernels.js";
import { fma32, fma64 } from "../../fma.js";
import { is_dense, rows, view_numel } from "./iter.js";

type Data = StridedView["data"];
type Round = (x: number) => number;
type Fma = (a: number, b: number, c: number) => number;

const exact: Round = (x) => x;

/** The dtype's rounding and fused multiply-add: float32 or float64. */
function arith(v: StridedView): [Round, Fma] {
  return v.dtype === float32 ? [Math.fround, fma32] : [exact, fma64];
}

/**
 * Calls body(n, offsets, steps) for each run of elements common to the views (all of one
 * shape): one run when every view is dense, so the usual case allocates nothing.
 */
function each_run(
  views: readonly StridedView[],
  body: (n: number, offsets: readonly number[], steps: readonly number[]) => void,
): void {
  let dense = true;
  for (const v of views) dense &&= is_dense(v);
  if (dense) {
    let n = 1;
    for (const s of views[0].shape) n *= s;
    body(
      n,
      views.map((v) => v.offset),
      views.map(() => 1),
    );
    return;
  }
  const it = rows(views[0].shape, views);
  for (let r = 0; r < it.count; r++, it.next()) body(it.n, it.start, it.inner);
}

export const sgd_step: Kernel<"sgd_step"> = (params, grads, momentum_buffers, init, o) => {
  const with_momentum = o.momentum !== 0;
  const { maximize, nesterov } = o;
  for (let k = 0; k < params.length; k++) {
    const f32 = params[k].dtype === float32;
    const r = f32 ? Math.fround : exact;
    const fma = f32 ? fma32 : fma64;
    // the scalars as add(alpha=), mul_ and add_(alpha=) convert them; alpha 1 is a plain add
    const wd = o.weight_decay !== 0 ? r(o.weight_decay) : 0;
    const m = r(o.momentum);
    const keep = r(1 - o.dampening);
    const step = r(-o.lr);
    const first = init[k] ?? false;
    const views = with_momentum ? [params[k], grads[k], momentum_buffers[k]] : [params[k], grads[k]];
    const pd: Data = params[k].data;
    const gd: Data = grads[k].data;
    const bd: Data = with_momentum ? momentum_buffers[k].data : pd;
    // the usual configurations, in float32, take loops without per-element tests
    const plain = params[k].dtype === float32 && !maximize && wd === 0 && step !== 1;
    // (runs' offsets and steps are read by index: destructuring them costs an iterator each
    // in code the engine has not optimized yet, which is every step of a short training run)
    if (plain && !with_momentum) {
      const p = params[k];
      const g = grads[k];
      if (is_dense(p) && is_dense(g)) sgd_plain32(view_numel(p), pd, p.offset, 1, gd, g.offset, 1, step);
      else each_run(views, (n, o, s) => sgd_plain32(n, pd, o[0], s[0], gd, o[1], s[1], step));
      continue;
    }
    if (plain && !first && keep === 1 && !nesterov) {
      each_run(views, (n, o, s) =>
        sgd_momentum32(n, pd, o[0], s[0], gd, o[1], s[1], bd, o[2], s[2], m, step),
      );
      continue;
    }
    each_run(views, (n, o, s) => {
      let ip = o[0];
      let ig = o[1];
      let ib = o[2];
      const sp = s[0];
      const sg = s[1];
      const sb = s[2];
      for (let i = 0; i < n; i++, ip += sp, ig += sg, ib += sb) {
        const p = pd[ip];
        let d = maximize ? -gd[ig] : gd[ig];
        if (wd !== 0) d = wd === 1 ? r(d + p) : fma(wd, p, d);
        if (with_momentum) {
          let b = d;
          if (!first) {
            b = r(bd[ib] * m);
            b = keep === 1 ? r(b + d) : fma(keep, d, b);
          }
          bd[ib] = b;
          d = !nesterov ? b : m === 1 ? r(d + b) : fma(m, b, d);
        }
        pd[ip] = step === 1 ? p + d : fma(step, d, p);
      }
    });
  }
};

/** p = p + step * g (float32): SGD without momentum, weight decay or maximize. */
function sgd_plain32(
  n: number,
  pd: Data,
  ip: number,
  sp: number,
  gd: Data,
  ig: number,
  sg: number,
  step: number,
): void {
  for (let i = 0; i < n; i++, ip += sp, ig += sg) pd[ip] = fma32(step, gd[ig], pd[ip]);
}

/** b = b * m + g, p = p + step * b (float32): momentum past the first step, nothing else. */
function sgd_momentum32(
  n: number,
  pd: Data,
  ip: number,
  sp: number,
  gd: Data,
  ig: number,
  sg: number,
  bd: Data,
  ib: number,
  sb: number,
  m: number,
  step: number,
): void {
  const f = Math.fround;
  for (let i = 0; i < n; i++, ip += sp, ig += sg, ib += sb) {
    const b = f(f(bd[ib] * m) + gd[ig]);
    bd[ib] = b;
    pd[ip] = fma32(step, b, pd[ip]);
  }
}

export const adam_step: Kernel<"adam_step"> = (
  params,
  grads,
  exp_avgs,
  exp_avg_sqs,
  max_exp_avg_sqs,
  step_size,
  bias_correction2_sqrt,
  o,
) => {
  const { amsgrad, maximize, decoupled_weight_decay: decoupled } = o;
  for (let k = 0; k < params.length; k++) {
    const [r, fma] = arith(params[k]);
    const decay = r(1 - o.lr * o.weight_decay);
    const wd = o.weight_decay !== 0 && !decoupled ? r(o.weight_decay) : 0;
    const w1 = r(1 - o.beta1);
    const w1_small = Math.abs(w1) < 0.5;
    const w1_rest = r(1 - w1);
    const b2 = r(o.beta2);
    const w2 = r(1 - o.beta2);
    const bc2 = r(bias_correction2_sqrt[k]);
    const eps = r(o.eps);
    const ss = r(-step_size[k]);
    const views = [params[k], grads[k], exp_avgs[k], exp_avg_sqs[k]];
    if (amsgrad) views.push(max_exp_avg_sqs[k]);
    const pd: Data = params[k].data;
    const gd: Data = grads[k].data;
    const md: Data = exp_avgs[k].data;
    const vd: Data = exp_avg_sqs[k].data;
    const xd: Data = amsgrad ? max_exp_avg_sqs[k].data : vd;
    if (params[k].dtype === float32 && !maximize && !amsgrad && wd === 0 && w1_small) {
      // the usual configuration takes a loop without per-element tests (plain Adam: decay 1)
      const c: Adam32 = { decay, w1, b2, w2, bc2, eps, ss };
      each_run(views, (n, [ip, ig, im, iv], [sp, sg, sm, sv]) =>
        adam32(n, c, pd, ip, sp, gd, ig, sg, md, im, sm, vd, iv, sv),
      );
      continue;
    }
    each_run(views, (n, [ip, ig, im, iv, ix = 0], [sp, sg, sm, sv, sx = 0]) => {
      for (let i = 0; i < n; i++, ip += sp, ig += sg, im += sm, iv += sv, ix += sx) {
        let p = pd[ip];
        let d = maximize ? -gd[ig] : gd[ig];
        if (decoupled) p = r(p * decay);
        else if (wd !== 0) d = wd === 1 ? r(d + p) : fma(wd, p, d);
        // exp_avg.lerp_(d, 1 - beta1)
        const m0 = md[im];
        const diff = r(d - m0);
        const m = w1_small ? fma(w1, diff, m0) : fma(-diff, w1_rest, d);
        md[im] = m;
        // exp_avg_sq.mul_(beta2).addcmul_(d, d, value=1 - beta2)
        let v = fma(r(w2 * d), d, r(vd[iv] * b2));
        vd[iv] = v;
        if (amsgrad) {
          const x = xd[ix];
          v = x !== x || v !== v ? NaN : x > v ? x : v;
          xd[ix] = v;
        }
        // p.addcdiv_(m, sqrt(v) / bias_correction2_sqrt + eps, value=-step_size)
        const denom = r(r(r(Math.sqrt(v)) / bc2) + eps);
        pd[ip] = p + r(r(ss * m) / denom);
      }
    });
  }
};

/** adam_step's scalars, converted to float32 (decay is 1 for Adam). */
interface Adam32 {
  decay: number;
  w1: number;
  b2: number;
  w2: number;
  bc2: number;
  eps: number;
  ss: number;
}

/** adam_step in float32 without maximize, amsgrad or coupled weight decay, and 1 - beta1 < 0.5. */
function adam32(
  n: number,
  c: Adam32,
  pd: Data,
  ip: number,
  sp: number,
  gd: Data,
  ig: number,
  sg: number,
  md: Data,
  im: number,
  sm: number,
  vd: Data,
  iv: number,
  sv: number,
): void {
  const f = Math.fround;
  const { decay, w1, b2, w2, bc2, eps, ss } = c;
  for (let i = 0; i < n; i++, ip += sp, ig += sg, im += sm, iv += sv) {
    const d = gd[ig];
    const m0 = md[im];
    const m = fma32(w1, f(d - m0), m0);
    md[im] = m;
    const v = fma32(f(w2 * d), d, f(vd[iv] * b2));
    vd[iv] = v;
    pd[ip] = f(pd[ip] * decay) + f(f(ss * m) / f(f(f(Math.sqrt(v)) / bc2) + eps));
  }
}
