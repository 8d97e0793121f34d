/** torch.autograd.backward and torch.autograd.grad: argument checks around the engine. */
import { fmt_shape, shapes_equal } from "../shape.js";
import type { Tensor } from "../tensor/tensor.js";
import { ones_like_tensor } from "../ops/convert/convert.js";
import { zeros_like } from "../tensor/factory.js";
import { gradient_edge, run_backward } from "./engine.js";
import type { Node } from "./node.js";

function as_list(t: Tensor | readonly Tensor[]): Tensor[] {
  return Array.isArray(t) ? (t as readonly Tensor[]).slice() : [t as Tensor];
}

/** The seed gradients: given ones, checked; missing ones are 1 for scalars. */
function make_grads(outputs: Tensor[], grads: readonly (Tensor | null | undefined)[] | null): Tensor[] {
  return outputs.map((out, i) => {
    const g = grads?.[i];
    if (g) {
      if (!shapes_equal(g.shape, out.shape)) {
        throw new Error(
          `Mismatch in shape: grad_output[${i}] has a shape of torch.Size(${fmt_shape(g.shape)}) and output[${i}] has a shape of torch.Size(${fmt_shape(out.shape)}).`,
        );
      }
      return g;
    }
    if (!out.requires_grad) {
      throw new Error(`element ${i} of tensors does not require grad and does not have a grad_fn`);
    }
    if (out.numel() !== 1) throw new Error("grad can be implicitly created only for scalar outputs");
    return ones_like_tensor(out);
  });
}

/** Options of `backward()`. */
export interface BackwardOptions {
  /** Keep the graph's saved values for another backward (default: create_graph). */
  retain_graph?: boolean;
  /** Record the backward pass itself, for higher-order gradients. */
  create_graph?: boolean;
  /** Accumulate gradients into these leaves only. */
  inputs?: Tensor | Tensor[];
}

/**
 * torch.autograd.backward: accumulates into the leaves' `.grad` the gradients of tensors (each weighted by
 * its grad_tensors entry, needed unless it has one element). `x.backward(g)` is `backward(x, g)`.
 */
export function autograd_backward(
  tensors: Tensor | Tensor[],
  grad_tensors: Tensor | (Tensor | null)[] | null = null,
  options: BackwardOptions = {},
): void {
  const outs = as_list(tensors);
  const grads = grad_tensors === null ? null : Array.isArray(grad_tensors) ? grad_tensors : [grad_tensors];
  const create_graph = options.create_graph ?? false;
  let accumulate_only: Set<Node> | undefined;
  if (options.inputs !== undefined) {
    const inputs = as_list(options.inputs);
    if (inputs.length === 0) throw new Error("'inputs' argument to backward() cannot be empty.");
    accumulate_only = new Set(
      inputs.map((t) => {
        if (!t.requires_grad) throw new Error("One of the differentiated Tensors does not require grad");
        if (t.grad_fn) t.retain_grad();
        return gradient_edge(t)[0] as Node;
      }),
    );
  }
  run_backward(outs, make_grads(outs, grads), {
    keep_graph: options.retain_graph ?? create_graph,
    create_graph,
    accumulate_only,
  });
}

/** Options of `torch.autograd.grad`. */
export interface GradOptions {
  /** The gradients of the outputs (needed for outputs with more than one element). */
  grad_outputs?: Tensor | (Tensor | null)[] | null;
  /** Keep the graph's saved values for another backward (default: create_graph). */
  retain_graph?: boolean;
  /** Record the backward pass itself, for higher-order gradients. */
  create_graph?: boolean;
  /** Give null for inputs the outputs do not depend on, instead of throwing. */
  allow_unused?: boolean;
  /** Give zeros instead of null for unused inputs (implies allow_unused). */
  materialize_grads?: boolean;
}

/** torch.autograd.grad: the gradients of outputs with respect to inputs, without touching .grad. */
export function grad(
  outputs: Tensor | Tensor[],
  inputs: Tensor | Tensor[],
  options: GradOptions = {},
): (Tensor | null)[] {
  const outs = as_list(outputs);
  const ins = as_list(inputs);
  const go = options.grad_outputs;
  const grads = go === undefined || go === null ? null : Array.isArray(go) ? go : [go];
  const create_graph = options.create_graph ?? false;
  if (options.materialize_grads && options.allow_unused === false) {
    throw new Error(
      "Expected allow_unused to be True or not passed when materialize_grads=True, but got: allow_unused=False.",
    );
  }
  const capture = ins.map((t) => {
    if (!t.requires_grad) throw new Error("One of the differentiated Tensors does not require grad");
    return gradient_edge(t);
  });
  const res = run_backward(outs, make_grads(outs, grads), {
    keep_graph: options.retain_graph ?? create_graph,
    create_graph,
    capture,
    allow_unused: (options.allow_unused ?? false) || (options.materialize_grads ?? false),
  });
  if (options.materialize_grads) return res.map((g, i) => g ?? zeros_like(ins[i]));
  return res;
}
