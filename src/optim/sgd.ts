/**
 * Stochastic gradient descent, optionally with momentum, as torch/optim/sgd.py: `SGD` gathers
 * each group's parameters, gradients and momentum buffers and calls `sgd()`, the update rule:
 * PyTorch's `_single_tensor_sgd` as a chain of in-place tensor ops (foreach=false), or the
 * `sgd_step` kernel over the whole group, which does the same arithmetic in one pass per
 * parameter with no temporaries (foreach null or true; see `use_foreach`).
 *
 * The momentum is PyTorch's, not Sutskever et al.'s: v = momentum * v + (1 - dampening) * g,
 * p = p - lr * v (the lr scales the buffer, not each gradient as it enters it); the first step
 * takes v = g undamped. With momentum 0 there is no state at all (PyTorch 2).
 */
import type { Tensor } from "../tensor/tensor.js";
import { empty_with_layout_of } from "../tensor/make.js";
import { kernels } from "../backends/index.js";
import {
  Optimizer,
  optimizer_args,
  reject_unsupported,
  use_foreach,
  with_grads,
  type ParamsArg,
  type PyArgs,
} from "./optimizer.js";
import { py_number } from "../format.js";

/**
 * Options of {@link SGD}, PyTorch's keywords with its defaults: lr 1e-3, momentum 0, dampening 0,
 * weight_decay 0, nesterov and maximize false. `foreach` picks the implementation (the numbers are the
 * same); `differentiable` and `fused` may only be false or null.
 */
export interface SGDOptions {
  lr?: number;
  momentum?: number;
  dampening?: number;
  weight_decay?: number;
  nesterov?: boolean;
  maximize?: boolean;
  foreach?: boolean | null;
  differentiable?: boolean;
  fused?: boolean | null;
}

export type SGDDefaults = Required<SGDOptions>;

/** A parameter's state with momentum: PyTorch's momentum_buffer, None before the first step. */
type SGDState = { momentum_buffer: Tensor | null };

export interface SGDUpdate {
  lr: number;
  momentum: number;
  dampening: number;
  weight_decay: number;
  nesterov: boolean;
  maximize: boolean;
  /** PyTorch's foreach option: false runs the single-tensor chain of ops */
  foreach?: boolean | null;
}

/**
 * One SGD step over lists of parameters, their gradients and momentum buffers (null until the
 * first step, then filled in place in `momentum_buffer_list`). Call under no_grad.
 */
export function sgd(
  params: Tensor[],
  grads: Tensor[],
  momentum_buffer_list: (Tensor | null)[],
  update: SGDUpdate,
): void {
  const bufs = update.momentum !== 0 ? momentum_buffer_list : [];
  if (use_foreach(update.foreach, params, grads, bufs))
    multi_tensor_sgd(params, grads, momentum_buffer_list, update);
  else single_tensor_sgd(params, grads, momentum_buffer_list, update);
}

/** The group in one kernel call; a missing buffer is made here and filled by the kernel. */
function multi_tensor_sgd(
  params: Tensor[],
  grads: Tensor[],
  momentum_buffer_list: (Tensor | null)[],
  update: SGDUpdate,
): void {
  const with_momentum = update.momentum !== 0;
  const init = with_momentum ? momentum_buffer_list.map((b) => b === null) : [];
  const bufs = with_momentum
    ? params.map((_, i) => (momentum_buffer_list[i] ??= empty_with_layout_of(grads[i])))
    : [];
  kernels().sgd_step(
    params.map((p) => p._view()),
    grads.map((g) => g._view()),
    bufs.map((b) => b._view()),
    init,
    update,
  );
  for (const p of params) p._bump_version();
  for (const b of bufs) b._bump_version();
}

/** PyTorch's `_single_tensor_sgd`, op by op. */
function single_tensor_sgd(
  params: Tensor[],
  grads: Tensor[],
  momentum_buffer_list: (Tensor | null)[],
  { lr, momentum, dampening, weight_decay, nesterov, maximize }: SGDUpdate,
): void {
  params.forEach((param, i) => {
    let grad = maximize ? grads[i].neg() : grads[i];
    if (weight_decay !== 0) grad = grad.add(param, { alpha: weight_decay });
    if (momentum !== 0) {
      let buf = momentum_buffer_list[i];
      if (!buf) {
        buf = grad.clone().detach();
        momentum_buffer_list[i] = buf;
      } else {
        buf.mul_(momentum).add_(grad, { alpha: 1 - dampening });
      }
      grad = nesterov ? grad.add(buf, { alpha: momentum }) : buf;
    }
    param.add_(grad, { alpha: -lr });
  });
}

export class SGD extends Optimizer<SGDDefaults> {
  static override readonly __name__: string = "SGD";
  constructor(
    params: ParamsArg,
    ...args: PyArgs<
      [lr: number, momentum: number, dampening: number, weight_decay: number, nesterov: boolean],
      SGDOptions
    >
  ) {
    const options = optimizer_args<SGDOptions>(
      "SGD",
      args,
      ["lr", "momentum", "dampening", "weight_decay", "nesterov"],
      ["maximize", "foreach", "differentiable", "fused"],
    );
    const defaults: SGDDefaults = {
      lr: options.lr ?? 1e-3,
      momentum: options.momentum ?? 0,
      dampening: options.dampening ?? 0,
      weight_decay: options.weight_decay ?? 0,
      nesterov: options.nesterov ?? false,
      maximize: options.maximize ?? false,
      foreach: options.foreach ?? null,
      differentiable: options.differentiable ?? false,
      fused: options.fused ?? null,
    };
    if (defaults.lr < 0) throw new Error(`Invalid learning rate: ${py_number(defaults.lr)}`);
    if (defaults.momentum < 0) throw new Error(`Invalid momentum value: ${py_number(defaults.momentum)}`);
    if (defaults.weight_decay < 0) {
      throw new Error(`Invalid weight_decay value: ${py_number(defaults.weight_decay)}`);
    }
    if (defaults.nesterov && (defaults.momentum <= 0 || defaults.dampening !== 0)) {
      throw new Error("Nesterov momentum requires a momentum and zero dampening");
    }
    reject_unsupported("SGD", defaults, ["differentiable", "fused"]);
    super(params, defaults);
  }

  step(closure?: () => Tensor | number): Tensor | number | null {
    return this.step_groups(closure, (group) => {
      if (group.momentum === 0) {
        // no momentum, no state at all (PyTorch 2 does not even create an empty one)
        const [params, grads] = with_grads(group.params);
        sgd(params, grads, [], group);
        return;
      }
      // the buffer is None until sgd() makes it from the first gradient, then stored back
      const { params, grads, states } = this.gather(group, (): SGDState => ({ momentum_buffer: null }));
      const momentum_buffer_list = states.map((s) => s.momentum_buffer);
      sgd(params, grads, momentum_buffer_list, group);
      states.forEach((s, i) => (s.momentum_buffer = momentum_buffer_list[i]));
    });
  }
}
