/** Unreadable timelines: a TimelineFormatError naming the line and the column, never a rule violation. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CsvTokenizer, TimelineChecker, TimelineFormatError, checkTimelineFile, checkTimelineText } from '../../src/checker/index.js';
import { HEADER, tl } from './helpers.js';
import { checkTextInParts } from '../../src/checker/two-threads.js';

const good = tl(`
  d0,put,job,J1,J1,,,,,type=import;drives=0
  d0,state,job,J1,J1,,Creating,,,`);

function formatError(text: string): TimelineFormatError {
  try {
    checkTimelineText(text);
  } catch (err) {
    expect(err).toBeInstanceOf(TimelineFormatError);
    return err as TimelineFormatError;
  }
  throw new Error('no TimelineFormatError');
}

describe('malformed timelines', () => {
  it('a bad time names its line and the time column', () => {
    const e = formatError(`${good}2026-13-01T00:00:00.000Z,update,job,J1,J1,,,R-CREATING-RESET,,\n`);
    expect([e.line, e.column, e.columnIndex]).toEqual([4, 'time', 1]);
    expect(e.message).toMatch(/^line 4, column 1 \(time\): "2026-13-01T00:00:00.000Z" is not an ISO 8601 instant/);
  });

  it('a row after the end given by until names its line, on one thread and on two', () => {
    const text = `${good}2026-03-02T00:00:00.000Z,update,job,J1,J1,,,R-CREATING-RESET,,\n`;
    const until = '2026-03-01T12:00:00Z';
    const message = /^line 4, column 1 \(time\): 2026-03-02T00:00:00.000Z is after the end of the timeline given by until \(2026-03-01T12:00:00.000Z\)$/;
    expect(() => checkTimelineText(text, { until })).toThrow(message);
    expect(() => checkTextInParts(text, { until }, { reason: '' })).toThrow(message);
    // Rows at the end itself are part of the timeline.
    expect(checkTimelineText(text, { until: '2026-03-02T00:00:00.000Z' }).rows).toBe(3);
  });

  it('a time that is not ISO at all (or 30 February) is refused', () => {
    expect(formatError(`${good}March 2 2026,update,job,J1,J1,,,,,\n`).column).toBe('time');
    expect(formatError(`${good}2026-02-30T00:00:00.000Z,update,job,J1,J1,,,,,\n`).column).toBe('time');
  });

  it('other ISO 8601 forms are read (a date alone, no milliseconds, an offset)', () => {
    const text = `${HEADER}\n2026-03-01,put,job,J1,J1,,,,,type=import;drives=0\n2026-03-01T00:00Z,state,job,J1,J1,,Creating,,,\n2026-03-02T01:00:00+01:00,update,job,J1,J1,,,R-CREATING-RESET,,\n`;
    expect(checkTimelineText(text).violations).toEqual([]);
  });

  it('an unknown kind names the kind column', () => {
    const e = formatError(`${good}2026-03-02T00:00:00.000Z,teleport,job,J1,J1,,,,,\n`);
    expect([e.line, e.column, e.columnIndex]).toEqual([4, 'kind', 2]);
  });

  it('a wrong field count names the line and the first missing (or extra) column', () => {
    const short = formatError(`${good}2026-03-02T00:00:00.000Z,update,job,J1,J1,,\n`);
    expect([short.line, short.column, short.columnIndex]).toEqual([4, 'rule', 8]);
    expect(short.message).toMatch(/expected 10 fields as in the header, got 7/);
    const long = formatError(`${good}2026-03-02T00:00:00.000Z,update,job,J1,J1,,,,,,extra\n`);
    expect([long.line, long.columnIndex]).toEqual([4, 11]);
  });

  it('a wrong header names line 1 and the first wrong column', () => {
    const e = formatError('time,kind,entity,id,job,to,from,rule\n');
    expect([e.line, e.column, e.columnIndex]).toEqual([1, 'from', 6]);
    expect(formatError('').line).toBe(1);
  });

  it('a header of just the 8 required columns is enough; more columns may follow', () => {
    const eight = 'time,kind,entity,id,job,from,to,rule\n2026-03-01T00:00:00.000Z,put,job,J1,J1,,,\n2026-03-01T00:00:00.000Z,state,job,J1,J1,,Creating,\n';
    expect(checkTimelineText(eight).violations).toEqual([]);
    const more = `${HEADER},note\n2026-03-01T00:00:00.000Z,put,job,J1,J1,,,,,,x\n2026-03-01T00:00:00.000Z,state,job,J1,J1,,Creating,,,,y\n`;
    expect(checkTimelineText(more).violations).toEqual([]);
  });

  it('an unknown state, rule or entity, and a job row whose job differs from its id, name their column', () => {
    expect(formatError(`${good}2026-03-02T00:00:00.000Z,state,job,J1,J1,Creating,Lost,,,\n`).column).toBe('to');
    expect(formatError(`${good}2026-03-02T00:00:00.000Z,update,job,J1,J1,,,R-NOPE,,\n`).column).toBe('rule');
    expect(formatError(`${good}2026-03-02T00:00:00.000Z,update,box,J1,J1,,,,,\n`).column).toBe('entity');
    expect(formatError(`${good}2026-03-02T00:00:00.000Z,arrive,job,J1,J1,,,,,\n`).column).toBe('entity');
    expect(formatError(`${good}2026-03-02T00:00:00.000Z,update,job,J1,J2,,,,,\n`).column).toBe('job');
  });

  it('rows out of time order name the later line', () => {
    const e = formatError(`${good}2026-02-28T00:00:00.000Z,update,job,J1,J1,,,,,\n`);
    expect([e.line, e.column]).toEqual([4, 'time']);
    expect(e.message).toMatch(/ordered by time/);
  });

  it('an unclosed quote is an error at its line', () => {
    const e = formatError(`${good}2026-03-02T00:00:00.000Z,update,job,J1,J1,,,,,"set=Return\n`);
    expect(e.line).toBe(4);
    expect(e.message).toMatch(/never closed/);
  });

  it('the push API validates each row the same way', () => {
    const c = new TimelineChecker();
    expect(() => c.push({ time: 'yesterday', kind: 'put', entity: 'job', id: 'J1', job: 'J1', from: '', to: '', rule: '', package: '', detail: '' }, 7))
      .toThrow(/line 7, column 1 \(time\)/);
  });

  it('a file that cannot be read rejects with the file system\'s error', async () => {
    await expect(checkTimelineFile('/nonexistent/events.csv')).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('a malformed row in a file names its line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'iesim-format-'));
    const file = join(dir, 'bad.csv');
    writeFileSync(file, `${good}2026-03-02T00:00:00.000Z,update,job,J1,J1,,\n`);
    await expect(checkTimelineFile(file)).rejects.toThrow(/^line 4, column 8 \(rule\)/);
  });
});

describe('CSV tokenizer', () => {
  const text = 'a,b,c\r\n"x,1","say ""hi""",z\n"multi\nline",2,3\n\nlast,row,"q"';
  const expected = [
    [['a', 'b', 'c'], 1],
    [['x,1', 'say "hi"', 'z'], 2],
    [['multi\nline', '2', '3'], 3],
    [['last', 'row', 'q'], 6],
  ];

  it('reads quotes, doubled quotes, quoted newlines, CRLF, blank lines and a last line without newline', () => {
    const got: unknown[] = [];
    const t = new CsvTokenizer((f, line) => got.push([f, line]));
    t.feed(text);
    t.end();
    expect(got).toEqual(expected);
  });

  it('gives the same records for every split of the input into two chunks, and into single characters', () => {
    for (let cut = 0; cut <= text.length; cut++) {
      const got: unknown[] = [];
      const t = new CsvTokenizer((f, line) => got.push([f, line]));
      t.feed(text.slice(0, cut));
      t.feed(text.slice(cut));
      t.end();
      expect(got, `cut at ${cut}`).toEqual(expected);
    }
    const got: unknown[] = [];
    const t = new CsvTokenizer((f, line) => got.push([f, line]));
    for (const ch of text) t.feed(ch);
    t.end();
    expect(got).toEqual(expected);
  });

  it('skips a UTF-8 byte-order mark', () => {
    const got: string[][] = [];
    const t = new CsvTokenizer((f) => got.push(f));
    t.feed('\uFEFFtime,kind\n');
    t.end();
    expect(got).toEqual([['time', 'kind']]);
  });
});
