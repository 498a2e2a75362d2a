/**
 * Reads events.csv into the report's EventAggregator straight from the
 * file's bytes, with the checker's splitter (byte-records.ts: one pass per
 * record, quoted records by the same CSV rules as the checker). papaparse
 * made a string per cell and an array per row: on the 1M-job timeline
 * (26M rows) reading took ~40 s of a 71 s report, a fifth of it in the
 * garbage collector. Here a cell becomes a string only when the aggregator
 * reads it as one: kinds, entities, states and rule IDs come from a small
 * cache of the words seen (checked byte for byte), a time equal to the
 * previous row's is not decoded again, and a detail is decoded only for a
 * sampled job's rows (the only ones whose detail the report shows).
 */
import { readByteRecords, type ByteRecordSink, type FieldSpans } from '../checker/byte-records.js';
import { TimelineFormatError } from '../checker/format-error.js';
import { UserError } from '../cli/errors.js';
import type { EventAggregator } from './assemble.js';

/** The columns the aggregator reads, in EventAggregator.addRow's order (docs/timeline.md); `detail` may be missing. */
const COLUMNS = ['time', 'kind', 'entity', 'id', 'job', 'to', 'rule', 'detail'] as const;
const REQUIRED = COLUMNS.slice(0, 7);
const [TIME, KIND, ENTITY, ID, JOB, TO, RULE, DETAIL] = COLUMNS.map((_, i) => i);

/**
 * Decoded words by their fieldHash. A vocabulary of a few dozen words is
 * decoded once; an ID is decoded every time (the cache stops growing at
 * MAX_WORDS, so a file of unexpected words costs a decode each, not memory).
 */
class WordCache {
  private static readonly MAX_WORDS = 4096;
  private readonly byHash = new Map<number, string>();

  get(buf: Buffer, start: number, end: number, hash: number): string {
    if (start === end) return '';
    const hit = this.byHash.get(hash);
    if (hit !== undefined && sameAscii(hit, buf, start, end)) return hit;
    const text = buf.toString('utf8', start, end);
    if (hit === undefined && this.byHash.size < WordCache.MAX_WORDS) this.byHash.set(hash, text);
    return text;
  }
}

/** Whether buf[start, end) holds exactly the ASCII text `s` (a non-ASCII byte never matches). */
function sameAscii(s: string, buf: Buffer, start: number, end: number): boolean {
  if (s.length !== end - start) return false;
  for (let i = 0; i < s.length; i++) if (buf[start + i] !== s.charCodeAt(i)) return false;
  return true;
}

class EventRows implements ByteRecordSink {
  /** Per COLUMNS entry, its index in the file's header (-1: absent); null until the header is read. */
  private ix: Int32Array | null = null;
  private readonly words = new WordCache();
  private readonly lastTime = Buffer.alloc(64);
  private lastTimeLength = -1;
  private lastTimeText = '';

  constructor(private readonly path: string, private readonly agg: EventAggregator) {}

  /** A record holding a quote (or too many fields), as text. */
  record(fields: string[]): void {
    const ix = this.ix;
    if (!ix) return this.header(fields);
    const c = (k: number) => (ix[k] >= 0 ? fields[ix[k]] ?? '' : '');
    this.agg.addRow(c(TIME), c(KIND), c(ENTITY), c(ID), c(JOB), c(TO), c(RULE), c(DETAIL));
  }

  /** A record without a quote: its cells are decoded only as far as the aggregator needs them. */
  spans(buf: Buffer, f: FieldSpans, count: number): void {
    const ix = this.ix;
    if (!ix) {
      const names: string[] = [];
      for (let i = 0; i < count; i++) names.push(buf.toString('utf8', f.starts[i], f.ends[i]));
      return this.header(names);
    }
    const ti = ix[TIME];
    const time = ti < count ? this.time(buf, f.starts[ti], f.ends[ti]) : '';
    const kind = this.word(buf, f, count, ix[KIND]);
    const job = this.text(buf, f, count, ix[JOB]);
    const detail = this.agg.wantsDetail(kind, job) ? this.text(buf, f, count, ix[DETAIL]) : '';
    this.agg.addRow(time, kind, this.word(buf, f, count, ix[ENTITY]), this.text(buf, f, count, ix[ID]), job,
      this.word(buf, f, count, ix[TO]), this.word(buf, f, count, ix[RULE]), detail);
  }

  /** Cell i as a word of the vocabulary ('' when the row has no such cell). */
  private word(buf: Buffer, f: FieldSpans, count: number, i: number): string {
    return i >= 0 && i < count ? this.words.get(buf, f.starts[i], f.ends[i], f.hashes[i]) : '';
  }

  /** Cell i decoded. */
  private text(buf: Buffer, f: FieldSpans, count: number, i: number): string {
    return i >= 0 && i < count && f.ends[i] > f.starts[i] ? buf.toString('utf8', f.starts[i], f.ends[i]) : '';
  }

  /** The time cell's text; the same string as the previous row's when its bytes are the same (most rows share an instant). */
  private time(buf: Buffer, start: number, end: number): string {
    const n = end - start;
    if (n === this.lastTimeLength) {
      let same = true;
      for (let i = 0; i < n; i++) {
        if (buf[start + i] !== this.lastTime[i]) {
          same = false;
          break;
        }
      }
      if (same) return this.lastTimeText;
    }
    this.lastTimeText = buf.toString('utf8', start, end);
    if (n <= this.lastTime.length) {
      buf.copy(this.lastTime, 0, start, end);
      this.lastTimeLength = n;
    } else this.lastTimeLength = -1;
    return this.lastTimeText;
  }

  private header(names: string[]): void {
    const missing = REQUIRED.filter((c) => !names.includes(c));
    if (missing.length) throw new UserError(`${this.path}: no column ${missing.join(', ')} (see docs/outputs.md)`);
    this.ix = Int32Array.from(COLUMNS, (c) => names.indexOf(c));
  }
}

/** Streams events.csv (columns in any order; `detail` optional) into the aggregator, rows in file order. */
export async function readEvents(path: string, agg: EventAggregator): Promise<void> {
  try {
    await readByteRecords(path, new EventRows(path, agg));
  } catch (err) {
    if (err instanceof TimelineFormatError) throw new UserError(`cannot read ${path}: ${err.message}`);
    throw err;
  }
}
