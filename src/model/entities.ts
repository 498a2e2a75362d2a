/** The records the model keeps per job, drive and package while they are open. */
import type { DriveState, JobState } from '../spec/states.js';
import type { Timer } from '../sim/simulation.js';

export type JobType = 'import' | 'export';
export type DriveRole = 'listed' | 'extra' | 'orphan' | 'undefined';
export type CopyOutcome = 'ok' | 'info' | 'warnings' | 'errors';

/**
 * No timer running. Not -1: a field that starts as a small integer (a V8
 * "Smi") and later holds a handle beyond the Smi range makes V8 migrate
 * every object built from the same literal to a new map, one by one (measured:
 * ~130k migrations per 100k jobs). A fractional value makes these fields
 * doubles from the first object on. Any negative value reads as "none".
 */
export const NO_TIMER: Timer = -0.5;

export interface Job {
  readonly id: string;
  readonly index: number;
  readonly type: JobType;
  readonly created: number;
  state: JobState;
  stateSince: number;
  /** State before entering Faulted. */
  beforeFault: JobState | null;
  /** Listed drives; emptied when a finished job moves into w.retained (see retired). */
  drives: Drive[];
  /** Extra and orphan drives that came in this job's packages. */
  riders: Drive[];
  readonly driveCount: number;
  readonly totalBytes: number;
  /**
   * Once a finished job's drives have left for good, the job moves into the
   * world's RetainedJobs (retained.ts) under this seq (-1 until then), and
   * this object is dropped: only events scheduled earlier still hold it,
   * and they must look the job up by `retired` (see api.ts).
   */
  retired: number;
  hasDeliveryPackage: boolean;
  hasReturnAddress: boolean;
  badReturnAddress: boolean;
  cancelRequested: boolean;
  errors: boolean;
  /** In the timeline sample (or the timeline is full). */
  traced: boolean;
  /** First entry time per state, by state index (NaN = never). A plain array: a typed array costs ~200 bytes more per entity. */
  readonly entered: number[];
  packagesDelivered: number;
  firstDelivery: number;
  finishedAt: number;
  returnShipped: number;
  returnPackage: string;
  escalations: number;
  faults: number;
  deleted: number;
  deleteRule: string;
  copiesOpen: number;
  incompleteBlobList: boolean;
  reexportOf: string;
  // rule timers (NO_TIMER when not running); see src/spec/timers.ts
  expiryTimer: Timer;
  neverReceivedTimer: Timer;
  overdueTimer: Timer;
  noResponseTimer: Timer;
  /** The customer's answer to the overdue contact (R-SHIP-RESOLVE). */
  replyTimer: Timer;
  /** The customer's answer to the bad-address contact (R-BAD-RETURN-ADDRESS). */
  addressReplyTimer: Timer;
  addressTimer: Timer;
  retentionTimer: Timer;
  /** Early-arrival handling is under way for this job's drives on site. */
  earlyPending: boolean;
  /** Packages delivered while the job was Creating, waiting for Shipping (R-EARLY-ARRIVAL). */
  held: Package[];
  /** The customer's intentions, drawn at Put Job (common random numbers across variants). */
  plan: CustomerPlan;
}

export interface CustomerPlan {
  deleteWhileShipping: boolean;
  deleteAfterFinish: boolean;
  earlyShipper: boolean;
}

export interface Drive {
  readonly id: string;
  /** Owning job; null for a drive of no job. */
  readonly job: Job | null;
  /** The job whose package carried it (riders). */
  readonly carrier: Job | null;
  readonly role: DriveRole;
  readonly bytes: number;
  state: DriveState | null;
  beforeFault: DriveState | null;
  onSite: boolean;
  /** In a package the carrier will deliver (not a lost one). */
  inTransit: boolean;
  /** Arrived at the dock (at least once). */
  arrived: number;
  readonly entered: number[];
  outcome: CopyOutcome | '';
  copyRequested: number;
  copyStart: number;
  copyEnd: number;
  copyWait: number;
  copyRequest: number;
  copying: boolean;
  skipped: boolean;
  returned: number;
  destroyed: number;
  earlyReturnTimer: Timer;
  earlyDestroyTimer: Timer;
  released: boolean;
}

export interface Package {
  readonly id: string;
  readonly job: Job | null;
  readonly drives: Drive[];
  /** The job's first package (missing drives become NeverReceived when it is processed). */
  readonly first: boolean;
}
