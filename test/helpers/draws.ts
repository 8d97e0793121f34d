/** Shared by the utils.data tests: checks that the generators are where PyTorch left them. */
import assert from "node:assert/strict";
import * as torch from "../../src/index.js";

/** The next values the fixture recorded from the default generator (and the case's generator). */
export interface After {
  default_next: number[];
  gen_next?: number[];
}

/**
 * The next torch.rand(3) of the default generator (and of g) equal PyTorch's after the same
 * steps only if torch-ts drew exactly as many words from each generator.
 */
export function check_after(expected: After, g: torch.Generator | null, label: string): void {
  assert.deepEqual(
    torch.rand(3).tolist(),
    expected.default_next,
    `${label}: default generator's next rand(3)`,
  );
  if (expected.gen_next) {
    assert.ok(g, label);
    assert.deepEqual(
      torch.rand(3, { generator: g }).tolist(),
      expected.gen_next,
      `${label}: generator's next rand(3)`,
    );
  }
}
