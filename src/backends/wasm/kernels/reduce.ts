/**
 * Reductions of float32 rows staged back to back in Wasm memory, one double result per row:
 * reduce_<op>_rows(x, out, rows, m) reduces rows of m floats from x into rows f64 at out.
 *
 * - sum accumulates in doubles (each float32 widened exactly), as the js kernel does, in four
 *   interleaved partial sums: the result is within m * 2^-53 * sum |x| of the js kernel's
 *   double before both round to float32, so it equals it or is one float32 ulp away.
 * - max and min are exact and propagate NaN; where +0 and -0 tie for the result, either
 *   sign may come out (the js kernel keeps the first one met).
 */
import { Asm, type FunctionDef } from "../encoder.js";

type RowOp = "sum" | "max" | "min";
export const ROW_OPS: readonly RowOp[] = ["sum", "max", "min"];

function rows_function(op: RowOp): FunctionDef {
  const f = new Asm(["i32", "i32", "i32", "i32"]);
  const [X, OUT, ROWS, M] = [0, 1, 2, 3];
  const j = f.local("i32");
  const acc0 = f.local("v128");
  const acc1 = f.local("v128");
  const tail = op === "sum" ? f.local("f64") : f.local("f32");
  const lanes = f.local(op === "sum" ? "f64" : "f32");
  f.block(() =>
    f.loop(() => {
      f.local_get(ROWS).i32_eqz().br_if(1);
      if (op === "sum") {
        f.v128_const(new Array<number>(16).fill(0)).local_tee(acc0).local_set(acc1);
        f.f64_const(0).local_set(tail);
      } else {
        const init = op === "max" ? -Infinity : Infinity;
        f.f32x4_const(init).local_set(acc0);
        f.f32_const(init).local_set(tail);
      }
      f.local_get(M).local_set(j);
      // four floats per step
      f.block(() =>
        f.loop(() => {
          f.local_get(j).i32_const(4).i32_lt_s().br_if(1);
          if (op === "sum") {
            f.local_get(acc0).local_get(X).simd("v128_load64_splat").simd("f64x2_promote_low_f32x4");
            f.simd("f64x2_add").local_set(acc0);
            f.local_get(acc1).local_get(X).simd("v128_load64_splat", 8).simd("f64x2_promote_low_f32x4");
            f.simd("f64x2_add").local_set(acc1);
          } else {
            f.local_get(acc0)
              .local_get(X)
              .simd("v128_load")
              .simd(op === "max" ? "f32x4_max" : "f32x4_min");
            f.local_set(acc0);
          }
          f.local_get(X).i32_const(16).i32_add().local_set(X);
          f.local_get(j).i32_const(4).i32_sub().local_set(j);
          f.br(0);
        }),
      );
      // the last m % 4 one at a time
      f.block(() =>
        f.loop(() => {
          f.local_get(j).i32_eqz().br_if(1);
          f.local_get(tail).local_get(X).f32_load();
          if (op === "sum") f.f64_promote_f32().f64_add();
          else if (op === "max") f.f32_max();
          else f.f32_min();
          f.local_set(tail);
          f.local_get(X).i32_const(4).i32_add().local_set(X);
          f.local_get(j).i32_const(1).i32_sub().local_set(j);
          f.br(0);
        }),
      );
      f.local_get(OUT);
      if (op === "sum") {
        f.local_get(acc0).local_get(acc1).simd("f64x2_add").local_set(acc0);
        f.local_get(acc0)
          .simd("f64x2_extract_lane", 0)
          .local_get(acc0)
          .simd("f64x2_extract_lane", 1)
          .f64_add();
        f.local_get(tail).f64_add();
      } else {
        const combine = () => (op === "max" ? f.f32_max() : f.f32_min());
        f.local_get(tail).local_set(lanes);
        for (let l = 0; l < 4; l++) {
          f.local_get(lanes).local_get(acc0).simd("f32x4_extract_lane", l);
          combine();
          f.local_set(lanes);
        }
        f.local_get(lanes).f64_promote_f32();
      }
      f.f64_store();
      f.local_get(OUT).i32_const(8).i32_add().local_set(OUT);
      f.local_get(ROWS).i32_const(1).i32_sub().local_set(ROWS);
      f.br(0);
    }),
  );
  return { name: `reduce_${op}_rows`, asm: f };
}

export function reduce_functions(): FunctionDef[] {
  return ROW_OPS.map(rows_function);
}
