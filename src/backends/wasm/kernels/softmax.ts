/**
 * The SIMD pass of float32 softmax and log_softmax over rows staged back to back in Wasm
 * memory, each padded with -inf to a multiple of 4 floats (a padding lane never changes a max
 * and its exp is 0): softmax_rows(x, out, res, rows, m4) writes, per row of m4 floats, its
 * max m and e = exp(x - m) for every lane into out (x - m rounded to float32, exp by
 * math.ts's polynomial), and the row's max and sum of e, both as doubles, to res (16 bytes a
 * row). The sums accumulate in doubles in the reduce kernel's order. The driver (../softmax.ts)
 * finishes in double as it copies out: e / sum, or (x - m) - log(sum) from the input itself.
 */
import { Asm, type FunctionDef } from "../encoder.js";
import { emit_exp, math_locals } from "./math.js";

export function softmax_functions(): FunctionDef[] {
  const f = new Asm(["i32", "i32", "i32", "i32", "i32"]);
  const [X, OUT, RES, ROWS, M4] = [0, 1, 2, 3, 4];
  const j = f.local("i32");
  const p = f.local("i32");
  const mx = f.local("v128");
  const z = f.local("v128");
  const e = f.local("v128");
  const acc0 = f.local("v128");
  const acc1 = f.local("v128");
  const m = f.local("f32");
  const s = math_locals(f);
  f.block(() =>
    f.loop(() => {
      f.local_get(ROWS).i32_eqz().br_if(1);
      // the row's max, four lanes at a time (f32x4.max propagates NaN)
      f.f32x4_const(-Infinity).local_set(mx);
      f.local_get(X).local_set(p);
      f.local_get(M4).local_set(j);
      f.block(() =>
        f.loop(() => {
          f.local_get(j).i32_const(0).i32_le_s().br_if(1);
          f.local_get(mx).local_get(p).simd("v128_load").simd("f32x4_max").local_set(mx);
          f.local_get(p).i32_const(16).i32_add().local_set(p);
          f.local_get(j).i32_const(4).i32_sub().local_set(j);
          f.br(0);
        }),
      );
      f.local_get(mx).simd("f32x4_extract_lane", 0).local_set(m);
      for (let l = 1; l < 4; l++)
        f.local_get(m).local_get(mx).simd("f32x4_extract_lane", l).f32_max().local_set(m);
      f.local_get(RES).local_get(m).f64_promote_f32().f64_store();
      f.local_get(m).simd("f32x4_splat").local_set(mx);
      // e = exp(x - m) into out, summed in doubles (lanes 0-1 and 2-3 in two accumulators)
      f.v128_const(new Array<number>(16).fill(0)).local_tee(acc0).local_set(acc1);
      f.local_get(M4).local_set(j);
      f.block(() =>
        f.loop(() => {
          f.local_get(j).i32_const(0).i32_le_s().br_if(1);
          f.local_get(X).simd("v128_load").local_get(mx).simd("f32x4_sub").local_set(z);
          emit_exp(f, s, z, e);
          f.local_get(OUT).local_get(e).simd("v128_store");
          f.local_get(acc0).local_get(OUT).simd("v128_load64_splat").simd("f64x2_promote_low_f32x4");
          f.simd("f64x2_add").local_set(acc0);
          f.local_get(acc1).local_get(OUT).simd("v128_load64_splat", 8).simd("f64x2_promote_low_f32x4");
          f.simd("f64x2_add").local_set(acc1);
          f.local_get(X).i32_const(16).i32_add().local_set(X);
          f.local_get(OUT).i32_const(16).i32_add().local_set(OUT);
          f.local_get(j).i32_const(4).i32_sub().local_set(j);
          f.br(0);
        }),
      );
      f.local_get(acc0).local_get(acc1).simd("f64x2_add").local_set(acc0);
      f.local_get(RES);
      f.local_get(acc0).simd("f64x2_extract_lane", 0).local_get(acc0).simd("f64x2_extract_lane", 1).f64_add();
      f.f64_store(8);
      f.local_get(RES).i32_const(16).i32_add().local_set(RES);
      f.local_get(ROWS).i32_const(1).i32_sub().local_set(ROWS);
      f.br(0);
    }),
  );
  return [{ name: "softmax_rows", asm: f }];
}
