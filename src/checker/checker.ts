/**
 * TimelineChecker: checks a timeline pushed row by row against every rule of
 * ../shared/spec/lifecycle.md, as docs/timeline.md spells out the rows. It is
 * independent of the simulator (it shares only src/spec's tables and
 * durations), so a bug in one is caught by the other. Memory holds the live
 * jobs and drives, never the rows.
 */
import type { TimelineRow } from '../spec/timeline.js';
import { CheckState, END_INSTANT, ROW, TIMERS } from './context.js';
import { endInstant } from './consequences.js';
import { arriveRow, driveStateRow } from './drive-rows.js';
import { destroyRow, returnRow } from './drive-exits.js';
import { alertRow, contactRow, deliverRow, extendRow, lostRow, replyRow, shipRow } from './escalation-rows.js';
import { InstantParser } from './instant.js';
import { idHash, type IdTable } from './id-table.js';
import type { CompactJob } from './compact.js';
import type { Registry } from './registry.js';
import type { DriveRec, JobRec } from './records.js';
import { cancelRow, deleteRow, jobStateRow, putRow, refuseRow, updateRow } from './job-rows.js';
import { afterUntil, emptyRow, validateFieldsInto, validateInto, validTime, type CheckRow } from './row.js';
import type { Partition } from './partition.js';
import type { DetailCache } from './detail-cache.js';
import { otherRow } from './other-rows.js';
import type { PartResult } from './merge-parts.js';
import { timerPassed } from './timer-rules.js';
import { ARMED } from './timer-pool.js';
import { resolveOptions, type CheckOptions, type CheckResult } from './types.js';

export class TimelineChecker {
  private readonly ctx: CheckState;
  private readonly until: number | null;
  private readonly instants = new InstantParser();
  private rows = 0;
  private started = false;
  /** A row pushed as text, canonicalized (reused: the checker keeps no row). */
  private readonly row = emptyRow();

  constructor(options?: CheckOptions) {
    const o = resolveOptions(options);
    this.ctx = new CheckState(o.durations, o.policy);
    this.until = o.until;
  }

  /** Checks the next row (`line`: its line in the file, for messages). Throws TimelineFormatError on a malformed row. */
  push(row: TimelineRow, line: number): void {
    const out = this.row;
    out.idJob = out.jobRec = null;
    out.idDrive = null;
    out.t = validateInto(row, line, this.instants, this.ctx.now, out);
    out.idHash = idHash(out.id);
    out.jobHash = idHash(out.job);
    this.accept(line, out);
  }

  /**
   * push for a reader that has read the row's time itself: `row.t` (epoch ms)
   * must be the time column's value and inOrder; row.time is not read.
   * Its idHash … jobRec say what the reader found in the registries. The row
   * is validated in place and checked as it is (the reader refills it for
   * the next record; the checker keeps no row).
   */
  pushTimed(row: CheckRow, line: number): void {
    validateFieldsInto(row, line, row);
    this.accept(line, row);
  }

  /**
   * pushTimed for a row the reader has validated and canonicalized itself,
   * exactly as validateFieldsInto would have (vocabulary.ts's validCodes).
   */
  pushValid(row: CheckRow, line: number): void {
    this.accept(line, row);
  }

  /**
   * Whether row.t is not before the last row's time. (Times travel in the row
   * and are compared here: V8 boxes a double passed to or returned from a call
   * it does not inline, a HeapNumber per row.)
   */
  inOrder(row: CheckRow): boolean {
    return row.t >= this.ctx.now;
  }

  /** The job and drive registries, which a reader consults before pushTimed. */
  get jobs(): Registry<JobRec> {
    return this.ctx.jobs;
  }

  get drives(): Registry<DriveRec> {
    return this.ctx.drives;
  }

  /** Compacted finished jobs (compact.ts): the reader takes their ID strings from here rather than decode them. */
  get compacted(): IdTable<CompactJob> {
    return this.ctx.compacted;
  }

  /** Checks `row`, validated, at time row.t. */
  private accept(line: number, row: CheckRow): void {
    this.advance(row, line);
    dispatch(this.ctx, row);
  }

  /**
   * A row another thread checks (partition.ts): its time only, so instants end
   * and timers fire at the same rows as on one thread. `row.t` must be its
   * time, in order (timeOf). Then what this thread knows that the row's
   * thread must hear of (other-rows.ts): `row` needs only the fields that names.
   */
  other(row: CheckRow, line: number, partition: Partition, look: boolean): void {
    this.advance(row, line);
    if (look) otherRow(this.ctx, partition, row, line);
  }

  /** The time of a row whose time column is not canonical or not in order: throws as a checked row would. */
  timeOf(time: string, line: number): number {
    return validTime(time, line, this.instants, this.ctx.now);
  }

  /** Counts the row and moves the clock to its time (epoch ms, in order). */
  private advance(row: { t: number }, line: number): void {
    const ctx = this.ctx;
    this.rows++;
    ctx.line = line;
    if (row.t > ctx.now) {
      // Past the end the caller gave, the row would be checked but the end's timers not: say so instead.
      if (this.until !== null && row.t > this.until) afterUntil(row.t, this.until, line);
      ctx.stage = END_INSTANT;
      if (this.started) endInstant(ctx);
      this.started = true;
      ctx.stage = TIMERS;
      this.passTimers(row.t, line);
      ctx.stage = ROW;
      ctx.now = row.t;
      ctx.instant++;
    }
  }

  /** Checks rows of one thread's share only (partition.ts); set before the first row. */
  set partition(p: Partition) {
    this.ctx.partition = p;
  }

  /** The parsed details (the row reader routes rows by them). */
  get details(): DetailCache {
    return this.ctx.details;
  }

  /** Ends the timeline: instant-end checks, timers due by the end, and the result. */
  finish(): CheckResult {
    this.end();
    const ctx = this.ctx;
    return { rows: this.rows, violations: ctx.log.sorted(), byRule: ctx.log.byRule() };
  }

  /** Ends a thread's share of the timeline (partition.ts): what merge-parts.ts needs. */
  finishPart(): PartResult {
    this.end();
    const ctx = this.ctx, found = ctx.log.found();
    return {
      rows: this.rows, violations: found.violations, foundAt: found.foundAt, foundSub: found.foundSub, byRule: ctx.log.byRule(), total: ctx.log.total,
      unknownAdds: ctx.unknownAdds, reexports: ctx.reexports, retractions: ctx.retractions, rememberedReturns: [...ctx.rememberedReturns], unsafe: ctx.partition?.unsafe ?? null,
    };
  }

  private end(): void {
    const ctx = this.ctx;
    ctx.finishing = true;
    ctx.stage = END_INSTANT;
    if (this.started) endInstant(ctx);
    ctx.stage = TIMERS;
    const horizon = this.until ?? ctx.now;
    while (ctx.timers.dueBy(horizon)) {
      const timer = ctx.timers.pop()!;
      if (ctx.timers.stateOf(timer) === ARMED) {
        ctx.stageDue = ctx.timers.due(timer);
        timerPassed(ctx, timer, null);
      }
    }
  }

  /** Live job and drive records: stays proportional to the jobs open at once, not to the rows. */
  get liveEntities(): number {
    return this.ctx.liveEntities;
  }

  /** Timers in the queue (armed or awaiting lazy removal). */
  get pendingTimers(): number {
    return this.ctx.timers.size;
  }

  /** Timer slots in use (timer-pool.ts): the queued timers and the fired ones a record still holds. */
  get timerSlots(): number {
    return this.ctx.timers.used;
  }

  /** Every armed timer due before row.t did not fire: report it, at its due time. */
  private passTimers(t: number, line: number): void {
    const ctx = this.ctx;
    while (ctx.timers.dueBefore(t)) {
      const timer = ctx.timers.pop()!;
      if (ctx.timers.stateOf(timer) === ARMED) {
        ctx.stageDue = ctx.timers.due(timer);
        timerPassed(ctx, timer, line);
      }
    }
  }
}

function dispatch(ctx: CheckState, row: CheckRow): void {
  switch (row.kind) {
    case 'state':
      if (row.entity === 'job') jobStateRow(ctx, row);
      else driveStateRow(ctx, row);
      return;
    case 'put': return putRow(ctx, row);
    case 'update': return updateRow(ctx, row);
    case 'cancel': return cancelRow(ctx, row);
    case 'refuse': return refuseRow(ctx, row);
    case 'delete': return deleteRow(ctx, row);
    case 'ship': return shipRow(ctx, row);
    case 'arrive': return arriveRow(ctx, row);
    case 'return': return returnRow(ctx, row);
    case 'destroy': return destroyRow(ctx, row);
    case 'alert': return alertRow(ctx, row);
    case 'contact': return contactRow(ctx, row);
    case 'reply': return replyRow(ctx, row);
    case 'extend': return extendRow(ctx, row);
    case 'deliver': return deliverRow(ctx, row);
    case 'lost': return lostRow(ctx, row);
  }
}
