/**
 * Records held back for a moment, as the field spans the byte splitter
 * noted. The row reader collects a few dozen before checking them so that it
 * can first look up all of their IDs at once (row-reader.ts): each lookup
 * lands on a random spot of a table of hundreds of thousands of records, and
 * lookups that do not wait on each other overlap their cache misses, where
 * lookups interleaved with the checking wait for one miss at a time.
 */
import { MAX_FIELDS, type FieldSpans } from './byte-records.js';

/** Records per batch: enough to overlap the misses, few enough to stay in the L1 cache. */
export const BATCH = 64;

export class SpanBatch {
  /** Field i of record k is at k * MAX_FIELDS + i. */
  readonly starts = new Int32Array(BATCH * MAX_FIELDS);
  readonly ends = new Int32Array(BATCH * MAX_FIELDS);
  readonly hashes = new Int32Array(BATCH * MAX_FIELDS);
  readonly lines = new Float64Array(BATCH);
  size = 0;

  /** Copies a record's first `count` spans (count ≤ MAX_FIELDS); returns whether the batch is now full. */
  add(f: FieldSpans, count: number, line: number): boolean {
    const at = this.size * MAX_FIELDS;
    for (let i = 0; i < count; i++) {
      this.starts[at + i] = f.starts[i];
      this.ends[at + i] = f.ends[i];
      this.hashes[at + i] = f.hashes[i];
    }
    this.lines[this.size++] = line;
    return this.size === BATCH;
  }
}
