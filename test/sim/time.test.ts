import { describe, expect, it } from 'vitest';
import { IsoFormatter, parseInstant } from '../../src/sim/time.js';

describe('parseInstant (scenario dates, --until)', () => {
  it('refuses a day the month does not have, which Date.parse would roll into the next month', () => {
    for (const text of ['2026-02-30', '2026-02-29', '2026-04-31', '2026-02-31T10:00Z', '2100-02-29', '2026-00-10', '2026-13-01', '2026-01-00']) {
      expect(() => parseInstant(text), text).toThrow(`"${text}" is not a valid calendar date`);
    }
  });

  it('accepts every real day, leap days included, with or without a time and offset', () => {
    expect(new Date(parseInstant('2024-02-29')).toISOString()).toBe('2024-02-29T00:00:00.000Z');
    expect(new Date(parseInstant('2000-02-29T12:00:00Z')).toISOString()).toBe('2000-02-29T12:00:00.000Z');
    expect(new Date(parseInstant('2026-12-31T23:30:00-02:00')).toISOString()).toBe('2027-01-01T01:30:00.000Z');
    expect(new Date(parseInstant('2026-03-01T08:00')).toISOString()).toBe('2026-03-01T08:00:00.000Z');
  });

  it('refuses what is not ISO 8601', () => {
    expect(() => parseInstant('March 1, 2026')).toThrow(/expected an ISO 8601 date or instant/);
  });
});

describe('IsoFormatter', () => {
  it('formats like Date#toISOString, day after day and back', () => {
    const f = new IsoFormatter();
    for (const iso of ['2026-03-01T08:00:00.123Z', '2026-03-01T23:59:59.999Z', '2026-03-02T00:00:00.000Z', '2026-02-28T07:06:05.004Z', '1969-12-31T23:59:59.999Z']) {
      expect(f.format(Date.parse(iso))).toBe(iso);
    }
  });
});
