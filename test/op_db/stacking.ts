/**
 * The op table's entries for src/ops/shape/'s stacking, splitting, flipping and diagonal
 * builders beside shape.ts's: atleast_Nd, hstack/vstack/dstack, hsplit/vsplit, fliplr/flipud,
 * diag and diag_embed. Their gradients are gradchecked; values, strides and PyTorch's errors come
 * from movement.json.
 */
import { sample, type OpInfo, type Call } from "./info.js";
import { leaf } from "./inputs.js";

type T = ReturnType<typeof leaf>;

function entry(name: string, inputs: () => T[], call?: Call, errors = false): OpInfo {
  return {
    name,
    golden_keys: [`movement/${name}`],
    ...(errors ? { errors: [`movement/${name}`] } : {}),
    gradcheck: true,
    samples: [sample(name, inputs, call)],
  };
}

const two = () => [leaf([2, 3]), leaf([2, 3], -2, 2, 2)];
const list: Call = (op, a, b) => op([a, b]);

export const STACKING_OPS: OpInfo[] = [
  entry("atleast_1d", () => [leaf([])]),
  entry("atleast_2d", () => [leaf([3])]),
  entry("atleast_3d", () => [leaf([2, 3])]),
  entry("hstack", two, list, true),
  entry("vstack", two, list),
  entry("dstack", two, list),
  entry(
    "hsplit",
    () => [leaf([2, 4])],
    (op, a) => op(a, 2),
    true,
  ),
  entry(
    "vsplit",
    () => [leaf([4, 2])],
    (op, a) => op(a, [1, 3]),
  ),
  entry("fliplr", () => [leaf([2, 3])], undefined, true),
  entry("flipud", () => [leaf([2, 3])], undefined, true),
  entry(
    "diag",
    () => [leaf([3, 4])],
    (op, a) => op(a, 1),
    true,
  ),
  entry(
    "diag_embed",
    () => [leaf([2, 3])],
    (op, a) => op(a, 1),
    true,
  ),
];
