/** Put Job: a new job and its drives enter the model (rows of "Put Job" in docs/timeline.md). */
import { Drive, Job, type DriveRole, type JobType } from './entities.js';
import type { World } from './world.js';
import { onCreatingExpired } from './creating.js';
import { planCustomer } from './customer.js';

export interface PutOptions {
  type: JobType;
  drives: number;
  /** Bytes per drive; drawn when absent. */
  bytes?: number[];
  reexportOf?: string;
}

export function putJob(w: World, o: PutOptions): Job {
  const index = w.nextJob++;
  const now = w.sim.now;
  const job = new Job(w, index, o.type, now, 'Creating', o.drives, w.traces(index), o.reexportOf ?? '');
  job.setEnteredAt(0, now);
  w.jobs.set(index, job);
  w.jobsInState[0]++;
  // Details are built only for rows that are written (an untraced row is only counted).
  const detail = job.traced ? `type=${o.type};drives=${o.drives}${o.reexportOf ? `;reexport-of=${o.reexportOf}` : ''}` : '';
  w.emitJob(job, 'put', '', '', '', '', detail);
  w.emitJob(job, 'state', '', 'Creating', '');
  const drives: Drive[] = [];
  for (let n = 1; n <= o.drives; n++) {
    const bytes = o.bytes?.[n - 1] ?? Math.round(w.samplers.bytesPerDrive.sample(w.streams.arrivals));
    const d = newDrive(w, n, job, null, 'listed', bytes);
    drives.push(d);
    job.totalBytes += bytes;
    w.initDriveState(d, o.type === 'import' ? 'Specified' : 'Received');
  }
  // A copy as long as the list: the array pushed into has room for 16, and the job keeps it for weeks.
  job.drives = drives.slice();
  if (o.type === 'export') job.incompleteBlobList = w.chance(w.scenario.datacenter.incompleteBlobList, w.streams.arrivals);
  job.expiryTimer = w.startTimer('creatingExpire', onCreatingExpired, job);
  planCustomer(w, job);
  return job;
}

/** `num`: the number in the drive's ID (its role says the ID's form: entities.ts). */
export function newDrive(w: World, num: number, job: Job | null, carrier: Job | null, role: DriveRole, bytes: number): Drive {
  w.liveDrives++;
  const owner = job ?? carrier;
  return new Drive(w.driveRows, num, job, carrier, role, bytes, owner ? owner.traced : w.timeline.kind === 'full');
}
