/**
 * ISO 8601 formatting for record rows (jobs.csv, drives.csv). IsoFormatter
 * caches the date of the last day it saw, which suits the timeline (rows come
 * in time order) but not records: a job's row holds instants from many days,
 * and each miss costs a Date#toISOString (about a microsecond, most of the
 * time spent formatting records). Here one IsoFormatter per day, so the text
 * is IsoFormatter's by construction; a run spans few days, and the map is
 * cleared if it ever holds more than MAX_DAYS.
 */
import { DAY, IsoFormatter } from '../sim/time.js';

const MAX_DAYS = 4096;

export class IsoByDay {
  private readonly byDay = new Map<number, IsoFormatter>();

  readonly format = (epochMs: number): string => {
    const day = Math.floor(epochMs / DAY);
    let f = this.byDay.get(day);
    if (f === undefined) {
      if (this.byDay.size >= MAX_DAYS) this.byDay.clear();
      f = new IsoFormatter();
      this.byDay.set(day, f);
    }
    return f.format(epochMs);
  };
}
