/**
 * CSV files written by a worker thread (csv-worker.ts): the simulation hands
 * over rows in batches and goes on; csv-stringify runs on the other core.
 * Rows reach each file in order. Backpressure: at most MAX_IN_FLIGHT batches
 * per file wait for the worker; past that `needsDrain` says so and drain()
 * waits, so memory stays bounded whatever the run's size.
 */
import { Worker } from 'node:worker_threads';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const BATCH = 2048;
const MAX_IN_FLIGHT = 8;

/** The compiled worker script (a worker cannot load TypeScript on Node 20: tests use the build). */
function workerScript(): URL {
  const here = import.meta.url;
  if (here.endsWith('.js')) return new URL('./csv-worker.js', here);
  const built = new URL('../../dist/src/output/csv-worker.js', here);
  if (!existsSync(fileURLToPath(built))) throw new Error('the CSV writer thread needs the build: run `npm run build` first');
  return built;
}

export class CsvPipeline {
  private readonly worker = new Worker(workerScript());
  private readonly inFlight: number[] = [];
  private readonly waiters: (() => void)[] = [];
  private failure: Error | null = null;
  private closing: { resolve: () => void; reject: (err: Error) => void } | null = null;

  constructor() {
    this.worker.on('message', (m: { op: string; file?: number; message?: string }) => {
      if (m.op === 'ack') this.inFlight[m.file!]--;
      else if (m.op === 'closed') this.closing?.resolve();
      else if (m.op === 'error') this.fail(new Error(`CSV writer thread: ${m.message}`));
      this.wake();
    });
    this.worker.on('error', (err) => this.fail(err));
  }

  private fail(err: Error): void {
    this.failure = err;
    this.closing?.reject(err);
    this.wake();
  }

  private wake(): void {
    for (const w of this.waiters.splice(0)) w();
  }

  open(path: string, columns: readonly string[]): CsvSink {
    const file = this.inFlight.push(0) - 1;
    this.worker.postMessage({ op: 'open', file, path, columns: [...columns] });
    return new CsvSink(this, file);
  }

  /** @internal */
  send(file: number, rows: (string | number)[][]): void {
    this.inFlight[file]++;
    this.worker.postMessage({ op: 'rows', file, rows });
  }

  get needsDrain(): boolean {
    return this.failure !== null || this.inFlight.some((n) => n > MAX_IN_FLIGHT);
  }

  async drain(): Promise<void> {
    while (!this.failure && this.inFlight.some((n) => n > MAX_IN_FLIGHT)) {
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
    if (this.failure) throw this.failure;
  }

  /** Ends the files (flush every sink first) and the thread. */
  async close(): Promise<void> {
    try {
      if (this.failure) throw this.failure;
      const done = new Promise<void>((resolve, reject) => { this.closing = { resolve, reject }; });
      this.worker.postMessage({ op: 'close' });
      await done;
    } finally {
      await this.worker.terminate();
    }
  }

  /** Stops the thread without finishing the files (a failed run's folder is thrown away). */
  async abort(): Promise<void> {
    await this.worker.terminate();
  }
}

/** One file of a pipeline: rows are batched on this thread and sent whole. */
export class CsvSink {
  private batch: (string | number)[][] = [];
  rows = 0;

  constructor(private readonly pipeline: CsvPipeline, private readonly file: number) {}

  write(cells: (string | number)[]): void {
    this.rows++;
    this.batch.push(cells);
    if (this.batch.length >= BATCH) this.flush();
  }

  flush(): void {
    if (this.batch.length === 0) return;
    this.pipeline.send(this.file, this.batch);
    this.batch = [];
  }
}
