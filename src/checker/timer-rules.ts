/**
 * The rule timers, as the checker sees them (src/spec/timers.ts names them;
 * docs/timeline.md says when each starts, stops and what row it produces).
 * A timer is armed when its state is entered and cancelled when it is left,
 * so "fires exactly when due" reduces to: the row it produces carries its due
 * time, and no later row arrives while it is still armed.
 */
import type { JobState } from '../spec/states.js';
import { TIMERS } from '../spec/timers.js';
import { disarm, type CheckState } from './context.js';
import { I, type DriveRec, type JobRec } from './records.js';
import { LAPSED, MISSED, type Timer } from './timer-pool.js';
import type { CompactJob } from './compact.js';

/** Stops the timers bound to the state a job leaves. */
export function leaveJobState(ctx: CheckState, job: JobRec, from: JobState | null): void {
  switch (from) {
    case 'Creating':
      job.tExpire = disarm(ctx, job.tExpire);
      break;
    case 'Shipping':
      job.tNever = disarm(ctx, job.tNever);
      job.tOverdue = disarm(ctx, job.tOverdue);
      job.tNoResponse = disarm(ctx, job.tNoResponse);
      break;
    case 'Packaging':
      job.tBadAddress = disarm(ctx, job.tBadAddress);
      break;
    case 'Completed':
    case 'Closed':
      job.tRetention = disarm(ctx, job.tRetention);
      break;
    default:
      break;
  }
}

/** Starts the timers of the state a job enters (also when it comes back from Faulted). */
export function enterJobState(ctx: CheckState, job: JobRec, to: JobState): void {
  const d = ctx.durations;
  switch (to) {
    case 'Creating':
      job.tExpire = ctx.arm('creatingExpire', job, ctx.now + d.creatingExpiry);
      break;
    case 'Shipping': {
      // Drives already on site (an early arrival) count as a delivered package:
      // the dock processes them, and there is nothing to be overdue.
      job.delivered = anyOnSite(job.drives) || anyOnSite(job.extras) || anyOnSite(job.orphans);
      for (const x of job.drives) endEarly(ctx, x);
      for (const x of job.extras) endEarly(ctx, x);
      for (const x of job.orphans) endEarly(ctx, x);
      job.alertPending = false;
      job.overdueContactPending = false;
      job.resolveReplied = false;
      if (!job.delivered) {
        job.tNever = ctx.arm('neverReceived', job, ctx.now + d.neverReceived);
        job.tOverdue = ctx.arm('shippingOverdue', job, ctx.now + d.shippingOverdue);
      }
      break;
    }
    case 'Completed':
    case 'Closed':
      job.tRetention = ctx.arm('retention', job, ctx.now + d.retention);
      break;
    default:
      break;
  }
}

/** A delivery for a job in Shipping ends its escalation (R-SHIP-OVERDUE, R-NEVER-RECEIVED, R-SHIP-NORESPONSE). */
export function deliveredInShipping(ctx: CheckState, job: JobRec): void {
  job.delivered = true;
  job.tNever = disarm(ctx, job.tNever);
  job.tOverdue = disarm(ctx, job.tOverdue);
  job.tNoResponse = disarm(ctx, job.tNoResponse);
}

/** A drive stops being an early arrival (processed, answered for, returned or destroyed). */
export function endEarly(ctx: CheckState, x: DriveRec): void {
  x.early = false;
  x.tEarlyReturn = disarm(ctx, x.tEarlyReturn);
  x.tEarlyDestroy = disarm(ctx, x.tEarlyDestroy);
}

/** Drives the job must destroy when its bad-address timer runs out: its listed drives still on site. */
export function drivesToDestroy(job: JobRec): DriveRec[] {
  return job.drives.filter((x) => x.onSite && !x.destroyed);
}

/**
 * A timer's due time passed with no row that fires it (a later row arrived,
 * or the timeline ended). Reports it, unless not firing was allowed.
 * `line` is the first row after the due time (null at the end).
 */
export function timerPassed(ctx: CheckState, t: Timer, line: number | null): void {
  const timers = ctx.timers;
  const key = timers.key(t), due = timers.due(t);
  const when = `${TIMERS[key].name} armed at ${ctx.isoOf(timers.armedAt(t))} (line ${timers.armedLine(t)})`;
  const o = timers.owner(t);
  timers.setState(t, MISSED);
  switch (key) {
    case 'creatingExpire': {
      const job = o as JobRec;
      ctx.flagJob('R-CREATING-EXPIRE', job, `still Creating ${ctx.days(ctx.durations.creatingExpiry)} after its last put/update, but not deleted then (${when})`, due, line);
      break;
    }
    case 'neverReceived': {
      const job = o as JobRec;
      for (const x of job.drives) {
        if (x.state === 'Specified' && !x.onSite) {
          ctx.flagDrive('R-NEVER-RECEIVED', x, `still Specified ${ctx.days(ctx.durations.neverReceived)} after job ${job.id} entered Shipping with no package delivered; it should have become NeverReceived then (${when})`, due, line);
        }
      }
      break;
    }
    case 'shippingOverdue': {
      const job = o as JobRec;
      job.alertPending = true; // so the contact that follows is not reported a second time
      ctx.flagJob('R-SHIP-OVERDUE', job, `no package delivered and no alert row at the due time (${when})`, due, line);
      break;
    }
    case 'noResponse': {
      const job = o as JobRec;
      ctx.flagJob('R-SHIP-NORESPONSE', job, `no answer ${ctx.days(ctx.durations.noResponseClose)} after the overdue contact, but the job was not Closed then (${when})`, due, line);
      break;
    }
    case 'earlyReturn':
      // The return may have been impossible (no usable address); then R-EARLY-DESTROY must follow.
      timers.setState(t, LAPSED);
      break;
    case 'earlyDestroy': {
      const x = o as DriveRec;
      ctx.flagDrive('R-EARLY-DESTROY', x, `arrived early at ${ctx.isoOf(x.arrivedAt)} and was neither returned nor destroyed ${ctx.days(ctx.durations.earlyDestroy)} later`, due, line);
      break;
    }
    case 'badAddressDestroy': {
      const job = o as JobRec;
      const left = drivesToDestroy(job);
      for (const x of left) {
        ctx.flagDrive('R-BAD-RETURN-ADDRESS', x, `no answer ${ctx.days(ctx.durations.badAddressDestroy)} after the bad-address contact, but the drive was not destroyed then (${when})`, due, line);
      }
      // Destroy rows at the due instant already had their "then Closed" checked at that instant's end.
      // A timer comes out before the first row after its due time, so the instant of its due time, if
      // there was one, is the last one (ctx.now): the job was touched then if its ordinal is the current.
      const destroyedThen = due === ctx.now && job.instant === ctx.instant && (job.flags & I.BAD_ADDRESS_DESTROY) !== 0;
      if (left.length === 0 && job.state === 'Packaging' && !destroyedThen) {
        ctx.flagJob('R-BAD-RETURN-ADDRESS', job, `no answer ${ctx.days(ctx.durations.badAddressDestroy)} after the bad-address contact, but the job was not Closed then (${when})`, due, line);
      }
      break;
    }
    case 'retention': {
      // A compacted job knows its ID and state: all this needs.
      const job = o as JobRec | CompactJob;
      ctx.flag('R-RETENTION', 'job', job.id, job.id, `${job.state} for ${ctx.days(ctx.durations.retention)}, but its record was not deleted then (${when})`, due, line);
      break;
    }
  }
}

function anyOnSite(drives: readonly DriveRec[]): boolean {
  for (let i = 0; i < drives.length; i++) if (drives[i].onSite) return true;
  return false;
}
