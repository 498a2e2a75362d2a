/**
 * One file's batches turned into CSV text by csv-stringify: the work of a
 * stringify thread (csv-worker.ts), one BatchText per file. Every thread runs
 * this same code with the same options, so a batch's text does not depend on
 * which thread made it.
 */
import { stringify } from 'csv-stringify/sync';
import type { Options } from 'csv-stringify';
import type { Cell, EncodedBatch } from './batch-codec.js';
import { BatchReader } from './batch-reader.js';
import { Utf8Chunk } from './utf8-chunk.js';

/**
 * Rows csv-stringify gets per call. Each call's text is that of its rows
 * alone, so the batch's text is the same whatever the slice; small slices
 * keep the live data small while csv-stringify allocates (about a third less
 * CPU for a stringify thread than whole 2048-row batches, mostly scavenges).
 */
const SLICE = 256;

export class BatchText {
  private readonly options: Options;
  private readonly chunk = new Utf8Chunk();
  private readonly rows: Cell[][] = [];

  /**
   * `iso` formats epoch ms, shared by a thread's files (IsoByDay: record rows
   * hold instants of many days, the timeline's mostly today's).
   */
  constructor(columns: readonly string[], private readonly iso: (epochMs: number) => string) {
    // The header's options (the header line is written once, by the simulation thread), minus the header:
    // `columns` also caps each row at the header's width, as a streaming stringifier would.
    this.options = { columns: [...columns], header: false, eof: true };
  }

  /** A batch's UTF-8 text, in `spare` if it is large enough, else in a new shared buffer. */
  text(batch: EncodedBatch, spare?: SharedArrayBuffer): { buffer: SharedArrayBuffer; length: number } {
    const reader = new BatchReader(batch, this.iso);
    this.chunk.begin(spare);
    while (reader.read(this.rows, SLICE) > 0) this.chunk.write(stringify(this.rows, this.options));
    return this.chunk.take();
  }
}
