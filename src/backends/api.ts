/**
 * The `torch.backends` namespace: which backends this machine has and which one runs, and the
 * choice between them. (PyTorch's torch.backends lists its compute libraries the same way.)
 *
 * @module
 */
export { get_backend, set_backend, list_backends, is_available, info, type BackendsInfo } from "./index.js";
