/**
 * The floor of checking a timeline on one thread: what reading a file and
 * finding each row's job and drive costs before any rule is checked.
 * `npm run bench:checker-floor -- <events.csv>` prints one JSON line.
 *
 * The checker's own pieces: its byte splitter (src/checker/byte-records.ts:
 * one pass over the bytes, fields noted and hashed on the way), its instant
 * parser (instant.ts) and its ID tables (id-table.ts: a lookup straight from
 * a field's bytes, the key inline in a one-line slot). Per row only what any
 * checker must do: its kind and states as word codes (a small table by the
 * field's hash), its time, its job found by the job column's bytes, its
 * drive likewise for a drive row (an ID seen first is decoded and added, as
 * the checker does), and the job's and the drive's record (128 bytes each,
 * in one Float64Array) read and updated. No object per row or record: what
 * this costs is the file, the tables and the records' cache misses. Records
 * and table entries are never freed (a floor: the live ones are the latest
 * made, side by side, which favours it over a checker that reuses freed
 * records), so memory grows with the file.
 *
 * `npm run bench:checker-floor -- <events.csv> objects`: the same work with
 * each record an object (as the checker's JobRec and DriveRec: numbers as
 * fields, a drive's record pointing at its job's), found through the same
 * ID tables: what records as objects cost against rows of one typed array.
 */
import { performance } from 'node:perf_hooks';
import { readByteRecords, type ByteRecordSink, type FieldSpans } from '../src/checker/byte-records.js';
import { IdTable } from '../src/checker/id-table.js';
import { InstantParser } from '../src/checker/instant.js';
import { decode } from '../src/checker/intern.js';
import { RowTable } from './row-table.js';

const STRIDE = 16;

/** IDs to record numbers (the checker's IdTable), the records rows of one Float64Array. */
class Records {
  private readonly ids = new IdTable<number>(20);
  private readonly table = new RowTable(STRIDE);

  get records(): Float64Array {
    return this.table.rows;
  }

  /** The record of the ID in buf[s, e), made when new. */
  find(buf: Buffer, s: number, e: number, h: number): number {
    const found = this.ids.findBytes(buf, s, e, h);
    if (found !== undefined) return found;
    const r = this.table.take();
    this.ids.set(decode(buf, s, e), r);
    return r;
  }
}

/** What every floor does per row: the time, the word codes, then its records (`touch`). */
abstract class FloorRows implements ByteRecordSink {
  rows = 0;
  sum = 0;
  private readonly words = new Int32Array(4096).fill(-1);
  private wordCount = 0;
  private readonly instants = new InstantParser();

  private word(h: number): number {
    const i = h & 4095;
    if (this.words[i] < 0) this.words[i] = this.wordCount++;
    return this.words[i];
  }

  spans(buf: Buffer, f: FieldSpans, count: number): void {
    const s = f.starts, e = f.ends, h = f.hashes;
    if (count < 8 || buf[s[0]] === 116 /* the header's "time" */) return;
    this.rows++;
    this.instants.readBytes(buf, s[0]);
    const t = this.instants.ms;
    const kind = this.word(h[1]), entity = this.word(h[2]), from = this.word(h[5]), to = this.word(h[6]), rule = this.word(h[7]);
    if (e[4] <= s[4]) return; // a row of no job (a drive of no job): no job or drive to find
    this.touch(buf, f, t, to, rule + kind * 64 + from * 4096, entity);
  }

  /** Reads and updates the row's job record and, for a drive row, its drive's. */
  protected abstract touch(buf: Buffer, f: FieldSpans, t: number, to: number, codes: number, entity: number): void;

  record(): void {
    this.rows++;
  }
}

/** Records as rows of one Float64Array. */
class TypedRecords extends FloorRows {
  private readonly jobs = new Records();
  private readonly drives = new Records();

  protected touch(buf: Buffer, f: FieldSpans, t: number, to: number, codes: number, entity: number): void {
    const s = f.starts, e = f.ends, h = f.hashes;
    const j = this.jobs.find(buf, s[4], e[4], h[4]) * STRIDE, jr = this.jobs.records;
    this.sum += jr[j] + jr[j + 3];
    jr[j] = to;
    jr[j + 1] = t;
    jr[j + 2]++;
    jr[j + 9] = codes;
    if (e[3] - s[3] !== e[4] - s[4]) {
      const drives = this.drives, x = drives.find(buf, s[3], e[3], h[3]) * STRIDE, dr = drives.records;
      this.sum += dr[x] + dr[x + 5];
      dr[x] = to;
      dr[x + 1] = t;
      dr[x + 2] = entity;
    }
  }
}

/** A job's record as an object: the fields the typed record's numbers stand for. */
class JobObject {
  state = 0;
  at = 0;
  rows = 0;
  due = 0;
  last = 0;
  constructor(readonly id: string) {}
}

class DriveObject {
  state = 0;
  at = 0;
  entity = 0;
  due = 0;
  constructor(readonly id: string, readonly job: JobObject) {}
}

/** Records as objects in the ID tables, as the checker's. */
class ObjectRecords extends FloorRows {
  private readonly jobs = new IdTable<JobObject>(20);
  private readonly drives = new IdTable<DriveObject>(20);

  protected touch(buf: Buffer, f: FieldSpans, t: number, to: number, codes: number, entity: number): void {
    const s = f.starts, e = f.ends, h = f.hashes;
    let job = this.jobs.findBytes(buf, s[4], e[4], h[4]);
    if (job === undefined) {
      job = new JobObject(decode(buf, s[4], e[4]));
      this.jobs.set(job.id, job);
    }
    this.sum += job.state + job.due;
    job.state = to;
    job.at = t;
    job.rows++;
    job.last = codes;
    if (e[3] - s[3] !== e[4] - s[4]) {
      let d = this.drives.findBytes(buf, s[3], e[3], h[3]);
      if (d === undefined) {
        d = new DriveObject(decode(buf, s[3], e[3]), job);
        this.drives.set(d.id, d);
      }
      this.sum += d.state + d.due;
      d.state = to;
      d.at = t;
      d.entity = entity;
    }
  }
}

const path = process.argv[2];
if (!path) throw new Error('usage: checker-floor <events.csv> [objects]');
const sink = process.argv[3] === 'objects' ? new ObjectRecords() : new TypedRecords();
const t0 = performance.now();
await readByteRecords(path, sink);
const sec = (performance.now() - t0) / 1000;
console.log(JSON.stringify({ records: sink instanceof ObjectRecords ? 'objects' : 'typed', rows: sink.rows, seconds: +sec.toFixed(3), rowsPerSecond: Math.round(sink.rows / sec), peakRssMiB: +(process.resourceUsage().maxRSS / 1024).toFixed(1), sum: sink.sum % 1e6 }));
