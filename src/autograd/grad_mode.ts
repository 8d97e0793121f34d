/** Grad mode: whether ops record the graph. One global flag, as PyTorch's thread-local one. */

let enabled = true;

/** Whether ops are being recorded for autograd (false inside `no_grad`). */
export function is_grad_enabled(): boolean {
  return enabled;
}

/**
 * Turns recording on or off until changed again; prefer `no_grad(fn)`/`enable_grad(fn)`, which restore the
 * previous mode.
 */
export function set_grad_enabled(mode: boolean): void {
  enabled = mode;
}

function with_mode<T>(mode: boolean, fn: () => T): T {
  const prev = enabled;
  enabled = mode;
  try {
    return fn();
  } finally {
    enabled = prev;
  }
}

/** Runs fn with recording off and returns its value: PyTorch's `with torch.no_grad():`. */
export function no_grad<T>(fn: () => T): T {
  return with_mode(false, fn);
}

/** Runs fn with recording on: PyTorch's `with torch.enable_grad():`. */
export function enable_grad<T>(fn: () => T): T {
  return with_mode(true, fn);
}

/** Inference mode is no_grad here: tensors carry no extra inference flag. */
export function inference_mode<T>(fn: () => T): T {
  return with_mode(false, fn);
}
