/**
 * What the checker remembers per job and per drive: only what a later rule
 * needs. Records are dropped when the job is deleted (its drives with it,
 * except drives still on site that have their own early-arrival timers), so
 * memory follows the number of live entities, not the file's length.
 */
import type { DriveState, JobState } from '../spec/states.js';
import type { Timer } from './timer-pool.js';
import type { CompactJob } from './compact.js';
import { own } from './strings.js';

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

export interface JobRec {
  readonly kind: 'job';
  readonly id: string;
  type: 'import' | 'export' | '';
  /** null between the put row and the first state row. */
  state: JobState | null;
  beforeFault: JobState | null;
  /** From the put row's `drives=N`, or -1. */
  announcedDrives: number;
  /** The lists are never pushed to: they grow by `appended` (see NONE). */
  drives: readonly DriveRec[];
  extras: readonly DriveRec[];
  orphans: readonly DriveRec[];
  packages: readonly string[];
  returnPackage: string;
  returnDelivered: boolean;
  returnLost: boolean;
  /** An accepted cancel (R-CANCEL or R-SHIP-RESOLVE), and when. */
  cancelledAt: number;
  /** Why the job has errors in the R-FINISH sense ('' = none seen). */
  errors: string;
  /** A copy ended CompletedMoreInfo without an outcome: errors cannot be judged. */
  errorsUnknown: boolean;
  /** A package of the job was delivered while it was in Shipping (or its drives were on site when it entered Shipping). */
  delivered: boolean;
  /** The job's first dock processing has happened (R-NEVER-RECEIVED for absent drives applies once). */
  docked: boolean;
  /**
   * The job's first package: the first one the customer shipped (its first
   * `ship` row), else the first one that arrived. R-NEVER-RECEIVED marks the
   * listed drives absent from it; a later package is a late shipment.
   */
  firstPackage: string | null;
  firstPackageDelivered: boolean;
  /** Fields a refused Shipping request named as missing (R-SHIP-REQUIRES), until an update sets them. */
  missing: readonly string[];
  alertPending: boolean;
  overdueContactPending: boolean;
  resolveReplied: boolean;
  badAddressPending: boolean;
  earlyContacted: boolean;
  faultContacted: boolean;
  /** Expiry times superseded by an update (R-CREATING-RESET), most recent last, a few kept. */
  supersededExpiry: readonly number[];
  tExpire: Timer | null;
  tNever: Timer | null;
  tOverdue: Timer | null;
  tNoResponse: Timer | null;
  tBadAddress: Timer | null;
  tRetention: Timer | null;
  /** The instant the `flags` refer to. */
  instant: number;
  flags: number;
  deleted: boolean;
  registered: boolean;
}

export type DriveRole = 'listed' | 'extra' | 'orphan' | 'undefined';

export interface DriveRec {
  readonly kind: 'drive';
  readonly id: string;
  /**
   * The job it belongs to (listed, extra), travelled with (orphan), or null:
   * a drive of no job, or a drive still on site after its job was deleted.
   */
  job: JobRec | null;
  jobId: string;
  role: DriveRole;
  state: DriveState | null;
  beforeFault: DriveState | null;
  onSite: boolean;
  everArrived: boolean;
  arrivedAt: number;
  /** The package it last arrived in. */
  arrivedPackage: string;
  /** Arrived while its job was Creating, or with no job: R-EARLY-* timers apply. */
  early: boolean;
  earlyContacted: boolean;
  /** Instant of a reply R-EARLY-ARRIVAL for this drive of no job (it must be returned then). */
  earlyRepliedAt: number;
  /** An extra drive recognised as such (policy extraDriveIn): it must be returned at its job's finish. */
  mustReturn: boolean;
  destroyed: boolean;
  faultContacted: boolean;
  tEarlyReturn: Timer | null;
  tEarlyDestroy: Timer | null;
  registered: boolean;
}

/**
 * The empty list every record starts with, shared. A job had six arrays of
 * its own, and a push gave an array room for 17 entries: ~1 KB per job,
 * most of it never used (extras, orphans and missing stay empty; a job
 * has 1–3 drives, 1 package, 1 superseded expiry). Lists are now replaced
 * by an exact copy on each append: a few appends per job's life.
 */
export const NONE: readonly never[] = [];

/** `list` with `x` appended, as a new array of exactly that length (`list` is left as it was). */
export function appended<T>(list: readonly T[], x: T): T[] {
  const n = list.length;
  const out = new Array<T>(n + 1);
  for (let i = 0; i < n; i++) out[i] = list[i];
  out[n] = x;
  return out;
}

export function newJob(id: string): JobRec {
  return {
    kind: 'job', id: own(id), type: '', state: null, beforeFault: null, announcedDrives: -1,
    drives: NONE, extras: NONE, orphans: NONE, packages: NONE, returnPackage: '', returnDelivered: false, returnLost: false,
    cancelledAt: NaN, errors: '', errorsUnknown: false, delivered: false, docked: false, firstPackage: null, firstPackageDelivered: false, missing: NONE,
    alertPending: false, overdueContactPending: false, resolveReplied: false, badAddressPending: false,
    earlyContacted: false, faultContacted: false, supersededExpiry: NONE,
    tExpire: null, tNever: null, tOverdue: null, tNoResponse: null, tBadAddress: null, tRetention: null,
    instant: NaN, flags: 0, deleted: false, registered: false,
  };
}

export function newDrive(id: string, job: JobRec | null, role: DriveRole): DriveRec {
  return {
    kind: 'drive', id: own(id), job, jobId: job?.id ?? '', role, state: null, beforeFault: null,
    onSite: false, everArrived: false, arrivedAt: NaN, arrivedPackage: '', early: false, earlyContacted: false, earlyRepliedAt: NaN,
    mustReturn: false, destroyed: false, faultContacted: false, tEarlyReturn: null, tEarlyDestroy: null, registered: false,
  };
}

/** A deleted job's return package still with the carrier: its deliver or lost row may still come. */
export interface ReturnInTransit {
  jobId: string;
  type: JobRec['type'];
  shippedAt: number;
}
