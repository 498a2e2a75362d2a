/**
 * What the checker remembers per job. Its type, states and thirteen flags
 * live as bits of one small integer (`bits`), behind accessors: the record
 * is 22 fields instead of 38 (200 bytes instead of 328, on a 64-bit heap).
 * Every job record lives for weeks, so it is copied by two scavenges and
 * promoted; the bytes copied are most of the collector's time (drive-record.ts).
 */
import { JOB_STATES, JOB_STATE_INDEX, type JobState } from '../spec/states.js';
import type { DriveRec } from './drive-record.js';
import type { Timer } from './timer-pool.js';
import { own } from './strings.js';

export type JobType = 'import' | 'export' | '';

const TYPES: readonly JobType[] = ['', 'import', 'export'];
const TYPE_CODE: Readonly<Record<JobType, number>> = { '': 0, import: 1, export: 2 };

// bits: type (2 bits), state and state before a fault (4 bits each: 0 = none, else JOB_STATES index + 1), flags.
const TYPE = 0x3;
const STATE_AT = 2;
const BEFORE_AT = 6;
const NIBBLE = 0xf;
const RETURN_DELIVERED = 1 << 10;
const RETURN_LOST = 1 << 11;
const ERRORS_UNKNOWN = 1 << 12;
const DELIVERED = 1 << 13;
const DOCKED = 1 << 14;
const FIRST_PACKAGE_DELIVERED = 1 << 15;
const ALERT_PENDING = 1 << 16;
const OVERDUE_CONTACT_PENDING = 1 << 17;
const RESOLVE_REPLIED = 1 << 18;
const BAD_ADDRESS_PENDING = 1 << 19;
const EARLY_CONTACTED = 1 << 20;
const FAULT_CONTACTED = 1 << 21;
const DELETED = 1 << 22;

const stateOf = (code: number): JobState | null => (code === 0 ? null : JOB_STATES[code - 1]);
const codeOf = (s: JobState | null): number => (s === null ? 0 : JOB_STATE_INDEX[s] + 1);

/**
 * The empty list every record starts with, shared. A job had six arrays of
 * its own, and a push gave an array room for 17 entries: ~1 KB per job,
 * most of it never used (extras, orphans and missing stay empty; a job
 * has 1–3 drives, 1 package, 1 superseded expiry). Lists are now replaced
 * by an exact copy on each append: a few appends per job's life.
 */
export const NONE: readonly never[] = [];

export class JobRec {
  readonly id: string;
  /** Type, states and flags (see the accessors). */
  private bits = 0;
  /** From the put row's `drives=N`, or -1. */
  announcedDrives = -1;
  /** The lists are never pushed to: they grow by `appended` (see NONE). */
  drives: readonly DriveRec[] = NONE;
  extras: readonly DriveRec[] = NONE;
  orphans: readonly DriveRec[] = NONE;
  packages: readonly string[] = NONE;
  returnPackage = '';
  /**
   * When an accepted cancel (R-CANCEL or R-SHIP-RESOLVE) came, null if none
   * (see cancelledAt). Not a NaN-initialised number: V8 keeps such a field
   * as a boxed double, one more heap object per record for the scavenges to
   * copy; a field that starts null holds nothing until the (rare) cancel.
   */
  private cancelled: number | null = null;
  /** Why the job has errors in the R-FINISH sense ('' = none seen). */
  errors = '';
  /**
   * The job's first package: the first one the customer shipped (its first
   * `ship` row), else the first one that arrived. R-NEVER-RECEIVED marks the
   * listed drives absent from it; a later package is a late shipment.
   */
  firstPackage: string | null = null;
  /** Fields a refused Shipping request named as missing (R-SHIP-REQUIRES), until an update sets them. */
  missing: readonly string[] = NONE;
  /** Expiry times superseded by an update (R-CREATING-RESET), most recent last, a few kept. */
  supersededExpiry: readonly number[] = NONE;
  tExpire: Timer | null = null;
  tNever: Timer | null = null;
  tOverdue: Timer | null = null;
  tNoResponse: Timer | null = null;
  tBadAddress: Timer | null = null;
  tRetention: Timer | null = null;
  /**
   * The instant the `flags` refer to, as CheckState's instant ordinal (a
   * small integer: kept in the record itself, where a time would be a boxed
   * double read through one more pointer on nearly every row).
   */
  instant = -1;
  flags = 0;
  registered = false;

  constructor(id: string) {
    this.id = own(id);
  }

  /** An accepted cancel's time, NaN if none. */
  get cancelledAt(): number { return this.cancelled ?? NaN; }
  set cancelledAt(t: number) { this.cancelled = Number.isNaN(t) ? null : t; }

  get type(): JobType { return TYPES[this.bits & TYPE]; }
  set type(t: JobType) { this.bits = (this.bits & ~TYPE) | TYPE_CODE[t]; }

  /** null between the put row and the first state row. */
  get state(): JobState | null { return stateOf((this.bits >> STATE_AT) & NIBBLE); }
  set state(s: JobState | null) { this.bits = (this.bits & ~(NIBBLE << STATE_AT)) | (codeOf(s) << STATE_AT); }

  get beforeFault(): JobState | null { return stateOf((this.bits >> BEFORE_AT) & NIBBLE); }
  set beforeFault(s: JobState | null) { this.bits = (this.bits & ~(NIBBLE << BEFORE_AT)) | (codeOf(s) << BEFORE_AT); }

  get returnDelivered(): boolean { return (this.bits & RETURN_DELIVERED) !== 0; }
  set returnDelivered(v: boolean) { this.bits = v ? this.bits | RETURN_DELIVERED : this.bits & ~RETURN_DELIVERED; }

  get returnLost(): boolean { return (this.bits & RETURN_LOST) !== 0; }
  set returnLost(v: boolean) { this.bits = v ? this.bits | RETURN_LOST : this.bits & ~RETURN_LOST; }

  /** A copy ended CompletedMoreInfo without an outcome: errors cannot be judged. */
  get errorsUnknown(): boolean { return (this.bits & ERRORS_UNKNOWN) !== 0; }
  set errorsUnknown(v: boolean) { this.bits = v ? this.bits | ERRORS_UNKNOWN : this.bits & ~ERRORS_UNKNOWN; }

  /** A package of the job was delivered while it was in Shipping (or its drives were on site when it entered Shipping). */
  get delivered(): boolean { return (this.bits & DELIVERED) !== 0; }
  set delivered(v: boolean) { this.bits = v ? this.bits | DELIVERED : this.bits & ~DELIVERED; }

  /** The job's first dock processing has happened (R-NEVER-RECEIVED for absent drives applies once). */
  get docked(): boolean { return (this.bits & DOCKED) !== 0; }
  set docked(v: boolean) { this.bits = v ? this.bits | DOCKED : this.bits & ~DOCKED; }

  get firstPackageDelivered(): boolean { return (this.bits & FIRST_PACKAGE_DELIVERED) !== 0; }
  set firstPackageDelivered(v: boolean) { this.bits = v ? this.bits | FIRST_PACKAGE_DELIVERED : this.bits & ~FIRST_PACKAGE_DELIVERED; }

  get alertPending(): boolean { return (this.bits & ALERT_PENDING) !== 0; }
  set alertPending(v: boolean) { this.bits = v ? this.bits | ALERT_PENDING : this.bits & ~ALERT_PENDING; }

  get overdueContactPending(): boolean { return (this.bits & OVERDUE_CONTACT_PENDING) !== 0; }
  set overdueContactPending(v: boolean) { this.bits = v ? this.bits | OVERDUE_CONTACT_PENDING : this.bits & ~OVERDUE_CONTACT_PENDING; }

  get resolveReplied(): boolean { return (this.bits & RESOLVE_REPLIED) !== 0; }
  set resolveReplied(v: boolean) { this.bits = v ? this.bits | RESOLVE_REPLIED : this.bits & ~RESOLVE_REPLIED; }

  get badAddressPending(): boolean { return (this.bits & BAD_ADDRESS_PENDING) !== 0; }
  set badAddressPending(v: boolean) { this.bits = v ? this.bits | BAD_ADDRESS_PENDING : this.bits & ~BAD_ADDRESS_PENDING; }

  get earlyContacted(): boolean { return (this.bits & EARLY_CONTACTED) !== 0; }
  set earlyContacted(v: boolean) { this.bits = v ? this.bits | EARLY_CONTACTED : this.bits & ~EARLY_CONTACTED; }

  get faultContacted(): boolean { return (this.bits & FAULT_CONTACTED) !== 0; }
  set faultContacted(v: boolean) { this.bits = v ? this.bits | FAULT_CONTACTED : this.bits & ~FAULT_CONTACTED; }

  get deleted(): boolean { return (this.bits & DELETED) !== 0; }
  set deleted(v: boolean) { this.bits = v ? this.bits | DELETED : this.bits & ~DELETED; }
}

export function newJob(id: string): JobRec {
  return new JobRec(id);
}

/**
 * Gives JobRec's hidden class its final field representations once, at load:
 * each field is written with every kind of value it will ever hold, and
 * written twice (V8 treats a field written once as constant). Otherwise the
 * first record to take such a value (the first cancel, the first extra
 * drive, the first R-BAD-ADDRESS timer: somewhere in the middle of a check)
 * changes the class of every record, and V8 throws away all the compiled
 * code that relied on the old one, then compiles it again (on a two-thread
 * check that compiler work competes with the checking itself).
 */
function primeShape(): void {
  const r = new JobRec('J-0');
  const lists: readonly (readonly never[])[] = [[], NONE];
  for (const l of lists) {
    r.drives = l;
    r.extras = l;
    r.orphans = l;
    r.packages = l;
    r.missing = l;
    r.supersededExpiry = l;
  }
  for (const s of ['x', '']) {
    r.returnPackage = s;
    r.errors = s;
  }
  for (const p of ['x', null]) r.firstPackage = p;
  for (const t of [1, 1.5, NaN]) r.cancelledAt = t;
  for (const t of [1, 0.5, null]) {
    r.tExpire = t;
    r.tNever = t;
    r.tOverdue = t;
    r.tNoResponse = t;
    r.tBadAddress = t;
    r.tRetention = t;
  }
  for (const n of [1, -1]) {
    r.announcedDrives = n;
    r.instant = n;
    r.flags = n;
  }
  for (const b of [true, false]) r.registered = b;
}
primeShape();
