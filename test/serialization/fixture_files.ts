/**
 * The files torch-ts writes for PyTorch to read (test/fixtures/serialization/): made here,
 * deterministically, so `write_fixtures.ts` can (re)write them, test/golden/gen_serialization.py
 * can record what PyTorch 1.13 loads from them, and pytorch.test.ts can check that torch.save
 * still writes them byte for byte.
 */
import * as torch from "../../src/index.js";
import { torch_ts_first_five } from "../../examples/checkpoint_roundtrip.js";

const { nn } = torch;

/** Everything PyTorch 1.13's weights_only loader accepts: no Python floats, dtypes it allows. */
function weights_only_values(): Record<string, unknown> {
  const base = torch.arange(12, { dtype: torch.float32 }).div(4);
  const sd = new nn.Sequential(new nn.Linear(2, 3), new nn.ReLU(), new nn.Linear(3, 1)).state_dict();
  return {
    base,
    view_t: base.view(3, 4).t(),
    window: base.narrow(0, 5, 4),
    expanded: base.narrow(0, 0, 3).expand(2, 3),
    f64: torch.tensor([0.1, -1e300, 5e-324], { dtype: torch.float64 }),
    i64: torch.tensor([1, -2, 2 ** 40, -(2 ** 53)], { dtype: torch.int64 }),
    i32: torch.tensor([[7, -8]], { dtype: torch.int32 }),
    b: torch.tensor([true, false, true]),
    scalar: torch.tensor(3.25),
    empty: torch.zeros(0, 2),
    grad: torch.ones(2, { requires_grad: true }),
    param: new nn.Parameter(torch.tensor([1, 2])),
    frozen: new nn.Parameter(torch.tensor([3]), false),
    state_dict: sd,
    ints: [0, 255, 256, 65536, -1, 2 ** 31, -(2 ** 31) - 1, 2 ** 53 - 1],
    big: [2n ** 63n, -(2n ** 70n)],
    text: ["", "héllo ✓"],
    flags: [true, false, null],
    tuple: Object.freeze([1, "two", Object.freeze([3, 4, 5, 6])]),
    int_keys: { 0: "zero", 7: "seven" },
    dtypes: [torch.float32, torch.float64, torch.int64, torch.int32],
  };
}

/**
 * name -> bytes of every file PyTorch reads in gen_serialization.py, made on the reference
 * kernels (the training steps in the checkpoint would otherwise round as the fastest backend
 * does, and the committed bytes would depend on the machine).
 */
export function fixture_files(): Record<string, Uint8Array> {
  const was = torch.are_deterministic_algorithms_enabled();
  torch.use_deterministic_algorithms(true);
  try {
    return make_files();
  } finally {
    torch.use_deterministic_algorithms(was);
  }
}

function make_files(): Record<string, Uint8Array> {
  torch.manual_seed(0);
  const values = weights_only_values();
  return {
    "values.pt": torch.save(values),
    "values_zip64.pt": torch.save(values, { _force_zip64: true }),
    "floats.pt": torch.save({
      lr: 0.01,
      betas: Object.freeze([0.9, 0.999]),
      eps: 1e-8,
      neg_zero: -0,
      inf: Infinity,
      nan: NaN,
    }),
    "torchts_checkpoint.pt": torch.save(torch_ts_first_five().checkpoint),
  };
}
