/**
 * Releasing records: a deleted job (and its drives no longer on site) leaves
 * memory and is handed to the sink as a jobs.csv / drives.csv record, so
 * memory follows the number of open jobs, not the total.
 */
import type { Drive, Job } from './entities.js';
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
