/**
 * The op table's entries for the reductions beside the plain ones (src/ops/reduce/): index- and
 * bool-valued reductions (argmax, all, count_nonzero), the NaN-skipping and paired forms
 * (nansum, var_mean), scans with indices (cummax) and linalg.vector_norm.
 */
import * as torch from "../../src/index.js";
import { sample, type OpInfo } from "./info.js";
import { leaf } from "./inputs.js";

type T = torch.Tensor;

/** A [3, 4] input with a NaN, for the nan* reductions (gradcheck perturbs the others only). */
function with_nan(): T[] {
  const x = leaf([3, 4]).detach();
  x.view(-1).narrow(0, 5, 1).fill_(NaN);
  return [x.requires_grad_()];
}

/** A non-differentiable reduction: checked by its fixture cases and a variant sample. */
const plain = (name: string, errors = false): OpInfo => ({
  name,
  golden_keys: [`reduction/${name}`],
  ...(errors ? { errors: [`reduction/${name}`] } : {}),
  gradcheck: false,
  samples: [
    sample(
      "dim 1",
      () => [leaf([3, 4])],
      (op, a) => op(a, 1),
    ),
  ],
});

export const REDUCE_STATS_OPS: OpInfo[] = [
  plain("argmax", true),
  plain("argmin", true),
  plain("all", true),
  plain("any"),
  plain("count_nonzero"),
  {
    name: "nansum",
    golden_keys: ["reduction/nansum"],
    gradcheck: true,
    samples: [sample("3x4 with a NaN, dim 1", with_nan, (op, a) => op(a, 1))],
  },
  {
    name: "nanmean",
    golden_keys: ["reduction/nanmean"],
    errors: ["reduction/nanmean"],
    gradcheck: true,
    samples: [sample("3x4 with a NaN, dim 0", with_nan, (op, a) => op(a, 0))],
  },
  {
    name: "var_mean",
    golden_keys: ["reduction/var_mean"],
    gradcheck: true,
    samples: [
      sample(
        "dim 1, correction 0",
        () => [leaf([3, 4])],
        (op, a) => [...(op(a, 1, { correction: 0 }) as unknown as T[])],
      ),
    ],
  },
  {
    name: "std_mean",
    golden_keys: ["reduction/std_mean"],
    gradcheck: true,
    samples: [
      sample(
        "dim 0",
        () => [leaf([3, 4])],
        (op, a) => [...(op(a, 0) as unknown as T[])],
      ),
    ],
  },
  {
    name: "cummax",
    golden_keys: ["reduction/cummax"],
    gradcheck: true,
    samples: [
      sample(
        "dim 1 values",
        () => [leaf([3, 4])],
        (op, a) => op(a, 1).values,
      ),
    ],
  },
  {
    name: "cummin",
    golden_keys: ["reduction/cummin"],
    gradcheck: true,
    samples: [
      sample(
        "dim 0 values",
        () => [leaf([3, 4])],
        (op, a) => op(a, 0).values,
      ),
    ],
  },
  {
    name: "linalg.vector_norm",
    golden_keys: ["reduction/vector_norm"],
    errors: ["reduction/vector_norm"],
    gradcheck: true,
    samples: [
      sample(
        "ord 3, dim 1",
        () => [leaf([3, 4])],
        (op, a) => op(a, 3, 1),
      ),
    ],
  },
];
