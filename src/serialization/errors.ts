/**
 * The errors torch.load, torch.save and safetensors throw for a bad file or a value they cannot
 * write. Every refusal of a damaged or hostile file is one of these (the fuzz test holds the
 * loaders to it), so callers can tell "this file is bad" from a bug.
 */

/** A file that is not a valid checkpoint, or a value that cannot be saved. */
export class SerializationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SerializationError";
  }
}

/** The pickle inside a checkpoint is malformed or names something outside the allow-list. */
export class UnpicklingError extends SerializationError {
  constructor(message: string) {
    super(message);
    this.name = "UnpicklingError";
  }
}

export function fail(message: string): never {
  throw new SerializationError(message);
}

export function ensure(cond: boolean, message: string | (() => string)): asserts cond {
  if (!cond) fail(typeof message === "string" ? message : message());
}

/** What a value is, in a message: Python's name for it where there is one. */
export function kind(x: unknown): string {
  if (x === null) return "None";
  if (Array.isArray(x)) return "list or tuple";
  if (typeof x === "object") return x.constructor?.name ?? "object";
  return typeof x;
}
