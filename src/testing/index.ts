/**
 * torch.testing: `assert_close` with PyTorch's tolerances.
 *
 * @module
 */
export { assert_close, default_tolerances } from "./assert_close.js";
export type { CloseOptions } from "./assert_close.js";
