/**
 * Drives leaving the site outside the return shipment: `return` rows (early
 * arrivals, drives of no job, extra and orphan drives at their job's finish,
 * late drives, a cancelled job's drives) and `destroy` rows (R-EARLY-DESTROY,
 * R-BAD-RETURN-ADDRESS). Each must cite the rule that sent the drive away, at
 * the time that rule says.
 */
import type { RuleId } from '../spec/rules.js';
import type { CheckRow } from './row.js';
import { timerStatus, type CheckState } from './context.js';
import { I, type DriveRec } from './records.js';
import { endEarly } from './timer-rules.js';
import { LAPSED } from './timer-pool.js';

/** The rule that governs a drive that is not a listed drive of a live job. */
export function roleRule(x: DriveRec): RuleId {
  return x.role === 'extra' ? 'R-EXTRA-DRIVE' : x.role === 'orphan' ? 'R-ORPHAN-DRIVE' : 'R-EARLY-ARRIVAL';
}

/** The drive of a return or destroy row, or undefined after reporting it is not on site. */
function driveOnSite(ctx: CheckState, row: CheckRow, fallback: RuleId): DriveRec | undefined {
  const x = ctx.drives.get(row.id, row.idHash, row.idDrive);
  const rule = (row.rule || fallback) as RuleId;
  if (!x) {
    ctx.flagUnknown(rule, 'drive', row.id, row.job, `${row.kind} row for drive ${row.id}, which is not on site (never arrived, or already returned or destroyed)`);
    return undefined;
  }
  if (!x.onSite) {
    ctx.flagDrive(rule, x, `${row.kind} row, but the drive is not on site`);
    return undefined;
  }
  return x;
}

export function returnRow(ctx: CheckState, row: CheckRow): void {
  const x = driveOnSite(ctx, row, 'R-DRIVE-TRANSITIONS');
  if (!x) return;
  const carrierFlags = x.job ? ctx.flagsOf(x.job) : 0;
  switch (row.rule) {
    case 'R-EARLY-RETURN': {
      const t = x.tEarlyReturn;
      const s = timerStatus(ctx, t);
      if (s === 'early') {
        ctx.flagDrive('R-EARLY-RETURN', x, `returned ${ctx.days(ctx.now - x.arrivedAt)} after its early arrival; the return is due exactly ${ctx.days(ctx.durations.earlyReturn)} after it, at ${ctx.isoOf(ctx.timers.due(t!))}`);
      } else if (s === 'none') {
        ctx.flagDrive('R-EARLY-RETURN', x, t !== null && ctx.timers.stateOf(t) === LAPSED
          ? `returned after its R-EARLY-RETURN time ${ctx.isoOf(ctx.timers.due(t))}: the return is tried exactly then`
          : 'returned by R-EARLY-RETURN, but it is not an early drive whose customer did not answer');
      }
      break;
    }
    case 'R-LATE-DRIVE': {
      // A drive that comes after its job has finished (or is gone) goes back at once (README model decision).
      const j = x.job;
      if (x.role === 'undefined') ctx.flagDrive('R-LATE-DRIVE', x, 'returned as a late drive, but it belongs to no job');
      else if (x.state === 'NeverReceived') {
        // (A drive still Specified, of a job cancelled before it shipped, was never missing: it just goes back.)
        ctx.flagDrive('R-LATE-DRIVE', x, 'returned as a late drive while still NeverReceived: the dock processes a late drive (NeverReceived → Received) first');
      } else if (j && j.state !== 'Completed' && j.state !== 'Closed') {
        ctx.flagDrive('R-LATE-DRIVE', x, `returned as a late drive while job ${j.id} is ${j.state}: a late drive of an unfinished job is copied, or shipped back with the job`);
      }
      break;
    }
    case 'R-CANCEL':
      // Drives on site of a job cancelled before anything was processed go back.
      if (!x.job || Number.isNaN(x.job.cancelledAt)) ctx.flagDrive('R-CANCEL', x, `returned by R-CANCEL, but job ${x.jobId || '(none)'} was not cancelled`);
      break;
    case 'R-EARLY-ARRIVAL':
      if (!(x.role === 'undefined' && x.earlyRepliedAt === ctx.now)) {
        ctx.flagDrive('R-EARLY-ARRIVAL', x, 'R-EARLY-ARRIVAL returns a drive of no job at the customer\'s reply, and only then');
      }
      break;
    case 'R-EXTRA-DRIVE':
      if (x.role !== 'extra') ctx.flagDrive('R-EXTRA-DRIVE', x, `returned as an extra drive, but it is ${x.role === 'undefined' ? 'a drive of no job' : `a ${x.role} drive`}`);
      else if (!(carrierFlags & I.RETURN_SHIP)) ctx.flagDrive('R-EXTRA-DRIVE', x, `returned outside job ${x.jobId}'s return shipment: an extra drive goes back when its job finishes`);
      break;
    case 'R-ORPHAN-DRIVE': {
      const withJob = ctx.details.get(row.detail).get('with');
      if (x.role !== 'orphan') ctx.flagDrive('R-ORPHAN-DRIVE', x, `returned as an orphan drive, but it is ${x.role === 'undefined' ? 'a drive of no job' : `a ${x.role} drive`}`);
      // (x.job is null once the job whose package brought it was deleted: that job's return shipment is past.)
      else if (x.job === null) ctx.flagDrive('R-ORPHAN-DRIVE', x, `returned after the job whose package brought it was deleted: an orphan goes back in that job's return shipment`);
      else if (!(carrierFlags & I.RETURN_SHIP)) ctx.flagDrive('R-ORPHAN-DRIVE', x, `returned outside the return shipment of job ${x.job.id}, whose package brought it`);
      else if (withJob !== x.job.id) ctx.flagDrive('R-ORPHAN-DRIVE', x, `detail says with=${withJob ?? '(none)'}, but it came with job ${x.job.id}`);
      break;
    }
    default:
      ctx.flagDrive(x.early ? 'R-EARLY-RETURN' : x.role === 'listed' ? 'R-FINISH' : roleRule(x), x,
        `a return row must cite R-EARLY-RETURN, R-EARLY-ARRIVAL, R-EXTRA-DRIVE, R-ORPHAN-DRIVE, R-LATE-DRIVE or R-CANCEL, not "${row.rule}"${x.role === 'listed' ? ' (a listed drive goes back in its job\'s return shipment)' : ''}`);
      break;
  }
  gone(ctx, x);
}

export function destroyRow(ctx: CheckState, row: CheckRow): void {
  const x = driveOnSite(ctx, row, 'R-EARLY-DESTROY');
  if (!x) return;
  switch (row.rule) {
    case 'R-EARLY-DESTROY': {
      const t = x.tEarlyDestroy;
      const s = timerStatus(ctx, t);
      if (s === 'early') {
        ctx.flagDrive('R-EARLY-DESTROY', x, `destroyed ${ctx.days(ctx.now - x.arrivedAt)} after its early arrival; not before ${ctx.days(ctx.durations.earlyDestroy)}, at ${ctx.isoOf(ctx.timers.due(t!))}`);
      } else if (s === 'none') {
        ctx.flagDrive('R-EARLY-DESTROY', x, 'destroyed by R-EARLY-DESTROY, but it is not an unanswered early arrival');
      }
      break;
    }
    case 'R-BAD-RETURN-ADDRESS': {
      const job = x.job;
      const t = job?.tBadAddress ?? null;
      const s = timerStatus(ctx, t);
      if (s === 'early') {
        ctx.flagDrive('R-BAD-RETURN-ADDRESS', x, `destroyed ${ctx.days(ctx.now - ctx.timers.armedAt(t!))} after the bad-address contact; not before ${ctx.days(ctx.durations.badAddressDestroy)}, at ${ctx.isoOf(ctx.timers.due(t!))}`);
      } else if (s === 'none') {
        ctx.flagDrive('R-BAD-RETURN-ADDRESS', x, `destroyed by R-BAD-RETURN-ADDRESS, but ${job ? `job ${job.id} has no unanswered bad-address contact` : 'it belongs to no job'}`);
      }
      if (job) {
        ctx.setFlag(job, I.BAD_ADDRESS_DESTROY);
        if (!job.errors) job.errors = `drive ${x.id} was destroyed`;
      }
      break;
    }
    default:
      ctx.flagDrive(x.early ? 'R-EARLY-DESTROY' : 'R-BAD-RETURN-ADDRESS', x, `a destroy row must cite R-EARLY-DESTROY or R-BAD-RETURN-ADDRESS, not "${row.rule}"`);
      break;
  }
  x.destroyed = true;
  gone(ctx, x);
}

/** The drive left the site: it stops being early, and a drive that is not a listed one is forgotten. */
function gone(ctx: CheckState, x: DriveRec): void {
  x.onSite = false;
  endEarly(ctx, x);
  if ((x.role !== 'listed' || !x.job) && ctx.drives.get(x.id) === x) ctx.drives.delete(x.id);
  // Its finished job may now be compacted (a late drive sent back).
  if (x.job !== null && (x.job.state === 'Completed' || x.job.state === 'Closed')) ctx.recompact.push(x.job);
}
