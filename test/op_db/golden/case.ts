/**
 * What a fixture reader (test/op_db/golden/<fixture>.ts) hands the op table's golden driver: one
 * check per fixture case that PyTorch recorded, named by a stable id, tagged with the op name the
 * fixture gave it (an op_db entry claims it by the key "<fixture>/<op>") and with its kind (values
 * and gradients, or an error). Also the one way errors are compared with PyTorch's.
 */
import assert from "node:assert/strict";

export type Kind = "value" | "error";

export interface GoldenCase {
  /**
   * The fixture case it replays: "<fixture>/<section>/<key>" (the index for a list section), the
   * unit the coverage test counts (test/ops/op_db_coverage.test.ts).
   */
  id: string;
  /** Which of the case's checks, when a case has several (values, in place, gradient...). */
  check?: string;
  /** The op name the fixture recorded (its `op` or `fn`), which the golden keys select by. */
  op: string;
  kind: Kind;
  /** Runs the case on the selected backend; throws (assert) when torch-ts differs from PyTorch. */
  run: () => void;
}

/** PyTorch's error as the fixtures record it (common.error_of): its class name and first line. */
export interface PyError {
  type: string;
  message: string;
}

/** The JS class each Python exception maps to (docs/differences.md): IndexError is a RangeError. */
const CLASSES: Record<string, (e: unknown) => boolean> = {
  RuntimeError: (e) => e instanceof Error,
  ValueError: (e) => e instanceof Error,
  NotImplementedError: (e) => e instanceof Error,
  IndexError: (e) => e instanceof RangeError,
  TypeError: (e) => e instanceof TypeError,
};

export interface ErrorMatch {
  /** Only PyTorch's message before `split` (a trailing hint), found in ours. */
  split?: string;
  /** PyTorch's message found in ours (ours may say more around it). */
  contains?: boolean;
  /** Rewrites PyTorch's message where torch-ts spells a part of it its own way. */
  expect?: (message: string) => string | RegExp;
}

/** fn throws PyTorch's error: the mapped class when the fixture names one, and its message. */
export function expect_error(
  fn: () => unknown,
  want: PyError | string,
  msg: string,
  m: ErrorMatch = {},
): void {
  const { type, message } = typeof want === "string" ? { type: undefined, message: want } : want;
  const expected = m.expect ? m.expect(message) : m.split ? message.split(m.split)[0] : message;
  const contains = m.contains === true || m.split !== undefined;
  assert.throws(fn, (e: unknown) => {
    assert.ok(e instanceof Error, `${msg}: threw a non-Error ${String(e)}`);
    if (type !== undefined) {
      const is = CLASSES[type];
      assert.ok(is, `${msg}: no class for Python's ${type}`);
      assert.ok(is(e), `${msg}: expected a ${type}, got ${e.name}: ${e.message}`);
    }
    if (typeof expected !== "string") assert.match(e.message, expected, msg);
    else if (contains) assert.ok(e.message.includes(expected), `${msg}: "${e.message}" lacks "${expected}"`);
    else assert.equal(e.message, expected, msg);
    return true;
  });
}
