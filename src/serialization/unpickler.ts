/**
 * The pickle machine: reads a pickle (protocols 2 to 5) opcode by opcode and builds JS values.
 * It never imports or calls anything a file names. GLOBAL, REDUCE, NEWOBJ, BUILD and persistent
 * ids go to a Host (torch_globals.ts), which maps an allow-list of PyTorch names to torch-ts
 * values and refuses every other by name.
 *
 * Hostile input: every length is checked against the bytes left before reading, the memo is a
 * Map (a huge index allocates nothing), stacks are checked for underflow and MARK balance,
 * nesting depth is capped, and nothing recurses over the data.
 *
 * Python values while unpickling: None -> null, bool, int -> number (BigInt past 2^53), float
 * -> number, str -> string, bytes -> Uint8Array, list -> array, tuple -> array (frozen by
 * finalize), dict and OrderedDict -> Map, set/frozenset -> Set. `finalize` then turns each
 * plain dict into an object when its keys allow (see there).
 */
import { kind, UnpicklingError } from "./errors.js";
import { finalize } from "./finalize.js";

export interface Host {
  find_global(module: string, name: string): unknown;
  /** REDUCE (callable(*args)) or NEWOBJ (cls.__new__(cls, *args)) */
  call(fn: unknown, args: readonly unknown[], how: "REDUCE" | "NEWOBJ"): unknown;
  persistent_load(pid: unknown): unknown;
  /** BUILD: apply `state` to `target` (which the machine has checked is not a list or tuple) */
  build(target: unknown, state: unknown, is_dict: (x: unknown) => x is Map<unknown, unknown>): void;
  /** values the host made that finalize must leave alone (tensors, dtypes, ...) */
  is_leaf(x: object): boolean;
}

/** Containers may nest this deep; real checkpoints nest a few levels. */
export const MAX_DEPTH = 1000;

const utf8 = new TextDecoder("utf-8", { fatal: true });

export class Unpickler {
  private pos: number;
  private stack: unknown[] = [];
  private metastack: unknown[][] = [];
  private memo = new Map<number, unknown>();
  readonly tuples = new WeakSet<object>();
  readonly dicts = new WeakSet<object>();
  private depth = new WeakMap<object, number>();

  constructor(
    private readonly data: Uint8Array,
    private readonly host: Host,
    private readonly what = "data.pkl",
    start = 0,
  ) {
    this.pos = start;
  }

  /** the byte after STOP, once load() has returned (legacy files hold pickles back to back) */
  get end(): number {
    return this.pos;
  }

  private error(msg: string): never {
    throw new UnpicklingError(`${this.what}: ${msg}`);
  }

  private take(n: number): Uint8Array {
    if (n > this.data.length - this.pos) {
      this.error(`truncated: ${n} bytes wanted at byte ${this.pos}, ${this.data.length - this.pos} left`);
    }
    const b = this.data.subarray(this.pos, this.pos + n);
    this.pos += n;
    return b;
  }
  private u8(): number {
    return this.take(1)[0];
  }
  private view(n: number): DataView {
    const b = this.take(n);
    return new DataView(b.buffer, b.byteOffset, n);
  }
  private u32(): number {
    return this.view(4).getUint32(0, true);
  }
  private u64(): number {
    const x = this.view(8).getBigUint64(0, true);
    // any length this large is past the end; keep it a number that take() will refuse
    return x > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(x);
  }
  private text(n: number): string {
    try {
      return utf8.decode(this.take(n));
    } catch (e) {
      if (e instanceof UnpicklingError) throw e;
      this.error(`a string is not valid UTF-8 (byte ${this.pos})`);
    }
  }
  private line(): string {
    const end = this.data.indexOf(0x0a, this.pos);
    if (end < 0 || end - this.pos > 1024) this.error(`GLOBAL name at byte ${this.pos} is not a short line`);
    const s = this.text(end - this.pos);
    this.pos++;
    return s;
  }
  /** a method, so the stack is read after the argument is computed (pop_mark swaps it) */
  private push(v: unknown): void {
    this.stack.push(v);
  }
  private pop(): unknown {
    if (!this.stack.length) this.error(`stack underflow at byte ${this.pos - 1}`);
    return this.stack.pop();
  }
  private top(): unknown {
    if (!this.stack.length) this.error(`stack underflow at byte ${this.pos - 1}`);
    return this.stack[this.stack.length - 1];
  }
  private pop_mark(): unknown[] {
    const items = this.stack;
    const prev = this.metastack.pop();
    if (!prev) this.error(`no MARK before byte ${this.pos - 1}`);
    this.stack = prev;
    return items;
  }
  private nest(parent: object, children: readonly unknown[]): void {
    let d = this.depth.get(parent) ?? 1;
    for (const c of children) {
      if (typeof c === "object" && c !== null) d = Math.max(d, (this.depth.get(c) ?? 1) + 1);
    }
    if (d > MAX_DEPTH) this.error(`containers nest deeper than ${MAX_DEPTH} levels`);
    this.depth.set(parent, d);
  }
  private tuple(items: unknown[]): unknown[] {
    this.tuples.add(items);
    this.nest(items, items);
    return items;
  }
  private list(): unknown[] {
    const l = this.top();
    if (!Array.isArray(l) || this.tuples.has(l)) this.error(`APPEND to a ${kind(l)} at byte ${this.pos - 1}`);
    return l;
  }
  private set_items(pairs: unknown[]): void {
    const d = this.top();
    if (!(d instanceof Map)) this.error(`SETITEM on a ${kind(d)} at byte ${this.pos - 1}`);
    if (pairs.length % 2) this.error(`SETITEMS with an odd number of items at byte ${this.pos - 1}`);
    for (let i = 0; i < pairs.length; i += 2) d.set(pairs[i], pairs[i + 1]);
    this.nest(d, pairs);
  }
  private int(bytes: Uint8Array): number | bigint {
    if (bytes.length === 0) return 0;
    let x = 0n;
    for (let i = bytes.length - 1; i >= 0; i--) x = (x << 8n) | BigInt(bytes[i]);
    if (bytes[bytes.length - 1] & 0x80) x -= 1n << BigInt(8 * bytes.length);
    return x >= BigInt(Number.MIN_SAFE_INTEGER) && x <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(x) : x;
  }

  /** Runs the pickle to STOP and returns its value (not yet finalized). */
  load(): unknown {
    for (;;) {
      const at = this.pos;
      const op = this.u8();
      switch (op) {
        case 0x80: // PROTO
          if (this.u8() > 5) this.error(`unsupported pickle protocol at byte ${at}`);
          break;
        case 0x95: // FRAME: a length hint only
          this.u64();
          break;
        case 0x2e: // STOP
          if (this.metastack.length) this.error("MARK left open at STOP");
          if (this.stack.length !== 1) this.error(`STOP with ${this.stack.length} values on the stack`);
          return this.stack[0];
        case 0x28: // MARK
          this.metastack.push(this.stack);
          this.stack = [];
          break;
        case 0x4e:
          this.push(null);
          break;
        case 0x88:
          this.push(true);
          break;
        case 0x89:
          this.push(false);
          break;
        case 0x4b: // BININT1
          this.push(this.u8());
          break;
        case 0x4d: // BININT2
          this.push(this.view(2).getUint16(0, true));
          break;
        case 0x4a: // BININT
          this.push(this.view(4).getInt32(0, true));
          break;
        case 0x8a: // LONG1
          this.push(this.int(this.take(this.u8())));
          break;
        case 0x8b: // LONG4
          this.push(this.int(this.take(this.u32())));
          break;
        case 0x47: // BINFLOAT (big-endian)
          this.push(this.view(8).getFloat64(0, false));
          break;
        case 0x58: // BINUNICODE
          this.push(this.text(this.u32()));
          break;
        case 0x8c: // SHORT_BINUNICODE
          this.push(this.text(this.u8()));
          break;
        case 0x8d: // BINUNICODE8
          this.push(this.text(this.u64()));
          break;
        case 0x55: // SHORT_BINSTRING (Python 2 str, read as torch.load does with encoding utf-8)
          this.push(this.text(this.u8()));
          break;
        case 0x54: // BINSTRING
          this.push(this.text(this.u32()));
          break;
        case 0x43: // SHORT_BINBYTES
          this.push(this.take(this.u8()).slice());
          break;
        case 0x42: // BINBYTES
          this.push(this.take(this.u32()).slice());
          break;
        case 0x8e: // BINBYTES8
          this.push(this.take(this.u64()).slice());
          break;
        case 0x29: // EMPTY_TUPLE
          this.push(this.tuple([]));
          break;
        case 0x85: // TUPLE1
          this.push(this.tuple([this.pop()]));
          break;
        case 0x86: {
          const b = this.pop();
          this.push(this.tuple([this.pop(), b]));
          break;
        }
        case 0x87: {
          const c = this.pop();
          const b = this.pop();
          this.push(this.tuple([this.pop(), b, c]));
          break;
        }
        case 0x74: // TUPLE
          this.push(this.tuple(this.pop_mark()));
          break;
        case 0x5d: // EMPTY_LIST
          this.push([]);
          break;
        case 0x7d: {
          const d = new Map();
          this.dicts.add(d);
          this.push(d);
          break;
        }
        case 0x8f: // EMPTY_SET
          this.push(new Set());
          break;
        case 0x91: {
          const items = this.pop_mark();
          const f = new Set(items);
          this.nest(f, items);
          this.push(f);
          break;
        }
        case 0x61: {
          const v = this.pop();
          const l = this.list();
          l.push(v);
          this.nest(l, [v]);
          break;
        }
        case 0x65: {
          const items = this.pop_mark();
          const l = this.list();
          for (const v of items) l.push(v);
          this.nest(l, items);
          break;
        }
        case 0x73: {
          const v = this.pop();
          const k = this.pop();
          this.set_items([k, v]);
          break;
        }
        case 0x75: // SETITEMS
          this.set_items(this.pop_mark());
          break;
        case 0x90: {
          const items = this.pop_mark();
          const set = this.top();
          if (!(set instanceof Set)) this.error(`ADDITEMS on a ${kind(set)} at byte ${at}`);
          for (const v of items) set.add(v);
          this.nest(set, items);
          break;
        }
        case 0x63: {
          const module = this.line();
          const name = this.line();
          this.push(this.host.find_global(module, name));
          break;
        }
        case 0x93: {
          const name = this.pop();
          const module = this.pop();
          if (typeof module !== "string" || typeof name !== "string")
            this.error(`STACK_GLOBAL needs two strings at byte ${at}`);
          this.push(this.host.find_global(module, name));
          break;
        }
        case 0x52: // REDUCE
        case 0x81: {
          const args = this.pop();
          const fn = this.pop();
          if (!Array.isArray(args) || !this.tuples.has(args)) {
            this.error(
              `${op === 0x52 ? "REDUCE" : "NEWOBJ"} arguments are a ${kind(args)}, not a tuple (byte ${at})`,
            );
          }
          const r = this.host.call(fn, args, op === 0x52 ? "REDUCE" : "NEWOBJ");
          if (typeof r === "object" && r !== null) this.nest(r, args);
          this.push(r);
          break;
        }
        case 0x62: {
          const state = this.pop();
          const target = this.top();
          if (Array.isArray(target) || target instanceof Set || this.dicts.has(target as object)) {
            this.error(`BUILD on a ${kind(target)} at byte ${at}`);
          }
          this.host.build(
            target,
            state,
            (x): x is Map<unknown, unknown> => x instanceof Map && this.dicts.has(x),
          );
          if (typeof target === "object" && target !== null) this.nest(target, [state]);
          break;
        }
        case 0x51: // BINPERSID
          this.push(this.host.persistent_load(this.pop()));
          break;
        case 0x68: // BINGET
        case 0x6a: {
          const i = op === 0x68 ? this.u8() : this.u32();
          if (!this.memo.has(i)) this.error(`memo key ${i} is not set (byte ${at})`);
          this.push(this.memo.get(i));
          break;
        }
        case 0x71: // BINPUT
        case 0x72: {
          const i = op === 0x71 ? this.u8() : this.u32();
          this.memo.set(i, this.top());
          break;
        }
        case 0x94: // MEMOIZE
          this.memo.set(this.memo.size, this.top());
          break;
        default:
          this.error(`unsupported pickle opcode 0x${op.toString(16).padStart(2, "0")} at byte ${at}`);
      }
    }
  }

  /** The loaded value with dicts, tuples and OrderedDicts in their JS forms (finalize.ts). */
  finalize(root: unknown): unknown {
    return finalize(
      root,
      this.tuples,
      this.dicts,
      (x) => this.host.is_leaf(x),
      (m) => this.error(m),
    );
  }
}
