/**
 * Worker thread that turns row batches into CSV files with csv-stringify, so
 * stringifying runs beside the simulation instead of on its thread. Messages
 * (in order, per file): open, rows, close. Each batch is acknowledged once
 * the file stream has taken it without exceeding its buffer (backpressure
 * reaches the simulation through the acknowledgements).
 */
import { parentPort } from 'node:worker_threads';
import { createWriteStream, type WriteStream } from 'node:fs';
import { stringify, type Stringifier } from 'csv-stringify';

type Msg =
  | { op: 'open'; file: number; path: string; columns: string[] }
  | { op: 'rows'; file: number; rows: (string | number)[][] }
  | { op: 'close' };

interface Out { stringifier: Stringifier; stream: WriteStream; done: Promise<void> }

const files = new Map<number, Out>();
// One message at a time: a batch waiting for its drain holds back the next, in order.
let queue = Promise.resolve();

parentPort!.on('message', (m: Msg) => {
  queue = queue.then(() => handle(m));
});

async function handle(m: Msg): Promise<void> {
  try {
    if (m.op === 'open') {
      const stringifier = stringify({ header: true, columns: m.columns, eof: true });
      const stream = createWriteStream(m.path);
      stringifier.pipe(stream);
      const done = new Promise<void>((resolve, reject) => {
        stream.on('finish', () => resolve());
        stream.on('error', reject);
        stringifier.on('error', reject);
      });
      files.set(m.file, { stringifier, stream, done });
    } else if (m.op === 'rows') {
      const out = files.get(m.file)!;
      for (const row of m.rows) out.stringifier.write(row);
      // Acknowledge once both buffers are below their marks.
      while (out.stringifier.writableNeedDrain || out.stream.writableNeedDrain) {
        const s = out.stringifier.writableNeedDrain ? out.stringifier : out.stream;
        await new Promise<void>((resolve) => s.once('drain', () => resolve()));
      }
      parentPort!.postMessage({ op: 'ack', file: m.file });
    } else {
      for (const out of files.values()) out.stringifier.end();
      await Promise.all([...files.values()].map((o) => o.done));
      parentPort!.postMessage({ op: 'closed' });
    }
  } catch (err) {
    parentPort!.postMessage({ op: 'error', message: (err as Error).stack ?? String(err) });
  }
}
