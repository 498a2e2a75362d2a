/**
 * A few csv-stringify threads (csv-worker.ts). csv-stringify does about half
 * a million rows a second on one core, about what a full timeline needs, so
 * batches go round-robin to every thread. Each thread answers its
 * batches in the order it got them, so a FIFO of callbacks per thread is all
 * the bookkeeping; putting the answers of different threads back in order is
 * the caller's job (ordered-file.ts).
 */
import { Worker } from 'node:worker_threads';
import { workerScript } from '../worker-script.js';
import { availableParallelism } from 'node:os';
import type { EncodedBatch } from './batch-codec.js';

/**
 * csv-stringify allocates several objects a cell. The threads call it on
 * slices of 256 rows (csv-worker.ts), so little is alive when a scavenge
 * comes and a young generation of 32 MB costs no more CPU than 64 MB (the
 * size chosen when whole 2,048-row batches were alive: ~15% less CPU then),
 * for ~25 MB less RSS at 1M jobs.
 */
const YOUNG_GENERATION_MB = 32;

/** A batch's CSV text: `length` bytes in the spare buffer sent with it, or in `buffer`. */
export type Done = (err: Error | null, length?: number, buffer?: SharedArrayBuffer) => void;

/**
 * A core for the simulation thread, the others for stringify threads (at
 * least one). On 2 cores a second stringify thread only took turns with the
 * first and with the simulation thread, woken by every batch: the same wall
 * time or worse for ~1 s more CPU per 100k jobs and another heap (~70 MB).
 */
export function defaultThreads(): number {
  return Math.max(1, availableParallelism() - 1);
}

export class StringifyPool {
  private readonly workers: Worker[] = [];
  private readonly pending: Done[][] = [];
  private next = 0;
  private closed = false;

  /** `onCrash` hears of a thread that died outside a batch (its batches' callbacks hear too). */
  constructor(threads: number, private readonly onCrash: (err: Error) => void) {
    const script = workerScript(import.meta.url, './csv-worker', 'output', 'the CSV writer threads');
    for (let i = 0; i < threads; i++) {
      const worker = new Worker(script, { resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB } });
      const pending: Done[] = [];
      worker.on('message', (m: { length?: number; buffer?: SharedArrayBuffer; error?: string }) => {
        const done = pending.shift()!;
        if (m.error !== undefined) done(new Error(`CSV writer thread: ${m.error}`));
        else done(null, m.length, m.buffer);
      });
      worker.on('error', (err) => this.crash(pending, err));
      worker.on('exit', (code) => { if (code !== 0) this.crash(pending, new Error(`CSV writer thread exited with code ${code}`)); });
      this.workers.push(worker);
      this.pending.push(pending);
    }
  }

  private crash(pending: Done[], err: Error): void {
    if (this.closed) return; // terminate() makes threads exit with code 1
    for (const done of pending.splice(0)) done(err);
    this.onCrash(err);
  }

  /** Tells every thread a file's columns (before its first batch). */
  open(file: number, columns: readonly string[]): void {
    for (const w of this.workers) w.postMessage({ file, columns: [...columns] });
  }

  /**
   * Stringifies a batch (its buffers are shared: keep them until `done`);
   * `spare`, if given, is a shared buffer the thread may write the text into.
   */
  stringify(file: number, batch: EncodedBatch, done: Done, spare?: SharedArrayBuffer): void {
    const i = this.next;
    this.next = (i + 1) % this.workers.length;
    this.pending[i].push(done);
    this.workers[i].postMessage({ file, batch, spare });
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}
