/**
 * Mutation tests: break a legal timeline in one place (delete one state row,
 * or move one timer row by a minute) and the checker must notice. Every state
 * row of every story is tried; every timer row is moved both ways and must be
 * reported under its own rule.
 */
import { describe, expect, it } from 'vitest';
import { checkTimelineText } from '../../src/checker/index.js';
import { HEADER } from './helpers.js';
import { STORIES } from './lifecycles.js';

const run = (rows: string[]) => checkTimelineText([HEADER, ...rows].join('\n'));
const MINUTE = 60_000;

/** The rule a row fires as a timer (docs/timeline.md), or undefined. */
function timerRule(row: string): string | undefined {
  const f = row.split(',');
  const [kind, from, to, rule] = [f[1], f[5], f[6], f[7]];
  if (kind === 'delete' && (rule === 'R-CREATING-EXPIRE' || rule === 'R-RETENTION')) return rule;
  if (kind === 'alert' && rule === 'R-SHIP-OVERDUE') return rule;
  if (kind === 'state' && from === 'Shipping' && to === 'Closed') return 'R-SHIP-NORESPONSE';
  if (kind === 'return' && rule === 'R-EARLY-RETURN') return rule;
  if (kind === 'destroy') return rule;
  if (kind === 'state' && rule === 'R-NEVER-RECEIVED' && row.includes('timer=')) return rule;
  return undefined;
}

/** Moves row i by `ms` and re-sorts (stable), as a timer firing at another time would appear. */
function shift(rows: string[], i: number, ms: number): string[] {
  const t = new Date(Date.parse(rows[i].slice(0, 24)) + ms).toISOString();
  const moved = rows.map((r, k) => (k === i ? t + r.slice(24) : r));
  return moved.map((r, k) => [r, k] as const).sort((a, b) => (a[0].slice(0, 24) < b[0].slice(0, 24) ? -1 : a[0].slice(0, 24) > b[0].slice(0, 24) ? 1 : a[1] - b[1])).map((x) => x[0]);
}

describe('mutations of legal stories are flagged', () => {
  it('deleting any one state row of any story is flagged', () => {
    const missed: string[] = [];
    let tried = 0;
    STORIES.forEach((story, k) => {
      const rows = story('J-000001', 0);
      expect(run(rows).violations).toEqual([]);
      rows.forEach((row, i) => {
        if (row.split(',')[1] !== 'state') return;
        tried++;
        const r = run([...rows.slice(0, i), ...rows.slice(i + 1)]);
        if (r.violations.length === 0) missed.push(`story ${k}: ${row}`);
      });
    });
    expect(tried).toBeGreaterThan(200); // 245 state rows in the stories today
    expect(missed).toEqual([]);
  });

  it('moving any timer row one minute earlier or later is flagged under its rule', () => {
    const missed: string[] = [];
    let tried = 0;
    STORIES.forEach((story, k) => {
      const rows = story('J-000001', 0);
      rows.forEach((row, i) => {
        const rule = timerRule(row);
        if (!rule) return;
        for (const ms of [-MINUTE, MINUTE]) {
          tried++;
          const r = run(shift(rows, i, ms));
          if (!r.violations.some((v) => v.rule === rule)) missed.push(`story ${k} ${ms > 0 ? '+' : '-'}1m: ${row} → ${r.violations.map((v) => v.rule).join(',') || 'clean'}`);
        }
      });
    });
    expect(tried).toBeGreaterThan(40);
    expect(missed).toEqual([]);
  });
});
