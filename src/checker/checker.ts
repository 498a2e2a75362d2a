/**
 * TimelineChecker: checks a timeline pushed row by row against every rule of
 * ../shared/spec/lifecycle.md, as docs/timeline.md spells out the rows. It is
 * independent of the simulator (it shares only src/spec's tables and
 * durations), so a bug in one is caught by the other. Memory holds the live
 * jobs and drives, never the rows.
 */
import type { TimelineRow } from '../spec/timeline.js';
import { CheckState } from './context.js';
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
import { emptyRow, validateFieldsInto, validateInto, type CheckRow } from './row.js';
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
    const ctx = this.ctx;
    this.rows++;
    ctx.line = line;
    if (row.t > ctx.now) {
      if (this.started) endInstant(ctx);
      this.started = true;
      this.passTimers(row, line);
      ctx.now = row.t;
      ctx.instant++;
    }
    dispatch(ctx, row);
  }

  /** Ends the timeline: instant-end checks, timers due by the end, and the result. */
  finish(): CheckResult {
    const ctx = this.ctx;
    if (this.started) endInstant(ctx);
    const horizon = this.until ?? ctx.now;
    while (ctx.timers.dueBy(horizon)) {
      const timer = ctx.timers.pop()!;
      if (ctx.timers.stateOf(timer) === ARMED) timerPassed(ctx, timer, null);
    }
    return { rows: this.rows, violations: ctx.log.sorted(), byRule: ctx.log.byRule() };
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
  private passTimers(row: CheckRow, line: number): void {
    const ctx = this.ctx;
    while (ctx.timers.dueBefore(row.t)) {
      const timer = ctx.timers.pop()!;
      if (ctx.timers.stateOf(timer) === ARMED) timerPassed(ctx, timer, line);
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
