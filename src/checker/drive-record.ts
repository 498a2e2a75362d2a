/**
 * What the checker remembers per drive. Its role, states and seven flags
 * live as bits of one small integer (`bits`), behind accessors, so the
 * record is 10 fields instead of 20 (104 bytes instead of 184, on a 64-bit
 * heap): at the 1M scale ~3M drive records are made, each lives for weeks
 * and so is copied by two scavenges and promoted, and that copying was the
 * largest part of the collector's time.
 */
import { DRIVE_STATES, DRIVE_STATE_INDEX, type DriveState } from '../spec/states.js';
import type { JobRec } from './job-record.js';
import type { Timer } from './timer-pool.js';
import { own } from './strings.js';

export type DriveRole = 'listed' | 'extra' | 'orphan' | 'undefined';

const ROLES: readonly DriveRole[] = ['listed', 'extra', 'orphan', 'undefined'];
const ROLE_CODE: Readonly<Record<DriveRole, number>> = { listed: 0, extra: 1, orphan: 2, undefined: 3 };

// bits: role (2 bits), state and state before a fault (4 bits each: 0 = none, else DRIVE_STATES index + 1), flags.
const ROLE = 0x3;
const STATE_AT = 2;
const BEFORE_AT = 6;
const NIBBLE = 0xf;
const ON_SITE = 1 << 10;
const EVER_ARRIVED = 1 << 11;
const EARLY = 1 << 12;
const EARLY_CONTACTED = 1 << 13;
const MUST_RETURN = 1 << 14;
const DESTROYED = 1 << 15;
const FAULT_CONTACTED = 1 << 16;
/** Length of `job`'s ID when this drive's ID starts with it (both ASCII), else 0: bits 17–22 (see jobIdLength). */
const PREFIX_AT = 17;
const PREFIX = 0x3f;

const stateOf = (code: number): DriveState | null => (code === 0 ? null : DRIVE_STATES[code - 1]);
const codeOf = (s: DriveState | null): number => (s === null ? 0 : DRIVE_STATE_INDEX[s] + 1);

export class DriveRec {
  readonly id: string;
  /**
   * The job it belongs to (listed, extra), travelled with (orphan), or null:
   * a drive of no job, or a drive still on site after its job was deleted.
   * Changed only by setJob (jobIdLength must follow it).
   */
  readonly job: JobRec | null;
  jobId: string;
  /** Role, states and flags (see the accessors). */
  private bits: number;
  /**
   * When it last arrived, null if never (see arrivedAt). Times are kept in
   * fields that start null, not NaN: V8 keeps a NaN-initialised field as a
   * boxed double, one more heap object per record (~3M drives at the 1M
   * scale) for the scavenges to copy, even for a drive that never arrives.
   */
  arrived: number | null = null;
  /** The package it last arrived in. */
  arrivedPackage = '';
  /** Instant of a reply R-EARLY-ARRIVAL for this drive of no job (it must be returned then); null if none. */
  private replied: number | null = null;
  tEarlyReturn: Timer | null = null;
  tEarlyDestroy: Timer | null = null;
  registered = false;

  constructor(id: string, job: JobRec | null, role: DriveRole) {
    this.id = own(id);
    this.job = job;
    this.jobId = job?.id ?? '';
    this.bits = ROLE_CODE[role] | (prefixLength(this.id, job) << PREFIX_AT);
  }

  /** Gives the drive another job (or none). */
  setJob(j: JobRec | null): void {
    (this as { job: JobRec | null }).job = j;
    this.bits &= ~(PREFIX << PREFIX_AT); // its ID is no longer known to start with its job's
  }

  /**
   * The length of job.id if this drive's ID starts with it (both ASCII; the
   * simulator names a listed drive J-…-D01), else 0. The row reader then
   * matches a row's job column against the row's own ID column, bytes in the
   * same cache line, instead of reading the job's ID string (a cache miss).
   */
  get jobIdLength(): number { return (this.bits >> PREFIX_AT) & PREFIX; }

  /** When it last arrived, NaN if never. */
  get arrivedAt(): number { return this.arrived ?? NaN; }
  set arrivedAt(t: number) { this.arrived = Number.isNaN(t) ? null : t; }

  /** The instant of a reply R-EARLY-ARRIVAL for this drive of no job, NaN if none. */
  get earlyRepliedAt(): number { return this.replied ?? NaN; }
  set earlyRepliedAt(t: number) { this.replied = Number.isNaN(t) ? null : t; }

  get role(): DriveRole {
    return ROLES[this.bits & ROLE];
  }

  set role(r: DriveRole) {
    this.bits = (this.bits & ~ROLE) | ROLE_CODE[r];
  }

  get state(): DriveState | null {
    return stateOf((this.bits >> STATE_AT) & NIBBLE);
  }

  set state(s: DriveState | null) {
    this.bits = (this.bits & ~(NIBBLE << STATE_AT)) | (codeOf(s) << STATE_AT);
  }

  get beforeFault(): DriveState | null {
    return stateOf((this.bits >> BEFORE_AT) & NIBBLE);
  }

  set beforeFault(s: DriveState | null) {
    this.bits = (this.bits & ~(NIBBLE << BEFORE_AT)) | (codeOf(s) << BEFORE_AT);
  }

  get onSite(): boolean { return (this.bits & ON_SITE) !== 0; }
  set onSite(v: boolean) { this.bits = v ? this.bits | ON_SITE : this.bits & ~ON_SITE; }

  get everArrived(): boolean { return (this.bits & EVER_ARRIVED) !== 0; }
  set everArrived(v: boolean) { this.bits = v ? this.bits | EVER_ARRIVED : this.bits & ~EVER_ARRIVED; }

  /** Arrived while its job was Creating, or with no job: R-EARLY-* timers apply. */
  get early(): boolean { return (this.bits & EARLY) !== 0; }
  set early(v: boolean) { this.bits = v ? this.bits | EARLY : this.bits & ~EARLY; }

  get earlyContacted(): boolean { return (this.bits & EARLY_CONTACTED) !== 0; }
  set earlyContacted(v: boolean) { this.bits = v ? this.bits | EARLY_CONTACTED : this.bits & ~EARLY_CONTACTED; }

  /** An extra drive recognised as such (policy extraDriveIn): it must be returned at its job's finish. */
  get mustReturn(): boolean { return (this.bits & MUST_RETURN) !== 0; }
  set mustReturn(v: boolean) { this.bits = v ? this.bits | MUST_RETURN : this.bits & ~MUST_RETURN; }

  get destroyed(): boolean { return (this.bits & DESTROYED) !== 0; }
  set destroyed(v: boolean) { this.bits = v ? this.bits | DESTROYED : this.bits & ~DESTROYED; }

  get faultContacted(): boolean { return (this.bits & FAULT_CONTACTED) !== 0; }
  set faultContacted(v: boolean) { this.bits = v ? this.bits | FAULT_CONTACTED : this.bits & ~FAULT_CONTACTED; }
}

/** job.id's length if `id` starts with it and both are ASCII (and short enough to note), else 0. */
function prefixLength(id: string, job: JobRec | null): number {
  if (job === null) return 0;
  const len = job.id.length;
  if (len === 0 || len > PREFIX || len > id.length) return 0;
  for (let i = 0; i < len; i++) {
    const c = job.id.charCodeAt(i);
    if (c >= 0x80 || c !== id.charCodeAt(i)) return 0;
  }
  for (let i = len; i < id.length; i++) if (id.charCodeAt(i) >= 0x80) return 0;
  return len;
}

export function newDrive(id: string, job: JobRec | null, role: DriveRole): DriveRec {
  return new DriveRec(id, job, role);
}

/** As JobRec's primeShape (job-record.ts): DriveRec's class in its final shape before any code is compiled. */
function primeShape(): void {
  const x = new DriveRec('J-0-D01', null, 'listed');
  for (const t of [1, 1.5, NaN]) {
    x.arrivedAt = t;
    x.earlyRepliedAt = t;
  }
  for (const s of ['x', '']) {
    x.arrivedPackage = s;
    x.jobId = s;
  }
  for (const t of [1, 0.5, null]) {
    x.tEarlyReturn = t;
    x.tEarlyDestroy = t;
  }
  for (const b of [true, false]) x.registered = b;
  x.setJob(null);
  x.role = 'extra';
}
primeShape();
