/**
 * The floor of checking a timeline on one thread: what reading a file and
 * finding each row's job and drive costs before any rule is checked.
 * `npm run bench:checker-floor -- <events.csv>` prints one JSON line.
 *
 * The checker's own byte splitter (src/checker/byte-records.ts: one pass
 * over the bytes, fields noted and hashed on the way), then per row only
 * what any checker must do: its kind and states as word codes (a small
 * table by the field's hash), its time from the ISO text, its job found by
 * the job column's bytes in an open-addressing table (keys compared byte by
 * byte), its drive likewise for a drive row, and the job's and the drive's
 * record (128 bytes each, in one Float64Array) read and updated. No objects
 * per row, job or drive: what this costs is the file, the tables and the
 * records' cache misses. Records are never freed (a floor: the live ones
 * are the latest made, side by side, which favours it over a checker that
 * reuses freed records), so memory grows with the file.
 */
import { performance } from 'node:perf_hooks';
import { readByteRecords, type ByteRecordSink, type FieldSpans } from '../src/checker/byte-records.js';

const STRIDE = 16;
const KEY_BYTES = 16;

/** IDs to slots: open addressing by the field's hash, keys kept as bytes. */
class IdTable {
  private mask: number;
  private slots: Int32Array;
  private hashes: Int32Array;
  private keys = new Uint8Array(1024 * KEY_BYTES);
  private keyLength = new Uint8Array(1024);
  private next = 0;
  records = new Float64Array(1024 * STRIDE);

  constructor(capacity = 1 << 22) {
    this.mask = capacity - 1;
    this.slots = new Int32Array(capacity).fill(-1);
    this.hashes = new Int32Array(capacity);
  }

  /** The record slot of buf[s, e), made when new. */
  find(buf: Uint8Array, s: number, e: number, h: number): number {
    const n = e - s;
    for (let i = (Math.imul(h, 0x9e3779b1) >>> 10) & this.mask; ; i = (i + 1) & this.mask) {
      const slot = this.slots[i];
      if (slot < 0) return this.add(i, buf, s, n, h);
      if (this.hashes[i] !== h || this.keyLength[slot] !== n) continue;
      const k = slot * KEY_BYTES;
      let same = true;
      for (let j = 0; j < n && same; j++) same = this.keys[k + j] === buf[s + j];
      if (same) return slot;
    }
  }

  private add(i: number, buf: Uint8Array, s: number, n: number, h: number): number {
    const slot = this.next++;
    if (slot >= this.keyLength.length) this.grow();
    this.slots[i] = slot;
    this.hashes[i] = h;
    this.keyLength[slot] = Math.min(n, KEY_BYTES);
    this.keys.set(buf.subarray(s, s + Math.min(n, KEY_BYTES)), slot * KEY_BYTES);
    this.records.fill(0, slot * STRIDE, slot * STRIDE + STRIDE);
    if (this.next * 4 > this.mask * 3) throw new Error('checker-floor: table full (more than 3M IDs)');
    return slot;
  }

  private grow(): void {
    const n = this.keyLength.length * 2;
    const keys = new Uint8Array(n * KEY_BYTES); keys.set(this.keys); this.keys = keys;
    const lens = new Uint8Array(n); lens.set(this.keyLength); this.keyLength = lens;
    const recs = new Float64Array(n * STRIDE); recs.set(this.records); this.records = recs;
  }
}

class FloorSink implements ByteRecordSink {
  rows = 0;
  sum = 0;
  private readonly words = new Int32Array(4096).fill(-1);
  private wordCount = 0;
  private readonly jobs = new IdTable(1 << Number(process.env.JOB_BITS ?? 22));
  private readonly drives = new IdTable(1 << Number(process.env.DRIVE_BITS ?? 22));
  private day = -1;
  private dayMs = 0;

  private word(h: number): number {
    const i = h & 4095;
    if (this.words[i] < 0) this.words[i] = this.wordCount++;
    return this.words[i];
  }

  spans(buf: Buffer, f: FieldSpans, count: number): void {
    const s = f.starts, e = f.ends, h = f.hashes;
    if (count < 8 || buf[s[0]] === 116 /* the header's "time" */) return;
    this.rows++;
    // Time: the date changes rarely (a day's ms cached), the rest is digits.
    const t0 = s[0];
    const dayKey = (buf[t0 + 8] - 48) * 10 + buf[t0 + 9] - 48 + ((buf[t0 + 5] - 48) * 10 + buf[t0 + 6] - 48) * 100;
    if (dayKey !== this.day) {
      this.day = dayKey;
      this.dayMs = Date.UTC(
        (buf[t0] - 48) * 1000 + (buf[t0 + 1] - 48) * 100 + (buf[t0 + 2] - 48) * 10 + buf[t0 + 3] - 48,
        (buf[t0 + 5] - 48) * 10 + buf[t0 + 6] - 49, (buf[t0 + 8] - 48) * 10 + buf[t0 + 9] - 48);
    }
    const d = (i: number) => buf[t0 + i] - 48;
    const t = this.dayMs + ((d(11) * 10 + d(12)) * 3600 + (d(14) * 10 + d(15)) * 60 + d(17) * 10 + d(18)) * 1000 + d(20) * 100 + d(21) * 10 + d(22);
    const kind = this.word(h[1]), entity = this.word(h[2]), from = this.word(h[5]), to = this.word(h[6]), rule = this.word(h[7]);
    if (e[4] <= s[4]) return; // a row of no job (a drive of no job): its drive only, below
    const j = this.jobs.find(buf, s[4], e[4], h[4]) * STRIDE, jr = this.jobs.records;
    this.sum += jr[j] + jr[j + 3];
    jr[j] = to;
    jr[j + 1] = t;
    jr[j + 2]++;
    jr[j + 9] = rule + kind * 64 + from * 4096;
    if (e[3] - s[3] !== e[4] - s[4]) {
      const drives = this.drives, x = drives.find(buf, s[3], e[3], h[3]) * STRIDE, dr = drives.records;
      this.sum += dr[x] + dr[x + 5];
      dr[x] = to;
      dr[x + 1] = t;
      dr[x + 2] = entity;
    }
  }

  record(): void {
    this.rows++;
  }
}

const path = process.argv[2];
if (!path) throw new Error('usage: checker-floor <events.csv>');
const sink = new FloorSink();
const t0 = performance.now();
await readByteRecords(path, sink);
const sec = (performance.now() - t0) / 1000;
console.log(JSON.stringify({ rows: sink.rows, seconds: +sec.toFixed(3), rowsPerSecond: Math.round(sink.rows / sec), peakRssMiB: +(process.resourceUsage().maxRSS / 1024).toFixed(1), sum: sink.sum % 1e6 }));
