/**
 * Releasing records: a deleted job (and its drives no longer on site) leaves
 * memory and is handed to the sink as a jobs.csv / drives.csv record, so
 * memory follows the number of open jobs, not the total.
 */
import { NO_TIMER, type Drive, type Job } from './entities.js';
import type { World } from './world.js';

export function releaseJob(w: World, job: Job, rule: string): void {
  job.deleted = w.sim.now;
  job.deleteRule = rule;
  w.jobs.delete(job.id);
  w.jobsInState[w.jobStateIndex(job.state)]--;
  job.expiryTimer = w.cancelTimer(job.expiryTimer);
  job.neverReceivedTimer = w.cancelTimer(job.neverReceivedTimer);
  job.overdueTimer = w.cancelTimer(job.overdueTimer);
  job.noResponseTimer = w.cancelTimer(job.noResponseTimer);
  job.replyTimer = w.cancelTimer(job.replyTimer);
  job.addressReplyTimer = w.cancelTimer(job.addressReplyTimer);
  job.addressTimer = w.cancelTimer(job.addressTimer);
  job.retentionTimer = w.cancelTimer(job.retentionTimer);
  w.sink.job?.({ job, finalState: job.state });
  // Compacted drives were released at the finish but count in their states until the job goes.
  if (job.finishedDrives) for (const s of job.finishedDrives.states) w.drivesInState[w.driveStateIndex(s)]--;
  releaseAll(w, job.drives);
  releaseAll(w, job.riders);
}

function releaseAll(w: World, drives: Drive[]): void {
  for (const d of drives) {
    // A drive still on site or on its way has a future (return, destruction): keep it until then.
    if (d.onSite || d.inTransit) w.loose.add(d);
    else releaseDrive(w, d);
  }
}

export function releaseDrive(w: World, d: Drive): void {
  if (d.released) return;
  d.released = true;
  w.liveDrives--;
  w.loose.delete(d);
  if (d.state !== null) w.drivesInState[w.driveStateIndex(d.state)]--;
  w.sink.drive?.({ drive: d });
}

/**
 * A finished job whose drives have all left (none on site, none on its way,
 * no early-arrival timer) writes their records now and keeps only their
 * states, sizes and outcomes: most jobs then spend their 90 days of
 * retention as one small object. Day counts still see the drives in their
 * states until the job is deleted.
 */
export function compactFinishedJob(w: World, job: Job): void {
  const gone = (d: Drive) => !d.onSite && !d.inTransit && !d.copying && d.earlyReturnTimer === NO_TIMER && d.earlyDestroyTimer === NO_TIMER;
  if (job.finishedDrives || !job.drives.every(gone) || !job.riders.every(gone)) return;
  job.finishedDrives = {
    states: job.drives.map((d) => d.state!),
    bytes: job.drives.map((d) => d.bytes),
    outcomes: job.drives.map((d) => d.outcome),
    processed: job.drives.map((d) => !Number.isNaN(d.entered[3])), // entered Transferring
  };
  for (const d of job.drives) {
    if (d.released) continue;
    d.released = true;
    w.liveDrives--;
    w.sink.drive?.({ drive: d });
  }
  for (const d of job.riders) releaseDrive(w, d);
  job.drives = [];
  job.riders = [];
}
