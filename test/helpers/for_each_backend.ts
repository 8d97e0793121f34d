/**
 * Runs a test once per registered backend (torch.list_backends()), each run with that backend
 * selected and the previous one restored afterwards, as jax-js's `suite.each(devices)` and
 * tfjs's `describeWithFlags(..., ALL_ENVS)` do: a test written once checks every backend, and a
 * backend registered later is picked up without an edit here. The backend's name ends the test's
 * name, so a failure says which backend failed.
 */
import { test } from "node:test";
import * as torch from "../../src/index.js";

/** The backends every generic test runs on, read once when the test file loads. */
export const BACKENDS: readonly string[] = torch.list_backends();

/** Runs fn with `backend` selected, then restores the backend that was selected before. */
export function with_backend<R>(backend: string, fn: () => R): R {
  const previous = torch.get_backend();
  torch.set_backend(backend);
  try {
    return fn();
  } finally {
    torch.set_backend(previous);
  }
}

/** Registers `name [backend]` for every backend; the body runs with that backend selected. */
export function test_each_backend(name: string, fn: (backend: string) => void): void {
  for (const backend of BACKENDS) {
    test(`${name} [${backend}]`, () => with_backend(backend, () => fn(backend)));
  }
}
