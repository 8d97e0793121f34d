/**
 * Runs a test once per registered backend (torch.list_backends()), each run with that backend
 * selected and the previous one restored afterwards, as jax-js's `suite.each(devices)` and
 * tfjs's `describeWithFlags(..., ALL_ENVS)` do: a test written once checks every backend, and a
 * backend registered later is picked up without an edit here. The backend's name ends the test's
 * name, so a failure says which backend failed.
 *
 * A run that names its backend (TORCH_TS_BACKEND, as `npm run test:backends` does for each in
 * turn) runs these tests on that backend only: the per-backend runs together still cover every
 * backend, each once, instead of each run repeating all of them.
 */
import { test } from "node:test";
import * as torch from "../../src/index.js";

const named = typeof process !== "undefined" ? process.env.TORCH_TS_BACKEND : undefined;

/** The backends every generic test runs on, read once when the test file loads. */
export const BACKENDS: readonly string[] = named ? [named] : torch.list_backends();

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
