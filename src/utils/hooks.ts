/**
 * Hook plumbing, as torch/utils/hooks.py: RemovableHandle (what every register_*_hook returns)
 * and BackwardHook, the machinery behind Module.register_full_backward_hook.
 *
 * A full backward hook needs the gradients of a module's inputs and outputs, whatever the
 * module does inside. PyTorch gets them without touching the module's graph: the inputs and
 * the outputs each pass through an identity autograd node (BackwardHookFunctionBackward). The
 * output node sees grad_output first (and lets backward pre-hooks replace it); the input node
 * then sees grad_input and calls the user's hooks, whose results replace grad_input. Modules'
 * outputs therefore carry grad_fn BackwardHookFunctionBackward, as in PyTorch.
 */
import { Tensor } from "../tensor/tensor.js";
import { defineMultiOp } from "../autograd/define.js";
import { zeros_like } from "../tensor/factory.js";
import { is_grad_enabled } from "../autograd/grad_mode.js";
import type { Node } from "../autograd/node.js";

let next_id = 0;

/** A handle that removes its hook from the dicts it was registered in. */
export class RemovableHandle {
  /** PyTorch's name for this class, which bundlers cannot rename (src/names.ts). */
  static readonly __name__: string = "RemovableHandle";
  readonly id: number;
  constructor(private readonly dicts: Map<number, unknown>[]) {
    this.id = next_id++;
  }
  /** Unregisters the hook; calling it again does nothing. */
  remove(): void {
    for (const d of this.dicts) d.delete(this.id);
  }
}

/** Adds hook to dict under a new handle's id, first when prepend (PyTorch's `prepend=True`). */
export function add_hook<H>(dict: Map<number, H>, hook: H, prepend = false): RemovableHandle {
  const handle = new RemovableHandle([dict]);
  if (!prepend) dict.set(handle.id, hook);
  else {
    const rest = [...dict];
    dict.clear();
    dict.set(handle.id, hook);
    for (const [k, v] of rest) dict.set(k, v);
  }
  return handle;
}

type Grads = (Tensor | null)[];
/** hook(module, grad_input, grad_output): may return replacements for grad_input */
export type FullBackwardHook<M = unknown> = (
  module: M,
  grad_input: Grads,
  grad_output: Grads,
) => Grads | null | undefined | void;
/** hook(module, grad_output): may return replacements for grad_output */
export type BackwardPreHook<M = unknown> = (module: M, grad_output: Grads) => Grads | null | undefined | void;

/**
 * torch.nn.modules._functions.BackwardHookFunction: returns its inputs (as new views) and
 * passes gradients through unchanged; the node exists to carry hooks. Inputs that do not
 * require grad come back detached (PyTorch marks them non-differentiable).
 */
const backward_hook_op = defineMultiOp({
  name: "BackwardHookFunction",
  node: "BackwardHookFunctionBackward",
  differentiable: [0],
  forward: (_ctx, tensors: Tensor[]) => tensors.map((t) => t.detach()),
  // a custom Function materializes missing gradients as zeros, so grad_input holds zeros
  // (not None) for tensor inputs that do not require grad, as in PyTorch
  backward: (ctx, grads) => [grads.map((g, i) => g ?? zeros_like(ctx.args[0][i]))],
});

function backward_hook_function(tensors: Tensor[]): Tensor[] {
  const outs = backward_hook_op(tensors);
  return outs.map((o, i) => (tensors[i].requires_grad ? o : o.detach()));
}

function pack_with_none(indices: number[], values: Grads, size: number): Grads {
  const res: Grads = new Array<Tensor | null>(size).fill(null);
  indices.forEach((idx, k) => (res[idx] = values[k] ?? null));
  return res;
}

function unpack_none(indices: number[], values: Grads): Grads {
  return indices.map((idx) => values[idx] ?? null);
}

/** One call's worth of backward-hook state: made by Module's call when such hooks exist. */
export class BackwardHook<M = unknown> {
  private grad_outputs: Grads | null = null;
  private n_outputs = -1;
  private output_tensors_index: number[] | null = null;
  private n_inputs = -1;
  private input_tensors_index: number[] | null = null;

  constructor(
    private readonly module: M,
    private readonly user_hooks: FullBackwardHook<M>[],
    private readonly user_pre_hooks: BackwardPreHook<M>[],
  ) {}

  private set_user_hook(grad_fn: Node): void {
    grad_fn.register_hook((grad_input) => {
      // no grad_output seen: the gradient reached the inputs without passing the outputs
      if (this.grad_outputs === null) return;
      const idx = this.input_tensors_index as number[];
      let res = pack_with_none(idx, grad_input, this.n_inputs);
      for (const hook of this.user_hooks) {
        const out = hook(this.module, res, this.grad_outputs);
        if (out === null || out === undefined) continue;
        if (out.length !== res.length) {
          throw new Error(
            `Backward hook returned an invalid number of grad_input, got ${out.length}, but expected ${res.length}`,
          );
        }
        res = out;
      }
      this.grad_outputs = null;
      return unpack_none(idx, res);
    });
  }

  /** Routes the tensors among args through the identity node; calls fn with that node. */
  private apply_on_tensors(fn: (grad_fn: Node) => void, args: unknown[]): [unknown[], number[] | null] {
    const idx: number[] = [];
    const tensors: Tensor[] = [];
    let requires_grad = false;
    args.forEach((a, i) => {
      if (a instanceof Tensor) {
        idx.push(i);
        tensors.push(a);
        requires_grad ||= a.requires_grad;
      }
    });
    if (!(requires_grad && is_grad_enabled())) return [args, null];
    const new_tensors = backward_hook_function(tensors);
    const grad_fn = new_tensors.find((t) => t.grad_fn?.name() === "BackwardHookFunctionBackward")?.grad_fn;
    if (!grad_fn) {
      throw new Error(
        "Error while setting up backward hooks. Please open an issue with a code sample to reproduce this.",
      );
    }
    fn(grad_fn);
    const out = args.slice();
    idx.forEach((i, k) => (out[i] = new_tensors[k]));
    return [out, idx];
  }

  setup_input_hook(args: unknown[]): unknown[] {
    const [res, idx] = this.apply_on_tensors((g) => this.set_user_hook(g), args);
    this.n_inputs = args.length;
    this.input_tensors_index = idx;
    return res;
  }

  /** A module's result: one value, or an array (PyTorch's tuple) of them. */
  setup_output_hook(result: unknown): unknown {
    const fn = (grad_fn: Node) => {
      grad_fn.register_hook((_grad_input, grad_output) => {
        const out_idx = this.output_tensors_index as number[];
        this.grad_outputs = pack_with_none(out_idx, grad_output, this.n_outputs);
        const expected = this.grad_outputs.length;
        for (const pre of this.user_pre_hooks) {
          const r = pre(this.module, this.grad_outputs);
          if (r === null || r === undefined) continue;
          if (r.length !== expected) {
            throw new Error(
              `Backward pre hook returned an invalid number of grad_output, got ${r.length}, but expected ${expected}`,
            );
          }
          this.grad_outputs = r;
        }
        // kept for the return: clearing grad_outputs below must not drop a pre-hook's replacement
        const local_grad_outputs = this.grad_outputs;
        // no input requires grad: the input node never runs, so call the user's hooks here
        if (this.input_tensors_index === null) {
          const grad_inputs = pack_with_none([], [], this.n_inputs);
          for (const hook of this.user_hooks) {
            const r = hook(this.module, grad_inputs, this.grad_outputs);
            if (r !== null && r !== undefined && !r.every((g) => g === null)) {
              throw new Error(
                "Backward hook for Modules where no input requires gradient should always return None or None for all gradients.",
              );
            }
          }
          this.grad_outputs = null;
        }
        return out_idx.map((i) => local_grad_outputs[i] ?? null);
      });
    };
    const is_tuple = Array.isArray(result);
    const args = is_tuple ? result : [result];
    const [res, idx] = this.apply_on_tensors(fn, args);
    this.n_outputs = args.length;
    this.output_tensors_index = idx;
    return is_tuple ? res : res[0];
  }
}
