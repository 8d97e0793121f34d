/**
 * The float32 GEMM kernels, generated as Wasm functions.
 *
 * Operands arrive packed (see ../matmul.ts): A in panels of 4 rows, each panel `kc` steps of 4
 * values (a[i..i+3][p] side by side); B in panels of 8 columns (the last one may be 4 wide),
 * each `kc` steps of 8 (or 4) values. C is a row-major staging block in Wasm memory.
 *
 * `gemm_macro` runs the register-blocked micro-kernel over an m x n block of C for one kc slice
 * of K: for each 8-column panel of B (whose kc x 8 values stay in L1) it walks every 4-row panel
 * of A and keeps the 4x8 tile of C in 8 SIMD registers while streaming K. Per step it loads 2
 * vectors of B and splats 4 values of A: 8 accumulators + 2 + 1 registers, which fits the 15
 * 128-bit registers V8 can allocate on x64 and arm64 (6x8 or 4x16 tiles would spill). A 4x4
 * variant handles a last panel of 4 columns, so an output of 10 columns computes 12, not 16.
 *
 * `gemm_tiles` is the parallel driver every thread runs: it takes tiles (an MC x NC block of C,
 * over all of K) from a shared counter with an atomic add until none are left, so threads split
 * the work dynamically and the caller needs no scheduling of its own.
 */
import { Asm, type FunctionDef } from "../encoder.js";

/** Descriptor of one GEMM for gemm_tiles, as i32 words at its address in memory. */
export const DESC = {
  next: 0,
  count: 1,
  mp: 2,
  np: 3,
  k: 4,
  kc: 5,
  mc: 6,
  nc: 7,
  tiles_n: 8,
  a: 9,
  b: 10,
  c: 11,
  /** pack jobs taken and finished (see PACK) */
  pack_next: 12,
  pack_done: 13,
  /** the PACK records of A and B */
  pack_a: 14,
  pack_b: 23,
} as const;
export const DESC_WORDS = 32;

/**
 * A record of the descriptor: how to pack one operand with gemm_pack, one kc slice of K per
 * job (a slice's panels are contiguous in the packed layout, so threads pack slices apart),
 * before any thread runs tiles. `jobs` is 0 when the operand is packed already.
 */
export const PACK = {
  jobs: 0,
  src: 1,
  s_pan: 2,
  s_k: 3,
  live: 4,
  total: 5,
  w: 6,
  k: 7,
  dst: 8,
} as const;

/** Pushes min(x, y) (signed i32) of the values the callbacks push; each runs twice. */
function i32_min(f: Asm, x: () => void, y: () => void): void {
  x();
  y();
  x();
  y();
  f.i32_lt_s().select();
}

/** One k step of the micro-kernel: acc[r][q] += a[r] * b[q], as FMA (relaxed) or mul + add. */
function step(f: Asm, acc: number[][], av: number, bv: number[], ap: number, bp: number, relaxed: boolean) {
  bv.forEach((b, q) =>
    f
      .local_get(bp)
      .simd("v128_load", q * 16)
      .local_set(b),
  );
  for (let r = 0; r < 4; r++) {
    f.local_get(ap)
      .simd("v128_load32_splat", r * 4)
      .local_set(av);
    for (let q = 0; q < bv.length; q++) {
      const c = acc[r][q];
      if (relaxed) f.local_get(av).local_get(bv[q]).local_get(c).simd("f32x4_relaxed_madd");
      else f.local_get(c).local_get(av).local_get(bv[q]).simd("f32x4_mul").simd("f32x4_add");
      f.local_set(c);
    }
  }
}

/**
 * gemm_macro(a, b, c, m, n, k, ldc, acc): C[m x n] (+)= A[m x k] B[k x n] on packed panels;
 * ldc in bytes; acc = 0 stores the products, 1 adds them to what C holds. m is a multiple of
 * 4, n of 4 (panels of 8, the last possibly 4 wide).
 */
export function gemm_macro(relaxed: boolean): FunctionDef {
  const f = new Asm(["i32", "i32", "i32", "i32", "i32", "i32", "i32", "i32"]);
  const [A, B, C, M, N, K, LDC, ACC] = [0, 1, 2, 3, 4, 5, 6, 7];
  const cols = f.local("i32"); // columns left
  const bpan = f.local("i32"); // current panel of B
  const ccol = f.local("i32"); // C at the panel's first column
  const ap = f.local("i32");
  const bp = f.local("i32");
  const cp = f.local("i32");
  const row = f.local("i32"); // C at the current row of the tile
  const rows = f.local("i32"); // rows left
  const p = f.local("i32"); // k steps left
  const av = f.local("v128");
  const bv = [f.local("v128"), f.local("v128")];
  const acc = [0, 1, 2, 3].map(() => [f.local("v128"), f.local("v128")]);

  /** Every 4-row panel of A against the B panel at bpan, w columns wide. */
  const panel = (w: 4 | 8) => {
    const b = bv.slice(0, w / 4);
    const tile = acc.map((r) => r.slice(0, w / 4));
    const each_row = (body: (r: number) => void) => {
      f.local_get(cp).local_set(row);
      for (let r = 0; r < 4; r++) {
        body(r);
        if (r < 3) f.local_get(row).local_get(LDC).i32_add().local_set(row);
      }
    };
    f.local_get(A).local_set(ap);
    f.local_get(ccol).local_set(cp);
    f.local_get(M).local_set(rows);
    f.block(() =>
      f.loop(() => {
        f.local_get(rows).i32_const(0).i32_le_s().br_if(1);
        // the tile starts from C (acc) or from zero
        f.local_get(ACC).if_(
          () =>
            each_row((r) =>
              tile[r].forEach((c, q) =>
                f
                  .local_get(row)
                  .simd("v128_load", q * 16)
                  .local_set(c),
              ),
            ),
          () => tile.flat().forEach((c) => f.v128_const(new Array<number>(16).fill(0)).local_set(c)),
        );
        f.local_get(bpan).local_set(bp);
        f.local_get(K).local_set(p);
        // one k step per iteration: V8 unrolls this loop itself, while unrolling it here made
        // TurboFan hoist every step's loads to the top and spill the accumulators
        f.block(() =>
          f.loop(() => {
            f.local_get(p).i32_eqz().br_if(1);
            step(f, tile, av, b, ap, bp, relaxed);
            f.local_get(ap).i32_const(16).i32_add().local_set(ap);
            f.local_get(bp)
              .i32_const(4 * w)
              .i32_add()
              .local_set(bp);
            f.local_get(p).i32_const(1).i32_sub().local_set(p);
            f.br(0);
          }),
        );
        each_row((r) =>
          tile[r].forEach((c, q) =>
            f
              .local_get(row)
              .local_get(c)
              .simd("v128_store", q * 16),
          ),
        );
        f.local_get(cp).local_get(LDC).i32_const(4).i32_mul().i32_add().local_set(cp);
        f.local_get(rows).i32_const(4).i32_sub().local_set(rows);
        f.br(0);
      }),
    );
  };

  f.local_get(B).local_set(bpan);
  f.local_get(C).local_set(ccol);
  f.local_get(N).local_set(cols);
  f.block(() =>
    f.loop(() => {
      f.local_get(cols).i32_const(8).i32_lt_s().br_if(1);
      panel(8);
      f.local_get(bpan).local_get(K).i32_const(32).i32_mul().i32_add().local_set(bpan);
      f.local_get(ccol).i32_const(32).i32_add().local_set(ccol);
      f.local_get(cols).i32_const(8).i32_sub().local_set(cols);
      f.br(0);
    }),
  );
  f.local_get(cols)
    .i32_const(4)
    .i32_ge_s()
    .if_(() => panel(4));
  return { name: "gemm_macro", asm: f };
}

/**
 * gemm_tiles(desc): takes tiles of the GEMM described at desc (DESC words) until none are
 * left; each tile runs gemm_macro over every kc slice of K. `macro` is gemm_macro's index.
 */
export function gemm_tiles(macro: number): FunctionDef {
  const f = new Asm(["i32"]);
  const D = 0;
  const [t, ic, jc, pc, kc, mp, np, k] = [0, 0, 0, 0, 0, 0, 0, 0].map(() => f.local("i32"));
  const word = (w: number) => f.local_get(D).i32_load(4 * w);
  const min = (x: () => void, y: () => void) => i32_min(f, x, y);
  word(DESC.mp).local_set(mp);
  word(DESC.np).local_set(np);
  word(DESC.k).local_set(k);
  f.block(() =>
    f.loop(() => {
      f.local_get(D)
        .i32_const(1)
        .i32_atomic_rmw_add(4 * DESC.next)
        .local_tee(t);
      word(DESC.count).i32_ge_u().br_if(1);
      // tile t is row block t / tiles_n, column block t % tiles_n
      f.local_get(t);
      word(DESC.tiles_n).i32_div_u();
      word(DESC.mc).i32_mul().local_set(ic);
      f.local_get(t);
      word(DESC.tiles_n).i32_rem_u();
      word(DESC.nc).i32_mul().local_set(jc);
      f.i32_const(0).local_set(pc);
      f.loop(() => {
        min(
          () => word(DESC.kc),
          () => f.local_get(k).local_get(pc).i32_sub(),
        );
        f.local_set(kc);
        // a + 4 (pc mp + ic kc), b + 4 (pc np + jc kc), c + 4 (ic np + jc)
        word(DESC.a).local_get(pc).local_get(mp).i32_mul().local_get(ic).local_get(kc).i32_mul().i32_add();
        f.i32_const(2).i32_shl().i32_add();
        word(DESC.b).local_get(pc).local_get(np).i32_mul().local_get(jc).local_get(kc).i32_mul().i32_add();
        f.i32_const(2).i32_shl().i32_add();
        word(DESC.c)
          .local_get(ic)
          .local_get(np)
          .i32_mul()
          .local_get(jc)
          .i32_add()
          .i32_const(2)
          .i32_shl()
          .i32_add();
        min(
          () => word(DESC.mc),
          () => f.local_get(mp).local_get(ic).i32_sub(),
        );
        min(
          () => word(DESC.nc),
          () => f.local_get(np).local_get(jc).i32_sub(),
        );
        f.local_get(kc);
        f.local_get(np).i32_const(2).i32_shl();
        f.local_get(pc).i32_const(0).i32_ne();
        f.call(macro);
        f.local_get(pc).local_get(kc).i32_add().local_tee(pc);
        f.local_get(k).i32_lt_s().br_if(0);
      });
      f.br(0);
    }),
  );
  return { name: "gemm_tiles", asm: f };
}

/**
 * gemm_pack(src, s_pan, s_k, live, total, w, k, kc_max, dst): packs an operand staged at src
 * (a plain copy of its elements, byte strides s_pan along the panel dim and s_k along K) into
 * the layout gemm_macro reads, from dst on: kc slice by kc slice, panels of w (the last one
 * `total - j` wide when narrower), each kc steps of the panel's width; panel lanes from `live`
 * to `total` are zero. A's panels are its rows (w = 4), B's its columns (w = 8). A panel whose
 * lanes are adjacent in src (s_pan = 4) and all live is copied a vector at a time.
 */
export function gemm_pack(): FunctionDef {
  const f = new Asm(["i32", "i32", "i32", "i32", "i32", "i32", "i32", "i32", "i32"]);
  const [SRC, SPAN, SK, LIVE, TOTAL, W, K, KC, DST] = [0, 1, 2, 3, 4, 5, 6, 7, 8];
  const [pc, kc, j, wj, lj, p, s, e, sp] = [0, 0, 0, 0, 0, 0, 0, 0, 0].map(() => f.local("i32"));
  const min = (x: () => void, y: () => void) => i32_min(f, x, y);
  /** while (cond) body, as block + loop. */
  const loop_while = (exit_unless: () => void, body: () => void) =>
    f.block(() =>
      f.loop(() => {
        exit_unless();
        f.i32_eqz().br_if(1);
        body();
        f.br(0);
      }),
    );
  const next_step = () => {
    f.local_get(s).local_get(SK).i32_add().local_set(s);
    f.local_get(p).i32_const(1).i32_sub().local_set(p);
  };
  f.i32_const(0).local_set(pc);
  loop_while(
    () => f.local_get(pc).local_get(K).i32_lt_s(),
    () => {
      min(
        () => f.local_get(KC),
        () => f.local_get(K).local_get(pc).i32_sub(),
      );
      f.local_set(kc);
      f.i32_const(0).local_set(j);
      loop_while(
        () => f.local_get(j).local_get(TOTAL).i32_lt_s(),
        () => {
          min(
            () => f.local_get(W),
            () => f.local_get(TOTAL).local_get(j).i32_sub(),
          );
          f.local_set(wj);
          // live lanes of this panel: live - j clamped to [0, wj]
          min(
            () => f.local_get(wj),
            () => f.local_get(LIVE).local_get(j).i32_sub(),
          );
          f.local_tee(lj)
            .i32_const(0)
            .i32_lt_s()
            .if_(() => f.i32_const(0).local_set(lj));
          // s = src + j s_pan + pc s_k
          f.local_get(SRC).local_get(j).local_get(SPAN).i32_mul().i32_add();
          f.local_get(pc).local_get(SK).i32_mul().i32_add().local_set(s);
          f.local_get(kc).local_set(p);
          f.local_get(lj)
            .local_get(wj)
            .i32_eq()
            .local_get(SPAN)
            .i32_const(4)
            .i32_eq()
            .i32_and()
            .if_(
              () =>
                // whole vectors: wj is 4 or 8
                loop_while(
                  () => f.local_get(p),
                  () => {
                    f.local_get(DST).local_get(s).simd("v128_load").simd("v128_store");
                    f.local_get(wj)
                      .i32_const(8)
                      .i32_eq()
                      .if_(() => f.local_get(DST).local_get(s).simd("v128_load", 16).simd("v128_store", 16));
                    f.local_get(DST).local_get(wj).i32_const(2).i32_shl().i32_add().local_set(DST);
                    next_step();
                  },
                ),
              () =>
                loop_while(
                  () => f.local_get(p),
                  () => {
                    f.local_get(s).local_set(sp);
                    f.i32_const(0).local_set(e);
                    loop_while(
                      () => f.local_get(e).local_get(lj).i32_lt_s(),
                      () => {
                        f.local_get(DST).local_get(sp).f32_load().f32_store();
                        f.local_get(DST).i32_const(4).i32_add().local_set(DST);
                        f.local_get(sp).local_get(SPAN).i32_add().local_set(sp);
                        f.local_get(e).i32_const(1).i32_add().local_set(e);
                      },
                    );
                    loop_while(
                      () => f.local_get(e).local_get(wj).i32_lt_s(),
                      () => {
                        f.local_get(DST).f32_const(0).f32_store();
                        f.local_get(DST).i32_const(4).i32_add().local_set(DST);
                        f.local_get(e).i32_const(1).i32_add().local_set(e);
                      },
                    );
                    next_step();
                  },
                ),
            );
          f.local_get(j).local_get(W).i32_add().local_set(j);
        },
      );
      f.local_get(pc).local_get(KC).i32_add().local_set(pc);
    },
  );
  return { name: "gemm_pack", asm: f };
}
