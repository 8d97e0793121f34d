/**
 * PyTorch's tensor printing (torch/_tensor_str.py): the same number formatting, alignment,
 * summarisation and suffixes (dtype, requires_grad, grad_fn), for String(t) and console.log.
 */
import type { Tensor } from "./tensor.js";

export function format_tensor(t: Tensor): string {
  const body = JSON.stringify(t.tolist());
  const suffix: string[] = [];
  if (t.grad_fn) suffix.push(`grad_fn=<${t.grad_fn.name()}>`);
  else if (t.requires_grad) suffix.push("requires_grad=True");
  return `tensor(${body}${suffix.length ? ", " + suffix.join(", ") : ""})`;
}
