/**
 * The "consequence" rules: conditions on a job's drives that a job state
 * needs (only when), and state changes that must follow at once when the
 * condition holds (must happen). The "must happen" side and everything else
 * that must follow within one instant (a cancel's effect, a refusal after a
 * refused cancel, the returns at a finish) is checked when the instant ends,
 * because rows at one instant come in the simulator's processing order.
 */
import type { CheckState } from './context.js';
import { I, type DriveRec, type JobRec } from './records.js';
import { tryCompact } from './compact.js';

/** Why the job may not be Received (R-RECEIVED), or '' when it may. */
export function receivedProblems(job: JobRec): string {
  // Checked at the end of every instant that touches a Shipping job: one pass, no arrays, on the clean path.
  const drives = job.drives;
  let waiting = false;
  let received = false;
  for (let i = 0; i < drives.length; i++) {
    const x = drives[i];
    if (x.state !== 'Received' && x.state !== 'NeverReceived') waiting = true;
    // Export drives start Received: for them "received" means the package came.
    // (An import drive Received without arriving is reported where it happens.)
    else if (x.state === 'Received' && (x.everArrived || job.type !== 'export')) received = true;
  }
  if (waiting) {
    const w = drives.filter((x) => x.state !== 'Received' && x.state !== 'NeverReceived');
    return `${w.map((x) => `${x.id} is ${x.state}`).join(', ')} (every drive must be Received or NeverReceived)`;
  }
  return received ? '' : 'none of its drives was received (at least one must be)';
}

/** Whether a drive has not finished processing (R-PACKAGING); a cancelled job skips the copy of drives not yet copying. */
function unfinished(x: DriveRec, cancelled: boolean): boolean {
  switch (x.state) {
    case 'Completed':
    case 'CompletedMoreInfo':
    case 'NeverReceived':
    case 'ShippedBack':
      return false;
    case 'Received':
    case 'Specified':
      return !cancelled;
    default:
      return true;
  }
}

/** Drives that have not finished processing (R-PACKAGING). */
export function unfinishedDrives(job: JobRec): DriveRec[] {
  const cancelled = !Number.isNaN(job.cancelledAt);
  return job.drives.filter((x) => unfinished(x, cancelled));
}

/** Whether any drive has not finished processing: unfinishedDrives(job).length > 0, without building the list. */
export function anyUnfinished(job: JobRec): boolean {
  const cancelled = !Number.isNaN(job.cancelledAt);
  const drives = job.drives;
  for (let i = 0; i < drives.length; i++) if (unfinished(drives[i], cancelled)) return true;
  return false;
}

/** Listed drives still on site and not shipped back or destroyed (R-FINISH). */
export function notShippedBack(job: JobRec): DriveRec[] {
  return job.drives.filter((x) => x.onSite && !x.destroyed && x.state !== 'ShippedBack' && x.state !== 'NeverReceived');
}

/** The job's errors in the R-FINISH sense ('' = none): see docs/timeline.md. */
export function errorReason(job: JobRec): string {
  if (job.errors) return job.errors;
  // A loop, not find with a closure: this runs at every job's finish.
  const drives = job.drives;
  for (let i = 0; i < drives.length; i++) if (drives[i].state === 'NeverReceived') return `drive ${drives[i].id} is NeverReceived`;
  return '';
}

/** Did the drive come in the job's first delivered package (the one its first dock processing handles)? */
export function inFirstPackage(job: JobRec, x: DriveRec): boolean {
  return x.everArrived && x.arrivedPackage === job.firstPackage;
}

/** The checks that run once every row of an instant has been seen. */
export function endInstant(ctx: CheckState): void {
  const touched = ctx.touchedJobs;
  // Nothing touched (an instant of the other thread's rows only, partition.ts): nothing to do.
  if (touched.size === 0 && ctx.recompact.size === 0 && ctx.touchedDrives.size === 0) return;
  for (let i = 0; i < touched.size; i++) {
    const job = touched.at(i);
    if (job.deleted || job.instant !== ctx.instant) continue;
    checkJobInstant(ctx, job);
  }
  // Finished jobs whose drives are gone are compacted (compact.ts) once the instant's checks are done.
  for (let i = 0; i < touched.size; i++) {
    const job = touched.at(i);
    if (job.state === 'Completed' || job.state === 'Closed') tryCompact(ctx, job);
  }
  touched.clear();
  for (let i = 0; i < ctx.recompact.size; i++) tryCompact(ctx, ctx.recompact.at(i));
  ctx.recompact.clear();
  const drives = ctx.touchedDrives;
  for (let i = 0; i < drives.size; i++) {
    const x = drives.at(i);
    if (x.earlyRepliedAt === ctx.now && x.onSite) {
      ctx.flagDrive('R-EARLY-ARRIVAL', x, 'the customer answered for this drive of no job, but it was not returned at that instant');
    }
  }
  drives.clear();
}

function checkJobInstant(ctx: CheckState, job: JobRec): void {
  const f = job.flags;
  if (f & I.PUT) {
    if (job.state === null) ctx.flagJob('R-JOB-TRANSITIONS', job, 'put, but no state row "" → Creating followed at the same instant');
    if (job.announcedDrives >= 0 && job.drives.length !== job.announcedDrives) {
      ctx.flagJob('R-DRIVE-TRANSITIONS', job, `put announced drives=${job.announcedDrives}, but ${job.drives.length} drive rows followed`);
    }
  }
  if (f & I.CANCEL_EXPECT_REFUSE && !(f & I.REFUSED_CANCEL)) {
    ctx.flagJob('R-CANCEL', job, `a cancel in ${job.state} is not allowed, but no refuse row followed at ${ctx.isoOf(ctx.now)}`);
  }
  if (f & I.CANCEL_IN_CREATING && job.state === 'Creating') {
    ctx.flagJob('R-CANCEL', job, `cancel accepted in Creating, but the job did not go to Completed at ${ctx.isoOf(ctx.now)}`);
  }
  if (f & I.CANCEL_IN_RECEIVED && job.state === 'Received') {
    ctx.flagJob('R-TRANSFER-START', job, `cancelled in Received: it passes on to Transferring at once, but stayed Received at ${ctx.isoOf(ctx.now)}`);
  }
  if (f & I.RESOLVE_CANCEL && job.state === 'Shipping') {
    ctx.flagJob('R-SHIP-RESOLVE', job, `operations cancelled it, but it did not go Shipping → Completed at ${ctx.isoOf(ctx.now)}`);
  }
  if (f & I.RETURN_SHIP && job.state === 'Packaging') {
    ctx.flagJob('R-FINISH', job, `its drives were shipped back, but it did not go to Completed or Closed at ${ctx.isoOf(ctx.now)}`);
  }
  if (f & I.BAD_ADDRESS_DESTROY && job.state === 'Packaging') {
    ctx.flagJob('R-BAD-RETURN-ADDRESS', job, `its drives were destroyed, but it did not go to Closed at ${ctx.isoOf(ctx.now)}`);
  }
  if (f & I.FINISHED && f & I.RETURN_SHIP) {
    for (const x of job.extras) {
      if (x.mustReturn && x.onSite) ctx.flagDrive('R-EXTRA-DRIVE', x, `extra drive still on site when job ${job.id} finished at ${ctx.isoOf(ctx.now)}: it must be returned then`);
    }
    for (const x of job.orphans) {
      if (x.onSite) ctx.flagDrive('R-ORPHAN-DRIVE', x, `orphan drive still on site when job ${job.id}, whose package brought it, finished at ${ctx.isoOf(ctx.now)}: it must be returned then`);
    }
  }
  switch (job.state) {
    case 'Shipping':
      // Export drives have no dock rows, so only an import job's dock processing shows the instant.
      if (job.type !== 'export' && f & I.DRIVE_CHANGED && receivedProblems(job) === '') {
        ctx.flagJob('R-RECEIVED', job, `every drive is Received or NeverReceived at ${ctx.isoOf(ctx.now)}, but the job stayed Shipping`);
      }
      break;
    case 'Received': {
      const copying = firstTransferring(job);
      if (copying) ctx.flagJob('R-TRANSFER-START', job, `drive ${copying.id} is Transferring at ${ctx.isoOf(ctx.now)}, but the job stayed Received`);
      break;
    }
    case 'Transferring':
      if (!anyUnfinished(job)) ctx.flagJob('R-PACKAGING', job, `every drive has finished processing at ${ctx.isoOf(ctx.now)}, but the job stayed Transferring`);
      break;
    default:
      break;
  }
  if (f & I.DOCK_FIRST && !job.docked) {
    job.docked = true;
    for (const x of job.drives) {
      if (x.state === 'Specified' && !inFirstPackage(job, x)) {
        ctx.flagDrive('R-NEVER-RECEIVED', x, `absent from job ${job.id}'s first package, but not marked NeverReceived at its dock processing at ${ctx.isoOf(ctx.now)}`);
      }
    }
  }
}

function firstTransferring(job: JobRec): DriveRec | undefined {
  const drives = job.drives;
  for (let i = 0; i < drives.length; i++) if (drives[i].state === 'Transferring') return drives[i];
  return undefined;
}
