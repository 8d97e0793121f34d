/**
 * Reference ternary kernels: addcmul and addcdiv, self + value * (t1 op t2), the optimizers'
 * inner loops (Adam's `exp_avg_sq.addcmul_(g, g, value=1 - beta2)`). Each rounds where
 * PyTorch's float kernel rounds: addcmul contracts into one fused multiply-add, fma(value * t1,
 * t2, self), with value * t1 rounded to the dtype first; addcdiv rounds value * t1, then the
 * quotient, then the sum. Integer addcmul wraps as C++'s integers do (int64 within 2^53).
 */
import { float32 } from "../../dtype.js";
import type { StridedView } from "../backend.js";
import type { Kernel, TernaryOp } from "../kernels.js";
import { fma32, fma64 } from "../../fma.js";
import { is_dense, rows, run_step, view_numel } from "./iter.js";

type Data = StridedView["data"];

export const ternary: Kernel<"ternary"> = (op, self, t1, t2, out, value) => {
  const ss = run_step(self);
  const s1 = run_step(t1);
  const s2 = run_step(t2);
  if (ss >= 0 && s1 >= 0 && s2 >= 0 && is_dense(out)) {
    const n = view_numel(out);
    ternary_run(
      op,
      n,
      self.data,
      self.offset,
      ss,
      t1.data,
      t1.offset,
      s1,
      t2.data,
      t2.offset,
      s2,
      out,
      out.offset,
      1,
      value,
    );
    return;
  }
  const it = rows(out.shape, [self, t1, t2, out]);
  const [is, i1, i2, io] = it.inner;
  const st = it.start;
  for (let r = 0; r < it.count; r++, it.next()) {
    ternary_run(
      op,
      it.n,
      self.data,
      st[0],
      is,
      t1.data,
      st[1],
      i1,
      t2.data,
      st[2],
      i2,
      out,
      st[3],
      io,
      value,
    );
  }
};

/** One run of n elements, written out per dtype so that each loop stays monomorphic. */
function ternary_run(
  op: TernaryOp,
  n: number,
  sd: Data,
  js: number,
  ss: number,
  ad: Data,
  ja: number,
  sa: number,
  bd: Data,
  jb: number,
  sb: number,
  out: StridedView,
  jo: number,
  so: number,
  value: number,
): void {
  const od = out.data;
  if (out.dtype === float32) {
    const f = Math.fround;
    const v = f(value);
    if (op === "addcmul") {
      for (let i = 0; i < n; i++, js += ss, ja += sa, jb += sb, jo += so)
        od[jo] = fma32(f(v * ad[ja]), bd[jb], sd[js]);
    } else {
      for (let i = 0; i < n; i++, js += ss, ja += sa, jb += sb, jo += so)
        od[jo] = sd[js] + f(f(v * ad[ja]) / bd[jb]);
    }
  } else if (od instanceof Float64Array && op === "addcmul") {
    // float64, and int64 (in a Float64Array): an integer fma is exact wherever the integers are
    for (let i = 0; i < n; i++, js += ss, ja += sa, jb += sb, jo += so)
      od[jo] = fma64(value * ad[ja], bd[jb], sd[js]);
  } else if (op === "addcmul") {
    // int32 wraps at every step, as C++'s int arithmetic on x86
    for (let i = 0; i < n; i++, js += ss, ja += sa, jb += sb, jo += so) {
      od[jo] = (sd[js] + Math.imul(Math.imul(value, ad[ja]), bd[jb])) | 0;
    }
  } else {
    for (let i = 0; i < n; i++, js += ss, ja += sa, jb += sb, jo += so)
      od[jo] = sd[js] + (value * ad[ja]) / bd[jb];
  }
}
