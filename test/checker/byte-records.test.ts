/**
 * The byte reader (byte-records.ts, row-reader.ts, intern.ts, registry.ts)
 * must read every file exactly as the text tokenizer (csv.ts) does: the same
 * records, lines and errors, whatever the chunk size, and the same violations.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CsvTokenizer, TimelineChecker, TimelineFormatError, checkTimelineFile, checkTimelineText } from '../../src/checker/index.js';
import { processText, readByteRecords, type ByteRecordSink } from '../../src/checker/byte-records.js';
import { decode } from '../../src/checker/intern.js';
import { Registry } from '../../src/checker/registry.js';
import { tl } from './helpers.js';
import { toRowForTest } from './row-helper.js';

const dir = mkdtempSync(join(tmpdir(), 'iesim-bytes-'));

function collector(): { sink: ByteRecordSink; got: [string[], number][] } {
  const got: [string[], number][] = [];
  return {
    got,
    sink: {
      spans: (buf, f, count, line) => got.push([Array.from({ length: count }, (_, i) => decode(buf, f.starts[i], f.ends[i])), line]),
      record: (fields, line) => got.push([[...fields], line]),
    },
  };
}

function byTokenizer(text: string): [string[], number][] {
  const got: [string[], number][] = [];
  const t = new CsvTokenizer((f, line) => got.push([f, line]));
  t.feed(text);
  t.end();
  return got;
}

const TEXTS = [
  'a,b,c\r\n"x,1","say ""hi""",z\n"multi\nline",2,3\n\nlast,row,"q"',
  '\uFEFFtime,kind\nJ-é,ü"x\n,,\n\r\n"é,ü",ß\r\nend',
  'one\ntwo\r\nthree\n',
];

describe('byte records', () => {
  it('gives the text tokenizer\'s records and lines (quotes, CRLF, blank lines, BOM, UTF-8)', () => {
    for (const text of TEXTS) {
      const c = collector();
      processText(text, c.sink);
      expect(c.got).toEqual(byTokenizer(text));
    }
  });

  it('gives the same records from a file read in chunks of any size', async () => {
    for (const [k, text] of TEXTS.entries()) {
      const file = join(dir, `t${k}.csv`);
      writeFileSync(file, text);
      for (const size of [1, 2, 3, 5, 8, 64]) {
        const c = collector();
        await readByteRecords(file, c.sink, size);
        expect(c.got, `chunk ${size}`).toEqual(byTokenizer(text));
      }
    }
  });

  it('gives the same records when one is longer than the room kept for a record split across chunks (64 KB)', async () => {
    const long = 'x'.repeat(100_000);
    const quoted = `"${'q,'.repeat(75_000)}",c,"say ""${long}"""`;
    const text = `time,kind,detail\na,b,${long}\n${quoted}\nlast,row,z\n${long}`;
    const file = join(dir, 'long.csv');
    writeFileSync(file, text);
    for (const size of [1000, 4096, 65_536, 1 << 20]) {
      const c = collector();
      await readByteRecords(file, c.sink, size);
      expect(c.got, `chunk ${size}`).toEqual(byTokenizer(text));
    }
  });

  it('reports bad quoting as the text tokenizer does, naming the character', () => {
    for (const text of ['a,b\n"x"é,1\n', 'a\n"open\nmore\n']) {
      let want: unknown;
      try {
        byTokenizer(text);
      } catch (err) {
        want = err;
      }
      expect(want).toBeInstanceOf(TimelineFormatError);
      expect(() => processText(text, collector().sink)).toThrow((want as Error).message);
    }
  });
});

describe('registry cache', () => {
  it('never returns a record after it was removed, even one still in its cache slot', () => {
    const reg = new Registry<{ id: string; registered: boolean }>(4);
    const buf = Buffer.from('J1');
    const hash = (Math.imul(74, 31) + 49) | 0; // the fieldHash of the bytes J1
    const a = { id: 'J1', registered: false };
    reg.add(a);
    expect(reg.get('J1', hash)).toBe(a); // now cached
    expect(reg.cached(buf, 0, 2, hash)).toBe(a);
    reg.delete('J1');
    expect(reg.cached(buf, 0, 2, hash)).toBeUndefined();
    expect(reg.get('J1', hash, a)).toBeUndefined();
    const b = { id: 'J1', registered: false };
    reg.add(b);
    expect(reg.get('J1', hash, a)).toBe(b);
  });

  it('a job deleted and put again under its ID is a new job (file and push agree)', async () => {
    const text = tl(`
      d0,put,job,J1,J1,,,,,type=import;drives=1
      d0,state,job,J1,J1,,Creating,,,
      d0,state,drive,J1-D01,J1,,Specified,,,
      d1,delete,job,J1,J1,Creating,,R-DELETE,,
      d2,state,drive,J1-D01,J1,Specified,Received,,,
      d3,put,job,J1,J1,,,,,type=export;drives=1
      d3,state,job,J1,J1,,Creating,,,
      d3,state,drive,J1-D01,J1,,Received,,,
      d4,state,job,J1,J1,Shipping,Received,R-RECEIVED,,`);
    const viaText = checkTimelineText(text);
    expect(viaText.violations.map((v) => [v.rule, v.line])).toEqual([['R-DRIVE-TRANSITIONS', 6], ['R-JOB-TRANSITIONS', 10]]);
    const file = join(dir, 'again.csv');
    writeFileSync(file, text);
    expect(await checkTimelineFile(file)).toEqual(viaText);
    const checker = new TimelineChecker();
    text.trim().split('\n').slice(1).forEach((l, i) => checker.push(toRowForTest(l.split(',')), i + 2));
    expect(checker.finish()).toEqual(viaText);
  });
});
