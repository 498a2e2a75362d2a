/**
 * Finished jobs, compacted. A job that is Completed or Closed with its drives
 * gone (shipped back, never received, destroyed) usually waits out 90 days of
 * R-RETENTION with only its deliver and delete rows still to come; at the 1M
 * scale that is most of the checker's live state. Such a job is kept as one
 * CompactJob (a few fields, booleans as bits) instead of a JobRec and its
 * DriveRecs, whose IDs are not kept: they are the job's ID with -D01, -D02, …
 * (the simulator's naming; a job whose drives are named otherwise stays rich).
 *
 * The compaction is lossless: a CompactJob is only made from a job whose every
 * field it can give back, and any row or timer that needs the job or one of
 * its drives gets them back through the registries (rehydrate), field for
 * field as they were, so every check sees what it would have seen. The job is
 * compacted again at the end of the instant when it still qualifies.
 */
import { DRIVE_STATES, type DriveState } from '../spec/states.js';
import { disarm, timerStatus, type CheckState } from './context.js';
import type { CheckRow } from './row.js';
import { rememberReturn } from './release.js';
import { newDrive, newJob, type DriveRec, type JobRec } from './records.js';
import type { Timer } from './timer-pool.js';

const DRIVE_STATE_CODE = new Map<DriveState, number>(DRIVE_STATES.map((s, i) => [s, i]));

// A drive, in the bits of one small integer: its state and its flags.
const D_STATE = 0x1f;
const D_EVER_ARRIVED = 1 << 5;
const D_EARLY_CONTACTED = 1 << 6;
const D_MUST_RETURN = 1 << 7;
const D_DESTROYED = 1 << 8;
const D_FAULT_CONTACTED = 1 << 9;

// The job's flags.
const J_IMPORT = 1 << 0;
const J_EXPORT = 1 << 1;
const J_CLOSED = 1 << 2;
const J_RETURN_DELIVERED = 1 << 3;
const J_RETURN_LOST = 1 << 4;
const J_ERRORS_UNKNOWN = 1 << 5;
const J_DELIVERED = 1 << 6;
const J_DOCKED = 1 << 7;
const J_FIRST_PACKAGE_DELIVERED = 1 << 8;
const J_ALERT_PENDING = 1 << 9;
const J_OVERDUE_CONTACT_PENDING = 1 << 10;
const J_RESOLVE_REPLIED = 1 << 11;
const J_BAD_ADDRESS_PENDING = 1 << 12;
const J_EARLY_CONTACTED = 1 << 13;
const J_FAULT_CONTACTED = 1 << 14;
const J_HAS_FIRST_PACKAGE = 1 << 15;

/** Fields that are nearly always at their defaults, kept apart so the common CompactJob stays small. */
interface Rare {
  cancelledAt: number;
  errors: string;
  missing: readonly string[];
}

export class CompactJob {
  constructor(
    readonly id: string,
    /** J_* flags (a delivery of its return package sets one while compacted). */
    public bits: number,
    readonly announcedDrives: number,
    /** Number of listed drives. */
    readonly driveCount: number,
    /** Every drive's bits when they are all alike (the usual case), else -1. */
    readonly driveBits: number,
    /** Each drive's bits, when they differ. */
    readonly driveList: number[] | null,
    /** When (null: none arrived; not NaN, which V8 would box: drive-record.ts) and in which package the drives that arrived arrived (all at once). */
    readonly arrived: number | null,
    readonly arrivedPackage: string,
    readonly packages: readonly string[],
    readonly firstPackage: string,
    readonly returnPackage: string,
    /** Nearly every job has one (an update while Creating): kept here, not in `rare`, which it made common. */
    readonly supersededExpiry: readonly number[],
    readonly rare: Rare | null,
    /** Handed back to the record that rehydrate makes (and then null here: a timer has one holder). */
    public tRetention: Timer | null,
  ) {}

  get closed(): boolean {
    return (this.bits & J_CLOSED) !== 0;
  }

  /** The job's state: Completed or Closed. */
  get state(): 'Completed' | 'Closed' {
    return this.bits & J_CLOSED ? 'Closed' : 'Completed';
  }
}

/** The ID of a job's i-th listed drive (0-based), as the simulator names it. */
export function listedDriveId(jobId: string, i: number): string {
  const n = i + 1;
  return `${jobId}-D${n < 10 ? '0' : ''}${n}`;
}

/** Whether `id` is listedDriveId(jobId, i), compared in place (no string built). */
function isListedDriveId(id: string, jobId: string, i: number): boolean {
  const n = i + 1;
  const digits = n < 100 ? 2 : String(n).length;
  const len = jobId.length;
  if (id.length !== len + 2 + digits || !id.startsWith(jobId) || id.charCodeAt(len) !== 45 /* - */ || id.charCodeAt(len + 1) !== 68 /* D */) return false;
  let v = n;
  for (let k = id.length - 1; k >= len + 2; k--) {
    if (id.charCodeAt(k) !== 48 + (v % 10)) return false;
    v = Math.floor(v / 10);
  }
  return true;
}

/** The drive index (0-based) a listed drive ID names, its job's ID being id.slice(0, at); -1 if none. */
function listedDriveIndex(id: string, at: number): number {
  if (at <= 0 || id.length - at < 4) return -1;
  let n = 0;
  for (let i = at + 2; i < id.length; i++) {
    const c = id.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    n = n * 10 + c;
  }
  // Only the canonical spelling (D01, not D1 or D001).
  if (n < 1 || id.length - at - 2 !== (n < 100 ? 2 : String(n).length)) return -1;
  return n - 1;
}

function noTimer(t: Timer | null): boolean {
  return t === null;
}

/**
 * A drive that is gone and no longer referred to by anything but its job's
 * arrays (an extra or orphan that went back): forgetting it changes nothing.
 */
function forgettable(x: DriveRec): boolean {
  return !x.registered && !x.onSite && !x.early && noTimer(x.tEarlyReturn) && noTimer(x.tEarlyDestroy);
}

let enabled = true;

/** Tests only: turn compaction off, to compare a check with and without it. Returns the previous setting. */
export function setCompaction(on: boolean): boolean {
  const was = enabled;
  enabled = on;
  return was;
}

/**
 * Replaces a finished job by a CompactJob when every field can be given back
 * as it is; returns whether it did.
 */
export function tryCompact(ctx: CheckState, job: JobRec): boolean {
  const st = job.state;
  if (!enabled || (st !== 'Completed' && st !== 'Closed') || job.deleted || !job.registered || job.beforeFault !== null) return false;
  if (!noTimer(job.tExpire) || !noTimer(job.tNever) || !noTimer(job.tOverdue) || !noTimer(job.tNoResponse) || !noTimer(job.tBadAddress)) return false;
  const r = job.tRetention;
  if (r !== null && ctx.timers.owner(r) !== job) return false;
  for (const x of job.extras) if (!forgettable(x)) return false;
  for (const x of job.orphans) if (!forgettable(x)) return false;
  const drives = job.drives;
  let arrived: number | null = null;
  let arrivedPackage = '';
  let arrivedSeen = false;
  let common = -2;
  for (let i = 0; i < drives.length; i++) {
    const x = drives[i];
    if (x.job !== job || x.role !== 'listed' || !x.registered || x.state === null || x.beforeFault !== null || x.onSite || x.early) return false;
    if (!Number.isNaN(x.earlyRepliedAt) || !noTimer(x.tEarlyReturn) || !noTimer(x.tEarlyDestroy) || x.jobId !== job.id) return false;
    if (!isListedDriveId(x.id, job.id, i)) return false;
    if (x.everArrived) {
      if (!arrivedSeen) {
        arrivedSeen = true;
        arrived = x.arrived;
        arrivedPackage = x.arrivedPackage;
      } else if (!Object.is(x.arrivedAt, arrived ?? NaN) || x.arrivedPackage !== arrivedPackage) return false;
    } else if (x.arrived !== null || x.arrivedPackage !== '') return false;
    const b = driveBitsOf(x);
    common = common === -2 ? b : common === b ? b : -1;
  }
  let driveList: number[] | null = null;
  if (common === -1) driveList = drives.map(driveBitsOf);
  const rare = !Number.isNaN(job.cancelledAt) || job.errors !== '' || job.missing.length > 0
    ? { cancelledAt: job.cancelledAt, errors: job.errors, missing: job.missing }
    : null;
  const c = new CompactJob(
    job.id, jobBitsOf(job), job.announcedDrives, drives.length, common < 0 ? -1 : common, driveList,
    arrived, arrivedPackage, job.packages,
    job.firstPackage ?? '', job.returnPackage, job.supersededExpiry, rare, r,
  );
  ctx.jobs.delete(job.id);
  for (const x of drives) ctx.drives.delete(x.id);
  for (const p of job.packages) ctx.packages.replaceIf(p, job, c);
  // The timer is c's now. The dropped record still names it, but nothing acts on an unregistered record.
  if (r !== null) ctx.timers.setOwner(r, c);
  ctx.compacted.set(c.id, c);
  return true;
}

function driveBitsOf(x: DriveRec): number {
  return DRIVE_STATE_CODE.get(x.state!)!
    | (x.everArrived ? D_EVER_ARRIVED : 0)
    | (x.earlyContacted ? D_EARLY_CONTACTED : 0)
    | (x.mustReturn ? D_MUST_RETURN : 0)
    | (x.destroyed ? D_DESTROYED : 0)
    | (x.faultContacted ? D_FAULT_CONTACTED : 0);
}

function jobBitsOf(job: JobRec): number {
  return (job.type === 'import' ? J_IMPORT : job.type === 'export' ? J_EXPORT : 0)
    | (job.state === 'Closed' ? J_CLOSED : 0)
    | (job.returnDelivered ? J_RETURN_DELIVERED : 0)
    | (job.returnLost ? J_RETURN_LOST : 0)
    | (job.errorsUnknown ? J_ERRORS_UNKNOWN : 0)
    | (job.delivered ? J_DELIVERED : 0)
    | (job.docked ? J_DOCKED : 0)
    | (job.firstPackageDelivered ? J_FIRST_PACKAGE_DELIVERED : 0)
    | (job.alertPending ? J_ALERT_PENDING : 0)
    | (job.overdueContactPending ? J_OVERDUE_CONTACT_PENDING : 0)
    | (job.resolveReplied ? J_RESOLVE_REPLIED : 0)
    | (job.badAddressPending ? J_BAD_ADDRESS_PENDING : 0)
    | (job.earlyContacted ? J_EARLY_CONTACTED : 0)
    | (job.faultContacted ? J_FAULT_CONTACTED : 0)
    | (job.firstPackage !== null ? J_HAS_FIRST_PACKAGE : 0);
}

/** Gives a compacted job back as a JobRec with its DriveRecs, registered, field for field as it was compacted. */
export function rehydrate(ctx: CheckState, c: CompactJob): JobRec {
  ctx.compacted.delete(c.id);
  const b = c.bits;
  const job = newJob(c.id);
  job.type = b & J_IMPORT ? 'import' : b & J_EXPORT ? 'export' : '';
  job.state = b & J_CLOSED ? 'Closed' : 'Completed';
  job.announcedDrives = c.announcedDrives;
  job.packages = c.packages;
  job.returnPackage = c.returnPackage;
  job.returnDelivered = (b & J_RETURN_DELIVERED) !== 0;
  job.returnLost = (b & J_RETURN_LOST) !== 0;
  job.errorsUnknown = (b & J_ERRORS_UNKNOWN) !== 0;
  job.delivered = (b & J_DELIVERED) !== 0;
  job.docked = (b & J_DOCKED) !== 0;
  job.firstPackage = b & J_HAS_FIRST_PACKAGE ? c.firstPackage : null;
  job.firstPackageDelivered = (b & J_FIRST_PACKAGE_DELIVERED) !== 0;
  job.alertPending = (b & J_ALERT_PENDING) !== 0;
  job.overdueContactPending = (b & J_OVERDUE_CONTACT_PENDING) !== 0;
  job.resolveReplied = (b & J_RESOLVE_REPLIED) !== 0;
  job.badAddressPending = (b & J_BAD_ADDRESS_PENDING) !== 0;
  job.earlyContacted = (b & J_EARLY_CONTACTED) !== 0;
  job.faultContacted = (b & J_FAULT_CONTACTED) !== 0;
  const rare = c.rare;
  if (rare !== null) {
    job.cancelledAt = rare.cancelledAt;
    job.errors = rare.errors;
    job.missing = rare.missing;
  }
  job.supersededExpiry = c.supersededExpiry;
  const t = c.tRetention;
  if (t !== null) ctx.timers.setOwner(t, job);
  job.tRetention = t;
  c.tRetention = null;
  ctx.jobs.add(job);
  const drives = new Array<DriveRec>(c.driveCount);
  for (let i = 0; i < c.driveCount; i++) {
    const d = c.driveList !== null ? c.driveList[i] : c.driveBits;
    const x = newDrive(listedDriveId(c.id, i), job, 'listed');
    x.state = DRIVE_STATES[d & D_STATE];
    x.everArrived = (d & D_EVER_ARRIVED) !== 0;
    if (x.everArrived) {
      x.arrived = c.arrived;
      x.arrivedPackage = c.arrivedPackage;
    }
    x.earlyContacted = (d & D_EARLY_CONTACTED) !== 0;
    x.mustReturn = (d & D_MUST_RETURN) !== 0;
    x.destroyed = (d & D_DESTROYED) !== 0;
    x.faultContacted = (d & D_FAULT_CONTACTED) !== 0;
    drives[i] = x;
    ctx.drives.add(x);
  }
  if (drives.length > 0) job.drives = drives;
  for (const p of job.packages) ctx.packages.replaceIf(p, c, job);
  // Compacted again at the instant's end if it still qualifies.
  ctx.recompact.push(job);
  return job;
}

/** The compacted job with this ID, given back (undefined: none). */
export function rehydrateJob(ctx: CheckState, id: string): JobRec | undefined {
  const c = ctx.compacted.get(id);
  return c === undefined ? undefined : rehydrate(ctx, c);
}

/** The drive with this ID if it is a listed drive of a compacted job: its job given back, and it with it. */
export function rehydrateDrive(ctx: CheckState, id: string): DriveRec | undefined {
  if (ctx.compacted.size === 0) return undefined;
  const at = id.lastIndexOf('-D');
  const index = listedDriveIndex(id, at);
  if (index < 0) return undefined;
  const c = ctx.compacted.getPrefix(id, at);
  if (c === undefined || index >= c.driveCount) return undefined;
  return rehydrate(ctx, c).drives[index];
}

/** Whether rehydrateDrive would give drive `id` back (it is not given back here). */
export function compactedDrive(ctx: CheckState, id: string): boolean {
  if (ctx.compacted.size === 0) return false;
  const at = id.lastIndexOf('-D');
  const index = listedDriveIndex(id, at);
  if (index < 0) return false;
  const c = ctx.compacted.getPrefix(id, at);
  return c !== undefined && index < c.driveCount;
}

/**
 * The deliver row of a compacted job's return package, when it passes (the
 * usual case): recorded in place. Returns false when the row needs the full
 * check (it is then given back, and checked as any job's).
 */
export function deliverCompacted(ctx: CheckState, c: CompactJob, row: CheckRow): boolean {
  if (!c.returnPackage || (row.package !== '' && row.package !== c.returnPackage) || (c.bits & J_RETURN_LOST) !== 0) return false;
  c.bits |= J_RETURN_DELIVERED;
  return true;
}

/**
 * A delete row of a compacted job that passes (R-RETENTION exactly when due,
 * or the customer's R-DELETE where the policy allows it): the job is released
 * as releaseJob would release it. Returns false when the row needs the full check.
 */
export function deleteCompacted(ctx: CheckState, c: CompactJob, row: CheckRow): boolean {
  const st = c.state;
  if (row.from !== st) return false;
  if (row.rule === 'R-RETENTION') {
    if (timerStatus(ctx, c.tRetention) !== 'due') return false;
  } else if (row.rule !== 'R-DELETE' || !ctx.policy.deleteAllowedIn.includes(st)) {
    return false;
  }
  ctx.compacted.delete(c.id);
  c.tRetention = disarm(ctx, c.tRetention);
  for (const p of c.packages) ctx.packages.deleteIf(p, c);
  if (c.returnPackage && (c.bits & (J_RETURN_DELIVERED | J_RETURN_LOST)) === 0) {
    rememberReturn(ctx, c.id, c.bits & J_IMPORT ? 'import' : c.bits & J_EXPORT ? 'export' : '', c.returnPackage);
  }
  return true;
}
