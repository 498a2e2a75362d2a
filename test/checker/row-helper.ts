import type { TimelineRow } from '../../src/spec/timeline.js';

/** A 10-column record as a TimelineRow (the tests' files all use iesim's header). */
export function toRowForTest(f: string[]): TimelineRow {
  return { time: f[0], kind: f[1] as TimelineRow['kind'], entity: f[2] as TimelineRow['entity'], id: f[3], job: f[4], from: f[5], to: f[6], rule: f[7], package: f[8] ?? '', detail: f[9] ?? '' };
}
