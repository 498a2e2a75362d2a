/**
 * Detail fields, parsed once per distinct text. A put row's detail
 * (`type=import;drives=3`), a ship row's and a copy's outcome repeat a few
 * texts over millions of rows; parsing each anew made a Map, an array and
 * its strings per row (~40 MB of garbage per 100k jobs, which brings the
 * scavenges, each copying the long-lived records, sooner). The cache is
 * small and emptied when full: a file of ever-new details (extend's
 * `until=…`) costs a parse each, never memory.
 */
import { parseDetail } from '../spec/timeline.js';
import { own } from './strings.js';

/** Distinct details kept at most. */
const MAX_DETAILS = 256;

export class DetailCache {
  private readonly parsed = new Map<string, ReadonlyMap<string, string>>();

  /** parseDetail(detail), shared: callers must only read it. */
  get(detail: string): ReadonlyMap<string, string> {
    let m = this.parsed.get(detail);
    if (m === undefined) {
      if (this.parsed.size >= MAX_DETAILS) this.parsed.clear();
      // Kept, the key and the values cut from it must not pin the text the detail was cut from (strings.ts).
      const key = own(detail);
      m = parseDetail(key);
      this.parsed.set(key, m);
    }
    return m;
  }

  /** Details held (tests: bounded). */
  get size(): number {
    return this.parsed.size;
  }
}
