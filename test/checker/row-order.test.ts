/**
 * The byte reader checks records in file order, whatever the chunking: the
 * first bad line is the one reported whatever follows it (a bad quote, a
 * field count off, a row out of time order), violations are the ones found
 * row by row, and a file gives what its text gives, whatever the chunk size.
 * (Written for a reader that held records back in batches; it guards any
 * such reordering.)
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TimelineChecker, TimelineFormatError, checkTimelineFile, checkTimelineText } from '../../src/checker/index.js';
import { readByteRecords } from '../../src/checker/byte-records.js';
import { RowReader } from '../../src/checker/row-reader.js';
import { HEADER, fieldsOf } from './helpers.js';
import { manyStories } from './lifecycles.js';
import { toRowForTest } from './row-helper.js';

const dir = mkdtempSync(join(tmpdir(), 'iesim-order-'));
/** Far enough into the file to be past any first chunk or batch. */
const BATCH = 64;

function errorOf(run: () => unknown): TimelineFormatError {
  try {
    run();
  } catch (err) {
    expect(err).toBeInstanceOf(TimelineFormatError);
    return err as TimelineFormatError;
  }
  throw new Error('no TimelineFormatError');
}

describe('row order in the byte reader', () => {
  const rows = manyStories(12, 3);

  it('reports the first bad line even when a record soon after it is broken in another way', () => {
    expect(rows.length).toBeGreaterThan(2 * BATCH);
    const at = BATCH + 5;
    const badKind = rows[at].replace(/,[a-z]+,(job|drive),/, ',nonsense,$1,');
    const laterBreaks = ['"unclosed,quote', 'too,few,fields', '1999-01-01T00:00:00.000Z,put,job,JX,JX,,,,,'];
    for (const later of laterBreaks) {
      const text = [HEADER, ...rows.slice(0, at), badKind, rows[at + 1], later, ...rows.slice(at + 2)].join('\n');
      const e = errorOf(() => checkTimelineText(text));
      expect(e.line).toBe(at + 2);
      expect(e.column).toBe('kind');
    }
  });

  it('reports a later record\'s own error when every row before it is sound', () => {
    const at = BATCH + 7;
    const text = [HEADER, ...rows.slice(0, at), 'too,few,fields', ...rows.slice(at)].join('\n');
    expect(errorOf(() => checkTimelineText(text)).line).toBe(at + 2);
  });

  it('gives a file\'s violations exactly as row-by-row pushes give them, whatever the chunk size', async () => {
    // Broken on purpose: every 11th row dropped, so there is plenty to report.
    const broken = rows.filter((_, i) => i % 11 !== 5);
    const text = [HEADER, ...broken].join('\n') + '\n';
    const byPush = new TimelineChecker();
    fieldsOf(broken).forEach((f, i) => byPush.push(toRowForTest(f), i + 2));
    const want = byPush.finish();
    expect(want.violations.length).toBeGreaterThan(0);
    expect(checkTimelineText(text)).toEqual(want);
    const file = join(dir, 'broken.csv');
    writeFileSync(file, text);
    for (const size of [7, 100, 4096, 1 << 20]) {
      const checker = new TimelineChecker();
      await readByteRecords(file, new RowReader(checker), size);
      expect(checker.finish(), `chunk ${size}`).toEqual(want);
    }
    expect(await checkTimelineFile(file)).toEqual(want);
  });
});
