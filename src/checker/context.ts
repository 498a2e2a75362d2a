/**
 * The checker's working state: live job and drive records, the package index,
 * the timer queue, the violation log and the clock. Row handlers (job-rows,
 * drive-rows, escalation-rows) and the instant-end checks (consequences) all
 * work on one CheckState; TimelineChecker is the thin public face.
 */
import type { RuleDurations, RuleId, RulePolicy } from '../spec/rules.js';
import type { TimerKey } from '../spec/timers.js';
import { IsoFormatter } from '../sim/time.js';
import type { DriveRec, JobRec, Owner, ReturnInTransit } from './records.js';
import { ARMED, MISSED, type Timer } from './timer-pool.js';
import { TimerQueue } from './timer-queue.js';
import { ViolationLog } from './violations.js';
import { own } from './strings.js';
import { Registry } from './registry.js';
import { IdTable } from './id-table.js';
import { InstantList } from './instant-list.js';
import { DetailCache } from './detail-cache.js';
import { CompactJob, compactedDrive, rehydrate, rehydrateDrive, rehydrateJob } from './compact.js';
import type { Partition } from './partition.js';

/** The stages of reading a row, in the order one thread goes through them (see CheckState.stage). */
export const END_INSTANT = 0;
export const TIMERS = 1;
export const ROW = 2;
/** The "line" of what finish() finds: after every line of any file. */
const FOUND_END = 2 ** 40;

/** Unknown IDs are reported once each; past this many, further ones are reported every time (bounded memory). */
const MAX_REMEMBERED_UNKNOWN = 10_000;

export class CheckState {
  /** Current instant (epoch ms) and the line being processed. */
  now = -Infinity;
  /** Ordinal of the current instant (0 before the first row): what a record's `instant` holds (job-record.ts). */
  instant = 0;
  line = 0;
  /**
   * Where the checker is, for ViolationLog's foundAt (merge-parts.ts): FOUND_END
   * once finish() runs, else the line; the stage within it (END_INSTANT,
   * TIMERS, ROW) and, among the timers, the due time of the one firing.
   */
  finishing = false;
  stage = ROW;
  /** -0, a double from the start: it holds due times (doubles), and a field that goes from a small integer to a double changes CheckState's class mid-check (see primeShape in job-record.ts). */
  stageDue = -0;
  /** The rows this thread checks, when two threads share a file (partition.ts); null on one thread. */
  partition: Partition | null = null;
  /** Unknown IDs remembered (flagUnknown): two threads are exact only while the two together stay under the bound. */
  unknownAdds = 0;
  /** Lines of this thread's re-export puts reported R-RETURN-LOST (two threads: another thread may take it back). */
  readonly reexports: number[] = [];
  /** Lines of other threads' re-export puts whose lost job is this thread's (two threads: see other-rows.ts). */
  readonly retractions: number[] = [];
  /** Return packages this thread remembered (two threads: one remembered in both would be one entry on one thread). */
  readonly rememberedReturns = new Set<string>();
  readonly jobs = new Registry<JobRec>(16);
  readonly drives = new Registry<DriveRec>(17);
  /** Customer packages (`ship` rows) → their job, while the job lives: finds an orphan's job. */
  readonly packages = new IdTable<JobRec | CompactJob>(16);
  /** Finished jobs waiting out retention, compacted (compact.ts); the registries give them back on demand. */
  readonly compacted = new IdTable<CompactJob>(16);
  /** Jobs given back at this instant (or whose drives left): compacted again at its end if they qualify. */
  readonly recompact = new InstantList<JobRec>();
  /** Jobs whose export return was lost or damaged (R-RETURN-LOST), for `reexport-of`. Few. */
  readonly lostJobs = new Set<string>();
  /** Return packages of deleted jobs not yet delivered or lost (few: a delete soon after the finish). */
  readonly returnsInTransit = new Map<string, ReturnInTransit>();
  readonly timers = new TimerQueue<Owner>();
  readonly log = new ViolationLog();
  /** Jobs and drives touched at the current instant (for the instant-end checks). */
  readonly touchedJobs = new InstantList<JobRec>();
  readonly touchedDrives = new InstantList<DriveRec>();
  /** Rows' detail fields, parsed (detail-cache.ts). */
  readonly details = new DetailCache();
  private readonly unknownReported = new Set<string>();
  private readonly iso = new IsoFormatter();

  constructor(readonly durations: RuleDurations, readonly policy: RulePolicy) {
    this.jobs.fallback = (id) => rehydrateJob(this, id);
    this.drives.fallback = (id) => rehydrateDrive(this, id);
  }

  /** The job whose customer package `p` is, given back if compacted. */
  packageJob(p: string): JobRec | undefined {
    const j = this.packages.get(p);
    return j instanceof CompactJob ? rehydrate(this, j) : j;
  }

  isoOf(ms: number): string {
    return this.iso.format(ms);
  }

  /** Days between two instants, for messages ("14 d", "13.999 d"). */
  days(ms: number): string {
    const d = ms / 86_400_000;
    return `${Number.isInteger(d) ? d : +d.toFixed(4)} d`;
  }

  /** Records a violation; `line` null means "no row shows it" (a timer still pending at the end). */
  flag(rule: RuleId, entity: 'job' | 'drive', id: string, job: string, message: string, at = this.now, line: number | null = this.line): void {
    // Stored violations must not pin the read chunks their row's fields were cut from.
    this.log.add({ rule, entity, id: own(id), job: own(job), time: this.isoOf(at), ...(line !== null && line > 0 ? { line } : {}), message: own(message) }, (this.finishing ? FOUND_END : this.line) * 4 + this.stage, this.stage === TIMERS ? this.stageDue : 0);
  }

  flagJob(rule: RuleId, job: JobRec, message: string, at?: number, line?: number | null): void {
    this.flag(rule, 'job', job.id, job.id, message, at ?? this.now, line === undefined ? this.line : line);
  }

  flagDrive(rule: RuleId, drive: DriveRec, message: string, at?: number, line?: number | null): void {
    this.flag(rule, 'drive', drive.id, drive.jobId, message, at ?? this.now, line === undefined ? this.line : line);
  }

  /** Reports a row about an entity the checker does not know, once per ID. */
  flagUnknown(rule: RuleId, entity: 'job' | 'drive', id: string, job: string, message: string): void {
    const key = own(`${entity}:${id}`);
    if (this.unknownReported.has(key)) return;
    if (this.unknownReported.size < MAX_REMEMBERED_UNKNOWN) {
      this.unknownReported.add(key);
      this.unknownAdds++;
    }
    this.flag(rule, entity, id, job, message);
  }

  /** Whether an unknown `entity` `id` was reported and is remembered. */
  remembersUnknown(entity: 'job' | 'drive', id: string): boolean {
    return this.unknownReported.size > 0 && this.unknownReported.has(`${entity}:${id}`);
  }

  /** Whether the registries hold (or would give back, compact.ts) drive `id`: a look that changes nothing. */
  knowsDrive(id: string): boolean {
    return this.drives.peek(id) !== undefined || compactedDrive(this, id);
  }

  /** knowsDrive for a job. */
  knowsJob(id: string): boolean {
    return this.jobs.peek(id) !== undefined || this.compacted.get(id) !== undefined;
  }

  /** A put re-creates an ID: forget that it was reported unknown. */
  forgetUnknown(entity: 'job' | 'drive', id: string): void {
    if (this.unknownReported.size > 0) this.unknownReported.delete(`${entity}:${id}`);
  }

  /** Marks a job as touched at this instant, resetting its per-instant flags the first time. */
  touch(job: JobRec): void {
    if (job.instant !== this.instant) {
      job.instant = this.instant;
      job.flags = 0;
      this.touchedJobs.push(job);
    }
  }

  /** The job's per-instant flags, if it was touched at this instant. */
  flagsOf(job: JobRec): number {
    return job.instant === this.instant ? job.flags : 0;
  }

  setFlag(job: JobRec, bit: number): void {
    this.touch(job);
    job.flags |= bit;
  }

  arm(key: TimerKey, owner: Owner, due: number): Timer {
    return this.timers.arm(key, owner, due, this.now, this.line);
  }

  /** Number of live records: what the streaming design keeps bounded. */
  get liveEntities(): number {
    return this.jobs.size + this.drives.size + this.compacted.size;
  }
}

/**
 * Cancels a timer (fired or no longer wanted); returns null for assignment.
 * The caller must not keep `t` (its slot may be reused): assign the result,
 * overwrite the field, or put DEAD (timer-pool.ts) in its place.
 */
export function disarm(ctx: CheckState, t: Timer | null): null {
  if (t !== null) ctx.timers.disarm(t);
  return null;
}

/**
 * How a row that a timer produces relates to that timer: `due` (exactly on
 * time), `early` (before its due time), `reported` (it was due earlier and
 * that is already reported), `none` (no such timer is pending).
 */
export function timerStatus(ctx: CheckState, t: Timer | null): 'due' | 'early' | 'reported' | 'none' {
  if (t === null) return 'none';
  const s = ctx.timers.stateOf(t);
  if (s === ARMED) return ctx.timers.due(t) === ctx.now ? 'due' : 'early';
  if (s === MISSED) return 'reported';
  return 'none';
}
