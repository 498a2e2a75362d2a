/**
 * CSV files written off the simulation thread: the simulation hands over rows
 * in batches and goes on; csv-stringify runs on a pool of threads
 * (stringify-pool.ts) and this thread writes the returned chunks to each
 * file in batch order (ordered-file.ts), so the files do not depend on the
 * number of threads. Backpressure: at most MAX_IN_FLIGHT batches per file
 * wait for the threads or the disk; past that `needsDrain` says so, the
 * `onFull` hook tells the producer at once (the run pauses the model after
 * the current event), and drain() waits until the threads have caught up to
 * half of that, so memory stays bounded whatever the run's size.
 */
import { stringify } from 'csv-stringify/sync';
import { BatchWriter, type EncodedBatch } from './batch-codec.js';
import { BufferPool } from './buffer-pool.js';
import { OrderedFile, type WrittenFile } from './ordered-file.js';
import { StringifyPool, defaultThreads } from './stringify-pool.js';

/** Rows per batch (bench/case.ts stringifies in batches of the same size). */
export const BATCH = 2048;
/**
 * Why 16, and why the model pauses at once rather than at the end of its
 * simulated day: each batch in flight holds ~0.5–1 MB (its cells and its
 * text), and every buffer ever in flight stays in the spares
 * (buffer-pool.ts). Checked only between days, a file had 46–90 batches in
 * flight at 100k jobs (104 MB of spares) and more at 1M, where a day is ~35
 * batches of events.csv. Sixteen keep the stringify thread fed (a batch is a
 * few ms of its work) when the model resumes at eight.
 */
const MAX_IN_FLIGHT = 16;

export class CsvPipeline {
  private readonly pool: StringifyPool;
  private readonly files: OrderedFile[] = [];
  private readonly sinks: CsvSink[] = [];
  /** Per file, buffers of chunks written, for the threads to write the next ones into (buffer-pool.ts says why). */
  private readonly chunks: BufferPool[] = [];
  private readonly waiters: (() => void)[] = [];
  private failure: Error | null = null;
  /** Called when a file's batches in flight pass MAX_IN_FLIGHT (or a thread failed): the producer should stop and drain(). */
  onFull: (() => void) | null = null;

  constructor(threads = defaultThreads()) {
    this.pool = new StringifyPool(threads, (err) => this.fail(err));
  }

  private fail(err: Error): void {
    this.failure ??= err;
    this.onFull?.();
    this.wake();
  }

  private readonly wake = (): void => {
    for (const w of this.waiters.splice(0)) w();
  };

  private async until(ready: () => boolean): Promise<void> {
    while (!this.failure && !ready()) await new Promise<void>((resolve) => this.waiters.push(resolve));
    if (this.failure) throw this.failure;
  }

  open(path: string, columns: readonly string[]): CsvSink {
    const file = this.files.length;
    // The header line once, by csv-stringify, with the options the threads use for the rows.
    const header = stringify([], { header: true, columns: [...columns], eof: true });
    const chunks = new BufferPool();
    const written = (chunk: ArrayBufferLike): void => {
      chunks.give(chunk as SharedArrayBuffer);
      this.wake();
    };
    this.chunks.push(chunks);
    this.files.push(new OrderedFile(path, header, written, (err) => this.fail(err)));
    this.pool.open(file, columns);
    const sink = new CsvSink(this, file);
    this.sinks.push(sink);
    return sink;
  }

  /** @internal */
  send(file: number, batch: EncodedBatch): void {
    const f = this.files[file];
    const sink = this.sinks[file];
    const seq = f.reserve();
    const spare = this.chunks[file].takeLargest();
    this.pool.stringify(file, batch, (err, length, buffer) => {
      if (err) return this.fail(err);
      sink.recycle(batch);
      f.put(seq, new Uint8Array(buffer ?? spare!, 0, length));
    }, spare);
    if (f.inFlight > MAX_IN_FLIGHT) this.onFull?.();
  }

  get needsDrain(): boolean {
    return this.failure !== null || this.files.some((f) => f.inFlight > MAX_IN_FLIGHT);
  }

  /** Waits until every file is down to half of MAX_IN_FLIGHT (hysteresis: not one pause per batch). */
  async drain(): Promise<void> {
    await this.until(() => this.files.every((f) => f.inFlight <= MAX_IN_FLIGHT / 2));
  }

  /** Ends the files (flush every sink first) and the threads; says what each file holds. */
  async close(): Promise<WrittenFile[]> {
    try {
      await this.until(() => this.files.every((f) => f.complete));
      const written = await Promise.all(this.files.map((f) => f.end()));
      if (this.failure) throw this.failure;
      return written;
    } finally {
      await this.pool.close();
    }
  }

  /** Stops the threads without finishing the files (a failed run's folder is thrown away). */
  async abort(): Promise<void> {
    for (const f of this.files) f.destroy();
    await this.pool.close();
  }
}

/**
 * One file of a pipeline: rows are encoded on this thread, cell by cell
 * (batch-codec.ts), and sent BATCH rows at a time.
 */
export class CsvSink extends BatchWriter {
  rows = 0;

  constructor(private readonly pipeline: CsvPipeline, private readonly file: number) {
    super();
  }

  override endRow(): void {
    super.endRow();
    this.rows++;
    if (this.pending >= BATCH) this.flush();
  }

  /** Sends the rows so far (close() needs every sink flushed first). */
  flush(): void {
    if (this.pending === 0) return;
    this.pipeline.send(this.file, this.take());
  }
}
