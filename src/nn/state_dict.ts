/**
 * Module.load_state_dict's work (torch/nn/modules/module.py `load_state_dict` and
 * `_load_from_state_dict`), kept apart from module.ts for size. The walk is PyTorch's: each
 * module, in pre-order, copies the keys it owns (its parameters, then its persistent buffers)
 * and reports the keys under its prefix that name nothing it has; then the errors are raised
 * together, "Missing key(s)" first, then "Unexpected key(s)", then per-key errors in walk order.
 */
import { Tensor } from "../tensor/tensor.js";
import { shapes_equal } from "../shape.js";
import { no_grad } from "../autograd/grad_mode.js";
import { Parameter } from "./parameter.js";
import type { Module } from "./module.js";
import { class_name } from "../names.js";
import { py_type, torch_size } from "../format.js";

/**
 * What state_dict() returns: PyTorch's OrderedDict of tensors by dotted name, carrying, as
 * PyTorch's does, `_metadata`: each module's prefix ("" for the root) to `{ version }`, the
 * module class's `_version` (what `_load_from_state_dict` of a layer reads to upgrade old
 * checkpoints). torch.save writes it and torch.load brings it back.
 */
export type StateDict = Map<string, Tensor> & { _metadata?: Map<string, { version: number }> };

/** PyTorch's _IncompatibleKeys: a named tuple (missing_keys, unexpected_keys). */
export class IncompatibleKeys {
  /** PyTorch's name for this class, which bundlers cannot rename (src/names.ts). */
  static readonly __name__: string = "IncompatibleKeys";
  constructor(
    readonly missing_keys: string[],
    readonly unexpected_keys: string[],
  ) {}
  /** `[missing_keys, unexpected_keys]`, as the named tuple unpacks. */
  *[Symbol.iterator](): IterableIterator<string[]> {
    yield this.missing_keys;
    yield this.unexpected_keys;
  }
  /** PyTorch's repr: `<All keys matched successfully>` or the two lists. */
  toString(): string {
    if (!this.missing_keys.length && !this.unexpected_keys.length) return "<All keys matched successfully>";
    const list = (l: string[]) => `[${l.map((k) => `'${k}'`).join(", ")}]`;
    return `_IncompatibleKeys(missing_keys=${list(this.missing_keys)}, unexpected_keys=${list(this.unexpected_keys)})`;
  }
  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return this.toString();
  }
}

/** str(type(v)): `<class 'int'>`. */
function type_of_value(v: unknown): string {
  return `<class '${py_type(v)}'>`;
}

export function load_into(
  root: Module,
  state_dict: StateDict | Record<string, Tensor>,
  strict: boolean,
  assign: boolean,
): IncompatibleKeys {
  if (typeof state_dict !== "object" || state_dict === null || state_dict instanceof Tensor) {
    throw new TypeError(`Expected state_dict to be dict-like, got ${type_of_value(state_dict)}.`);
  }
  const sd: StateDict = state_dict instanceof Map ? state_dict : new Map(Object.entries(state_dict));
  const missing: string[] = [];
  const unexpected: string[] = [];
  const errors: string[] = [];

  const load_one = (m: Module, local: [string, unknown][], prefix: string) => {
    const local_state: [string, Tensor][] = [];
    for (const [k, v] of m._own_parameters()) if (v) local_state.push([k, v]);
    for (const [k, v] of m._own_buffers()) if (v && !m._non_persistent.has(k)) local_state.push([k, v]);
    const local_map = new Map(local);
    for (const [name, param] of local_state) {
      const key = prefix + name;
      if (!local_map.has(key)) {
        missing.push(key);
        continue;
      }
      const given = local_map.get(key);
      if (!(given instanceof Tensor)) {
        errors.push(
          `While copying the parameter named "${key}", expected torch.Tensor or Tensor-like object from checkpoint but received ${type_of_value(given)}`,
        );
        continue;
      }
      let input: Tensor = given;
      // backward compatibility: a 1-element 1-dim tensor loads into a 0-dim one
      if (param.shape.length === 0 && input.shape.length === 1) input = input.select(0, 0);
      if (!shapes_equal(input.shape, param.shape)) {
        errors.push(
          `size mismatch for ${key}: copying a param with shape ${torch_size(input.shape)} from checkpoint, the shape in current model is ${torch_size(param.shape)}.`,
        );
        continue;
      }
      const src = input;
      try {
        no_grad(() => {
          if (!assign) param.copy_(src);
          else if (param instanceof Parameter) {
            const p = src instanceof Parameter ? src : new Parameter(src, param.requires_grad);
            p.requires_grad_(param.requires_grad);
            m._set_entry(name, p);
          } else m._set_entry(name, src);
        });
      } catch (e) {
        errors.push(
          `While copying the parameter named "${key}", whose dimensions in the model are ${torch_size(param.shape)} and whose dimensions in the checkpoint are ${torch_size(src.shape)}, an exception occurred : ('${(e as Error).message}',).`,
        );
      }
    }
    // PyTorch 2's rule: a dotted name must go on into a child module, a dotless one must name
    // one of this module's tensors
    const own = new Set(local_state.map(([k]) => k));
    const kids = new Set(m._own_modules().map(([k]) => k));
    for (const [key] of local) {
      if (!key.startsWith(prefix)) continue;
      const rest = key.slice(prefix.length);
      const dot = rest.indexOf(".");
      if (dot >= 0 ? !kids.has(rest.slice(0, dot)) : !own.has(rest)) unexpected.push(key);
    }
  };

  // pre-order over children, each seeing only the keys under its prefix (not deduplicated)
  const stack: [Module, [string, unknown][], string][] = [[root, [...sd], ""]];
  while (stack.length) {
    const [m, local, prefix] = stack.pop() as [Module, [string, unknown][], string];
    load_one(m, local, prefix);
    const kids = m._own_modules();
    for (let i = kids.length - 1; i >= 0; i--) {
      const [name, child] = kids[i];
      const child_prefix = `${prefix}${name}.`;
      stack.push([child, local.filter(([k]) => k.startsWith(child_prefix)), child_prefix]);
    }
  }

  if (strict) {
    if (unexpected.length) {
      errors.unshift(`Unexpected key(s) in state_dict: ${unexpected.map((k) => `"${k}"`).join(", ")}. `);
    }
    if (missing.length) {
      errors.unshift(`Missing key(s) in state_dict: ${missing.map((k) => `"${k}"`).join(", ")}. `);
    }
  }
  if (errors.length) {
    throw new Error(`Error(s) in loading state_dict for ${class_name(root)}:\n\t${errors.join("\n\t")}`);
  }
  return new IncompatibleKeys(missing, unexpected);
}
