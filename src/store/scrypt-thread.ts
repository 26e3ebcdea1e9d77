/**
 * scrypt on one thread of its own (issue 14: memory under load).
 *
 * Each scrypt hash borrows one 8 MiB block (128 · N · r bytes) from malloc. After the first such
 * block is freed, glibc raises its mmap threshold above 8 MiB, so every later block comes from the
 * calling thread's malloc arena and stays there, untrimmed, when freed. Through the asynchronous
 * `crypto.scrypt`, hashes run on whichever of libuv's 4 pool threads is free, so after a few
 * logins at once four arenas held a block each: 33 MB of RSS that never went back (measured with
 * /proc/PID/smaps, `scripts/measure-memory.mjs --logins=96`). The environment could stop it
 * (`UV_THREADPOOL_SIZE=1`, `MALLOC_MMAP_THRESHOLD_`), but only before Node starts, so not for
 * every way the daemon is started; here one worker thread does every hash with `scryptSync`, so
 * one arena holds the block, whichever way it was started.
 * (`npm start`, deploy/ccmd.service and the Dockerfile do set `MALLOC_MMAP_THRESHOLD_`, so there
 * even that one block goes back: 81 MB instead of 98 MB after 96 logins, docs/operations.md.)
 *
 * The event loop never waits for a hash (SPEC §9: a login storm must not stall the ports), and
 * hashing takes at most one of the two cores, so the ports keep the other. Hashes queue in order;
 * a storm of N logins is decided in about N × 20 ms. The worker starts on the first hash and ends
 * after `IDLE_MS` without one (its V8 heap goes back; its arena is reused by the next thread).
 * A worker that fails or exits rejects what it was given and the next hash starts a new one.
 */
import type { ScryptOptions } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import { applyHeapTuning } from '../heap-tuning.js';

/** The worker: CommonJS evaluated from a string, so it loads no module of ours and no ESM loader. */
const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const { scryptSync } = require('node:crypto');
parentPort.on('message', ({ id, password, salt, length, options }) => {
  try {
    parentPort.postMessage({ id, key: scryptSync(password, salt, length, options) });
  } catch (err) {
    parentPort.postMessage({ id, error: err instanceof Error ? err.message : String(err) });
  }
});
`;

/**
 * A worker with nothing to hash for this long is ended: a burst of logins (a storm, a script)
 * keeps it busy, and after it the ~9 MB a live worker costs go back within a second. Starting a
 * worker again costs about 20 ms of CPU, the price of one hash (measured on the 2-core machine).
 */
export const IDLE_MS = 1_000;

/** The worker holds no data of its own: a small heap is plenty (and keeps its RSS down). */
const RESOURCE_LIMITS = { maxYoungGenerationSizeMb: 1, maxOldGenerationSizeMb: 16 };

interface Pending {
  readonly resolve: (key: Buffer) => void;
  readonly reject: (err: Error) => void;
}

interface Reply {
  readonly id: number;
  readonly key?: Uint8Array;
  readonly error?: string;
}

export class ScryptThread {
  private worker: Worker | null = null;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private idleTimer: NodeJS.Timeout | null = null;

  constructor(private readonly idleMs = IDLE_MS) {}

  /** Whether a worker is running now (tests). */
  get running(): boolean {
    return this.worker !== null;
  }

  /** crypto.scrypt's result, computed on the hashing thread. Rejects if the worker fails. */
  derive(password: string, salt: Buffer, length: number, options: ScryptOptions): Promise<Buffer> {
    const worker = this.worker ?? this.start();
    if (this.idleTimer !== null) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    if (this.pending.size === 0) worker.ref();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ id, password, salt, length, options });
    });
  }

  /** Ends the worker now; what it was given is rejected. */
  async stop(): Promise<void> {
    const worker = this.worker;
    if (worker === null) return;
    this.forget(worker, new Error('scrypt thread stopped'));
    await worker.terminate();
  }

  private start(): Worker {
    const worker = new Worker(WORKER_SOURCE, { eval: true, name: 'ccmd-scrypt', resourceLimits: RESOURCE_LIMITS });
    // The worker's start reset V8's flags (heap-tuning.ts); put the daemon's back.
    worker.once('online', applyHeapTuning);
    worker.on('message', (reply: Reply) => this.settle(reply));
    worker.on('error', (err) => this.forget(worker, err));
    worker.on('exit', (code) => this.forget(worker, new Error(`scrypt thread exited (${code})`)));
    this.worker = worker;
    return worker;
  }

  private settle(reply: Reply): void {
    const pending = this.pending.get(reply.id);
    if (pending === undefined) return;
    this.pending.delete(reply.id);
    if (reply.key !== undefined) pending.resolve(Buffer.from(reply.key.buffer, reply.key.byteOffset, reply.key.byteLength));
    else pending.reject(new Error(reply.error ?? 'scrypt failed'));
    if (this.pending.size > 0 || this.worker === null) return;
    // Idle: the worker no longer keeps the process alive, and ends if nothing follows.
    const worker = this.worker;
    worker.unref();
    this.idleTimer = setTimeout(() => {
      this.idleTimer = null;
      if (this.worker !== worker || this.pending.size > 0) return;
      this.worker = null;
      void worker.terminate();
    }, this.idleMs);
    this.idleTimer.unref();
  }

  /** `worker` is gone (or going): everything it was given fails, and the next hash starts anew. */
  private forget(worker: Worker, err: Error): void {
    if (this.worker !== worker) return;
    this.worker = null;
    if (this.idleTimer !== null) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    const pending = [...this.pending.values()];
    this.pending.clear();
    for (const p of pending) p.reject(err);
  }
}
