/**
 * Every source of randomness in torch-ts: PyTorch's CPU generator (MT19937) and its samplers,
 * bit for bit (shared/docs/pytorch-rng.md). Public sampling ops are in src/ops/random/samplers.ts.
 */
export {
  Generator,
  default_generator,
  manual_seed,
  seed,
  initial_seed,
  get_rng_state,
  set_rng_state,
  resolve_generator,
} from "./generator.js";
export { MT19937 } from "./mt19937.js";
export * as sampling from "./sampling.js";
