/**
 * The stringify thread's side of batch-codec.ts: turns an EncodedBatch back
 * into rows of strings and numbers, as csv-stringify takes them, a few rows
 * at a time. Reading a batch in small slices keeps little alive while
 * csv-stringify runs (it allocates several objects a cell), so the young
 * generation's scavenges have little to copy; the row arrays are reused from
 * slice to slice for the same reason.
 */
import { INSTANT, NUMBER, ROW_END, WIDE, WORD, type Cell, type EncodedBatch } from './batch-codec.js';
import { WORDS } from './vocabulary.js';

export class BatchReader {
  /** All the batch's Latin-1 text in one string, cut into cells (V8 slices share it). */
  private readonly text: string;
  private cell = 0;
  private at = 0;
  private num = 0;
  private wide = 0;

  /** `iso` formats epoch ms as an ISO 8601 instant. */
  constructor(private readonly b: EncodedBatch, private readonly iso: (epochMs: number) => string) {
    this.text = Buffer.from(b.bytes.buffer, b.bytes.byteOffset, b.byteCount).toString('latin1');
  }

  /**
   * Reads up to `max` more rows into `rows` (reusing the arrays already
   * there) and sets its length to how many were read: 0 at the end.
   */
  read(rows: Cell[][], max: number): number {
    const { cells, nums, wide, cellCount } = this.b;
    const text = this.text;
    const iso = this.iso;
    let k = this.cell, at = this.at, n = this.num, w = this.wide;
    let count = 0;
    let row = rows[0] ?? (rows[0] = []);
    let j = 0;
    while (count < max && k < cellCount) {
      const c = cells[k++];
      if (c >= 0) {
        row[j++] = text.slice(at, at + c);
        at += c;
      } else if (c <= WORD) {
        row[j++] = WORDS[WORD - c];
      } else if (c === NUMBER) {
        row[j++] = nums[n++];
      } else if (c === INSTANT) {
        row[j++] = iso(nums[n++]);
      } else if (c === WIDE) {
        row[j++] = wide[w++];
      } else if (c === ROW_END) {
        if (row.length !== j) row.length = j; // rows of a file are alike: setting it anyway cost ~1% of the thread
        j = 0;
        if (++count < max) row = rows[count] ?? (rows[count] = []);
      } else {
        throw new Error(`batch-reader: unknown cell tag ${c}`);
      }
    }
    this.cell = k;
    this.at = at;
    this.num = n;
    this.wide = w;
    rows.length = count;
    return count;
  }
}

/** Every row of a batch at once (tests, benchmarks). */
export function decodeBatch(b: EncodedBatch, iso: (epochMs: number) => string): Cell[][] {
  const rows: Cell[][] = [];
  new BatchReader(b, iso).read(rows, b.rows);
  return rows;
}
