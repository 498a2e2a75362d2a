/**
 * How a batch of rows travels from the simulation thread to a stringify
 * thread. Posting rows as arrays of cells cost the simulation thread about a
 * microsecond a row: structured clone visits every array and string, and by
 * then the strings (job ids, details) have left the cache; concatenating them
 * into one string costs the same when V8 flattens the rope. Here each cell is
 * written when the row is, while the model has just touched it, and nothing
 * is allocated per row. A batch is then three shared buffers, reused from
 * batch to batch (buffer-pool.ts): Latin-1 bytes, an Int32Array saying what
 * each cell is (a string's byte length, or a tag) and a Float64Array of
 * numbers.
 *
 * Cells cost the simulation thread as little as they can: a word of the
 * vocabulary (vocabulary.ts: kinds, states, rule IDs…) is one Int32, and
 * instants are numbers formatted on the stringify thread (batch-reader.ts),
 * as are the numbers themselves (by csv-stringify; a duration goes as its
 * days, rounded here: days()). Other strings are copied as Latin-1 bytes;
 * one with a character beyond Latin-1 (none in today's model) travels as
 * itself, so any text arrives exactly as it was written.
 */
import { DAY } from '../sim/time.js';
import { BufferPool } from './buffer-pool.js';
import { wordIndex } from './vocabulary.js';

export type Cell = string | number;

/** A duration in ms as the days a CSV cell holds (6 decimals, written by csv-stringify as a number). */
export const msToDays = (ms: number): number => +(ms / DAY).toFixed(6);

/** Tags in `cells`; a cell >= 0 is a Latin-1 string of that many bytes, one <= WORD a word. */
export const NUMBER = -1;
export const INSTANT = -2;
export const WIDE = -3;
export const ROW_END = -4;
/** Word i of the vocabulary is the cell WORD - i. */
export const WORD = -16;

export interface EncodedBatch {
  bytes: Uint8Array;
  byteCount: number;
  cells: Int32Array;
  cellCount: number;
  nums: Float64Array;
  wide: string[];
  /** Rows in the batch. */
  rows: number;
}

/** Accumulates rows, cell by cell, into the next EncodedBatch. */
export class BatchWriter {
  private bytes: Uint8Array;
  private cells: Int32Array;
  private nums: Float64Array;
  private wide: string[] = [];
  private byteCount = 0;
  private cellCount = 0;
  private numCount = 0;
  /** Rows in the batch being built. */
  pending = 0;

  // Buffers of batches already read, handed back for the next ones.
  private readonly spareBytes = new BufferPool();
  private readonly spareCells = new BufferPool();
  private readonly spareNums = new BufferPool();

  constructor(private byteCapacity = 16384, private cellCapacity = 1024, private numCapacity = 256) {
    this.bytes = new Uint8Array(this.spareBytes.take(byteCapacity));
    this.cells = new Int32Array(this.spareCells.take(cellCapacity * 4));
    this.nums = new Float64Array(this.spareNums.take(numCapacity * 8));
  }

  /** A string, as its Latin-1 bytes (ids, details: text of any shape). */
  str(s: string): void {
    const n = s.length;
    if (this.byteCount + n > this.bytes.length) this.bytes = new Uint8Array(grown(this.bytes, this.byteCount + n, this.spareBytes));
    const bytes = this.bytes;
    let at = this.byteCount;
    for (let i = 0; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c > 0xff) return this.wideStr(s); // the bytes written so far are overwritten later
      bytes[at++] = c;
    }
    this.byteCount = at;
    this.cell(n);
  }

  /** A string that is most likely a word of the vocabulary (a kind, a state, a rule ID…); any string is fine. */
  word(s: string): void {
    const i = wordIndex(s);
    if (i < 0) this.str(s);
    else this.cell(WORD - i);
  }

  private wideStr(s: string): void {
    this.wide.push(s);
    this.cell(WIDE);
  }

  num(x: number): void {
    this.tagged(NUMBER, x);
  }

  /** Epoch ms, written as an ISO 8601 instant. */
  instant(epochMs: number): void {
    this.tagged(INSTANT, epochMs);
  }

  /**
   * A duration in ms, written as a number of days rounded to 6 decimals
   * (docs/outputs.md). Rounded here, not on the stringify thread: that
   * thread is the CSV files' bottleneck, and this one waits for it.
   */
  days(ms: number): void {
    this.num(msToDays(ms));
  }

  private tagged(tag: number, x: number): void {
    if (this.numCount === this.nums.length) this.nums = new Float64Array(grown(this.nums, this.numCount + 1, this.spareNums));
    this.nums[this.numCount++] = x;
    this.cell(tag);
  }

  private cell(c: number): void {
    if (this.cellCount === this.cells.length) this.cells = new Int32Array(grown(this.cells, this.cellCount + 1, this.spareCells));
    this.cells[this.cellCount++] = c;
  }

  endRow(): void {
    this.cell(ROW_END);
    this.pending++;
  }

  /** A whole row of strings and numbers (csv-stringify writes the numbers, as before). */
  row(cells: readonly Cell[]): void {
    for (const c of cells) {
      if (typeof c === 'string') this.word(c);
      else this.num(c);
    }
    this.endRow();
  }

  /** The batch so far (hand it back to recycle() once read); starts the next one. */
  take(): EncodedBatch {
    const batch: EncodedBatch = {
      bytes: this.bytes, byteCount: this.byteCount, cells: this.cells, cellCount: this.cellCount, nums: this.nums, wide: this.wide, rows: this.pending,
    };
    // The next batch gets buffers as large as this one needed: batches of a file look alike.
    this.byteCapacity = Math.max(this.byteCapacity, this.byteCount);
    this.cellCapacity = Math.max(this.cellCapacity, this.cellCount);
    this.numCapacity = Math.max(this.numCapacity, this.numCount);
    this.bytes = new Uint8Array(this.spareBytes.take(this.byteCapacity));
    this.cells = new Int32Array(this.spareCells.take(this.cellCapacity * 4));
    this.nums = new Float64Array(this.spareNums.take(this.numCapacity * 8));
    this.wide = [];
    this.byteCount = this.cellCount = this.numCount = this.pending = 0;
    return batch;
  }

  /** Hands back a batch's buffers once a stringify thread has read it, for later batches. */
  recycle(b: EncodedBatch): void {
    this.spareBytes.give(b.bytes.buffer as SharedArrayBuffer);
    this.spareCells.give(b.cells.buffer as SharedArrayBuffer);
    this.spareNums.give(b.nums.buffer as SharedArrayBuffer);
  }
}

/** A shared buffer twice as large as `a`'s (or `atLeast` elements), holding `a`'s elements. */
function grown(a: Uint8Array | Int32Array | Float64Array, atLeast: number, pool: BufferPool): SharedArrayBuffer {
  const b = pool.take(Math.max(a.length * 2, atLeast) * a.BYTES_PER_ELEMENT);
  new Uint8Array(b).set(new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
  return b;
}
