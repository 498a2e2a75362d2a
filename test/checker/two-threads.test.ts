/**
 * Two threads partitioned by job (partition.ts, merge-parts.ts): the merged
 * result must be the one-thread result exactly (violations, order, counts,
 * rows, truncation), or the merge must give up so that one thread checks.
 * Most tests run both shares on this thread (checkTextInParts); the last
 * ones go through the worker (the build in dist/).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { TimelineFormatError, checkTimelineFile, checkTimelineText, type CheckResult } from '../../src/checker/index.js';
import { checkTextInParts } from '../../src/checker/two-threads.js';
import { Partition } from '../../src/checker/partition.js';
import { idHash } from '../../src/checker/id-table.js';
import { mergeParts, type PartResult } from '../../src/checker/merge-parts.js';
import { HEADER, START } from './helpers.js';
import { STORIES, exportLost, extraAndOrphan, merge } from './lifecycles.js';

const threadOf = (job: string) => new Partition(0, 2).of(idHash(job));
const jobId = (n: number) => `J-${String(n).padStart(6, '0')}`;
/** The n-th job ID (from `from`) that thread `t` owns. */
function jobOf(t: number, from: number): string {
  for (let n = from; ; n++) if (threadOf(jobId(n)) === t) return jobId(n);
}

/** Every story except the orphan found by its package alone (extraAndOrphan: see its own test), `copies` times over. */
function mixed(copies: number): string[] {
  const stories: string[][] = [];
  let n = 1;
  for (let c = 0; c < copies; c++) {
    STORIES.forEach((story, k) => {
      if (k === 6) return;
      stories.push(story(jobId(n++), c * 3 + k * 0.37));
    });
  }
  return merge(stories);
}

const text = (rows: string[]) => [HEADER, ...rows].join('\n');

/** The two-thread result of `t`; fails the test when the merge gives up. */
function merged(t: string): CheckResult {
  const why = { reason: '' };
  const r = checkTextInParts(t, undefined, why);
  expect(why.reason).toBe('');
  return r!;
}

describe('two threads partitioned by job', () => {
  it('routes every row of a job, and its drives\' rows, to one thread, and both threads own some jobs', () => {
    const owners = new Set<number>();
    for (let n = 1; n <= 64; n++) owners.add(threadOf(jobId(n)));
    expect([...owners].sort()).toEqual([0, 1]);
  });

  it('gives the one-thread result for every legal story mixed over many jobs of both threads', () => {
    const t = text(mixed(4));
    const one = checkTimelineText(t);
    expect(one.violations).toEqual([]);
    expect(merged(t)).toEqual(one);
  });

  it('takes back a re-export\'s R-RETURN-LOST when the lost job is the other thread\'s', () => {
    // exportLost re-creates j as j + "R": pick a j whose re-export the other thread owns.
    let n = 1;
    while (threadOf(jobId(n)) === threadOf(`${jobId(n)}R`)) n++;
    const rows = exportLost(jobId(n), 0);
    expect(merged(text(rows))).toEqual(checkTimelineText(text(rows)));
    // Without the lost row the re-export is a violation: reported once, as on one thread.
    const broken = text(rows.filter((r) => !r.includes(',lost,')));
    const one = checkTimelineText(broken);
    expect(one.byRule['R-RETURN-LOST']).toBe(1);
    expect(merged(broken)).toEqual(one);
  });

  it('checks an orphan named by with= in its carrier\'s thread', () => {
    const j = jobOf(1, 1);
    // The orphan's own ID hashes to thread 0 or 1; with= must win either way.
    const rows = merge([STORIES[23](j, 0), STORIES[23](jobOf(0, 100), 0.5)]);
    expect(merged(text(rows))).toEqual(checkTimelineText(text(rows)));
  });

  it('gives up (one thread checks) for an orphan found only by a package of the other thread\'s job', () => {
    const j = jobOf(0, 1);
    let n = 1;
    while (threadOf(`O-${n}`) === 0) n++;
    const t = text(extraAndOrphan(j, 0, `O-${n}`));
    const why = { reason: '' };
    expect(checkTextInParts(t, undefined, why)).toBeNull();
    expect(why.reason).toMatch(/known to both threads/);
  });

  it('gives up for a drive row naming another job than its ID\'s', () => {
    const rows = mixed(1).map((r) => r.replace(/,drive,(J-000001-D01),J-000001,/, ',drive,$1,J-000002,'));
    const why = { reason: '' };
    expect(checkTextInParts(text(rows), undefined, why)).toBeNull();
    expect(why.reason).toMatch(/not its job's ID plus a suffix/);
  });

  it('gives the one-thread result, or gives up, for every timeline with a row deleted', () => {
    const rows = mixed(1);
    let gaveUp = 0;
    for (let i = 0; i < rows.length; i += 3) {
      const t = text([...rows.slice(0, i), ...rows.slice(i + 1)]);
      const why = { reason: '' };
      const r = checkTextInParts(t, undefined, why);
      if (r === null) gaveUp++;
      else expect(r).toEqual(checkTimelineText(t));
    }
    expect(gaveUp).toBeLessThan(rows.length / 30);
  });

  it('keeps the same first 10,000 violations as one thread, in the same order, with the same counts', () => {
    const rows = [HEADER];
    // 12,000 jobs of both threads, each jumping Creating → Packaging (R-JOB-TRANSITIONS), three rows an instant.
    for (let i = 0; i < 12_000; i++) {
      const t = new Date(START + Math.floor(i / 3) * 60_000).toISOString();
      const j = jobId(12_000 - i);
      rows.push(`${t},put,job,${j},${j},,,,,type=import;drives=0`, `${t},state,job,${j},${j},,Creating,,,`, `${t},state,job,${j},${j},Creating,Packaging,,,`);
    }
    const one = checkTimelineText(rows.join('\n'));
    expect(one.violations).toHaveLength(10_000);
    expect(merged(rows.join('\n'))).toEqual(one);
  });

  it('reports the format error of the first bad line, whichever thread owns it', () => {
    const rows = mixed(1);
    const bad = [...rows];
    bad[40] = bad[40].replace(/^([^,]*),[a-z]+,/, '$1,explode,');
    bad[90] = `2020-01-01T00:00:00.000Z${bad[90].slice(24)}`;
    const one = (() => { try { checkTimelineText(text(bad)); } catch (e) { return e as TimelineFormatError; } })();
    expect(one).toBeInstanceOf(TimelineFormatError);
    expect(() => checkTextInParts(text(bad), undefined, { reason: '' })).toThrow(one!.message);
  });
});

describe('merging two threads\' violations', () => {
  const v = (id: string, time: string) => ({ rule: 'R-FINISH' as const, entity: 'job' as const, id, job: id, time, message: 'm' });
  const part = (vs: [string, string, number][], total = vs.length): PartResult => ({
    rows: 10, violations: vs.map(([id, time]) => v(id, time)), foundAt: vs.map(([, , at]) => at), foundSub: vs.map(() => 0),
    byRule: { 'R-FINISH': total }, total, unknownAdds: 0, reexports: [], retractions: [], rememberedReturns: [], unsafe: null,
  });

  it('keeps the first found by line, then sorts by time and id', () => {
    const why = { reason: '' };
    const r = mergeParts([part([['b', 't2', 4], ['c', 't1', 12]]), part([['a', 't3', 8], ['d', 't0', 16]])], why, 3)!;
    expect(r.violations.map((x) => x.id)).toEqual(['c', 'b', 'a']);
    expect(r.byRule['R-FINISH']).toBe(4);
  });

  it('gives up when the cap cuts violations both threads found at one stage of one line', () => {
    const why = { reason: '' };
    expect(mergeParts([part([['a', 't1', 8], ['b', 't1', 8]]), part([['c', 't1', 8]])], why, 2)).toBeNull();
    expect(why.reason).toMatch(/cap cuts/);
  });

  it('gives up when a thread that stored fewer than it found runs out before the cap', () => {
    const why = { reason: '' };
    expect(mergeParts([part([['a', 't1', 4]], 5), part([['b', 't1', 8], ['c', 't1', 12]])], why, 3)).toBeNull();
  });
});

describe('checkTimelineFile on two threads', () => {
  const dir = mkdtempSync(join(tmpdir(), 'iesim-two-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('gives the one-thread result through the worker, broken or not', async () => {
    const rows = mixed(2);
    const broken = rows.filter((_, i) => i % 5 !== 2);
    for (const [name, rs] of [['clean', rows], ['broken', broken]] as const) {
      const f = join(dir, `${name}.csv`);
      writeFileSync(f, text(rs));
      expect(await checkTimelineFile(f, undefined, undefined, 2)).toEqual(await checkTimelineFile(f, undefined, undefined, 1));
    }
  });

  it('rejects with the one-thread format error through the worker', async () => {
    const rows = mixed(1);
    rows[70] = rows[70].replace(/,(job|drive),/, ',jobb,');
    const f = join(dir, 'bad.csv');
    writeFileSync(f, text(rows));
    const one = await checkTimelineFile(f, undefined, undefined, 1).catch((e: unknown) => e as TimelineFormatError);
    expect(one).toBeInstanceOf(TimelineFormatError);
    await expect(checkTimelineFile(f, undefined, undefined, 2)).rejects.toThrow(one.message);
  });
});
