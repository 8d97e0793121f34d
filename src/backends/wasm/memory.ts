/**
 * The kernels' scratch memory and its layout. Tensors stay on the JS heap (the garbage
 * collector owns them; nobody calls dispose): kernels copy their inputs into this memory in
 * chunks or packed panels, compute there, and copy results out. The memory is one
 * WebAssembly.Memory, shared (a SharedArrayBuffer) where the platform allows, so GEMM worker
 * threads see the same packed operands.
 *
 * Layout (bytes):
 *   [0, 1024)            control words of the thread pool (worker slots, ready flags, exits)
 *   [1024, 1024 + 128)   the GEMM descriptor read by gemm_job (kernels/gemm.ts DESC, PACK)
 *   [STAGE, HEAP)        STAGE_BUFFERS staging buffers of CHUNK floats for elementwise kernels
 *   [HEAP, ...)          GEMM operands: packed A, packed B, C staging; grown on demand
 */

export const PAGE = 65536;
/** i32 word index of worker w's job slot: the pool writes a job number there to wake it */
export const SLOT_WORD = 16;
/** i32 word index of worker w's ready flag, set by the worker once it can take jobs */
export const READY_WORD = 96;
/** i32 word counting the workers that finished the current job */
export const EXITED_WORD = 200;
/** the most worker threads the control region has room for */
export const MAX_WORKERS = 64;
export const DESC_ADDR = 1024;
/** elements per elementwise chunk: 16 KiB of float32, so a chunk's inputs and output stay in L1 */
export const CHUNK = 4096;
export const STAGE = 4096;
export const STAGE_BUFFERS = 4;
export const HEAP = STAGE + STAGE_BUFFERS * CHUNK * 8;
/** The largest memory, in pages (1 GiB): shared memories must declare one. */
export const MAX_PAGES = 16384;
export const INITIAL_PAGES = 32;

/** Byte address of staging buffer i (each CHUNK * 8 bytes: CHUNK floats or CHUNK doubles). */
export function stage(i: number): number {
  return STAGE + i * CHUNK * 8;
}

/** Typed views of a memory, refreshed whenever the memory grows (growing replaces its buffer). */
export class Views {
  f32!: Float32Array;
  f64!: Float64Array;
  i32!: Int32Array;
  private buffer: ArrayBufferLike | null = null;

  constructor(readonly memory: WebAssembly.Memory) {
    this.refresh();
  }

  refresh(): void {
    const buf = this.memory.buffer;
    if (buf === this.buffer) return;
    this.buffer = buf;
    this.f32 = new Float32Array(buf);
    this.f64 = new Float64Array(buf);
    this.i32 = new Int32Array(buf);
  }

  /** Makes the memory at least `bytes` long; false when that exceeds MAX_PAGES. */
  ensure(bytes: number): boolean {
    const have = this.memory.buffer.byteLength;
    if (bytes > have) {
      const pages = Math.ceil((bytes - have) / PAGE);
      if (have / PAGE + pages > MAX_PAGES) return false;
      this.memory.grow(pages);
    }
    this.refresh();
    return true;
  }
}
