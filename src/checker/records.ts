/**
 * What the checker remembers per job and per drive: only what a later rule
 * needs (job-record.ts, drive-record.ts). Records are dropped when the job is
 * deleted (its drives with it, except drives still on site that have their
 * own early-arrival timers), so memory follows the number of live entities,
 * not the file's length.
 */
import type { CompactJob } from './compact.js';
import type { DriveRec } from './drive-record.js';
import type { JobRec } from './job-record.js';

export { JobRec, NONE, newJob, type JobType } from './job-record.js';
export { DriveRec, newDrive, type DriveRole } from './drive-record.js';

/** Per-instant facts about a job, as bits: reset when a new instant touches the job. */
export const I = {
  PUT: 1 << 0,
  UPDATE: 1 << 1,
  CANCEL_ROW: 1 << 2,
  /** A cancel that the policy refuses: a refuse row must follow at this instant. */
  CANCEL_EXPECT_REFUSE: 1 << 3,
  CANCEL_IN_CREATING: 1 << 4,
  CANCEL_IN_RECEIVED: 1 << 5,
  RESOLVE_CANCEL: 1 << 6,
  RETURN_SHIP: 1 << 7,
  BAD_ADDRESS_DESTROY: 1 << 8,
  FINISHED: 1 << 9,
  DRIVE_CHANGED: 1 << 10,
  DOCK: 1 << 11,
  REFUSED_SHIP: 1 << 12,
  REFUSED_CANCEL: 1 << 13,
  REFUSED_DELETE: 1 << 14,
  CANCEL_ACCEPTED: 1 << 15,
  /** A drive of the job's first package was processed at the dock. */
  DOCK_FIRST: 1 << 16,
} as const;

/** What a timer belongs to: a job, a drive, or (a retention timer) a compacted job. */
export type Owner = JobRec | DriveRec | CompactJob;

/** `list` with `x` appended, as a new array of exactly that length (`list` is left as it was). */
export function appended<T>(list: readonly T[], x: T): T[] {
  const n = list.length;
  const out = new Array<T>(n + 1);
  for (let i = 0; i < n; i++) out[i] = list[i];
  out[n] = x;
  return out;
}

/** A deleted job's return package still with the carrier: its deliver or lost row may still come. */
export interface ReturnInTransit {
  jobId: string;
  type: JobRec['type'];
  shippedAt: number;
}
