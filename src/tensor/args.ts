/**
 * Argument conventions of API.md: PyTorch's keyword arguments arrive as one final options
 * object, and shapes may be varargs or an array. These helpers turn either form into one, and
 * are the one home of the argument checks every public function shares: an unknown option key,
 * a value of the wrong JS type (a number given as a string, which JS would silently coerce)
 * and a missing tensor are refused with Python's TypeError wording, naming the function and
 * the argument.
 */
import { cpp_type_name, DType, type_name } from "../dtype.js";
import { py_type } from "../format.js";
import { check_cpu, is_device } from "../device.js";
import { fmt_shape, shapes_equal } from "../shape.js";
import { Tensor } from "./tensor.js";

/** A trailing options object: a plain object, not a Tensor, array or typed array. */
export function is_options(v: unknown): v is Record<string, unknown> {
  return (
    typeof v === "object" &&
    v !== null &&
    !Array.isArray(v) &&
    !(v instanceof Tensor) &&
    !ArrayBuffer.isView(v) &&
    Object.getPrototypeOf(v) === Object.prototype
  );
}

/** Python's refusal of a keyword argument the function does not have. */
export function unexpected_keyword(op: string, key: string): TypeError {
  return new TypeError(`${op}() got an unexpected keyword argument '${key}'`);
}

/**
 * Refuses option keys outside `names` (a misspelt `dtpye` must not silently mean the default),
 * and option values that are strings holding a number (see check_not_number_string).
 */
export function check_options(
  op: string,
  options: object | null | undefined,
  names: readonly string[],
): void {
  if (options === null || options === undefined) return;
  if (!is_options(options)) {
    throw new TypeError(`${op}(): expected an options object, got ${py_type(options)}`);
  }
  for (const k in options) {
    if (!names.includes(k)) throw unexpected_keyword(op, k);
    check_not_number_string(op, k, options[k]);
  }
}

/**
 * A number written as a string (`lr: "0.1"`, `F.dropout(x, "0.5")`) would be coerced by JS
 * arithmetic and silently work, or silently compute something else; Python refuses it. No
 * PyTorch argument takes a string that reads as a number, so refusing them is always safe.
 */
export function check_not_number_string(op: string, name: string, v: unknown): void {
  if (typeof v === "string" && v.trim() !== "" && !Number.isNaN(Number(v))) {
    throw new TypeError(`${op}(): argument '${name}' must be a number, not str ('${v}')`);
  }
}

/** A scalar argument: a JS number (a boolean too where `bool_ok`), refused otherwise as Python does. */
export function check_number(op: string, name: string, v: unknown, bool_ok = false): asserts v is number {
  if (typeof v === "number" || (bool_ok && typeof v === "boolean")) return;
  throw new TypeError(`${op}(): argument '${name}' must be a number, not ${py_type(v)}`);
}

/** A tensor argument that is required: naming it beats "cannot read properties of undefined". */
export function check_tensor_arg(op: string, name: string, v: unknown): asserts v is Tensor {
  if (!(v instanceof Tensor)) {
    throw new TypeError(
      v === undefined
        ? `${op}() missing required argument '${name}' (a Tensor)`
        : `${op}(): argument '${name}' must be Tensor, not ${py_type(v)}`,
    );
  }
}

/**
 * An operand of an op that takes a Tensor or a Python number (add, mul, pow, clamp's bounds):
 * `x.add("1")` or `x.mul([1, 2])` is named here rather than failing inside the kernel.
 */
export function check_operand(op: string, name: string, v: unknown): void {
  const t = typeof v;
  if (t === "number" || t === "boolean" || v instanceof Tensor) return;
  throw new TypeError(`${op}(): argument '${name}' must be Tensor or Number, not ${py_type(v)}`);
}

/** The keyword options of every tensor factory (PyTorch's dtype, device, requires_grad). */
export const FACTORY_KEYS = ["dtype", "device", "requires_grad"] as const;
/** The sampling factories' options: the factory ones and a generator. */
export const SAMPLER_KEYS = [...FACTORY_KEYS, "generator"] as const;

/**
 * The one check of a device argument (factories, samplers, generators): a device string or a
 * torch.device naming the cpu; another device is refused as Tensor.to and Module.to refuse it.
 */
export function check_device(op: string, device: unknown): void {
  if (device === null || device === undefined || device === "cpu") return;
  if (!is_device(device)) {
    throw new TypeError(`${op}(): argument 'device' must be torch.device, not ${py_type(device)}`);
  }
  check_cpu(device, op);
}

/** A factory's options: known keys only, and a dtype, device and requires_grad of the right kind. */
export function check_factory_options(
  op: string,
  options: object | null | undefined,
  keys: readonly string[] = FACTORY_KEYS,
): void {
  if (options === null || options === undefined) return;
  check_options(op, options, keys);
  const { dtype, requires_grad, device } = options as Record<string, unknown>;
  if (dtype !== undefined && dtype !== null && !(dtype instanceof DType)) {
    throw new TypeError(`${op}(): argument 'dtype' must be torch.dtype, not ${py_type(dtype)}`);
  }
  if (requires_grad !== undefined && typeof requires_grad !== "boolean") {
    throw new TypeError(`${op}(): argument 'requires_grad' must be bool, not ${py_type(requires_grad)}`);
  }
  check_device(op, device);
}

/** Both operands of a binary op (the first may be a number too: `torch.add(2, x)`). */
export function check_operands(op: string, input: unknown, other: unknown, other_name = "other"): void {
  check_operand(op, "input", input);
  check_operand(op, other_name, other);
}

/** A trailing options object with only `keys`, whose values are numbers (`{ alpha }`). */
export function check_number_options(op: string, options: object | undefined, keys: readonly string[]): void {
  if (options === undefined) return;
  check_options(op, options, keys);
  for (const k of keys) {
    const v = (options as Record<string, unknown>)[k];
    if (v !== undefined) check_number(op, k, v, true);
  }
}

/** What a PyTorch argument name means wherever it appears, for the names that mean one thing. */
type ArgKind = "dims" | "int" | "bool" | "dtype" | "number" | "number_or_null" | "number_or_tensor";
const ARG_KINDS = new Map<string, ArgKind>([
  ["dim", "dims"],
  ["keepdim", "bool"],
  ["dtype", "dtype"],
  ["inplace", "bool"],
  ["training", "bool"],
  ["unbiased", "bool"],
  ["requires_grad", "bool"],
  ["correction", "number_or_null"],
  ["eps", "number_or_null"],
  ["alpha", "number"],
  ["negative_slope", "number"],
  ["label_smoothing", "number"],
  ["ignore_index", "int"],
  ["lr", "number_or_tensor"],
  ["weight_decay", "number"],
  ["momentum", "number_or_null"],
  ["dampening", "number"],
  ["nesterov", "bool"],
  ["maximize", "bool"],
  ["amsgrad", "bool"],
  ["gamma", "number"],
  ["shuffle", "bool"],
  ["drop_last", "bool"],
]);

const KIND_NAMES: Record<ArgKind, string> = {
  dims: "int or tuple of ints",
  int: "int",
  bool: "bool",
  dtype: "torch.dtype",
  number: "float",
  number_or_null: "float or None",
  number_or_tensor: "float or Tensor",
};

function fits_kind(v: unknown, kind: ArgKind): boolean {
  switch (kind) {
    case "dims":
      return (
        v === null ||
        Number.isInteger(v) ||
        (Array.isArray(v) && v.every((d) => Number.isInteger(d))) ||
        (v instanceof Tensor && v.numel() === 1)
      );
    case "int":
      return Number.isInteger(v);
    case "bool":
      return typeof v === "boolean";
    case "dtype":
      return v === null || v instanceof DType;
    case "number":
      return typeof v === "number";
    case "number_or_null":
      return v === null || typeof v === "number";
    case "number_or_tensor":
      return typeof v === "number" || v instanceof Tensor;
  }
}

/**
 * An argument whose name means one type across PyTorch's API (`dim`, `keepdim`, `dtype`, `lr`,
 * ...), checked where kwargs reads it: `x.sum("1")` names 'dim' rather than failing later.
 */
function check_kind(op: string, name: string, v: unknown): void {
  const kind = ARG_KINDS.get(name);
  if (kind === undefined || fits_kind(v, kind)) {
    check_not_number_string(op, name, v);
    return;
  }
  const got = typeof v === "string" ? `str ('${v}')` : py_type(v);
  throw new TypeError(`${op}(): argument '${name}' must be ${KIND_NAMES[kind]}, not ${got}`);
}

/**
 * Merges positional arguments and a trailing options object into one record, by PyTorch's
 * parameter names in order: kwargs([1, {keepdim: true}], ["dim", "keepdim"]) gives
 * {dim: 1, keepdim: true}. A name given both ways is an error, as in Python.
 */
export function kwargs<T extends Record<string, unknown>>(
  op: string,
  args: readonly unknown[],
  names: readonly (keyof T & string)[],
): Partial<T> {
  const out: Record<string, unknown> = {};
  let n = args.length;
  const last = args[n - 1];
  let opts: Record<string, unknown> | null = null;
  if (n > 0 && is_options(last)) {
    opts = last;
    n--;
  }
  if (n > names.length) {
    throw new TypeError(`${op}() takes at most ${names.length} positional arguments but ${n} were given`);
  }
  for (let i = 0; i < n; i++) {
    const v = args[i];
    if (v === undefined) continue;
    check_kind(op, names[i], v);
    out[names[i]] = v;
  }
  if (opts) {
    for (const k in opts) {
      if (!names.includes(k)) throw unexpected_keyword(op, k);
      if (k in out) throw new TypeError(`${op}() got multiple values for argument '${k}'`);
      const v = opts[k];
      if (v === undefined) continue;
      check_kind(op, k, v);
      out[k] = v;
    }
  }
  return out as Partial<T>;
}

/** A shape given as varargs (2, 3) or one array ([2, 3]), with an optional trailing options object. */
export type ShapeArgs<O> = number[] | [readonly number[]] | [...number[], O] | [readonly number[], O];

/**
 * The size and options of a factory (`zeros(2, 3, { dtype })`), options keys checked against
 * `keys`. The size is required, as in PyTorch (`torch.randn()` is refused; `randn([])` is 0-dim).
 */
export function parse_shape<O extends object>(
  op: string,
  args: readonly unknown[],
  keys: readonly (keyof O & string)[],
): { shape: number[]; options: Partial<O> } {
  let n = args.length;
  let options = {} as Partial<O>;
  if (n > 0 && is_options(args[n - 1])) {
    options = args[n - 1] as Partial<O>;
    check_factory_options(op, options, keys);
    n--;
  }
  if (n === 0) {
    throw new TypeError(
      `${op}() missing 1 required positional argument: 'size' (${op}([]) makes a 0-dim tensor)`,
    );
  }
  const first = args[0];
  const raw: unknown[] =
    n === 1 && (Array.isArray(first) || ArrayBuffer.isView(first))
      ? Array.from(first as ArrayLike<unknown>)
      : args.slice(0, n);
  for (const s of raw) {
    if (typeof s !== "number" || !Number.isInteger(s)) {
      throw new TypeError(`${op}(): argument 'size' must be a sequence of ints, but got ${String(s)}`);
    }
  }
  return { shape: raw as number[], options };
}

/** The checks of PyTorch 2.x's `.grad` setter (python_variable.cpp), with its messages. */
export function check_assigned_grad(self: Tensor, g: unknown): void {
  if (g === null) return;
  if (!(g instanceof Tensor)) {
    throw new TypeError(`assigned grad expected to be a Tensor or None but got grad of type ${py_type(g)}`);
  }
  if (g === self) throw new Error("can't assign Variable as its own grad");
  if (g.dtype !== self.dtype) {
    throw new Error(
      `attempting to assign a gradient with dtype '${cpp_type_name(g.dtype)}' to a tensor with dtype '${cpp_type_name(self.dtype)}'. Please ensure that the gradient and the tensor have the same dtype`,
    );
  }
  if (!shapes_equal(g.shape, self.shape)) {
    throw new Error(
      `attempting to assign a gradient of size '${fmt_shape(g.shape)}' to a tensor of size '${fmt_shape(self.shape)}'. Please ensure that the gradient and the tensor are the same size`,
    );
  }
}

/**
 * What a tensor hook returned in place of `grad`: PyTorch's check_variable_result, so a wrong
 * gradient is named at its hook rather than failing later in an unrelated broadcast.
 */
export function check_hook_result(hook: (g: Tensor) => unknown, grad: Tensor, result: unknown): void {
  const name = hook.name || "<lambda>";
  if (!(result instanceof Tensor)) {
    throw new TypeError(`expected Variable, but hook '${name}' returned '${py_type(result)}'`);
  }
  if (result.dtype !== grad.dtype) {
    throw new Error(
      `hook '${name}' has changed the type of value (was ${type_name(grad.dtype)} got ${type_name(result.dtype)})`,
    );
  }
  if (!shapes_equal(result.shape, grad.shape))
    throw new Error(`hook '${name}' has changed the size of value`);
}
