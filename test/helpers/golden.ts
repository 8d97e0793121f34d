/** Reads the fixtures that test/golden/generate.py wrote from PyTorch, and decodes tensors. */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import assert from "node:assert/strict";
import * as torch from "../../src/index.js";

const DIR = fileURLToPath(new URL("../golden/", import.meta.url));
const DTYPES: Record<string, torch.DType> = {
  float32: torch.float32,
  float64: torch.float64,
  int64: torch.int64,
  int32: torch.int32,
  bool: torch.bool,
};

/** The dtype a fixture names ("float32", ...); an unknown name is a broken fixture. */
export function dtype_of(name: string): torch.DType {
  const dtype = DTYPES[name];
  if (!dtype) throw new Error(`fixture: unknown dtype ${name}`);
  return dtype;
}

export interface EncodedTensor {
  dtype: string;
  shape: number[];
  data: (number | boolean | string)[];
}

export function is_encoded_tensor(v: unknown): v is EncodedTensor {
  return typeof v === "object" && v !== null && "dtype" in v && "shape" in v && "data" in v;
}

function num(v: number | boolean | string): number {
  if (v === "nan") return NaN;
  if (v === "inf") return Infinity;
  if (v === "-inf") return -Infinity;
  return Number(v);
}

export function decode(e: EncodedTensor): torch.Tensor {
  const dtype = dtype_of(e.dtype);
  const flat = torch.tensor(e.data.map(num), { dtype: torch.float64 });
  return flat.reshape(e.shape).to(dtype);
}

/** A tensor argument as the generators' common.Arg records it: its contiguous base and the view. */
export interface EncodedView {
  base: EncodedTensor;
  size: number[];
  stride: number[];
  offset: number;
  rg: boolean;
}

/** The argument exactly as the generator built it: same values, shape, strides and offset. */
export function decode_view(a: EncodedView): torch.Tensor {
  const x = decode(a.base).as_strided(a.size, a.stride, a.offset).detach();
  return a.rg ? x.requires_grad_() : x;
}

/** Loads test/golden/<area>.json as a record of cases. */
export function load_golden<T = Record<string, unknown>>(area: string): T {
  return JSON.parse(readFileSync(`${DIR}${area}.json`, "utf8")) as T;
}

/** Asserts `actual` is the fixture's tensor (assert_close), naming `what` on failure. */
export function close_to(actual: torch.Tensor | null, expected: unknown, what: string): void {
  assert.ok(actual, `${what} is null`);
  torch.testing.assert_close(actual, decode(expected as EncodedTensor), { msg: what });
}

/** Asserts `fn` throws the error a fixture case recorded from PyTorch, word for word. */
export function throws_as(c: { error?: { message: string } }, fn: () => unknown): void {
  assert.ok(c.error, "the fixture records an error");
  assert.throws(fn, (e: Error) => {
    assert.equal(e.message, c.error?.message);
    return true;
  });
}
