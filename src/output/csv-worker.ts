/**
 * One thread of the stringify pool (stringify-pool.ts): turns a batch of rows
 * into CSV text with csv-stringify and hands back its UTF-8 bytes. Batches
 * are independent of each other, so any thread can take any batch and the
 * text does not depend on which one did; the main thread puts the chunks in
 * order and writes them (ordered-file.ts).
 *
 * Messages in: { file, columns } once per file, then { file, batch, spare? } per batch.
 * Messages out, one per batch and in the order received: { length, buffer? } or { error }.
 * The batch's buffers are shared (buffer-pool.ts), the simulation thread
 * reuses them once answered. The text is written into `spare`, a shared
 * buffer, if it is large enough; else into a new one, sent back as `buffer`.
 */
import { parentPort } from 'node:worker_threads';
import { stringify } from 'csv-stringify/sync';
import type { Options } from 'csv-stringify';
import type { Cell, EncodedBatch } from './batch-codec.js';
import { BatchReader } from './batch-reader.js';
import { IsoByDay } from './iso-by-day.js';
import { Utf8Chunk } from './utf8-chunk.js';

type Msg = { file: number; columns: string[] } | { file: number; batch: EncodedBatch; spare?: SharedArrayBuffer };

/**
 * Rows csv-stringify gets per call. Each call's text is that of its rows
 * alone, so the batch's text is the same whatever the slice; small slices
 * keep the live data small while csv-stringify allocates (about a third less
 * CPU for this thread than whole 2048-row batches, mostly scavenges).
 */
const SLICE = 256;

const options: Options[] = [];
// Record rows hold instants of many days, the timeline's mostly today's: one formatter per day suits both.
const iso = new IsoByDay().format;
const rows: Cell[][] = [];
/** Per file: chunks of a file look alike, not those of different files. */
const chunks: Utf8Chunk[] = [];

parentPort!.on('message', (m: Msg) => {
  if ('columns' in m) {
    // Same options as the header (written once by the main thread), minus the header:
    // `columns` also caps each row at the header's width, as a streaming stringifier would.
    options[m.file] = { columns: m.columns, header: false, eof: true };
    chunks[m.file] = new Utf8Chunk();
    return;
  }
  try {
    const reader = new BatchReader(m.batch, iso);
    const out = chunks[m.file];
    out.begin(m.spare);
    while (reader.read(rows, SLICE) > 0) out.write(stringify(rows, options[m.file]));
    const { buffer, length } = out.take();
    parentPort!.postMessage(buffer === m.spare ? { length } : { length, buffer });
  } catch (err) {
    parentPort!.postMessage({ error: (err as Error).stack ?? String(err) });
  }
});
