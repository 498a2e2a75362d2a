import { describe, expect, it } from 'vitest';
import { WorkCalendar, ALWAYS_OPEN } from '../../src/sim/calendar.js';
import { HOUR, DAY, parseInstant } from '../../src/sim/time.js';

// 2026-03-06 is a Friday.
const start = parseInstant('2026-03-02T00:00:00Z'); // Monday
const at = (iso: string) => parseInstant(iso) - start;
const iso = (t: number) => new Date(start + t).toISOString();
const office = new WorkCalendar({ days: [1, 2, 3, 4, 5], hours: [8, 17], holidays: ['2026-03-09'] }, start);

describe('WorkCalendar', () => {
  it('a Friday-evening arrival waits for the next working morning (a Monday holiday moves it to Tuesday)', () => {
    expect(iso(office.nextOpen(at('2026-03-06T18:30:00Z')))).toBe('2026-03-10T08:00:00.000Z');
  });

  it('one business day of work started Friday 15:00 ends Tuesday 15:00 across a weekend and a holiday', () => {
    expect(iso(office.addWorkingDays(at('2026-03-06T15:00:00Z'), 1))).toBe('2026-03-10T15:00:00.000Z');
  });

  it('work that ends exactly at closing time ends that day', () => {
    expect(iso(office.addWorking(at('2026-03-03T08:00:00Z'), 9 * HOUR))).toBe('2026-03-03T17:00:00.000Z');
    expect(office.isOpen(at('2026-03-03T17:00:00Z'))).toBe(false);
    expect(office.isOpen(at('2026-03-03T16:59:59Z'))).toBe(true);
    expect(office.isOpen(at('2026-03-07T12:00:00Z'))).toBe(false); // Saturday
  });

  it('an always-open calendar adds plain time', () => {
    const c = new WorkCalendar(ALWAYS_OPEN, start);
    expect(c.addWorking(5, 3 * DAY)).toBe(5 + 3 * DAY);
    expect(c.alwaysOpen).toBe(true);
  });

  it('rejects impossible hours and weekdays with the field named', () => {
    expect(() => new WorkCalendar({ days: [1], hours: [17, 8] }, start)).toThrow(/hours: expected \[open, close\]/);
    expect(() => new WorkCalendar({ days: [7], hours: [8, 17] }, start)).toThrow(/days: expected weekday numbers/);
  });
});
