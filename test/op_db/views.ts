/**
 * The op table's entries for the views of src/ops/shape/ that shape.ts does not hold: t,
 * transpose (and the mT property), select, unsqueeze, diagonal, swapaxes, movedim, flatten and
 * the *_as forms. Their gradients are gradchecked; values, strides, view-ness and PyTorch's errors
 * come from movement.json.
 */
import { sample, type OpInfo, type Call } from "./info.js";
import { leaf } from "./inputs.js";

/** A differentiable view of one [2, 3, 4] input (or the given inputs), applied by `call`. */
function view(
  name: string,
  call: Call,
  more: Partial<OpInfo> & { errors?: OpInfo["errors"] } = {},
  inputs = () => [leaf([2, 3, 4])],
): OpInfo {
  const bare = name.replace("Tensor.", "");
  return {
    name,
    golden_keys: [`movement/${bare}`],
    gradcheck: true,
    samples: [sample(bare, inputs, call)],
    ...more,
  };
}

export const VIEW_OPS: OpInfo[] = [
  view("t", (op, a) => op(a.select(0, 1)), { errors: ["movement/t"] }),
  view("transpose", (op, a) => op(a, 0, 2), {
    golden_keys: ["movement/transpose", "movement/mT"],
    errors: ["movement/transpose"],
  }),
  view("swapaxes", (op, a) => op(a, -1, 1)),
  view("select", (op, a) => op(a, 1, -1), { errors: ["movement/select"] }),
  view("unsqueeze", (op, a) => op(a, 1), { errors: ["movement/unsqueeze"] }),
  view("diagonal", (op, a) => op(a, 1, 0, 2), { errors: ["movement/diagonal"] }),
  view("movedim", (op, a) => op(a, [0, 1], [2, 0]), {
    aliases: ["moveaxis"],
    golden_keys: ["movement/movedim", "movement/moveaxis"],
    errors: ["movement/movedim"],
  }),
  view("flatten", (op, a) => op(a, 1), { errors: ["movement/flatten"] }),
  view(
    "Tensor.view_as",
    (op, a, b) => op(a, b.detach()),
    {},
    () => [leaf([2, 6]), leaf([3, 4], -2, 2, 2)],
  ),
  view(
    "Tensor.reshape_as",
    (op, a, b) => op(a.t(), b.detach()),
    {},
    () => [leaf([2, 6]), leaf([3, 4], -2, 2, 2)],
  ),
  view(
    "Tensor.expand_as",
    (op, a, b) => op(a, b.detach()),
    {},
    () => [leaf([3, 1]), leaf([2, 3, 4])],
  ),
];
