/**
 * Releasing records: a deleted job (and its drives no longer on site) leaves
 * memory and is handed to the sink as a jobs.csv / drives.csv record, so
 * memory follows the number of open jobs, not the total.
 */
import { DRIVE_STATES, JOB_STATES } from '../spec/states.js';
import type { Drive, Job } from './entities.js';
import type { World } from './world.js';

export function releaseJob(w: World, job: Job, rule: string): void {
  job.deleted = w.sim.now;
  job.deleteRule = rule;
  w.jobs.delete(job.id);
  w.jobsInState[JOB_STATES.indexOf(job.state)]--;
  for (const key of ['expiryTimer', 'neverReceivedTimer', 'overdueTimer', 'noResponseTimer', 'replyTimer', 'addressTimer', 'retentionTimer'] as const) {
    job[key] = w.cancelTimer(job[key]);
  }
  w.sink.job?.({ job, finalState: job.state });
  for (const d of [...job.drives, ...job.riders]) {
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
  if (d.state !== null) w.drivesInState[DRIVE_STATES.indexOf(d.state)]--;
  w.sink.drive?.({ drive: d });
}
