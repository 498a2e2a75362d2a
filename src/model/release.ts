/**
 * Releasing records: a deleted job (and its drives no longer on site) leaves
 * memory and is handed to the sink as a jobs.csv / drives.csv record, so
 * memory follows the number of open jobs, not the total.
 */
import { NO_TIMER, type Drive, type Job } from './entities.js';
import { ModelBug, type World } from './world.js';

export function releaseJob(w: World, job: Job, rule: string): void {
  job.deleted = w.sim.now;
  job.deleteRule = rule;
  w.jobs.delete(job.index);
  w.jobsInState[job.stateIndex]--;
  job.expiryTimer = w.cancelTimer(job.expiryTimer);
  job.neverReceivedTimer = w.cancelTimer(job.neverReceivedTimer);
  job.overdueTimer = w.cancelTimer(job.overdueTimer);
  job.noResponseTimer = w.cancelTimer(job.noResponseTimer);
  job.replyTimer = w.cancelTimer(job.replyTimer);
  job.addressReplyTimer = w.cancelTimer(job.addressReplyTimer);
  job.addressTimer = w.cancelTimer(job.addressTimer);
  job.retentionTimer = w.cancelTimer(job.retentionTimer);
  w.recordJob(job);
  releaseAll(w, job.drives);
  releaseAll(w, job.riders);
  job.free();
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
  if (d.stateIndex >= 0) w.drivesInState[d.stateIndex]--;
  w.recordDrive(d);
  d.free(w.driveRows);
}

/**
 * A finished job whose drives have all left (none on site, none on its way,
 * no early-arrival timer) writes their records now and moves into the
 * world's RetainedJobs: the 90 days of R-RETENTION then cost ~150 bytes of
 * typed arrays instead of the Job and Drive objects. Returns the seq, or -1
 * when a drive still has a future (the job then stays an object until
 * deleted). Day counts still see the drives in their states until the job
 * is deleted.
 */
export function retireFinishedJob(w: World, job: Job): number {
  // A released drive is gone for good (and its numbers are freed).
  const gone = (d: Drive) => d.released || (!d.onSite && !d.inTransit && !d.copying && d.earlyReturnTimer === NO_TIMER && d.earlyDestroyTimer === NO_TIMER);
  if (job.retired >= 0 || !job.drives.every(gone) || !job.riders.every(gone)) return -1;
  // A job's listed drives are released here (never before: dock.ts, early.ts), after the retained entry reads them.
  for (const d of job.drives) {
    if (d.released) throw new ModelBug(`listed drive ${d.id} released before its job retired`);
    d.released = true;
    w.liveDrives--;
    w.recordDrive(d);
  }
  for (const d of job.riders) releaseDrive(w, d);
  const seq = w.retained.add(job);
  for (const d of job.drives) d.free(w.driveRows);
  job.retired = seq;
  w.jobs.delete(job.index);
  job.dropDrives();
  job.free();
  return seq;
}

/** Deletes a job in retention (R-RETENTION, R-DELETE): its record goes to the sink. */
export function releaseRetained(w: World, seq: number, rule: string): void {
  const r = w.retained;
  const deleted = w.sim.now;
  w.jobsInState[r.stateIndex(seq)]--;
  w.cancelTimer(r.retentionTimer(seq));
  w.recordRetainedJob(seq, deleted, rule);
  r.uncountDrives(seq, w.drivesInState);
  r.remove(seq);
}
