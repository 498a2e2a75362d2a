import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { IsoByDay } from '../../src/output/iso-by-day.js';
import { DAY, IsoFormatter } from '../../src/sim/time.js';

describe('ISO formatting of record rows', () => {
  it('formats like IsoFormatter whatever the order of the days', () => {
    const start = Date.parse('2026-01-01');
    fc.assert(fc.property(fc.array(fc.integer({ min: -400 * DAY, max: 4000 * DAY }), { minLength: 1, maxLength: 200 }), (offsets) => {
      const byDay = new IsoByDay();
      for (const ms of offsets) expect(byDay.format(start + ms)).toBe(new IsoFormatter().format(start + ms));
    }));
  });

  it('still formats right after more days than it keeps', () => {
    const byDay = new IsoByDay();
    for (let d = 0; d < 5000; d++) byDay.format(d * DAY + 1);
    expect(byDay.format(3 * DAY + 45_296_789)).toBe('1970-01-04T12:34:56.789Z');
  });
});
