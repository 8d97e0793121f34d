/**
 * File dtypes and torch-ts dtypes: what each PyTorch storage class and safetensors dtype is,
 * how many bytes an element takes in the file, and how its little-endian bytes become the
 * elements of a torch-ts typed array (piece by piece, so big storages convert in small chunks).
 *
 * torch-ts has five dtypes. A file dtype torch-ts lacks is widened to one that holds every
 * value exactly (float16 and bfloat16 to float32, int8/uint8/int16/uint16 to int32, uint32 to
 * int64); int64 and uint64 become int64's doubles, exact up to 2^53 as everywhere in torch-ts.
 * Complex, float8 and quantized data are refused by name (docs/differences.md).
 */
import { bool, float32, float64, int32, int64, type DType, type TypedArray } from "../dtype.js";
import { fail } from "./errors.js";

export type Decode = "native" | "bool" | "f16" | "bf16" | "i8" | "u8" | "i16" | "u16" | "u32" | "i64" | "u64";

export interface FileDType {
  /** PyTorch's dtype name (torch.<name>) */
  name: string;
  /** bytes per element in the file */
  itemsize: number;
  /** the torch-ts dtype it loads as (undefined: refused) */
  dtype?: DType;
  decode?: Decode;
  /** PyTorch's legacy storage class (torch.<X>Storage), when it has one */
  storage?: string;
  /** safetensors' name */
  st?: string;
}

const T = (
  name: string,
  itemsize: number,
  dtype: DType | undefined,
  decode: Decode | undefined,
  storage?: string,
  st?: string,
): FileDType => ({ name, itemsize, dtype, decode, storage, st });

export const FILE_DTYPES: readonly FileDType[] = [
  T("float64", 8, float64, "native", "DoubleStorage", "F64"),
  T("float32", 4, float32, "native", "FloatStorage", "F32"),
  T("float16", 2, float32, "f16", "HalfStorage", "F16"),
  T("bfloat16", 2, float32, "bf16", "BFloat16Storage", "BF16"),
  T("int64", 8, int64, "i64", "LongStorage", "I64"),
  T("int32", 4, int32, "native", "IntStorage", "I32"),
  T("int16", 2, int32, "i16", "ShortStorage", "I16"),
  T("int8", 1, int32, "i8", "CharStorage", "I8"),
  T("uint8", 1, int32, "u8", "ByteStorage", "U8"),
  T("bool", 1, bool, "bool", "BoolStorage", "BOOL"),
  T("uint16", 2, int32, "u16", undefined, "U16"),
  T("uint32", 4, int64, "u32", undefined, "U32"),
  T("uint64", 8, int64, "u64", undefined, "U64"),
  T("complex64", 8, undefined, undefined, "ComplexFloatStorage", "C64"),
  T("complex128", 16, undefined, undefined, "ComplexDoubleStorage"),
  T("complex32", 4, undefined, undefined),
  T("float8_e4m3fn", 1, undefined, undefined, undefined, "F8_E4M3"),
  T("float8_e5m2", 1, undefined, undefined, undefined, "F8_E5M2"),
  T("float8_e4m3fnuz", 1, undefined, undefined, undefined, "F8_E4M3FNUZ"),
  T("float8_e5m2fnuz", 1, undefined, undefined, undefined, "F8_E5M2FNUZ"),
  T("float8_e8m0fnu", 1, undefined, undefined, undefined, "F8_E8M0"),
  T("qint8", 1, undefined, undefined, "QInt8Storage"),
  T("quint8", 1, undefined, undefined, "QUInt8Storage"),
  T("qint32", 4, undefined, undefined, "QInt32Storage"),
  T("quint4x2", 1, undefined, undefined, "QUInt4x2Storage"),
  T("quint2x4", 1, undefined, undefined, "QUInt2x4Storage"),
];

export const BY_NAME = new Map(FILE_DTYPES.map((d) => [d.name, d]));
export const BY_STORAGE = new Map(FILE_DTYPES.filter((d) => d.storage).map((d) => [d.storage as string, d]));
export const BY_ST = new Map(FILE_DTYPES.filter((d) => d.st).map((d) => [d.st as string, d]));

/** The file dtype torch-ts writes for each of its dtypes. */
export function file_dtype_of(d: DType): FileDType {
  return BY_NAME.get(d.name) as FileDType;
}

/** The torch-ts dtype a file dtype loads as, or a clear refusal. */
export function loadable(fd: FileDType, where: string): Required<Pick<FileDType, "dtype" | "decode">> {
  if (!fd.dtype || !fd.decode) fail(`${where}: ${fd.name} tensors are not supported by torch-ts`);
  return { dtype: fd.dtype, decode: fd.decode };
}

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
if (!LITTLE_ENDIAN) {
  // every JS engine in use is little-endian; native reads below rely on it
  throw new Error("torch-ts serialization needs a little-endian machine");
}

/** The bytes of a native-layout typed array (float32, float64, int32, bool): no copy. */
export function bytes_of(a: TypedArray, start = 0, count = a.length): Uint8Array {
  const k = a.BYTES_PER_ELEMENT;
  return new Uint8Array(a.buffer, a.byteOffset + start * k, count * k);
}

function half_to_float(h: number): number {
  const s = h & 0x8000 ? -1 : 1;
  const e = (h >> 10) & 0x1f;
  const m = h & 0x3ff;
  if (e === 0) return s * m * 2 ** -24;
  if (e === 31) return m ? NaN : s * Infinity;
  return s * (1 + m / 1024) * 2 ** (e - 15);
}

const F32 = new Float32Array(1);
const U32 = new Uint32Array(F32.buffer);

/**
 * Decodes `bytes` (whole elements) into `out` starting at element `at`. Not for "native",
 * whose bytes are read straight into the array.
 */
export function decode_into(kind: Decode, bytes: Uint8Array, out: TypedArray, at: number): void {
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const n = bytes.length;
  switch (kind) {
    case "native":
      bytes_of(out, at, n / out.BYTES_PER_ELEMENT).set(bytes);
      return;
    case "bool":
      for (let i = 0; i < n; i++) out[at + i] = bytes[i] ? 1 : 0;
      return;
    case "i8":
      for (let i = 0; i < n; i++) out[at + i] = (bytes[i] << 24) >> 24;
      return;
    case "u8":
      for (let i = 0; i < n; i++) out[at + i] = bytes[i];
      return;
    case "i16":
      for (let i = 0; i < n; i += 2) out[at + i / 2] = v.getInt16(i, true);
      return;
    case "u16":
      for (let i = 0; i < n; i += 2) out[at + i / 2] = v.getUint16(i, true);
      return;
    case "f16":
      for (let i = 0; i < n; i += 2) out[at + i / 2] = half_to_float(v.getUint16(i, true));
      return;
    case "bf16":
      for (let i = 0; i < n; i += 2) {
        U32[0] = v.getUint16(i, true) << 16;
        out[at + i / 2] = F32[0];
      }
      return;
    case "u32":
      for (let i = 0; i < n; i += 4) out[at + i / 4] = v.getUint32(i, true);
      return;
    case "i64": // hi * 2^32 is exact, so one rounding: the nearest double, as Number(BigInt)
      for (let i = 0; i < n; i += 8)
        out[at + i / 8] = v.getInt32(i + 4, true) * 4294967296 + v.getUint32(i, true);
      return;
    case "u64":
      for (let i = 0; i < n; i += 8)
        out[at + i / 8] = v.getUint32(i + 4, true) * 4294967296 + v.getUint32(i, true);
      return;
  }
}

/** int64 values (doubles) as little-endian int64 bytes, clamped to int64's range. */
export function encode_int64(src: Float64Array, start: number, count: number): Uint8Array {
  const out = new Uint8Array(count * 8);
  const v = new DataView(out.buffer);
  for (let i = 0; i < count; i++) {
    const x = src[start + i];
    v.setBigInt64(i * 8, x >= 2 ** 63 ? 0x7fffffffffffffffn : BigInt(x), true);
  }
  return out;
}
