/**
 * A streaming RFC 4180 CSV tokenizer, hand-written because the checker's
 * budget is about a microsecond a row: a line without a quote character is
 * split with String#split (the common case for timelines: only a `detail`
 * holding a comma is ever quoted); a line with one goes through a small state
 * machine that also handles quoted newlines and doubled quotes. It holds at
 * most one incomplete record between chunks, so memory does not grow with
 * the file. Measured against papaparse's streaming parser in the report.
 * The checker itself now reads bytes (byte-records.ts) and uses this file's
 * parseQuotedRecord for records holding a quote; `iesim diff` reads text here.
 */
import { createReadStream } from 'node:fs';
import { TimelineFormatError } from './format-error.js';

/** Receives each record's fields and the 1-based line where the record starts. */
export type RecordSink = (fields: string[], line: number) => void;

const QUOTE = 34;
const COMMA = 44;
const LF = 10;
const CR = 13;

export class CsvTokenizer {
  private carry = '';
  /** Line number of the next record's first line. */
  private readonly at: LineCursor = { line: 1 };
  private first = true;

  constructor(private readonly sink: RecordSink) {}

  /** Feeds the next piece of text (any split, even inside a record). */
  feed(chunk: string): void {
    let text = this.carry.length > 0 ? this.carry + chunk : chunk;
    if (this.first && text.length > 0) {
      this.first = false;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1); // a UTF-8 byte-order mark is not data
    }
    this.carry = text.slice(this.consume(text, false));
  }

  /** Ends the input: the last record may lack its newline; an open quote is an error. */
  end(): void {
    if (this.carry.length > 0) {
      const text = this.carry;
      this.carry = '';
      this.consume(text, true);
    }
  }

  /** Emits every complete record in `text`; returns where the unconsumed rest starts. */
  private consume(text: string, final: boolean): number {
    const n = text.length;
    let pos = 0;
    // Position of the next quote at or after pos (n when none): found once per
    // quote, not once per line, so a chunk without quotes costs one scan.
    let nextQuote = text.indexOf('"');
    if (nextQuote < 0) nextQuote = n;
    while (pos < n) {
      let nl = text.indexOf('\n', pos);
      if (nl < 0) {
        if (!final) return pos;
        nl = n;
      }
      if (nextQuote < pos) {
        nextQuote = text.indexOf('"', pos);
        if (nextQuote < 0) nextQuote = n;
      }
      if (nextQuote > nl) {
        let end = nl;
        if (end > pos && text.charCodeAt(end - 1) === CR) end--;
        if (end > pos) this.sink(text.slice(pos, end).split(','), this.at.line);
        // A blank line carries no record; it still counts as a line.
        this.at.line++;
        pos = nl + 1;
        continue;
      }
      const next = this.quotedRecord(text, pos, final);
      if (next < 0) return pos; // the record continues in the next chunk
      pos = next;
    }
    return n;
  }

  /**
   * Parses one record that holds a quote, starting at `start`. Returns the
   * position after its line end, or -1 when the text ends inside it (and the
   * input is not final).
   */
  private quotedRecord(text: string, start: number, final: boolean): number {
    return parseQuotedRecord(text, start, final, this.at, this.sink);
  }
}

/** Where a reader is: the 1-based line of the next record's first line. */
export interface LineCursor {
  line: number;
}

/**
 * Parses one record that holds a quote, starting at `start` of `text`, and
 * hands its fields to `sink` with `at.line`, then moves `at.line` past it.
 * Returns the position after its line end, or -1 when the text ends inside it and the input
 * is not final. Shared by CsvTokenizer and the byte reader (byte-records.ts).
 */
export function parseQuotedRecord(text: string, start: number, final: boolean, at: LineCursor, sink: RecordSink): number {
  const line = at.line;
  const n = text.length;
  const fields: string[] = [];
  let pos = start;
  let newlines = 0;
  for (;;) {
    // At the start of a field.
    if (pos < n && text.charCodeAt(pos) === QUOTE) {
      let value = '';
      let from = pos + 1;
      for (;;) {
        const q = text.indexOf('"', from);
        if (q < 0) {
          if (!final) return -1;
          throw new TimelineFormatError(line + newlines, String(fields.length + 1), 'a quoted field is never closed', fields.length + 1);
        }
        if (q + 1 >= n && !final) return -1; // cannot tell "" from " yet
        value += text.slice(from, q);
        if (text.charCodeAt(q + 1) === QUOTE) {
          value += '"';
          from = q + 2;
          continue;
        }
        pos = q + 1;
        break;
      }
      newlines += countNewlines(value);
      fields.push(value);
      if (pos >= n && !final) return -1; // a comma may still follow in the next chunk
      const c = pos < n ? text.charCodeAt(pos) : LF;
      if (c === COMMA) {
        pos++;
        continue;
      }
      if (c === CR && pos + 1 < n && text.charCodeAt(pos + 1) === LF) pos++;
      else if (c === CR && pos + 1 >= n && !final) return -1;
      if (c === LF || c === CR) {
        sink(fields, line);
        at.line += newlines + 1;
        return Math.min(pos + 1, n);
      }
      throw new TimelineFormatError(line + newlines, String(fields.length), `unexpected character ${JSON.stringify(text[pos])} after a closing quote`, fields.length);
    }
    // An unquoted field: up to the next comma or line end. A stray quote
    // inside it is kept as text (as most CSV readers do).
    let end = pos;
    while (end < n) {
      const c = text.charCodeAt(end);
      if (c === COMMA || c === LF) break;
      end++;
    }
    if (end >= n && !final) return -1;
    let value = text.slice(pos, end);
    const atLineEnd = end >= n || text.charCodeAt(end) === LF;
    if (atLineEnd && value.length > 0 && value.charCodeAt(value.length - 1) === CR) value = value.slice(0, -1);
    fields.push(value);
    if (!atLineEnd) {
      pos = end + 1;
      continue;
    }
    sink(fields, line);
    at.line += newlines + 1;
    return Math.min(end + 1, n);
  }
}

function countNewlines(s: string): number {
  let k = 0;
  for (let i = s.indexOf('\n'); i >= 0; i = s.indexOf('\n', i + 1)) k++;
  return k;
}

/**
 * Streams a file's records to `sink`, 64 KiB at a time (chunks that small
 * die young in V8's heap; 1 MiB ones cost more memory and no less time). Rejects with a
 * NodeJS.ErrnoException when the file cannot be read, and with
 * TimelineFormatError on bad CSV (or whatever `sink` throws: it stops the read).
 */
export async function readCsvFile(path: string, sink: RecordSink): Promise<void> {
  const tokenizer = new CsvTokenizer(sink);
  const stream = createReadStream(path, { encoding: 'utf8', highWaterMark: 1 << 16 });
  try {
    for await (const chunk of stream) tokenizer.feed(chunk as string);
    tokenizer.end();
  } finally {
    stream.destroy();
  }
}

/** Parses a whole CSV text (tests, small inputs). */
export function parseCsvText(text: string, sink: RecordSink): void {
  const tokenizer = new CsvTokenizer(sink);
  tokenizer.feed(text);
  tokenizer.end();
}

export interface CsvRecord {
  fields: string[];
  line: number;
}

/**
 * Pull-style reading of a CSV file, a chunk of records at a time, for
 * consumers that walk two files in step (`iesim diff`). `take()` is
 * synchronous while the current chunk lasts; `fill()` reads on.
 */
export class CsvRecordReader {
  private buffer: CsvRecord[] = [];
  private at = 0;
  private ended = false;
  private readonly stream;
  private readonly chunks: AsyncIterator<string | Buffer>;
  private readonly tokenizer: CsvTokenizer;

  constructor(path: string) {
    this.stream = createReadStream(path, { encoding: 'utf8', highWaterMark: 1 << 18 });
    this.chunks = this.stream[Symbol.asyncIterator]();
    this.tokenizer = new CsvTokenizer((fields, line) => this.buffer.push({ fields, line }));
  }

  /** The next record already read, or undefined when `fill()` must read more. */
  take(): CsvRecord | undefined {
    return this.at < this.buffer.length ? this.buffer[this.at++] : undefined;
  }

  /** Reads until at least one more record is buffered; false at the end of the file. */
  async fill(): Promise<boolean> {
    if (this.at < this.buffer.length) return true;
    this.buffer = [];
    this.at = 0;
    while (this.buffer.length === 0) {
      if (this.ended) return false;
      const r = await this.chunks.next();
      if (r.done) {
        this.ended = true;
        this.tokenizer.end();
      } else {
        this.tokenizer.feed(r.value as string);
      }
    }
    return true;
  }

  /** The next record, or null at the end. */
  async next(): Promise<CsvRecord | null> {
    return this.take() ?? ((await this.fill()) ? this.take()! : null);
  }

  close(): void {
    this.stream.destroy();
  }
}
