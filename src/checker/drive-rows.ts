/**
 * Rows about drives: state changes (dock processing, R-NEVER-RECEIVED,
 * R-LATE-DRIVE, copies, the return shipment, faults) and arrivals. The role
 * of an arriving drive (listed, extra, orphan, of no job) decides which rules
 * apply to it; drive-exits.ts handles its return or destruction.
 */
import type { DriveState } from '../spec/states.js';
import type { CheckRow } from './row.js';
import { disarm, timerStatus, type CheckState } from './context.js';
import { inFirstPackage } from './consequences.js';
import { I, appended, newDrive, type DriveRec, type JobRec } from './records.js';
import { deliveredInShipping, endEarly } from './timer-rules.js';
import { checkEdge, driveEdge } from './transitions.js';
import { roleRule } from './drive-exits.js';
import { driveState, own } from './strings.js';

export function driveStateRow(ctx: CheckState, row: CheckRow): void {
  const x = ctx.drives.get(row.id, row.idHash, row.idDrive);
  if (!x) {
    if (row.from === '') createListedDrive(ctx, row);
    else ctx.flagUnknown('R-DRIVE-TRANSITIONS', 'drive', row.id, row.job, `state row for drive ${row.id}, which was never created (no "" → state row at its job's put) or was released with its job`);
    return;
  }
  if (x.role === 'listed' && !x.job) {
    // Still on site after its job was deleted: only the transition table applies.
    const to = driveState(row.to);
    if (checkEdge(ctx, 'drive', x.id, x.jobId, x.state, x.beforeFault, row, to)) x.state = to;
    return;
  }
  if (x.role !== 'listed' || !x.job) {
    ctx.flagDrive(roleRule(x), x, `${x.role === 'undefined' ? 'a drive of no job' : `an ${x.role} drive`} changed state (${row.from || '(new)'} → ${row.to}): such drives are never processed or copied`);
    return;
  }
  const job = x.job;
  if (row.from === '') {
    ctx.flagDrive('R-DRIVE-TRANSITIONS', x, 'created a second time');
    return;
  }
  if (row.job !== x.jobId) ctx.flagDrive('R-DRIVE-TRANSITIONS', x, `drive of job ${x.jobId}, but the row names job ${row.job || '(none)'}`);
  ctx.setFlag(job, I.DRIVE_CHANGED);
  const cur = x.state;
  const to = driveState(row.to);
  if (checkEdge(ctx, 'drive', x.id, x.jobId, cur, x.beforeFault, row, to)) checkDriveEdge(ctx, x, job, cur, to, row);
  if (to === 'Faulted') {
    x.beforeFault = cur;
    x.faultContacted = false;
  } else if (cur === 'Faulted') {
    x.beforeFault = null;
  }
  if (to === 'ShippedBack') x.onSite = false;
  x.state = to;
}

function createListedDrive(ctx: CheckState, row: CheckRow): void {
  const job = ctx.jobs.get(row.job, row.jobHash, row.jobRec);
  if (!job) {
    ctx.flagUnknown('R-DRIVE-TRANSITIONS', 'drive', row.id, row.job, `drive created for job ${row.job || '(none)'}, which does not exist`);
    return;
  }
  const to = driveState(row.to);
  const x = newDrive(row.id, job, 'listed');
  x.state = to;
  ctx.drives.add(x);
  ctx.forgetUnknown('drive', x.id);
  job.drives = appended(job.drives, x);
  ctx.setFlag(job, I.DRIVE_CHANGED);
  if (job.state !== 'Creating') {
    // A job whose state row has not come yet has no state: say so, rather than "is null".
    const where = job.state === null ? 'has no state yet (its Creating row must come before its drives\' rows)' : `is ${job.state}`;
    ctx.flagDrive('R-DRIVE-TRANSITIONS', x, `a drive is listed at its job's put (job in Creating); job ${job.id} ${where}`);
  }
  // An import job lists drives the customer will ship (Specified); an export job's drives start Received.
  const expected = job.type === 'export' ? 'Received' : job.type === 'import' ? 'Specified' : null;
  if (expected && to !== expected) {
    ctx.flagDrive('R-DRIVE-TRANSITIONS', x, `a drive of an ${job.type} job starts ${expected}, not ${to}`);
  } else if (checkEdge(ctx, 'drive', x.id, x.jobId, null, null, row, to) && !job.type) {
    job.type = to === 'Received' ? 'export' : 'import';
  }
}

/** The rule-specific conditions of a legal drive edge. */
function checkDriveEdge(ctx: CheckState, x: DriveRec, job: JobRec, cur: DriveState | null, to: DriveState, row: CheckRow): void {
  switch (driveEdge(cur, to, x.beforeFault).key) {
    case 'Specified>Received':
      if (!x.onSite) ctx.flagDrive('R-DRIVE-TRANSITIONS', x, 'received at the dock, but no arrive row brought it');
      if (job.state === 'Creating') ctx.flagDrive('R-EARLY-ARRIVAL', x, `processed while job ${job.id} is Creating: early drives wait until it is Shipping`);
      endEarly(ctx, x);
      ctx.setFlag(job, inFirstPackage(job, x) ? I.DOCK | I.DOCK_FIRST : I.DOCK);
      return;
    case 'Specified>NeverReceived': {
      // Absent from the first package is what counts: a drive that came in a later package is a late drive.
      if (inFirstPackage(job, x)) {
        ctx.flagDrive('R-NEVER-RECEIVED', x, `marked NeverReceived, but it arrived at ${ctx.isoOf(x.arrivedAt)} in the job's first package ${x.arrivedPackage || '(unnamed)'}`);
        return;
      }
      const t = job.tNever;
      const s = timerStatus(ctx, t);
      if (s === 'due' || s === 'reported' || job.firstPackageDelivered) return; // day 14, or absent from the first package
      ctx.flagDrive('R-NEVER-RECEIVED', x, s === 'early'
        ? `marked NeverReceived ${ctx.days(ctx.now - ctx.timers.armedAt(t!))} after job ${job.id} entered Shipping with no package delivered; that is due exactly ${ctx.days(ctx.durations.neverReceived)} after it, at ${ctx.isoOf(ctx.timers.due(t!))}`
        : `marked NeverReceived while job ${job.id} is ${job.state}, with its first package (${job.firstPackage ?? 'none shipped'}) not delivered and no day-14 timer due`);
      return;
    }
    case 'NeverReceived>Received':
      if (!x.onSite) ctx.flagDrive('R-LATE-DRIVE', x, 'a NeverReceived drive went to Received, but no later package brought it (no arrive row)');
      ctx.setFlag(job, inFirstPackage(job, x) ? I.DOCK | I.DOCK_FIRST : I.DOCK);
      return;
    case 'Received>Transferring':
      if (!Number.isNaN(job.cancelledAt)) {
        ctx.flagDrive('R-CANCEL', x, `its copy started after job ${job.id}'s accepted cancel at ${ctx.isoOf(job.cancelledAt)}: a cancelled job copies no data`);
      } else if (job.state !== 'Received' && job.state !== 'Transferring') {
        ctx.flagDrive('R-TRANSFER-START', x, `its copy started while job ${job.id} is ${job.state}: copies start only once the job is Received`);
      }
      return;
    case 'Transferring>Completed':
    case 'Transferring>CompletedMoreInfo':
    case 'Faulted>CompletedMoreInfo': {
      const detail = row.detail ? ctx.details.get(row.detail) : undefined;
      const outcome = detail?.get('outcome');
      if (cur === 'Faulted') {
        if (outcome !== 'errors') ctx.flagDrive('R-FAULT', x, `an unresolved drive fault ends CompletedMoreInfo with outcome=errors, not ${outcome ?? '(none)'}`);
        if (!x.faultContacted) ctx.flagDrive('R-FAULT', x, 'left Faulted with no contact (rule R-FAULT) since the fault');
      }
      if (outcome === 'errors' || detail?.get('fault') === 'unresolved') {
        if (!job.errors) job.errors = `drive ${x.id}'s copy ended with errors`;
      } else if (to === 'CompletedMoreInfo' && outcome !== 'warnings' && outcome !== 'info') {
        job.errorsUnknown = true; // without an outcome, Completed vs Closed cannot be judged
      }
      return;
    }
    case 'Completed>ShippedBack':
    case 'CompletedMoreInfo>ShippedBack':
    case 'Received>ShippedBack':
      if (!(ctx.flagsOf(job) & I.RETURN_SHIP) || job.state !== 'Packaging') {
        ctx.flagDrive('R-FINISH', x, `shipped back outside job ${job.id}'s return shipment (a ship row, rule R-FINISH, of the job in Packaging at the same instant)`);
      }
      if (!x.onSite) ctx.flagDrive('R-FINISH', x, 'shipped back, but it is not on site');
      return;
    default:
      if (cur === 'Faulted' && !x.faultContacted) ctx.flagDrive('R-FAULT', x, `left Faulted for ${to} with no contact (rule R-FAULT) since the fault`);
      return;
  }
}

/**
 * A drive reaches the dock. Its role follows from the row's job and package:
 * listed on its job, extra (a job's package, not on its list: R-EXTRA-DRIVE),
 * orphan (no job, in another job's package: R-ORPHAN-DRIVE) or of no job at
 * all (R-EARLY-ARRIVAL). Whatever arrives for a job still Creating, or for no
 * job, is an early arrival with its R-EARLY-* timers.
 */
export function arriveRow(ctx: CheckState, row: CheckRow): void {
  let x = ctx.drives.get(row.id, row.idHash, row.idDrive);
  const job = row.job ? ctx.jobs.get(row.job, row.jobHash, row.jobRec) : undefined;
  if (job) {
    if (!x) {
      x = newDrive(row.id, job, 'extra'); // not on the job's list: R-EXTRA-DRIVE
      x.mustReturn = job.state !== null && ctx.policy.extraDriveIn.includes(job.state);
      job.extras = appended(job.extras, x);
      ctx.drives.add(x);
      ctx.forgetUnknown('drive', x.id);
    }
    ctx.touch(job);
    arrived(ctx, x, job, row);
    if (job.state === 'Creating') {
      // An extra drive in an early package may cite its own rule.
      if (row.rule !== 'R-EARLY-ARRIVAL' && !(x.role === 'extra' && row.rule === 'R-EXTRA-DRIVE')) {
        ctx.flagDrive('R-EARLY-ARRIVAL', x, `arrived for job ${job.id}, which is still Creating: the row must cite R-EARLY-ARRIVAL, not "${row.rule}"`);
      }
      startEarly(ctx, x);
    } else {
      if (row.rule === 'R-EARLY-ARRIVAL') ctx.flagDrive('R-EARLY-ARRIVAL', x, `cites R-EARLY-ARRIVAL, but job ${job.id} is ${job.state}, not Creating`);
      if (job.state === 'Shipping') deliveredInShipping(ctx, job);
    }
    return;
  }
  // No job column: an orphan if it came in a known job's package (detail with=J names it), else a drive of no job.
  const withJob = row.job === '' && row.detail.includes('with=') ? ctx.jobs.get(ctx.details.get(row.detail).get('with') ?? '') : undefined;
  const carrier = withJob ?? (row.job === '' && row.package ? ctx.packageJob(row.package) : undefined);
  if (carrier && !(row.rule === 'R-EARLY-ARRIVAL' && !withJob && carrier.state !== 'Creating')) {
    if (!x) {
      x = newDrive(row.id, carrier, 'orphan');
      ctx.drives.add(x);
      ctx.forgetUnknown('drive', x.id);
    }
    x.role = 'orphan';
    x.setJob(carrier);
    x.jobId = '';
    x.mustReturn = true;
    carrier.orphans = appended(carrier.orphans, x);
    ctx.touch(carrier);
    arrived(ctx, x, carrier, row);
    if (carrier.state === 'Creating') startEarly(ctx, x); // in an early package: early too
    return;
  }
  if (!x) {
    x = newDrive(row.id, null, 'undefined');
    x.jobId = own(row.job);
    ctx.drives.add(x);
    ctx.forgetUnknown('drive', x.id);
  }
  // A row naming a job that no longer exists is not the simulator's `job=""`; its rule is then not judged.
  if (row.job === '' && row.rule !== 'R-EARLY-ARRIVAL') {
    ctx.flagDrive('R-EARLY-ARRIVAL', x, `a drive of no job arrived: the row must cite R-EARLY-ARRIVAL, not "${row.rule}"`);
  }
  arrived(ctx, x, null, row);
  startEarly(ctx, x);
}

function arrived(ctx: CheckState, x: DriveRec, job: JobRec | null, row: CheckRow): void {
  x.onSite = true;
  x.everArrived = true;
  x.arrivedAt = ctx.now;
  x.arrivedPackage = own(row.package);
  if (job) {
    if (job.firstPackage === null) job.firstPackage = x.arrivedPackage;
    if (row.package === job.firstPackage) job.firstPackageDelivered = true;
  }
}

function startEarly(ctx: CheckState, x: DriveRec): void {
  x.early = true;
  x.earlyContacted = false;
  disarm(ctx, x.tEarlyReturn);
  disarm(ctx, x.tEarlyDestroy);
  x.tEarlyReturn = ctx.arm('earlyReturn', x, ctx.now + ctx.durations.earlyReturn);
  x.tEarlyDestroy = ctx.arm('earlyDestroy', x, ctx.now + ctx.durations.earlyDestroy);
}
