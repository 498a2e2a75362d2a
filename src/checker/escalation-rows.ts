/**
 * Rows of operations' escalations (alert, contact, reply, extend) and of
 * packages (ship, deliver, lost). Escalations form small per-job state
 * machines: an overdue alert leads to a contact, the contact to a reply or a
 * closure (R-SHIP-OVERDUE, R-SHIP-RESOLVE, R-SHIP-NORESPONSE); an early
 * arrival's contact to a reply or a return (R-EARLY-*); a bad address's
 * contact to a reply or destruction (R-BAD-RETURN-ADDRESS); a fault's contact
 * to its resolution (R-FAULT).
 */
import type { CheckRow } from './row.js';
import { disarm, timerStatus, type CheckState } from './context.js';
import { InstantParser } from './instant.js';
import { requireJob } from './job-rows.js';
import { I, appended, type JobRec } from './records.js';
import { endEarly } from './timer-rules.js';
import { own } from './strings.js';
import { deliverCompacted } from './compact.js';
import { returnMemory } from './release.js';

const untilParser = new InstantParser();

export function alertRow(ctx: CheckState, row: CheckRow): void {
  if (row.rule !== 'R-SHIP-OVERDUE') return; // no other alert is specified
  const job = requireJob(ctx, row);
  if (!job) return;
  const t = job.tOverdue;
  const s = timerStatus(ctx, t);
  if (s === 'early') {
    ctx.flagJob('R-SHIP-OVERDUE', job, `alert ${ctx.days(ctx.now - ctx.timers.armedAt(t!))} after ${ctx.timers.armedLine(t!) ? `line ${ctx.timers.armedLine(t!)}` : 'the timer started'}; it is due at ${ctx.isoOf(ctx.timers.due(t!))}`);
  } else if (s === 'none') {
    const why = job.state !== 'Shipping' ? `the job is ${job.state}` : job.delivered ? 'a package was delivered' : 'no overdue timer is pending';
    ctx.flagJob('R-SHIP-OVERDUE', job, `an overdue alert, but ${why}`);
  }
  job.tOverdue = disarm(ctx, t);
  job.alertPending = true;
}

export function contactRow(ctx: CheckState, row: CheckRow): void {
  switch (row.rule) {
    case 'R-SHIP-OVERDUE': {
      const job = requireJob(ctx, row);
      if (!job) return;
      if (!job.alertPending) ctx.flagJob('R-SHIP-OVERDUE', job, 'an overdue contact with no overdue alert before it');
      job.alertPending = false;
      // A delivery since the alert ended the escalation: nothing to close.
      if (job.state === 'Shipping' && !job.delivered) {
        disarm(ctx, job.tNoResponse);
        job.tNoResponse = ctx.arm('noResponse', job, ctx.now + ctx.durations.noResponseClose);
        job.overdueContactPending = true;
      }
      return;
    }
    case 'R-EARLY-ARRIVAL': {
      if (row.entity === 'drive') {
        const x = ctx.drives.get(row.id, row.idHash, row.idDrive);
        if (!x || !x.early || !x.onSite) {
          ctx.flag('R-EARLY-ARRIVAL', 'drive', row.id, row.job, 'an early-arrival contact, but the drive is not an early arrival on site');
          return;
        }
        x.earlyContacted = true;
        return;
      }
      const job = requireJob(ctx, row);
      if (!job) return;
      if (!hasEarlyDrives(job)) ctx.flagJob('R-EARLY-ARRIVAL', job, 'an early-arrival contact, but no early-arrived drive of the job is on site');
      job.earlyContacted = true;
      return;
    }
    case 'R-BAD-RETURN-ADDRESS': {
      const job = requireJob(ctx, row);
      if (!job) return;
      if (job.state !== 'Transferring' && job.state !== 'Packaging') {
        ctx.flagJob('R-BAD-RETURN-ADDRESS', job, `a bad-address contact while the job is ${job.state} (only in Transferring or Packaging)`);
        return;
      }
      disarm(ctx, job.tBadAddress);
      job.tBadAddress = ctx.arm('badAddressDestroy', job, ctx.now + ctx.durations.badAddressDestroy);
      job.badAddressPending = true;
      return;
    }
    case 'R-FAULT': {
      if (row.entity === 'drive') {
        const x = ctx.drives.get(row.id, row.idHash, row.idDrive);
        if (!x || x.state !== 'Faulted') {
          ctx.flag('R-FAULT', 'drive', row.id, row.job, `a fault contact, but the drive is ${x?.state ?? 'unknown'}, not Faulted`);
          return;
        }
        x.faultContacted = true;
        return;
      }
      const job = requireJob(ctx, row);
      if (!job) return;
      const faultedDrives = job.drives.filter((x) => x.state === 'Faulted');
      if (job.state !== 'Faulted' && faultedDrives.length === 0) {
        ctx.flagJob('R-FAULT', job, `a fault contact, but neither the job (${job.state}) nor any of its drives is Faulted`);
      }
      if (job.state === 'Faulted') job.faultContacted = true;
      for (const x of faultedDrives) x.faultContacted = true;
      return;
    }
    default:
      return;
  }
}

function hasEarlyDrives(job: JobRec): boolean {
  return job.drives.some((x) => x.early && x.onSite) || job.extras.some((x) => x.early && x.onSite);
}

export function replyRow(ctx: CheckState, row: CheckRow): void {
  switch (row.rule) {
    case 'R-SHIP-RESOLVE': {
      const job = requireJob(ctx, row);
      if (!job) return;
      if (!job.overdueContactPending) ctx.flagJob('R-SHIP-RESOLVE', job, 'a reply with no unanswered overdue contact before it');
      job.overdueContactPending = false;
      job.tNoResponse = disarm(ctx, job.tNoResponse);
      job.resolveReplied = true;
      return;
    }
    case 'R-EARLY-ARRIVAL': {
      if (row.entity === 'drive') {
        const x = ctx.drives.get(row.id, row.idHash, row.idDrive);
        if (!x || !x.earlyContacted || !x.onSite) {
          ctx.flag('R-EARLY-ARRIVAL', 'drive', row.id, row.job, 'a reply for a drive with no early-arrival contact before it');
          return;
        }
        endEarly(ctx, x);
        x.earlyRepliedAt = ctx.now; // it must be returned at once (checked at the instant's end)
        ctx.touchedDrives.push(x);
        return;
      }
      const job = requireJob(ctx, row);
      if (!job) return;
      if (!job.earlyContacted) ctx.flagJob('R-EARLY-ARRIVAL', job, 'a reply with no early-arrival contact before it');
      job.earlyContacted = false;
      // The customer answered: no early return or destruction; the drives wait for Shipping.
      for (const x of job.drives) if (x.early) endEarly(ctx, x);
      for (const x of job.extras) if (x.early) endEarly(ctx, x);
      return;
    }
    case 'R-BAD-RETURN-ADDRESS': {
      const job = requireJob(ctx, row);
      if (!job) return;
      if (!job.badAddressPending) ctx.flagJob('R-BAD-RETURN-ADDRESS', job, 'a reply with no unanswered bad-address contact before it');
      job.badAddressPending = false;
      job.tBadAddress = disarm(ctx, job.tBadAddress);
      return;
    }
    default:
      return;
  }
}

export function extendRow(ctx: CheckState, row: CheckRow): void {
  if (row.rule !== 'R-SHIP-RESOLVE') return;
  const job = requireJob(ctx, row);
  if (!job) return;
  if (!job.resolveReplied) ctx.flagJob('R-SHIP-RESOLVE', job, 'operations extended the wait without the customer\'s reply to the overdue contact');
  job.resolveReplied = false;
  const text = ctx.details.get(row.detail).get('until');
  const until = text === undefined ? NaN : untilParser.parse(text);
  if (Number.isNaN(until)) {
    ctx.flagJob('R-SHIP-RESOLVE', job, `an extend needs a new deadline (detail until=<ISO instant>), got "${row.detail}"`);
  } else if (until <= ctx.now) {
    ctx.flagJob('R-SHIP-RESOLVE', job, `the extended deadline ${text} is not after the extend itself`);
  } else if (job.state === 'Shipping' && !job.delivered) {
    disarm(ctx, job.tOverdue);
    job.tOverdue = ctx.arm('shippingOverdue', job, until);
  }
}

export function shipRow(ctx: CheckState, row: CheckRow): void {
  const job = requireJob(ctx, row);
  if (!job) return;
  if (row.rule === 'R-FINISH') {
    if (job.state !== 'Packaging') ctx.flagJob('R-FINISH', job, `a return shipment while the job is ${job.state} (only from Packaging)`);
    if (job.badAddressPending) ctx.flagJob('R-BAD-RETURN-ADDRESS', job, 'a return shipment before the customer answered the bad-address contact');
    ctx.setFlag(job, I.RETURN_SHIP);
    job.returnPackage = own(row.package) || '(unnamed)';
    return;
  }
  if (row.package && !ctx.packages.has(row.package)) {
    const p = own(row.package);
    ctx.packages.set(p, job);
    job.packages = appended(job.packages, p);
    if (job.firstPackage === null) job.firstPackage = p;
  }
}

/** A deleted job's return package still in transit, claimed by its deliver or lost row. */
function returnOfDeletedJob(ctx: CheckState, row: CheckRow) {
  const r = row.package ? ctx.returnsInTransit.get(row.package) : undefined;
  if (!r || r.jobId !== row.job || ctx.jobs.has(row.job, row.jobHash, row.jobRec)) return undefined;
  // One thread would have dropped an entry this old at any job's release; this thread sees only its own releases.
  if (ctx.partition !== null && r.shippedAt < ctx.now - returnMemory(ctx)) ctx.partition.mark(ctx.line, 'a return remembered past its time (returnMemory)');
  ctx.returnsInTransit.delete(row.package);
  return r;
}

export function deliverRow(ctx: CheckState, row: CheckRow): void {
  if (returnOfDeletedJob(ctx, row)) return; // the carrier delivers whether or not the record still exists
  // A compacted finished job (compact.ts): a delivery that passes needs no record.
  const c = row.jobRec === null ? ctx.compacted.get(row.job) : undefined;
  if (c !== undefined && deliverCompacted(ctx, c, row)) return;
  const job = requireJob(ctx, row);
  if (!job) return;
  if (!job.returnPackage || (row.package && row.package !== job.returnPackage)) {
    ctx.flagJob('R-FINISH', job, `return package ${row.package || '(unnamed)'} delivered, but the job shipped no such return package`);
  } else if (job.returnLost) {
    ctx.flagJob('R-RETURN-LOST', job, `return package ${row.package} delivered after it was reported lost or damaged`);
  }
  job.returnDelivered = true;
}

export function lostRow(ctx: CheckState, row: CheckRow): void {
  const gone = returnOfDeletedJob(ctx, row);
  if (gone) {
    if (gone.type !== 'export') ctx.flag('R-RETURN-LOST', 'job', row.id, row.id, `a lost or damaged return of an ${gone.type || 'untyped'} job: R-RETURN-LOST is about export jobs`);
    ctx.lostJobs.add(gone.jobId);
    return;
  }
  const job = requireJob(ctx, row);
  if (!job) return;
  if (row.rule !== 'R-RETURN-LOST') ctx.flagJob('R-RETURN-LOST', job, `a lost row must cite R-RETURN-LOST, not "${row.rule}"`);
  if (job.type !== 'export') ctx.flagJob('R-RETURN-LOST', job, `a lost or damaged return of an ${job.type || 'untyped'} job: R-RETURN-LOST is about export jobs`);
  if (!job.returnPackage || (row.package && row.package !== job.returnPackage)) {
    ctx.flagJob('R-RETURN-LOST', job, `return package ${row.package || '(unnamed)'} lost, but the job shipped no such return package`);
  } else if (job.returnDelivered) {
    ctx.flagJob('R-RETURN-LOST', job, `return package ${row.package} reported lost or damaged after it was delivered`);
  }
  if (job.state !== 'Completed' && job.state !== 'Closed') ctx.flagJob('R-RETURN-LOST', job, `a lost return while the job is ${job.state}, not Completed or Closed`);
  const outcome = ctx.details.get(row.detail).get('outcome');
  if (outcome !== 'lost' && outcome !== 'damaged') ctx.flagJob('R-RETURN-LOST', job, `detail outcome must be lost or damaged, got ${outcome ?? '(none)'}`);
  job.returnLost = true;
  ctx.lostJobs.add(job.id);
}
