/**
 * Compares what torch.load returned with a value in the encoding of
 * test/fixtures/checkpoints/expected.json (written by PyTorch 1.13's torch.load): tensors with
 * dtype, shape, stride, offset, storage key and values; dicts, OrderedDicts (with _metadata),
 * tuples, Python floats and big ints, dtypes and torch.Size. File dtypes torch-ts lacks are
 * compared against the dtype they widen to; storage keys are compared as sharing (same key,
 * same torch-ts storage; different keys, different storages).
 */
import assert from "node:assert/strict";
import * as torch from "../../src/index.js";
import { ForeignDType } from "../../src/serialization/index.js";

type J = unknown;

const WIDENED: Record<string, string> = {
  float16: "float32",
  bfloat16: "float32",
  uint8: "int32",
  int8: "int32",
  int16: "int32",
};

function num(v: J): number | bigint {
  if (v === "inf") return Infinity;
  if (v === "-inf") return -Infinity;
  if (v === "nan") return NaN;
  if (typeof v === "object" && v !== null && "__int__" in v)
    return BigInt((v as { __int__: string }).__int__);
  return v as number;
}

function same_number(a: unknown, e: number | bigint, path: string): void {
  if (typeof e === "bigint") {
    assert.equal(a, e, `${path}: ${String(a)} != ${e}`);
    return;
  }
  assert.ok(Object.is(a, e) || (Number.isNaN(e) && Number.isNaN(a)), `${path}: ${String(a)} != ${e}`);
}

export class Comparer {
  /** expected storage key -> the torch-ts storage it loaded as */
  private storages = new Map<string, unknown>();

  check(actual: unknown, expected: J, path = "value"): void {
    if (expected === null || typeof expected !== "object") {
      if (typeof expected === "number") same_number(actual, expected, path);
      else assert.equal(actual, expected, path);
      return;
    }
    if (Array.isArray(expected)) {
      assert.ok(Array.isArray(actual) && !Object.isFrozen(actual), `${path}: expected a list`);
      assert.equal(actual.length, expected.length, `${path}: length`);
      expected.forEach((e, i) => this.check((actual as unknown[])[i], e, `${path}[${i}]`));
      return;
    }
    const e = expected as Record<string, J>;
    if ("__tensor__" in e) return this.tensor(actual, e.__tensor__ as Record<string, J>, path);
    if ("__float__" in e) return same_number(actual, num(e.__float__), path);
    if ("__int__" in e) return same_number(actual, num(e), path);
    if ("__dtype__" in e) {
      const name = e.__dtype__ as string;
      const d = actual as torch.DType | ForeignDType;
      assert.ok(d instanceof torch.DType || d instanceof ForeignDType, `${path}: expected a dtype`);
      assert.equal(d.name, name, path);
      return;
    }
    if ("__size__" in e || "__tuple__" in e) {
      const items = (e.__size__ ?? e.__tuple__) as J[];
      assert.ok(Array.isArray(actual) && Object.isFrozen(actual), `${path}: expected a tuple (frozen array)`);
      assert.equal(actual.length, items.length, `${path}: length`);
      items.forEach((x, i) => this.check((actual as unknown[])[i], x, `${path}[${i}]`));
      return;
    }
    if ("__ordered_dict__" in e) {
      assert.ok(actual instanceof Map, `${path}: expected a Map (OrderedDict)`);
      const pairs = e.__ordered_dict__ as [J, J][];
      assert.deepEqual(
        [...actual.keys()],
        pairs.map(([k]) => k),
        `${path}: keys`,
      );
      for (const [k, v] of pairs) this.check(actual.get(k), v, `${path}[${String(k)}]`);
      const meta = (actual as { _metadata?: unknown })._metadata;
      if ("_metadata" in e) this.check(meta, e._metadata, `${path}._metadata`);
      else assert.equal(meta, undefined, `${path}: unexpected _metadata`);
      return;
    }
    if ("__dict__" in e) {
      const pairs = e.__dict__ as [J, J][];
      assert.ok(typeof actual === "object" && actual !== null, `${path}: expected a dict`);
      if (actual instanceof Map) {
        assert.deepEqual(
          [...actual.keys()],
          pairs.map(([k]) => k),
          `${path}: keys`,
        );
        for (const [k, v] of pairs) this.check(actual.get(k), v, `${path}[${String(k)}]`);
      } else {
        assert.equal(Object.getPrototypeOf(actual), Object.prototype, `${path}: a plain object`);
        const keys = pairs.map(([k]) => String(k));
        assert.deepEqual(Object.keys(actual).sort(), keys.slice().sort(), `${path}: keys`);
        for (const [k, v] of pairs)
          this.check((actual as Record<string, unknown>)[String(k)], v, `${path}[${String(k)}]`);
      }
      return;
    }
    assert.fail(`${path}: unknown expected encoding ${JSON.stringify(e).slice(0, 80)}`);
  }

  private tensor(actual: unknown, e: Record<string, J>, path: string): void {
    assert.ok(actual instanceof torch.Tensor, `${path}: expected a tensor`);
    const t = actual;
    const dtype = e.dtype as string;
    assert.equal(t.dtype.name, WIDENED[dtype] ?? dtype, `${path}: dtype`);
    assert.deepEqual(t.shape, e.shape, `${path}: shape`);
    assert.deepEqual(t.stride(), e.stride, `${path}: stride`);
    assert.equal(t.storage_offset(), e.storage_offset, `${path}: storage_offset`);
    assert.equal(t.requires_grad, e.requires_grad, `${path}: requires_grad`);
    assert.equal(t instanceof torch.nn.Parameter, e.parameter === true, `${path}: Parameter`);
    const key = e.storage as string;
    const had = this.storages.get(key);
    if (had === undefined) {
      for (const [k, s] of this.storages)
        assert.notEqual(s, t._storage, `${path}: shares storage ${k}, expected ${key}`);
      this.storages.set(key, t._storage);
    } else assert.equal(t._storage, had, `${path}: should share storage ${key}`);
    const values = (t.reshape(-1).tolist() as (number | boolean)[]).map((v) =>
      typeof v === "boolean" ? v : v,
    );
    const want = e.values as J[];
    assert.equal(values.length, want.length, `${path}: numel`);
    want.forEach((w, i) => {
      if (typeof w === "boolean") assert.equal(values[i], w, `${path}[${i}]`);
      else {
        const n = num(w);
        // int64 is held in doubles: a value past 2^53 is its nearest double
        same_number(values[i], typeof n === "bigint" ? Number(n) : n, `${path}[${i}]`);
      }
    });
  }
}
