/**
 * Splitting a timeline into records straight from the file's bytes. The
 * string tokenizer (csv.ts) cost a UTF-8 decode of the whole file plus a
 * string per field per row; here a record without a quote (every row a
 * simulator writes, but a detail holding a comma) is one pass over its bytes
 * that notes where each field starts and ends and hashes it on the way, so
 * the row reader can look its text up without decoding it (intern.ts).
 * A record holding a quote goes through csv.ts's parseQuotedRecord, so both
 * readers give the same records, the same line numbers and the same errors.
 * One buffer is reused for the whole file: memory does not grow with it.
 */
import { open } from 'node:fs/promises';
import { parseQuotedRecord, type LineCursor } from './csv.js';
import { TimelineFormatError } from './format-error.js';

/** Fields noted per record; a record with more is split as text (it is malformed anyway). */
export const MAX_FIELDS = 32;

/** Where each field of the current record lies in the buffer, and its fieldHash (intern.ts). */
export class FieldSpans {
  readonly starts = new Int32Array(MAX_FIELDS);
  readonly ends = new Int32Array(MAX_FIELDS);
  readonly hashes = new Int32Array(MAX_FIELDS);
}

export interface ByteRecordSink {
  /** A record without a quote: field i is buf[spans.starts[i], spans.ends[i]). */
  spans(buf: Buffer, spans: FieldSpans, count: number, line: number): void;
  /** Any other record, as text. */
  record(fields: string[], line: number): void;
}

const LF = 10;
const CR = 13;
const COMMA = 44;
const QUOTE = 34;

export class ByteRecords {
  private readonly at: LineCursor = { line: 1 };
  private readonly f = new FieldSpans();
  private first = true;
  /** Set while a quoted record's fields are with the sink: an error from there is the sink's own. */
  private inSink = false;
  private readonly latinSink = (fields: string[], line: number): void => {
    for (let i = 0; i < fields.length; i++) fields[i] = fromLatin1(fields[i]);
    this.inSink = true;
    this.sink.record(fields, line);
    this.inSink = false;
  };

  constructor(private readonly sink: ByteRecordSink) {}

  /**
   * Hands every complete record of buf[pos, end) to the sink; returns where
   * the unconsumed rest starts (an incomplete last record, unless `final`).
   */
  process(buf: Buffer, pos: number, end: number, final: boolean): number {
    if (this.first) {
      if (end - pos < 3 && !final) return pos;
      this.first = false;
      // A UTF-8 byte-order mark is not data.
      if (end - pos >= 3 && buf[pos] === 0xef && buf[pos + 1] === 0xbb && buf[pos + 2] === 0xbf) pos += 3;
    }
    const starts = this.f.starts, ends = this.f.ends, hashes = this.f.hashes;
    while (pos < end) {
      let i = pos, n = 0, from = pos, h = 0, quoted = false;
      for (;;) {
        if (i >= end) {
          if (!final) return pos;
          break;
        }
        const c = buf[i];
        if (c === LF) break;
        if (c === COMMA) {
          if (n < MAX_FIELDS) {
            starts[n] = from;
            ends[n] = i;
            hashes[n] = h;
          }
          n++;
          from = i + 1;
          h = 0;
        } else if (c === QUOTE) {
          quoted = true;
          break;
        } else if (c !== CR) {
          h = (Math.imul(h, 31) + c) | 0;
        }
        i++;
      }
      if (quoted) {
        const next = this.quoted(buf, pos, end, final);
        if (next < 0) return pos; // the record continues past the buffer
        pos = next;
        continue;
      }
      let e = i;
      if (e > pos && buf[e - 1] === CR) e--;
      // A blank line carries no record; it still counts as a line.
      if (e > pos) {
        if (n < MAX_FIELDS) {
          starts[n] = from;
          ends[n] = e;
          hashes[n] = h;
        }
        n++;
        if (n <= MAX_FIELDS) this.sink.spans(buf, this.f, n, this.at.line);
        else this.sink.record(buf.toString('utf8', pos, e).split(','), this.at.line);
      }
      this.at.line++;
      pos = i + 1;
    }
    return Math.min(pos, end);
  }

  /**
   * A record holding a quote, by csv.ts's rules. Its text is taken as Latin-1
   * (one char a byte, so positions carry over; the CSV's own characters are
   * ASCII and never part of a UTF-8 sequence), its fields then read as UTF-8.
   * Returns the position after it, or -1 when it does not end in the buffer.
   */
  private quoted(buf: Buffer, pos: number, end: number, final: boolean): number {
    let stop = buf.indexOf(LF, pos);
    for (;;) {
      if (stop < 0 && !final) return -1;
      const last = stop < 0 ? end : Math.min(stop + 1, end);
      const isFinal = final && last === end;
      let r: number;
      try {
        r = parseQuotedRecord(buf.toString('latin1', pos, last), 0, isFinal, this.at, this.latinSink);
      } catch (err) {
        if (this.inSink || !(err instanceof TimelineFormatError)) throw err;
        // Bad CSV: the message quotes a character, so let the UTF-8 text say it.
        parseQuotedRecord(buf.toString('utf8', pos, last), 0, isFinal, { line: this.at.line }, () => {});
        throw err;
      }
      if (r >= 0) return pos + r;
      if (last >= end) return -1;
      stop = buf.indexOf(LF, last);
    }
  }
}

function fromLatin1(s: string): string {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) >= 0x80) return Buffer.from(s, 'latin1').toString('utf8');
  return s;
}

/** Told after each chunk: bytes read so far and the file's size (for a progress bar; once per chunk, never per record). */
export type ReadProgress = (bytesRead: number, fileSize: number) => void;

/** Room before a buffer's chunk for the record the previous chunk ended in (a row is ~80 bytes). */
const CARRY_ROOM = 64 * 1024;

/**
 * Streams a file's records to `sink`. The next chunk is read (on the thread
 * pool) while this one is checked: a read that has to go to the disk is
 * hidden behind the checking, as the old stream's read-ahead did. Two
 * buffers take turns, each read into after CARRY_ROOM bytes; the record a
 * chunk ends in is copied into the other buffer's room, just before the
 * chunk being read there, so the file's bytes are never copied (before,
 * each chunk was read into a spare buffer and appended to the rest of the
 * last: every byte of the file copied once, and the copies evicting what the
 * checker had in the cache). A record longer than the room (malformed, or a
 * huge quoted detail) is carried in a buffer of its own. Rejects with the
 * file system's error when the file cannot be read, and with whatever the
 * sink throws.
 */
export async function readByteRecords(path: string, sink: ByteRecordSink, size = 1 << 20, onRead?: ReadProgress): Promise<void> {
  const records = new ByteRecords(sink);
  const file = await open(path, 'r');
  const total = onRead ? (await file.stat()).size : 0;
  let done = 0;
  let cur = Buffer.allocUnsafe(CARRY_ROOM + size);
  let other = Buffer.allocUnsafe(CARRY_ROOM + size);
  let pending = file.read(cur, CARRY_ROOM, size, null);
  try {
    // cur's unread bytes start at `start` (the carried record), or at `carry` when it did not fit.
    let start = CARRY_ROOM;
    let carry: Buffer | null = null;
    for (;;) {
      const got = (await pending).bytesRead;
      let buf = cur, from = start, end = CARRY_ROOM + got;
      if (carry !== null) {
        buf = Buffer.concat([carry, cur.subarray(CARRY_ROOM, end)]);
        from = 0;
        end = buf.length;
        carry = null;
      }
      const final = got === 0;
      if (!final) pending = file.read(other, CARRY_ROOM, size, null);
      const used = records.process(buf, from, end, final);
      done += got;
      onRead?.(done, total);
      if (final) return;
      const rest = end - used;
      if (rest <= CARRY_ROOM) {
        buf.copy(other, CARRY_ROOM - rest, used, end);
        start = CARRY_ROOM - rest;
      } else {
        carry = Buffer.from(buf.subarray(used, end));
        start = CARRY_ROOM;
      }
      const t = cur;
      cur = other;
      other = t;
    }
  } finally {
    await pending.catch(() => undefined); // never close the file under a read
    await file.close();
  }
}

/** The records of a text held in memory (tests, small inputs): the same path as a file's. */
export function processText(text: string, sink: ByteRecordSink): void {
  const buf = Buffer.from(text, 'utf8');
  new ByteRecords(sink).process(buf, 0, buf.length, true);
}
