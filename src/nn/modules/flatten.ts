/**
 * nn.Flatten and nn.Unflatten (torch/nn/modules/flatten.py): reshapes as modules, for use inside
 * Sequential. Flatten defaults to start_dim=1 (keeping the batch dim), unlike torch.flatten.
 */
import type { Tensor } from "../../tensor/tensor.js";
import { kwargs } from "../../tensor/args.js";
import { Module } from "../module.js";
import { py_tuple } from "../../format.js";

/** nn.Flatten(start_dim=1, end_dim=-1) */
export class Flatten extends Module {
  static override readonly __name__: string = "Flatten";
  declare start_dim: number;
  declare end_dim: number;
  constructor(...args: (number | undefined | { start_dim?: number; end_dim?: number })[]) {
    super();
    const o = kwargs<{ start_dim: number; end_dim: number }>("Flatten", args, ["start_dim", "end_dim"]);
    this.start_dim = o.start_dim ?? 1;
    this.end_dim = o.end_dim ?? -1;
  }
  override forward(input: Tensor): Tensor {
    return input.flatten(this.start_dim, this.end_dim);
  }
  override extra_repr(): string {
    return `start_dim=${this.start_dim}, end_dim=${this.end_dim}`;
  }
}

/** Unflatten's _require_tuple_int: a sequence of ints (JS arrays stand for tuples and lists). */
function check_tuple_int(sizes: unknown): void {
  if (!Array.isArray(sizes)) {
    throw new TypeError(`unflattened_size must be a tuple of ints, but found type ${typeof sizes}`);
  }
  sizes.forEach((elem: unknown, idx) => {
    if (!Number.isInteger(elem)) {
      throw new TypeError(
        `unflattened_size must be tuple of ints, but found element of type ${typeof elem} at pos ${idx}`,
      );
    }
  });
}

/** nn.Unflatten(dim, unflattened_size): expands dim into the given sizes (one may be -1). */
export class Unflatten extends Module {
  static override readonly __name__: string = "Unflatten";
  declare dim: number;
  declare unflattened_size: number[];
  constructor(dim: number, unflattened_size: readonly number[]) {
    super();
    check_tuple_int(unflattened_size);
    this.dim = dim;
    this.unflattened_size = [...unflattened_size];
  }
  override forward(input: Tensor): Tensor {
    return input.unflatten(this.dim, this.unflattened_size);
  }
  override extra_repr(): string {
    return `dim=${this.dim}, unflattened_size=${py_tuple(this.unflattened_size)}`;
  }
}
