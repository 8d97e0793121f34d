/**
 * The shape of an op_db entry (test/op_db.ts): what an op is called, how to build its sample
 * inputs and apply it, and what is checked of it. Kept apart from the table so the family files
 * under test/op_db/ and the table can both import it.
 */
import type * as torch from "../../src/index.js";

type Tensor = torch.Tensor;

/** What a resolved op returns, loosely: a tensor, a list (split) or a named tuple (sort). */
export type Result = Tensor & { readonly values: Tensor };
/** An op as the namespace or a Tensor method exposes it. */
export type Op = (...args: unknown[]) => Result;
/** How a sample applies the op to its inputs (views, extra arguments, options objects). */
export type Call = (op: Op, ...xs: Tensor[]) => Tensor | Tensor[];

export interface Tolerances {
  eps?: number;
  atol?: number;
  rtol?: number;
}

export interface Sample {
  /** What the sample exercises; unique within its op (it names the tests). */
  label: string;
  /** Fresh float64 inputs; those that require grad are the ones gradcheck perturbs. */
  inputs: () => Tensor[];
  /** How the op is applied; by default op(...inputs). */
  call?: Call;
  /** Overrides the op's `gradcheck`: false where a sample is not differentiable. */
  gradcheck?: boolean;
  /** Also gradgradcheck this sample (overrides the op's `gradgrad`). */
  gradgrad?: boolean;
  tol?: Tolerances;
}

/**
 * A bad input and the error PyTorch raised for it, from a fixture whose record holds only the
 * error (the inputs are built here, as the generator built them).
 */
export interface ErrorSample {
  /** "<fixture>/<section>/<key>": where PyTorch's {type, message} (or bare message) is recorded. */
  fixture: string;
  /** Calls the op on the bad input; must throw PyTorch's error. */
  call: () => unknown;
}

export interface OpInfo {
  /** PyTorch's name: "add" (torch.add and Tensor.add), "nn.functional.gelu", "Tensor.t_". */
  name: string;
  /** PyTorch's other names for the op (torch.absolute for abs); each must resolve too. */
  aliases?: string[];
  /**
   * The fixture cases where PyTorch recorded this op's values and gradients: "<fixture>/<op>"
   * selects every value case that fixture's reader (test/op_db/golden/) yields for op name <op>,
   * so the entry names its aliases' and in-place forms' keys as well ("binary/add_").
   */
  golden_keys?: string[];
  /**
   * Bad inputs and PyTorch's errors: a key "<fixture>/<op>" selects the error cases the fixture
   * recorded with their inputs; an ErrorSample builds the input for an error recorded alone.
   */
  errors?: (string | ErrorSample)[];
  /** PyTorch's grad_fn name for the samples' outputs (checked on the first sample). */
  node?: string;
  /** Fixtures (test/golden/<name>.json) where PyTorch recorded this op's values and nodes. */
  golden?: string[];
  /** Differentiable: every sample is gradchecked in float64 unless it says otherwise. */
  gradcheck: boolean;
  /** gradgradcheck every sample (the backward is built of differentiable ops). */
  gradgrad?: boolean;
  /** Whether the first sample can be applied through Tensor.X too (default true). */
  variants?: boolean;
  /** Floating dtypes whose forward on the first sample must agree with float64. */
  dtypes?: torch.DType[];
  samples: Sample[];
}

/** A sample: label, inputs and (optionally) how the op is called. */
export function sample(
  label: string,
  inputs: () => Tensor[],
  call?: Call,
  more: Partial<Sample> = {},
): Sample {
  return { label, inputs, ...(call ? { call } : {}), ...more };
}
