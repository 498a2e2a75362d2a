/**
 * One CSV file written through csv-stringify with backpressure: write() is
 * synchronous and cheap; the producer checks `needsDrain` between slices of
 * work and awaits drain(), so memory stays bounded however many rows a run
 * makes.
 */
import { createWriteStream, type WriteStream } from 'node:fs';
import { stringify, type Stringifier } from 'csv-stringify';

export class CsvFile {
  private readonly stringifier: Stringifier;
  private readonly out: WriteStream;
  private readonly done: Promise<void>;
  rows = 0;

  constructor(readonly path: string, columns: readonly string[]) {
    this.stringifier = stringify({ header: true, columns: columns as string[], eof: true });
    this.out = createWriteStream(path);
    this.stringifier.pipe(this.out);
    this.done = new Promise((resolve, reject) => {
      this.out.on('finish', () => resolve());
      this.out.on('error', reject);
      this.stringifier.on('error', reject);
    });
  }

  write(cells: (string | number)[]): void {
    this.rows++;
    this.stringifier.write(cells);
  }

  get needsDrain(): boolean {
    return this.stringifier.writableNeedDrain || this.out.writableNeedDrain;
  }

  /** Waits until both buffers are below their marks (each may already have drained while another file was awaited). */
  async drain(): Promise<void> {
    while (this.needsDrain) {
      const s = this.stringifier.writableNeedDrain ? this.stringifier : this.out;
      await new Promise<void>((resolve) => s.once('drain', () => resolve()));
    }
  }

  async close(): Promise<void> {
    this.stringifier.end();
    await this.done;
  }
}
