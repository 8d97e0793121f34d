/**
 * The thread pool for large GEMMs: Node worker_threads, or browser Workers where the page is
 * cross-origin isolated (shared memory needs it). Every worker instantiates the same compiled
 * module on the same shared memory and runs gemm_job: the operands' kc slices to pack, then the
 * tiles of C (gemm_tiles), each taken by every participating thread, the caller included, from
 * an atomic counter, so the split adapts to threads that start late or run slower.
 *
 * Waking a worker from Atomics.wait costs tens of µs, so workers spin briefly after a job
 * before sleeping, and only products above PARALLEL_FLOPS use the pool. Workers start in the
 * background on the first large product; until one reports ready the caller computes alone,
 * so a synchronous training loop never waits for a thread to boot.
 *
 * The worker's code is a string (run with `eval` in Node, from a Blob URL in browsers): it
 * needs no file of its own, so it loads the same way from source, from dist and from any
 * bundle.
 */
import { DESC, PACK } from "./kernels/gemm.js";
import { DESC_ADDR, EXITED_WORD, MAX_WORKERS, READY_WORD, SLOT_WORD } from "./memory.js";
import type { Compiled } from "./module.js";

/** Products below this many flops run on the calling thread alone. */
const PARALLEL_FLOPS = 3e7;
/** Polls of its slot a worker makes before sleeping (some tens of µs). */
const SPIN = 20000;

type Exports = Record<string, (...args: number[]) => unknown>;

/**
 * One thread's part of the GEMM whose descriptor is at word d of w: pack jobs (kc slices of A,
 * then of B, as the PACK records say) until none are left, wait until all are packed, then
 * tiles. Workers run it from their source text, so it must use nothing but its arguments.
 */
function gemm_job(w: Int32Array, d: number, D: typeof DESC, P: typeof PACK, fn: Exports): void {
  const a = d + D.pack_a;
  const b = d + D.pack_b;
  const jobs = w[a + P.jobs] + w[b + P.jobs];
  for (;;) {
    const j = Atomics.add(w, d + D.pack_next, 1);
    if (j >= jobs) break;
    const r = j < w[a + P.jobs] ? a : b;
    const pc = w[d + D.kc] * (r === a ? j : j - w[a + P.jobs]);
    const kc = Math.min(w[d + D.kc], w[r + P.k] - pc);
    const [s_k, total] = [w[r + P.s_k], w[r + P.total]];
    // slice pc of the packed operand starts pc * total floats in
    fn.gemm_pack(
      w[r + P.src] + pc * s_k,
      w[r + P.s_pan],
      s_k,
      w[r + P.live],
      total,
      w[r + P.w],
      kc,
      kc,
      w[r + P.dst] + 4 * pc * total,
    );
    Atomics.add(w, d + D.pack_done, 1);
  }
  while (Atomics.load(w, d + D.pack_done) < jobs);
  fn.gemm_tiles(4 * d);
}

const WORKER_SOURCE = `
"use strict";
${gemm_job.toString()}
const node = typeof process !== "undefined" && !!(process.versions && process.versions.node);
const port = node ? process.getBuiltinModule("node:worker_threads").parentPort : self;
function start(msg) {
  const { module, memory, index, slot, ready, exited, desc, layout, pack, spin } = msg;
  const fn = new WebAssembly.Instance(module, { env: { memory } }).exports;
  const w = new Int32Array(memory.buffer, 0, desc / 4 + 64);
  let seen = 0;
  Atomics.store(w, ready + index, 1);
  for (;;) {
    let job = Atomics.load(w, slot + index);
    for (let i = 0; job === seen && i < spin; i++) job = Atomics.load(w, slot + index);
    if (job === seen) {
      Atomics.wait(w, slot + index, seen);
      continue;
    }
    seen = job;
    if (job < 0) break;
    gemm_job(w, desc / 4, layout, pack, fn);
    Atomics.add(w, exited, 1);
  }
  if (node) port.close();
}
if (node) port.once("message", start);
else port.onmessage = (e) => start(e.data);
`;

interface PoolWorker {
  postMessage(msg: unknown): void;
  terminate(): unknown;
}

type WorkerCtor = new (src: string, opts?: object) => PoolWorker & { unref?(): void };

/** A way to start a worker running WORKER_SOURCE, or null where threads are not available. */
function worker_factory(): (() => PoolWorker) | null {
  const g = globalThis as {
    process?: { getBuiltinModule?: (id: string) => unknown };
    crossOriginIsolated?: boolean;
    Worker?: WorkerCtor;
  };
  const wt = g.process?.getBuiltinModule?.("node:worker_threads") as { Worker?: WorkerCtor } | undefined;
  const NodeWorker = wt?.Worker;
  if (NodeWorker) {
    return () => {
      const w = new NodeWorker(WORKER_SOURCE, { eval: true });
      w.unref?.(); // a sleeping pool never keeps the process alive
      return w;
    };
  }
  const WebWorker = g.Worker;
  if (WebWorker && g.crossOriginIsolated && typeof Blob !== "undefined" && typeof URL !== "undefined") {
    const url = URL.createObjectURL(new Blob([WORKER_SOURCE], { type: "text/javascript" }));
    return () => new WebWorker(url);
  }
  return null;
}

function default_threads(): number {
  const g = globalThis as {
    navigator?: { hardwareConcurrency?: number };
    process?: { getBuiltinModule?: (id: string) => unknown };
  };
  const os = g.process?.getBuiltinModule?.("node:os") as { availableParallelism?: () => number } | undefined;
  const n = os?.availableParallelism?.() ?? g.navigator?.hardwareConcurrency ?? 1;
  return Math.max(1, Math.min(MAX_WORKERS + 1, n));
}

let threads = default_threads();
let workers: PoolWorker[] = [];
/** the memory the workers run on (a new compilation would need new workers) */
let pool_memory: WebAssembly.Memory | null = null;
let job = 0;
let factory: (() => PoolWorker) | null | undefined;

/** Threads a large GEMM may use, the caller included. */
export function get_num_threads(): number {
  return threads;
}

/** Sets the threads large GEMMs use (the caller included); 1 computes on the caller alone. */
export function set_num_threads(n: number): void {
  if (!Number.isInteger(n) || n < 1) {
    throw new Error(`set_num_threads: expected a positive integer number of threads, got ${n}`);
  }
  threads = Math.min(n, MAX_WORKERS + 1);
  if (workers.length > threads - 1) stop_workers(threads - 1);
}

/** Asks workers from index `keep` on to exit, and forgets them. */
function stop_workers(keep: number): void {
  const stopping = workers.slice(keep);
  workers = workers.slice(0, keep);
  if (!pool_memory) return;
  const w = new Int32Array(pool_memory.buffer, 0, 256);
  stopping.forEach((worker, i) => {
    const index = keep + i;
    Atomics.store(w, READY_WORD + index, 0);
    Atomics.store(w, SLOT_WORD + index, -1);
    Atomics.notify(w, SLOT_WORD + index);
    void worker.terminate();
  });
}

function start_workers(c: Compiled): void {
  if (factory === undefined) factory = worker_factory();
  if (!factory) return;
  if (pool_memory !== c.memory) {
    stop_workers(0);
    pool_memory = c.memory;
  }
  while (workers.length < threads - 1) {
    const index = workers.length;
    const control = new Int32Array(c.memory.buffer, 0, 256);
    Atomics.store(control, READY_WORD + index, 0);
    Atomics.store(control, SLOT_WORD + index, 0);
    const worker = factory();
    worker.postMessage({
      module: c.module,
      memory: c.memory,
      index,
      slot: SLOT_WORD,
      ready: READY_WORD,
      exited: EXITED_WORD,
      desc: DESC_ADDR,
      layout: DESC,
      pack: PACK,
      spin: SPIN,
    });
    workers.push(worker);
  }
}

/**
 * Runs the GEMM whose descriptor is at DESC_ADDR (packing, then tiles): on the calling thread,
 * joined by every ready worker when the product has `flops` enough to pay for waking them.
 */
export function run_gemm(c: Compiled, flops: number): void {
  if (threads > 1 && flops >= PARALLEL_FLOPS && c.features.shared_memory) {
    if (workers.length < threads - 1 || pool_memory !== c.memory) start_workers(c);
    const w = c.views.i32;
    const ready: number[] = [];
    for (let i = 0; i < workers.length; i++) if (Atomics.load(w, READY_WORD + i) === 1) ready.push(i);
    if (ready.length > 0) {
      job = job >= 0x3fffffff ? 1 : job + 1;
      Atomics.store(w, EXITED_WORD, 0);
      for (const i of ready) {
        Atomics.store(w, SLOT_WORD + i, job);
        Atomics.notify(w, SLOT_WORD + i);
      }
      gemm_job(w, DESC_ADDR / 4, DESC, PACK, c.fn);
      // the last tiles finish about together: spin rather than sleep (the main thread of a
      // page may not Atomics.wait)
      while (Atomics.load(w, EXITED_WORD) < ready.length);
      return;
    }
  }
  gemm_job(c.views.i32, DESC_ADDR / 4, DESC, PACK, c.fn);
}
