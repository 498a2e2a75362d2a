/**
 * Finished jobs compacted while they wait out R-RETENTION (compact.ts): the
 * rules that still apply to them are checked as before, a compacted job given
 * back is the record it was, and any timeline, legal or broken, gives the same
 * violations with and without compaction.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { TimelineChecker, checkTimelineText } from '../../src/checker/index.js';
import { setCompaction } from '../../src/checker/compact.js';
import type { CheckState } from '../../src/checker/context.js';
import type { DriveRec, JobRec } from '../../src/checker/records.js';
import { HEADER, at, check, edit, expectClean, expectOnly, fieldsOf, tl } from './helpers.js';
import { STORIES, drive, exportLost, lateAfterFinish, manyStories, normalImport } from './lifecycles.js';
import { toRowForTest } from './row-helper.js';

afterEach(() => {
  setCompaction(true);
});

const stateOf = (c: TimelineChecker) => (c as unknown as { ctx: CheckState }).ctx;

/** Pushes rows[from, to) into a checker (line numbers from 2, as after a header). */
function feed(c: TimelineChecker, rows: string[][], from = 0, to = rows.length): void {
  for (let i = from; i < to; i++) c.push(toRowForTest(rows[i]), i + 2);
}

describe('compacted finished jobs', () => {
  it('a finished job whose drives went back is compacted at the end of its finish instant, and its drives are released', () => {
    const text = normalImport('J1', 0);
    const rows = fieldsOf(text);
    const finish = text.findIndex((r) => r.includes('Packaging,Completed'));
    const c = new TimelineChecker();
    const ctx = stateOf(c);
    feed(c, rows, 0, finish + 1);
    // Still the finish instant: nothing is compacted before its checks have run.
    expect(ctx.compacted.size).toBe(0);
    expect(c.liveEntities).toBe(3);
    expect(text[finish + 1]).toContain('deliver');
    feed(c, rows, finish + 1, finish + 2);
    // Its return's delivery is recorded on the compacted job: nothing is given back.
    expect(ctx.jobs.size).toBe(0);
    expect(ctx.compacted.has('J1')).toBe(true);
    // A row that needs the record gives it back; the instant's end (here the timeline's) compacts it again.
    c.push(toRowForTest([text[finish + 1].slice(0, 24), 'update', 'job', 'J1', 'J1', '', '', '', '', '']), 99);
    expect(ctx.jobs.size).toBe(1);
    expect(ctx.drives.size).toBe(2);
    expectClean(c.finish());
    expect(ctx.compacted.has('J1')).toBe(true);
    expect(ctx.jobs.size).toBe(0);
    expect(ctx.drives.size).toBe(0);
    expect(c.liveEntities).toBe(1);
  });

  it('R-RETENTION is still checked for a job compacted at its finish (early, exact, missing)', () => {
    expectClean(check([normalImport('J1', 0)]));
    const early = edit(normalImport('J1', 0), 'R-RETENTION', 'd100,delete,job,J1,J1,Completed,,R-RETENTION,,');
    expect(expectOnly(check([early]), 'R-RETENTION', 'job', 'J1', at('d100')).message).toMatch(/deleted 89 d after it became Completed/);
    const missing = edit(normalImport('J1', 0), 'R-RETENTION');
    const v = expectOnly(check([missing], { until: at('d200') }), 'R-RETENTION', 'job', 'J1', at('d101'));
    expect(v.message).toMatch(/^Completed for 90 d, but its record was not deleted then/);
  });

  it('R-DELETE of a compacted job is accepted; a second delete finds no job', () => {
    const rows = edit(normalImport('J1', 0), 'R-RETENTION', 'd50,delete,job,J1,J1,Completed,,R-DELETE,,');
    expectClean(check([rows]));
    const twice = edit(normalImport('J1', 0), 'R-RETENTION', 'd50,delete,job,J1,J1,Completed,,R-DELETE,,', 'd51,delete,job,J1,J1,Completed,,R-DELETE,,');
    expectOnly(check([twice]), 'R-JOB-TRANSITIONS', 'job', 'J1', at('d51'));
  });

  it('R-FINISH: a compacted job\'s return delivered twice, or a package it never shipped, is flagged as before', () => {
    const twice = edit(normalImport('J1', 0), 'R-RETENTION', 'd14,deliver,job,J1,J1,,,,RP-J1,', 'd101,delete,job,J1,J1,Completed,,R-RETENTION,,');
    expectClean(check([twice]));
    const other = edit(normalImport('J1', 0), 'deliver', 'd13,deliver,job,J1,J1,,,,RP-J9,');
    expect(expectOnly(check([other]), 'R-FINISH', 'job', 'J1', at('d13')).message).toMatch(/RP-J9 delivered, but the job shipped no such return package/);
  });

  it('R-DELETE and R-RETENTION deletes of a compacted job that do not pass are flagged as before', () => {
    const wrongFrom = edit(normalImport('J1', 0), 'R-RETENTION', 'd101,delete,job,J1,J1,Closed,,R-RETENTION,,');
    expectOnly(check([wrongFrom]), 'R-JOB-TRANSITIONS', 'job', 'J1', at('d101'));
    const wrongRule = edit(normalImport('J1', 0), 'R-RETENTION', 'd101,delete,job,J1,J1,Completed,,R-CANCEL,,');
    expectOnly(check([wrongRule]), 'R-JOB-TRANSITIONS', 'job', 'J1', at('d101'));
    const notAllowed = edit(normalImport('J1', 0), 'R-RETENTION', 'd50,delete,job,J1,J1,Completed,,R-DELETE,,');
    expectOnly(check([notAllowed], { policy: { deleteAllowedIn: ['Creating'] } }), 'R-DELETE', 'job', 'J1', at('d50'));
  });

  it('R-RETURN-LOST and R-LATE-DRIVE rows of a compacted job are checked as before', () => {
    expectClean(check([exportLost('J1', 0)]));
    expectClean(check([lateAfterFinish('J1', 0)]));
  });

  it('a row for a compacted job\'s drive finds the drive (its state is kept)', () => {
    const rows = edit(normalImport('J1', 0), 'R-RETENTION', `d50,state,drive,${drive('J1', 1)},J1,Completed,Received,,,`, `d101,delete,job,J1,J1,Completed,,R-RETENTION,,`);
    const r = check([rows]);
    expect(r.violations).toHaveLength(1);
    expect(r.violations[0]).toMatchObject({ rule: 'R-DRIVE-TRANSITIONS', id: drive('J1', 1), time: at('d50') });
    expect(r.violations[0].message).toMatch(/the drive is ShippedBack/);
  });

  it('only a compacted job\'s canonically named drives are found through it (D01, not D1, D001 or past its drives)', () => {
    const rows = edit(normalImport('J1', 0), 'R-RETENTION',
      'd50,state,drive,J1-D1,J1,ShippedBack,Received,,,', 'd50,state,drive,J1-D001,J1,ShippedBack,Received,,,',
      'd50,state,drive,J1-D03,J1,ShippedBack,Received,,,', 'd50,state,drive,J1-D02,J1,ShippedBack,Received,,,',
      'd101,delete,job,J1,J1,Completed,,R-RETENTION,,');
    const text = tl(rows);
    setCompaction(false);
    const plain = checkTimelineText(text);
    setCompaction(true);
    expect(checkTimelineText(text)).toEqual(plain);
    expect(plain.violations.map((v) => v.id)).toEqual(['J1-D001', 'J1-D02', 'J1-D03', 'J1-D1']);
    expect(plain.violations.find((v) => v.id === 'J1-D02')!.message).toMatch(/Received/);
  });

  it('a compacted job given back is the record it was, field for field', () => {
    let given = 0;
    for (const story of STORIES) {
      const rows = fieldsOf(story('J1', 0));
      const c = new TimelineChecker();
      const ctx = stateOf(c);
      let last: JobRec | undefined;
      for (let i = 0; i < rows.length; i++) {
        // A row of no consequence at row i's time first ends the previous instant (where compaction happens).
        c.push(toRowForTest([rows[i][0], 'alert', 'job', 'TICK', 'TICK', '', '', '', '', '']), i + 2);
        const rich = (ctx.jobs as unknown as { map: Map<string, JobRec> }).map.get('J1');
        if (rich) last = rich;
        if (ctx.compacted.has('J1') && last) {
          const before = snapshot(last);
          const back = ctx.jobs.get('J1')!;
          expect(back).not.toBe(last);
          expect(snapshot(back)).toEqual(before);
          given++;
          last = back;
        }
        feed(c, rows, i, i + 1);
      }
      c.finish();
    }
    // Most stories finish with their drives gone; each row after that gives the job back.
    expect(given).toBeGreaterThan(STORIES.length);
  });

  it('stories, merged and broken one row at a time, give the same violations with and without compaction', () => {
    const rows = manyStories(120, 7);
    const variants: string[][] = [rows];
    for (let i = 5; i < rows.length; i += 13) variants.push([...rows.slice(0, i), ...rows.slice(i + 1)]);
    for (let i = 3; i < rows.length; i += 29) {
      // Move a row one hour later (re-sorted, stable), as a late row would appear.
      const t = new Date(Date.parse(rows[i].slice(0, 24)) + 3_600_000).toISOString();
      const moved = rows.map((r, k) => (k === i ? t + r.slice(24) : r));
      variants.push(moved.map((r, k) => [r, k] as const).sort((a, b) => (a[0].slice(0, 24) < b[0].slice(0, 24) ? -1 : a[0].slice(0, 24) > b[0].slice(0, 24) ? 1 : a[1] - b[1])).map((x) => x[0]));
    }
    let flagged = 0;
    for (const v of variants) {
      const text = [HEADER, ...v].join('\n');
      setCompaction(false);
      const plain = checkTimelineText(text);
      setCompaction(true);
      const compacted = checkTimelineText(text);
      expect(compacted).toEqual(plain);
      if (plain.violations.length > 0) flagged++;
    }
    expect(variants.length).toBeGreaterThan(200);
    expect(flagged).toBeGreaterThan(100);
  });
});

/** A record's observable fields (not its identity, registration or per-instant flags); drives likewise; extras and orphans that are gone for good left out. */
function snapshot(job: JobRec): unknown {
  const { instant: _i, flags: _f, registered: _r, drives, extras, orphans, ...rest } = job;
  const kept = (xs: DriveRec[]) => xs.filter((x) => x.registered || x.onSite || x.early || x.tEarlyReturn || x.tEarlyDestroy).map(driveSnapshot);
  return { ...rest, drives: drives.map(driveSnapshot), extras: kept(extras), orphans: kept(orphans) };
}

function driveSnapshot(x: DriveRec): unknown {
  const { job, registered: _r, ...rest } = x;
  return { ...rest, job: job?.id ?? null };
}
