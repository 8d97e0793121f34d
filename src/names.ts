/**
 * The class names torch-ts prints (module and optimizer reprs, error messages): PyTorch's,
 * given to every public class as a static `__name__` (Python's `type(x).__name__`), because
 * bundlers rename classes (`Embedding` becomes `_Embedding` to avoid a clash, minifiers make it
 * `Iu`), so `constructor.name` is not the class's name in a browser build. Only an own
 * `__name__` counts: a user's subclass of nn.Module prints under its own JavaScript name, as
 * PyTorch prints a Python subclass under its own (a minified user class can declare its own
 * `static __name__`).
 */

/** A class's name: its own static `__name__`, else its JavaScript name. */
export function constructor_name(ctor: { readonly name: string }): string {
  const own = Object.prototype.hasOwnProperty.call(ctor, "__name__")
    ? (ctor as { __name__?: unknown }).__name__
    : undefined;
  return typeof own === "string" ? own : ctor.name;
}

/** The name of `obj`'s class (Python's `type(obj).__name__`). */
export function class_name(obj: object): string {
  const ctor = (obj as { constructor?: { readonly name: string } }).constructor;
  return ctor === undefined ? "Object" : constructor_name(ctor);
}
