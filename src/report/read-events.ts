/**
 * Reads events.csv into the report's EventAggregator straight from the
 * file's bytes, with the checker's splitter (byte-records.ts: one pass per
 * record, quoted records by the same CSV rules as the checker). papaparse
 * made a string per cell and an array per row: on the 1M-job timeline
 * (26M rows) reading took ~40 s of a 71 s report, a fifth of it in the
 * garbage collector. Here a cell becomes a string only when the aggregator
 * reads it as one: kinds, entities, states and rule IDs come from a small
 * cache of the words seen (checked byte for byte), times are read from
 * their digits, and a detail is decoded only for a sampled job's rows (the
 * only ones whose detail the report shows).
 */
import { readByteRecords, type ByteRecordSink, type FieldSpans, type ReadProgress } from '../checker/byte-records.js';
import { TimelineFormatError } from '../checker/format-error.js';
import { UserError } from '../cli/errors.js';
import { parseTime, type EventAggregator } from './assemble.js';
import { plural } from '../plural.js';

/** The columns the aggregator reads, in EventAggregator.addRow's order (docs/timeline.md); `detail` may be missing. */
const COLUMNS = ['time', 'kind', 'entity', 'id', 'job', 'to', 'rule', 'detail'] as const;
const REQUIRED = COLUMNS.slice(0, 7);
const [TIME, KIND, ENTITY, ID, JOB, TO, RULE, DETAIL] = COLUMNS.map((_, i) => i);
const T = 0x54, Z = 0x5a, COLON = 0x3a, DOT = 0x2e, ZERO = 0x30;

/** The number written in buf[at, at + n) in decimal digits, or -1 if any byte is not a digit. */
function digits(buf: Buffer, at: number, n: number): number {
  let x = 0;
  for (let i = at; i < at + n; i++) {
    const d = buf[i] - ZERO;
    if (d < 0 || d > 9) return -1;
    x = x * 10 + d;
  }
  return x;
}

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

/** Rows the report could not use whole: counted and the first line of each kind kept, for a warning. */
export interface EventProblems {
  /** Rows without a readable time: skipped (nothing to place them at). */
  noTime: number;
  firstNoTime: number;
  /** Rows with more or fewer fields than the header: read as far as they go. */
  ragged: number;
  firstRagged: number;
}

class EventRows implements ByteRecordSink {
  /** Per COLUMNS entry, its index in the file's header (-1: absent); null until the header is read. */
  private ix: Int32Array | null = null;
  private width = 0;
  readonly problems: EventProblems = { noTime: 0, firstNoTime: 0, ragged: 0, firstRagged: 0 };
  private readonly words = new WordCache();
  /** The date part (YYYY-MM-DD) of the last time read, and its epoch ms. */
  private readonly day = Buffer.alloc(10);
  private dayMs = NaN;

  constructor(private readonly path: string, private readonly agg: EventAggregator) {}

  /** A record holding a quote (or too many fields), as text. */
  record(fields: string[], line: number): void {
    const ix = this.ix;
    if (!ix) return this.header(fields);
    if (fields.length !== this.width) this.ragged(line);
    const c = (k: number) => (ix[k] >= 0 ? fields[ix[k]] ?? '' : '');
    if (!this.agg.addRow(c(TIME), c(KIND), c(ENTITY), c(ID), c(JOB), c(TO), c(RULE), c(DETAIL))) this.noTime(line);
  }

  /** A row with another number of fields than the header. */
  private ragged(line: number): void {
    if (this.problems.ragged++ === 0) this.problems.firstRagged = line;
  }

  private noTime(line: number): void {
    if (this.problems.noTime++ === 0) this.problems.firstNoTime = line;
  }

  /** A record without a quote: its cells are decoded only as far as the aggregator needs them. */
  spans(buf: Buffer, f: FieldSpans, count: number, line: number): void {
    const ix = this.ix;
    if (!ix) {
      const names: string[] = [];
      for (let i = 0; i < count; i++) names.push(buf.toString('utf8', f.starts[i], f.ends[i]));
      return this.header(names);
    }
    if (count !== this.width) this.ragged(line);
    const ti = ix[TIME];
    const t = ti < count ? this.time(buf, f.starts[ti], f.ends[ti]) : NaN;
    if (!Number.isFinite(t)) return this.noTime(line); // a row without a time: nothing to place (as EventAggregator.addRow)
    const kind = this.word(buf, f, count, ix[KIND]);
    const job = this.text(buf, f, count, ix[JOB]);
    const detail = this.agg.wantsDetail(kind, job) ? this.text(buf, f, count, ix[DETAIL]) : '';
    this.agg.addRowAt(t, kind, this.word(buf, f, count, ix[ENTITY]), this.text(buf, f, count, ix[ID]), job,
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

  /**
   * The time cell as epoch ms (NaN when unreadable). The writer's form,
   * YYYY-MM-DDTHH:MM:SS.sssZ, is read from its bytes, its date once per day
   * (by Date.parse, so a date means what it always meant); any other form
   * goes through Date.parse whole, as before.
   */
  private time(buf: Buffer, start: number, end: number): number {
    if (end - start === 24 && buf[start + 10] === T && buf[start + 23] === Z && buf[start + 13] === COLON && buf[start + 16] === COLON && buf[start + 19] === DOT) {
      let same = true;
      for (let i = 0; i < 10; i++) {
        if (buf[start + i] !== this.day[i]) {
          same = false;
          break;
        }
      }
      if (!same) {
        buf.copy(this.day, 0, start, start + 10);
        this.dayMs = Date.parse(`${buf.toString('latin1', start, start + 10)}T00:00:00.000Z`);
      }
      const h = digits(buf, start + 11, 2), m = digits(buf, start + 14, 2), sec = digits(buf, start + 17, 2), ms = digits(buf, start + 20, 3);
      if (Number.isFinite(this.dayMs) && h >= 0 && h < 24 && m >= 0 && m < 60 && sec >= 0 && sec < 60 && ms >= 0) return this.dayMs + ((h * 60 + m) * 60 + sec) * 1000 + ms;
    }
    return parseTime(buf.toString('utf8', start, end));
  }

  private header(names: string[]): void {
    const missing = REQUIRED.filter((c) => !names.includes(c));
    if (missing.length) throw new UserError(`${this.path}: no column ${missing.join(', ')} (see docs/outputs.md)`);
    this.ix = Int32Array.from(COLUMNS, (c) => names.indexOf(c));
    this.width = names.length;
  }
}

/**
 * Streams events.csv (columns in any order; `detail` optional) into the
 * aggregator, rows in file order; `onRead` once per chunk. Returns the rows
 * it could not use whole (eventWarnings() words them): the report still
 * draws what it can, and `iesim check` names every problem.
 */
export async function readEvents(path: string, agg: EventAggregator, onRead?: ReadProgress): Promise<EventProblems> {
  const rows = new EventRows(path, agg);
  try {
    await readByteRecords(path, rows, undefined, onRead);
    return rows.problems;
  } catch (err) {
    if (err instanceof TimelineFormatError) throw new UserError(`cannot read ${path}: ${err.message}`);
    throw err;
  }
}

/** Warnings for the rows readEvents could not use whole (none for a timeline iesim wrote). */
export function eventWarnings(path: string, p: EventProblems): string[] {
  const w: string[] = [];
  const rows = (n: number) => plural(n, 'row', true);
  if (p.noTime > 0) w.push(`${path}: ${rows(p.noTime)} without a readable time left out of the charts (the first at line ${p.firstNoTime}; \`iesim check\` names every problem)`);
  if (p.ragged > 0) w.push(`${path}: ${rows(p.ragged)} with another number of fields than the header, read as far as they go (the first at line ${p.firstRagged})`);
  return w;
}
