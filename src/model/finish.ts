/**
 * Packaging and the end of a job: R-BAD-RETURN-ADDRESS, the return shipment
 * (R-FINISH, with extra and orphan drives: R-EXTRA-DRIVE, R-ORPHAN-DRIVE),
 * its delivery or loss (R-RETURN-LOST), and R-RETENTION.
 */
import { TIMERS } from '../spec/timers.js';
import { NO_TIMER, type Job } from './entities.js';
import { returnPackageId } from './ids.js';
import type { World } from './world.js';
import { customerAnswer, requestContact } from './operations.js';
import { returnDrive } from './dock.js';
import { releaseDrive, releaseJob, releaseRetained, retireFinishedJob } from './release.js';
import { putJob } from './put.js';
import { onDelete } from './customer.js';
import { requestDeleteRetained } from './api.js';

export function enterPackaging(w: World, job: Job): void {
  if (!w.chance(w.scenario.datacenter.badReturnAddress, w.streams.dock)) {
    schedulePackaged(w, job);
    return;
  }
  requestContact(w, w.kpis.counts(job), () => {
    w.emitJob(job, 'contact', '', '', 'R-BAD-RETURN-ADDRESS');
    job.escalations++;
    const answer = customerAnswer(w);
    if (answer !== null && answer < w.durations.badAddressDestroy) {
      job.addressReplyTimer = w.sim.after(answer, onAddressReply, job);
    } else {
      job.addressTimer = w.startTimer('badAddressDestroy', onAddressDestroy, job);
    }
  });
}

function onAddressReply(job: Job): void {
  const w = job.w;
  job.addressReplyTimer = NO_TIMER;
  w.emitJob(job, 'reply', '', '', 'R-BAD-RETURN-ADDRESS');
  schedulePackaged(w, job);
}

/** R-BAD-RETURN-ADDRESS: the customer was not reached; the drives on site are destroyed and the job closes. */
function onAddressDestroy(job: Job): void {
  const w = job.w;
  job.addressTimer = NO_TIMER;
  const detail = `timer=${TIMERS.badAddressDestroy.name}`;
  for (const d of [...job.drives, ...job.riders]) {
    if (!d.onSite) continue;
    w.emitDrive(d.traced, d, 'destroy', '', '', 'R-BAD-RETURN-ADDRESS', '', detail);
    d.destroyed = w.sim.now;
    w.setOnSite(d, false);
    if (d.role !== 'listed') releaseDrive(w, d);
  }
  job.errors = true;
  w.setJobState(job, 'Closed', 'R-FINISH', 'destroyed=true');
  enterFinished(w, job);
}

function schedulePackaged(w: World, job: Job): void {
  const days = w.samplers.packagingDelay.sample(w.streams.dock);
  w.atBeforeHorizon(w.dockCalendar.addWorkingDays(w.sim.now, days, w.horizon), onReturnShipped, job);
}

/** R-FINISH: the return shipment; every drive on site goes back, then the job ends. */
function onReturnShipped(job: Job): void {
  const w = job.w;
  w.emitJob(job, 'ship', '', '', 'R-FINISH', returnPackageOf(job));
  for (const d of job.drives) {
    if (d.onSite) {
      // Delivered late but not yet through the dock: operations take it in first (R-LATE-DRIVE).
      if (d.state === 'NeverReceived' || d.state === 'Specified') w.setDriveState(d, 'Received', d.state === 'NeverReceived' ? 'R-LATE-DRIVE' : '');
      w.setDriveState(d, 'ShippedBack', 'R-FINISH');
      w.setOnSite(d, false);
    } else if (d.state === 'NeverReceived') job.errors = true;
  }
  returnRiders(w, job);
  job.returnShipped = w.sim.now;
  w.setJobState(job, job.errors ? 'Closed' : 'Completed', 'R-FINISH');
  w.kpis.returnShipped(job);
  // Drawn before the finish (another stream, so the same values): a damaged export keeps its
  // drive sizes for a re-export, since the finish may move the job into w.retained.
  const ca = w.scenario.carrier, r = w.streams.carrier;
  const lost = w.chance(ca.returnLost, r), damaged = w.chance(ca.returnDamaged, r);
  const transit = w.samplers.returnTransit.sample(r);
  const outcome = job.type === 'export' ? (lost ? 'lost' : damaged ? 'damaged' : '') : '';
  const bytes = outcome === 'damaged' ? job.drives.map((d) => d.bytes) : null;
  enterFinished(w, job);
  // Most return shipments arrive: their event carries just the job.
  if (outcome === '') w.sim.after(transit, onReturnArrived, job);
  else w.sim.after(transit, onReturnFailed, { w, job, outcome, bytes });
}

/**
 * The return package's ID for a traced row (an untraced row makes no ID). From the job's ID alone:
 * the return's events come after the job may have retired, its numbers freed.
 */
function returnPackageOf(job: Job): string {
  return job.traced ? returnPackageId(job.id) : '';
}

/** Extra and orphan drives go back with their job (R-EXTRA-DRIVE, R-ORPHAN-DRIVE). */
export function returnRiders(w: World, job: Job): void {
  for (const d of job.riders) if (d.onSite) returnDrive(w, d, d.role === 'extra' ? 'R-EXTRA-DRIVE' : 'R-ORPHAN-DRIVE');
}

function onReturnArrived(job: Job): void {
  job.w.emitJob(job, 'deliver', '', '', '', returnPackageOf(job));
}

function onReturnFailed({ w, job, outcome, bytes }: { w: World; job: Job; outcome: string; bytes: number[] | null }): void {
  w.emitJob(job, 'lost', '', '', 'R-RETURN-LOST', returnPackageOf(job), `outcome=${outcome}`);
  const again = w.chance(w.scenario.customer.reexportAfterDamage, w.streams.customer);
  if (outcome === 'damaged' && again) {
    putJob(w, { type: 'export', drives: job.driveCount, bytes: bytes!, reexportOf: job.id });
  }
}

/** Completed or Closed: retention starts, and the customer may delete the record. */
export function enterFinished(w: World, job: Job): void {
  job.finishedAt = w.sim.now;
  const seq = retireFinishedJob(w, job);
  w.kpis.finish(job, w.sim.now);
  // Retired into w.retained, the job's events carry its seq (a number: no allocation).
  const on = seq >= 0 ? retainedHandlers(w) : null;
  if (on) w.retained.setRetentionTimer(seq, w.startTimer('retention', on.retention, seq));
  else job.retentionTimer = w.startTimer('retention', onRetention, job);
  if (job.deleteAfterFinish) {
    const after = w.samplers.deleteAfterFinishDelay.sample(w.streams.customer);
    if (after < w.durations.retention) {
      if (on) w.sim.after(after, on.delete, seq);
      else w.sim.after(after, onDelete, job);
    }
  }
}

function onRetention(job: Job): void {
  const w = job.w;
  job.retentionTimer = NO_TIMER;
  if (job.isDeleted) return;
  w.emitJob(job, 'delete', job.state, '', 'R-RETENTION', '', RETENTION_DETAIL);
  releaseJob(w, job, 'R-RETENTION');
}

const RETENTION_DETAIL = `timer=${TIMERS.retention.name}`;

/** The retained jobs' event handlers, one pair per world (events carry only the seq). */
function retainedHandlers(w: World): NonNullable<World['retainedHandlers']> {
  if (w.retainedHandlers) return w.retainedHandlers;
  const r = w.retained;
  w.retainedHandlers = {
    retention: (seq: number) => {
      r.setRetentionTimer(seq, NO_TIMER);
      if (!r.has(seq)) return;
      const id = r.rowId(seq);
      w.emit(r.traced(seq), 'delete', 'job', id, id, r.state(seq), '', 'R-RETENTION', '', RETENTION_DETAIL);
      releaseRetained(w, seq, 'R-RETENTION');
    },
    delete: (seq: number) => requestDeleteRetained(w, seq),
  };
  return w.retainedHandlers;
}
