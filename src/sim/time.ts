/**
 * Simulated time is an integer number of milliseconds since a calendar start
 * (an ISO 8601 instant). Integers make ties exact and outputs byte-identical
 * on every machine; doubles hold integers exactly up to 2^53 ms (285,000 years).
 */

export const MS = 1;
export const SECOND = 1000;
export const MINUTE = 60 * SECOND;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
export const WEEK = 7 * DAY;

/** The ISO 8601 forms parseInstant reads: a date, or a date and time, with an optional offset. */
const ISO_SHAPE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})?)?$/;

/** Whether `text` has an ISO 8601 shape parseInstant reads (its date may still not exist: 2026-02-30). */
export function isIsoShaped(text: string): boolean {
  return ISO_SHAPE.test(text);
}

/** Parses an ISO 8601 instant (a date alone means midnight UTC) to epoch ms; throws on anything else. */
export function parseInstant(text: string): number {
  // Date.parse accepts many non-ISO forms; insist on ISO so files stay portable.
  if (!ISO_SHAPE.test(text)) {
    throw new RangeError(`expected an ISO 8601 date or instant such as 2026-03-01 or 2026-03-01T08:00:00Z, got "${text}"`);
  }
  // A date-time without an offset would be read as local time: make it UTC.
  const withZone = /T/.test(text) && !/(Z|[+-]\d{2}:\d{2})$/.test(text) ? `${text}Z` : text;
  const ms = Date.parse(withZone);
  // Date.parse rolls a day the month lacks into the next month (2026-02-30 is March 2): refuse it instead.
  if (!Number.isFinite(ms) || !isCalendarDay(+text.slice(0, 4), +text.slice(5, 7), +text.slice(8, 10))) {
    throw new RangeError(`"${text}" is not a valid calendar date`);
  }
  return ms;
}

/** Whether parseInstant takes `text`. */
export function isInstant(text: string): boolean {
  try {
    parseInstant(text);
    return true;
  } catch {
    return false;
  }
}

/** Whether day `d` of month `m` (1–12) exists in year `y` (proleptic Gregorian, as Date). */
function isCalendarDay(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  return d <= [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1];
}

const pad2 = (n: number) => (n < 10 ? '0' : '') + n;
const pad3 = (n: number) => (n < 10 ? '00' : n < 100 ? '0' : '') + n;

/**
 * Formats epoch ms as `YYYY-MM-DDTHH:mm:ss.sssZ`, like Date#toISOString but
 * caching the date part: timelines format millions of instants, most of them
 * on a day already seen, and toISOString is not free (see the stack notes).
 */
export class IsoFormatter {
  private day = NaN;
  private dayPrefix = '';
  private lastMs = NaN;
  private last = '';

  format(epochMs: number): string {
    if (epochMs === this.lastMs) return this.last;
    const day = Math.floor(epochMs / DAY);
    if (day !== this.day) {
      this.day = day;
      this.dayPrefix = new Date(day * DAY).toISOString().slice(0, 11);
    }
    let rest = epochMs - day * DAY;
    const h = Math.floor(rest / HOUR);
    rest -= h * HOUR;
    const m = Math.floor(rest / MINUTE);
    rest -= m * MINUTE;
    const s = Math.floor(rest / SECOND);
    const ms = rest - s * SECOND;
    this.lastMs = epochMs;
    this.last = `${this.dayPrefix}${pad2(h)}:${pad2(m)}:${pad2(s)}.${pad3(ms)}Z`;
    return this.last;
  }
}
