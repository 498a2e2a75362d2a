/**
 * From records to checked rows: the header first, then each data record
 * pushed into the checker. A record the byte splitter noted as spans is
 * turned into a row without decoding it: its time read from the bytes, its
 * vocabulary (kind, entity, states, rule) as codes and validated by them
 * (vocabulary.ts), its IDs found in the registries, its package and detail
 * looked up in an interner (one string per distinct text, not one per row).
 * Anything unusual (a time not in the canonical shape or out of order, a
 * word the codes do not pass, a field count that differs from the header's)
 * takes the text path, which reports it exactly as before.
 */
import type { TimelineRow } from '../spec/timeline.js';
import type { DriveRec, JobRec } from './records.js';
import type { Registry } from './registry.js';
import type { IdTable } from './id-table.js';
import type { CompactJob } from './compact.js';
import type { ByteRecordSink, FieldSpans } from './byte-records.js';
import type { TimelineChecker } from './checker.js';
import { ByteInterner, decode } from './intern.js';
import { DELETE, DRIVE, JOB, PUT, SHIP, STATE, WORDS, WordCodes, validCodes } from './vocabulary.js';
import { idHash } from './id-table.js';
import type { Partition } from './partition.js';
import { InstantParser } from './instant.js';
import { emptyRow, readHeader, toRow, type CheckRow, type ColumnMap } from './row.js';

/** Length of a canonical instant, 2026-03-01T08:00:00.000Z. */
const CANONICAL_TIME = 24;

export class RowReader implements ByteRecordSink {
  private cols: ColumnMap | null = null;
  /** Refilled for each record: push copies what it needs. */
  private readonly row: CheckRow = emptyRow();
  /** Kinds, entities, states and rules: a few dozen texts, a small table that stays in cache. */
  private readonly words = new WordCodes();
  /** Packages and details (IDs come from the registries' caches). */
  private readonly names = new ByteInterner(14);
  private readonly instants = new InstantParser();
  private readonly jobs: Registry<JobRec>;
  private readonly drives: Registry<DriveRec>;
  private readonly compacted: IdTable<CompactJob>;

  /** `partition`: check only its rows (partition.ts), and only the time of the others. */
  constructor(private readonly checker: TimelineChecker, private readonly partition: Partition | null = null) {
    this.jobs = checker.jobs;
    this.drives = checker.drives;
    this.compacted = checker.compacted;
  }

  get sawHeader(): boolean {
    return this.cols !== null;
  }

  record(fields: string[], line: number): void {
    if (this.cols === null) {
      this.cols = readHeader(fields, line);
      return;
    }
    const row = toRow(fields, line, this.cols, this.row) as CheckRow;
    const part = this.partition;
    if (part === null || this.ownsText(part, row, line)) {
      this.checker.push(row, line);
      return;
    }
    row.t = this.checker.timeOf(row.time, line);
    this.checker.other(row, line, part, row.kind === 'put' || row.kind === 'ship' || (row.entity === 'drive' && row.job === ''));
  }

  /** Whether this thread checks a row read as text (partition.ts): as ownsSpans decides for one read from bytes. */
  private ownsText(part: Partition, row: CheckRow, line: number): boolean {
    const job = row.job;
    if (job !== '') {
      // Its bytes' hash routes the same job's other rows: the same only for ASCII.
      for (let i = 0; i < job.length; i++) if (job.charCodeAt(i) >= 0x80) part.mark(line, 'a job ID that is not ASCII');
      if (!part.owns(idHash(job))) return false;
      if (row.entity === 'drive') part.checkDriveText(row.id, job, line);
      return true;
    }
    if (row.entity !== 'drive') return part.index === 0;
    return part.route(row.id, row.detail, this.checker.details) === part.index;
  }

  /** Whether this thread checks a row read from bytes (partition.ts). */
  private ownsSpans(part: Partition, buf: Buffer, f: FieldSpans): boolean {
    const s = f.starts, e = f.ends, h = f.hashes;
    if (e[4] > s[4]) return part.owns(h[4]);
    if (this.words.get(buf, s[2], e[2], h[2]) !== DRIVE) return part.index === 0;
    const d = this.cols!.detailAt;
    return part.route(decode(buf, s[3], e[3]), d >= 0 ? decode(buf, s[d], e[d]) : '', this.checker.details) === part.index;
  }

  /**
   * A row another thread checks: its time only (most of a thread's rows: no word or ID is looked
   * up), and for the few kinds that reach across jobs what other-rows.ts reads.
   */
  private other(part: Partition, buf: Buffer, f: FieldSpans, line: number): void {
    const s = f.starts, e = f.ends, h = f.hashes, r = this.row, cols = this.cols!, words = this.words;
    if (e[0] - s[0] === CANONICAL_TIME) {
      this.instants.readBytes(buf, s[0]);
      r.t = this.instants.ms;
    } else {
      r.t = NaN;
    }
    if (!this.checker.inOrder(r)) r.t = this.checker.timeOf(decode(buf, s[0], e[0]), line);
    // put and ship are the only 3- and 4-letter kinds that matter here: no lookup for the others.
    const n = e[1] - s[1];
    const kind = n === 3 || n === 4 ? words.get(buf, s[1], e[1], h[1]) : -1;
    const look = kind === PUT || kind === SHIP || (e[4] === s[4] && words.get(buf, s[2], e[2], h[2]) === DRIVE);
    if (look) {
      r.kind = (kind >= 0 ? WORDS[kind] : decode(buf, s[1], e[1])) as TimelineRow['kind'];
      r.entity = decode(buf, s[2], e[2]) as TimelineRow['entity'];
      r.id = decode(buf, s[3], e[3]);
      r.job = decode(buf, s[4], e[4]);
      r.rule = wordText(words.get(buf, s[7], e[7], h[7]), buf, s[7], e[7]);
      const p = cols.packageAt, d = cols.detailAt;
      r.package = p >= 0 ? decode(buf, s[p], e[p]) : '';
      r.detail = d >= 0 ? decode(buf, s[d], e[d]) : '';
    }
    this.checker.other(r, line, part, look);
  }

  spans(buf: Buffer, f: FieldSpans, count: number, line: number): void {
    const cols = this.cols;
    if (cols === null || count !== cols.width) {
      this.record(textOf(buf, f, count), line);
      return;
    }
    const s = f.starts, e = f.ends, h = f.hashes, r = this.row, words = this.words, names = this.names;
    const part = this.partition;
    if (part !== null && !this.ownsSpans(part, buf, f)) {
      this.other(part, buf, f, line);
      return;
    }
    const kind = words.get(buf, s[1], e[1], h[1]);
    const entity = words.get(buf, s[2], e[2], h[2]);
    if (part !== null && entity === DRIVE && e[4] > s[4]) part.checkDriveRow(buf, s[3], e[3], h[3], s[4], e[4], line);
    this.ids(buf, s[3], e[3], h[3], s[4], e[4], h[4], entity === DRIVE);
    const from = words.get(buf, s[5], e[5], h[5]);
    const to = words.get(buf, s[6], e[6], h[6]);
    const rule = words.get(buf, s[7], e[7], h[7]);
    const p = cols.packageAt, d = cols.detailAt;
    r.package = p >= 0 ? names.get(buf, s[p], e[p], h[p]) : '';
    r.detail = d >= 0 ? names.get(buf, s[d], e[d], h[d]) : '';
    if (e[0] - s[0] === CANONICAL_TIME) {
      this.instants.readBytes(buf, s[0]);
      r.t = this.instants.ms;
    } else {
      r.t = NaN;
    }
    const inOrder = this.checker.inOrder(r);
    if (inOrder && validCodes(kind, entity, from, to, rule) && r.id !== '' && (entity !== JOB || r.job === r.id)) {
      // Valid as row.ts's validateFieldsInto would find it: canonicalized as it would.
      r.kind = WORDS[kind] as TimelineRow['kind'];
      r.entity = WORDS[entity] as TimelineRow['entity'];
      r.from = kind === STATE || kind === DELETE ? WORDS[from] : '';
      r.to = kind === STATE ? WORDS[to] : '';
      r.rule = WORDS[rule];
      this.checker.pushValid(r, line);
      return;
    }
    r.kind = wordText(kind, buf, s[1], e[1]) as TimelineRow['kind'];
    r.entity = wordText(entity, buf, s[2], e[2]) as TimelineRow['entity'];
    r.from = wordText(from, buf, s[5], e[5]);
    r.to = wordText(to, buf, s[6], e[6]);
    r.rule = wordText(rule, buf, s[7], e[7]);
    if (inOrder) {
      this.checker.pushTimed(r, line);
    } else {
      r.time = decode(buf, s[0], e[0]);
      this.checker.push(r, line);
    }
  }

  /** The id and job columns: their records from the registries when there (no text decoded), else their text. */
  private ids(buf: Buffer, is: number, ie: number, ih: number, js: number, je: number, jh: number, drive: boolean): void {
    const r = this.row, jobs = this.jobs;
    r.jobHash = jh;
    if (drive) {
      r.idHash = ih;
      const x = this.drives.cached(buf, is, ie, ih);
      r.idDrive = x ?? null;
      r.idJob = null;
      r.id = x !== undefined ? x.id : decode(buf, is, ie);
      // Most drive rows name the drive's own job, whose record the drive points to: the registry
      // holds a registered record under its ID, so that is what a lookup would find (two fewer
      // cache misses: the table's slot and its record entry).
      const own = x !== undefined ? x.job : null;
      // The row's ID is the drive's (found by its bytes); when the drive's ID starts with its job's, the
      // job column is that job's ID if it is the ID column's first jobIdLength bytes (no read of own.id).
      const n = own !== null ? x!.jobIdLength : 0;
      if (own !== null && own.registered && (n > 0 ? je - js === n && sameBytes(buf, is, js, n) : idIs(buf, js, je, own.id))) {
        r.jobRec = own;
        r.job = own.id;
        return;
      }
    }
    const job = jobs.cached(buf, js, je, jh);
    r.jobRec = job ?? null;
    r.job = job !== undefined ? job.id : this.idText(buf, js, je, jh);
    if (drive) return;
    if (ie - is === je - js && ih === jh && sameBytes(buf, is, js, ie - is)) {
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

/** The text of a field whose word code is `code`: the word (the spec's constant), else the field decoded. */
function wordText(code: number, buf: Buffer, start: number, end: number): string {
  return code >= 0 ? WORDS[code] : decode(buf, start, end);
}

/** Whether buf[start, end) is the ASCII text `id` (an ID of the simulator's is ASCII; anything else just fails). */
function idIs(buf: Buffer, start: number, end: number, id: string): boolean {
  const len = end - start;
  if (id.length !== len) return false;
  for (let i = 0; i < len; i++) if (buf[start + i] !== id.charCodeAt(i)) return false;
  return true;
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
