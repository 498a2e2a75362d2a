/** A badly broken timeline: stored violations are capped, counts stay exact, order is by time then id. */
import { describe, expect, it } from 'vitest';
import { MAX_STORED_VIOLATIONS, checkTimelineText } from '../../src/checker/index.js';
import { HEADER, START } from './helpers.js';

describe('violation cap', () => {
  it('keeps the first 10,000 violations, sorted by time then id, and counts all of them', () => {
    const n = 12_000;
    const rows = [HEADER];
    // Each job jumps Creating → Packaging (R-JOB-TRANSITIONS); ids descend within an instant to exercise the sort.
    for (let i = 0; i < n; i++) {
      const t = new Date(START + Math.floor(i / 3) * 60_000).toISOString();
      const j = `J-${String(n - i).padStart(6, '0')}`;
      rows.push(`${t},put,job,${j},${j},,,,,type=import;drives=0`, `${t},state,job,${j},${j},,Creating,,,`, `${t},state,job,${j},${j},Creating,Packaging,,,`);
    }
    const r = checkTimelineText(rows.join('\n'));
    expect(r.byRule['R-JOB-TRANSITIONS']).toBe(n);
    expect(Object.values(r.byRule).reduce((a, b) => a + b, 0)).toBe(n);
    expect(r.violations).toHaveLength(MAX_STORED_VIOLATIONS);
    for (let k = 1; k < r.violations.length; k++) {
      const [a, b] = [r.violations[k - 1], r.violations[k]];
      expect(a.time < b.time || (a.time === b.time && a.id < b.id)).toBe(true);
    }
  });
});
