/**
 * What the model hands out while it runs. The model is pure: it calls these
 * and never touches files; the CLI's writers implement them (CSV streams),
 * and tests implement them with arrays.
 */
import type { EventKind, Entity } from '../spec/timeline.js';
import type { JobRecord, DriveRecord, DayRecord } from './records.js';

export interface ModelSink {
  /** One timeline row; `time` is epoch ms. Called only for traced entities. */
  row?(time: number, kind: EventKind, entity: Entity, id: string, job: string, from: string, to: string, rule: string, pkg: string, detail: string): void;
  /** A job's record, once it is deleted or at the horizon: read it during the call, or keep keptJob(record) (records.ts). */
  job?(record: JobRecord): void;
  /** A drive's record, once its life at the datacenter is over or at the horizon: read it during the call, or keep keptDrive(record). */
  drive?(record: DriveRecord): void;
  /** One row per simulated day at 00:00 UTC. */
  day?(record: DayRecord): void;
}

/** Which jobs' rows the timeline holds: all, none, or the first N jobs created. */
export type TimelineMode = { kind: 'full' } | { kind: 'off' } | { kind: 'sample'; jobs: number };

export function parseTimelineMode(text: string): TimelineMode | undefined {
  if (text === 'full' || text === 'off') return { kind: text };
  const m = /^sample:(\d+)$/.exec(text);
  return m ? { kind: 'sample', jobs: Number(m[1]) } : undefined;
}
