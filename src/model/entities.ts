/** The records the model keeps per job, drive and package while they are open. */
import { DRIVE_STATES, DRIVE_STATE_INDEX, JOB_STATES, JOB_STATE_INDEX, type DriveState, type JobState } from '../spec/states.js';
import type { Timer } from '../sim/simulation.js';
import type { World } from './world.js';
import { driveId, extraDriveId, jobId, noJobDriveId, orphanDriveId, packageId, returnPackageId } from './ids.js';
import { NumberRows } from './number-rows.js';

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

// The `n` literals below hold one first-entry slot per state, from these offsets.
if (JOB_STATES.length !== 8 || DRIVE_STATES.length !== 8) throw new Error('entities.ts: update the entered slots of the n[] literals to the number of states');
const JOB_ENTERED = 15;
const DRIVE_ENTERED = 11;

/** A new job's and drive's numbers (Job.a, Drive.a). The world holds a NumberRows of each (jobRows, driveRows). */
const JOB_INIT = new Float64Array([0, 0, 0, NaN, NaN, NaN, NaN, NO_TIMER, NO_TIMER, NO_TIMER, NO_TIMER, NO_TIMER, NO_TIMER, NO_TIMER, NO_TIMER,
  NaN, NaN, NaN, NaN, NaN, NaN, NaN, NaN]);
const DRIVE_INIT = new Float64Array([0, NaN, NaN, NaN, NaN, NaN, NO_TIMER, NaN, NaN, NO_TIMER, NO_TIMER, NaN, NaN, NaN, NaN, NaN, NaN, NaN, NaN]);
if (JOB_INIT.length !== JOB_ENTERED + 8 || DRIVE_INIT.length !== DRIVE_ENTERED + 8) throw new Error('entities.ts: a row ends with one entry time per state');
export const jobRows = (): NumberRows => new NumberRows(JOB_INIT);
export const driveRows = (): NumberRows => new NumberRows(DRIVE_INIT);

function copyOut(a: Float64Array, from: number, n: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push(a[from + i]);
  return out;
}

/** The shared empty list of a job without riders or held packages (frozen: add through the job's methods). */
const NONE: never[] = Object.freeze([]) as unknown as never[];

// Job flags (Job.f).
const TRACED = 1, HAS_DELIVERY_PACKAGE = 2, HAS_RETURN_ADDRESS = 4, BAD_RETURN_ADDRESS = 8, CANCEL_REQUESTED = 16, ERRORS = 32,
  INCOMPLETE_BLOB_LIST = 64, EARLY_PENDING = 128, DELETE_WHILE_SHIPPING = 256, DELETE_AFTER_FINISH = 512, EARLY_SHIPPER = 1024,
  FIXES_REFUSAL = 2048, DELETED = 4096;
// Job.f from here: the state (its JOB_STATES index), the state before a fault (index + 1, 0 for none), the type.
const JOB_STATE_SHIFT = 13, JOB_BEFORE_SHIFT = 17, EXPORT = 1 << 21;
// Drive flags (Drive.f), then the state and the state before a fault (DRIVE_STATES index + 1, 0 for none), the
// outcome (OUTCOMES index) and the role (DRIVE_ROLES index).
const ON_SITE = 1, IN_TRANSIT = 2, COPYING = 4, SKIPPED = 8, RELEASED = 16;
const DRIVE_STATE_SHIFT = 5, DRIVE_BEFORE_SHIFT = 9, OUTCOME_SHIFT = 13, ROLE_SHIFT = 16, DRIVE_TRACED = 1 << 18;
/** Copy outcomes by the index kept in a drive's bits (Drive.outcomeIndex) and in RetainedJobs. */
export const OUTCOMES: readonly (CopyOutcome | '')[] = ['', 'ok', 'info', 'warnings', 'errors'];
const DRIVE_ROLES: readonly DriveRole[] = ['listed', 'extra', 'orphan', 'undefined'];
const driveStateCode = (s: DriveState | null): number => (s === null ? 0 : DRIVE_STATE_INDEX[s] + 1);

/**
 * A job while it is open (see RetainedJobs for finished ones). Its numbers
 * live in a row of Float64Array (number-rows.ts) behind accessors: V8 (no
 * pointer compression in Node 20) boxes every double-valued property as a
 * heap object of its own, 15 per job and 11 per drive, which the
 * young-generation collector copied twice for every entity (measured: 291
 * vs 186 bytes for an object of 10 doubles, and one object instead of
 * eleven); a number array per object was still one more object to copy.
 */
export class Job {
  /** Listed drives (as many as driveCount: put.ts); emptied when a finished job moves into w.retained (see retired). */
  drives: Drive[] = NONE;
  /** Extra and orphan drives that came in this job's packages; NONE until the first (addRider). */
  riders: Drive[] = NONE;
  /**
   * Once a finished job's drives have left for good, the job moves into the
   * world's RetainedJobs (retained.ts) under this seq (-1 until then), and
   * this object is dropped: only events scheduled earlier still hold it,
   * and they must look the job up by `retired` (see api.ts).
   */
  retired = -1;
  packagesDelivered = 0;
  escalations = 0;
  faults = 0;
  deleteRule = '';
  copiesOpen = 0;
  /** Packages delivered while the job was Creating, waiting for Shipping (R-EARLY-ARRIVAL); NONE until the first. */
  held: Package[] = NONE;
  /** The booleans, state, state before a fault and type (getters below), as bits: a field each made every open job ~100 bytes larger. */
  private f = HAS_DELIVERY_PACKAGE | HAS_RETURN_ADDRESS;
  /** The ID once made ('' before): a run without a timeline asks for few of them, and each string lived as long as its job. */
  private idText = '';
  /**
   * The job's row in the world's jobRows (number-rows.ts), `a` its chunk and `b` its base: created,
   * stateSince, totalBytes, firstDelivery, finishedAt, returnShipped, deleted, the rule timers (NO_TIMER
   * when not running; see src/spec/timers.ts), then the first entry time per state (JOB_ENTERED).
   * `a` is null once the row is freed (free()): a read after that is a bug and throws.
   */
  private a: Float64Array | null;
  private b: number;

  constructor(
    /** The world the job lives in: the job is its own events' data, so an event allocates nothing. */
    readonly w: World,
    /** The job's number: its ID is J- and this number (ids.ts), made when first asked for. */
    readonly index: number,
    type: JobType,
    created: number,
    state: JobState,
    readonly driveCount: number,
    /** In the timeline sample (or the timeline is full). */
    traced: boolean,
    readonly reexportOf: string,
  ) {
    this.f |= (traced ? TRACED : 0) | (type === 'export' ? EXPORT : 0) | (JOB_STATE_INDEX[state] << JOB_STATE_SHIFT);
    const a = w.jobRows.take(), b = w.jobRows.lastBase;
    this.a = a;
    this.b = b;
    a[b] = created;
    a[b + 1] = created;
  }

  /** When the job first entered the state of this JOB_STATES index (NaN = never). */
  enteredAt(state: number): number { return this.a![this.b + JOB_ENTERED + state]; }
  setEnteredAt(state: number, t: number): void { this.a![this.b + JOB_ENTERED + state] = t; }
  /** First entry time per state, by JOB_STATES index (a copy). */
  get entered(): number[] { return copyOut(this.a!, this.b + JOB_ENTERED, 8); }

  get created(): number { return this.a![this.b]; }
  get stateSince(): number { return this.a![this.b + 1]; }
  set stateSince(v: number) { this.a![this.b + 1] = v; }
  get totalBytes(): number { return this.a![this.b + 2]; }
  set totalBytes(v: number) { this.a![this.b + 2] = v; }
  get firstDelivery(): number { return this.a![this.b + 3]; }
  set firstDelivery(v: number) { this.a![this.b + 3] = v; }
  get finishedAt(): number { return this.a![this.b + 4]; }
  set finishedAt(v: number) { this.a![this.b + 4] = v; }
  get returnShipped(): number { return this.a![this.b + 5]; }
  set returnShipped(v: number) { this.a![this.b + 5] = v; }
  /** When the job was deleted (NaN = not deleted); readable until the job is freed: isDeleted stays true after. */
  get deleted(): number { return this.a![this.b + 6]; }
  set deleted(v: number) {
    this.a![this.b + 6] = v;
    this.flag(DELETED, !Number.isNaN(v));
  }
  /** Deleted (R-DELETE, R-RETENTION, …): what an event scheduled earlier asks of a job it still holds. */
  get isDeleted(): boolean { return (this.f & DELETED) !== 0; }

  get expiryTimer(): Timer { return this.a![this.b + 7]; }
  set expiryTimer(v: Timer) { this.a![this.b + 7] = v; }
  get neverReceivedTimer(): Timer { return this.a![this.b + 8]; }
  set neverReceivedTimer(v: Timer) { this.a![this.b + 8] = v; }
  get overdueTimer(): Timer { return this.a![this.b + 9]; }
  set overdueTimer(v: Timer) { this.a![this.b + 9] = v; }
  get noResponseTimer(): Timer { return this.a![this.b + 10]; }
  set noResponseTimer(v: Timer) { this.a![this.b + 10] = v; }
  get replyTimer(): Timer { return this.a![this.b + 11]; }
  set replyTimer(v: Timer) { this.a![this.b + 11] = v; }
  get addressReplyTimer(): Timer { return this.a![this.b + 12]; }
  set addressReplyTimer(v: Timer) { this.a![this.b + 12] = v; }
  get addressTimer(): Timer { return this.a![this.b + 13]; }
  set addressTimer(v: Timer) { this.a![this.b + 13] = v; }
  get retentionTimer(): Timer { return this.a![this.b + 14]; }
  set retentionTimer(v: Timer) { this.a![this.b + 14] = v; }

  /**
   * Gives the job's row back to the world (once it is deleted or retired and
   * its record written): events scheduled earlier may still hold the object,
   * and ask only isDeleted, retired and the bits.
   */
  free(): void {
    // Twice would hand the same row to two jobs.
    if (this.a === null) throw new Error(`model bug: job ${this.id} freed twice`);
    this.w.jobRows.free(this.a, this.b);
    this.a = null;
  }

  /** A copy with a row of its own, for a sink that keeps records after the call (sink.ts). */
  snapshot(): Job {
    const s: Job = Object.assign(Object.create(Job.prototype), this);
    s.a = NumberRows.copy(this.a!, this.b, JOB_INIT.length);
    s.b = 0;
    return s;
  }

  /** The job has retired (release.ts): its lists no longer hold its drives. */
  dropDrives(): void {
    this.drives = NONE;
    this.riders = NONE;
  }

  addRider(d: Drive): void {
    if (this.riders === NONE) this.riders = [d];
    else this.riders.push(d);
  }

  hold(p: Package): void {
    if (this.held === NONE) this.held = [p];
    else this.held.push(p);
  }

  /** Takes the held packages (the job has none after). */
  takeHeld(): Package[] {
    const held = this.held;
    this.held = NONE;
    return held;
  }

  get id(): string {
    return this.idText !== '' ? this.idText : (this.idText = jobId(this.index));
  }

  /** The return shipment's package ID ('' until it is shipped: returnShipped). */
  get returnPackage(): string { return Number.isNaN(this.returnShipped) ? '' : returnPackageId(this.id); }

  get type(): JobType { return (this.f & EXPORT) !== 0 ? 'export' : 'import'; }
  get state(): JobState { return JOB_STATES[(this.f >>> JOB_STATE_SHIFT) & 15]; }
  set state(v: JobState) { this.f = (this.f & ~(15 << JOB_STATE_SHIFT)) | (JOB_STATE_INDEX[v] << JOB_STATE_SHIFT); }
  /** Its state's JOB_STATES index (what World.setJobState works with: no lookup of the state's name). */
  get stateIndex(): number { return (this.f >>> JOB_STATE_SHIFT) & 15; }
  set stateIndex(i: number) { this.f = (this.f & ~(15 << JOB_STATE_SHIFT)) | (i << JOB_STATE_SHIFT); }
  /** State before entering Faulted (null when not Faulted). */
  get beforeFault(): JobState | null {
    const i = (this.f >>> JOB_BEFORE_SHIFT) & 15;
    return i === 0 ? null : JOB_STATES[i - 1];
  }
  set beforeFault(v: JobState | null) {
    this.f = (this.f & ~(15 << JOB_BEFORE_SHIFT)) | ((v === null ? 0 : JOB_STATE_INDEX[v] + 1) << JOB_BEFORE_SHIFT);
  }

  /** In the timeline sample (or the timeline is full). */
  get traced(): boolean { return (this.f & TRACED) !== 0; }
  get hasDeliveryPackage(): boolean { return (this.f & HAS_DELIVERY_PACKAGE) !== 0; }
  set hasDeliveryPackage(v: boolean) { this.flag(HAS_DELIVERY_PACKAGE, v); }
  get hasReturnAddress(): boolean { return (this.f & HAS_RETURN_ADDRESS) !== 0; }
  set hasReturnAddress(v: boolean) { this.flag(HAS_RETURN_ADDRESS, v); }
  get badReturnAddress(): boolean { return (this.f & BAD_RETURN_ADDRESS) !== 0; }
  set badReturnAddress(v: boolean) { this.flag(BAD_RETURN_ADDRESS, v); }
  get cancelRequested(): boolean { return (this.f & CANCEL_REQUESTED) !== 0; }
  set cancelRequested(v: boolean) { this.flag(CANCEL_REQUESTED, v); }
  get errors(): boolean { return (this.f & ERRORS) !== 0; }
  set errors(v: boolean) { this.flag(ERRORS, v); }
  get incompleteBlobList(): boolean { return (this.f & INCOMPLETE_BLOB_LIST) !== 0; }
  set incompleteBlobList(v: boolean) { this.flag(INCOMPLETE_BLOB_LIST, v); }
  /** Early-arrival handling is under way for this job's drives on site. */
  get earlyPending(): boolean { return (this.f & EARLY_PENDING) !== 0; }
  set earlyPending(v: boolean) { this.flag(EARLY_PENDING, v); }
  // The customer's intentions, drawn at Put Job (common random numbers across variants): customer.ts.
  get deleteWhileShipping(): boolean { return (this.f & DELETE_WHILE_SHIPPING) !== 0; }
  set deleteWhileShipping(v: boolean) { this.flag(DELETE_WHILE_SHIPPING, v); }
  get deleteAfterFinish(): boolean { return (this.f & DELETE_AFTER_FINISH) !== 0; }
  set deleteAfterFinish(v: boolean) { this.flag(DELETE_AFTER_FINISH, v); }
  get earlyShipper(): boolean { return (this.f & EARLY_SHIPPER) !== 0; }
  set earlyShipper(v: boolean) { this.flag(EARLY_SHIPPER, v); }
  /** After a refusal (R-SHIP-REQUIRES), the customer sets the missing fields and asks again. */
  get fixesRefusal(): boolean { return (this.f & FIXES_REFUSAL) !== 0; }
  set fixesRefusal(v: boolean) { this.flag(FIXES_REFUSAL, v); }

  private flag(bit: number, v: boolean): void {
    this.f = v ? this.f | bit : this.f & ~bit;
  }
}

/** A drive while it is open; numbers unboxed as in Job. */
export class Drive {
  /** The booleans, state, state before a fault, outcome and role below, as bits (the object is a third smaller). */
  private f = 0;
  private idText = '';
  /**
   * The drive's row in the world's driveRows (as Job's): bytes, arrived, copyRequested, copyStart, copyEnd,
   * copyWait, copyRequest, returned, destroyed, earlyReturnTimer, earlyDestroyTimer, then the first entry
   * time per state (DRIVE_ENTERED). Null once freed (released and recorded).
   */
  private a: Float64Array | null;
  private b: number;

  constructor(
    rows: NumberRows,
    /** The number in its ID, which its role tells the form of (ids.ts); the ID is made when first asked for. */
    private readonly num: number,
    /** Owning job; null for a drive of no job. */
    readonly job: Job | null,
    /** The job whose package carried it (riders). */
    readonly carrier: Job | null,
    role: DriveRole,
    bytes: number,
    /** In the timeline: its owner's rows are, or (a drive of no job) the timeline is full (newDrive). */
    traced = false,
  ) {
    this.f = (DRIVE_ROLES.indexOf(role) << ROLE_SHIFT) | (traced ? DRIVE_TRACED : 0);
    const a = rows.take(), b = rows.lastBase;
    this.a = a;
    this.b = b;
    a[b] = bytes;
  }

  /** When the drive first entered the state of this DRIVE_STATES index (NaN = never). */
  enteredAt(state: number): number { return this.a![this.b + DRIVE_ENTERED + state]; }
  setEnteredAt(state: number, t: number): void { this.a![this.b + DRIVE_ENTERED + state] = t; }
  /** First entry time per state, by DRIVE_STATES index (a copy). */
  get entered(): number[] { return copyOut(this.a!, this.b + DRIVE_ENTERED, 8); }

  get bytes(): number { return this.a![this.b]; }
  get arrived(): number { return this.a![this.b + 1]; }
  set arrived(v: number) { this.a![this.b + 1] = v; }
  get copyRequested(): number { return this.a![this.b + 2]; }
  set copyRequested(v: number) { this.a![this.b + 2] = v; }
  get copyStart(): number { return this.a![this.b + 3]; }
  set copyStart(v: number) { this.a![this.b + 3] = v; }
  get copyEnd(): number { return this.a![this.b + 4]; }
  set copyEnd(v: number) { this.a![this.b + 4] = v; }
  get copyWait(): number { return this.a![this.b + 5]; }
  set copyWait(v: number) { this.a![this.b + 5] = v; }
  get copyRequest(): number { return this.a![this.b + 6]; }
  set copyRequest(v: number) { this.a![this.b + 6] = v; }
  get returned(): number { return this.a![this.b + 7]; }
  set returned(v: number) { this.a![this.b + 7] = v; }
  get destroyed(): number { return this.a![this.b + 8]; }
  set destroyed(v: number) { this.a![this.b + 8] = v; }
  get earlyReturnTimer(): Timer { return this.a![this.b + 9]; }
  set earlyReturnTimer(v: Timer) { this.a![this.b + 9] = v; }
  get earlyDestroyTimer(): Timer { return this.a![this.b + 10]; }
  set earlyDestroyTimer(v: Timer) { this.a![this.b + 10] = v; }

  /** J-000042-D01 (listed), J-000042-X01 (extra), O-000007 (orphan), U-000003 (of no job). */
  get id(): string {
    if (this.idText !== '') return this.idText;
    const n = this.num;
    switch (this.role) {
      case 'listed': return (this.idText = driveId(this.job!.id, n));
      case 'extra': return (this.idText = extraDriveId(this.carrier!.id, n));
      case 'orphan': return (this.idText = orphanDriveId(n));
      default: return (this.idText = noJobDriveId(n));
    }
  }

  get role(): DriveRole { return DRIVE_ROLES[(this.f >>> ROLE_SHIFT) & 3]; }
  /** Its rows are in the timeline: kept in the drive, so a row about it need not read its job. */
  get traced(): boolean { return (this.f & DRIVE_TRACED) !== 0; }
  /** Its state's DRIVE_STATES index, -1 before its first state. */
  get stateIndex(): number { return ((this.f >>> DRIVE_STATE_SHIFT) & 15) - 1; }
  set stateIndex(i: number) { this.f = (this.f & ~(15 << DRIVE_STATE_SHIFT)) | ((i + 1) << DRIVE_STATE_SHIFT); }
  /** null until its first state (World.initDriveState). */
  get state(): DriveState | null {
    const i = (this.f >>> DRIVE_STATE_SHIFT) & 15;
    return i === 0 ? null : DRIVE_STATES[i - 1];
  }
  set state(v: DriveState | null) { this.f = (this.f & ~(15 << DRIVE_STATE_SHIFT)) | (driveStateCode(v) << DRIVE_STATE_SHIFT); }
  get beforeFault(): DriveState | null {
    const i = (this.f >>> DRIVE_BEFORE_SHIFT) & 15;
    return i === 0 ? null : DRIVE_STATES[i - 1];
  }
  set beforeFault(v: DriveState | null) { this.f = (this.f & ~(15 << DRIVE_BEFORE_SHIFT)) | (driveStateCode(v) << DRIVE_BEFORE_SHIFT); }
  get outcome(): CopyOutcome | '' { return OUTCOMES[(this.f >>> OUTCOME_SHIFT) & 7]; }
  /** Its outcome's index in ['', 'ok', 'info', 'warnings', 'errors'] (retained.ts keeps that, not the name). */
  get outcomeIndex(): number { return (this.f >>> OUTCOME_SHIFT) & 7; }
  set outcome(v: CopyOutcome | '') { this.f = (this.f & ~(7 << OUTCOME_SHIFT)) | (OUTCOMES.indexOf(v) << OUTCOME_SHIFT); }

  get onSite(): boolean { return (this.f & ON_SITE) !== 0; }
  set onSite(v: boolean) { this.flag(ON_SITE, v); }
  /** In a package the carrier will deliver (not a lost one). */
  get inTransit(): boolean { return (this.f & IN_TRANSIT) !== 0; }
  set inTransit(v: boolean) { this.flag(IN_TRANSIT, v); }
  get copying(): boolean { return (this.f & COPYING) !== 0; }
  set copying(v: boolean) { this.flag(COPYING, v); }
  get skipped(): boolean { return (this.f & SKIPPED) !== 0; }
  set skipped(v: boolean) { this.flag(SKIPPED, v); }
  get released(): boolean { return (this.f & RELEASED) !== 0; }
  set released(v: boolean) { this.flag(RELEASED, v); }

  private flag(bit: number, v: boolean): void {
    this.f = v ? this.f | bit : this.f & ~bit;
  }

  /** Gives the drive's row back (it is released and its record written): reading its numbers after is a bug and throws. */
  free(rows: NumberRows): void {
    if (this.a === null) throw new Error(`model bug: drive ${this.id} freed twice`);
    rows.free(this.a, this.b);
    this.a = null;
  }

  /** A copy with a row of its own, for a sink that keeps records after the call (sink.ts). */
  snapshot(): Drive {
    const s: Drive = Object.assign(Object.create(Drive.prototype), this);
    s.a = NumberRows.copy(this.a!, this.b, DRIVE_INIT.length);
    s.b = 0;
    return s;
  }
}

/** A package on its way or at the dock. */
export class Package {
  private idText = '';

  constructor(
    /** The number in its ID (P- and six digits), made when first asked for: only traced rows name it. */
    private readonly num: number,
    readonly job: Job | null,
    readonly drives: Drive[],
    /** The job's first package (missing drives become NeverReceived when it is processed). */
    readonly first: boolean,
  ) {}

  get id(): string {
    return this.idText !== '' ? this.idText : (this.idText = packageId(this.num));
  }
}
