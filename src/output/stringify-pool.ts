/**
 * A few csv-stringify threads (csv-worker.ts). csv-stringify does about half
 * a million rows a second on one core, about what a full timeline needs, so
 * every thread gets batches, a few ahead of its answers, and the rest wait
 * here. Each thread answers its batches in the order it got them, so a FIFO
 * of callbacks per thread is all the bookkeeping; putting the answers back in
 * order is the caller's job (ordered-file.ts). A caller that would otherwise
 * wait for the threads stringifies a waiting batch itself (helpOne).
 */
import { Worker } from 'node:worker_threads';
import { workerScript } from '../worker-script.js';
import { availableParallelism } from 'node:os';
import type { EncodedBatch } from './batch-codec.js';
import { BatchText } from './batch-text.js';

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

/**
 * Batches posted to a thread ahead of its answers. Two keep a thread busy
 * (the next batch is there when it answers the last); the rest wait on the
 * simulation thread, which can then take one itself (helpOne) instead of
 * waiting idle for the threads to catch up.
 */
const AHEAD = 2;

interface Job { file: number; batch: EncodedBatch; done: Done; spare?: SharedArrayBuffer }

export class StringifyPool {
  private readonly workers: Worker[] = [];
  private readonly pending: Done[][] = [];
  /** Batches not yet posted to a thread, oldest first. */
  private readonly queue: Job[] = [];
  private queueHead = 0;
  /** This thread's stringifiers, by file (made when it first helps). */
  private readonly local: (BatchText | undefined)[] = [];
  private readonly columns: string[][] = [];
  private closed = false;

  /** `onCrash` hears of a thread that died outside a batch (its batches' callbacks hear too). */
  constructor(threads: number, private readonly onCrash: (err: Error) => void) {
    const script = workerScript(import.meta.url, './csv-worker', 'output', 'the CSV writer threads');
    for (let i = 0; i < threads; i++) {
      const worker = new Worker(script, { resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB } });
      const pending: Done[] = [];
      worker.on('message', (m: { length?: number; buffer?: SharedArrayBuffer; error?: string }) => {
        const done = pending.shift()!;
        this.feed(i);
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
    this.columns[file] = [...columns];
    for (const w of this.workers) w.postMessage({ file, columns: [...columns] });
  }

  /**
   * Stringifies a batch (its buffers are shared: keep them until `done`);
   * `spare`, if given, is a shared buffer the thread may write the text into.
   */
  stringify(file: number, batch: EncodedBatch, done: Done, spare?: SharedArrayBuffer): void {
    this.queue.push({ file, batch, done, spare });
    // The thread with the fewest batches; the first of them on a tie, so the choice depends on the answers only.
    let best = 0;
    for (let i = 1; i < this.workers.length; i++) if (this.pending[i].length < this.pending[best].length) best = i;
    if (this.workers.length > 0) this.feed(best);
  }

  /** Batches handed over and not yet posted to a thread. */
  get waiting(): number {
    return this.queue.length - this.queueHead;
  }

  /**
   * Stringifies the oldest waiting batch on this thread and calls its `done`
   * (the text is the same as a thread's: batch-text.ts). False when no batch
   * is waiting. For a caller that would otherwise wait for the threads.
   */
  helpOne(): boolean {
    const job = this.take();
    if (!job) return false;
    let result: { buffer: SharedArrayBuffer; length: number };
    try {
      const text = (this.local[job.file] ??= new BatchText(this.columns[job.file]));
      result = text.text(job.batch, job.spare);
    } catch (err) {
      job.done(err as Error);
      return true;
    }
    job.done(null, result.length, result.buffer === job.spare ? undefined : result.buffer);
    return true;
  }

  /** Posts waiting batches to thread `i` until it has AHEAD of them. */
  private feed(i: number): void {
    const pending = this.pending[i];
    while (pending.length < AHEAD) {
      const job = this.take();
      if (!job) return;
      pending.push(job.done);
      this.workers[i].postMessage({ file: job.file, batch: job.batch, spare: job.spare });
    }
  }

  private take(): Job | undefined {
    if (this.queueHead === this.queue.length) return undefined;
    const job = this.queue[this.queueHead];
    this.queue[this.queueHead++] = undefined!;
    if (this.queueHead === this.queue.length) this.queue.length = this.queueHead = 0;
    return job;
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}
