/** Builds checkpoint files from raw parts, for tests of damaged and hostile input. */
import { crc32 } from "../../src/serialization/crc32.js";
import { zip_layout } from "../../src/serialization/zip.js";

const enc = new TextEncoder();

/** A stored zip of the given records (name -> bytes), in order, laid out as torch.save does. */
export function zip_of(records: [string, Uint8Array][], force_zip64 = false): Uint8Array {
  const layout = zip_layout(
    records.map(([name, data]) => ({ name, size: data.length, crc: crc32(data) })),
    force_zip64,
  );
  const out = new Uint8Array(layout.total);
  let at = 0;
  const put = (b: Uint8Array) => {
    out.set(b, at);
    at += b.length;
  };
  records.forEach(([, data], i) => {
    put(layout.headers[i]);
    put(data);
  });
  put(layout.trailer);
  return out;
}

/** A .pt file around a hand-written pickle and storage records. */
export function pt_of(
  pkl: Uint8Array,
  storages: Record<string, Uint8Array> = {},
  folder = "archive",
): Uint8Array {
  return zip_of([
    [`${folder}/data.pkl`, pkl],
    ...Object.entries(storages).map(([k, v]): [string, Uint8Array] => [`${folder}/data/${k}`, v]),
    [`${folder}/version`, enc.encode("3\n")],
  ]);
}

/** Pickle bytes from pieces: numbers are bytes, strings are written as their UTF-8. */
export function pickle(...parts: (number | string | Uint8Array)[]): Uint8Array {
  const bytes: number[] = [];
  for (const p of parts) {
    if (typeof p === "number") bytes.push(p);
    else if (typeof p === "string") bytes.push(...enc.encode(p));
    else bytes.push(...p);
  }
  return new Uint8Array(bytes);
}

/** BINUNICODE of s */
export function str(s: string): Uint8Array {
  const b = enc.encode(s);
  return pickle(0x58, b.length & 0xff, (b.length >> 8) & 0xff, (b.length >> 16) & 0xff, b.length >>> 24, b);
}

/** The pickle of _rebuild_tensor_v2 on float storage '0' of `numel` elements with the given view. */
export function float_tensor_pickle(numel: number, size: number[], stride: number[], offset = 0): Uint8Array {
  const int = (n: number) =>
    n < 256 ? pickle(0x4b, n) : pickle(0x4a, n & 0xff, (n >> 8) & 0xff, (n >> 16) & 0xff, n >>> 24);
  const tuple = (xs: number[]) => pickle(0x28, ...xs.flatMap((x) => [...int(x)]), 0x74);
  return pickle(
    0x80, 2,
    "ctorch._utils\n_rebuild_tensor_v2\n",
    0x28, 0x28, str("storage"), "ctorch\nFloatStorage\n", str("0"), str("cpu"), int(numel), 0x74, 0x51,
    int(offset), tuple(size), tuple(stride), 0x89,
    "ccollections\nOrderedDict\n", 0x29, 0x52,
    0x74, 0x52, 0x2e,
  ); // prettier-ignore
}
