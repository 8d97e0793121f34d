/**
 * What the activation modules share: how their numeric arguments print. Numbers print as
 * Python would print the value PyTorch holds: a default that is a Python float prints as one
 * (`ELU(alpha=1.0)`), and a JS integer passed in prints as a Python int (`new nn.ELU(2)` gives
 * `ELU(alpha=2)`, as `nn.ELU(2)` does), following the convention that integer JS numbers stand
 * for Python ints. Also the base of the modules whose only argument is `inplace`.
 */
import { kwargs } from "../../tensor/args.js";
import { Module } from "../module.js";
import { py_float } from "../../format.js";
import { class_name } from "../../names.js";

/**
 * A numeric constructor argument and how Python would print it: given as an integer, it is a
 * Python int; left out, it is PyTorch's default (a float where the default is one).
 */
export class Num {
  constructor(
    readonly value: number,
    readonly is_int: boolean,
  ) {}
  static of(given: number | undefined, dflt: number, dflt_is_int = false): Num {
    return given === undefined ? new Num(dflt, dflt_is_int) : new Num(given, Number.isInteger(given));
  }
}

/** Which numeric fields of each module print as Python ints (kept out of the module's own properties). */
const PY_INTS = new WeakMap<Module, Set<string>>();

/** Base of the modules below with numeric arguments: remembers how each should print. */
export class Activation extends Module {
  /** @internal records how a numeric argument prints (an int or a float, as Python's) */
  protected _num(name: string, n: Num): number {
    let ints = PY_INTS.get(this);
    if (!ints) PY_INTS.set(this, (ints = new Set()));
    if (n.is_int) ints.add(name);
    else ints.delete(name);
    return n.value;
  }
  /** `value` as Python prints the field `name` (an int if it was given as one and still is). */
  protected _repr(name: string, value: number): string {
    return PY_INTS.get(this)?.has(name) && Number.isInteger(value) ? String(value) : py_float(value);
  }
}

export const inplace_repr = (inplace: boolean, sep = ", "): string => (inplace ? `${sep}inplace=True` : "");

export type InplaceArgs = [inplace?: boolean] | [options: { inplace?: boolean }];

export function inplace_of(name: string, args: readonly unknown[]): boolean {
  return kwargs<{ inplace: boolean }>(name, args, ["inplace"]).inplace ?? false;
}

/** Modules whose only argument is `inplace`, printing `inplace=True` when set. */
export abstract class InplaceActivation extends Activation {
  declare inplace: boolean;
  constructor(...args: InplaceArgs) {
    super();
    this.inplace = inplace_of(class_name(this), args);
  }
  override extra_repr(): string {
    return inplace_repr(this.inplace, "");
  }
}
