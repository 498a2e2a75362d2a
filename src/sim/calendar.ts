import { DAY, HOUR, parseInstant } from './time.js';

/** When a team works: weekdays (0 = Sunday … 6 = Saturday), daily hours in UTC, and holidays. */
export interface CalendarSpec {
  days: number[];
  /** Opening and closing hour, e.g. [8, 17]; [0, 24] is around the clock. */
  hours: [number, number];
  /** ISO dates (YYYY-MM-DD) when nobody works. */
  holidays?: string[];
}

export const ALWAYS_OPEN: CalendarSpec = { days: [0, 1, 2, 3, 4, 5, 6], hours: [0, 24] };

/**
 * Working time on a calendar. Times are simulation times (ms since the
 * simulation's start); `startEpochMs` anchors them to real weekdays. Work that
 * needs `d` working ms started at `t` ends at addWorking(t, d): a job that
 * arrives on a Friday evening waits for Monday morning.
 */
export class WorkCalendar {
  private readonly open: number;
  private readonly close: number;
  private readonly workDays: boolean[];
  private readonly holidays: Set<number>;
  readonly alwaysOpen: boolean;

  constructor(spec: CalendarSpec, private readonly startEpochMs: number) {
    const [a, b] = spec.hours;
    if (!(a >= 0 && b <= 24 && a < b)) throw new RangeError(`hours: expected [open, close] with 0 <= open < close <= 24, got [${a}, ${b}]`);
    if (spec.days.length === 0 || spec.days.some((d) => !Number.isInteger(d) || d < 0 || d > 6)) {
      throw new RangeError(`days: expected weekday numbers 0 (Sunday) to 6 (Saturday), got [${spec.days.join(', ')}]`);
    }
    this.open = a * HOUR;
    this.close = b * HOUR;
    this.workDays = Array.from({ length: 7 }, (_, d) => spec.days.includes(d));
    this.holidays = new Set((spec.holidays ?? []).map((h) => Math.floor(parseInstant(h) / DAY)));
    this.alwaysOpen = this.workDays.every(Boolean) && a === 0 && b === 24 && this.holidays.size === 0;
  }

  /** Working ms in one full working day. */
  get hoursPerDay(): number {
    return this.close - this.open;
  }

  private isWorkDay(epochDay: number): boolean {
    // 1970-01-01 was a Thursday (weekday 4).
    return this.workDays[(epochDay + 4) % 7] && !this.holidays.has(epochDay);
  }

  isOpen(t: number): boolean {
    if (this.alwaysOpen) return true;
    const e = this.startEpochMs + t;
    const day = Math.floor(e / DAY);
    const tod = e - day * DAY;
    return this.isWorkDay(day) && tod >= this.open && tod < this.close;
  }

  /** `t` if open, else the next instant the calendar opens. */
  nextOpen(t: number, limit = Infinity): number {
    return this.addWorking(t, 0, limit);
  }

  /**
   * The instant at which `duration` ms of working time, started at `t`, is
   * done; Infinity when that is after `limit` (e.g. the end of the run: work
   * that cannot finish in time need not be walked day by day for centuries).
   */
  addWorking(t: number, duration: number, limit = Infinity): number {
    if (!(duration >= 0)) throw new RangeError(`working duration must be >= 0, got ${duration}`);
    if (this.alwaysOpen) {
      const end = t + duration;
      return end <= limit ? end : Infinity;
    }
    let e = this.startEpochMs + t;
    let left = duration;
    const stop = limit === Infinity ? Infinity : this.startEpochMs + limit;
    // 400 years of days bounds a walk with no limit, e.g. a calendar whose every day is a holiday.
    for (let guard = 0; guard < 146_100 && e <= stop; guard++) {
      const day = Math.floor(e / DAY);
      const dayStart = day * DAY;
      if (this.isWorkDay(day)) {
        const from = Math.max(e, dayStart + this.open);
        const to = dayStart + this.close;
        if (from < to) {
          // duration 0 stops at the first open instant; otherwise work may end exactly at closing.
          if (left === 0 || from + left <= to) {
            const end = from + left - this.startEpochMs;
            return end <= limit ? end : Infinity;
          }
          left -= to - from;
        }
      }
      e = dayStart + DAY;
    }
    if (e > stop) return Infinity;
    throw new RangeError('the calendar has no working time left within 400 years (every day a holiday?)');
  }

  /** addWorking for a number of whole or fractional working days. */
  addWorkingDays(t: number, days: number, limit = Infinity): number {
    return this.addWorking(t, days * this.hoursPerDay, limit);
  }
}
