/**
 * The allow-list: what each Python global a checkpoint may name becomes in torch-ts (the
 * union of what PyTorch 1.13 and 2.x load with `weights_only=True`, for dense CPU tensors and
 * plain values). A GLOBAL yields a marker, never code; REDUCE/NEWOBJ on a marker builds the
 * value with checked arguments. Any other global is refused with its name
 * (`unsupported global posix.system`).
 */
import { DType, DTYPES } from "../dtype.js";
import { Tensor } from "../tensor/tensor.js";
import type { Storage } from "../tensor/storage.js";
import { Parameter } from "../nn/parameter.js";
import { kind, UnpicklingError } from "./errors.js";
import { BY_NAME, BY_STORAGE, type FileDType } from "./storage_types.js";
import type { Host } from "./unpickler.js";

/** A dtype torch-ts has no DType for (torch.float16, ...), kept so it can be saved back. */
export class ForeignDType {
  constructor(readonly name: string) {}
  toString(): string {
    return `torch.${this.name}`;
  }
}

/** Python's complex(re, im). */
export class PyComplex {
  constructor(
    readonly re: number,
    readonly im: number,
  ) {}
}

/** What a GLOBAL pushes: a name the host knows how to call. */
class Fn {
  constructor(
    readonly name: string,
    readonly full: string,
  ) {}
}

/** A storage class named in a persistent id; `fd` undefined for UntypedStorage (bytes). */
class StorageType {
  constructor(
    readonly full: string,
    readonly fd?: FileDType,
  ) {}
}

/** A persistent id after checking: the storage is materialized when a tensor uses it. */
class StorageRef {
  constructor(
    readonly key: string,
    readonly type: StorageType,
    readonly numel: number,
  ) {}
}

/** Makes (once per key) the torch-ts storage a file's storage record fills. */
export interface StorageProvider {
  storage(key: string, fd: FileDType, numel: number): Storage;
}

const FNS: Record<string, string> = {
  "collections.OrderedDict": "OrderedDict",
  "collections.Counter": "Counter",
  "torch._utils._rebuild_tensor": "rebuild_tensor",
  "torch._utils._rebuild_tensor_v2": "rebuild_tensor_v2",
  "torch._utils._rebuild_tensor_v3": "rebuild_tensor_v3",
  "torch._utils._rebuild_parameter": "rebuild_parameter",
  "torch._utils._rebuild_parameter_with_state": "rebuild_parameter",
  "torch._tensor._rebuild_from_type_v2": "rebuild_from_type_v2",
  "torch.nn.parameter.Parameter": "Parameter",
  "torch.Tensor": "Tensor",
  "torch.Size": "Size",
  "torch.device": "device",
  "_codecs.encode": "encode",
  "builtins.set": "set",
  "builtins.frozenset": "frozenset",
  "builtins.bytearray": "bytearray",
  "builtins.complex": "complex",
};

/** Allowed by PyTorch's weights_only loader, but for tensors torch-ts does not have. */
const NOT_SUPPORTED = new Set([
  "torch._utils._rebuild_sparse_tensor",
  "torch._utils._rebuild_sparse_csr_tensor",
  "torch._utils._rebuild_sparse_compressed_tensor",
  "torch._utils._rebuild_meta_tensor_no_storage",
  "torch._utils._rebuild_qtensor",
  "torch._utils._rebuild_nested_tensor",
  "torch._utils._rebuild_wrapper_subclass",
  "torch._utils._rebuild_device_tensor_from_numpy",
  "torch._utils._rebuild_device_tensor_from_cpu_tensor",
  "torch.serialization._get_layout",
]);

const DTYPE_BY_NAME = new Map<string, DType>(DTYPES.map((d) => [d.name, d]));

export class TorchHost implements Host {
  constructor(private readonly provider: StorageProvider) {}

  private error(msg: string): never {
    throw new UnpicklingError(msg);
  }

  find_global(module: string, name: string): unknown {
    const full = `${module === "__builtin__" ? "builtins" : module}.${name}`;
    const fn = FNS[full];
    if (fn) return new Fn(fn, full);
    if (module === "torch" || module === "torch.cuda") {
      if (name.endsWith("Storage")) {
        const fd = BY_STORAGE.get(name);
        if (fd) return new StorageType(full, fd);
      }
      if (module === "torch") {
        const d = DTYPE_BY_NAME.get(name);
        if (d) return d;
        if (BY_NAME.has(name)) return new ForeignDType(name);
      }
    }
    if (full === "torch.storage.UntypedStorage") return new StorageType(full);
    if (NOT_SUPPORTED.has(full) || /^torch\.(cuda\.|sparse\.)?[A-Za-z0-9]*Tensor$/.test(full)) {
      this.error(`global ${full} is allowed by PyTorch's weights_only loader, but not supported by torch-ts`);
    }
    this.error(
      `unsupported global ${full}: torch.load reads tensors, parameters, state dicts and plain values only, and never runs code named in a file`,
    );
  }

  persistent_load(pid: unknown): unknown {
    if (!Array.isArray(pid) || (pid.length !== 5 && pid.length !== 6) || pid[0] !== "storage") {
      this.error(`persistent id must be ('storage', type, key, location, numel), got a ${kind(pid)}`);
    }
    const [, type, key, location, numel, view] = pid as unknown[];
    if (!(type instanceof StorageType))
      this.error(`persistent id names a storage type that is a ${kind(type)}`);
    if (typeof key !== "string" || typeof location !== "string")
      this.error("persistent id key and location must be strings");
    if (typeof numel !== "number" || !Number.isSafeInteger(numel) || numel < 0) {
      this.error(`storage ${key} has an invalid size ${String(numel)}`);
    }
    if (view !== undefined && view !== null)
      this.error(`storage ${key} is a legacy storage view, which is not supported`);
    return new StorageRef(key, type, numel);
  }

  call(fn: unknown, args: readonly unknown[], how: "REDUCE" | "NEWOBJ"): unknown {
    if (!(fn instanceof Fn)) this.error(`${how} on a ${kind(fn)}, which is not an allowed callable`);
    if ((how === "NEWOBJ") !== (fn.name === "Parameter")) this.error(`${how} on ${fn.full} is not allowed`);
    const n = (lo: number, hi = lo) => {
      if (args.length < lo || args.length > hi)
        this.error(`${fn.full} takes ${lo === hi ? lo : `${lo} to ${hi}`} arguments, got ${args.length}`);
    };
    switch (fn.name) {
      case "OrderedDict": {
        n(0, 1);
        const m = new Map<unknown, unknown>();
        if (args.length) {
          if (!Array.isArray(args[0])) this.error("OrderedDict() takes a list of pairs");
          for (const p of args[0] as unknown[]) {
            if (!Array.isArray(p) || p.length !== 2) this.error("OrderedDict() takes a list of pairs");
            m.set(p[0], p[1]);
          }
        }
        return m;
      }
      case "Counter":
        n(0, 1);
        if (args.length && !(args[0] instanceof Map)) this.error("Counter() takes a dict");
        return new Map(args.length ? (args[0] as Map<unknown, unknown>) : []);
      case "rebuild_tensor":
        n(4);
        return this.tensor(args[0], args[1], args[2], args[3], false, undefined);
      case "rebuild_tensor_v2":
        n(6, 7);
        return this.tensor(args[0], args[1], args[2], args[3], args[4], undefined);
      case "rebuild_tensor_v3":
        n(7, 8);
        return this.tensor(args[0], args[1], args[2], args[3], args[4], args[6]);
      case "rebuild_parameter":
      case "Parameter": {
        if (fn.name === "Parameter") n(1, 2);
        else n(3, 4);
        const [data, rg = true] = args;
        if (!(data instanceof Tensor) || typeof rg !== "boolean")
          this.error(`${fn.full} takes (tensor, requires_grad)`);
        if (rg && !data.dtype.is_floating_point)
          this.error(`a ${String(data.dtype)} Parameter cannot require grad`);
        return new Parameter(data, rg);
      }
      case "rebuild_from_type_v2": {
        n(4);
        const [f, type, inner] = args;
        if (!(type instanceof Fn) || (type.name !== "Tensor" && type.name !== "Parameter")) {
          this.error(`tensor subclass ${type instanceof Fn ? type.full : kind(type)} is not supported`);
        }
        if (!Array.isArray(inner)) this.error("_rebuild_from_type_v2 needs an argument tuple");
        const t = this.call(f, inner as unknown[], "REDUCE");
        if (!(t instanceof Tensor)) this.error("_rebuild_from_type_v2 did not rebuild a tensor");
        return type.name === "Parameter" && !(t instanceof Parameter) ? new Parameter(t, t.requires_grad) : t;
      }
      case "Size":
        n(1);
        if (!Array.isArray(args[0]) || !(args[0] as unknown[]).every((d) => Number.isSafeInteger(d))) {
          this.error("torch.Size() takes a tuple of ints");
        }
        return args[0];
      case "device": {
        n(1, 2);
        const [type, index] = args;
        if (
          typeof type !== "string" ||
          (index !== undefined && index !== null && typeof index !== "number")
        ) {
          this.error("torch.device() takes (type, index)");
        }
        return index === undefined || index === null ? type : `${type}:${index}`;
      }
      case "encode": {
        n(2);
        const [s, enc] = args;
        if (typeof s !== "string" || (enc !== "latin1" && enc !== "latin-1"))
          this.error("_codecs.encode takes (str, 'latin1')");
        const out = new Uint8Array(s.length);
        for (let i = 0; i < s.length; i++) {
          const c = s.charCodeAt(i);
          if (c > 255) this.error("_codecs.encode: a latin1 string holds a character above 255");
          out[i] = c;
        }
        return out;
      }
      case "set":
      case "frozenset":
        n(0, 1);
        if (args.length && !Array.isArray(args[0])) this.error(`${fn.full}() takes a list`);
        return new Set(args.length ? (args[0] as unknown[]) : []);
      case "bytearray":
        n(0, 1);
        if (args.length && !(args[0] instanceof Uint8Array)) this.error("bytearray() takes bytes");
        return args.length ? (args[0] as Uint8Array).slice() : new Uint8Array(0);
      case "complex": {
        n(2);
        const [re, im] = args;
        if (typeof re !== "number" || typeof im !== "number") this.error("complex() takes two floats");
        return new PyComplex(re, im);
      }
    }
    this.error(`${fn.full} cannot be called here`);
  }

  build(target: unknown, state: unknown, is_dict: (x: unknown) => x is Map<unknown, unknown>): void {
    if (target instanceof Tensor) return; // Python attributes on a tensor: dropped, as PyTorch 1.13 does
    if (target instanceof Map) {
      if (!is_dict(state)) this.error(`BUILD on an OrderedDict takes a dict, got a ${kind(state)}`);
      if (state.has("_metadata")) (target as { _metadata?: unknown })._metadata = state.get("_metadata");
      return;
    }
    this.error(`BUILD on a ${kind(target)} is not allowed`);
  }

  is_leaf(x: object): boolean {
    if (x instanceof StorageRef || x instanceof StorageType || x instanceof Fn) {
      this.error(
        `the file holds a bare ${x instanceof Fn ? x.full : "storage"}, which torch-ts does not load`,
      );
    }
    return x instanceof Tensor || x instanceof DType || x instanceof ForeignDType || x instanceof PyComplex;
  }

  private ints(v: unknown, what: string): number[] {
    if (!Array.isArray(v) || !v.every((x) => Number.isSafeInteger(x) && (x as number) >= 0)) {
      this.error(`tensor ${what} must be a tuple of non-negative ints`);
    }
    return (v as number[]).slice();
  }

  private tensor(
    storage: unknown,
    offset: unknown,
    size: unknown,
    stride: unknown,
    requires_grad: unknown,
    dtype: unknown,
  ): Tensor {
    if (!(storage instanceof StorageRef)) this.error(`a tensor's storage is a ${kind(storage)}`);
    const shape = this.ints(size, "size");
    const strides = this.ints(stride, "stride");
    if (shape.length !== strides.length)
      this.error(`tensor size ${shape.length}-d but stride ${strides.length}-d`);
    if (typeof offset !== "number" || !Number.isSafeInteger(offset) || offset < 0)
      this.error("tensor storage_offset must be a non-negative int");
    if (typeof requires_grad !== "boolean") this.error("tensor requires_grad must be a bool");
    let fd = storage.type.fd;
    let numel = storage.numel;
    if (dtype !== undefined) {
      const name = dtype instanceof DType || dtype instanceof ForeignDType ? dtype.name : undefined;
      const given = name === undefined ? undefined : BY_NAME.get(name);
      if (!given) this.error(`_rebuild_tensor_v3 dtype is a ${kind(dtype)}`);
      if (fd && fd !== given)
        this.error(`storage ${storage.key} is ${fd.name}, the tensor says ${given.name}`);
      if (!fd) {
        if (numel % given.itemsize)
          this.error(`storage ${storage.key}: ${numel} bytes is not a whole number of ${given.name}`);
        numel /= given.itemsize;
      }
      fd = given;
    }
    if (!fd) this.error(`storage ${storage.key} is untyped and no dtype is given`);
    let count = 1;
    let last = offset;
    for (let i = 0; i < shape.length; i++) {
      count *= shape[i];
      last += (shape[i] - 1) * strides[i];
    }
    if (!Number.isSafeInteger(count) || !Number.isSafeInteger(last)) this.error("tensor size overflows");
    if (count > 0 ? last >= numel : offset > numel) {
      this.error(
        `tensor of size [${shape.join(", ")}], stride [${strides.join(", ")}], offset ${offset} reaches past storage ${storage.key} of ${numel} elements`,
      );
    }
    const s = this.provider.storage(storage.key, fd, numel);
    const t = new Tensor(s, shape, strides, offset, s.dtype);
    if (requires_grad) {
      if (!s.dtype.is_floating_point) this.error(`a ${fd.name} tensor cannot require grad`);
      t.requires_grad_(true);
    }
    return t;
  }
}
