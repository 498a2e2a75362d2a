/**
 * Copy stations: each received drive waits for a station (a capacity-limited
 * resource on the copy calendar), copies for overhead + bytes / throughput,
 * and ends Completed or CompletedMoreInfo; a drive may fault mid-copy
 * (R-FAULT). The job follows: Transferring at the first copy
 * (R-TRANSFER-START), Packaging when every drive is done (R-PACKAGING).
 */
import { DAY, SECOND } from '../sim/time.js';
import { NO_TIMER, type Drive, type Job } from './entities.js';
import type { World } from './world.js';
import { enterPackaging } from './finish.js';
import { requestContact } from './operations.js';

/** Starts the copies of a job's received drives (after R-RECEIVED, or when a job fault is resolved). */
export function startCopies(w: World, job: Job): void {
  if (job.cancelRequested) {
    for (const d of job.drives) if (d.state === 'Received') d.skipped = true;
    w.setJobState(job, 'Transferring', 'R-TRANSFER-START', 'cancelled=true');
    checkPackaging(w, job);
    return;
  }
  for (const d of job.drives) if (d.state === 'Received' && !d.copying && d.copyRequest < 0) requestCopy(w, d);
}

export function requestCopy(w: World, d: Drive): void {
  d.job!.copiesOpen++;
  d.copyRequested = w.sim.now;
  const handle = w.copy.request(onCopyGranted, d);
  if (!d.copying) d.copyRequest = handle;
}

/** R-CANCEL: drives still waiting for a station never start. */
export function withdrawQueuedCopies(w: World, job: Job): void {
  for (const d of job.drives) {
    if (d.copyRequest >= 0 && w.copy.withdraw(d.copyRequest)) {
      d.copyRequest = NO_TIMER;
      d.skipped = true;
      job.copiesOpen--;
    } else if (d.state === 'Received' && !d.copying) d.skipped = true;
  }
}

// Only listed drives are copied, so d.job is set; the drive is its copy's event data.
function onCopyGranted(d: Drive): void {
  const job = d.job!;
  const w = job.w;
  const now = w.sim.now;
  d.copyRequest = NO_TIMER;
  d.copying = true;
  d.copyWait = (Number.isNaN(d.copyWait) ? 0 : d.copyWait) + (now - d.copyRequested);
  if (w.kpis.counts(job)) w.kpis.copyWait.add((now - d.copyRequested) / DAY);
  w.setDriveState(d, 'Transferring', '');
  if (job.state === 'Received') w.setJobState(job, 'Transferring', 'R-TRANSFER-START');
  const r = w.streams.copy;
  const throughput = Math.max(1, w.samplers.copyThroughput.sample(r));
  const work = w.samplers.copyOverhead.sample(r) + (d.bytes / throughput) * SECOND;
  // Infinity when the copy cannot end before the horizon: it is then still running at the end of the run.
  const end = w.copyCalendar.addWorking(now, work, w.horizon);
  d.copyStart = now;
  d.copyEnd = end;
  const faults = w.chance(w.scenario.faults.drive, w.streams.faults);
  const faultAt = now + w.streams.faults.next() * (end - now);
  if (faults) w.atBeforeHorizon(faultAt, onDriveFault, d);
  else w.atBeforeHorizon(end, onCopyEnd, d);
}

function onCopyEnd(d: Drive): void {
  const job = d.job!;
  const w = job.w;
  d.copying = false;
  const o = w.scenario.datacenter.copyOutcome;
  const u = w.streams.copy.next();
  const outcome = u < o.errors ? 'errors' : u < o.errors + o.warnings ? 'warnings' : u < o.errors + o.warnings + o.info ? 'info' : 'ok';
  d.outcome = outcome;
  if (outcome === 'ok') w.setDriveState(d, 'Completed', '');
  else w.setDriveState(d, 'CompletedMoreInfo', '', `outcome=${outcome}`);
  if (outcome === 'errors') job.errors = true;
  // Release after the drive's row: the next drive's start follows this one's end in the timeline.
  w.copy.release();
  job.copiesOpen--;
  checkPackaging(w, job);
}

/** R-FAULT on a drive: it leaves its station; once resolved its copy restarts from Received. */
function onDriveFault(d: Drive): void {
  const job = d.job!;
  const w = job.w;
  d.copying = false;
  d.copyEnd = NaN;
  w.setDriveState(d, 'Faulted', 'R-FAULT');
  w.copy.release();
  job.faults++;
  requestContact(w, w.kpis.counts(job), () => {
    w.emitDrive(job.traced, d, 'contact', '', '', 'R-FAULT');
    job.escalations++;
    const resolution = w.samplers.faultResolution.sample(w.streams.faults);
    const unresolved = w.chance(w.scenario.faults.unresolved, w.streams.faults);
    w.sim.after(resolution, () => {
      if (unresolved) {
        d.outcome = 'errors';
        job.errors = true;
        w.setDriveState(d, 'CompletedMoreInfo', 'R-FAULT', 'outcome=errors;fault=unresolved');
        job.copiesOpen--;
        checkPackaging(w, job);
        return;
      }
      w.setDriveState(d, 'Received', 'R-FAULT');
      job.copiesOpen--;
      if (job.cancelRequested) {
        d.skipped = true;
        checkPackaging(w, job);
      } else requestCopy(w, d);
    });
  });
}

/** R-PACKAGING: every drive finished (copied, never received, or skipped by a cancel). */
export function checkPackaging(w: World, job: Job): void {
  if (job.state !== 'Transferring' || job.copiesOpen > 0) return;
  w.setJobState(job, 'Packaging', 'R-PACKAGING');
  enterPackaging(w, job);
}
