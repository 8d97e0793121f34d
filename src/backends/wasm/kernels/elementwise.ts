/**
 * Elementwise float32 kernels over staged chunks, four lanes at a time. Each runs over n
 * elements rounded up to a multiple of 4 (staging buffers have room; the extra lanes are
 * never copied out), so there is no scalar tail.
 *
 * unary_<op>(x, out, n) and binary_<op>_<mode>(a, b, out, n), mode "vv" (both operands are
 * runs), "vs" (b is one value, splat) or "sv" (a is one value).
 *
 * Accuracy against the js kernels (the float32 of the double result), measured over every
 * range in test/backends/wasm_elementwise.test.ts; bounds hold for finite, infinite and NaN
 * inputs, subnormals included:
 *   exact (0 ulp): neg abs sqrt square reciprocal relu, binary add sub (alpha 1) mul div
 *   exp, log: <= 2 ulp          log2, log10: <= 3 ulp
 *   sigmoid: <= 3 ulp           silu: <= 4 ulp         tanh: <= 3 ulp
 * (exact ops: a float32 +, -, *, /, sqrt is correctly rounded, and so is the float32 of the
 * double result the js kernel stores, since double rounding through 53 bits is innocuous.)
 */
import { Asm, type FunctionDef, type SimdOp } from "../encoder.js";
import { emit_exp, emit_log, math_locals, type MathLocals } from "./math.js";

/** Emits out = op(x) for v128 locals x and out; s holds scratch locals. */
type VecUnary = (f: Asm, s: Scratch, x: number, out: number) => void;
interface Scratch extends MathLocals {
  readonly w: readonly number[];
}

const simple =
  (op: SimdOp): VecUnary =>
  (f, _s, x, out) =>
    f.local_get(x).simd(op).local_set(out);

const TANH_P = [-5.70498872745e-3, 2.06390887954e-2, -5.37397155531e-2, 1.33314422036e-1, -3.33332819422e-1];

/**
 * sigmoid's two halves, num / den: 1 / (1 + e^-x) for x >= 0, e^x / (1 + e^x) below, so no
 * e^-x overflows; with `times_x`, num is x times that (silu), x e^x formed before it underflows.
 */
function sigmoid_parts(f: Asm, s: Scratch, x: number, num: number, den: number, times_x: boolean): void {
  const [ax, e, xe] = s.w;
  f.local_get(x).simd("f32x4_abs").simd("f32x4_neg").local_set(ax);
  emit_exp(f, s, ax, e, times_x ? xe : undefined);
  f.local_get(e).f32x4_const(1).simd("f32x4_add").local_set(den);
  if (times_x) f.local_get(x).local_get(xe);
  else f.f32x4_const(1).local_get(e);
  f.local_get(x).f32x4_const(0).simd("f32x4_ge").simd("v128_bitselect").local_set(num);
}

export const VEC_UNARY = {
  neg: simple("f32x4_neg"),
  abs: simple("f32x4_abs"),
  sqrt: simple("f32x4_sqrt"),
  square: (f, _s, x, out) => f.local_get(x).local_get(x).simd("f32x4_mul").local_set(out),
  reciprocal: (f, _s, x, out) => f.f32x4_const(1).local_get(x).simd("f32x4_div").local_set(out),
  // x < 0 ? 0 : x, so NaN and -0 pass through as in the js kernel
  relu: (f, _s, x, out) =>
    f
      .f32x4_const(0)
      .local_get(x)
      .local_get(x)
      .f32x4_const(0)
      .simd("f32x4_lt")
      .simd("v128_bitselect")
      .local_set(out),
  exp: (f, s, x, out) => emit_exp(f, s, x, out),
  log: (f, s, x, out) => emit_log(f, s, x, out),
  log2: (f, s, x, out) => {
    emit_log(f, s, x, out);
    f.local_get(out).f32x4_const(Math.LOG2E).simd("f32x4_mul").local_set(out);
  },
  log10: (f, s, x, out) => {
    emit_log(f, s, x, out);
    f.local_get(out).f32x4_const(Math.LOG10E).simd("f32x4_mul").local_set(out);
  },
  sigmoid: (f, s, x, out) => {
    const [num, den] = s.w.slice(3);
    sigmoid_parts(f, s, x, num, den, false);
    f.local_get(num).local_get(den).simd("f32x4_div").local_set(out);
  },
  silu: (f, s, x, out) => {
    const [num, den] = s.w.slice(3);
    sigmoid_parts(f, s, x, num, den, true);
    // silu(-inf) = -inf / inf = NaN in the reference
    f.f32x4_const(NaN).local_get(num).local_get(den).simd("f32x4_div");
    f.local_get(x).f32x4_const(-Infinity).simd("f32x4_eq").simd("v128_bitselect").local_set(out);
  },
  // tanh is odd: tanh(|x|) with x's sign (so -0 stays -0). |x| < 0.625: |x| + |x|^3 P(x^2)
  // (Cephes tanhf); beyond: 1 - 2 / (e^2|x| + 1)
  tanh: (f, s, x, out) => {
    const [ax, e, z, p] = s.w;
    f.local_get(x).simd("f32x4_abs").local_set(ax);
    f.local_get(ax).local_get(ax).simd("f32x4_add").local_set(z);
    emit_exp(f, s, z, e);
    f.f32x4_const(1).f32x4_const(2).local_get(e).f32x4_const(1).simd("f32x4_add").simd("f32x4_div");
    f.simd("f32x4_sub").local_set(e);
    f.local_get(x).local_get(x).simd("f32x4_mul").local_set(z);
    f.f32x4_const(TANH_P[0]).local_set(p);
    for (const c of TANH_P.slice(1)) {
      f.local_get(p).local_get(z).simd("f32x4_mul").f32x4_const(c).simd("f32x4_add").local_set(p);
    }
    f.local_get(p)
      .local_get(z)
      .simd("f32x4_mul")
      .local_get(ax)
      .simd("f32x4_mul")
      .local_get(ax)
      .simd("f32x4_add");
    f.local_get(e).local_get(ax).f32x4_const(0.625).simd("f32x4_lt").simd("v128_bitselect");
    f.local_get(x).i32x4_const(-0x80000000).simd("v128_and").simd("v128_or").local_set(out);
  },
} satisfies Record<string, VecUnary>;
export type WasmUnaryOp = keyof typeof VEC_UNARY;

export const VEC_BINARY = {
  add: "f32x4_add",
  sub: "f32x4_sub",
  mul: "f32x4_mul",
  div: "f32x4_div",
} as const satisfies Record<string, SimdOp>;
export type WasmBinaryOp = keyof typeof VEC_BINARY;
export type BinaryMode = "vv" | "vs" | "sv";

/** A loop over n elements in steps of 4: body(i) reads and writes through the pointer locals. */
function vector_loop(f: Asm, n: number, ptrs: readonly number[], body: () => void): void {
  f.block(() =>
    f.loop(() => {
      f.local_get(n).i32_const(0).i32_le_s().br_if(1);
      body();
      for (const p of ptrs) f.local_get(p).i32_const(16).i32_add().local_set(p);
      f.local_get(n).i32_const(4).i32_sub().local_set(n);
      f.br(0);
    }),
  );
}

function unary_function(op: WasmUnaryOp): FunctionDef {
  const f = new Asm(["i32", "i32", "i32"]);
  const [X, OUT, N] = [0, 1, 2];
  const x = f.local("v128");
  const y = f.local("v128");
  const s: Scratch = { ...math_locals(f), w: Array.from({ length: 5 }, () => f.local("v128")) };
  vector_loop(f, N, [X, OUT], () => {
    f.local_get(X).simd("v128_load").local_set(x);
    VEC_UNARY[op](f, s, x, y);
    f.local_get(OUT).local_get(y).simd("v128_store");
  });
  return { name: `unary_${op}`, asm: f };
}

function binary_function(op: WasmBinaryOp, mode: BinaryMode): FunctionDef {
  const f = new Asm(["i32", "i32", "i32", "i32"]);
  const [A, B, OUT, N] = [0, 1, 2, 3];
  const a = f.local("v128");
  const b = f.local("v128");
  // a one-value operand is splat once, before the loop
  if (mode === "sv") f.local_get(A).simd("v128_load32_splat").local_set(a);
  if (mode === "vs") f.local_get(B).simd("v128_load32_splat").local_set(b);
  const ptrs = mode === "vv" ? [A, B, OUT] : mode === "vs" ? [A, OUT] : [B, OUT];
  vector_loop(f, N, ptrs, () => {
    if (mode !== "sv") f.local_get(A).simd("v128_load").local_set(a);
    if (mode !== "vs") f.local_get(B).simd("v128_load").local_set(b);
    f.local_get(OUT).local_get(a).local_get(b).simd(VEC_BINARY[op]).simd("v128_store");
  });
  return { name: `binary_${op}_${mode}`, asm: f };
}

export function elementwise_functions(): FunctionDef[] {
  const modes: BinaryMode[] = ["vv", "vs", "sv"];
  return [
    ...(Object.keys(VEC_UNARY) as WasmUnaryOp[]).map(unary_function),
    ...(Object.keys(VEC_BINARY) as WasmBinaryOp[]).flatMap((op) => modes.map((m) => binary_function(op, m))),
  ];
}
