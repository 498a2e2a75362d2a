/**
 * One thread of the stringify pool (stringify-pool.ts): turns a batch of rows
 * into CSV text with csv-stringify and hands the UTF-8 bytes back, transferred
 * (not copied). Batches are independent of each other, so any thread can take
 * any batch and the text does not depend on which one did; the main thread
 * puts the chunks in order and writes them (ordered-file.ts).
 *
 * Messages in: { file, columns } once per file, then { file, rows } per batch.
 * Messages out, one per batch and in the order received: { bytes } or { error }.
 */
import { parentPort } from 'node:worker_threads';
import { stringify } from 'csv-stringify/sync';
import type { Options } from 'csv-stringify';
import { IsoFormatter } from '../sim/time.js';
import { decodeBatch, type EncodedBatch } from './batch-codec.js';

type Msg = { file: number; columns: string[] } | { file: number; batch: EncodedBatch };

const options: Options[] = [];
const encoder = new TextEncoder();
const iso = new IsoFormatter();

parentPort!.on('message', (m: Msg) => {
  if ('columns' in m) {
    // Same options as the header (written once by the main thread), minus the header:
    // `columns` also caps each row at the header's width, as a streaming stringifier would.
    options[m.file] = { columns: m.columns, header: false, eof: true };
    return;
  }
  try {
    const bytes = encoder.encode(stringify(decodeBatch(m.batch, iso), options[m.file]));
    parentPort!.postMessage({ bytes }, [bytes.buffer]);
  } catch (err) {
    parentPort!.postMessage({ error: (err as Error).stack ?? String(err) });
  }
});
