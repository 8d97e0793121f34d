/**
 * nn.Embedding (torch/nn/modules/sparse.py): a lookup table of num_embeddings vectors. The weight
 * is drawn from N(0, 1) with normal_ (PyTorch's numbers after the same manual_seed) and the
 * padding_idx row is then zeroed; that row gets no gradient. max_norm renormalises the looked-up
 * rows in place at each forward, as PyTorch does. Only dense gradients (sparse=false).
 */
import { no_grad } from "../../autograd/grad_mode.js";
import type { Tensor } from "../../tensor/tensor.js";
import { kwargs } from "../../tensor/args.js";
import { shapes_equal } from "../../shape.js";
import * as F from "../functional/sparse.js";
import * as init from "../init.js";
import { Module } from "../module.js";
import { Parameter } from "../parameter.js";
import { empty_parameter, type FactoryKwargs } from "./linear.js";
import { py_number } from "../../format.js";

export interface EmbeddingModuleOptions extends FactoryKwargs {
  padding_idx?: number | null;
  max_norm?: number | null;
  norm_type?: number;
  scale_grad_by_freq?: boolean;
  sparse?: boolean;
  _weight?: Tensor | null;
  _freeze?: boolean;
}

export interface FromPretrainedOptions {
  freeze?: boolean;
  padding_idx?: number | null;
  max_norm?: number | null;
  norm_type?: number;
  scale_grad_by_freq?: boolean;
  sparse?: boolean;
}

type EmbeddingArg = number | boolean | string | null | undefined | Tensor;

/**
 * nn.Embedding(num_embeddings, embedding_dim, padding_idx=None, max_norm=None, norm_type=2.0,
 * scale_grad_by_freq=False, sparse=False, {_weight, _freeze, device, dtype})
 */
export class Embedding extends Module {
  static override readonly __name__: string = "Embedding";
  declare num_embeddings: number;
  declare embedding_dim: number;
  declare padding_idx: number | null;
  declare max_norm: number | null;
  declare norm_type: number;
  declare scale_grad_by_freq: boolean;
  declare weight: Parameter;
  declare sparse: boolean;

  constructor(
    num_embeddings: number,
    embedding_dim: number,
    ...args: (EmbeddingArg | EmbeddingModuleOptions)[]
  ) {
    super();
    const options = kwargs<Required<EmbeddingModuleOptions>>("Embedding", args, [
      "padding_idx",
      "max_norm",
      "norm_type",
      "scale_grad_by_freq",
      "sparse",
      "_weight",
      "_freeze",
      "device",
      "dtype",
    ]);
    if (options.sparse)
      throw new Error("nn.Embedding: sparse gradients are not supported by torch-ts (use sparse=false)");
    this.num_embeddings = num_embeddings;
    this.embedding_dim = embedding_dim;
    this.padding_idx = F.normalize_padding_idx(options.padding_idx, num_embeddings);
    this.max_norm = options.max_norm ?? null;
    this.norm_type = options.norm_type ?? 2;
    this.scale_grad_by_freq = options.scale_grad_by_freq ?? false;
    const w = options._weight ?? null;
    if (w === null) {
      this.weight = empty_parameter([num_embeddings, embedding_dim], options);
      if (options._freeze) this.weight.requires_grad_(false);
      this.reset_parameters();
    } else {
      if (!shapes_equal(w.shape, [num_embeddings, embedding_dim])) {
        throw new Error("Shape of weight does not match num_embeddings and embedding_dim");
      }
      this.weight = new Parameter(w, !(options._freeze ?? false));
    }
    this.sparse = false;
  }

  /** Redraws weight from N(0, 1) and zeroes the padding_idx row. */
  reset_parameters(): void {
    init.normal_(this.weight);
    this._fill_padding_idx_with_zero();
  }

  /** @internal zeroes the padding_idx row, outside the graph */
  _fill_padding_idx_with_zero(): void {
    const idx = this.padding_idx;
    if (idx !== null) no_grad(() => this.weight.select(0, idx).fill_(0));
  }

  override forward(input: Tensor): Tensor {
    return F.embedding(input, this.weight, {
      padding_idx: this.padding_idx,
      max_norm: this.max_norm,
      norm_type: this.norm_type,
      scale_grad_by_freq: this.scale_grad_by_freq,
      sparse: this.sparse,
    });
  }

  override extra_repr(): string {
    let s = `${this.num_embeddings}, ${this.embedding_dim}`;
    if (this.padding_idx !== null) s += `, padding_idx=${this.padding_idx}`;
    if (this.max_norm !== null) s += `, max_norm=${py_number(this.max_norm)}`;
    if (this.norm_type !== 2) s += `, norm_type=${py_number(this.norm_type)}`;
    if (this.scale_grad_by_freq) s += ", scale_grad_by_freq=True";
    return s;
  }

  /**
   * Embedding.from_pretrained(embeddings, freeze=True, padding_idx=None, max_norm=None,
   * norm_type=2.0, scale_grad_by_freq=False, sparse=False): wraps a 2-D tensor.
   */
  static from_pretrained(
    embeddings: Tensor,
    ...args: (number | boolean | null | undefined | FromPretrainedOptions)[]
  ): Embedding {
    const options = kwargs<Required<FromPretrainedOptions>>("from_pretrained", args, [
      "freeze",
      "padding_idx",
      "max_norm",
      "norm_type",
      "scale_grad_by_freq",
      "sparse",
    ]);
    if (embeddings.dim() !== 2) throw new Error("Embeddings parameter is expected to be 2-dimensional");
    const [rows, cols] = embeddings.shape;
    const { freeze, ...rest } = options;
    return new Embedding(rows, cols, { ...rest, _weight: embeddings, _freeze: freeze ?? true });
  }
}
