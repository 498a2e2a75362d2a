/**
 * One thread of the stringify pool (stringify-pool.ts): turns a batch of rows
 * into CSV text with csv-stringify (batch-text.ts) and hands back its UTF-8
 * bytes. Batches are independent of each other, so any thread can take any
 * batch and the text does not depend on which one did; the main thread puts
 * the chunks in order and writes them (ordered-file.ts).
 *
 * Messages in: { file, columns } once per file, then { file, batch, spare? } per batch.
 * Messages out, one per batch and in the order received: { length, buffer? } or { error }.
 * The batch's buffers are shared (buffer-pool.ts), the simulation thread
 * reuses them once answered. The text is written into `spare`, a shared
 * buffer, if it is large enough; else into a new one, sent back as `buffer`.
 */
import { parentPort } from 'node:worker_threads';
import type { EncodedBatch } from './batch-codec.js';
import { BatchText } from './batch-text.js';
import { IsoByDay } from './iso-by-day.js';

type Msg = { file: number; columns: string[] } | { file: number; batch: EncodedBatch; spare?: SharedArrayBuffer };

const iso = new IsoByDay().format;
/** Per file: chunks of a file look alike, not those of different files. */
const files: BatchText[] = [];

parentPort!.on('message', (m: Msg) => {
  if ('columns' in m) {
    files[m.file] = new BatchText(m.columns, iso);
    return;
  }
  try {
    const { buffer, length } = files[m.file].text(m.batch, m.spare);
    parentPort!.postMessage(buffer === m.spare ? { length } : { length, buffer });
  } catch (err) {
    parentPort!.postMessage({ error: (err as Error).stack ?? String(err) });
  }
});
