/**
 * The checker takes any timeline: every legal story of lifecycles.ts, mixed
 * over jobs of both threads, then broken at random (rows deleted, duplicated,
 * reordered within an instant, moved in time; fields swapped with another
 * row's or blanked; a job renamed; `with=` pointed at another job). Whatever
 * comes out, the checker reports violations or a format error and never
 * crashes, and the two-thread check (both shares on this thread) gives the
 * one-thread result exactly, or gives up so that one thread checks.
 * (The same with the six shipped scenarios' 150-day timelines found an orphan
 * returned after its carrier job's deletion crashing R-ORPHAN-DRIVE.)
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TimelineFormatError, checkTimelineText, type CheckResult } from '../../src/checker/index.js';
import { checkTextInParts } from '../../src/checker/two-threads.js';
import { HEADER } from './helpers.js';
import { STORIES, merge } from './lifecycles.js';

const jobId = (n: number) => `J-${String(n).padStart(6, '0')}`;
/** Every story twice, but the orphan found by its package alone (STORIES[6]: the merge always gives up on it; two-threads.test.ts). */
const ROWS = merge(STORIES.flatMap((story, k) => (k === 6 ? [] : [story(jobId(2 * k + 1), k * 0.37), story(jobId(2 * k + 2), 3 + k * 0.41)])));

/** A row's ten fields: the detail (the last) may hold commas. */
function fields(row: string): string[] {
  const f: string[] = [];
  let i = 0;
  for (let k = 0; k < 9; k++) {
    const j = row.indexOf(',', i);
    f.push(row.slice(i, j));
    i = j + 1;
  }
  f.push(row.slice(i));
  return f;
}

const BASE = ROWS.map(fields);
const COLUMN_VALUES = Array.from({ length: 10 }, (_, c) => [...new Set(BASE.map((f) => f[c]))]);
const JOBS = COLUMN_VALUES[4].filter((j) => j !== '');
const DAY = 86_400_000;

type Rows = string[][];
/** A mutation: what it does to the rows, given three numbers in [0, 1). */
const MUTATIONS: Record<string, (rs: Rows, a: number, b: number, c: number) => void> = {
  delete: (rs, a) => void rs.splice(Math.floor(a * rs.length), 1),
  duplicate: (rs, a) => { const i = Math.floor(a * rs.length); rs.splice(i, 0, [...rs[i]]); },
  swapWithinInstant: (rs, a) => {
    const i = Math.floor(a * (rs.length - 1));
    if (rs[i][0] === rs[i + 1][0]) [rs[i], rs[i + 1]] = [rs[i + 1], rs[i]];
  },
  moveInTime: (rs, a, b) => {
    const f = rs[Math.floor(a * rs.length)];
    f[0] = new Date(Date.parse(f[0]) + Math.round((b - 0.5) * 40 * DAY)).toISOString();
    rs.sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0));
  },
  swapField: (rs, a, b, c) => {
    const col = 1 + Math.floor(b * 9);
    const values = COLUMN_VALUES[col];
    rs[Math.floor(a * rs.length)][col] = values[Math.floor(c * values.length)];
  },
  blankField: (rs, a, b) => { rs[Math.floor(a * rs.length)][4 + Math.floor(b * 6)] = ''; },
  renameJob: (rs, a, b) => {
    const from = JOBS[Math.floor(a * JOBS.length)], to = JOBS[Math.floor(b * JOBS.length)];
    for (const f of rs) {
      if (f[4] === from) f[4] = to;
      if (f[3] === from) f[3] = to;
      else if (f[3].startsWith(`${from}-`)) f[3] = to + f[3].slice(from.length);
    }
  },
  swapWith: (rs, a, b) => {
    const withRows = rs.filter((f) => f[9].startsWith('with='));
    if (withRows.length > 0) withRows[Math.floor(a * withRows.length)][9] = `with=${JOBS[Math.floor(b * JOBS.length)]}`;
  },
};

const mutation = fc.tuple(fc.constantFrom(...Object.keys(MUTATIONS)), fc.double({ min: 0, max: 0.999, noNaN: true }), fc.double({ min: 0, max: 0.999, noNaN: true }), fc.double({ min: 0, max: 0.999, noNaN: true }));

function mutated(list: [string, number, number, number][]): string {
  const rs = BASE.map((f) => [...f]);
  for (const [name, a, b, c] of list) MUTATIONS[name](rs, a, b, c);
  return [HEADER, ...rs.map((f) => f.join(','))].join('\n');
}

/** The result, or the format error's message: anything else thrown fails the property. */
function outcome(check: () => CheckResult | null): CheckResult | null | string {
  try {
    return check();
  } catch (err) {
    if (err instanceof TimelineFormatError) return `format error: ${err.message}`;
    throw err;
  }
}

describe('the checker on randomly broken timelines', () => {
  it('never crashes, and two threads give the one-thread result or give up (property, 300 timelines)', () => {
    let gaveUp = 0;
    fc.assert(fc.property(fc.array(mutation, { minLength: 1, maxLength: 6 }), (list) => {
      const text = mutated(list);
      const one = outcome(() => checkTimelineText(text));
      const two = outcome(() => checkTextInParts(text, undefined, { reason: '' }));
      if (two === null) gaveUp++;
      else expect(two).toEqual(one);
    }), { numRuns: 300, seed: 20261126 });
    // Giving up is for what the merge cannot know (drives named under two jobs, shared packages): not the rule.
    expect(gaveUp).toBeLessThan(120);
  });
});
