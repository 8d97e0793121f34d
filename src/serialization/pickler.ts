/**
 * Writes the pickle of `data.pkl`: protocol 2, only the opcodes PyTorch 1.13's weights_only
 * loader accepts (plus BINFLOAT, which 1.13 refuses and 2.x accepts: every Python float), no
 * memo. Tensors are `_rebuild_tensor_v2` with exactly six arguments; each storage gets one key
 * ('0', '1', ... in the order first met) and is written once, so views stay views.
 *
 * JS values: null -> None; boolean; a number is an int when integral (and not -0), else a
 * float; bigint -> int; string; a frozen array -> tuple, any other array -> list; a Map ->
 * OrderedDict (what state_dict() returns; its `_metadata` is written with BUILD); a plain
 * object -> dict, its integer-looking keys as ints (optimizer state is keyed by int); Set ->
 * set; Uint8Array -> bytes; DType -> torch.<dtype>; Tensor, Parameter.
 */
import { DType } from "../dtype.js";
import { Tensor } from "../tensor/tensor.js";
import type { Storage } from "../tensor/storage.js";
import { Parameter } from "../nn/parameter.js";
import { SerializationError } from "./errors.js";
import { file_dtype_of } from "./storage_types.js";
import { ForeignDType, PyComplex } from "./torch_globals.js";
import { is_int_key } from "./finalize.js";

/** How deep torch.save follows nested containers before refusing (cycles are refused anyway). */
const MAX_DEPTH = 1000;

const encoder = new TextEncoder();

export class Pickler {
  private chunks: Uint8Array[] = [];
  private buf = new Uint8Array(1 << 12);
  private pos = 0;
  private readonly open = new Set<object>();
  /** the storages in key order */
  readonly storages: Storage[] = [];
  private readonly keys = new Map<Storage, string>();

  dumps(obj: unknown): Uint8Array {
    this.bytes(0x80, 2);
    this.value(obj, "", 0);
    this.bytes(0x2e);
    this.flush();
    const n = this.chunks.reduce((a, c) => a + c.length, 0);
    const out = new Uint8Array(n);
    let at = 0;
    for (const c of this.chunks) {
      out.set(c, at);
      at += c.length;
    }
    return out;
  }

  private flush(): void {
    if (this.pos) this.chunks.push(this.buf.slice(0, this.pos));
    this.pos = 0;
  }
  private room(n: number): void {
    if (this.pos + n > this.buf.length) {
      this.flush();
      if (n > this.buf.length) this.buf = new Uint8Array(n);
    }
  }
  private bytes(...b: number[]): void {
    this.room(b.length);
    for (const x of b) this.buf[this.pos++] = x;
  }
  private raw(b: Uint8Array): void {
    this.room(b.length);
    this.buf.set(b, this.pos);
    this.pos += b.length;
  }
  private u32(op: number, n: number): void {
    this.bytes(op, n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff, n >>> 24);
  }
  private global(module: string, name: string): void {
    this.bytes(0x63);
    this.raw(encoder.encode(`${module}\n${name}\n`));
  }
  private string(s: string): void {
    const b = encoder.encode(s);
    this.u32(0x58, b.length);
    this.raw(b);
  }
  private int(x: number | bigint): void {
    if (typeof x === "number" && x >= 0 && x < 256) this.bytes(0x4b, x);
    else if (typeof x === "number" && x >= 0 && x < 65536) this.bytes(0x4d, x & 0xff, x >>> 8);
    else if (typeof x === "number" && x >= -(2 ** 31) && x < 2 ** 31) this.u32(0x4a, x >>> 0);
    else {
      // LONG1: minimal two's complement, little-endian (Python's encode_long)
      let v = BigInt(x);
      const out: number[] = [];
      for (;;) {
        const byte = Number(v & 0xffn);
        out.push(byte);
        v >>= 8n;
        if ((v === 0n && !(byte & 0x80)) || (v === -1n && byte & 0x80)) break;
      }
      if (out.length > 255) throw new SerializationError(`int ${x} is too large to save`);
      this.bytes(0x8a, out.length, ...out);
    }
  }
  private float(x: number): void {
    const b = new Uint8Array(8);
    new DataView(b.buffer).setFloat64(0, x, false);
    this.bytes(0x47);
    this.raw(b);
  }
  private tuple(items: readonly unknown[], path: string, depth: number): void {
    if (items.length === 0) return this.bytes(0x29);
    if (items.length > 3) this.bytes(0x28);
    items.forEach((x, i) => this.value(x, `${path}[${i}]`, depth));
    this.bytes(items.length === 1 ? 0x85 : items.length === 2 ? 0x86 : items.length === 3 ? 0x87 : 0x74);
  }
  private items(entries: [unknown, unknown][], path: string, depth: number): void {
    if (entries.length === 1) {
      this.value(entries[0][0], path, depth);
      this.value(entries[0][1], `${path}[${String(entries[0][0])}]`, depth);
      return this.bytes(0x73);
    }
    // batches of 1000, as Python writes them
    for (let i = 0; i < entries.length; i += 1000) {
      this.bytes(0x28);
      for (const [k, v] of entries.slice(i, i + 1000)) {
        this.value(k, path, depth);
        this.value(v, `${path}[${String(k)}]`, depth);
      }
      this.bytes(0x75);
    }
  }

  private value(x: unknown, path: string, depth: number): void {
    const where = () => (path ? ` at ${path}` : "");
    if (x === null) return this.bytes(0x4e);
    if (x === true || x === false) return this.bytes(x ? 0x88 : 0x89);
    if (typeof x === "number") {
      return Number.isInteger(x) && !Object.is(x, -0) && Number.isSafeInteger(x)
        ? this.int(x)
        : this.float(x);
    }
    if (typeof x === "bigint") return this.int(x);
    if (typeof x === "string") return this.string(x);
    if (x instanceof Tensor) return this.tensor(x);
    if (x instanceof DType || x instanceof ForeignDType) return this.global("torch", x.name);
    if (typeof x !== "object") {
      // modules are callable objects: name their class, not "function"
      const cls =
        typeof x === "function" ? (x as { constructor?: { name?: string } }).constructor?.name : undefined;
      const what =
        cls && cls !== "Function" ? `${cls}${where()}: save its state_dict()` : `${typeof x}${where()}`;
      throw new SerializationError(`torch.save cannot save a ${what}`);
    }
    if (depth >= MAX_DEPTH)
      throw new SerializationError(`torch.save: containers nest deeper than ${MAX_DEPTH} levels${where()}`);
    if (this.open.has(x)) throw new SerializationError(`torch.save: the value contains itself${where()}`);
    this.open.add(x);
    const d = depth + 1;
    if (x instanceof Uint8Array) {
      this.global("_codecs", "encode");
      this.string(Array.from(x, (c) => String.fromCharCode(c)).join(""));
      this.string("latin1");
      this.bytes(0x86, 0x52);
    } else if (x instanceof PyComplex) {
      this.global("__builtin__", "complex");
      this.float(x.re);
      this.float(x.im);
      this.bytes(0x86, 0x52);
    } else if (Array.isArray(x)) {
      if (Object.isFrozen(x)) this.tuple(x, path, d);
      else {
        this.bytes(0x5d);
        if (x.length === 1) {
          this.value(x[0], `${path}[0]`, d);
          this.bytes(0x61);
        } else if (x.length) {
          for (let i = 0; i < x.length; i += 1000) {
            this.bytes(0x28);
            for (let j = i; j < Math.min(x.length, i + 1000); j++) this.value(x[j], `${path}[${j}]`, d);
            this.bytes(0x65);
          }
        }
      }
    } else if (x instanceof Map) {
      this.global("collections", "OrderedDict");
      this.bytes(0x29, 0x52);
      if (x.size) this.items([...(x as Map<unknown, unknown>)], path, d);
      const meta = (x as { _metadata?: unknown })._metadata;
      if (meta !== undefined && meta !== null) {
        this.bytes(0x7d);
        this.string("_metadata");
        this.value(meta, `${path}._metadata`, d);
        this.bytes(0x73, 0x62);
      }
    } else if (x instanceof Set) {
      this.global("__builtin__", "set");
      this.bytes(0x5d);
      if (x.size) {
        this.bytes(0x28);
        let i = 0;
        for (const v of x as Set<unknown>) this.value(v, `${path}{${i++}}`, d);
        this.bytes(0x65);
      }
      this.bytes(0x85, 0x52);
    } else if (Object.getPrototypeOf(x) === Object.prototype || Object.getPrototypeOf(x) === null) {
      this.bytes(0x7d);
      const entries = Object.entries(x).map(([k, v]): [unknown, unknown] => [
        is_int_key(k) ? Number(k) : k,
        v,
      ]);
      if (entries.length) this.items(entries, path, d);
    } else {
      const name = x.constructor?.name ?? "object";
      throw new SerializationError(
        `torch.save cannot save a ${name}${where()}: save tensors, state_dict()s and plain values (objects, Maps, arrays, numbers, strings)`,
      );
    }
    this.open.delete(x);
  }

  private tensor(t: Tensor): void {
    const param = t instanceof Parameter;
    if (t._strides.some((s) => s < 0)) t = t.contiguous();
    const s = t._storage;
    let key = this.keys.get(s);
    if (key === undefined) {
      key = String(this.storages.length);
      this.keys.set(s, key);
      this.storages.push(s);
    }
    if (param) this.global("torch._utils", "_rebuild_parameter");
    this.global("torch._utils", "_rebuild_tensor_v2");
    this.bytes(0x28, 0x28);
    this.string("storage");
    this.global("torch", file_dtype_of(s.dtype).storage as string);
    this.string(key);
    this.string("cpu");
    this.int(s.length);
    this.bytes(0x74, 0x51); // TUPLE BINPERSID
    this.int(t._offset);
    this.tuple(t.shape, "", 0);
    this.tuple(t._strides, "", 0);
    this.bytes(!param && t.requires_grad ? 0x88 : 0x89);
    this.global("collections", "OrderedDict");
    this.bytes(0x29, 0x52, 0x74, 0x52); // OrderedDict() ; TUPLE REDUCE
    if (param) {
      this.bytes(t.requires_grad ? 0x88 : 0x89);
      this.global("collections", "OrderedDict");
      this.bytes(0x29, 0x52, 0x87, 0x52);
    }
  }
}
