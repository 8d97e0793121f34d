/**
 * AdamW (Loshchilov & Hutter), as torch/optim/adamw.py: Adam whose weight decay shrinks the
 * parameter directly (p <- p * (1 - lr * weight_decay), before the moment updates) instead of
 * adding weight_decay * p to the gradient, so the decay is not rescaled by the adaptive
 * denominator. Same state, options and float32 order as Adam; weight_decay defaults to 1e-2.
 */
import type { Tensor } from "../tensor/tensor.js";
import { optimizer_args, type ParamsArg } from "./optimizer.js";
import {
  ADAM_KEYWORD_ONLY,
  ADAM_POSITIONAL,
  Adam,
  adam,
  type AdamArgs,
  type AdamOptions,
  type AdamUpdate,
} from "./adam.js";

/**
 * Options of {@link AdamW}: Adam's, with weight_decay defaulting to 1e-2 and applied decoupled from the
 * gradient.
 */
export type AdamWOptions = AdamOptions;

/** One AdamW step: `adam()` with decoupled weight decay. Call under no_grad. */
export function adamw(
  params: Tensor[],
  grads: Tensor[],
  exp_avgs: Tensor[],
  exp_avg_sqs: Tensor[],
  max_exp_avg_sqs: Tensor[],
  state_steps: Tensor[],
  update: Omit<AdamUpdate, "decoupled_weight_decay">,
): void {
  adam(params, grads, exp_avgs, exp_avg_sqs, max_exp_avg_sqs, state_steps, {
    ...update,
    decoupled_weight_decay: true,
  });
}

export class AdamW extends Adam {
  static override readonly __name__: string = "AdamW";
  protected override decoupled_weight_decay = true;

  constructor(params: ParamsArg, ...args: AdamArgs<AdamWOptions>) {
    const options = optimizer_args<AdamWOptions>("AdamW", args, ADAM_POSITIONAL, ADAM_KEYWORD_ONLY);
    super(params, { ...options, weight_decay: options.weight_decay ?? 1e-2 });
  }
}
