/**
 * From records to checked rows: the header first, then each data record
 * pushed into the checker. A record the byte splitter noted as spans is
 * turned into a row without decoding it: its time read from the bytes, every
 * other field looked up in the interner (one string per distinct text, not
 * one per row). Anything unusual (a time not in the canonical shape or out of
 * order, a field count that differs from the header's) takes the text path,
 * which reports it exactly as before.
 */
import type { TimelineRow } from '../spec/timeline.js';
import type { DriveRec, JobRec } from './records.js';
import type { Registry } from './registry.js';
import type { IdTable } from './id-table.js';
import type { CompactJob } from './compact.js';
import { MAX_FIELDS, type ByteRecordSink, type FieldSpans } from './byte-records.js';
import { SpanBatch } from './span-batch.js';
import { BatchWarmer } from './batch-warmer.js';
import type { TimelineChecker } from './checker.js';
import { ByteInterner, decode } from './intern.js';
import { InstantParser } from './instant.js';
import { emptyRow, readHeader, toRow, type CheckRow, type ColumnMap } from './row.js';

/** Length of a canonical instant, 2026-03-01T08:00:00.000Z. */
const CANONICAL_TIME = 24;

export class RowReader implements ByteRecordSink {
  private cols: ColumnMap | null = null;
  /** Refilled for each record: push copies what it needs. */
  private readonly row: CheckRow = emptyRow();
  /** Kinds, entities, states and rules: a few dozen texts, a small table that stays in cache. */
  private readonly words = new ByteInterner(10, true);
  /** Packages and details (IDs come from the registries' caches). */
  private readonly names = new ByteInterner(14, false);
  private readonly instants = new InstantParser();
  private readonly jobs: Registry<JobRec>;
  private readonly drives: Registry<DriveRec>;
  private readonly compacted: IdTable<CompactJob>;
  /** Records held back (span-batch.ts), and the buffer their spans point into. */
  private readonly batch = new SpanBatch();
  private batchBuf: Buffer | null = null;
  private readonly warmer: BatchWarmer;

  constructor(private readonly checker: TimelineChecker) {
    this.jobs = checker.jobs;
    this.drives = checker.drives;
    this.compacted = checker.compacted;
    this.warmer = new BatchWarmer(this.jobs, this.drives, this.compacted);
  }

  get sawHeader(): boolean {
    return this.cols !== null;
  }

  record(fields: string[], line: number): void {
    this.flush();
    if (this.cols === null) this.cols = readHeader(fields, line);
    else this.checker.push(toRow(fields, line, this.cols, this.row), line);
  }

  spans(buf: Buffer, f: FieldSpans, count: number, line: number): void {
    const cols = this.cols;
    if (cols === null || count !== cols.width) {
      this.record(textOf(buf, f, count), line);
      return;
    }
    this.batchBuf = buf;
    if (this.batch.add(f, count, line)) this.flush();
  }

  /**
   * Checks the records held back, in order, once what they will read has
   * been read ahead for all of them (batch-warmer.ts), so that the cache
   * misses overlap instead of coming one row at a time.
   */
  flush(): void {
    const b = this.batch, n = b.size, buf = this.batchBuf;
    if (n === 0 || buf === null) return;
    this.warmer.warm(b);
    // Emptied before checking: a check that throws leaves no record behind to check again.
    b.size = 0;
    for (let k = 0, at = 0; k < n; k++, at += MAX_FIELDS) this.check(buf, at, b.lines[k]);
  }

  /** Checks the batch's record whose spans start at `at`. */
  private check(buf: Buffer, at: number, line: number): void {
    const cols = this.cols!, b = this.batch, s = b.starts, e = b.ends, h = b.hashes, r = this.row, words = this.words, names = this.names;
    r.kind = words.get(buf, s[at + 1], e[at + 1], h[at + 1]) as TimelineRow['kind'];
    r.entity = words.get(buf, s[at + 2], e[at + 2], h[at + 2]) as TimelineRow['entity'];
    this.ids(buf, s[at + 3], e[at + 3], h[at + 3], s[at + 4], e[at + 4], h[at + 4], r.entity === 'drive');
    r.from = words.get(buf, s[at + 5], e[at + 5], h[at + 5]);
    r.to = words.get(buf, s[at + 6], e[at + 6], h[at + 6]);
    r.rule = words.get(buf, s[at + 7], e[at + 7], h[at + 7]);
    const p = at + cols.packageAt, d = at + cols.detailAt;
    r.package = cols.packageAt >= 0 ? names.get(buf, s[p], e[p], h[p]) : '';
    r.detail = cols.detailAt >= 0 ? names.get(buf, s[d], e[d], h[d]) : '';
    const t = e[at] - s[at] === CANONICAL_TIME ? this.instants.parseBytes(buf, s[at]) : NaN;
    if (t >= this.checker.lastTime) {
      this.checker.pushTimed(r, t, line);
    } else {
      r.time = decode(buf, s[at], e[at]);
      this.checker.push(r, line);
    }
  }

  /** The id and job columns: their records from the registries when there (no text decoded), else their text. */
  private ids(buf: Buffer, is: number, ie: number, ih: number, js: number, je: number, jh: number, drive: boolean): void {
    const r = this.row, jobs = this.jobs;
    r.jobHash = jh;
    const job = jobs.cached(buf, js, je, jh);
    r.jobRec = job ?? null;
    r.job = job !== undefined ? job.id : this.idText(buf, js, je, jh);
    if (drive) {
      r.idHash = ih;
      const x = this.drives.cached(buf, is, ie, ih);
      r.idDrive = x ?? null;
      r.idJob = null;
      r.id = x !== undefined ? x.id : decode(buf, is, ie);
    } else if (ie - is === je - js && ih === jh && sameBytes(buf, is, js, ie - is)) {
      // A job row: its id is its job column.
      r.idHash = r.jobHash;
      r.idJob = r.jobRec;
      r.idDrive = null;
      r.id = r.job;
    } else {
      r.idHash = ih;
      const j = jobs.cached(buf, is, ie, ih);
      r.idJob = j ?? null;
      r.idDrive = null;
      r.id = j !== undefined ? j.id : this.idText(buf, is, ie, ih);
    }
  }

  /** A job ID not among the live records: a compacted job's own string (its deliver and delete rows), else decoded. */
  private idText(buf: Buffer, start: number, end: number, hash: number): string {
    const c = this.compacted.findBytes(buf, start, end, hash);
    return c !== undefined ? c.id : decode(buf, start, end);
  }
}

/** Whether buf[a, a + len) and buf[b, b + len) hold the same bytes (an ID is short: a loop beats a native call). */
function sameBytes(buf: Buffer, a: number, b: number, len: number): boolean {
  for (let i = 0; i < len; i++) if (buf[a + i] !== buf[b + i]) return false;
  return true;
}

function textOf(buf: Buffer, f: FieldSpans, count: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < count; i++) out.push(decode(buf, f.starts[i], f.ends[i]));
  return out;
}
