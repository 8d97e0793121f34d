/**
 * A small WebAssembly binary encoder: just what the kernel generators need to write modules
 * from TypeScript (no compiler to Wasm is assumed on the build machine, and nothing is
 * downloaded). `Asm` builds one function body; its methods are named after the instructions
 * of the text format (`local_get`, `f32x4_mul`, ...) so a generator reads like the .wat it
 * stands for. `encode_module` lays out the sections of a module that imports one memory and
 * exports its functions.
 *
 * Reference: the WebAssembly core specification 2.0 (binary format), the fixed-width SIMD
 * proposal (0xFD prefix), the threads proposal (0xFE prefix, atomics and shared memories) and
 * relaxed SIMD (f32x4.relaxed_madd).
 */

export type ValType = "i32" | "f32" | "f64" | "v128";
const VALTYPE: Record<ValType, number> = { i32: 0x7f, f32: 0x7d, f64: 0x7c, v128: 0x7b };

/** Unsigned LEB128. */
export function uleb(n: number, out: number[] = []): number[] {
  do {
    let byte = n & 0x7f;
    n = Math.floor(n / 128);
    if (n !== 0) byte |= 0x80;
    out.push(byte);
  } while (n !== 0);
  return out;
}

/** Signed LEB128 of a 32-bit integer. */
export function sleb(n: number, out: number[] = []): number[] {
  n |= 0;
  for (;;) {
    const byte = n & 0x7f;
    n >>= 7;
    const done = (n === 0 && (byte & 0x40) === 0) || (n === -1 && (byte & 0x40) !== 0);
    out.push(done ? byte : byte | 0x80);
    if (done) return out;
  }
}

const scratch = new DataView(new ArrayBuffer(8));

/** SIMD instructions (0xFD prefix): opcode numbers of the final proposal. */
const SIMD = {
  v128_load: 0x00,
  v128_load32_splat: 0x09,
  v128_load64_splat: 0x0a,
  v128_store: 0x0b,
  i32x4_splat: 0x11,
  f32x4_splat: 0x13,
  f32x4_extract_lane: 0x1f,
  f64x2_extract_lane: 0x21,
  i32x4_eq: 0x37,
  i32x4_gt_s: 0x3b,
  f32x4_eq: 0x41,
  f32x4_ne: 0x42,
  f32x4_lt: 0x43,
  f32x4_gt: 0x44,
  f32x4_le: 0x45,
  f32x4_ge: 0x46,
  v128_not: 0x4d,
  v128_and: 0x4e,
  v128_andnot: 0x4f,
  v128_or: 0x50,
  v128_xor: 0x51,
  v128_bitselect: 0x52,
  v128_any_true: 0x53,
  f64x2_promote_low_f32x4: 0x5f,
  f32x4_nearest: 0x6a,
  i32x4_shl: 0xab,
  i32x4_shr_s: 0xac,
  i32x4_shr_u: 0xad,
  i32x4_add: 0xae,
  i32x4_sub: 0xb1,
  i32x4_min_s: 0xb6,
  i32x4_max_s: 0xb8,
  f32x4_abs: 0xe0,
  f32x4_neg: 0xe1,
  f32x4_sqrt: 0xe3,
  f32x4_add: 0xe4,
  f32x4_sub: 0xe5,
  f32x4_mul: 0xe6,
  f32x4_div: 0xe7,
  f32x4_min: 0xe8,
  f32x4_max: 0xe9,
  f32x4_pmin: 0xea,
  f32x4_pmax: 0xeb,
  f64x2_add: 0xf0,
  f64x2_sub: 0xf1,
  f64x2_mul: 0xf2,
  f64x2_div: 0xf3,
  f64x2_sqrt: 0xef,
  i32x4_trunc_sat_f32x4_s: 0xf8,
  f32x4_convert_i32x4_s: 0xfa,
  f32x4_demote_f64x2_zero: 0x5e,
  f32x4_relaxed_madd: 0x105,
} as const;
export type SimdOp = keyof typeof SIMD;

/** The body of one function: locals and instructions, appended in order. */
export class Asm {
  readonly code: number[] = [];
  private readonly extra: ValType[] = [];

  constructor(
    readonly params: readonly ValType[],
    readonly results: readonly ValType[] = [],
  ) {}

  /** A new local of type t; returns its index. */
  local(t: ValType): number {
    this.extra.push(t);
    return this.params.length + this.extra.length - 1;
  }

  private op(...bytes: number[]): this {
    for (const b of bytes) this.code.push(b);
    return this;
  }

  // control: structured blocks take a body callback so nesting is visible in the generator
  block(body: () => void): this {
    this.op(0x02, 0x40);
    body();
    return this.op(0x0b);
  }
  loop(body: () => void): this {
    this.op(0x03, 0x40);
    body();
    return this.op(0x0b);
  }
  if_(then: () => void, otherwise?: () => void): this {
    this.op(0x04, 0x40);
    then();
    if (otherwise) {
      this.op(0x05);
      otherwise();
    }
    return this.op(0x0b);
  }
  br(depth: number): this {
    return this.op(0x0c, ...uleb(depth));
  }
  br_if(depth: number): this {
    return this.op(0x0d, ...uleb(depth));
  }
  return_(): this {
    return this.op(0x0f);
  }
  call(func: number): this {
    return this.op(0x10, ...uleb(func));
  }
  drop(): this {
    return this.op(0x1a);
  }
  select(): this {
    return this.op(0x1b);
  }

  local_get(i: number): this {
    return this.op(0x20, ...uleb(i));
  }
  local_set(i: number): this {
    return this.op(0x21, ...uleb(i));
  }
  local_tee(i: number): this {
    return this.op(0x22, ...uleb(i));
  }

  // memory: offset is the instruction's constant byte offset; alignment is the natural one
  i32_load(offset = 0): this {
    return this.op(0x28, 2, ...uleb(offset));
  }
  f32_load(offset = 0): this {
    return this.op(0x2a, 2, ...uleb(offset));
  }
  f64_load(offset = 0): this {
    return this.op(0x2b, 3, ...uleb(offset));
  }
  i32_store(offset = 0): this {
    return this.op(0x36, 2, ...uleb(offset));
  }
  f32_store(offset = 0): this {
    return this.op(0x38, 2, ...uleb(offset));
  }
  f64_store(offset = 0): this {
    return this.op(0x39, 3, ...uleb(offset));
  }

  i32_const(v: number): this {
    return this.op(0x41, ...sleb(v));
  }
  f32_const(v: number): this {
    scratch.setFloat32(0, v, true);
    return this.op(0x43, ...new Uint8Array(scratch.buffer, 0, 4));
  }
  f64_const(v: number): this {
    scratch.setFloat64(0, v, true);
    return this.op(0x44, ...new Uint8Array(scratch.buffer, 0, 8));
  }

  // i32 arithmetic and comparisons
  i32_eqz = () => this.op(0x45);
  i32_eq = () => this.op(0x46);
  i32_ne = () => this.op(0x47);
  i32_lt_s = () => this.op(0x48);
  i32_lt_u = () => this.op(0x49);
  i32_gt_s = () => this.op(0x4a);
  i32_le_s = () => this.op(0x4c);
  i32_ge_s = () => this.op(0x4e);
  i32_ge_u = () => this.op(0x4f);
  i32_add = () => this.op(0x6a);
  i32_sub = () => this.op(0x6b);
  i32_mul = () => this.op(0x6c);
  i32_div_u = () => this.op(0x6e);
  i32_rem_u = () => this.op(0x70);
  i32_and = () => this.op(0x71);
  i32_shl = () => this.op(0x74);
  // scalar float arithmetic
  f32_add = () => this.op(0x92);
  f32_min = () => this.op(0x96);
  f32_max = () => this.op(0x97);
  f64_add = () => this.op(0xa0);
  f64_promote_f32 = () => this.op(0xbb);

  /** i32.atomic.rmw.add: returns the old value (threads proposal). */
  i32_atomic_rmw_add(offset = 0): this {
    return this.op(0xfe, 0x1e, 2, ...uleb(offset));
  }

  /** A SIMD instruction; loads and stores take a byte offset, extract_lane a lane index. */
  simd(op: SimdOp, imm?: number): this {
    this.op(0xfd, ...uleb(SIMD[op]));
    if (op === "v128_load" || op === "v128_store") this.op(4, ...uleb(imm ?? 0));
    else if (op === "v128_load32_splat") this.op(2, ...uleb(imm ?? 0));
    else if (op === "v128_load64_splat") this.op(3, ...uleb(imm ?? 0));
    else if (op.endsWith("extract_lane")) this.op(imm ?? 0);
    return this;
  }
  v128_const(bytes: readonly number[]): this {
    return this.op(0xfd, ...uleb(0x0c), ...bytes);
  }
  /** A v128 of four equal f32 lanes. */
  f32x4_const(v: number): this {
    scratch.setFloat32(0, v, true);
    const b = [...new Uint8Array(scratch.buffer, 0, 4)];
    return this.v128_const([...b, ...b, ...b, ...b]);
  }
  /** A v128 of four equal i32 lanes. */
  i32x4_const(v: number): this {
    scratch.setInt32(0, v, true);
    const b = [...new Uint8Array(scratch.buffer, 0, 4)];
    return this.v128_const([...b, ...b, ...b, ...b]);
  }

  /** The function body as the code section stores it: size, local declarations, code, end. */
  encode(): number[] {
    const groups: [number, ValType][] = [];
    for (const t of this.extra) {
      const g = groups[groups.length - 1];
      if (g && g[1] === t) g[0]++;
      else groups.push([1, t]);
    }
    const body = uleb(groups.length);
    for (const [n, t] of groups) body.push(...uleb(n), VALTYPE[t]);
    body.push(...this.code, 0x0b);
    return [...uleb(body.length), ...body];
  }
}

export interface FunctionDef {
  readonly name: string;
  readonly asm: Asm;
}

export interface MemoryImport {
  readonly initial: number;
  readonly maximum: number;
  readonly shared: boolean;
}

function section(id: number, payload: number[]): number[] {
  return [id, ...uleb(payload.length), ...payload];
}
function name_bytes(s: string): number[] {
  const b = [...new TextEncoder().encode(s)];
  return [...uleb(b.length), ...b];
}
function vec(items: number[][]): number[] {
  return [...uleb(items.length), ...items.flat()];
}

/**
 * A module importing `env.memory` and exporting every function under its name. Functions call
 * each other by their position in `funcs`.
 */
export function encode_module(funcs: readonly FunctionDef[], memory: MemoryImport): Uint8Array<ArrayBuffer> {
  const types: string[] = [];
  const type_of = funcs.map(({ asm }) => {
    const key = `${asm.params.join()}->${asm.results.join()}`;
    if (!types.includes(key)) types.push(key);
    return types.indexOf(key);
  });
  const type_entries = types.map((key) => {
    const [p, r] = key.split("->").map((s) => (s ? (s.split(",") as ValType[]) : []));
    return [
      0x60,
      ...uleb(p.length),
      ...p.map((t) => VALTYPE[t]),
      ...uleb(r.length),
      ...r.map((t) => VALTYPE[t]),
    ];
  });
  const limits = [memory.shared ? 0x03 : 0x01, ...uleb(memory.initial), ...uleb(memory.maximum)];
  const bytes = [
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
    ...section(1, vec(type_entries)),
    ...section(2, vec([[...name_bytes("env"), ...name_bytes("memory"), 0x02, ...limits]])),
    ...section(3, vec(type_of.map((t) => uleb(t)))),
    ...section(7, vec(funcs.map((f, i) => [...name_bytes(f.name), 0x00, ...uleb(i)]))),
    ...section(10, vec(funcs.map((f) => f.asm.encode()))),
  ];
  return new Uint8Array(bytes);
}
