/**
 * torch.autograd.backward, torch.autograd.grad and Tensor.backward: argument checks around the
 * engine (PyTorch's keyword names, unknown ones refused).
 */
import { fmt_shape, shapes_equal } from "../shape.js";
import { Tensor } from "../tensor/tensor.js";
import { kwargs } from "../tensor/args.js";
import { py_type } from "../format.js";
import { ones_like_tensor } from "../ops/convert/convert.js";
import { zeros_like } from "../tensor/factory.js";
import { gradient_edge, run_backward } from "./engine.js";
import type { Node } from "./node.js";

function as_list(op: string, name: string, t: Tensor | readonly Tensor[]): Tensor[] {
  const list = Array.isArray(t) ? (t as readonly Tensor[]).slice() : [t as Tensor];
  for (const x of list) {
    if (!(x instanceof Tensor)) {
      throw new TypeError(
        `${op}(): argument '${name}' must be a Tensor or a list of Tensors, not ${py_type(x)}`,
      );
    }
  }
  return list;
}

/** A gradient argument: a tensor, or null (implicit for a scalar output) in each place. */
function grad_list(op: string, name: string, g: unknown): (Tensor | null)[] | null {
  if (g === undefined || g === null) return null;
  const list = Array.isArray(g) ? (g as unknown[]) : [g];
  for (const x of list) {
    if (x !== null && x !== undefined && !(x instanceof Tensor)) {
      throw new TypeError(
        `${op}(): argument '${name}' must be a Tensor, a list of Tensors or None, not ${py_type(x)}`,
      );
    }
  }
  return list as (Tensor | null)[];
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
export type BackwardOptions = {
  /** Keep the graph's saved values for another backward (default: create_graph). */
  retain_graph?: boolean | null;
  /** Record the backward pass itself, for higher-order gradients. */
  create_graph?: boolean;
  /** Accumulate gradients into these leaves only. */
  inputs?: Tensor | Tensor[] | null;
};

/** Tensor.backward's arguments after self, positional or as options (the gradient may be left out). */
export type TensorBackwardArgs =
  | []
  | [BackwardOptions & { gradient?: Tensor | null }]
  | [gradient: Tensor | null | undefined, options?: BackwardOptions]
  | [
      gradient: Tensor | null | undefined,
      retain_graph?: boolean | null,
      create_graph?: boolean,
      options?: BackwardOptions,
    ];

type BackwardKw = BackwardOptions & {
  gradient?: Tensor | null;
  grad_tensors?: Tensor | (Tensor | null)[] | null;
};

/** Tensor.backward(gradient=None, retain_graph=None, create_graph=False, inputs=None) */
const TENSOR_BACKWARD_NAMES = ["gradient", "retain_graph", "create_graph", "inputs"] as const;
const NO_OPTIONS: BackwardOptions = {};

/** `x.backward(...)`: {@link autograd_backward} of x, its arguments read as PyTorch's signature. */
export function tensor_backward(self: Tensor, args: readonly unknown[]): void {
  // `loss.backward()`, the call of every training step, reads no arguments
  if (args.length === 0) return run(self, null, NO_OPTIONS, "Tensor.backward");
  const o = kwargs<BackwardKw>("Tensor.backward", args, TENSOR_BACKWARD_NAMES);
  run(self, o.gradient ?? null, o, "Tensor.backward");
}

/**
 * torch.autograd.backward(tensors, grad_tensors=None, retain_graph=None, create_graph=False,
 * inputs=None): accumulates into the leaves' `.grad` the gradients of tensors (each weighted by
 * its grad_tensors entry, needed unless it has one element).
 */
export function autograd_backward(tensors: Tensor | Tensor[], ...args: unknown[]): void {
  const o = kwargs<BackwardKw>("backward", args, ["grad_tensors", "retain_graph", "create_graph", "inputs"]);
  run(tensors, o.grad_tensors ?? null, o, "backward");
}

function run(tensors: Tensor | Tensor[], grad_tensors: unknown, options: BackwardOptions, op: string): void {
  const outs = as_list(op, "tensors", tensors);
  const grads = grad_list(op, op === "backward" ? "grad_tensors" : "gradient", grad_tensors);
  const create_graph = options.create_graph ?? false;
  let accumulate_only: Set<Node> | undefined;
  if (options.inputs !== undefined && options.inputs !== null) {
    const inputs = as_list(op, "inputs", options.inputs);
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
export type GradOptions = {
  /** The gradients of the outputs (needed for outputs with more than one element). */
  grad_outputs?: Tensor | (Tensor | null)[] | null;
  /** Keep the graph's saved values for another backward (default: create_graph). */
  retain_graph?: boolean | null;
  /** Record the backward pass itself, for higher-order gradients. */
  create_graph?: boolean;
  /** Give null for inputs the outputs do not depend on, instead of throwing. */
  allow_unused?: boolean | null;
  /** Give zeros instead of null for unused inputs (implies allow_unused). */
  materialize_grads?: boolean;
};

/** torch.autograd.grad: the gradients of outputs with respect to inputs, without touching .grad. */
export function grad(
  outputs: Tensor | Tensor[],
  inputs: Tensor | Tensor[],
  ...args: [GradOptions?] | [Tensor | (Tensor | null)[] | null, GradOptions?]
): (Tensor | null)[] {
  const options = kwargs<GradOptions>("grad", args, [
    "grad_outputs",
    "retain_graph",
    "create_graph",
    "allow_unused",
    "materialize_grads",
  ]);
  const outs = as_list("grad", "outputs", outputs);
  const ins = as_list("grad", "inputs", inputs);
  const grads = grad_list("grad", "grad_outputs", options.grad_outputs);
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
