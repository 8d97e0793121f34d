/**
 * Where checkpoint bytes come from and go to. A Source reads ranges of a file it never holds
 * whole (bytes, ArrayBuffer, Blob, or, in Node, a file handle), so a storage record is read
 * straight into its tensor's memory; a Sink takes the bytes torch.save emits in order.
 *
 * File paths need Node's fs, which browsers lack: it is imported on first use through a name
 * bundlers do not follow (see node_fs), so a browser bundle of torch-ts never contains it.
 */
import { fail } from "./errors.js";
import { node_fs, type NodeFileHandle } from "./node_fs.js";

/** Node reads and writes at most 2 GiB per call; bigger records are moved in pieces. */
const IO_CHUNK = 1 << 30;

export interface Source {
  readonly size: number;
  /** `length` bytes at `offset`; may be a view of the source's memory, read it before the next call */
  read(offset: number, length: number): Promise<Uint8Array>;
  /** fills `target` with the bytes at `offset` */
  read_into(offset: number, target: Uint8Array): Promise<void>;
  close(): Promise<void>;
}

function check_range(size: number, offset: number, length: number): void {
  if (offset < 0 || length < 0 || offset + length > size) {
    fail(`read of ${length} bytes at offset ${offset} is past the end of the ${size}-byte file`);
  }
}

export function bytes_source(bytes: Uint8Array): Source {
  return {
    size: bytes.length,
    read(offset, length) {
      check_range(bytes.length, offset, length);
      return Promise.resolve(bytes.subarray(offset, offset + length));
    },
    read_into(offset, target) {
      check_range(bytes.length, offset, target.length);
      target.set(bytes.subarray(offset, offset + target.length));
      return Promise.resolve();
    },
    close: () => Promise.resolve(),
  };
}

/**
 * What torch.load reads of a Blob (or a File): its size and byte slices. Declared here, not as
 * the DOM's Blob, so the package's types need no DOM library (Node-only projects).
 */
export interface BlobLike {
  readonly size: number;
  slice(start?: number, end?: number): { arrayBuffer(): Promise<ArrayBuffer> };
}

export function blob_source(blob: BlobLike): Source {
  const BLOB_CHUNK = 64 << 20;
  const read = async (offset: number, length: number) => {
    check_range(blob.size, offset, length);
    return new Uint8Array(await blob.slice(offset, offset + length).arrayBuffer());
  };
  return {
    size: blob.size,
    read,
    async read_into(offset, target) {
      check_range(blob.size, offset, target.length);
      for (let done = 0; done < target.length; done += BLOB_CHUNK) {
        const n = Math.min(BLOB_CHUNK, target.length - done);
        target.set(await read(offset + done, n), done);
      }
    },
    close: () => Promise.resolve(),
  };
}

export async function file_source(path: string): Promise<Source> {
  const fs = await node_fs();
  const fh = await fs.open(path, "r");
  const size = (await fh.stat()).size;
  const fill = async (h: NodeFileHandle, position: number, target: Uint8Array) => {
    for (let done = 0; done < target.length;) {
      const n = Math.min(IO_CHUNK, target.length - done);
      const { bytesRead } = await h.read(target, done, n, position + done);
      if (bytesRead === 0) fail(`unexpected end of file at offset ${position + done} (the file shrank?)`);
      done += bytesRead;
    }
  };
  return {
    size,
    async read(offset, length) {
      check_range(size, offset, length);
      const out = new Uint8Array(length);
      await fill(fh, offset, out);
      return out;
    },
    async read_into(offset, target) {
      check_range(size, offset, target.length);
      await fill(fh, offset, target);
    },
    close: () => fh.close(),
  };
}

/** Receives the file's bytes in order. */
export interface Sink {
  write(chunk: Uint8Array): Promise<void>;
  close(): Promise<void>;
}

/** What torch.save accepts as a destination besides a path: anything with write(chunk). */
export interface WritableLike {
  write(chunk: Uint8Array): unknown;
}

/** Writes into one preallocated array of the file's known size (no concatenation copy). */
export class BytesSink {
  readonly bytes: Uint8Array;
  private pos = 0;
  constructor(size: number) {
    this.bytes = new Uint8Array(size);
  }
  put(chunk: Uint8Array): void {
    this.bytes.set(chunk, this.pos);
    this.pos += chunk.length;
  }
}

/**
 * A user's sink (a WritableStream's writer, a Node stream, ...). Chunks may be views of tensor
 * memory, which the sink might keep past write(): it gets copies of at most 1 MiB each.
 */
export function user_sink(w: WritableLike): Sink {
  const PIECE = 1 << 20;
  return {
    async write(chunk) {
      for (let i = 0; i < chunk.length; i += PIECE) {
        await w.write(chunk.slice(i, Math.min(chunk.length, i + PIECE)));
      }
    },
    close: () => Promise.resolve(),
  };
}

export async function file_sink(path: string): Promise<Sink> {
  const fs = await node_fs();
  const fh = await fs.open(path, "w");
  return {
    async write(chunk) {
      for (let done = 0; done < chunk.length;) {
        const n = Math.min(IO_CHUNK, chunk.length - done);
        const { bytesWritten } = await fh.write(chunk, done, n);
        done += bytesWritten;
      }
    },
    close: () => fh.close(),
  };
}
