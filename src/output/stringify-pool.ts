/**
 * A few csv-stringify threads (csv-worker.ts). csv-stringify does about a
 * third of a million rows a second on one core, less than a full timeline
 * needs, so batches go round-robin to every thread. Each thread answers its
 * batches in the order it got them, so a FIFO of callbacks per thread is all
 * the bookkeeping; putting the answers of different threads back in order is
 * the caller's job (ordered-file.ts).
 */
import { Worker } from 'node:worker_threads';
import { workerScript } from '../worker-script.js';
import { availableParallelism } from 'node:os';
import type { EncodedBatch } from './batch-codec.js';

/**
 * csv-stringify allocates several objects a cell, and a batch's rows are live
 * while it runs: with the default young generation (about 32 MB here) the
 * threads scavenge often and copy those rows each time. 64 MB measured ~15%
 * less CPU for the whole process on the 100k-job run (threads and GC helpers:
 * 19-21 s against 24-25 s), for ~30 MB more RSS; 128 MB gained nothing more.
 */
const YOUNG_GENERATION_MB = 64;

export type Done = (err: Error | null, bytes?: Uint8Array) => void;


/** As many threads as cores: the simulation thread is mostly waiting on them or they on it. */
export function defaultThreads(): number {
  return Math.max(1, availableParallelism());
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
      worker.on('message', (m: { bytes?: Uint8Array; error?: string }) => {
        const done = pending.shift()!;
        if (m.error !== undefined) done(new Error(`CSV writer thread: ${m.error}`));
        else done(null, m.bytes);
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

  stringify(file: number, batch: EncodedBatch, transfer: ArrayBuffer[], done: Done): void {
    const i = this.next;
    this.next = (i + 1) % this.workers.length;
    this.pending[i].push(done);
    this.workers[i].postMessage({ file, batch }, transfer);
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}
