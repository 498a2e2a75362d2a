/**
 * Finished jobs in retention, as numbers in typed arrays instead of objects.
 *
 * Most of a run's open jobs are finished ones waiting out the 90 days of
 * R-RETENTION (at the bench scale about 170k of 236k). As Job objects with
 * their drive lists they cost ~1.5 KB each and made the collector work
 * through the largest part of the heap; here a retained job is ~150 bytes
 * of typed arrays the collector never scans, plus 9 bytes per drive.
 *
 * Storage is a ring: jobs retire in finish order and R-RETENTION deletes
 * them in the same order (a fixed delay after the finish), so the oldest
 * entry is (almost) always the next to go. A customer's earlier delete
 * leaves a hole that is reclaimed when the head passes it. A job's `seq` is
 * its position in retirement order and never reused, so a stale reference
 * cannot reach another job's entry.
 */
import { DRIVE_STATES, JOB_STATES, type DriveState, type JobState } from '../spec/states.js';
import { NO_TIMER, OUTCOMES, type CopyOutcome, type Job, type JobType } from './entities.js';
import { jobId } from './ids.js';

// Numeric fields, one stride per job.
const INDEX = 0, CREATED = 1, ENTERED = 2; // ENTERED .. ENTERED+6: JOB_STATES[0..6] (Faulted is not kept)
const FIRST_DELIVERY = 9, FINISHED_AT = 10, RETURN_SHIPPED = 11, TOTAL_BYTES = 12, RETENTION_TIMER = 13;
const DRIVE_START = 14, DRIVE_COUNT = 15, ESCALATIONS = 16, FAULTS = 17;
const NUM = 18;
const KEPT_STATES = 7;
// Small fields: state index, type, flags.
const STATE = 0, TYPE = 1, FLAGS = 2;
const SMALL = 3;
const LIVE = 1, CANCEL_REQUESTED = 2, ERRORS = 4, TRACED = 8, INCOMPLETE_BLOB_LIST = 16;

/** What jobs.csv and the run's counts need of a job (a Job has it all). */
export interface JobFacts {
  readonly id: string;
  readonly type: JobType;
  readonly driveCount: number;
  readonly totalBytes: number;
  readonly created: number;
  readonly entered: readonly number[];
  readonly deleted: number;
  readonly deleteRule: string;
  readonly returnShipped: number;
  readonly firstDelivery: number;
  readonly cancelRequested: boolean;
  readonly escalations: number;
  readonly faults: number;
  readonly errors: boolean;
}

/** A retained job's listed drives (for Get Job and the day counts). */
export interface RetainedDrive {
  state: DriveState;
  bytes: number;
  outcome: CopyOutcome | '';
  /** A copy started, so a log exists. */
  processed: boolean;
}

export class RetainedJobs {
  private cap = 1024;
  private num = new Float64Array(this.cap * NUM);
  private small = new Uint8Array(this.cap * SMALL);
  private head = 0;
  private tail = 0;
  private live = 0;
  // Drives: their own ring, allocated in the same (retirement) order.
  private driveCap = 4096;
  private driveBytes = new Float64Array(this.driveCap);
  /** state | outcome << 3 | processed << 6 */
  private driveInfo = new Uint8Array(this.driveCap);
  /** Read back from `num` (a double): -0 makes it a double from the start (see Tally.m in src/sim/statistics.ts). */
  private driveHead = -0;
  private driveTail = 0;

  /** Jobs in retention now. */
  get size(): number {
    return this.live;
  }

  /**
   * Takes a finished job whose drives have all left (their records are
   * written) and returns its seq. Drive states are those of `job.drives`.
   */
  add(job: Job): number {
    if (this.tail - this.head === this.cap) this.grow();
    const n = job.drives.length;
    while (this.driveTail - this.driveHead + n > this.driveCap) this.growDrives();
    const seq = this.tail++;
    const b = (seq & (this.cap - 1)) * NUM;
    const num = this.num;
    num[b + INDEX] = job.index;
    num[b + CREATED] = job.created;
    for (let i = 0; i < KEPT_STATES; i++) num[b + ENTERED + i] = job.enteredAt(i);
    num[b + FIRST_DELIVERY] = job.firstDelivery;
    num[b + FINISHED_AT] = job.finishedAt;
    num[b + RETURN_SHIPPED] = job.returnShipped;
    num[b + TOTAL_BYTES] = job.totalBytes;
    num[b + RETENTION_TIMER] = NO_TIMER;
    num[b + DRIVE_START] = this.driveTail;
    num[b + DRIVE_COUNT] = n;
    num[b + ESCALATIONS] = job.escalations;
    num[b + FAULTS] = job.faults;
    const s = (seq & (this.cap - 1)) * SMALL;
    this.small[s + STATE] = job.stateIndex;
    this.small[s + TYPE] = job.type === 'import' ? 0 : 1;
    this.small[s + FLAGS] = LIVE | (job.cancelRequested ? CANCEL_REQUESTED : 0) | (job.errors ? ERRORS : 0)
      | (job.traced ? TRACED : 0) | (job.incompleteBlobList ? INCOMPLETE_BLOB_LIST : 0);
    const dmask = this.driveCap - 1;
    for (const d of job.drives) {
      const k = this.driveTail++ & dmask;
      this.driveBytes[k] = d.bytes;
      this.driveInfo[k] = d.stateIndex | (d.outcomeIndex << 3) | (Number.isNaN(d.enteredAt(3)) ? 0 : 64); // entered Transferring
    }
    this.live++;
    return seq;
  }

  /** Still in retention (not deleted)? */
  has(seq: number): boolean {
    return seq >= this.head && seq < this.tail && (this.small[(seq & (this.cap - 1)) * SMALL + FLAGS] & LIVE) !== 0;
  }

  /** Removes a deleted job; the head moves past every deleted entry. */
  remove(seq: number): void {
    this.small[(seq & (this.cap - 1)) * SMALL + FLAGS] &= ~LIVE;
    this.live--;
    while (this.head < this.tail && (this.small[(this.head & (this.cap - 1)) * SMALL + FLAGS] & LIVE) === 0) {
      const b = (this.head & (this.cap - 1)) * NUM;
      this.driveHead = this.num[b + DRIVE_START] + this.num[b + DRIVE_COUNT];
      this.head++;
    }
    if (this.head === this.tail) this.driveHead = this.driveTail;
  }

  index(seq: number): number { return this.num[this.base(seq) + INDEX]; }
  id(seq: number): string { return jobId(this.index(seq)); }
  state(seq: number): JobState { return JOB_STATES[this.stateIndex(seq)]; }
  /** Its state's JOB_STATES index (as Job.stateIndex). */
  stateIndex(seq: number): number { return this.small[(seq & (this.cap - 1)) * SMALL + STATE]; }
  type(seq: number): JobType { return this.small[(seq & (this.cap - 1)) * SMALL + TYPE] === 0 ? 'import' : 'export'; }
  traced(seq: number): boolean { return this.flag(seq, TRACED); }
  cancelRequested(seq: number): boolean { return this.flag(seq, CANCEL_REQUESTED); }
  incompleteBlobList(seq: number): boolean { return this.flag(seq, INCOMPLETE_BLOB_LIST); }
  returnShipped(seq: number): number { return this.num[this.base(seq) + RETURN_SHIPPED]; }
  retentionTimer(seq: number): number { return this.num[this.base(seq) + RETENTION_TIMER]; }

  setRetentionTimer(seq: number, timer: number): void {
    this.num[this.base(seq) + RETENTION_TIMER] = timer;
  }

  setCancelRequested(seq: number): void {
    this.small[(seq & (this.cap - 1)) * SMALL + FLAGS] |= CANCEL_REQUESTED;
  }

  /** The job's listed drives, in order. */
  drives(seq: number): RetainedDrive[] {
    const b = this.base(seq);
    const start = this.num[b + DRIVE_START], n = this.num[b + DRIVE_COUNT];
    const out: RetainedDrive[] = [];
    for (let i = 0; i < n; i++) {
      const k = (start + i) & (this.driveCap - 1);
      const info = this.driveInfo[k];
      out.push({ state: DRIVE_STATES[info & 7], bytes: this.driveBytes[k], outcome: OUTCOMES[(info >> 3) & 7], processed: (info & 64) !== 0 });
    }
    return out;
  }

  /** Takes the job's drives out of the day counts by state (`count`, by DRIVE_STATES index) at its deletion. */
  uncountDrives(seq: number, count: Int32Array): void {
    const b = this.base(seq);
    const start = this.num[b + DRIVE_START], n = this.num[b + DRIVE_COUNT];
    for (let i = 0; i < n; i++) count[this.driveInfo[(start + i) & (this.driveCap - 1)] & 7]--;
  }

  /** The job's ID for a timeline row: built only when the row is written (an untraced row is only counted). */
  rowId(seq: number): string {
    return this.traced(seq) ? this.id(seq) : '';
  }

  /** The job's facts for its jobs.csv record, deleted at `deleted` by `deleteRule` (NaN, '' while open). */
  facts(seq: number, deleted: number, deleteRule: string): JobFacts {
    const b = this.base(seq), num = this.num;
    const entered: number[] = [];
    for (let i = 0; i < KEPT_STATES; i++) entered.push(num[b + ENTERED + i]);
    return {
      id: this.id(seq), type: this.type(seq), driveCount: num[b + DRIVE_COUNT], totalBytes: num[b + TOTAL_BYTES],
      created: num[b + CREATED], entered, deleted, deleteRule, returnShipped: num[b + RETURN_SHIPPED],
      firstDelivery: num[b + FIRST_DELIVERY], cancelRequested: this.flag(seq, CANCEL_REQUESTED),
      escalations: num[b + ESCALATIONS], faults: num[b + FAULTS], errors: this.flag(seq, ERRORS),
    };
  }

  /** Seqs of the jobs in retention, in retirement order. */
  *seqs(): IterableIterator<number> {
    for (let seq = this.head; seq < this.tail; seq++) if (this.has(seq)) yield seq;
  }

  /** The seq of a job in retention by its ID, or -1 (a scan: for Get Job from the CLI and tests, not the run). */
  find(id: string): number {
    for (const seq of this.seqs()) if (this.id(seq) === id) return seq;
    return -1;
  }

  private base(seq: number): number {
    return (seq & (this.cap - 1)) * NUM;
  }

  private flag(seq: number, bit: number): boolean {
    return (this.small[(seq & (this.cap - 1)) * SMALL + FLAGS] & bit) !== 0;
  }

  private grow(): void {
    const cap = this.cap * 2;
    const num = new Float64Array(cap * NUM), small = new Uint8Array(cap * SMALL);
    for (let seq = this.head; seq < this.tail; seq++) {
      const from = seq & (this.cap - 1), to = seq & (cap - 1);
      for (let i = 0; i < NUM; i++) num[to * NUM + i] = this.num[from * NUM + i];
      for (let i = 0; i < SMALL; i++) small[to * SMALL + i] = this.small[from * SMALL + i];
    }
    this.cap = cap;
    this.num = num;
    this.small = small;
  }

  private growDrives(): void {
    const cap = this.driveCap * 2;
    const bytes = new Float64Array(cap), info = new Uint8Array(cap);
    for (let k = this.driveHead; k < this.driveTail; k++) {
      bytes[k & (cap - 1)] = this.driveBytes[k & (this.driveCap - 1)];
      info[k & (cap - 1)] = this.driveInfo[k & (this.driveCap - 1)];
    }
    this.driveCap = cap;
    this.driveBytes = bytes;
    this.driveInfo = info;
  }
}
